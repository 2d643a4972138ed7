// Tests of the timex stage as a whole: rule loading and its error
// messages, the seed article, and the executable corpus in
// data/en/timex/tests/*.tsv (rows of text, DCT, expected span, type, value,
// mod; the negative corpus has text and DCT only and must yield nothing).
#include "timex/timex_tagger.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "timex/rule_loader.h"
#include "util/file.h"
#include "util/utf8.h"

namespace chronicle {
namespace {

const std::string kData = std::string(CHRONICLE_SOURCE_DIR) + "/data";

const TimexTagger& Tagger() {
  static const TimexTagger* tagger = [] {
    Result<TimexTagger> t = TimexTagger::Load(kData);
    if (!t.ok()) {
      ADD_FAILURE() << t.error().ToString();
      std::abort();
    }
    return new TimexTagger(std::move(t).value());
  }();
  return *tagger;
}

Document Annotated(const std::string& text, const std::string& dct,
                   TimexTagger::Matching m = TimexTagger::Matching::kPrefilter) {
  Document doc;
  doc.text = text;
  if (!dct.empty()) doc.dct = Timex{.id = "t0", .type = "DATE", .value = dct};
  Tagger().Annotate(&doc, m);
  return doc;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, '\t')) out.push_back(field);
  if (!line.empty() && line.back() == '\t') out.push_back("");
  return out;
}

std::string Describe(const Document& doc) {
  std::string out;
  for (const Timex& t : doc.timexes) {
    out += "[" + std::string(doc.Text(t.span)) + "] " + t.type + " " + t.value +
           (t.mod.empty() ? "" : " mod=" + t.mod) + "; ";
  }
  return out.empty() ? "(nothing)" : out;
}

TEST(TimexTaggerTest, LoadsQuickly) {
  EXPECT_GT(Tagger().rule_count(), 100u);
}

TEST(TimexTaggerTest, MissingDirectoryIsIoError) {
  Result<TimexTagger> t = TimexTagger::Load("/nonexistent/data");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().kind, Error::Kind::kIo);
}

TEST(TimexTaggerTest, AnnotatesLastMonth) {
  Document doc = Annotated("Sales fell last month.", "2020-10-02");
  ASSERT_EQ(doc.timexes.size(), 1u);
  const Timex& t = doc.timexes[0];
  EXPECT_EQ(doc.Text(t.span), "last month");
  EXPECT_EQ(t.id, "t1");
  EXPECT_EQ(t.type, "DATE");
  EXPECT_EQ(t.value, "2020-09");
  EXPECT_EQ(t.temporal_function, "true");
  EXPECT_EQ(t.anchor_time_id, "t0");
}

// A paragraph without sentence ends is cut at spaces after 4,000 bytes and
// anywhere after 8,000: expressions on every side of those cuts are found,
// with both matchers.
TEST(TimexTaggerTest, VeryLongSentencesAreCutWithoutLosingExpressions) {
  std::string filler;
  while (filler.size() < 3990) filler += "and the talks went on ";
  std::string glued(9000, 'x');
  std::string text = "Sales fell last month " + filler + "and on Friday " + filler +
                     "and in 1998 " + glued + " and this year";
  for (TimexTagger::Matching m : {TimexTagger::Matching::kPrefilter, TimexTagger::Matching::kAllRules}) {
    Document doc = Annotated(text, "2020-10-02", m);
    EXPECT_EQ(Describe(doc),
              "[last month] DATE 2020-09; [Friday] DATE 2020-10-02; [1998] DATE 1998; "
              "[this year] DATE 2020; ");
  }
}

TEST(TimexTaggerTest, AbsoluteDateIsNotATemporalFunction) {
  Document doc = Annotated("It opened on July 23, 2021.", "2020-10-02");
  ASSERT_EQ(doc.timexes.size(), 1u);
  EXPECT_EQ(doc.timexes[0].temporal_function, "false");
  EXPECT_EQ(doc.timexes[0].anchor_time_id, "");
}

