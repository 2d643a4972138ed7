// Tests of the trigger index: what the analysis derives from small
// patterns, and its soundness on the shipped rules: wherever a rule's regex
// matches anchored, Collect() must have reported that position.
#include "timex/trigger_index.h"

#include <algorithm>
#include <fstream>
#include <random>

#include <gtest/gtest.h>
#include <re2/re2.h>

#include "timex/rule_loader.h"
#include "util/file.h"

namespace chronicle {
namespace {

const std::string kData = std::string(CHRONICLE_SOURCE_DIR) + "/data";

std::vector<std::string> Literals(const std::vector<WordShape>& shapes) {
  std::vector<std::string> out;
  for (const WordShape& s : shapes) out.push_back(s.Literal() + (s.complete ? "" : "..."));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(TriggerIndexTest, FirstAndSecondWordsOfLiterals) {
  PatternTriggers t = AnalyzePattern(R"(\b(?:the\s+)?next\s+(?:week|month)\b)");
  ASSERT_TRUE(t.analyzed);
  EXPECT_TRUE(t.start_bytes.none());
  ASSERT_EQ(t.entries.size(), 2u);
  for (const PatternTriggers::Entry& e : t.entries) {
    EXPECT_TRUE(e.first.complete);
    EXPECT_FALSE(e.any_second);
    if (e.first.Literal() == "the") {
      EXPECT_EQ(Literals(e.second), std::vector<std::string>{"next"});
    } else {
      EXPECT_EQ(e.first.Literal(), "next");
      EXPECT_EQ(Literals(e.second), (std::vector<std::string>{"month", "week"}));
    }
  }
}

TEST(TriggerIndexTest, CaseIsIgnoredAndShapesKeepClasses) {
  PatternTriggers t = AnalyzePattern(R"(\b(?-i:Q)(?P<q>[1-4])\b)");
  ASSERT_TRUE(t.analyzed);
  ASSERT_EQ(t.entries.size(), 1u);
  const WordShape& w = t.entries[0].first;
  EXPECT_TRUE(w.complete);
  EXPECT_TRUE(w.Matches("Q3"));
  EXPECT_TRUE(w.Matches("q1"));
  EXPECT_FALSE(w.Matches("Q5"));
  EXPECT_FALSE(w.Matches("Q33"));
  EXPECT_EQ(w.Literal(), "");
  EXPECT_TRUE(t.entries[0].any_second);  // the match can end after Q3
}

TEST(TriggerIndexTest, OpenWordWhenTheMatchMayStopInsideIt) {
  PatternTriggers t = AnalyzePattern(R"(\bjan)");
  ASSERT_TRUE(t.analyzed);
  ASSERT_EQ(t.entries.size(), 1u);
  EXPECT_FALSE(t.entries[0].first.complete);
  EXPECT_TRUE(t.entries[0].first.Matches("January"));
}

TEST(TriggerIndexTest, NonWordAndUnboundedStartsAreByteTriggers) {
  PatternTriggers money = AnalyzePattern(R"([$£]\s?[0-9]+)");
  ASSERT_TRUE(money.analyzed);
  EXPECT_TRUE(money.start_bytes['$']);
  EXPECT_TRUE(money.start_bytes[0xC2]);  // first byte of £
  EXPECT_FALSE(money.start_bytes['a']);
  EXPECT_TRUE(money.after_start['5']);
  EXPECT_TRUE(money.after_start[' ']);
  EXPECT_FALSE(money.after_start['x']);
  PatternTriggers unbounded = AnalyzePattern(R"(ab\b)");
  ASSERT_TRUE(unbounded.analyzed);
  EXPECT_TRUE(unbounded.start_bytes['a']);
  EXPECT_TRUE(unbounded.start_bytes['A']);
  EXPECT_TRUE(unbounded.entries.empty());
}

TEST(TriggerIndexTest, UnsupportedOrEmptyPatternsStayUntriggered) {
  EXPECT_FALSE(AnalyzePattern(R"((a)\1)").analyzed);  // backreference
  EXPECT_FALSE(AnalyzePattern(R"(\bx?)").analyzed);   // can match empty
  EXPECT_FALSE(AnalyzePattern(R"((?:abc)").analyzed);  // unbalanced
  TriggerIndex index = TriggerIndex::Build({R"(\bnext\s+week\b)", R"((a)\1)"});
  EXPECT_EQ(index.untriggered(), std::vector<int>{1});
}

TEST(TriggerIndexTest, CollectReportsWordStartsWithTheirNextWord) {
  TriggerIndex index = TriggerIndex::Build({R"(\bnext\s+(?:week|month)\b)", R"(\b[0-9]{4}\b)"});
  std::vector<uint64_t> hits;
  index.Collect("See you next week, not next door; in 1998 or 98.", &hits);
  std::sort(hits.begin(), hits.end());
  std::vector<uint64_t> want = {(uint64_t{0} << 32) | 8, (uint64_t{1} << 32) | 37};
  EXPECT_EQ(hits, want);
}

TEST(TriggerIndexTest, WordAutomatonFollowsTheWordsAfterTheTrigger) {
  TriggerIndex index = TriggerIndex::Build({R"(\b(?:[0-9]+(?:,[0-9]{3})*)\s+(?:days|weeks)\s+ago\b)"});
  std::string_view yes = "It was 1,500 weeks ago.";
  std::string_view no = "It was 1,500 weeks later.";
  std::string_view other = "It was 1,500 people.";
  EXPECT_TRUE(index.WordsMayMatch(0, yes, 7));
  EXPECT_FALSE(index.WordsMayMatch(0, no, 7));
  EXPECT_FALSE(index.WordsMayMatch(0, other, 7));
  EXPECT_TRUE(index.WordsMayMatch(0, "It was 3 days", 7));  // text ends: may match
}

// Every position where some shipped rule matches anchored must be a hit.
void ExpectSound(const RuleSet& rules, const TriggerIndex& index, std::string_view text,
                 const std::string& where) {
  std::vector<uint64_t> hits;
  index.Collect(text, &hits);
  std::sort(hits.begin(), hits.end());
  re2::StringPiece piece(text.data(), text.size());
  for (size_t r = 0; r < rules.rules.size(); ++r) {
    if (std::find(index.untriggered().begin(), index.untriggered().end(), static_cast<int>(r)) !=
        index.untriggered().end()) {
      continue;
    }
    for (size_t p = 0; p < text.size(); ++p) {
      if (!rules.rules[r].re->Match(piece, p, text.size(), RE2::ANCHOR_START, nullptr, 0)) continue;
      uint64_t key = (static_cast<uint64_t>(r) << 32) | p;
      EXPECT_TRUE(std::binary_search(hits.begin(), hits.end(), key))
          << where << ": rule " << rules.rules[r].name << " matches at " << p << " in \"" << text
          << "\" but was not triggered";
      EXPECT_TRUE(index.WordsMayMatch(static_cast<int>(r), text, p))
          << where << ": rule " << rules.rules[r].name << " matches at " << p << " in \"" << text
          << "\" but its word automaton says it cannot";
    }
  }
}

TEST(TriggerIndexTest, SoundOnEveryCorpusRowAndRandomText) {
  Result<RuleSet> rules = LoadRuleSet(kData + "/en/timex");
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  std::vector<std::string> patterns;
  for (const CompiledRule& r : rules.value().rules) patterns.push_back(r.pattern);
  TriggerIndex index = TriggerIndex::Build(patterns);
  EXPECT_TRUE(index.untriggered().empty());
  Result<std::vector<std::string>> files = ListFiles(kData + "/en/timex/tests", {".tsv"});
  ASSERT_TRUE(files.ok());
  std::vector<std::string> texts;
  for (const std::string& path : files.value()) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      texts.push_back(line.substr(0, line.find('\t')));
    }
  }
  ASSERT_GT(texts.size(), 500u);
  // Random texts from the rows' characters and words, glued differently.
  std::mt19937 rng(7);
  std::string pool;
  for (const std::string& t : texts) pool += t + " ";
  for (int i = 0; i < 200; ++i) {
    std::string t;
    for (int k = 0; k < 4; ++k) {
      size_t at = rng() % (pool.size() - 20);
      t += pool.substr(at, 5 + rng() % 15);
    }
    texts.push_back(t);
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    ExpectSound(rules.value(), index, texts[i], "text " + std::to_string(i));
  }
}

}  // namespace
}  // namespace chronicle
