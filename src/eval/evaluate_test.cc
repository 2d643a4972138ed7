#include "eval/evaluate.h"

#include <gtest/gtest.h>

namespace chronicle {
namespace {

// Builds small documents over one text; spans are found by substring so the
// fixtures read like the sentences they annotate.
class DocBuilder {
 public:
  explicit DocBuilder(std::string text, std::string name = "doc.tml") {
    d_.text = std::move(text);
    d_.source_name = std::move(name);
    d_.id = "doc";
    d_.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-07",
                   .function_in_document = "CREATION_TIME"};
  }
  Span Find(std::string_view s) const {
    size_t at = d_.text.find(s);
    EXPECT_NE(at, std::string::npos) << s;
    return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + s.size())};
  }
  DocBuilder& Timex3(std::string id, std::string_view words, std::string type,
                     std::string value) {
    d_.timexes.push_back(Timex{.id = std::move(id), .span = Find(words), .type = std::move(type),
                               .value = std::move(value)});
    return *this;
  }
  // An EVENT "e<n>" with its instance "ei<n>".
  DocBuilder& Event3(std::string n, std::string_view words, std::string cls,
                     std::string tense = "PAST", std::string aspect = "NONE") {
    d_.events.push_back(Event{.id = "e" + n, .span = Find(words), .event_class = std::move(cls)});
    d_.instances.push_back(EventInstance{.id = "ei" + n, .event_id = "e" + n,
                                         .tense = std::move(tense), .aspect = std::move(aspect),
                                         .polarity = "POS", .pos = "VERB"});
    return *this;
  }
  // source / target: "ei3" (instance) or "t2" (time).
  DocBuilder& Link(std::string source, std::string rel, std::string target) {
    TLink l{.id = "l" + std::to_string(d_.tlinks.size() + 1), .rel_type = std::move(rel),
            .source_id = source, .source_is_event = source.rfind("ei", 0) == 0,
            .target_id = target, .target_is_event = target.rfind("ei", 0) == 0};
    d_.tlinks.push_back(std::move(l));
    return *this;
  }
  const Document& doc() const { return d_; }

 private:
  Document d_;
};

EvalReport Score(const Document& gold, const Document& sys) {
  Result<EvalReport> r = Evaluate({{&gold, &sys}});
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
  return r.ok() ? r.value() : EvalReport{};
}

const AttributeScore& Attr(const EntityScores& e, std::string_view name) {
  for (const AttributeScore& a : e.attributes) {
    if (a.name == name) return a;
  }
  ADD_FAILURE() << "no attribute " << name;
  return e.attributes.front();
}

constexpr char kText[] =
    "Sales fell last month and rose on Monday morning, two weeks after the vote in 2019.";

TEST(EvaluateTimex, StrictRelaxedAndAttributes) {
  DocBuilder gold(kText);
  gold.Timex3("t1", "last month", "DATE", "2020-09")
      .Timex3("t2", "Monday morning", "TIME", "2020-10-05TMO")
      .Timex3("t3", "two weeks", "DURATION", "P2W")
      .Timex3("t4", "2019", "DATE", "2019");
  DocBuilder sys(kText);
  sys.Timex3("t1", "last month", "DATE", "2020-09")    // strict match
      .Timex3("t2", "Monday", "TIME", "2020-10-05")     // overlaps "Monday morning"
      .Timex3("t3", "the vote", "DATE", "XXXX");        // spurious
  EvalReport r = Score(gold.doc(), sys.doc());
  // Strict: 1 of 3 system, 1 of 4 gold: P = 1/3, R = 1/4,
  // F1 = 2 * (1/3) * (1/4) / (1/3 + 1/4) = (1/6) / (7/12) = 2/7.
  EXPECT_EQ(r.timex.strict.system, 3);
  EXPECT_EQ(r.timex.strict.gold, 4);
  EXPECT_EQ(r.timex.strict.system_correct, 1);
  EXPECT_NEAR(r.timex.strict.Precision(), 1.0 / 3, 1e-12);
  EXPECT_NEAR(r.timex.strict.Recall(), 1.0 / 4, 1e-12);
  EXPECT_NEAR(r.timex.strict.F1(), 2.0 / 7, 1e-12);
  // Relaxed: "Monday" counts too: P = 2/3, R = 2/4, F1 = (2/3) / (7/6) = 4/7.
  EXPECT_EQ(r.timex.relaxed.system_correct, 2);
  EXPECT_NEAR(r.timex.relaxed.F1(), 4.0 / 7, 1e-12);
  // type: both matched pairs agree (DATE, TIME): accuracy 2/2, and TE3's
  // attribute F1 = accuracy * relaxed F1 = 1 * 4/7 (= F1 of P 2/3, R 2/4).
  const AttributeScore& type = Attr(r.timex, "type");
  EXPECT_EQ(type.matched, 2);
  EXPECT_EQ(type.same, 2);
  EXPECT_NEAR(type.prf.F1(), 4.0 / 7, 1e-12);
  // value: only 2020-09 agrees: accuracy 1/2, F1 = 1/2 * 4/7 = 2/7
  // (P = 1/3, R = 1/4).
  const AttributeScore& value = Attr(r.timex, "value");
  EXPECT_EQ(value.same, 1);
  EXPECT_NEAR(value.Accuracy(), 0.5, 1e-12);
  EXPECT_NEAR(value.prf.Precision(), 1.0 / 3, 1e-12);
  EXPECT_NEAR(value.prf.Recall(), 1.0 / 4, 1e-12);
  EXPECT_NEAR(value.prf.F1(), 2.0 / 7, 1e-12);
}

