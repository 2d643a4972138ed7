#include <filesystem>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "io/timeml.h"
#include "learn/model_file.h"
#include "learn/perceptron.h"
#include "reason/temporal_graph.h"
#include "relation/context.h"
#include "relation/relation_tagger.h"
#include "relation/sieves.h"
#include "timeline/calendar.h"
#include "util/file.h"

namespace chronicle {
namespace {

const std::string kData = std::string(CHRONICLE_SOURCE_DIR) + "/data";

// Adds an event (with its instance) covering the first occurrence of `word`
// at or after `from`.
void AddEvent(Document* d, std::string_view word, const std::string& cls, const std::string& tense,
              const std::string& aspect = "NONE", const std::string& pos = "VERB",
              size_t from = 0) {
  size_t at = d->text.find(word, from);
  ASSERT_NE(at, std::string::npos) << word;
  std::string n = std::to_string(d->events.size() + 1);
  d->events.push_back(Event{.id = "e" + n,
                            .span = {uint32_t(at), uint32_t(at + word.size())},
                            .event_class = cls});
  d->instances.push_back(EventInstance{.id = "ei" + n, .event_id = "e" + n, .tense = tense,
                                       .aspect = aspect, .polarity = "POS", .pos = pos});
}

void AddTimex(Document* d, std::string_view words, const std::string& value,
              const std::string& type = "DATE") {
  size_t at = d->text.find(words);
  ASSERT_NE(at, std::string::npos) << words;
  d->timexes.push_back(Timex{.id = "t" + std::to_string(d->timexes.size() + 1),
                             .span = {uint32_t(at), uint32_t(at + words.size())},
                             .type = type,
                             .value = value});
}

Document SampleDoc() {
  Document d;
  d.id = "sample";
  d.text =
      "The company said on Monday that sales rose in September. Prices will fall after the "
      "merger closes in 2021. Analysts expect a recovery.";
  d.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02",
                .function_in_document = "CREATION_TIME"};
  AddEvent(&d, "said", "REPORTING", "PAST");
  AddTimex(&d, "Monday", "2020-09-28");
  AddEvent(&d, "rose", "OCCURRENCE", "PAST");
  AddTimex(&d, "September", "2020-09");
  AddEvent(&d, "fall", "OCCURRENCE", "FUTURE");
  AddEvent(&d, "merger", "OCCURRENCE", "NONE", "NONE", "NOUN");
  AddEvent(&d, "closes", "OCCURRENCE", "PRESENT");
  AddTimex(&d, "2021", "2021");
  AddEvent(&d, "expect", "I_STATE", "PRESENT");
  AddEvent(&d, "recovery", "OCCURRENCE", "NONE", "NONE", "NOUN");
  return d;
}

TEST(CalendarTest, IntervalsOfValues) {
  auto dct = DctInterval("2020-10-02");
  ASSERT_TRUE(dct);
  auto month = TimexInterval("2020-09", dct);
  auto day = TimexInterval("2020-10-02", dct);
  auto year = TimexInterval("2020", dct);
  auto q = TimexInterval("2020-Q4", dct);
  auto week = TimexInterval("2020-W40", dct);  // Sep 28 .. Oct 4, 2020
  ASSERT_TRUE(month && day && year && q && week);
  EXPECT_EQ(CompareIntervals(*month, *day), TimeMLRel::kBefore);
  EXPECT_EQ(CompareIntervals(*year, *month), TimeMLRel::kIncludes);
  EXPECT_EQ(CompareIntervals(*day, *q), TimeMLRel::kIsIncluded);
  EXPECT_EQ(CompareIntervals(*day, *dct), TimeMLRel::kSimultaneous);
  EXPECT_EQ(CompareIntervals(*week, *day), TimeMLRel::kIncludes);
  EXPECT_EQ(CompareIntervals(*TimexInterval("2020-09-30", dct), *week), TimeMLRel::kIsIncluded);
  EXPECT_EQ(CompareIntervals(*TimexInterval("PAST_REF", dct), *dct), TimeMLRel::kBefore);
  EXPECT_EQ(CompareIntervals(*TimexInterval("FUTURE_REF", dct), *dct), TimeMLRel::kAfter);
  EXPECT_EQ(CompareIntervals(*TimexInterval("PRESENT_REF", dct), *dct), TimeMLRel::kIncludes);
  EXPECT_EQ(CompareIntervals(*TimexInterval("199", dct), *TimexInterval("1995-SU", dct)),
            TimeMLRel::kIncludes);
  auto evening = TimexInterval("2020-10-02TEV", dct);
  ASSERT_TRUE(evening);
  EXPECT_EQ(CompareIntervals(*evening, *dct), TimeMLRel::kIsIncluded);
  EXPECT_FALSE(TimexInterval("P3Y", dct));
  EXPECT_FALSE(TimexInterval("XXXX-09", dct));
  EXPECT_FALSE(TimexInterval("2021-02-30", dct));
  // Partial overlap has no TimeML name.
  CalendarInterval a{0, 10}, b{5, 15};
  EXPECT_FALSE(CompareIntervals(a, b));
}

TEST(ContextTest, SentencesAndCandidatesWithoutTokens) {
  Document d = SampleDoc();
  RelContext ctx = BuildContext(d);
  ASSERT_EQ(ctx.sentences.size(), 3u);
  ASSERT_GE(ctx.dct, 0);
  std::set<std::tuple<std::string, std::string, PairKind>> got;
  for (const Candidate& c : Candidates(ctx))
    got.insert({ctx.entities[c.a].id, ctx.entities[c.b].id, c.kind});
  // Every event with the DCT.
  for (int i = 1; i <= 7; ++i)
    EXPECT_TRUE(got.count({"ei" + std::to_string(i), "t0", PairKind::kEventDct})) << i;
  // Events and timexes of the same sentence, event first.
  EXPECT_TRUE(got.count({"ei2", "t2", PairKind::kEventTimex}));
  EXPECT_TRUE(got.count({"ei1", "t1", PairKind::kEventTimex}));
  EXPECT_FALSE(got.count({"ei3", "t1", PairKind::kEventTimex}));  // other sentence
  // Events of one sentence; main events of consecutive sentences.
  EXPECT_TRUE(got.count({"ei1", "ei2", PairKind::kEventEvent}));
  EXPECT_TRUE(got.count({"ei3", "ei4", PairKind::kEventEvent}));
  EXPECT_TRUE(got.count({"ei1", "ei3", PairKind::kEventEvent}));
  EXPECT_TRUE(got.count({"ei3", "ei6", PairKind::kEventEvent}));
  // Every pair of consecutive sentences, not only the main events; nothing
  // two sentences apart (different words).
  EXPECT_TRUE(got.count({"ei2", "ei4", PairKind::kEventEvent}));
  EXPECT_TRUE(got.count({"ei2", "ei5", PairKind::kEventEvent}));
  EXPECT_FALSE(got.count({"ei2", "ei6", PairKind::kEventEvent}));
  // Timexes with the DCT and each other.
  EXPECT_TRUE(got.count({"t1", "t0", PairKind::kTimexDct}));
  EXPECT_TRUE(got.count({"t1", "t2", PairKind::kTimexTimex}));
  EXPECT_TRUE(got.count({"t2", "t3", PairKind::kTimexTimex}));
}

TEST(ContextTest, EventPosComesFromTheTagWhenTagged) {
  // Gold pos="UNKNOWN" (AQUAINT's convention) is replaced by the head
  // word's tag; without tags the instance's pos is kept.
  Document d;
  d.text = "Sales rose after the merger .";
  const char* words[] = {"Sales", "rose", "after", "the", "merger", "."};
  const char* tags[] = {"NNS", "VBD", "IN", "DT", "NN", "."};
  size_t pos = 0;
  for (int i = 0; i < 6; ++i) {
    size_t at = d.text.find(words[i], pos);
    d.tokens.push_back(Token{.span = {uint32_t(at), uint32_t(at + strlen(words[i]))},
                             .xpos = tags[i]});
    pos = at + strlen(words[i]);
  }
  d.sentences.push_back(Sentence{.span = {0, uint32_t(d.text.size())}, .first_token = 0,
                                 .end_token = 6});
  AddEvent(&d, "rose", "OCCURRENCE", "PAST", "NONE", "UNKNOWN");
  AddEvent(&d, "merger", "OCCURRENCE", "NONE", "NONE", "UNKNOWN");
  RelContext tagged = BuildContext(d, true);
  ASSERT_EQ(tagged.entities.size(), 2u);
  EXPECT_EQ(tagged.entities[0].pos, "VERB");
  EXPECT_EQ(tagged.entities[1].pos, "NOUN");
  RelContext untagged = BuildContext(d, false);
  EXPECT_EQ(untagged.entities[0].pos, "UNKNOWN");
}

TEST(ContextTest, MainEventFollowsTheParse) {
  Document d;
  d.text = "Sales rose , he said .";
  // Tokens with a parse where "said" is the root.
  const char* words[] = {"Sales", "rose", ",", "he", "said", "."};
  int heads[] = {1, 4, 4, 4, -1, 4};
  size_t pos = 0;
  for (int i = 0; i < 6; ++i) {
    size_t at = d.text.find(words[i], pos);
    d.tokens.push_back(Token{.span = {uint32_t(at), uint32_t(at + strlen(words[i]))},
                             .head = heads[i]});
    pos = at + strlen(words[i]);
  }
  d.sentences.push_back(Sentence{.span = {0, uint32_t(d.text.size())}, .first_token = 0,
                                 .end_token = 6});
  AddEvent(&d, "rose", "OCCURRENCE", "PAST");
  AddEvent(&d, "said", "REPORTING", "PAST");
  RelContext ctx = BuildContext(d);
  EXPECT_TRUE(ctx.has_parse);
  std::vector<int> main = MainEvents(ctx);
  ASSERT_EQ(main.size(), 1u);
  EXPECT_EQ(ctx.entities[main[0]].id, "ei2");
  EXPECT_TRUE(Dominates(ctx, 4, 1));
  EXPECT_FALSE(Dominates(ctx, 1, 4));
  // Without syntax the heads are ignored.
  EXPECT_FALSE(BuildContext(d, false).has_parse);
}

TEST(ContextTest, EventGovernorRankAndCount) {
  Document d;
  d.text = "He said prices rose after talks .";
  // "said" is the root; "rose" depends on it, "talks" on "rose" through "after".
  const char* words[] = {"He", "said", "prices", "rose", "after", "talks", "."};
  int heads[] = {1, -1, 3, 1, 5, 3, 1};
  size_t pos = 0;
  for (int i = 0; i < 7; ++i) {
    size_t at = d.text.find(words[i], pos);
    d.tokens.push_back(Token{.span = {uint32_t(at), uint32_t(at + strlen(words[i]))},
                             .head = heads[i]});
    pos = at + strlen(words[i]);
  }
  d.sentences.push_back(Sentence{.span = {0, uint32_t(d.text.size())}, .first_token = 0,
                                 .end_token = 7});
  AddEvent(&d, "said", "REPORTING", "PAST");
  AddEvent(&d, "rose", "OCCURRENCE", "PAST");
  AddEvent(&d, "talks", "OCCURRENCE", "NONE", "NONE", "NOUN");
  RelContext ctx = BuildContext(d);
  ASSERT_EQ(ctx.entities.size(), 3u);
  EXPECT_EQ(ctx.event_count, 3);
  EXPECT_EQ(ctx.entities[0].event_governor, -1);
  EXPECT_EQ(ctx.entities[1].event_governor, 0);
  EXPECT_EQ(ctx.entities[2].event_governor, 1);  // the nearest, not "said"
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(ctx.entities[i].sentence_rank, i);
    EXPECT_EQ(ctx.entities[i].sentence_events, 3);
  }
  // Without a parse there is no governor.
  EXPECT_EQ(BuildContext(d, false).entities[1].event_governor, -1);
}

