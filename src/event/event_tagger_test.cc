#include "event/event_tagger.h"

#include <filesystem>
#include <map>
#include <thread>

#include <unistd.h>

#include <gtest/gtest.h>

#include "event/event_features.h"
#include "io/timeml.h"
#include "learn/model_file.h"
#include "event/preprocess.h"
#include "util/file.h"

namespace chronicle {
namespace {

const std::string kSource = CHRONICLE_SOURCE_DIR;
const std::string kData = kSource + "/data";
const std::string kShared = CHRONICLE_SHARED_DIR;

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("chronicle_events_" + name)).string();
}

// Prepares `text` the way the pipeline does before the event stage: the
// tokenizer, then the tagger, lemmatizer and parser whose models are in
// models/ (the shipped events model is trained with exactly those).
Document Prepared(const std::string& text) {
  Document doc;
  doc.text = text;
  auto model = [](const char* name) {
    std::string p = kSource + "/models/" + name;
    return std::filesystem::exists(p) ? p : std::string();
  };
  Result<EventPreprocessor> pre = EventPreprocessor::Load(
      {.data_dir = kData,
       .tagger_model = model("tagger.model"),
       .lemmatizer_model = model("lemmatizer.model"),
       .parser_model = model("parser.model")});
  EXPECT_TRUE(pre.ok()) << pre.error().ToString();
  if (pre.ok()) pre.value().Run(&doc);
  return doc;
}

std::map<std::string, std::string> EventsByWord(const Document& doc) {
  std::map<std::string, std::string> out;
  for (const Event& e : doc.events) out[std::string(doc.Text(e.span))] = e.event_class;
  return out;
}

TEST(EventTaggerTest, ShippedModelFindsObviousEvents) {
  Result<EventTagger> t = EventTagger::Load(kSource + "/models/events.model", kData);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  Document doc = Prepared(
      "Suspected bombs exploded outside the U.S. embassies on Friday, killing dozens of "
      "people, witnesses said. The company will announce the acquisition next week.");
  t.value().Annotate(&doc);
  std::map<std::string, std::string> ev = EventsByWord(doc);
  EXPECT_TRUE(ev.count("exploded"));
  EXPECT_TRUE(ev.count("killing"));
  ASSERT_TRUE(ev.count("said"));
  EXPECT_EQ(ev["said"], "REPORTING");
  EXPECT_TRUE(ev.count("announce"));
  for (const char* w : {"bombs", "embassies", "Friday", "dozens", "company", "week", "the"}) {
    EXPECT_FALSE(ev.count(w)) << w;
  }
  // One instance per event, ids in order, attributes from the rules.
  ASSERT_EQ(doc.instances.size(), doc.events.size());
  for (size_t i = 0; i < doc.events.size(); ++i) {
    EXPECT_EQ(doc.events[i].id, "e" + std::to_string(i + 1));
    EXPECT_EQ(doc.instances[i].id, "ei" + std::to_string(i + 1));
    EXPECT_EQ(doc.instances[i].event_id, doc.events[i].id);
    if (doc.Text(doc.events[i].span) == "announce") {
      EXPECT_EQ(doc.instances[i].tense, "FUTURE");
    }
  }
  EXPECT_TRUE(doc.Validate().ok());
}

// The shipped events model was trained with the tagger, lemmatizer and
// parser shipped next to it: fails when one is retrained without retraining
// the events model (`chronicle train events`).
TEST(EventTaggerTest, ShippedModelMatchesShippedUpstreamModels) {
  Result<EventTagger> t = EventTagger::Load(kSource + "/models/events.model", kData,
                                            {.check = UpstreamCheck::kError});
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  EXPECT_TRUE(t.value().warnings().empty());
}