TEST(EvaluateTimex, ExactSpanWinsOverAnEarlierOverlap) {
  // The system has "Monday" and "Monday morning"; the gold only "Monday
  // morning". The identical span must take the gold one, leaving "Monday"
  // unmatched: strict 1/2, relaxed 1/2 (one-to-one alignment).
  DocBuilder gold(kText);
  gold.Timex3("t1", "Monday morning", "TIME", "2020-10-05TMO");
  DocBuilder sys(kText);
  sys.Timex3("t1", "Monday", "DATE", "2020-10-05")
      .Timex3("t2", "Monday morning", "TIME", "2020-10-05TMO");
  EvalReport r = Score(gold.doc(), sys.doc());
  EXPECT_EQ(r.timex.strict.system_correct, 1);
  EXPECT_EQ(r.timex.relaxed.system_correct, 1);
  EXPECT_NEAR(r.timex.relaxed.Precision(), 0.5, 1e-12);
  EXPECT_NEAR(r.timex.relaxed.Recall(), 1.0, 1e-12);
  EXPECT_EQ(Attr(r.timex, "value").same, 1);
}

TEST(EvaluateEvent, ClassTenseAspect) {
  DocBuilder gold(kText);
  gold.Event3("1", "fell", "OCCURRENCE", "PAST", "NONE")
      .Event3("2", "rose", "OCCURRENCE", "PAST", "NONE")
      .Event3("3", "vote", "OCCURRENCE", "NONE", "NONE");
  DocBuilder sys(kText);
  sys.Event3("1", "fell", "OCCURRENCE", "PAST", "NONE")  // strict, all attributes right
      .Event3("2", "rose on", "STATE", "PRESENT", "NONE")  // relaxed, class + tense wrong
      .Event3("3", "Sales", "OCCURRENCE");                 // spurious
  EvalReport r = Score(gold.doc(), sys.doc());
  // Strict 1 of 3 / 3: P = R = F1 = 1/3. Relaxed 2 of 3 / 3: 2/3.
  EXPECT_NEAR(r.event.strict.F1(), 1.0 / 3, 1e-12);
  EXPECT_NEAR(r.event.relaxed.F1(), 2.0 / 3, 1e-12);
  // class: 1 of 2 matched agree -> accuracy 1/2, F1 = 1/2 * 2/3 = 1/3.
  EXPECT_EQ(Attr(r.event, "class").same, 1);
  EXPECT_NEAR(Attr(r.event, "class").prf.F1(), 1.0 / 3, 1e-12);
  // tense: PAST/PAST agrees, PAST/PRESENT not -> 1/3 likewise.
  EXPECT_NEAR(Attr(r.event, "tense").prf.F1(), 1.0 / 3, 1e-12);
  // aspect: NONE/NONE twice -> accuracy 1, F1 = 2/3.
  EXPECT_EQ(Attr(r.event, "aspect").same, 2);
  EXPECT_NEAR(Attr(r.event, "aspect").prf.F1(), 2.0 / 3, 1e-12);
  EXPECT_NEAR(Attr(r.event, "polarity").Accuracy(), 1.0, 1e-12);
}