TEST(SievesTest, EachSieveDecidesItsPairs) {
  Result<RelationLexicon> lex = LoadRelationLexicon(kData);
  ASSERT_TRUE(lex.ok()) << lex.error().ToString();
  Document d = SampleDoc();
  RelContext ctx = BuildContext(d);
  auto find = [&](const std::string& a, const std::string& b) -> Candidate {
    for (const Candidate& c : Candidates(ctx))
      if (ctx.entities[c.a].id == a && ctx.entities[c.b].id == b) return c;
    ADD_FAILURE() << "no candidate " << a << " " << b;
    return {};
  };
  const RelationLexicon& l = lex.value();
  // Calendar: September 2020 before the DCT; Monday (Sep 28) in the same
  // sentence as nothing later; 2021 after.
  EXPECT_EQ(ApplySieve(SieveId::kTimex, l, ctx, find("t2", "t0")), TimeMLRel::kBefore);
  EXPECT_EQ(ApplySieve(SieveId::kTimex, l, ctx, find("t1", "t2")), TimeMLRel::kIsIncluded);
  // Tense: PAST before the DCT, FUTURE after it; nouns are not decided.
  EXPECT_EQ(ApplySieve(SieveId::kTense, l, ctx, find("ei1", "t0")), TimeMLRel::kBefore);
  EXPECT_EQ(ApplySieve(SieveId::kTense, l, ctx, find("ei3", "t0")), TimeMLRel::kAfter);
  EXPECT_FALSE(ApplySieve(SieveId::kTense, l, ctx, find("ei4", "t0")));
  // Reporting: "said ... rose" (PAST): rose before said, i.e. said AFTER rose.
  EXPECT_EQ(ApplySieve(SieveId::kReport, l, ctx, find("ei1", "ei2")), TimeMLRel::kAfter);
  // Signal before a timex: "rose in September" is included in September.
  EXPECT_EQ(ApplySieve(SieveId::kSignalTimex, l, ctx, find("ei2", "t2")), TimeMLRel::kIsIncluded);
  // Signal between events: "fall after the merger".
  EXPECT_EQ(ApplySieve(SieveId::kSignalEvent, l, ctx, find("ei3", "ei4")), TimeMLRel::kAfter);
  // ApplySieves takes the first sieve that decides.
  auto first = ApplySieves(l, ctx, find("ei2", "t2"));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->sieve, SieveId::kSignalTimex);
}