// Tags that training hardly ever saw on events (determiners, prepositions,
// pronouns, proper nouns...) are stored in the model, and their tokens are
// not scored at all.
TEST(EventTaggerTest, ClosedTagsAreNeverEvents) {
  Result<EventTagger> t = EventTagger::Load(kSource + "/models/events.model", kData);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  const std::string& settings = t.value().settings();
  size_t at = settings.find("closed_tags=");
  ASSERT_NE(at, std::string::npos) << settings;
  std::string closed = settings.substr(at, settings.find('\n', at) - at);
  for (const char* tag : {"DT", "IN", "PRP", "TO"}) {
    EXPECT_NE(closed.find(std::string(tag) + ","), std::string::npos) << closed;
  }
  EXPECT_EQ(closed.find("VBD"), std::string::npos) << closed;
  EXPECT_EQ(closed.find("NN,"), std::string::npos) << closed;
  Document doc = Prepared("Suspected bombs exploded outside the embassy on Friday.");
  Document as_dt = doc;
  for (Token& tok : as_dt.tokens) {
    if (as_dt.Text(tok.span) == "exploded") tok.xpos = "DT";
  }
  t.value().Annotate(&doc);
  t.value().Annotate(&as_dt);
  EXPECT_TRUE(EventsByWord(doc).count("exploded"));
  EXPECT_FALSE(EventsByWord(as_dt).count("exploded"));
}

// TimeML events are whole words: a hyphenated word the tokenizer splits
// ("write-down") is never an event in part.
TEST(EventTaggerTest, EventsAreWholeHyphenatedWords) {
  Result<EventTagger> t = EventTagger::Load(kSource + "/models/events.model", kData);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  Document doc = Prepared(
      "The bank took a write-down after the buy-back, and the cease-fire collapsed when "
      "price-cutting began.");
  t.value().Annotate(&doc);
  ASSERT_FALSE(doc.events.empty());
  auto is_word = [](char c) { return c != ' ' && c != ',' && c != '.'; };
  bool whole_hyphenated = false;
  for (const Event& e : doc.events) {
    EXPECT_TRUE(e.span.begin == 0 || !is_word(doc.text[e.span.begin - 1])) << doc.Text(e.span);
    EXPECT_TRUE(e.span.end == doc.text.size() || !is_word(doc.text[e.span.end]))
        << doc.Text(e.span);
    whole_hyphenated |= doc.Text(e.span).find('-') != std::string_view::npos;
  }
  EXPECT_TRUE(whole_hyphenated);
  EXPECT_TRUE(doc.Validate().ok());
}

TEST(EventTaggerTest, KeepsExistingEventsAndContinuesIds) {
  Result<EventTagger> t = EventTagger::Load(kSource + "/models/events.model", kData);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  Document doc = Prepared("Witnesses said the bomb exploded.");
  Event given{.id = "e7", .span = {10, 14}, .event_class = "OCCURRENCE"};  // "said"
  doc.events.push_back(given);
  doc.instances.push_back({.id = "ei3", .event_id = "e7"});
  t.value().Annotate(&doc);
  ASSERT_GE(doc.events.size(), 2u);
  EXPECT_EQ(doc.events[0], given);  // untouched, and "said" not found twice
  int said = 0;
  for (const Event& e : doc.events) said += doc.Text(e.span) == "said";
  EXPECT_EQ(said, 1);
  EXPECT_EQ(doc.events[1].id, "e8");
  EXPECT_EQ(doc.instances[1].id, "ei4");
}

TEST(EventTaggerTest, EmptyDocument) {
  Result<EventTagger> t = EventTagger::Load(kSource + "/models/events.model", kData);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  Document doc;
  t.value().Annotate(&doc);
  EXPECT_TRUE(doc.events.empty());
}

TEST(EventTaggerTest, OddInputPassesThrough) {
  Result<EventTagger> t = EventTagger::Load(kSource + "/models/events.model", kData);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  std::string text = "Officials said " + std::string(3000, 'x') + " collapsed. " +
                     "\xE5\x8C\x97\xE4\xBA\xAC\xE5\xAE\xA3\xE5\xB8\x83 " +
                     "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0.";
  for (int i = 0; i < 500; ++i) text += " and talks resumed";
  Document doc = Prepared(text);
  t.value().Annotate(&doc);
  EXPECT_TRUE(doc.Validate().ok());
  EXPECT_TRUE(EventsByWord(doc).count("said"));
  EXPECT_EQ(doc.instances.size(), doc.events.size());
}