// Three matched events A = "fell", B = "rose", C = "vote". The system uses
// other ids (ei7, ei8, ei9) to check that links are mapped through spans.
DocBuilder GoldABC() {
  DocBuilder gold(kText);
  gold.Event3("1", "fell", "OCCURRENCE").Event3("2", "rose", "OCCURRENCE").Event3(
      "3", "vote", "OCCURRENCE");
  return gold;
}
DocBuilder SysABC() {
  DocBuilder sys(kText);
  sys.Event3("7", "fell", "OCCURRENCE").Event3("8", "rose", "OCCURRENCE").Event3(
      "9", "vote", "OCCURRENCE");
  return sys;
}

TEST(EvaluateTLink, ClosureVerifiesAnImpliedSystemLink) {
  DocBuilder gold = GoldABC();
  gold.Link("ei1", "BEFORE", "ei2").Link("ei2", "BEFORE", "ei3");
  DocBuilder sys = SysABC();
  sys.Link("ei7", "BEFORE", "ei9");  // A BEFORE C
  EvalReport r = Score(gold.doc(), sys.doc());
  // Reduced system {A<C}: the gold closure (A<B<C) entails it, P = 1/1.
  // Reduced gold {A<B, B<C}: the system graph {A<C} entails neither, R = 0/2.
  // F1 = 0.
  EXPECT_EQ(r.tlink.awareness.system, 1);
  EXPECT_EQ(r.tlink.awareness.system_correct, 1);
  EXPECT_EQ(r.tlink.awareness.gold, 2);
  EXPECT_EQ(r.tlink.awareness.gold_correct, 0);
  EXPECT_DOUBLE_EQ(r.tlink.awareness.Precision(), 1.0);
  EXPECT_DOUBLE_EQ(r.tlink.awareness.F1(), 0.0);
}

TEST(EvaluateTLink, ReductionDropsRedundantLinksFromTheCount) {
  DocBuilder gold = GoldABC();
  gold.Link("ei1", "BEFORE", "ei2").Link("ei2", "BEFORE", "ei3");
  DocBuilder sys = SysABC();
  sys.Link("ei7", "BEFORE", "ei8").Link("ei8", "BEFORE", "ei9").Link("ei7", "BEFORE", "ei9");
  EvalReport r = Score(gold.doc(), sys.doc());
  // The third system link follows from the first two: reduced system = 2
  // links, both verified: P = 2/2; R = 2/2.
  EXPECT_EQ(r.tlink.system_links, 3);
  EXPECT_EQ(r.tlink.awareness.system, 2);
  EXPECT_DOUBLE_EQ(r.tlink.awareness.F1(), 1.0);
}

TEST(EvaluateTLink, InverseRelationCounts) {
  DocBuilder gold = GoldABC();
  gold.Link("ei1", "BEFORE", "ei2").Link("ei2", "IS_INCLUDED", "ei3");
  DocBuilder sys = SysABC();
  sys.Link("ei8", "AFTER", "ei7").Link("ei9", "INCLUDES", "ei8");
  EvalReport r = Score(gold.doc(), sys.doc());
  // B AFTER A is A BEFORE B; C INCLUDES B is B IS_INCLUDED C: 2/2 and 2/2.
  EXPECT_EQ(r.tlink.awareness.system_correct, 2);
  EXPECT_EQ(r.tlink.awareness.gold_correct, 2);
}

TEST(EvaluateTLink, ContradictedRelation) {
  DocBuilder gold = GoldABC();
  gold.Link("ei1", "BEFORE", "ei2").Link("ei2", "BEFORE", "ei3");
  DocBuilder sys = SysABC();
  sys.Link("ei9", "BEFORE", "ei7").Link("ei7", "BEFORE", "ei8");  // C<A, A<B
  EvalReport r = Score(gold.doc(), sys.doc());
  // Precision: C<A contradicts the gold closure (A<C); A<B is a gold link:
  // 1/2. Recall: A<B is in the system graph; B<C is not (the system has
  // C<A<B, so C<B): 1/2. F1 = 1/2.
  EXPECT_EQ(r.tlink.awareness.system_correct, 1);
  EXPECT_EQ(r.tlink.awareness.gold_correct, 1);
  EXPECT_DOUBLE_EQ(r.tlink.awareness.F1(), 0.5);
}