TEST(SievesTest, BadRuleFileNamesTheLine) {
  auto dir = std::filesystem::temp_directory_path() / "chronicle_relation_badrules";
  std::filesystem::create_directories(dir / "en" / "relation");
  ASSERT_TRUE(WriteFileAtomic((dir / "en/relation/sieves.txt").string(),
                              "# comment\ntense PAST NONE VERB SOMETIME\n")
                  .ok());
  ASSERT_TRUE(WriteFileAtomic((dir / "en/relation/signal_words.txt").string(), "after\n").ok());
  Result<RelationLexicon> lex = LoadRelationLexicon(dir.string());
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.error().ToString().find("sieves.txt:2:"), std::string::npos)
      << lex.error().ToString();
  EXPECT_NE(lex.error().ToString().find("SOMETIME"), std::string::npos);
}

TEST(RelationTaggerTest, SievesOnlyOutputIsConsistentAndReduced) {
  Result<RelationTagger> t = RelationTagger::LoadSievesOnly(kData);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  Document d = SampleDoc();
  t.value().Annotate(&d);
  ASSERT_FALSE(d.tlinks.empty());
  EXPECT_TRUE(d.Validate().ok());
  std::vector<Link> links;
  std::set<std::string> ids;
  for (const TLink& l : d.tlinks) {
    ids.insert(l.id);
    links.push_back({l.source_id, *ParseTimeMLRel(l.rel_type), l.target_id});
  }
  EXPECT_EQ(ids.size(), d.tlinks.size());
  EXPECT_FALSE(FindConflict(links));
  // Reduced: no link is entailed by the links before it.
  Reduction red = Reduce(links);
  EXPECT_EQ(red.kept.size(), links.size());
  // The closure knows that "rose" (in September) is before the DCT.
  EXPECT_TRUE(red.graph.Entails("ei2", TimeMLRel::kBefore, "t0"));
}