TEST(TimexTaggerTest, WithoutDctRelativeExpressionsGetXForms) {
  Document doc = Annotated("Sales fell last month and on Monday.", "");
  ASSERT_EQ(doc.timexes.size(), 2u) << Describe(doc);
  EXPECT_EQ(doc.timexes[0].value, "XXXX-XX");
  EXPECT_EQ(doc.timexes[1].value, "XXXX-WXX-1");
}

TEST(TimexTaggerTest, KeepsExistingTimexesAndNumbersAfterThem) {
  Document doc;
  doc.text = "Sales fell last month and yesterday.";
  doc.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02"};
  doc.timexes.push_back(Timex{.id = "t1", .span = Span{11, 21}, .type = "DATE", .value = "X"});
  Tagger().Annotate(&doc);
  ASSERT_EQ(doc.timexes.size(), 2u);
  EXPECT_EQ(doc.timexes[0].value, "X");
  EXPECT_EQ(doc.timexes[1].id, "t2");
  EXPECT_EQ(doc.timexes[1].value, "2020-10-01");
}

TEST(TimexTaggerTest, PosTagVetoesMarchTheVerb) {
  Document doc;
  doc.text = "They March today";
  doc.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02"};
  doc.tokens = {Token{.span = {0, 4}, .xpos = "PRP"}, Token{.span = {5, 10}, .xpos = "VBP"},
                Token{.span = {11, 16}, .xpos = "NN"}};
  Tagger().Annotate(&doc);
  ASSERT_EQ(doc.timexes.size(), 1u) << Describe(doc);
  EXPECT_EQ(doc.Text(doc.timexes[0].span), "today");
}