TEST(EventTaggerTest, ConcurrentAnnotateMatchesSequential) {
  Result<EventTagger> t = EventTagger::Load(kSource + "/models/events.model", kData);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  const EventTagger& tagger = t.value();
  std::vector<Document> a, b;
  for (const char* s : {"The bank said profits fell after the merger.",
                        "Rebels attacked the town and the army withdrew.",
                        "Talks will resume on Monday, officials announced."}) {
    a.push_back(Prepared(s));
  }
  b = a;
  for (Document& d : a) tagger.Annotate(&d);
  std::vector<std::thread> threads;
  for (Document& d : b) threads.emplace_back([&tagger, &d] { tagger.Annotate(&d); });
  for (std::thread& th : threads) th.join();
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].events, b[i].events);
    EXPECT_EQ(a[i].instances, b[i].instances);
  }
}

std::vector<std::string> SmallSlice() {
  std::string dir = kShared + "/corpora/tbaq/TimeBank/";
  return {dir + "ABC19980108.1830.0711.tml", dir + "APW19980213.1310.tml",
          dir + "wsj_0006.tml"};
}

TEST(TrainEventsTest, TwoTrainingsGiveIdenticalFiles) {
  EventTrainOptions o;
  o.train_files = SmallSlice();
  o.data_dir = kData;
  o.iterations = 2;
  o.seed = 7;
  o.output_path = TempPath("a.model");
  Status s = TrainEvents(o, nullptr);
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  o.output_path = TempPath("b.model");
  s = TrainEvents(o, nullptr);
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  Result<std::string> a = ReadFile(TempPath("a.model"));
  Result<std::string> b = ReadFile(TempPath("b.model"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_GT(a.value().size(), 1000u);
  EXPECT_TRUE(a.value() == b.value()) << "two trainings differ";
  // A different seed shuffles differently (the settings record it too).
  o.seed = 8;
  o.output_path = TempPath("c.model");
  ASSERT_TRUE(TrainEvents(o, nullptr).ok());
  Result<std::string> c = ReadFile(TempPath("c.model"));
  EXPECT_FALSE(a.value() == c.value());
  // The trained model loads and runs.
  Result<EventTagger> t = EventTagger::Load(TempPath("a.model"), kData);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  EXPECT_NE(t.value().settings().find("seed=7\n"), std::string::npos);
  for (const char* n : {"a.model", "b.model", "c.model"}) std::filesystem::remove(TempPath(n));
}

// The events model records the upstream models it was trained with; a
// changed or missing one is a warning by default, an error on request.
TEST(TrainEventsTest, UpstreamModelMismatchIsReported) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() /
                 ("chronicle_events_upstream_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string tagger = (dir / "tagger.model").string();
  fs::copy_file(kSource + "/models/tagger.model", tagger, fs::copy_options::overwrite_existing);
  EventTrainOptions o;
  o.train_files = {SmallSlice().front()};
  o.data_dir = kData;
  o.iterations = 1;
  o.tagger_model = tagger;
  o.output_path = (dir / "events.model").string();
  Status s = TrainEvents(o, nullptr);
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  Result<EventTagger> t = EventTagger::Load(o.output_path, kData);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  EXPECT_TRUE(t.value().warnings().empty());
  EXPECT_NE(t.value().settings().find("+tagger(tagger.model "), std::string::npos);

  // A retrained (here: altered) tagger next to the events model.
  Result<std::string> bytes = ReadFile(tagger);
  ASSERT_TRUE(bytes.ok());
  ASSERT_TRUE(WriteFileAtomic(tagger, bytes.value() + "x").ok());
  t = EventTagger::Load(o.output_path, kData);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  ASSERT_EQ(t.value().warnings().size(), 1u);
  const std::string w = t.value().warnings()[0].ToString();
  EXPECT_EQ(t.value().warnings()[0].kind, Error::Kind::kModel);
  EXPECT_NE(w.find(o.output_path), std::string::npos) << w;
  EXPECT_NE(w.find("trained with tagger.model fingerprint"), std::string::npos) << w;
  EXPECT_NE(w.find("retrain"), std::string::npos) << w;
  Result<EventTagger> strict =
      EventTagger::Load(o.output_path, kData, {.check = UpstreamCheck::kError});
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.error().ToString(), w);
  Result<EventTagger> off = EventTagger::Load(o.output_path, kData, {.check = UpstreamCheck::kOff});
  ASSERT_TRUE(off.ok());
  EXPECT_TRUE(off.value().warnings().empty());
  // The original tagger in another folder matches again.
  t = EventTagger::Load(o.output_path, kData, {.upstream_dir = kSource + "/models"});
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t.value().warnings().empty())
      << t.value().warnings().front().ToString();

  // A missing one.
  fs::remove(tagger);
  t = EventTagger::Load(o.output_path, kData);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t.value().warnings().size(), 1u);
  EXPECT_NE(t.value().warnings()[0].message.find("does not exist"), std::string::npos)
      << t.value().warnings()[0].ToString();
  fs::remove_all(dir);
}