TEST(RelationTaggerTest, ConflictsDropTheLessConfidentDecision) {
  Result<RelationTagger> t = RelationTagger::LoadSievesOnly(kData);
  ASSERT_TRUE(t.ok());
  // "rose" is PAST (tense sieve: before the DCT) but a signal puts it
  // in 2021 (after the DCT): the tense sieve ranks higher, so the signal
  // decision, which contradicts the closure, is not kept.
  Document d;
  d.text = "Sales rose in 2021.";
  d.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02",
                .function_in_document = "CREATION_TIME"};
  AddEvent(&d, "rose", "OCCURRENCE", "PAST");
  AddTimex(&d, "2021", "2021");
  std::vector<RelationDecision> ds = t.value().Decide(d);
  int kept_signal = -1, kept_tense = -1;
  for (const RelationDecision& x : ds) {
    if (x.origin == "signal-timex") kept_signal = x.kept;
    if (x.origin == "tense") kept_tense = x.kept;
  }
  EXPECT_EQ(kept_tense, 1);
  EXPECT_EQ(kept_signal, 0);
}

TEST(RelationTaggerTest, TrainLoadAndAnnotate) {
  auto dir = std::filesystem::temp_directory_path() / "chronicle_relation_train";
  std::filesystem::create_directories(dir);
  Document gold = SampleDoc();
  gold.tlinks = {
      TLink{.id = "l1", .rel_type = "BEFORE", .source_id = "ei1", .target_id = "t0",
            .target_is_event = false},
      TLink{.id = "l2", .rel_type = "IS_INCLUDED", .source_id = "ei2", .target_id = "t2",
            .target_is_event = false},
      TLink{.id = "l3", .rel_type = "AFTER", .source_id = "ei3", .target_id = "ei4"},
      TLink{.id = "l4", .rel_type = "SIMULTANEOUS", .source_id = "ei6", .target_id = "t0",
            .target_is_event = false},
  };
  std::string file = (dir / "sample.tml").string();
  ASSERT_TRUE(WriteFileAtomic(file, WriteTimeML(gold)).ok());
  RelationTrainOptions o;
  o.train_files = {file};
  o.output_path = (dir / "relations.model").string();
  o.data_dir = kData;
  o.iterations = 5;
  o.cv_folds = 0;
  std::ostringstream progress;
  Status s = TrainRelations(o, &progress);
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  EXPECT_NE(progress.str().find("candidate pairs"), std::string::npos);
  // Deterministic: the same options give the same bytes.
  std::string first = ReadFile(o.output_path).value();
  ASSERT_TRUE(TrainRelations(o, nullptr).ok());
  EXPECT_EQ(ReadFile(o.output_path).value(), first);

  Result<RelationTagger> t = RelationTagger::Load(o.output_path, kData);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  Document d = SampleDoc();
  t.value().Annotate(&d);
  // The classifier learnt the one pair no sieve decides.
  bool found = false;
  for (const TLink& l : d.tlinks)
    if (l.source_id == "ei6" && l.target_id == "t0") found = l.rel_type == "SIMULTANEOUS";
  EXPECT_TRUE(found);

  // A corrupt model is refused with the file named.
  std::string bad = (dir / "bad.model").string();
  ASSERT_TRUE(WriteFileAtomic(bad, first.substr(0, first.size() / 2)).ok());
  Result<RelationTagger> b = RelationTagger::Load(bad, kData);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.error().ToString().find("bad.model"), std::string::npos);
}