// Expressions that come in sequences, where the span convention (TimeML
// leaves prepositions, the signals, outside the TIMEX3) or the narrative
// day decides. Each text lists what Describe() must print.
TEST(TimexTaggerTest, SequencesAndNarrativeDay) {
  struct Case {
    const char* text;
    const char* dct;
    const char* expected;
  };
  const Case cases[] = {
      // "at" is a signal: the day and the clock time are two expressions,
      // and the clock time is on the day just named.
      {"The plane landed Friday, Aug. 7, at 10:30 a.m. in Nairobi.", "1998-08-08",
       "[Friday, Aug. 7] DATE 1998-08-07; [10:30 a.m.] TIME 1998-08-07T10:30; "},
      {"It crashed Friday at 3 p.m. and help came at 5 p.m.", "1998-08-08",
       "[Friday] DATE 1998-08-07; [3 p.m.] TIME 1998-08-07T15:00; [5 p.m.] TIME 1998-08-07T17:00; "},
      {"The ceasefire began on Sunday at noon.", "1998-08-05",
       "[Sunday] DATE 1998-08-02; [noon] TIME 1998-08-02T12:00; "},
      // Without "at" the clock time and the day are one expression.
      {"Polls close at 8 p.m. Nov. 3.", "2020-10-02", "[8 p.m. Nov. 3] TIME 2020-11-03T20:00; "},
      // A day named further back does not carry over to a clock time.
      {"Rebels attacked the town on Friday, officials in the capital said. At 3 p.m. the army "
       "arrived.",
       "1998-08-08", "[Friday] DATE 1998-08-07; [3 p.m.] TIME 1998-08-08T15:00; "},
      // "the day before." counts back from the date the narrative is on.
      {"On Aug. 2, Iraq invaded Kuwait. The day before, talks had failed.", "1998-08-08",
       "[Aug. 2] DATE 1998-08-02; [The day before] DATE 1998-08-01; "},
      // "the previous year" counts back from the year just named.
      {"Trade reached $2 billion last year, up 15 percent over the previous year.", "1998-08-07",
       "[last year] DATE 1997; [the previous year] DATE 1996; "},
      // "that night", "the following Monday" are told from the narrative date.
      {"Troops entered the city on Aug. 2. That night, rebels attacked. The following Monday, "
       "talks began.",
       "1998-08-20",
       "[Aug. 2] DATE 1998-08-02; [That night] TIME 1998-08-02TNI; "
       "[The following Monday] DATE 1998-08-03; "},
      // A weekday after the clock time (past a zone or "local time") gives its day.
      {"The blast occurred at 10:30 a.m. (0730 GMT) Friday.", "1998-08-08",
       "[10:30 a.m.] TIME 1998-08-07T10:30; [0730 GMT] TIME 1998-08-07T07:30; "
       "[Friday] DATE 1998-08-07; "},
      {"The quake hit at 3:05 a.m. local time Thursday.", "1998-08-08",
       "[3:05 a.m.] TIME 1998-08-06T03:05; [Thursday] DATE 1998-08-06; "},
      // The second part of a range takes its year after the first part:
      // told in a past-tense sentence in November, "October" alone is this
      // October, and so it is after "January-"; "Dec. 3" after "Nov. 28 to".
      {"Exports rose 8 percent in January-October.", "1998-08-20",
       "[January] DATE 1998-01; [October] DATE 1998-10; "},
      {"The fair ran from Nov. 28 to Dec. 3.", "1998-08-20",
       "[Nov. 28] DATE 1997-11-28; [Dec. 3] DATE 1997-12-03; "},
      {"Prices rose from November to January.", "1998-02-07",
       "[November] DATE 1997-11; [January] DATE 1998-01; "},
      // Only a month after a month: "Friday to December's figures" is not
      // a range, and a sentence break is no range ("Sept. 30. On June 30").
      {"After a revision Friday to December's figures, jobs grew.", "1998-02-06",
       "[Friday] DATE 1998-02-06; [December] DATE 1997-12; "},
      {"Reserves were $9 million as of Sept. 30. On June 30, they stood at $8 million.",
       "1989-11-01", "[Sept. 30] DATE 1989-09-30; [June 30] DATE 1989-06-30; "},
      // Nor for "the day" or "the morning": a year or a month named before
      // has no day to count from, so the DCT's day is used.
      {"The revolution of 1917 was marked. Earlier in the day, crowds gathered.", "2005-11-07",
       "[1917] DATE 1917; [the day] DATE 2005-11-07; "},
      {"Prices fell in March. Shares rose in the morning session.", "2006-12-20",
       "[March] DATE 2006-03; [the morning] TIME 2006-12-20TMO; "},
      {"He was born in 1950. The following night, a storm hit.", "1997-04-29",
       "[1950] DATE 1950; [The following night] TIME 1997-04-30TNI; "},
      // "a year ago ... a year earlier": two comparisons with the same year;
      // the first does not move the narrative a year back.
      {"Net rose to $5 million from $4 million a year ago. Sales rose to $90 million from $80 "
       "million a year earlier.",
       "1989-11-01", "[a year ago] DATE 1988; [a year earlier] DATE 1988; "},
      // A year is no day for a clock time: the DCT's day is used.
      {"The firm was founded in 1990. At 3 p.m. shares rose.", "1998-08-08",
       "[1990] DATE 1990; [3 p.m.] TIME 1998-08-08T15:00; "},
  };
  for (const Case& c : cases) {
    Document doc = Annotated(c.text, c.dct);
    EXPECT_EQ(Describe(doc), c.expected) << c.text;
  }
}

