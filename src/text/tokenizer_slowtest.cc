// Accuracy of the tokenizer and sentence splitter against UD English EWT,
// and a look at the TimeBank / AQUAINT text.
//
// How the EWT raw text is rebuilt (per `# newdoc`): the `# text =` lines of
// a document are joined in order; a sentence that opens a paragraph
// (`# newpar`) is preceded by a blank line ("\n\n"), every other sentence by
// one space. Variant "single line breaks" joins paragraphs with one "\n"
// (as src/io/conllu.h does); variant "no paragraphs" joins every sentence
// with one space, so all boundaries must come from the words.
//
// Gold tokens are the syntactic words where a multiword token's words spell
// it exactly ("don't" = do + n't, "cannot" = can + not: EWT 2.x writes them
// as a range line 1-2 followed by the words), else the surface token
// ("its" = it + s is kept whole since the words do not spell it; such cases
// are counted apart). A token matches when its byte span equals a gold
// span. Sentence boundaries are the end offsets of sentences; the end of
// each document is left out (it is always right).
//
// Set CHRONICLE_TEXT_VERBOSE=1 to print the first differences.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>
#include <gtest/gtest.h>

#include "text/tokenizer.h"
#include "text/tokenizer_testing.h"
#include "util/file.h"

namespace chronicle {
namespace {

const Tokenizer& Tok() {
  static const Tokenizer* tok = [] {
    Result<Tokenizer> t = Tokenizer::Load(CHRONICLE_SOURCE_DIR "/data");
    if (!t.ok()) {
      std::cerr << t.error().ToString() << "\n";
      std::abort();
    }
    return new Tokenizer(std::move(t).value());
  }();
  return *tok;
}

struct GoldDoc {
  std::string id;
  std::string text;
  std::vector<Span> tokens;
  std::vector<uint32_t> sentence_ends;  // without the document's last
};

struct ParseStats {
  int unaligned = 0;       // forms not found at the expected place
  int mwt_kept_whole = 0;  // multiword tokens whose words don't spell them
};

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> f;
  size_t p = 0;
  while (true) {
    size_t t = line.find('\t', p);
    if (t == std::string_view::npos) {
      f.push_back(line.substr(p));
      return f;
    }
    f.push_back(line.substr(p, t - p));
    p = t + 1;
  }
}

// A minimal reader for what this measurement needs (paragraph marks and
// multiword-token words, which a Document does not carry).
// How sentences that open a paragraph are joined to the text before them.
enum class ParJoin { kBlankLine, kNewline, kSpace };

std::vector<GoldDoc> ReadEwt(const std::string& content, ParJoin join,
                             ParseStats* stats) {
  std::vector<GoldDoc> docs;
  std::string sent_text;
  bool new_par = false;
  size_t cursor = 0;    // in sent_text
  uint32_t base = 0;    // offset of sent_text in the document text
  int range_end = -1;   // last word id of the current multiword token
  std::vector<std::string_view> mwt_words;
  Span mwt_span;
  auto place = [&](std::string_view form) -> Span {
    while (cursor < sent_text.size() && sent_text[cursor] == ' ') ++cursor;
    size_t at = cursor;
    if (sent_text.compare(at, form.size(), form) != 0) {
      ++stats->unaligned;
      at = sent_text.find(form, cursor);
      if (at == std::string::npos) at = cursor;
    }
    cursor = std::min(at + form.size(), sent_text.size());
    return Span{static_cast<uint32_t>(base + at),
                static_cast<uint32_t>(base + cursor)};
  };
  size_t pos = 0;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string::npos) nl = content.size();
    std::string_view line(content.data() + pos, nl - pos);
    pos = nl + 1;
    if (line.starts_with("# newdoc")) {
      docs.emplace_back();
      size_t eq = line.find("= ");
      if (eq != std::string_view::npos) docs.back().id = line.substr(eq + 2);
      new_par = true;
      continue;
    }
    if (line.starts_with("# newpar")) {
      new_par = true;
      continue;
    }
    if (line.starts_with("# text = ")) {
      if (docs.empty()) docs.emplace_back();
      GoldDoc& d = docs.back();
      if (!d.text.empty()) {
        d.sentence_ends.push_back(static_cast<uint32_t>(d.text.size()));
        if (!new_par || join == ParJoin::kSpace) {
          d.text += " ";
        } else {
          d.text += join == ParJoin::kBlankLine ? "\n\n" : "\n";
        }
      }
      new_par = false;
      sent_text = line.substr(9);
      base = static_cast<uint32_t>(d.text.size());
      d.text += sent_text;
      cursor = 0;
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = SplitTabs(line);
    if (f.size() < 2) continue;
    std::string_view id = f[0];
    if (id.find('.') != std::string_view::npos) continue;  // empty node
    GoldDoc& d = docs.back();
    size_t dash = id.find('-');
    if (dash != std::string_view::npos) {
      range_end = std::atoi(std::string(id.substr(dash + 1)).c_str());
      mwt_span = place(f[1]);
      mwt_words.clear();
      continue;
    }
    int word_id = std::atoi(std::string(id).c_str());
    if (word_id <= range_end) {
      mwt_words.push_back(f[1]);
      if (word_id == range_end) {
        std::string joined;
        for (std::string_view w : mwt_words) joined += w;
        if (joined == d.text.substr(mwt_span.begin, mwt_span.size())) {
          uint32_t b = mwt_span.begin;
          for (std::string_view w : mwt_words) {
            d.tokens.push_back(Span{b, static_cast<uint32_t>(b + w.size())});
            b += static_cast<uint32_t>(w.size());
          }
        } else {
          ++stats->mwt_kept_whole;
          d.tokens.push_back(mwt_span);
        }
        range_end = -1;
      }
      continue;
    }
    d.tokens.push_back(place(f[1]));
  }
  return docs;
}