TEST(RelationTaggerTest, ClassifierGatesTheSieves) {
  // A model trained on a document without TLINKs answers NONE for every
  // pair; with "gate on" (data/en/relation/sieves.txt) it then keeps the
  // sieves from adding links, while the sieves alone add them.
  auto dir = std::filesystem::temp_directory_path() / "chronicle_relation_gate";
  std::filesystem::create_directories(dir);
  Document plain = SampleDoc();
  std::string file = (dir / "plain.tml").string();
  ASSERT_TRUE(WriteFileAtomic(file, WriteTimeML(plain)).ok());
  RelationTrainOptions o;
  o.train_files = {file};
  o.output_path = (dir / "none.model").string();
  o.data_dir = kData;
  o.iterations = 2;
  o.cv_folds = 0;
  ASSERT_TRUE(TrainRelations(o, nullptr).ok());
  Result<RelationLexicon> lex = LoadRelationLexicon(kData);
  ASSERT_TRUE(lex.ok());
  ASSERT_TRUE(lex.value().gate_sieves);
  Result<RelationTagger> gated = RelationTagger::Load(o.output_path, kData);
  ASSERT_TRUE(gated.ok()) << gated.error().ToString();
  Document a = SampleDoc();
  gated.value().Annotate(&a);
  EXPECT_TRUE(a.tlinks.empty());
  Document b = SampleDoc();
  RelationTagger::LoadSievesOnly(kData).value().Annotate(&b);
  EXPECT_FALSE(b.tlinks.empty());
}

