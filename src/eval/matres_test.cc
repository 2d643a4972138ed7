#include "eval/matres.h"

#include <gtest/gtest.h>

namespace chronicle {
namespace {

TLink L(std::string a, std::string rel, std::string b) {
  return TLink{.id = "l", .rel_type = std::move(rel), .source_id = std::move(a),
               .source_is_event = true, .target_id = std::move(b), .target_is_event = true};
}

// A document whose event i (i = 1..n) covers "w<i>" and has instance "ei<i>".
Document Doc(int n, int id_offset = 0) {
  Document d;
  for (int i = 1; i <= n; ++i) {
    uint32_t b = static_cast<uint32_t>(d.text.size());
    d.text += "w" + std::to_string(i);
    std::string k = std::to_string(i + id_offset);
    d.events.push_back(Event{.id = "e" + k, .span = {b, static_cast<uint32_t>(d.text.size())}});
    d.instances.push_back(EventInstance{.id = "ei" + k, .event_id = "e" + k});
    d.text += " ";
  }
  return d;
}

TEST(MatresTest, ParsesTheFormatAndNamesBadLines) {
  auto ok = ParseMatres("NYT1\tsaid\tmade\t1\t2\tAFTER\n# c\n\nNYT1 left stir 17 19 EQUAL\r\n",
                        "m.txt");
  ASSERT_TRUE(ok.ok()) << ok.error().ToString();
  ASSERT_EQ(ok.value().size(), 2u);
  EXPECT_EQ(ok.value()[0].doc, "NYT1");
  EXPECT_EQ(ok.value()[0].source, "ei1");
  EXPECT_EQ(ok.value()[0].target, "ei2");
  EXPECT_EQ(ok.value()[0].rel, StartRel::kAfter);
  EXPECT_EQ(ok.value()[1].rel, StartRel::kEqual);

  auto bad = ParseMatres("NYT1 said made 1 2 AFTER\nNYT1 a b 3 4 OVERLAP\n", "m.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().ToString().find("m.txt:2:"), std::string::npos) << bad.error().ToString();
  EXPECT_NE(bad.error().ToString().find("OVERLAP"), std::string::npos);
  EXPECT_FALSE(ParseMatres("NYT1 a b x 4 BEFORE\n", "m.txt").ok());
  EXPECT_FALSE(ParseMatres("NYT1 a b 3 BEFORE\n", "m.txt").ok());
}

TEST(MatresTest, IntervalRelationsMapToStartPoints) {
  auto rel = [](const std::string& r) { return StartRelation({L("ei1", r, "ei2")}, "ei1", "ei2"); };
  EXPECT_EQ(rel("BEFORE"), StartRel::kBefore);
  EXPECT_EQ(rel("IBEFORE"), StartRel::kBefore);
  EXPECT_EQ(rel("INCLUDES"), StartRel::kBefore);
  EXPECT_EQ(rel("ENDED_BY"), StartRel::kBefore);
  EXPECT_EQ(rel("AFTER"), StartRel::kAfter);
  EXPECT_EQ(rel("IS_INCLUDED"), StartRel::kAfter);
  EXPECT_EQ(rel("ENDS"), StartRel::kAfter);
  EXPECT_EQ(rel("SIMULTANEOUS"), StartRel::kEqual);
  EXPECT_EQ(rel("BEGINS"), StartRel::kEqual);
  EXPECT_EQ(rel("BEGUN_BY"), StartRel::kEqual);
  // The inverse direction, a chain through a time, and no information.
  EXPECT_EQ(StartRelation({L("ei2", "INCLUDES", "ei1")}, "ei1", "ei2"), StartRel::kAfter);
  EXPECT_EQ(StartRelation({L("ei1", "IS_INCLUDED", "t1"), L("t1", "BEFORE", "ei2")}, "ei1", "ei2"),
            StartRel::kBefore);
  EXPECT_EQ(StartRelation({L("ei1", "BEFORE", "ei3"), L("ei2", "BEFORE", "ei3")}, "ei1", "ei2"),
            StartRel::kVague);
  EXPECT_EQ(StartRelation({}, "ei1", "ei2"), StartRel::kVague);
}

TEST(MatresTest, MicroF1CountsVagueAsNegative) {
  // Gold: 1<2 BEFORE, 2?3 AFTER, 3?4 VAGUE, 1?4 EQUAL; another document skipped.
  auto gold = ParseMatres(
      "D 1 2 1 2 BEFORE\nD 2 3 2 3 AFTER\nD 3 4 3 4 VAGUE\nD 1 4 1 4 EQUAL\nX 1 2 1 2 BEFORE\n",
      "g");
  ASSERT_TRUE(gold.ok());
  Document sys = Doc(4);
  // System: 1 BEFORE 2 (right), 2 BEFORE 3 (wrong), 3 BEFORE 4 (a false
  // positive on a VAGUE pair), 1 ? 4 entailed BEFORE by the chain (wrong).
  sys.tlinks = {L("ei1", "BEFORE", "ei2"), L("ei2", "BEFORE", "ei3"), L("ei3", "BEFORE", "ei4")};
  MatresScores s = EvaluateMatres(gold.value(), {{"D", nullptr, &sys}});
  EXPECT_EQ(s.pairs, 4);
  EXPECT_EQ(s.skipped_pairs, 1);
  EXPECT_EQ(s.micro.system, 4);
  EXPECT_EQ(s.micro.gold, 3);
  EXPECT_EQ(s.micro.system_correct, 1);
  EXPECT_NEAR(s.micro.Precision(), 0.25, 1e-9);
  EXPECT_NEAR(s.micro.Recall(), 1.0 / 3, 1e-9);
  EXPECT_EQ(s.confusion[int(StartRel::kVague)][int(StartRel::kBefore)], 1);
  EXPECT_EQ(s.confusion[int(StartRel::kEqual)][int(StartRel::kBefore)], 1);
  EXPECT_NE(FormatMatres(s).find("F1 28.57"), std::string::npos) << FormatMatres(s);

  // A system answering nothing: P undefined-as-0 with gold to find, R 0.
  Document empty = Doc(4);
  MatresScores z = EvaluateMatres(gold.value(), {{"D", nullptr, &empty}});
  EXPECT_EQ(z.micro.system, 0);
  EXPECT_EQ(z.micro.F1(), 0.0);
}

TEST(MatresTest, EndToEndOutputIsMatchedBySpan) {
  auto gold = ParseMatres("D a b 1 2 BEFORE\nD a c 1 3 AFTER\n", "g");
  ASSERT_TRUE(gold.ok());
  Document g = Doc(3);
  // The system numbered its instances differently (ei11.. for w1..) and
  // found no event on w3.
  Document sys = Doc(2, 10);
  sys.text = g.text;
  sys.tlinks = {L("ei11", "BEFORE", "ei12")};
  MatresScores s = EvaluateMatres(gold.value(), {{"D", &g, &sys}});
  EXPECT_EQ(s.pairs, 2);
  EXPECT_EQ(s.unmatched_endpoints, 1);
  EXPECT_EQ(s.micro.system_correct, 1);
  EXPECT_EQ(s.micro.system, 1);
  EXPECT_EQ(s.micro.gold, 2);
}

}  // namespace
}  // namespace chronicle
