// Corpus-wide checks of the timex stage on the TimeBank and AQUAINT texts
// (shared/corpora/tbaq): the RE2::Set prefilter and the trigger index
// (Matching::kTriggers) against the plain loop over all rules (the
// differential oracle), and invariants of the output. The
// TimeML markup is stripped here with a minimal scanner (this module knows
// no file format; the accuracy figures come from bench/timex_bench --eval,
// which uses the real reader).
#include <cstring>

#include <gtest/gtest.h>

#include "timex/timex_tagger.h"
#include "util/file.h"

namespace chronicle {
namespace {

// Text of <TEXT>...</TEXT> with tags removed and the five XML entities
// decoded, and the DCT value; enough for tagging.
bool StripTimeML(const std::string& xml, std::string* text, std::string* dct) {
  size_t d = xml.find("<DCT>");
  size_t v = d == std::string::npos ? d : xml.find(" value=\"", d);
  if (v == std::string::npos) return false;
  ++v;
  *dct = xml.substr(v + 7, xml.find('"', v + 7) - v - 7);
  size_t b = xml.find("<TEXT>"), e = xml.find("</TEXT>");
  if (b == std::string::npos || e == std::string::npos) return false;
  text->clear();
  for (size_t i = b + 6; i < e; ++i) {
    if (xml[i] == '<') {
      i = xml.find('>', i);
      continue;
    }
    if (xml[i] == '&') {
      static const std::pair<const char*, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (const auto& [name, c] : kEntities) {
        if (xml.compare(i, std::strlen(name), name) == 0) {
          text->push_back(c);
          i += std::strlen(name) - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    text->push_back(xml[i]);
  }
  return true;
}

TEST(TimexSlowTest, PrefilterAndTriggersEqualPlainLoopOnWholeCorpus) {
  Result<TimexTagger> tagger = TimexTagger::Load(std::string(CHRONICLE_SOURCE_DIR) + "/data");
  ASSERT_TRUE(tagger.ok()) << tagger.error().ToString();
  EXPECT_EQ(tagger.value().untriggered_rule_count(), 0u);
  std::string base = std::string(CHRONICLE_SHARED_DIR) + "/corpora/tbaq/";
  int docs = 0;
  size_t timexes = 0;
  for (const char* dir : {"TimeBank", "AQUAINT"}) {
    Result<std::vector<std::string>> files = ListFiles(base + dir, {".tml"});
    ASSERT_TRUE(files.ok());
    for (const std::string& f : files.value()) {
      Result<std::string> xml = ReadFile(f);
      ASSERT_TRUE(xml.ok());
      Document a, b, c;
      std::string dct;
      ASSERT_TRUE(StripTimeML(xml.value(), &a.text, &dct)) << f;
      a.dct = Timex{.id = "t0", .type = "DATE", .value = dct};
      b.text = c.text = a.text;
      b.dct = c.dct = a.dct;
      tagger.value().Annotate(&a, TimexTagger::Matching::kPrefilter);
      tagger.value().Annotate(&b, TimexTagger::Matching::kAllRules);
      tagger.value().Annotate(&c, TimexTagger::Matching::kTriggers);
      ASSERT_EQ(a.timexes.size(), b.timexes.size()) << f;
      ASSERT_EQ(c.timexes.size(), b.timexes.size()) << f;
      for (size_t i = 0; i < a.timexes.size(); ++i) {
        EXPECT_EQ(a.timexes[i], b.timexes[i]) << f;
        EXPECT_EQ(c.timexes[i], b.timexes[i]) << f;
      }
      // Output invariants: valid document, spans in order and disjoint,
      // every timex typed and valued.
      EXPECT_TRUE(a.Validate().ok()) << f;
      for (size_t i = 0; i < a.timexes.size(); ++i) {
        EXPECT_FALSE(a.timexes[i].type.empty());
        EXPECT_FALSE(a.timexes[i].value.empty());
        if (i > 0) {
          EXPECT_LE(a.timexes[i - 1].span.end, a.timexes[i].span.begin) << f;
        }
      }
      ++docs;
      timexes += a.timexes.size();
    }
  }
  EXPECT_EQ(docs, 256);
  EXPECT_GT(timexes, 1500u);
}

}  // namespace
}  // namespace chronicle