// Builds a relation model file by hand: labels, the 7 NONE biases, the given
// per-sieve settings and an empty weight table.
std::string HandModel(const std::string& path, uint32_t flags, const std::vector<float>& sieves) {
  ModelWriter w;
  w.Strings({"NONE", "BEFORE"});
  w.F32s(std::vector<float>(7, 0.0f));
  w.F32s(sieves);
  PerceptronTrainer trainer(2);
  trainer.Average(0.0f).Write(&w);
  EXPECT_TRUE(WriteModelFile(path, "relations", flags, "", w).ok());
  return path;
}

TEST(RelationTaggerTest, PerSieveSettings) {
  // With an empty classifier (it scores every label 0, so never relates a
  // pair), each sieve's setting decides what it outputs: alone, its links
  // appear; gated or off, they do not.
  auto dir = std::filesystem::temp_directory_path() / "chronicle_relation_settings";
  std::filesystem::create_directories(dir);
  auto links_with = [&](const std::vector<float>& settings) {
    Result<RelationTagger> t =
        RelationTagger::Load(HandModel((dir / "m.model").string(), 2, settings), kData);
    EXPECT_TRUE(t.ok()) << t.error().ToString();
    std::set<std::string> origins;
    if (!t.ok()) return origins;
    for (const RelationDecision& d : t.value().Decide(SampleDoc())) origins.insert(d.origin);
    return origins;
  };
  std::set<std::string> alone = links_with({0, 0, 0, 0, 0});
  EXPECT_TRUE(alone.count("tense"));
  EXPECT_TRUE(alone.count("timex"));
  std::set<std::string> tense_gated = links_with({0, 1, 0, 0, 0});
  EXPECT_FALSE(tense_gated.count("tense"));
  EXPECT_TRUE(tense_gated.count("timex"));
  std::set<std::string> tense_off = links_with({0, 2, 0, 0, 0});
  EXPECT_FALSE(tense_off.count("tense"));
  EXPECT_TRUE(tense_off.count("timex"));
  // A model of the earlier format (no per-sieve flag) and a bad setting
  // are refused.
  EXPECT_FALSE(RelationTagger::Load(HandModel((dir / "old.model").string(), 0, {0, 0, 0, 0, 0}),
                                    kData)
                   .ok());
  EXPECT_FALSE(RelationTagger::Load(HandModel((dir / "bad.model").string(), 2, {0, 3, 0, 0, 0}),
                                    kData)
                   .ok());
}

