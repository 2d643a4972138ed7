#include "event/event_tagger.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <random>

#include <fmt/core.h>

#include "eval/evaluate.h"
#include "event/event_features.h"
#include "event/instance_rules.h"
#include "event/lemma_prior.h"
#include "event/lexfile_table.h"
#include "io/timeml.h"
#include "learn/hash.h"
#include "learn/model_file.h"
#include "learn/perceptron.h"
#include "event/preprocess.h"
#include "util/file.h"

namespace chronicle {

// Model body (inside the learn/model_file.h container, kind "events"):
//   u32      feature template version (kEventFeatureVersion)
//   f32      decision threshold on the event margin
//   strings  class names, in classifier order
//   strings  closed part-of-speech tags (version 2): tokens with one of
//            these tags are never events (see kMaxClosedEventRate)
//   lexfile table (event/lexfile_table.h)
//   lemma prior (version 3 on, event/lemma_prior.h): counts of each lemma as
//            an event and per class in the training documents
//   linear model: event / not event (2 classes; 1 = event)
//   linear model: class
// Flags: bit 0 lexfile table, bit 1 detector, bit 2 classifier (all present
// in version 1 files).
struct EventModel {
  std::string settings;
  float threshold = 0.0f;
  std::vector<std::string> classes;
  std::vector<std::string> closed_xpos;
  std::vector<uint64_t> closed_xpos_hashes;  // HashBytes of closed_xpos
  LexfileTable lex;
  LemmaPrior prior;
  LinearModel detector;
  LinearModel classifier;
  InstanceRules rules;
};

namespace {

constexpr std::string_view kKind = "events";
constexpr uint32_t kAllComponents = 7;
const char* const kClasses[] = {"OCCURRENCE", "REPORTING",  "I_ACTION", "I_STATE",
                                "ASPECTUAL",  "PERCEPTION", "STATE"};

uint64_t IdNumber(const std::string& id, size_t prefix) {
  uint64_t n = 0;
  std::from_chars(id.data() + prefix, id.data() + id.size(), n);
  return n;
}

bool FileExists(const std::string& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec);
}

std::string RulesPath(const std::string& data_dir) {
  return data_dir + "/en/event/verb_group.txt";
}

// Compares the upstream models recorded in the settings' preprocessing
// line ("tokenizer +tagger(tagger.model 5ca0f067c76769ab) +parser(...)")
// with the files under `dir`; one message per difference.
std::vector<std::string> UpstreamMismatches(const std::string& settings,
                                            const std::filesystem::path& dir) {
  std::vector<std::string> out;
  size_t line = settings.find("preprocessing=");
  if (line == std::string::npos) return out;
  size_t eol = settings.find('\n', line);
  std::string_view pre = std::string_view(settings).substr(
      line, eol == std::string::npos ? std::string::npos : eol - line);
  for (const char* component : {"tagger", "lemmatizer", "parser"}) {
    std::string open = fmt::format("+{}(", component);
    size_t at = pre.find(open);
    if (at == std::string_view::npos) continue;  // trained without it
    size_t close = pre.find(')', at);
    if (close == std::string_view::npos) continue;
    std::string_view recorded = pre.substr(at + open.size(), close - at - open.size());
    size_t space = recorded.find(' ');
    if (space == std::string_view::npos) continue;
    std::string file(recorded.substr(0, space));
    std::string path = (dir / file).string();
    if (!FileExists(path)) {
      out.push_back(fmt::format("trained with {} ({}) but {} does not exist", file, recorded,
                                path));
      continue;
    }
    Result<std::string> now = ModelFingerprint(path);
    if (!now.ok()) {
      out.push_back(now.error().ToString());
    } else if (now.value() != recorded) {
      out.push_back(fmt::format(
          "trained with {} fingerprint {} but {} has fingerprint {}: the {} changed since the "
          "events model was trained; retrain it (chronicle train events)",
          file, recorded.substr(space + 1), path, now.value().substr(now.value().rfind(' ') + 1),
          component));
    }
  }
  return out;
}

}  // namespace