TEST(EvaluateTLink, LinksOnUnmatchedEntitiesVerifyNothing) {
  DocBuilder gold = GoldABC();
  gold.Link("ei1", "BEFORE", "ei2");
  DocBuilder sys = SysABC();
  sys.Event3("4", "Sales", "OCCURRENCE");  // no gold event there
  sys.Link("ei4", "BEFORE", "ei7").Link("ei7", "BEFORE", "ei8");
  EvalReport r = Score(gold.doc(), sys.doc());
  // P = 1/2 (Sales<A unverifiable), R = 1/1, F1 = 2 * 0.5 * 1 / 1.5 = 2/3.
  EXPECT_EQ(r.tlink.system_links_unmatched, 1);
  EXPECT_NEAR(r.tlink.awareness.Precision(), 0.5, 1e-12);
  EXPECT_NEAR(r.tlink.awareness.Recall(), 1.0, 1e-12);
  EXPECT_NEAR(r.tlink.awareness.F1(), 2.0 / 3, 1e-12);
}

TEST(EvaluateTLink, TimexesAndTheDctAreMappedBySpanAndRole) {
  DocBuilder gold(kText);
  gold.Event3("1", "fell", "OCCURRENCE").Timex3("t1", "last month", "DATE", "2020-09");
  gold.Link("ei1", "IS_INCLUDED", "t1").Link("t1", "BEFORE", "t0");
  DocBuilder sys(kText);
  sys.Event3("5", "fell", "OCCURRENCE").Timex3("t8", "last month", "DATE", "2020-09");
  sys.Link("t8", "INCLUDES", "ei5").Link("ei5", "BEFORE", "t0");
  EvalReport r = Score(gold.doc(), sys.doc());
  // System: ei5 = ei1, t8 = t1. fell IS_INCLUDED last month, which is BEFORE
  // the DCT, so "fell BEFORE DCT" follows in the gold graph: P = 2/2. Gold
  // t1 BEFORE t0 does not follow from the system links: R = 1/2.
  EXPECT_EQ(r.tlink.awareness.system_correct, 2);
  EXPECT_EQ(r.tlink.awareness.gold_correct, 1);
  EXPECT_EQ(r.tlink.system_links_unmatched, 0);
}

TEST(EvaluateTLink, SecondInstancesMapByRankAndDctById) {
  // "rose" has two instances on each side (ei2, ei20 in the gold; ei8, ei80
  // in the system); the system DCT is called t9.
  DocBuilder gold = GoldABC();
  Document g = gold.doc();
  g.instances.push_back(EventInstance{.id = "ei20", .event_id = "e2"});
  g.tlinks.push_back(TLink{.id = "l1", .rel_type = "BEFORE", .source_id = "ei20",
                           .target_id = "t0", .target_is_event = false});
  g.tlinks.push_back(TLink{.id = "l2", .rel_type = "AFTER", .source_id = "ei2",
                           .target_id = "t0", .target_is_event = false});
  DocBuilder sysb = SysABC();
  Document s = sysb.doc();
  s.dct->id = "t9";
  s.instances.push_back(EventInstance{.id = "ei80", .event_id = "e8"});
  s.tlinks.push_back(TLink{.id = "l1", .rel_type = "AFTER", .source_id = "t9",
                           .source_is_event = false, .target_id = "ei80"});
  s.tlinks.push_back(TLink{.id = "l2", .rel_type = "BEFORE", .source_id = "t9",
                           .source_is_event = false, .target_id = "ei8"});
  EvalReport r = Score(g, s);
  // t9 AFTER ei80 is ei20 BEFORE t0 (second instance to second instance);
  // t9 BEFORE ei8 is ei2 AFTER t0. Both verified both ways: 2/2, 2/2. Had
  // the instances been swapped, both would contradict the gold.
  EXPECT_EQ(r.tlink.system_links_unmatched, 0);
  EXPECT_EQ(r.tlink.awareness.system_correct, 2);
  EXPECT_EQ(r.tlink.awareness.gold_correct, 2);
}

TEST(EvaluateTLink, DuringAndIdentityCountAsSimultaneous) {
  DocBuilder gold = GoldABC();
  gold.Link("ei1", "DURING", "ei2").Link("ei2", "IDENTITY", "ei3");
  DocBuilder sys = SysABC();
  sys.Link("ei7", "SIMULTANEOUS", "ei8").Link("ei9", "DURING_INV", "ei8");
  EvalReport r = Score(gold.doc(), sys.doc());
  EXPECT_DOUBLE_EQ(r.tlink.awareness.F1(), 1.0);
}