// The seed article: exactly the expected expressions (code point offsets),
// with "once" optional.
TEST(TimexTaggerTest, SeedArticleExact) {
  std::string shared = CHRONICLE_SHARED_DIR;
  Result<std::string> raw = ReadFile(shared + "/examples/seed-article.txt");
  ASSERT_TRUE(raw.ok()) << raw.error().ToString();
  Result<std::string> expected_json = ReadFile(shared + "/examples/seed-article.expected.json");
  ASSERT_TRUE(expected_json.ok());
  nlohmann::json expected = nlohmann::json::parse(expected_json.value());
  const std::string& all = raw.value();
  std::string text = all.substr(all.find('\n') + 1);
  Document doc = Annotated(text, expected["dct"].get<std::string>());
  OffsetMap map(doc.text);
  std::vector<const Timex*> found;
  for (const Timex& t : doc.timexes) {
    uint32_t b = map.ToCodePoint(t.span.begin), e = map.ToCodePoint(t.span.end);
    bool optional = false;
    for (const auto& o : expected["optional"]) {
      if (o["start"].get<uint32_t>() == b && o["end"].get<uint32_t>() == e) optional = true;
    }
    if (!optional) found.push_back(&t);
  }
  ASSERT_EQ(found.size(), expected["timexes"].size()) << Describe(doc);
  for (size_t i = 0; i < found.size(); ++i) {
    const auto& x = expected["timexes"][i];
    const Timex& t = *found[i];
    EXPECT_EQ(map.ToCodePoint(t.span.begin), x["start"].get<uint32_t>()) << x["text"];
    EXPECT_EQ(map.ToCodePoint(t.span.end), x["end"].get<uint32_t>()) << x["text"];
    EXPECT_EQ(t.type, x["type"].get<std::string>()) << x["text"];
    EXPECT_EQ(t.value, x["value"].get<std::string>()) << x["text"];
  }
}

struct CorpusResult {
  int rows = 0;
  int failures = 0;
};

CorpusResult RunCorpusFile(const std::string& path) {
  CorpusResult r;
  std::ifstream in(path);
  std::string line;
  int line_no = 0;
  bool negative = BaseName(path) == "negative.tsv";
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() < 2) {
      ADD_FAILURE() << path << ":" << line_no << ": malformed row";
      continue;
    }
    ++r.rows;
    Document doc = Annotated(f[0], f[1]);
    std::string where = path + ":" + std::to_string(line_no) + ": " + f[0] + " -> " + Describe(doc);
    if (negative) {
      if (!doc.timexes.empty()) {
        ++r.failures;
        ADD_FAILURE() << where;
      }
      continue;
    }
    if (f.size() < 5) {
      ADD_FAILURE() << path << ":" << line_no << ": malformed row";
      continue;
    }
    std::string mod = f.size() > 5 ? f[5] : "";
    // A seventh column "+N" says the text holds N other expressions (each
    // checked by a row of its own): "Nov. 4 and 5, 1998".
    size_t others = f.size() > 6 && f[6].size() > 1 && f[6][0] == '+' ? std::stoul(f[6].substr(1)) : 0;
    bool ok = false;
    if (doc.timexes.size() == 1 + others) {
      for (const Timex& t : doc.timexes) {
        ok |= doc.Text(t.span) == f[2] && t.type == f[3] && t.value == f[4] && t.mod == mod;
      }
    }
    if (!ok) {
      ++r.failures;
      ADD_FAILURE() << where << " expected [" << f[2] << "] " << f[3] << " " << f[4]
                    << (mod.empty() ? "" : " mod=" + mod);
    }
  }
  return r;
}

TEST(TimexCorpusTest, EveryRowOfEveryFile) {
  Result<std::vector<std::string>> files = ListFiles(kData + "/en/timex/tests", {".tsv"});
  ASSERT_TRUE(files.ok());
  int rows = 0, failures = 0;
  for (const std::string& f : files.value()) {
    CorpusResult r = RunCorpusFile(f);
    rows += r.rows;
    failures += r.failures;
  }
  EXPECT_GE(rows, 800);
  EXPECT_EQ(failures, 0) << failures << " of " << rows << " rows failed";
}

// The prefilter and the trigger index must never change the output: same
// result with the plain loop over all rules (the corpus-wide version is in
// timex_slowtest.cc).
TEST(TimexTaggerTest, PrefilterAndTriggersMatchPlainLoopOnCorpusRows) {
  EXPECT_EQ(Tagger().untriggered_rule_count(), 0u);
  Result<std::vector<std::string>> files = ListFiles(kData + "/en/timex/tests", {".tsv"});
  ASSERT_TRUE(files.ok());
  for (const std::string& path : files.value()) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> f = SplitTabs(line);
      Document a = Annotated(f[0], f[1], TimexTagger::Matching::kPrefilter);
      Document b = Annotated(f[0], f[1], TimexTagger::Matching::kAllRules);
      Document c = Annotated(f[0], f[1], TimexTagger::Matching::kTriggers);
      EXPECT_EQ(a.timexes, b.timexes) << f[0];
      EXPECT_EQ(c.timexes, b.timexes) << f[0];
    }
  }
}

