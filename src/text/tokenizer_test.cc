#include "text/tokenizer.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "text/tokenizer_testing.h"
#include "util/file.h"
#include "util/utf8.h"

#include <unistd.h>

namespace chronicle {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

const Tokenizer& Tok() {
  static const Tokenizer* tok = [] {
    Result<Tokenizer> t = Tokenizer::Load(CHRONICLE_SOURCE_DIR "/data");
    if (!t.ok()) {
      ADD_FAILURE() << t.error().ToString();
      std::abort();
    }
    return new Tokenizer(std::move(t).value());
  }();
  return *tok;
}

std::vector<std::string> Tokens(const std::string& text) {
  Document doc;
  doc.text = text;
  Tok().Tokenize(&doc);
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.emplace_back(doc.Text(t.span));
  return out;
}

std::vector<std::string> Sentences(const std::string& text) {
  Document doc;
  doc.text = text;
  Tok().Tokenize(&doc);
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.Text(s.span));
  return out;
}

struct Case {
  std::string text;
  std::vector<std::string> tokens;
};

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_THAT(Tokens(c.text), ElementsAreArray(c.tokens)) << c.text;
    Document doc;
    doc.text = c.text;
    Tok().Tokenize(&doc);
    ExpectInvariants(doc);
  }
}

TEST(TokenizerTest, Abbreviations) {
  RunCases({
      {"the U.S. economy", {"the", "U.S.", "economy"}},
      {"Dr. Smith and Mr. Jones", {"Dr.", "Smith", "and", "Mr.", "Jones"}},
      {"on Jan. 5", {"on", "Jan.", "5"}},
      {"Apple Inc. and IBM Corp.,", {"Apple", "Inc.", "and", "IBM", "Corp.", ","}},
      {"at 9 a.m. or 5 p.m. Friday", {"at", "9", "a.m.", "or", "5", "p.m.", "Friday"}},
      // An abbreviation ending a sentence gives its period to a token of
      // its own, as EWT does.
      {"at 5 p.m.", {"at", "5", "p.m", "."}},
      {"to the U.S. The move", {"to", "the", "U.S", ".", "The", "move"}},
      {"to the U.S.\" He", {"to", "the", "U.S", ".", "\"", "He"}},
      {"No. 5 and No. 6", {"No.", "5", "and", "No.", "6"}},
      {"He said no.", {"He", "said", "no", "."}},
      {"I said No. Then", {"I", "said", "No", ".", "Then"}},
      {"i.e. this, e.g. that", {"i.e.", "this", ",", "e.g.", "that"}},
      {"Approx. ten", {"Approx.", "ten"}},
      {"a Ph.D. student", {"a", "Ph.D.", "student"}},
      {"the end.", {"the", "end", "."}},
      {"cats etc.", {"cats", "etc", "."}},
      {"cats etc. and dogs", {"cats", "etc.", "and", "dogs"}},
      {"BLOCKBUSTER ENTERTAINMENT CORP. said", {"BLOCKBUSTER", "ENTERTAINMENT", "CORP.", "said"}},
      {"the non-U.S. markets", {"the", "non-U.S.", "markets"}},
  });
}

TEST(TokenizerTest, Initials) {
  RunCases({
      {"J. R. R. Tolkien", {"J.", "R.", "R.", "Tolkien"}},
      {"George W. Bush", {"George", "W.", "Bush"}},
      {"Jennifer M. Anderson", {"Jennifer", "M.", "Anderson"}},
  });
}

TEST(TokenizerTest, Quotes) {
  RunCases({
      {"``Yes,'' he said.", {"``", "Yes", ",", "''", "he", "said", "."}},
      {"\"Yes,\" he said.", {"\"", "Yes", ",", "\"", "he", "said", "."}},
      {"“Yes,” he said.", {"“", "Yes", ",", "”", "he", "said", "."}},
      {"‘Don’t throw me.’", {"‘", "Do", "n’t", "throw", "me", ".", "’"}},
      {"'hello'", {"'", "hello", "'"}},
      {"‘’Should we?’’ he said", {"‘’", "Should", "we", "?", "’’", "he", "said"}},
      {"the parents' car", {"the", "parents", "'", "car"}},
  });
}