TEST(RelationTaggerTest, ExtraCorporaLabelUnrelatedPairs) {
  // A document without TLINKs; a MATRES-format file relates "expect" and
  // "recovery" (ei6, ei7), a pair no sieve decides. Trained with it, the
  // classifier relates them; without it, not. A line of another document
  // and a VAGUE line are ignored.
  auto dir = std::filesystem::temp_directory_path() / "chronicle_relation_extra";
  std::filesystem::create_directories(dir);
  std::string file = (dir / "sample.tml").string();
  ASSERT_TRUE(WriteFileAtomic(file, WriteTimeML(SampleDoc())).ok());
  std::string matres = (dir / "matres.txt").string();
  ASSERT_TRUE(WriteFileAtomic(matres,
                              "sample\texpect\trecovery\t6\t7\tBEFORE\n"
                              "sample\tsaid\trose\t1\t2\tVAGUE\n"
                              "other\ta\tb\t1\t2\tAFTER\n")
                  .ok());
  auto train = [&](bool extra) {
    RelationTrainOptions o;
    o.train_files = {file};
    o.output_path = (dir / "extra.model").string();
    o.data_dir = kData;
    o.iterations = 5;
    o.cv_folds = 0;
    if (extra) o.extra_relations = {{matres, "matres"}};
    Status s = TrainRelations(o, nullptr);
    EXPECT_TRUE(s.ok()) << s.error().ToString();
    Document d = SampleDoc();
    RelationTagger::Load(o.output_path, kData).value().Annotate(&d);
    std::string rel;
    for (const TLink& l : d.tlinks)
      if (l.source_id == "ei6" && l.target_id == "ei7") rel = l.rel_type;
    return rel;
  };
  EXPECT_EQ(train(true), "BEFORE");
  EXPECT_EQ(train(false), "");

  RelationTrainOptions bad;
  bad.train_files = {file};
  bad.data_dir = kData;
  bad.output_path = (dir / "bad.model").string();
  bad.extra_relations = {{matres, "nonsense"}};
  EXPECT_FALSE(TrainRelations(bad, nullptr).ok());
}

TEST(RelationTaggerTest, FoldsNeverSeeTheirDocuments) {
  // Two documents, two folds: tagger f is trained on the other document
  // only. Document 0 has the ei6-DCT link, document 1 none; the tagger that
  // saw document 0 (fold 1's) relates the pair, fold 0's does not.
  auto dir = std::filesystem::temp_directory_path() / "chronicle_relation_folds";
  std::filesystem::create_directories(dir);
  Document with = SampleDoc();
  with.tlinks = {TLink{.id = "l1", .rel_type = "SIMULTANEOUS", .source_id = "ei6",
                       .target_id = "t0", .target_is_event = false}};
  std::string a = (dir / "a.tml").string(), b = (dir / "b.tml").string();
  ASSERT_TRUE(WriteFileAtomic(a, WriteTimeML(with)).ok());
  ASSERT_TRUE(WriteFileAtomic(b, WriteTimeML(SampleDoc())).ok());
  RelationTrainOptions o;
  o.train_files = {a, b};
  o.data_dir = kData;
  o.iterations = 5;
  o.cv_folds = 0;
  Result<std::vector<RelationTagger>> t = TrainRelationFolds(o, 2, nullptr);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  ASSERT_EQ(t.value().size(), 2u);
  auto relates = [](const RelationTagger& tagger) {
    Document d = SampleDoc();
    tagger.Annotate(&d);
    for (const TLink& l : d.tlinks)
      if (l.source_id == "ei6" && l.target_id == "t0") return true;
    return false;
  };
  EXPECT_FALSE(relates(t.value()[0]));
  EXPECT_TRUE(relates(t.value()[1]));
  EXPECT_FALSE(TrainRelationFolds(o, 3, nullptr).ok());
  EXPECT_FALSE(TrainRelationFolds(o, 1, nullptr).ok());
}

}  // namespace
}  // namespace chronicle