TEST(TrainEventsTest, UsageErrors) {
  EventTrainOptions o;
  o.data_dir = kData;
  o.output_path = TempPath("never.model");
  Status s = TrainEvents(o, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, Error::Kind::kUsage);
  o.train_files = {kShared + "/corpora/tbaq/TimeBank/no_such_file.tml"};
  s = TrainEvents(o, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, Error::Kind::kIo);
  EXPECT_NE(s.error().ToString().find("no_such_file.tml"), std::string::npos);
  o.train_files = SmallSlice();
  o.class_iterations = -1;
  s = TrainEvents(o, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, Error::Kind::kUsage);
}

// The class classifier trains for its own number of passes (recorded in the
// settings); the detector is the same whatever that number.
TEST(TrainEventsTest, ClassIterationsAreRecordedAndChangeOnlyTheClassifier) {
  EventTrainOptions o;
  o.train_files = SmallSlice();
  o.data_dir = kData;
  o.iterations = 2;
  o.class_iterations = 1;
  o.bags = 1;
  o.output_path = TempPath("c1.model");
  ASSERT_TRUE(TrainEvents(o, nullptr).ok());
  o.class_iterations = 2;
  o.output_path = TempPath("c2.model");
  ASSERT_TRUE(TrainEvents(o, nullptr).ok());
  Result<EventTagger> t1 = EventTagger::Load(TempPath("c1.model"), kData);
  Result<EventTagger> t2 = EventTagger::Load(TempPath("c2.model"), kData);
  ASSERT_TRUE(t1.ok() && t2.ok());
  EXPECT_NE(t1.value().settings().find("class_iterations=1\n"), std::string::npos);
  EXPECT_NE(t2.value().settings().find("class_iterations=2\n"), std::string::npos);
  // Same events found (same detector), possibly other classes.
  Result<std::string> content = ReadFile(SmallSlice()[1]);
  ASSERT_TRUE(content.ok());
  Result<Document> gold = ParseTimeML(content.value(), "x.tml", nullptr);
  ASSERT_TRUE(gold.ok());
  Document d1 = gold.value(), d2 = gold.value();
  d1.ClearAnnotations();
  d2.ClearAnnotations();
  Result<EventPreprocessor> pre = EventPreprocessor::Load({.data_dir = kData});
  ASSERT_TRUE(pre.ok());
  pre.value().Run(&d1);
  pre.value().Run(&d2);
  t1.value().Annotate(&d1);
  t2.value().Annotate(&d2);
  ASSERT_EQ(d1.events.size(), d2.events.size());
  EXPECT_GT(d1.events.size(), 0u);
  for (size_t i = 0; i < d1.events.size(); ++i) EXPECT_EQ(d1.events[i].span, d2.events[i].span);
  for (const char* n : {"c1.model", "c2.model"}) std::filesystem::remove(TempPath(n));
}