TEST(TokenizerTest, Clitics) {
  RunCases({
      {"don't", {"do", "n't"}},
      {"can’t", {"ca", "n’t"}},
      {"won't", {"wo", "n't"}},
      {"DON'T", {"DO", "N'T"}},
      {"I'm", {"I", "'m"}},
      {"we'll they're you've he'd", {"we", "'ll", "they", "'re", "you", "'ve", "he", "'d"}},
      {"2018’s Fallout", {"2018", "’s", "Fallout"}},
      {"Bush's", {"Bush", "'s"}},
      {"O'Brien's", {"O'Brien", "'s"}},
      {"rock'n'roll", {"rock'n'roll"}},
      {"cannot", {"can", "not"}},
      {"Cannot", {"Can", "not"}},
      {"gonna", {"gon", "na"}},
      {"n't", {"n't"}},
  });
}

TEST(TokenizerTest, Dashes) {
  RunCases({
      {"Impossible — Fallout", {"Impossible", "—", "Fallout"}},
      {"yes--no", {"yes", "--", "no"}},
      {"this - that", {"this", "-", "that"}},
      {"a – b", {"a", "–", "b"}},
  });
}

TEST(TokenizerTest, Numbers) {
  RunCases({
      {"1,000 people", {"1,000", "people"}},
      {"1,000,000", {"1,000,000"}},
      {"3.5 percent", {"3.5", "percent"}},
      {"at 9:30", {"at", "9:30"}},
      {"the '90s", {"the", "'90s"}},
      {"the 1990s", {"the", "1990s"}},
      {"the 1990's", {"the", "1990's"}},
      {"1, 2, 3", {"1", ",", "2", ",", "3"}},
      {"on 11/28/2000", {"on", "11/28/2000"}},
      {"$5.2 million", {"$", "5.2", "million"}},
      {"50%", {"50", "%"}},
      {"713-853-3989", {"713-853-3989"}},
      {"F-16 jets", {"F", "-", "16", "jets"}},
      {"in 1969-1970", {"in", "1969", "-", "1970"}},
      {"date 2020-10-02", {"date", "2020-10-02"}},  // ISO dates stay whole
      {"keycap 1\ufe0f\u20e3", {"keycap", "1\ufe0f\u20e3"}},
      {"call 1-800-991-9019 or 646-8420", {"call", "1-800-991-9019", "or", "646-8420"}},
      {"at 5pm, 65k, 35mm", {"at", "5", "pm", ",", "65", "k", ",", "35", "mm"}},
      {"the 4th and 1990s", {"the", "4th", "and", "1990s"}},
      {"Al Qaeda's #3", {"Al", "Qaeda", "'s", "#", "3"}},
      {"+44 20 7484", {"+44", "20", "7484"}},
      {"1998.", {"1998", "."}},
  });
}

TEST(TokenizerTest, Hyphens) {
  RunCases({
      {"a 10-year-old boy", {"a", "10", "-", "year", "-", "old", "boy"}},
      {"brightly-coloured", {"brightly", "-", "coloured"}},
      {"back-to-back", {"back", "-", "to", "-", "back"}},
      {"e-mail", {"e-mail"}},
      {"non-profit co-workers", {"non-profit", "co-workers"}},
      {"Mid-July", {"Mid-July"}},
      {"mid-1980s", {"mid-1980s"}},
      {"over-the-counter", {"over", "-", "the", "-", "counter"}},
  });
}