// Rule files: every error names file, line, rule and the bad fragment.
class RuleErrorTest : public ::testing::Test {
 protected:
  Lexicons lex_;
  std::unordered_map<std::string, std::string> macros_{{"day", "[0-9]{1,2}"}};
  std::string Parse(const std::string& content) {
    std::vector<CompiledRule> rules;
    Status s = ParseRules(content, "x.rules", lex_, macros_, &rules);
    return s.ok() ? "" : s.error().ToString();
  }
};

TEST_F(RuleErrorTest, BadRegex) {
  EXPECT_EQ(Parse("rule broken\n  pattern  (?P<day>[0-9]\n  type DATE\n"),
            "x.rules:2: rule broken: bad regular expression (missing ): (?P<day>[0-9]): "
            "(?P<day>[0-9]");
}

TEST_F(RuleErrorTest, DuplicateNameAcrossFiles) {
  std::vector<CompiledRule> rules;
  ASSERT_TRUE(ParseRules("rule r1\n  pattern x\n  type DATE\n", "a.rules", lex_, macros_, &rules).ok());
  Status s = ParseRules("rule r2\n  pattern y\n  type DATE\nrule r1\n  pattern z\n  type NONE\n",
                        "b.rules", lex_, macros_, &rules);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().ToString(), "b.rules:4: rule r1: duplicate rule name (also at a.rules:1): r1");
}

TEST_F(RuleErrorTest, CaptureNameUsedTwice) {
  EXPECT_EQ(Parse("rule r1\n  pattern (?P<day>@day)|x(?P<day>@day)\n  type DATE\n"),
            "x.rules:2: rule r1: capture name used twice: (?P<day>");
}

TEST_F(RuleErrorTest, UnknownCapture) {
  EXPECT_EQ(Parse("rule r1\n  pattern (?P<dya>@day)\n  type DATE\n"),
            "x.rules:2: rule r1: unknown capture name: (?P<dya>");
}

TEST_F(RuleErrorTest, UnknownMacro) {
  EXPECT_EQ(Parse("rule r1\n  pattern (?P<day>@dayz)\n  type DATE\n"),
            "x.rules:2: rule r1: unknown macro or lexicon '@dayz': (?P<day>@dayz)");
}

TEST_F(RuleErrorTest, BadType) {
  EXPECT_EQ(Parse("rule r1\n  pattern x\n  type DAY\n"),
            "x.rules:3: rule r1: type must be DATE, TIME, DURATION, SET or NONE: DAY");
}

TEST_F(RuleErrorTest, BadFixedValue) {
  EXPECT_EQ(Parse("rule r1\n  pattern x\n  type DATE\n  unit fortnights\n"),
            "x.rules:4: rule r1: bad value for unit: fortnights");
}

TEST_F(RuleErrorTest, ModifierWordMissingFromItsLexicon) {
  Lexicon mod;
  mod.surfaces = {"about", "more than"};
  mod.entries = {{"about", "APPROX"}, {"more than", "MORE_THAN"}};
  lex_.by_name["mod"] = mod;
  EXPECT_EQ(Parse("rule r1\n  pattern  (?P<mod>about|more\\s+than)\\s+x\n  type DATE\n"), "");
  EXPECT_EQ(Parse("rule r1\n  pattern  (?P<mod>about|shortly\\s+after)\\s+x\n  type DATE\n"),
            "x.rules:2: rule r1: 'shortly after' is not in lexicon/mod.tsv: (?P<mod>");
  // Bodies that are not plain words are read when matching, not checked here.
  EXPECT_EQ(Parse("rule r1\n  pattern  (?P<mod>[a-z]+)\\s+x\n  type DATE\n"), "");
}