// Corrupt, truncated, foreign and wrong-version files give an error naming
// the file, never a crash.
class CorruptModelTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string p = TempPath(name);
    EXPECT_TRUE(WriteFileAtomic(p, bytes).ok());
    paths_.push_back(p);
    return p;
  }
  void TearDown() override {
    for (const std::string& p : paths_) std::filesystem::remove(p);
  }
  std::vector<std::string> paths_;
};

TEST_F(CorruptModelTest, MissingFile) {
  Result<EventTagger> t = EventTagger::Load(TempPath("missing.model"), kData);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().kind, Error::Kind::kIo);
  EXPECT_NE(t.error().ToString().find("missing.model"), std::string::npos);
}

TEST_F(CorruptModelTest, NotAModel) {
  std::string p = Write("garbage.model", "this is not a model file at all");
  Result<EventTagger> t = EventTagger::Load(p, kData);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().kind, Error::Kind::kModel);
  EXPECT_EQ(t.error().ToString(),
            p + ": not a Chronicle model: expected magic \"CHRNMODL\", found \"this is \"");
}

TEST_F(CorruptModelTest, WrongKind) {
  ModelWriter body;
  body.U32(1);
  std::string p = Write("tagger.model", EncodeModel("tagger", 0, "", body));
  Result<EventTagger> t = EventTagger::Load(p, kData);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().ToString(), p + ": expected a events model, found a \"tagger\" model");
}

TEST_F(CorruptModelTest, TruncatedAndFlippedShippedModel) {
  Result<std::string> bytes = ReadFile(kSource + "/models/events.model");
  ASSERT_TRUE(bytes.ok()) << bytes.error().ToString();
  const std::string& b = bytes.value();
  for (size_t cut : {size_t{0}, size_t{10}, b.size() / 2, b.size() - 1}) {
    std::string p = Write("cut.model", b.substr(0, cut));
    Result<EventTagger> t = EventTagger::Load(p, kData);
    ASSERT_FALSE(t.ok()) << cut;
    EXPECT_EQ(t.error().kind, Error::Kind::kModel) << cut;
    EXPECT_EQ(t.error().file, p);
  }
  std::string flipped = b;
  flipped[b.size() / 2] ^= 0x10;
  std::string p = Write("flipped.model", flipped);
  Result<EventTagger> t = EventTagger::Load(p, kData);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().ToString().find(": corrupt: expected checksum"), std::string::npos)
      << t.error().ToString();
}

TEST_F(CorruptModelTest, UnsupportedFeatureVersionAndBadBody) {
  ModelWriter body;
  body.U32(99);
  std::string p = Write("v99.model", EncodeModel("events", 7, "", body));
  Result<EventTagger> t = EventTagger::Load(p, kData);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().ToString(),
            p + ": feature template version 99 is not supported (this build reads version " +
                std::to_string(kEventFeatureVersion) + ")");
  ModelWriter short_body;
  short_body.U32(kEventFeatureVersion);
  short_body.F32(0.0f);
  p = Write("short.model", EncodeModel("events", 7, "", short_body));
  t = EventTagger::Load(p, kData);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().ToString().find("truncated"), std::string::npos) << t.error().ToString();
  p = Write("flags.model", EncodeModel("events", 3, "", short_body));
  t = EventTagger::Load(p, kData);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().ToString().find("flags 0x3 (expected 0x7"), std::string::npos)
      << t.error().ToString();
}

TEST_F(CorruptModelTest, BadWordList) {
  std::string dir = TempPath("data");
  std::filesystem::create_directories(dir + "/en/event");
  ASSERT_TRUE(WriteFileAtomic(dir + "/en/event/verb_group.txt", "will futur\n").ok());
  Result<EventTagger> t = EventTagger::Load(kSource + "/models/events.model", dir);
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().ToString(), dir + "/en/event/verb_group.txt:1: unknown role \"futur\"");
}

}  // namespace
}  // namespace chronicle