Result<EventTagger> EventTagger::Load(const std::string& model_path, const std::string& data_dir,
                                      const EventLoadOptions& options) {
  Result<ModelReader> opened = ReadModelFile(model_path, kKind);
  if (!opened.ok()) return opened.error();
  ModelReader& r = opened.value();
  auto model = std::make_shared<EventModel>();
  model->settings = r.settings;
  if (r.flags != kAllComponents) {
    r.Fail(fmt::format("events model flags {:#x} (expected {:#x}: lexfile table, detector and "
                       "classifier)", r.flags, kAllComponents));
    return r.error();
  }
  uint32_t version = r.U32("feature template version");
  if (r.ok() && version != kEventFeatureVersion) {
    r.Fail(fmt::format("feature template version {} is not supported (this build reads "
                       "version {})", version, kEventFeatureVersion));
  }
  model->threshold = r.F32("decision threshold");
  model->classes = r.Strings("class names");
  if (r.ok() && model->classes.empty()) r.Fail("the class list is empty (expected event classes)");
  model->closed_xpos = r.Strings("closed part-of-speech tags");
  for (const std::string& x : model->closed_xpos) model->closed_xpos_hashes.push_back(HashBytes(x));
  if (r.ok()) model->lex = LexfileTable::Read(&r);
  if (r.ok()) model->prior = LemmaPrior::Read(&r);
  if (r.ok()) model->detector = LinearModel::Read(&r);
  if (r.ok() && model->detector.num_classes() != 2) {
    r.Fail(fmt::format("event detector has {} classes (expected 2)",
                       model->detector.num_classes()));
  }
  if (r.ok()) model->classifier = LinearModel::Read(&r);
  if (r.ok() && model->classifier.num_classes() != static_cast<int>(model->classes.size())) {
    r.Fail(fmt::format("event classifier has {} classes (expected {}, one per class name)",
                       model->classifier.num_classes(), model->classes.size()));
  }
  if (r.ok()) r.ExpectEnd();
  if (!r.ok()) return r.error();
  Result<InstanceRules> rules = InstanceRules::Load(RulesPath(data_dir));
  if (!rules.ok()) return rules.error();
  model->rules = std::move(rules).value();
  EventTagger t;
  if (options.check != UpstreamCheck::kOff) {
    std::filesystem::path dir = options.upstream_dir;
    if (dir.empty()) dir = std::filesystem::path(model_path).parent_path();
    if (dir.empty()) dir = std::filesystem::path(".");
    for (const std::string& m : UpstreamMismatches(model->settings, dir)) {
      Error e = Error::Model(m, model_path);
      if (options.check == UpstreamCheck::kError) return e;
      t.warnings_.push_back(std::move(e));
    }
  }
  t.model_ = std::move(model);
  return t;
}

const std::string& EventTagger::settings() const { return model_->settings; }

void EventTagger::Annotate(Document* doc) const {
  const EventModel& m = *model_;
  PreparedTokens p;
  // Tokens with a closed tag (ones training never, or hardly ever, made
  // an event) are not scored.
  PrepareTokens(*doc, m.lex, &p, m.closed_xpos_hashes);
  std::vector<uint8_t> covered(doc->tokens.size(), 0);
  for (const Event& e : doc->events) {
    for (size_t i = 0; i < doc->tokens.size(); ++i) {
      if (doc->tokens[i].span.Overlaps(e.span)) covered[i] = 1;
    }
  }
  uint64_t next_event = IdNumber(doc->NextId("e"), 1);
  uint64_t next_instance = IdNumber(doc->NextId("ei"), 2);
  std::vector<uint32_t> keys;
  std::vector<float> scores(m.classes.size());
  for (const Sentence& s : doc->sentences) {
    for (uint32_t i = s.first_token; i < s.end_token && i < doc->tokens.size(); ++i) {
      if (!p.tokens[i].candidate || p.tokens[i].closed || covered[i]) continue;
      {
        const LemmaCounts* c = m.prior.Find(p.tokens[i].prior_key);
        p.tokens[i].prior = c ? *c : LemmaCounts();
      }
      TokenFeatures(*doc, p, s, i, &keys);
      float det[2] = {0.0f, 0.0f};
      m.detector.AddScores(keys.data(), keys.size(), det);
      if (det[1] - det[0] <= m.threshold) continue;
      std::fill(scores.begin(), scores.end(), 0.0f);
      m.classifier.AddScores(keys.data(), keys.size(), scores.data());
      size_t best = 0;
      for (size_t c = 1; c < scores.size(); ++c) {
        if (scores[c] > scores[best]) best = c;
      }
      Event e;
      e.id = fmt::format("e{}", next_event++);
      // A whole hyphenated word ("write-down") is one event.
      auto [first, end] = HyphenatedWord(*doc, s, i);
      for (uint32_t k = first; k < end; ++k) covered[k] = 1;
      e.span = Span{doc->tokens[first].span.begin, doc->tokens[end - 1].span.end};
      e.event_class = m.classes[best];
      InstanceAttributes a = m.rules.Infer(*doc, s.first_token, i);
      EventInstance inst;
      inst.id = fmt::format("ei{}", next_instance++);
      inst.event_id = e.id;
      inst.tense = std::move(a.tense);
      inst.aspect = std::move(a.aspect);
      inst.polarity = std::move(a.polarity);
      inst.modality = std::move(a.modality);
      inst.pos = std::move(a.pos);
      doc->events.push_back(std::move(e));
      doc->instances.push_back(std::move(inst));
    }
  }
}

