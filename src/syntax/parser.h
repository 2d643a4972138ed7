// Dependency parser: Universal Dependencies heads and relations for tagged
// tokens (run the Tagger first: the parser reads Token::xpos).
//
//   Result<Parser> parser = Parser::Load("models/parser.model");
//   if (!parser.ok()) return parser.error();
//   tagger.Tag(&doc);
//   parser.value().Parse(&doc);   // fills Token::head and Token::deprel
//
// Model: greedy transition-based arc-hybrid parser (SHIFT, LEFT-label,
// RIGHT-label) with an averaged perceptron over Zhang & Nivre style
// features, trained with a dynamic oracle and exploration (Goldberg & Nivre
// 2013). The oracle scores every transition by the gold arcs it makes
// unreachable and takes the cheapest, so non-projective training trees need
// no projectivization (the parser itself only builds projective trees).
// Models may average several perceptrons trained with different seeds
// (TrainOptions::parser_members) and may re-attach punctuation after
// parsing by UD's rule (ReattachPunctuation below; a flag in the model).
// Exactly one token per sentence gets the root (kRootHead). Runs in time
// linear in the sentence length. Trained by TrainParser (syntax/train.h).
#ifndef CHRONICLE_SYNTAX_PARSER_H_
#define CHRONICLE_SYNTAX_PARSER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

struct ParserModel;

class Parser {
 public:
  // Errors: kIo (unreadable file), kModel (not a parser model, unknown
  // version, corrupt or truncated; names the file, what was expected and
  // what was found).
  static Result<Parser> Load(const std::string& path);
  static Result<Parser> FromBytes(std::string_view bytes, const std::string& file_name);

  // Fills head (a token index within the same sentence, or kRootHead) and
  // deprel of every token of every sentence. Thread-safe (read-only model,
  // per-call scratch).
  void Parse(Document* doc) const;

  const std::string& settings() const;

 private:
  std::shared_ptr<const ParserModel> model_;
};

// Re-attaches the punctuation of one sentence the way UD's guidelines place
// it (https://universaldependencies.org/u/dep/punct.html): projectively, to
// the head of the neighbouring unit. `head` has one entry per token: a token
// index 0..n-1, or n for ROOT; `punct[i]` marks punctuation tokens and
// `form[i]` is the token's text. Parsers made by TrainParser with
// parser_punct_rule apply it to every sentence after parsing.
//   1. dependents of punctuation move up to the nearest non-punctuation
//      ancestor;
//   2. a paired mark and its partner ((...), [...], {...}, "...", “...”)
//      attach to the first and the last word between them whose head lies
//      outside the pair;
//   3. any other mark gets two candidates, the nearest word on its left
//      (climbing to the head while the head is still left of the mark and
//      the subtree ends before it) and the nearest word on its right (the
//      same, mirrored; none after . ? !), and attaches to the lower of the
//      two (the one inside the other's subtree; else the left one).
// Leaves the sentence unchanged when its root is punctuation or `head` is
// not a tree (one ROOT arc is not checked: the input's roots are kept).
// Linear in the sentence length apart from the candidates' climbs (at most
// the tree's depth per mark). Thread-safe (no shared state).
void ReattachPunctuation(const std::vector<char>& punct, const std::vector<std::string_view>& form,
                         std::vector<int>* head);

}  // namespace chronicle

#endif  // CHRONICLE_SYNTAX_PARSER_H_