TEST(TokenizerTest, UrlsEmailsHandles) {
  RunCases({
      {"see http://www.example.com/a?b=1&c=2.",
       {"see", "http://www.example.com/a?b=1&c=2", "."}},
      {"(www.cnn.com)", {"(", "www.cnn.com", ")"}},
      {"https://en.wikipedia.org/wiki/Foo_(bar)",
       {"https://en.wikipedia.org/wiki/Foo_(bar)"}},
      {"mail john.smith@enron.com.", {"mail", "john.smith@enron.com", "."}},
      {"\"@malachitempleton and @espenfadnes",
       {"\"", "@malachitempleton", "and", "@espenfadnes"}},
      {"gentlemen! #missionimpossiblemovie,\"",
       {"gentlemen", "!", "#missionimpossiblemovie", ",", "\""}},
      {"enron.com", {"enron.com"}},
      {"and/or", {"and", "/", "or"}},
      {"w/o", {"w/o"}},
      {"AT&T and P&L", {"AT&T", "and", "P&L"}},
  });
}

TEST(TokenizerTest, PunctuationAndSymbols) {
  RunCases({
      {"Wait...", {"Wait", "..."}},
      {"Wait…", {"Wait", "…"}},
      {"What?!", {"What", "?!"}},
      {"(see above)", {"(", "see", "above", ")"}},
      {"[1]", {"[", "1", "]"}},
      {"great :-)", {"great", ":-)"}},
      {"Mission: Impossible", {"Mission", ":", "Impossible"}},
      {"a;b", {"a", ";", "b"}},
      {"x+y=z", {"x", "+", "y", "=", "z"}},
      {"***Note*** ==", {"***", "Note", "***", "=="}},
      {"Yo mama`s", {"Yo", "mama", "`s"}},
      {"©2020", {"©", "2020"}},
      {"€5", {"€", "5"}},
  });
}

TEST(TokenizerTest, EmojiAndScripts) {
  RunCases({
      {"fun😀😀", {"fun", "😀", "😀"}},
      {"👍🏽 ok", {"👍🏽", "ok"}},
      {"👨‍👩‍👧 family", {"👨‍👩‍👧", "family"}},
      {"🇳🇴🇺🇸", {"🇳🇴", "🇺🇸"}},
      {"❤️ love", {"❤️", "love"}},
      {"Москва́ и Пекин", {"Москва́", "и", "Пекин"}},
      {"北京欢迎你。", {"北京欢迎你", "。"}},
      {"naïve café", {"naïve", "café"}},
      {"Ελλάδα, Ελλάδα", {"Ελλάδα", ",", "Ελλάδα"}},
      {"مرحبا، بالعالم", {"مرحبا", "،", "بالعالم"}},
  });
}

TEST(TokenizerTest, WhitespaceAndControls) {
  RunCases({
      {"", {}},
      {"   \n\t ", {}},
      {"a\tb\r\nc", {"a", "b", "c"}},
      {std::string("a\0b", 3), {"a", "b"}},
      {"a\x01\x7f" "b", {"a", "b"}},
      {"a\u00a0b\u2009c\u200bd", {"a", "b", "c", "d"}},
      {"\ufeffHello", {"Hello"}},
      {"a\xff" "b\xc3", {"a", "b"}},
  });
}

TEST(TokenizerTest, SpanAndSpaceAfter) {
  Document doc;
  doc.text = "Hi, you.";
  Tok().Tokenize(&doc);
  ASSERT_EQ(doc.tokens.size(), 4u);
  EXPECT_EQ(doc.tokens[0].span, (Span{0, 2}));
  EXPECT_FALSE(doc.tokens[0].space_after);
  EXPECT_TRUE(doc.tokens[1].space_after);
  EXPECT_EQ(doc.tokens[2].span, (Span{4, 7}));
  EXPECT_FALSE(doc.tokens[2].space_after);
  EXPECT_FALSE(doc.tokens[3].space_after);  // ends the text
  doc.text = "Hi ";
  Tok().Tokenize(&doc);
  ASSERT_EQ(doc.tokens.size(), 1u);
  EXPECT_TRUE(doc.tokens[0].space_after);
}