TEST(EvaluateTLink, InconsistentGoldAgainstItselfScoresFull) {
  DocBuilder gold = GoldABC();
  gold.Link("ei1", "BEFORE", "ei2").Link("ei2", "BEFORE", "ei3").Link("ei3", "BEFORE", "ei1");
  EvalReport r = Score(gold.doc(), gold.doc());
  // The third link contradicts the first two: it stays in the reduced set
  // (3 links) and is verified by the literal match: 3/3 each way.
  EXPECT_EQ(r.tlink.gold_conflicts, 1);
  EXPECT_EQ(r.tlink.awareness.gold, 3);
  EXPECT_EQ(r.tlink.awareness.gold_correct, 3);
  EXPECT_EQ(r.tlink.awareness.system_correct, 3);
}

TEST(Evaluate, MicroAveragesOverDocuments) {
  DocBuilder g1(kText, "a.tml"), s1(kText, "a.tml"), g2(kText, "b.tml"), s2(kText, "b.tml");
  g1.Timex3("t1", "2019", "DATE", "2019");
  s1.Timex3("t1", "2019", "DATE", "2019");
  g2.Timex3("t1", "last month", "DATE", "2020-09");
  s2.Timex3("t1", "Sales", "DATE", "X").Timex3("t2", "rose", "DATE", "X").Timex3("t3", "vote",
                                                                                 "DATE", "X");
  Result<EvalReport> r = Evaluate({{&g1.doc(), &s1.doc()}, {&g2.doc(), &s2.doc()}});
  ASSERT_TRUE(r.ok());
  // Micro: P = (1 + 0) / (1 + 3) = 1/4, not the macro mean (1 + 0) / 2.
  // R = 1 / 2.
  EXPECT_EQ(r.value().documents, 2);
  EXPECT_NEAR(r.value().timex.strict.Precision(), 0.25, 1e-12);
  EXPECT_NEAR(r.value().timex.strict.Recall(), 0.5, 1e-12);
}

TEST(Evaluate, DifferentTextsAreAnErrorNamingTheFile) {
  DocBuilder gold(kText, "gold/APW1.tml");
  DocBuilder sys("Sales fell last month and rose on Tuesday.", "sys/APW1.tml");
  Result<EvalReport> r = Evaluate({{&gold.doc(), &sys.doc()}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(),
            "gold/APW1.tml: the system text (sys/APW1.tml) differs from the gold text at byte 34");
}

TEST(Evaluate, NothingToFindScoresFull) {
  DocBuilder gold(kText);
  EvalReport r = Score(gold.doc(), gold.doc());
  EXPECT_DOUBLE_EQ(r.timex.strict.F1(), 1.0);
  EXPECT_DOUBLE_EQ(r.tlink.awareness.F1(), 1.0);
}

TEST(Evaluate, ReportTableAndJson) {
  DocBuilder gold(kText);
  gold.Timex3("t1", "last month", "DATE", "2020-09")
      .Timex3("t2", "Monday morning", "TIME", "2020-10-05TMO")
      .Timex3("t3", "two weeks", "DURATION", "P2W");
  DocBuilder sys(kText);
  sys.Timex3("t1", "last month", "DATE", "2020-09");
  EvalReport r = Score(gold.doc(), sys.doc());
  // P = 1/1, R = 1/3, F1 = 2 * 1 * (1/3) / (4/3) = 1/2.
  std::string table = FormatReport(r);
  EXPECT_NE(table.find("TIMEX3 strict       100.00   33.33   50.00   system 1, gold 3, matched 1"),
            std::string::npos)
      << table;
  nlohmann::json j = ReportToJson(r);
  EXPECT_DOUBLE_EQ(j["timex"]["strict"]["f1"].get<double>(), 50.0);
  EXPECT_EQ(j["timex"]["strict"]["gold"].get<int>(), 3);
  EXPECT_DOUBLE_EQ(j["timex"]["attributes"]["value"]["accuracy"].get<double>(), 100.0);
  EXPECT_EQ(j["documents"].get<int>(), 1);
}

}  // namespace
}  // namespace chronicle