TEST_F(RuleErrorTest, MissingPatternAndDuplicates) {
  EXPECT_EQ(Parse("rule r1\n  type DATE\n"), "x.rules:1: rule r1: rule has no pattern");
  EXPECT_EQ(Parse("rule r1\n  pattern x\n  type DATE\nrule r1\n  pattern y\n  type DATE\n"),
            "x.rules:4: rule r1: duplicate rule name: r1");
  EXPECT_EQ(Parse("  pattern x\n"), "x.rules:1: key outside a rule: pattern x");
  EXPECT_EQ(Parse("rule r1\n  pattern x\n  type DATE\n  colour red\n"),
            "x.rules:4: rule r1: unknown key: colour");
}

TEST(ParseNumberTest, WordsAndDigits) {
  Result<TimexTagger> t = TimexTagger::Load(kData);
  ASSERT_TRUE(t.ok());
  Result<RuleSet> set = LoadRuleSet(kData + "/en/timex");
  ASSERT_TRUE(set.ok());
  const Lexicons& lex = set.value().lexicons;
  double d = 0;
  ASSERT_TRUE(ParseNumber("twenty-four", lex, &d));
  EXPECT_EQ(d, 24);
  ASSERT_TRUE(ParseNumber("twenty four", lex, &d));
  EXPECT_EQ(d, 24);
  ASSERT_TRUE(ParseNumber("two hundred and fifty", lex, &d));
  EXPECT_EQ(d, 250);
  ASSERT_TRUE(ParseNumber("nineteen ninety-six", lex, &d));
  EXPECT_EQ(d, 1996);
  ASSERT_TRUE(ParseNumber("two thousand and one", lex, &d));
  EXPECT_EQ(d, 2001);
  ASSERT_TRUE(ParseNumber("1,500", lex, &d));
  EXPECT_EQ(d, 1500);
  ASSERT_TRUE(ParseNumber("2.5", lex, &d));
  EXPECT_EQ(d, 2.5);
  EXPECT_FALSE(ParseNumber("twenty gadgets", lex, &d));
}

}  // namespace
}  // namespace chronicle

namespace chronicle {
namespace {

// Robustness: arbitrary text (random words from a timex-heavy vocabulary,
// punctuation, multi-byte characters, empty and odd DCTs) never crashes and
// always yields a valid document with disjoint, ordered spans.
TEST(TimexTaggerTest, RandomTextKeepsInvariants) {
  const char* kWords[] = {"May", "March", "last", "next", "week", "2021", "'98", "Aug.", "7,",
                          "the", "1990s", "Q3", "a.m.", "9:30", "twice", "a", "month", "ago",
                          "three", "years", "early", "mid-", "—", "é", "\n\n", ". ", "Monday",
                          "$", "1,999", "people", "now", "Christmas", "of", "fiscal", "half"};
  const char* kDcts[] = {"2020-10-02", "1998-12-05T09:42", "", "not-a-date", "0001-01-01"};
  uint32_t seed = 12345;
  auto next = [&seed]() {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
  };
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = static_cast<int>(next() % 40);
    for (int i = 0; i < n; ++i) {
      text += kWords[next() % (sizeof(kWords) / sizeof(kWords[0]))];
      if (next() % 3) text += " ";
    }
    Document doc;
    doc.text = text;
    std::string dct = kDcts[next() % 5];
    if (!dct.empty()) doc.dct = Timex{.id = "t0", .type = "DATE", .value = dct};
    Tagger().Annotate(&doc);
    ASSERT_TRUE(doc.Validate().ok()) << text;
    for (size_t i = 0; i < doc.timexes.size(); ++i) {
      EXPECT_FALSE(doc.timexes[i].value.empty()) << text;
      if (i > 0) {
        EXPECT_LE(doc.timexes[i - 1].span.end, doc.timexes[i].span.begin) << text;
      }
    }
  }
}

}  // namespace
}  // namespace chronicle
