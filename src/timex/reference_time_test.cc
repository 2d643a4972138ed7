// The narrative reference time and the tense logic.
#include "timex/reference_time.h"

#include <gtest/gtest.h>

#include "timex/timex_tagger.h"

namespace chronicle {
namespace {

TenseCues Cues() {
  TenseCues c;
  for (const char* w : {"said", "spoke", "was", "did"}) c.Add(w, Tense::kPast);
  for (const char* w : {"will", "'ll", "plans", "planned", "expected"}) c.Add(w, Tense::kFuture);
  c.Add("is", Tense::kPresent);
  c.Add("united", Tense::kUnknown);
  c.Add("set", Tense::kPast);
  c.Add("set to", Tense::kFuture);
  c.Add("is to", Tense::kFuture);
  return c;
}

Tense TenseOf(const std::string& text, const std::string& expression) {
  Document doc;
  doc.text = text;
  uint32_t b = static_cast<uint32_t>(text.find(expression));
  return GoverningTense(doc, Span{b, static_cast<uint32_t>(b + expression.size())}, Cues());
}

TEST(TenseCuesTest, LexiconThenRegularPast) {
  TenseCues c = Cues();
  EXPECT_EQ(c.Classify("said"), Tense::kPast);
  EXPECT_EQ(c.Classify("Claimed"), Tense::kPast);  // -ed rule
  EXPECT_EQ(c.Classify("united"), Tense::kUnknown);  // exempted
  EXPECT_EQ(c.Classify("will"), Tense::kFuture);
  EXPECT_EQ(c.Classify("red"), Tense::kUnknown);  // too short for the rule
}

TEST(GoverningTenseTest, WordCuesWithoutTags) {
  EXPECT_EQ(TenseOf("Back in January, she spoke about the movies.", "January"), Tense::kPast);
  EXPECT_EQ(TenseOf("The minister will speak Monday in Paris.", "Monday"), Tense::kFuture);
  EXPECT_EQ(TenseOf("We'll see what happens in March.", "March"), Tense::kFuture);
  EXPECT_EQ(TenseOf("They are going to vote in May.", "May"), Tense::kFuture);
  EXPECT_EQ(TenseOf("Prices climbed on Monday.", "Monday"), Tense::kPast);
  EXPECT_EQ(TenseOf("Sales on Monday.", "Monday"), Tense::kUnknown);
  // A participle after an auxiliary is not a past tense.
  EXPECT_EQ(TenseOf("The dividend will be paid Dec. 1.", "Dec. 1"), Tense::kFuture);
}

TEST(GoverningTenseTest, TwoWordCues) {
  TenseCues c = Cues();
  EXPECT_EQ(c.ClassifyPair("Set", "TO"), Tense::kFuture);
  EXPECT_EQ(c.ClassifyPair("set", "up"), Tense::kUnknown);
  // "set" alone is a past form; "set to" points ahead and is nearer.
  EXPECT_EQ(TenseOf("The peace process, set to resume Monday in Belfast.", "Monday"),
            Tense::kFuture);
  EXPECT_EQ(TenseOf("He set the table Monday.", "Monday"), Tense::kPast);
  EXPECT_EQ(TenseOf("Trading is to resume in Paris Tuesday.", "Tuesday"), Tense::kFuture);
}

// The tagger lists a sentence's cues once and asks for each expression:
// the answers are GoverningTense()'s, for every expression of the sentence.
TEST(GoverningTenseTest, SentenceCuesSharedByItsExpressions) {
  Document doc;
  doc.text = "Sales climbed in January, and the firm will report again in March. "
             "Nothing on Friday.";
  TenseCues cues = Cues();
  Span sentence = SentenceAround(doc, 17);
  std::vector<TenseCue> listed;
  SentenceTenseCues(doc, sentence, cues, &listed);
  ASSERT_FALSE(listed.empty());
  EXPECT_EQ(listed.front().tense, Tense::kPast);  // "climbed" (-ed)
  for (const char* e : {"January", "March"}) {
    uint32_t b = static_cast<uint32_t>(doc.text.find(e));
    Span span{b, static_cast<uint32_t>(b + std::string_view(e).size())};
    ASSERT_EQ(SentenceAround(doc, b).begin, sentence.begin);
    EXPECT_EQ(NearestTense(listed, span), GoverningTense(doc, span, cues)) << e;
  }
  EXPECT_EQ(NearestTense(listed, Span{17, 24}), Tense::kPastWithFuture);
  EXPECT_EQ(NearestTense(listed, Span{60, 65}), Tense::kFuture);
  std::vector<TenseCue> none;
  EXPECT_EQ(NearestTense(none, Span{17, 24}), Tense::kUnknown);
}

TEST(GoverningTenseTest, TwoWordCuesWithTags) {
  Document doc;
  doc.text = "Talks set to resume Monday";
  doc.tokens = {Token{.span = {0, 5}, .xpos = "NNS"}, Token{.span = {6, 9}, .xpos = "VBN"},
                Token{.span = {10, 12}, .xpos = "TO"}, Token{.span = {13, 19}, .xpos = "VB"},
                Token{.span = {20, 26}, .xpos = "NNP"}};
  EXPECT_EQ(GoverningTense(doc, Span{20, 26}, Cues()), Tense::kFuture);
}

TEST(GoverningTenseTest, PastWithAFutureCueElsewhere) {
  EXPECT_EQ(TenseOf("The firm said it will pay Dec. 1 and said so again.", "Dec. 1"),
            Tense::kFuture);
  EXPECT_EQ(TenseOf("He said the plan was planned for long, and spoke Dec. 1.", "Dec. 1"),
            Tense::kPastWithFuture);
  EXPECT_EQ(TenseOf("He spoke on Dec. 1.", "Dec. 1"), Tense::kPast);
}

TEST(GoverningTenseTest, OnlyTheSentenceOfTheExpression) {
  EXPECT_EQ(TenseOf("He said so. The vote will be held Monday.", "Monday"), Tense::kFuture);
  EXPECT_EQ(TenseOf("It will rain. Markets climbed Monday.", "Monday"), Tense::kPast);
}

TEST(GoverningTenseTest, PosTagsWhenPresent) {
  Document doc;
  doc.text = "Officials meet Friday";
  doc.tokens = {Token{.span = {0, 9}, .xpos = "NNS"}, Token{.span = {10, 14}, .xpos = "VBD"},
                Token{.span = {15, 21}, .xpos = "NNP"}};
  EXPECT_EQ(GoverningTense(doc, Span{15, 21}, Cues()), Tense::kPast);
  doc.tokens[1].xpos = "VBP";
  EXPECT_EQ(GoverningTense(doc, Span{15, 21}, Cues()), Tense::kPresent);
}

TEST(SentenceAroundTest, AbbreviationsDoNotEndSentences) {
  Document doc;
  doc.text = "It ended Aug. 7 in Rome. Then it rained.";
  Span s = SentenceAround(doc, 10);
  EXPECT_EQ(doc.Text(s), "It ended Aug. 7 in Rome");
}

TEST(NarrativeReferenceTest, RemembersAndForgets) {
  NarrativeReference n(100);
  ResolvedTimex r;
  r.sets_narrative = true;
  r.narrative = CivilDate{1989, 7, 1};
  r.narrative_unit = Unit::kQuarter;
  n.Observe(r, 10);
  ResolveContext c;
  n.Fill(&c, 50);
  EXPECT_TRUE(c.has_narrative);
  EXPECT_EQ(c.narrative_unit, Unit::kQuarter);
  n.Fill(&c, 500);
  EXPECT_FALSE(c.has_narrative);
}

// End to end with the real rules: the reference time flows through a text.
TEST(NarrativeReferenceTest, TheFollowingDayAndAYearEarlier) {
  Result<TimexTagger> t = TimexTagger::Load(std::string(CHRONICLE_SOURCE_DIR) + "/data");
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  Document doc;
  doc.text = "Talks collapsed on March 3, 2019. The following day, troops moved in.";
  doc.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02"};
  t.value().Annotate(&doc);
  ASSERT_EQ(doc.timexes.size(), 2u);
  EXPECT_EQ(doc.timexes[1].value, "2019-03-04");
  EXPECT_EQ(doc.timexes[1].anchor_time_id, "");  // anchored to the narrative, not the DCT

  Document q;
  q.text = "Net income rose in the third quarter from $4 million a year earlier.";
  q.dct = Timex{.id = "t0", .type = "DATE", .value = "1989-10-30"};
  t.value().Annotate(&q);
  ASSERT_EQ(q.timexes.size(), 2u);
  EXPECT_EQ(q.timexes[0].value, "1989-Q3");
  EXPECT_EQ(q.timexes[1].value, "1988-Q3");

  Document p;
  p.text = "Planned for July 2021, the film was delayed. Back in January, she said it was done.";
  p.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02"};
  t.value().Annotate(&p);
  ASSERT_EQ(p.timexes.size(), 2u);
  EXPECT_EQ(p.timexes[0].value, "2021-07");
  EXPECT_EQ(p.timexes[1].value, "2020-01");
}

}  // namespace
}  // namespace chronicle