TEST(TokenizerTest, ReplacesExistingTokensAndSentences) {
  Document doc;
  doc.text = "One. Two.";
  Token stale;
  stale.span = Span{0, 9};
  stale.upos = "X";
  doc.tokens.push_back(stale);
  doc.sentences.push_back(Sentence{Span{0, 9}, 0, 1});
  Tok().Tokenize(&doc);
  EXPECT_EQ(doc.tokens.size(), 4u);
  EXPECT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(doc.tokens[0].upos, "");
}

struct SentCase {
  std::string text;
  std::vector<std::string> sentences;
};

void RunSentenceCases(const std::vector<SentCase>& cases) {
  for (const SentCase& c : cases) {
    EXPECT_THAT(Sentences(c.text), ElementsAreArray(c.sentences)) << c.text;
  }
}

TEST(SentenceSplitterTest, FinalPunctuation) {
  RunSentenceCases({
      {"One. Two! Three? Four", {"One.", "Two!", "Three?", "Four"}},
      {"Really?! Yes.", {"Really?!", "Yes."}},
      {"Wait... What?", {"Wait...", "What?"}},
      {"It rose 5.2 percent. Sales fell.", {"It rose 5.2 percent.", "Sales fell."}},
      {"\"Why?\" she asked.", {"\"Why?\" she asked."}},
      {"it fell. then it rose", {"it fell.", "then it rose"}},
      {"Thanks.\n1. The price. 2. The date.", {"Thanks.", "1. The price.", "2. The date."}},
      {"pertains to Edwin P. Wilson.", {"pertains to Edwin P. Wilson."}},
      {"Write to ken@enron.com Thanks", {"Write to ken@enron.com Thanks"}},
      {"to acquire Deseret Bancorp. for stock", {"to acquire Deseret Bancorp. for stock"}},
      {"I think... maybe not.", {"I think... maybe not."}},
      {"see www.cnn.com The site", {"see www.cnn.com", "The site"}},
      {"great :-) See you", {"great :-)", "See you"}},
      {"Done. 2021 will be better.", {"Done.", "2021 will be better."}},
  });
}

TEST(SentenceSplitterTest, QuotesAndBrackets) {
  RunSentenceCases({
      {"He said, \"I'm done.\" Then he left.",
       {"He said, \"I'm done.\"", "Then he left."}},
      {"“Stop.” She did.", {"“Stop.”", "She did."}},
      {"(It was late.) We left.", {"(It was late.)", "We left."}},
      {"He left. \"Bye,\" he said.", {"He left.", "\"Bye,\" he said."}},
      {"``Go.'' Then", {"``Go.''", "Then"}},
      {"say, ‘Don’t throw me out.’ So, we’ll see.",
       {"say, ‘Don’t throw me out.’", "So, we’ll see."}},
  });
}

TEST(SentenceSplitterTest, Abbreviations) {
  RunSentenceCases({
      {"Mr. Smith left. Dr. Jones stayed.", {"Mr. Smith left.", "Dr. Jones stayed."}},
      {"It moved to the U.S. The move paid off.",
       {"It moved to the U.S.", "The move paid off."}},
      {"The U.S. Navy said so.", {"The U.S. Navy said so."}},
      {"Apple Inc. President Tim Cook spoke.", {"Apple Inc. President Tim Cook spoke."}},
      {"He joined Apple Inc. He left in 2019.",
       {"He joined Apple Inc.", "He left in 2019."}},
      {"George W. Bush spoke at 9 a.m. Friday.", {"George W. Bush spoke at 9 a.m. Friday."}},
      {"It ends at 5 p.m. \"Then we go.\"", {"It ends at 5 p.m.", "\"Then we go.\""}},
      {"On Jan. 5 it snowed.", {"On Jan. 5 it snowed."}},
      {"It was No. 1 again.", {"It was No. 1 again."}},
      {"Cats, dogs, etc. were there.", {"Cats, dogs, etc. were there."}},
  });
}