struct Counts {
  size_t gold = 0, system = 0, match = 0;
  double P() const { return system ? 100.0 * match / system : 0; }
  double R() const { return gold ? 100.0 * match / gold : 0; }
  double F() const {
    double p = P(), r = R();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  std::string ToString() const {
    return fmt::format("P {:.2f} R {:.2f} F1 {:.2f} (gold {}, system {}, match {})",
                       P(), R(), F(), gold, system, match);
  }
};

struct EwtResult {
  Counts tokens;
  Counts sentences;
  ParseStats stats;
  size_t docs = 0;
  size_t bytes = 0;
};

// Context around [b, e) for the verbose listing.
std::string Context(const std::string& text, uint32_t b, uint32_t e) {
  uint32_t lo = b > 30 ? b - 30 : 0;
  uint32_t hi = std::min<uint32_t>(static_cast<uint32_t>(text.size()), e + 30);
  std::string s = text.substr(lo, b - lo) + "[[" + text.substr(b, e - b) +
                  "]]" + text.substr(e, hi - e);
  std::replace(s.begin(), s.end(), '\n', '|');
  return s;
}

EwtResult EvalEwt(const std::string& path, ParJoin paragraphs) {
  Result<std::string> content = ReadFile(path);
  EXPECT_TRUE(content.ok()) << content.error().ToString();
  EwtResult r;
  if (!content.ok()) return r;
  std::vector<GoldDoc> docs = ReadEwt(content.value(), paragraphs, &r.stats);
  const bool verbose = std::getenv("CHRONICLE_TEXT_VERBOSE") != nullptr;
  int shown_tok = 0, shown_sent = 0;
  for (const GoldDoc& g : docs) {
    Document doc;
    doc.text = g.text;
    Tok().Tokenize(&doc);
    ExpectInvariants(doc);
    ++r.docs;
    r.bytes += g.text.size();
    auto same = [](Span a, Span b) {
      return a.begin < b.begin || (a.begin == b.begin && a.end < b.end);
    };
    std::vector<Span> gold = g.tokens;
    std::sort(gold.begin(), gold.end(), same);
    std::vector<Span> sys;
    for (const Token& t : doc.tokens) sys.push_back(t.span);
    r.tokens.gold += gold.size();
    r.tokens.system += sys.size();
    std::vector<Span> common;
    std::set_intersection(gold.begin(), gold.end(), sys.begin(), sys.end(),
                          std::back_inserter(common), same);
    r.tokens.match += common.size();
    if (verbose && shown_tok < 300) {
      std::vector<Span> missed;
      std::set_difference(gold.begin(), gold.end(), sys.begin(), sys.end(),
                          std::back_inserter(missed), same);
      std::vector<Span> extra;
      std::set_difference(sys.begin(), sys.end(), gold.begin(), gold.end(),
                          std::back_inserter(extra), same);
      for (Span s : missed) {
        if (shown_tok++ >= 300) break;
        std::cout << "TOKEN missed: " << Context(g.text, s.begin, s.end) << "\n";
      }
      for (Span s : extra) {
        if (shown_tok++ >= 300) break;
        std::cout << "TOKEN extra:  " << Context(g.text, s.begin, s.end) << "\n";
      }
    }
    std::vector<uint32_t> sys_ends;
    for (size_t i = 0; i + 1 < doc.sentences.size(); ++i) {
      sys_ends.push_back(doc.sentences[i].span.end);
    }
    r.sentences.gold += g.sentence_ends.size();
    r.sentences.system += sys_ends.size();
    std::vector<uint32_t> common_ends;
    std::set_intersection(g.sentence_ends.begin(), g.sentence_ends.end(),
                          sys_ends.begin(), sys_ends.end(),
                          std::back_inserter(common_ends));
    r.sentences.match += common_ends.size();
    if (verbose && shown_sent < 300) {
      std::vector<uint32_t> fn, fp;
      std::set_difference(g.sentence_ends.begin(), g.sentence_ends.end(),
                          sys_ends.begin(), sys_ends.end(),
                          std::back_inserter(fn));
      std::set_difference(sys_ends.begin(), sys_ends.end(),
                          g.sentence_ends.begin(), g.sentence_ends.end(),
                          std::back_inserter(fp));
      for (uint32_t e : fn) {
        if (shown_sent++ >= 300) break;
        std::cout << "SENT missed: " << Context(g.text, e, e) << "\n";
      }
      for (uint32_t e : fp) {
        if (shown_sent++ >= 300) break;
        std::cout << "SENT extra:  " << Context(g.text, e, e) << "\n";
      }
    }
  }
  return r;
}

void Report(const std::string& name, const EwtResult& r) {
  std::cout << fmt::format(
      "{}: {} docs, {} bytes; unaligned forms {}, multiword tokens kept "
      "whole {}\n  tokens    {}\n  sentences {}\n",
      name, r.docs, r.bytes, r.stats.unaligned, r.stats.mwt_kept_whole,
      r.tokens.ToString(), r.sentences.ToString());
}

const std::string kEwtDir = CHRONICLE_SHARED_DIR "/corpora/ud-english-ewt/";

// Floors a little below the measured figures (see docs/benchmarks/text.md).
TEST(EwtAccuracyTest, DevWithParagraphs) {
  EwtResult r = EvalEwt(kEwtDir + "en_ewt-ud-dev.conllu", ParJoin::kBlankLine);
  Report("EWT dev, paragraphs as blank lines", r);
  EXPECT_EQ(r.stats.unaligned, 0);
  EXPECT_GE(r.tokens.F(), 97.0);
  EXPECT_GE(r.sentences.F(), 80.0);
}

TEST(EwtAccuracyTest, DevWithParagraphsAsLineBreaks) {
  EwtResult r = EvalEwt(kEwtDir + "en_ewt-ud-dev.conllu", ParJoin::kNewline);
  Report("EWT dev, paragraphs as single line breaks", r);
  EXPECT_GE(r.tokens.F(), 97.0);
  EXPECT_GE(r.sentences.F(), 60.0);
}

TEST(EwtAccuracyTest, DevWithoutParagraphs) {
  EwtResult r = EvalEwt(kEwtDir + "en_ewt-ud-dev.conllu", ParJoin::kSpace);
  Report("EWT dev, no paragraphs", r);
  EXPECT_GE(r.tokens.F(), 97.0);
  EXPECT_GE(r.sentences.F(), 60.0);
}

// The split the rules were tuned on; prints only. Run with
// --gtest_also_run_disabled_tests.
TEST(EwtAccuracyTest, DISABLED_Train) {
  Report("EWT train, paragraphs as blank lines",
         EvalEwt(kEwtDir + "en_ewt-ud-train.conllu", ParJoin::kBlankLine));
  Report("EWT train, paragraphs as single line breaks",
         EvalEwt(kEwtDir + "en_ewt-ud-train.conllu", ParJoin::kNewline));
  Report("EWT train, no paragraphs",
         EvalEwt(kEwtDir + "en_ewt-ud-train.conllu", ParJoin::kSpace));
}

// <TEXT> content with every <...> tag removed (crude, as in the bench).
std::string StripTags(const std::string& xml) {
  size_t b = xml.find("<TEXT>");
  size_t e = xml.find("</TEXT>");
  if (b == std::string::npos || e == std::string::npos || e < b) return {};
  std::string out;
  bool in_tag = false;
  for (size_t i = b + 6; i < e; ++i) {
    if (xml[i] == '<') in_tag = true;
    if (!in_tag) out.push_back(xml[i]);
    if (xml[i] == '>') in_tag = false;
  }
  return out;
}

// Every TimeBank and AQUAINT text keeps the invariants; prints sizes only
// (AQUAINT is the project's report split: no tuning on it).
TEST(TbaqTest, InvariantsOnAllTexts) {
  Result<std::vector<std::string>> files =
      ListFiles(CHRONICLE_SHARED_DIR "/corpora/tbaq", {".tml"});
  ASSERT_TRUE(files.ok()) << files.error().ToString();
  ASSERT_EQ(files.value().size(), 256u);
  size_t tokens = 0, sentences = 0, bytes = 0;
  for (const std::string& f : files.value()) {
    Result<std::string> xml = ReadFile(f);
    ASSERT_TRUE(xml.ok()) << xml.error().ToString();
    Document doc;
    doc.text = StripTags(xml.value());
    Tok().Tokenize(&doc);
    ExpectInvariants(doc);
    if (::testing::Test::HasFatalFailure()) {
      ADD_FAILURE() << f;
      return;
    }
    tokens += doc.tokens.size();
    sentences += doc.sentences.size();
    bytes += doc.text.size();
  }
  std::cout << fmt::format("tbaq: {} files, {} bytes, {} tokens, {} sentences\n",
                           files.value().size(), bytes, tokens, sentences);
  EXPECT_GT(sentences, 3000u);
}

// Mutated news text: the seed article with random bytes flipped, inserted
// and deleted (invalid UTF-8, NULs, cut characters). Never crashes, always
// keeps the invariants. Fixed seed.
TEST(TokenizerFuzzSlowTest, MutatedArticleKeepsInvariants) {
  Result<std::string> text =
      ReadFile(CHRONICLE_SHARED_DIR "/examples/seed-article.txt");
  ASSERT_TRUE(text.ok()) << text.error().ToString();
  std::mt19937 rng(777);
  for (int iter = 0; iter < 2000; ++iter) {
    std::string t = text.value();
    int edits = 1 + static_cast<int>(rng() % 40);
    for (int k = 0; k < edits && !t.empty(); ++k) {
      size_t at = rng() % t.size();
      switch (rng() % 3) {
        case 0:
          t[at] = static_cast<char>(rng() % 256);
          break;
        case 1:
          t.insert(t.begin() + static_cast<long>(at),
                   static_cast<char>(rng() % 256));
          break;
        default:
          t.erase(at, 1 + rng() % 4);
      }
    }
    Document doc;
    doc.text = t;
    Tok().Tokenize(&doc);
    ExpectInvariants(doc);
    if (::testing::Test::HasFatalFailure()) {
      ADD_FAILURE() << "iteration " << iter;
      return;
    }
  }
}

}  // namespace
}  // namespace chronicle
