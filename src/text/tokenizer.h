// Tokenizer and sentence splitter for English news text.
//
// Splits Document::text into tokens (byte spans, UD English EWT conventions)
// and sentences, with rules kept as data in data/en/:
//   abbreviations.txt      Mr. / Inc. / Jan. / No. (with kinds)
//   hyphen_prefixes.txt    prefixes kept across a hyphen (e-mail, non-profit)
//   clitics.txt            n't 's 'm 'd 'll 're 've
//   word_splits.txt        cannot -> can not, gonna -> gon na
//   emoticons.txt          :-) and friends
//   sentence_starters.txt  words that begin a sentence after "Inc." etc.
//   number_units.txt       units split from a number ("5pm" -> 5 pm)
//   headline_minor_words.txt  lower-case words of title-case headlines
//
//   Result<Tokenizer> tok = Tokenizer::Load(data_dir);   // ".../data"
//   if (!tok.ok()) { std::cerr << tok.error().ToString() << "\n"; ... }
//   Document doc;
//   doc.text = "Mr. Smith didn't pay $5.2 million. He left.";
//   tok.value().Tokenize(&doc);
//   // tokens: Mr. | Smith | did | n't | pay | $ | 5.2 | million | . | He |
//   //         left | .      sentences: 2
//
// Conventions (those of UD English EWT where news needs them): clitics split
// ("don't" -> do n't, "2018's" -> 2018 's, but "1990's" stays); hyphens
// between letters are tokens ("10-year-old" -> 10 - year - old) except after
// a listed prefix ("e-mail") and between digits ("713-853-3989"); numbers keep
// , . : / inside ("1,000", "3.5", "9:30", "11/28/2000"); URLs, e-mail
// addresses, @handles and #hashtags are one token; runs of . ! ? ("...",
// "?!") and of hyphens ("--") are one token; `` and '' are one token;
// every other punctuation mark, symbol and emoji (with its modifiers) is a
// token of its own. Letters of any script group into words, so a run of
// Chinese or Thai text without spaces is one token. Whitespace, control
// characters and bytes that are not valid UTF-8 separate tokens and belong to
// none, so every token span is valid UTF-8 on character boundaries.
//
// Sentences end after . ! ? (with closing quotes and brackets), also before
// a lower-case word as in web text, except after an ellipsis, inside a
// quotation ("Why?" she asked) or after a capitalized word ("Bancorp. for");
// after an abbreviation only when a typical sentence starter, an opening
// quote or a paragraph end follows, and then the abbreviation gives its
// period to a token of its own as in EWT ("... to the U.S." -> U.S | .);
// after a URL or emoticon before a capitalized word; always at a blank line
// (so a headline without final punctuation is its own sentence). A single
// line break ends a sentence only after a title-case line of its own
// ("Storm Hits Coast of Maine\nThe storm..."); otherwise it is a wrap.
#ifndef CHRONICLE_TEXT_TOKENIZER_H_
#define CHRONICLE_TEXT_TOKENIZER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

namespace text_internal {
struct Lexicon;
}  // namespace text_internal

class Tokenizer {
 public:
  // Reads the word lists from `data_dir` + "/en/..." (data_dir is the
  // repository's data/ folder). Errors: kIo naming a missing file; kModel
  // with "file:line: message" for a malformed or duplicate entry. Takes well
  // under 5 ms.
  static Result<Tokenizer> Load(const std::string& data_dir);

  // Fills doc->tokens (byte spans into doc->text; space_after is false when
  // the next token starts right at this token's end, and for the last token
  // when it ends the text) and doc->sentences, replacing any existing ones
  // (other token fields are reset). Never fails: any byte string, valid
  // UTF-8 or not, is accepted. Thread-safe: const, no shared mutable state.
  void Tokenize(Document* doc) const;

  // Copies share the read-only word lists; a moved-from Tokenizer must not
  // be used (it holds no lists).
  Tokenizer(const Tokenizer&) = default;
  Tokenizer& operator=(const Tokenizer&) = default;
  Tokenizer(Tokenizer&&) = default;
  Tokenizer& operator=(Tokenizer&&) = default;
  ~Tokenizer();

 private:
  explicit Tokenizer(std::shared_ptr<const text_internal::Lexicon> lexicon);
  std::shared_ptr<const text_internal::Lexicon> lexicon_;
};

}  // namespace chronicle

#endif  // CHRONICLE_TEXT_TOKENIZER_H_