namespace {

// One training document: the gold annotation and the tokens the pipeline
// gives its text.
struct TrainDoc {
  Document gold;
  Document doc;  // text + predicted tokens / tags / parse, no annotation
};

Result<TrainDoc> ReadTrainDoc(const std::string& path, const EventPreprocessor& pre) {
  Result<std::string> content = ReadFile(path);
  if (!content.ok()) return content.error();
  std::vector<Error> warnings;
  Result<Document> gold = ParseTimeML(content.value(), path, &warnings);
  if (!gold.ok()) return gold.error();
  TrainDoc d;
  d.gold = std::move(gold).value();
  d.doc = d.gold;
  d.doc.ClearAnnotations();
  pre.Run(&d.doc);
  return d;
}

struct Example {
  uint32_t key_begin = 0;
  uint32_t key_end = 0;
  uint8_t is_event = 0;
  int8_t cls = -1;  // index into kClasses, -1 when not an event or unknown
  uint16_t xpos = 0;  // index into the training run's list of tags
};

// Event label of each token: a token overlapping a gold EVENT is that
// event (TimeBank events are single words; when the tokenizer splits one,
// every piece is labelled, and the first piece's class is used).
void Label(const TrainDoc& d, std::vector<Example>* ex_of_token, size_t* unaligned) {
  const std::vector<Token>& toks = d.doc.tokens;
  ex_of_token->assign(toks.size(), Example());
  size_t t = 0;
  std::vector<const Event*> events;
  for (const Event& e : d.gold.events) events.push_back(&e);
  std::sort(events.begin(), events.end(),
            [](const Event* a, const Event* b) { return a->span.begin < b->span.begin; });
  for (const Event* e : events) {
    while (t < toks.size() && toks[t].span.end <= e->span.begin) ++t;
    bool any = false;
    for (size_t k = t; k < toks.size() && toks[k].span.begin < e->span.end; ++k) {
      (*ex_of_token)[k].is_event = 1;
      int8_t cls = -1;
      for (int c = 0; c < 7; ++c) {
        if (e->event_class == kClasses[c]) cls = static_cast<int8_t>(c);
      }
      (*ex_of_token)[k].cls = cls;
      any = true;
    }
    if (!any) ++*unaligned;
  }
}

// Fisher-Yates with mt19937_64 (whose output the standard pins), so the
// order is the same on every platform, unlike std::shuffle.
void Shuffle(std::vector<uint32_t>* v, std::mt19937_64* rng) {
  for (size_t i = v->size(); i > 1; --i) {
    size_t j = static_cast<size_t>((*rng)() % i);
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

int Argmax(const float* s, int n) {
  int best = 0;
  for (int c = 1; c < n; ++c) {
    if (s[c] > s[best]) best = c;
  }
  return best;
}

constexpr int kNumClasses = 7;
static_assert(kNumClasses == kPriorClasses);
// Jackknife groups of the lemma prior during training.
constexpr size_t kPriorGroups = 5;

// `iterations` epochs of the detector (every example in `order`) and
// `class_iterations` of the class classifier (the events among them), in
// the same passes, shuffling `order` with *rng before each pass.
template <typename Say>
void TrainOnce(const std::vector<Example>& examples, const std::vector<uint32_t>& pool,
               std::vector<uint32_t> order, int iterations, int class_iterations, int bag,
               std::mt19937_64* rng,
               PerceptronTrainer* detector, PerceptronTrainer* classifier, const Say& say) {
  for (int it = 1; it <= std::max(iterations, class_iterations); ++it) {
    Shuffle(&order, rng);
    const bool train_det = it <= iterations;
    const bool train_cls = it <= class_iterations;
    size_t det_errors = 0, cls_errors = 0, cls_seen = 0;
    for (uint32_t idx : order) {
      const Example& ex = examples[idx];
      const uint32_t* k = pool.data() + ex.key_begin;
      size_t n = ex.key_end - ex.key_begin;
      if (train_det) {
        float det[2] = {0.0f, 0.0f};
        detector->Score(k, n, det);
        int guess = det[1] > det[0] ? 1 : 0;
        if (guess != ex.is_event) ++det_errors;
        detector->Update(k, n, ex.is_event, guess);
        detector->NextExample();
      }
      if (train_cls && ex.is_event && ex.cls >= 0) {
        float sc[kNumClasses] = {};
        classifier->Score(k, n, sc);
        int g = Argmax(sc, kNumClasses);
        ++cls_seen;
        if (g != ex.cls) ++cls_errors;
        classifier->Update(k, n, ex.cls, g);
        classifier->NextExample();
      }
    }
    say(fmt::format("bag {} pass {}: detector training errors {} of {}, classifier {} of {}\n",
                    bag + 1, it, det_errors, train_det ? order.size() : 0, cls_errors, cls_seen));
  }
}

}  // namespace

Status TrainEvents(const EventTrainOptions& o, std::ostream* progress) {
  auto say = [&](const std::string& line) {
    if (progress) *progress << line << std::flush;
  };
  if (o.train_files.empty()) return Error::Usage("train events: no training files");
  if (o.iterations < 0) return Error::Usage("train events: iterations must not be negative");
  if (o.bags < 0) return Error::Usage("train events: bags must not be negative");
  if (o.class_iterations < 0) {
    return Error::Usage("train events: class iterations must not be negative");
  }
  const int iterations = o.iterations == 0 ? kDefaultEventIterations : o.iterations;
  const int class_iterations =
      o.class_iterations == 0 ? kDefaultEventClassIterations : o.class_iterations;
  const int bags = o.bags == 0 ? kDefaultEventBags : o.bags;

  // An upstream model is used when its file exists, as the pipeline does.
  auto if_exists = [](const std::string& p) { return !p.empty() && FileExists(p) ? p : ""; };
  Result<EventPreprocessor> pre_or = EventPreprocessor::Load(
      {.data_dir = o.data_dir,
       .tagger_model = if_exists(o.tagger_model),
       .lemmatizer_model = if_exists(o.lemmatizer_model),
       .parser_model = if_exists(o.parser_model),
       .wordnet_dir = o.wordnet_dir});
  if (!pre_or.ok()) return pre_or.error();
  const EventPreprocessor& pre = pre_or.value();
  say(fmt::format("preprocessing: {}\n", pre.description()));
  Result<InstanceRules> rules = InstanceRules::Load(RulesPath(o.data_dir));
  if (!rules.ok()) return rules.error();
  Result<LexfileTable> lex = LexfileTable::Build(o.wordnet_dir);
  if (!lex.ok()) return lex.error();
  say(fmt::format("wordnet lexfile table: {} lemmas from {}\n", lex.value().size(),
                  o.wordnet_dir));

  // The training documents, preprocessed and labelled.
  std::vector<TrainDoc> docs_in;
  std::vector<std::vector<Example>> labels_of;
  std::vector<PreparedTokens> prepared_of;
  size_t unaligned = 0, gold_events = 0, docs = 0;
  for (const std::string& path : o.train_files) {
    Result<TrainDoc> d = ReadTrainDoc(path, pre);
    if (!d.ok()) return d.error();
    ++docs;
    gold_events += d.value().gold.events.size();
    labels_of.emplace_back();
    Label(d.value(), &labels_of.back(), &unaligned);
    prepared_of.emplace_back();
    PrepareTokens(d.value().doc, lex.value(), &prepared_of.back());
    docs_in.push_back(std::move(d).value());
  }
  // Closed tags: seen on at least kMinClosedTokens candidates, of which at
  // most kMaxClosedEventRate are events (determiners, pronouns,
  // prepositions, proper nouns...). Their tokens are neither trained on nor
  // scored, and get only what their neighbours' features read (as at run
  // time). Tokens without a tag are never closed.
  std::vector<std::string> closed_xpos;
  {
    std::map<std::string, std::pair<uint32_t, uint32_t>> per_tag;  // tokens, events
    for (size_t k = 0; k < docs_in.size(); ++k) {
      for (size_t i = 0; i < prepared_of[k].tokens.size(); ++i) {
        if (!prepared_of[k].tokens[i].candidate) continue;
        auto& [tokens, events] = per_tag[docs_in[k].doc.tokens[i].xpos];
        ++tokens;
        events += labels_of[k][i].is_event;
      }
    }
    for (const auto& [tag, n] : per_tag) {
      if (!tag.empty() && n.first >= kMinClosedTokens && n.second <= kMaxClosedEventRate * n.first) {
        closed_xpos.push_back(tag);
      }
    }
  }
  std::vector<uint64_t> closed_hashes;
  for (const std::string& x : closed_xpos) closed_hashes.push_back(HashBytes(x));
  for (size_t k = 0; k < docs_in.size(); ++k) {
    PrepareTokens(docs_in[k].doc, lex.value(), &prepared_of[k], closed_hashes);
  }

  // The lemma prior: over all documents (stored), and per jackknife group
  // (document k is in group k mod kPriorGroups) so that a training
  // document's features count only the other groups' documents.
  LemmaPrior prior;
  std::vector<LemmaPrior> group_prior(kPriorGroups);
  for (size_t k = 0; k < docs_in.size(); ++k) {
    const PreparedTokens& pt = prepared_of[k];
    for (size_t i = 0; i < pt.tokens.size(); ++i) {
      if (!pt.tokens[i].candidate) continue;
      const Example& ex = labels_of[k][i];
      prior.Add(pt.tokens[i].prior_key, ex.is_event, ex.cls);
      group_prior[k % kPriorGroups].Add(pt.tokens[i].prior_key, ex.is_event, ex.cls);
    }
  }

  // Features of every candidate token, pooled.
  std::vector<uint32_t> pool;
  std::vector<Example> examples;
  std::vector<uint32_t> keys;
  std::vector<std::string> xpos_names;
  std::map<std::string, uint16_t> xpos_ids;
  for (size_t k = 0; k < docs_in.size(); ++k) {
    const Document& doc = docs_in[k].doc;
    PreparedTokens& prepared = prepared_of[k];
    const LemmaPrior& own = group_prior[k % kPriorGroups];
    for (TokenHashes& t : prepared.tokens) {
      if (!t.candidate) continue;
      const LemmaCounts* all = prior.Find(t.prior_key);
      const LemmaCounts* mine = own.Find(t.prior_key);
      t.prior = *all;
      if (mine) {
        t.prior.tokens -= mine->tokens;
        t.prior.events -= mine->events;
        for (int c = 0; c < kPriorClasses; ++c) t.prior.cls[c] -= mine->cls[c];
      }
    }
    for (const Sentence& s : doc.sentences) {
      for (uint32_t i = s.first_token; i < s.end_token; ++i) {
        if (!prepared.tokens[i].candidate) continue;
        TokenFeatures(doc, prepared, s, i, &keys);
        Example ex = labels_of[k][i];
        auto [xit, added] = xpos_ids.try_emplace(doc.tokens[i].xpos,
                                                 static_cast<uint16_t>(xpos_names.size()));
        if (added) xpos_names.push_back(doc.tokens[i].xpos);
        ex.xpos = xit->second;
        ex.key_begin = static_cast<uint32_t>(pool.size());
        pool.insert(pool.end(), keys.begin(), keys.end());
        ex.key_end = static_cast<uint32_t>(pool.size());
        examples.push_back(ex);
      }
    }
  }
  docs_in.clear();
  prepared_of.clear();
  size_t positives = 0;
  for (const Example& e : examples) positives += e.is_event;
  say(fmt::format("train: {} documents, {} gold events ({} not on any token), {} candidate "
                  "tokens, {} labelled events\n",
                  docs, gold_events, unaligned, examples.size(), positives));

  std::vector<uint8_t> closed(xpos_names.size(), 0);
  for (size_t t = 0; t < xpos_names.size(); ++t) {
    closed[t] = std::binary_search(closed_xpos.begin(), closed_xpos.end(), xpos_names[t]);
  }
  size_t closed_tokens = 0, closed_events = 0;
  std::vector<uint32_t> order;
  for (size_t i = 0; i < examples.size(); ++i) {
    if (closed[examples[i].xpos]) {
      ++closed_tokens;
      closed_events += examples[i].is_event;
    } else {
      order.push_back(static_cast<uint32_t>(i));
    }
  }
  std::string closed_list;
  for (const std::string& x : closed_xpos) closed_list += (closed_list.empty() ? "" : ",") + x;
  say(fmt::format("closed tags {}: {} candidate tokens left out ({} of them events)\n",
                  closed_list.empty() ? "(none)" : closed_list, closed_tokens, closed_events));

  // `bags` perceptron pairs, each on its own shuffles of the data (one
  // random stream), stored as their mean: less dependent on the order of
  // the examples.
  std::vector<LinearModel> detectors, classifiers;
  std::mt19937_64 rng(o.seed);
  for (int bag = 0; bag < bags; ++bag) {
    PerceptronTrainer detector(2);
    PerceptronTrainer classifier(kNumClasses);
    TrainOnce(examples, pool, order, iterations, class_iterations, bag, &rng, &detector,
              &classifier, say);
    detectors.push_back(detector.Average(1e-3f));
    classifiers.push_back(classifier.Average(1e-3f));
  }

  ModelWriter body;
  body.U32(kEventFeatureVersion);
  body.F32(o.threshold);
  std::vector<std::string> classes(std::begin(kClasses), std::end(kClasses));
  body.Strings(classes);
  body.Strings(closed_xpos);
  lex.value().Write(&body);
  prior.Write(&body);
  LinearModel::Mean(detectors).Write(&body);
  LinearModel::Mean(classifiers).Write(&body);
  std::string settings = fmt::format(
      "feature_version={}\niterations={}\nclass_iterations={}\nbags={}\nseed={}\nthreshold={}\n"
      "train_documents={}\ntrain_first={}\ntrain_last={}\nwordnet_lemmas={}\nclosed_tags={}\n"
      "preprocessing={}\n",
      kEventFeatureVersion, iterations, class_iterations, bags, o.seed, o.threshold, docs, BaseName(o.train_files.front()),
      BaseName(o.train_files.back()), lex.value().size(), closed_list, pre.description());
  if (Status s = WriteModelFile(o.output_path, kKind, kAllComponents, settings, body); !s.ok()) {
    return s;
  }
  say(fmt::format("wrote {}\n", o.output_path));

  if (o.dev_files.empty()) return Status::Ok();
  Result<EventTagger> tagger = EventTagger::Load(o.output_path, o.data_dir);
  if (!tagger.ok()) return tagger.error();
  std::vector<TrainDoc> dev;
  for (const std::string& path : o.dev_files) {
    Result<TrainDoc> d = ReadTrainDoc(path, pre);
    if (!d.ok()) return d.error();
    tagger.value().Annotate(&d.value().doc);
    dev.push_back(std::move(d).value());
  }
  std::vector<std::pair<const Document*, const Document*>> pairs;
  for (const TrainDoc& d : dev) pairs.emplace_back(&d.gold, &d.doc);
  Result<EvalReport> report = Evaluate(pairs);
  if (!report.ok()) return report.error();
  say(fmt::format("dev ({} documents):\n{}", dev.size(), FormatReport(report.value())));
  return Status::Ok();
}

}  // namespace chronicle