TEST(SentenceSplitterTest, ParagraphsAndHeadlines) {
  RunSentenceCases({
      {"Storm Hits Coast\n\nThe storm hit on Monday.",
       {"Storm Hits Coast", "The storm hit on Monday."}},
      {"First para ends here\n \n Second one", {"First para ends here", "Second one"}},
      {"a line\nwrapped here.", {"a line\nwrapped here."}},
      {"Title\r\n\r\nBody.", {"Title", "Body."}},
      {"in the post below:\n\nChristopher McQuarrie will film it.",
       {"in the post below:", "Christopher McQuarrie will film it."}},
      {"Ends with Inc.\n\nNext", {"Ends with Inc.", "Next"}},
      {"Storm Hits Coast of Maine\nThe storm hit on Monday.",
       {"Storm Hits Coast of Maine", "The storm hit on Monday."}},
      {"By John Smith\nWASHINGTON (AP) The vote...",
       {"By John Smith", "WASHINGTON (AP) The vote..."}},
      {"the vote of the United\nStates Senate", {"the vote of the United\nStates Senate"}},
      {"He met Senator John\nSmith today.", {"He met Senator John\nSmith today."}},
      {"Prices Rise,\nOfficials Say", {"Prices Rise,\nOfficials Say"}},
  });
}

TEST(TokenizerTest, SeedArticle) {
  Result<std::string> text =
      ReadFile(CHRONICLE_SHARED_DIR "/examples/seed-article.txt");
  ASSERT_TRUE(text.ok()) << text.error().ToString();
  Document doc;
  doc.text = text.value();
  Tok().Tokenize(&doc);
  ExpectInvariants(doc);
  std::vector<std::string> toks;
  for (const Token& t : doc.tokens) toks.emplace_back(doc.Text(t.span));
  auto has = [&](const std::string& w) {
    return std::find(toks.begin(), toks.end(), w) != toks.end();
  };
  EXPECT_TRUE(has("@malachitempleton"));
  EXPECT_TRUE(has("@espenfadnes"));
  EXPECT_TRUE(has("#missionimpossiblemovie"));
  EXPECT_TRUE(has("’s"));
  EXPECT_TRUE(has("—"));
  EXPECT_FALSE(has("2018’s"));
  // Sentences end where the article's do (spot checks).
  std::vector<std::string> sents;
  for (const Sentence& s : doc.sentences) sents.emplace_back(doc.Text(s.span));
  auto has_sent = [&](const std::string& w) {
    return std::find(sents.begin(), sents.end(), w) != sents.end();
  };
  EXPECT_TRUE(has_sent("Thank you gentlemen!"));
  EXPECT_TRUE(has_sent("Don’t lock me inside a box.’"));
  EXPECT_TRUE(has_sent(
      "For now, Paramount has dated its pair of untitled Mission: Impossible "
      "sequels for July 23, 2021, and August 5, 2022."));
}

// Random byte strings (valid and invalid UTF-8, NULs) never crash and keep
// every invariant. Fixed seed: reproducible.
TEST(TokenizerFuzzTest, RandomBytesKeepInvariants) {
  std::mt19937 rng(12345);
  const std::vector<std::string> pieces = {
      "a", "Z", "7", ".", ",", "'", "’", "\"", "-", "—", "@", "#", "/", ":",
      "http://", "www.", "U.S.", "Mr.", "n't", "'s", " ", "\n", "\n\n", "\t",
      std::string(1, '\0'), "\xff", "\xc3", "\xe2\x80", "😀", "\u200d", "🏽",
      "🇳", "\u0301", "\ufe0f", "é", "北", "(", ")", "``", "''", "...", "!",
      "?", "$", "%", "&", "_", "e-", "cannot", ":-)", "\r", "\u2029"};
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text;
    int len = static_cast<int>(rng() % 60);
    for (int k = 0; k < len; ++k) {
      if (rng() % 3 == 0) {
        text.push_back(static_cast<char>(rng() % 256));
      } else {
        text += pieces[rng() % pieces.size()];
      }
    }
    Document doc;
    doc.text = text;
    Tok().Tokenize(&doc);
    ExpectInvariants(doc);
    if (::testing::Test::HasFatalFailure()) {
      ADD_FAILURE() << "input bytes: " << ::testing::PrintToString(text);
      return;
    }
  }
}

TEST(TokenizerLoadTest, ErrorsNameFileAndLine) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() /
                 ("chronicle_text_test_" + std::to_string(::getpid()));
  fs::create_directories(dir / "en");
  for (const char* name :
       {"abbreviations.txt", "hyphen_prefixes.txt", "clitics.txt",
        "word_splits.txt", "emoticons.txt", "sentence_starters.txt",
        "number_units.txt", "headline_minor_words.txt"}) {
    fs::copy_file(fs::path(CHRONICLE_SOURCE_DIR "/data/en") / name,
                  dir / "en" / name, fs::copy_options::overwrite_existing);
  }
  ASSERT_TRUE(Tokenizer::Load(dir.string()).ok());

  auto write = [&](const char* name, const std::string& content) {
    std::ofstream(dir / "en" / name, std::ios::binary) << content;
  };
  write("abbreviations.txt", "# comment\nMr. title\nInc\n");
  Result<Tokenizer> bad = Tokenizer::Load(dir.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().ToString(),
            (dir / "en/abbreviations.txt").string() +
                ":3: abbreviation 'Inc' must end with a period");

  write("abbreviations.txt", "Mr. title\nMr.\n");
  bad = Tokenizer::Load(dir.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().ToString(), (dir / "en/abbreviations.txt").string() +
                                        ":2: duplicate abbreviation 'Mr.'");

  write("abbreviations.txt", "Mr. boss\n");
  bad = Tokenizer::Load(dir.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().ToString(),
              ::testing::HasSubstr(":1: unknown abbreviation kind 'boss'"));

  write("abbreviations.txt", "Mr. title\n");
  write("word_splits.txt", "cannot can|nut\n");
  bad = Tokenizer::Load(dir.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().ToString(),
              ::testing::HasSubstr("word_splits.txt:1: bad word split"));

  fs::remove(dir / "en" / "word_splits.txt");
  bad = Tokenizer::Load(dir.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, Error::Kind::kIo);
  EXPECT_THAT(bad.error().ToString(), ::testing::HasSubstr("word_splits.txt"));
  fs::remove_all(dir);
}

TEST(TokenizerTest, ConcurrentCallsAgree) {
  Result<std::string> text =
      ReadFile(CHRONICLE_SHARED_DIR "/examples/seed-article.txt");
  ASSERT_TRUE(text.ok());
  Document ref;
  ref.text = text.value();
  Tok().Tokenize(&ref);
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int r = 0; r < 50; ++r) {
        Document doc;
        doc.text = ref.text;
        Tok().Tokenize(&doc);
        bool same = doc.tokens.size() == ref.tokens.size() &&
                    doc.sentences.size() == ref.sentences.size();
        for (size_t i = 0; same && i < doc.tokens.size(); ++i) {
          same = doc.tokens[i].span == ref.tokens[i].span;
        }
        ok[k] += same;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_THAT(ok, ::testing::Each(50));
}

TEST(TokenizerTest, CopiesShareLists) {
  Tokenizer copy = Tok();
  Document doc;
  doc.text = "Mr. Smith";
  copy.Tokenize(&doc);
  EXPECT_EQ(doc.tokens.size(), 2u);
}

}  // namespace
}  // namespace chronicle
