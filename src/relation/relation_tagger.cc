#include "relation/relation_tagger.h"

#include <algorithm>
#include <array>
#include <map>
#include <ostream>
#include <random>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "io/timeml.h"
#include "learn/model_file.h"
#include "learn/perceptron.h"
#include "reason/temporal_graph.h"
#include "relation/context.h"
#include "relation/sieves.h"
#include "util/file.h"

namespace chronicle {

constexpr int kBiasClassCount = 7;

// The classifier and its label set, as stored in the model file.
struct RelationModel {
  std::vector<std::string> labels;  // "NONE" first
  // Added to the best relation's score before comparing it with NONE's,
  // per pair kind; chosen by cross-validation on the training documents.
  std::vector<float> none_bias = std::vector<float>(kBiasClassCount, 0.0f);
  // Per sieve (SieveId order): kSieveAlone = its relation is output as it
  // is; kSieveGated = only when the classifier relates the pair (the sieve
  // says how, the classifier whether annotators relate it); kSieveOff = the
  // sieve is skipped (the next sieve or the classifier decides). Starts
  // from the rule file's "gate" line; cross-validation on the training
  // documents chooses each sieve's setting.
  std::vector<float> gate = std::vector<float>(kSieveCount, 0.0f);
  LinearModel linear;
  bool trained_with_extra = false;  // training only; not stored
};

namespace {

constexpr std::string_view kModelKind = "relations";

// The NONE bias classes: the pair kinds, with event-event pairs split by
// distance (annotators relate pairs of one sentence, the main events of
// consecutive sentences and other cross-sentence pairs at very different
// rates).
const char* BiasClassName(int c) {
  static const char* kNames[kBiasClassCount] = {"EE-same", "EE-main", "EE-other", "ET",
                                                "ED",      "TT",      "TD"};
  return c >= 0 && c < kBiasClassCount ? kNames[c] : "?";
}

int BiasClass(const RelContext& ctx, const Candidate& c) {
  switch (c.kind) {
    case PairKind::kEventEvent: {
      const RelEntity& a = ctx.entities[c.a];
      const RelEntity& b = ctx.entities[c.b];
      if (a.sentence == b.sentence) return 0;
      if (std::abs(a.sentence - b.sentence) == 1 && a.is_main && b.is_main) return 1;
      return 2;
    }
    case PairKind::kEventTimex: return 3;
    case PairKind::kEventDct: return 4;
    case PairKind::kTimexTimex: return 5;
    case PairKind::kTimexDct: return 6;
  }
  return 0;
}
constexpr uint32_t kFlagSyntax = 1;
// Set in every model with per-sieve settings (alone / gated / off); models
// of the earlier per-pair-kind gates lack it and are refused.
constexpr uint32_t kFlagSieveSettings = 2;
constexpr float kSieveAlone = 0.0f, kSieveGated = 1.0f, kSieveOff = 2.0f;

// The label set: NONE and the normalized TimeML relations.
const std::vector<std::string>& Labels() {
  static const std::vector<std::string> kLabels = {
      "NONE",  "BEFORE", "AFTER",   "INCLUDES", "IS_INCLUDED", "SIMULTANEOUS",
      "IBEFORE", "IAFTER", "BEGINS", "BEGUN_BY", "ENDS",        "ENDED_BY"};
  return kLabels;
}

int LabelIndex(std::string_view name) {
  const auto& l = Labels();
  for (size_t i = 0; i < l.size(); ++i)
    if (l[i] == name) return static_cast<int>(i);
  return 0;
}

// The gold closure of a document's TLINKs (conflicting links skipped).
TemporalGraph GoldGraph(const Document& doc) {
  TemporalGraph g;
  for (const TLink& l : doc.tlinks) {
    auto r = ParseTimeMLRel(l.rel_type);
    if (r) g.Add(l.source_id, *r, l.target_id);
  }
  return g;
}

// The label of a candidate pair under the gold closure.
int GoldLabel(const TemporalGraph& gold, const RelContext& ctx, const Candidate& c) {
  auto r = gold.QueryTimeML(ctx.entities[c.a].id, ctx.entities[c.b].id);
  if (!r) return 0;
  return LabelIndex(TimeMLRelName(Normalize(*r)));
}

Result<Document> LoadTimeML(const std::string& path) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.error();
  return ParseTimeML(bytes.value(), path, nullptr);
}

Result<std::vector<Document>> LoadAll(const std::vector<std::string>& files,
                                      const std::function<void(Document*)>& prepare) {
  std::vector<Document> docs;
  for (const std::string& f : files) {
    Result<Document> d = LoadTimeML(f);
    if (!d.ok()) return d.error();
    if (prepare) prepare(&d.value());
    docs.push_back(std::move(d).value());
  }
  return docs;
}

// TempEval-3 temporal awareness counts of `system` links against the gold
// links of `gold` (the same entities): for training progress only; the
// reported figures come from src/eval.
struct Awareness {
  int64_t sys = 0, sys_ok = 0, gold = 0, gold_ok = 0;
  void Add(const Document& gold_doc, const std::vector<TLink>& system) {
    std::vector<Link> gl, sl;
    for (const TLink& l : gold_doc.tlinks)
      if (auto r = ParseTimeMLRel(l.rel_type)) gl.push_back({l.source_id, *r, l.target_id});
    for (const TLink& l : system)
      if (auto r = ParseTimeMLRel(l.rel_type)) sl.push_back({l.source_id, *r, l.target_id});
    Reduction g = Reduce(gl), s = Reduce(sl);
    for (size_t i : s.kept) {
      ++sys;
      if (g.graph.Entails(sl[i].source, sl[i].rel, sl[i].target)) ++sys_ok;
    }
    for (size_t i : g.kept) {
      ++gold;
      if (s.graph.Entails(gl[i].source, gl[i].rel, gl[i].target)) ++gold_ok;
    }
  }
  double F1() const {
    double p = sys ? double(sys_ok) / sys : 0, r = gold ? double(gold_ok) / gold : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  std::string ToString() const {
    double p = sys ? double(sys_ok) / sys : 0, r = gold ? double(gold_ok) / gold : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    return fmt::format("P {:.2f} R {:.2f} F1 {:.2f} ({} system, {} gold links)", 100 * p, 100 * r,
                       100 * f, sys, gold);
  }
};

struct Pending {
  Candidate cand;
  TimeMLRel rel;
  std::string origin;
  double confidence;
};

}  // namespace

RelationTagger::RelationTagger() = default;
RelationTagger::RelationTagger(RelationTagger&&) noexcept = default;
RelationTagger& RelationTagger::operator=(RelationTagger&&) noexcept = default;
RelationTagger::~RelationTagger() = default;

Result<RelationTagger> RelationTagger::LoadSievesOnly(const std::string& data_dir) {
  Result<RelationLexicon> lex = LoadRelationLexicon(data_dir);
  if (!lex.ok()) return lex.error();
  RelationTagger t;
  t.lexicon_ = std::make_shared<const RelationLexicon>(std::move(lex).value());
  return t;
}

Result<RelationTagger> RelationTagger::Load(const std::string& model_path,
                                            const std::string& data_dir) {
  Result<RelationTagger> t = LoadSievesOnly(data_dir);
  if (!t.ok()) return t;
  Result<ModelReader> r = ReadModelFile(model_path, kModelKind);
  if (!r.ok()) return r.error();
  ModelReader& in = r.value();
  auto model = std::make_shared<RelationModel>();
  model->labels = in.Strings("labels");
  model->none_bias = in.F32s("NONE biases");
  if (in.ok() && model->none_bias.size() != kBiasClassCount)
    in.Fail(fmt::format("{} NONE biases, expected {}", model->none_bias.size(), kBiasClassCount));
  if (in.ok() && (in.flags & kFlagSieveSettings) == 0)
    in.Fail("a relation model of the earlier format (per-pair-kind gates); retrain it");
  model->gate = in.F32s("sieve settings");
  if (in.ok() && model->gate.size() != kSieveCount)
    in.Fail(fmt::format("{} sieve settings, expected {}", model->gate.size(), kSieveCount));
  for (float g : model->gate)
    if (in.ok() && g != kSieveAlone && g != kSieveGated && g != kSieveOff)
      in.Fail(fmt::format("sieve setting {} (0 alone, 1 gated, 2 off)", g));
  model->linear = LinearModel::Read(&in);
  in.ExpectEnd();
  if (!in.ok()) return in.error();
  if (model->linear.num_classes() != static_cast<int>(model->labels.size()))
    return Error::Model(fmt::format("{} labels but {} classes in the weights",
                                    model->labels.size(), model->linear.num_classes()),
                        model_path);
  for (const std::string& l : model->labels)
    if (l != "NONE" && !ParseTimeMLRel(l))
      return Error::Model("unknown relation label " + l, model_path);
  t.value().model_ = std::move(model);
  t.value().use_syntax_ = (in.flags & kFlagSyntax) != 0;
  return t;
}

namespace {

// A candidate pair with what the sieves and the classifier say about it,
// before the NONE bias, the gate and the consistency step (which the
// cross-validation varies without scoring again).
struct ScoredPair {
  Candidate cand;
  std::array<std::optional<TimeMLRel>, kSieveCount> sieves;  // each enabled sieve's answer
  std::vector<float> scores;  // per label; empty when not scored
  int bias_class = 0;         // BiasClass
};

// The first sieve that answers the pair and that the model does not
// switch off (model null: every enabled sieve), or -1.
int ActiveSieve(const ScoredPair& p, const RelationModel* model) {
  for (int s = 0; s < kSieveCount; ++s)
    if (p.sieves[s] && (!model || model->gate[s] != kSieveOff)) return s;
  return -1;
}

// score_all: score every pair even where the model's gates let a sieve
// decide alone (cross-validation flips the gates).
std::vector<ScoredPair> ScorePairs(const RelationLexicon& lex, const RelationModel* model,
                                   const RelContext& ctx, bool score_all) {
  std::vector<ScoredPair> out;
  std::vector<uint32_t> features;
  for (const Candidate& c : Candidates(ctx)) {
    ScoredPair p;
    p.cand = c;
    p.bias_class = BiasClass(ctx, c);
    bool any_sieve = false;
    for (int s = 0; s < kSieveCount; ++s) {
      if (!lex.enabled[s]) continue;
      p.sieves[s] = ApplySieve(static_cast<SieveId>(s), lex, ctx, c);
      any_sieve = any_sieve || p.sieves[s].has_value();
    }
    const int active = ActiveSieve(p, model);
    const bool alone = active >= 0 && (!model || model->gate[active] == kSieveAlone);
    if (model && (!alone || score_all)) {
      features.clear();
      PairFeatures(lex, ctx, c, &features);
      p.scores.assign(model->labels.size(), 0.0f);
      model->linear.AddScores(features.data(), features.size(), p.scores.data());
    }
    if (!any_sieve && p.scores.empty()) continue;
    out.push_back(std::move(p));
  }
  return out;
}

// The decisions of scored pairs under the model's NONE biases and gates
// (model null: sieves only), most confident first, each marked kept when
// it survives the consistency and reduction steps.
std::vector<RelationDecision> Select(const RelContext& ctx, const std::vector<ScoredPair>& pairs,
                                     const RelationModel* model) {
  std::vector<Pending> pending;
  std::vector<float> scores;
  for (const ScoredPair& sp : pairs) {
    const Candidate& c = sp.cand;
    const int active = ActiveSieve(sp, model);
    const bool gate = active >= 0 && model && model->gate[active] == kSieveGated;
    auto sieve_pending = [&] {
      return Pending{c, *sp.sieves[active], SieveName(static_cast<SieveId>(active)),
                     1000.0 + (kSieveCount - active)};
    };
    if (active >= 0 && !gate) {  // the sieve decides alone
      pending.push_back(sieve_pending());
      continue;
    }
    if (!model || sp.scores.empty()) continue;
    scores = sp.scores;
    // The best relation (label 0 is NONE), against NONE and the runner-up.
    scores[0] -= model->none_bias[sp.bias_class];
    int best = 1;
    for (size_t l = 2; l < scores.size(); ++l)
      if (scores[l] > scores[best]) best = static_cast<int>(l);
    if (scores[best] <= scores[0]) continue;
    if (active >= 0) {
      // The classifier says annotators relate this pair; the sieve says how.
      pending.push_back(sieve_pending());
      continue;
    }
    float second = -1e30f;
    for (size_t l = 0; l < scores.size(); ++l)
      if (static_cast<int>(l) != best) second = std::max(second, scores[l]);
    pending.push_back({c, *ParseTimeMLRel(model->labels[best]), "classifier",
                       static_cast<double>(scores[best] - second)});
  }
  std::stable_sort(pending.begin(), pending.end(), [](const Pending& x, const Pending& y) {
    return x.confidence > y.confidence;
  });
  // Most confident first: a decision the closure of the ones before it
  // contradicts is dropped, one it entails is redundant.
  TemporalGraph graph;
  std::vector<TemporalGraph::NodeId> node(ctx.entities.size());
  for (size_t i = 0; i < ctx.entities.size(); ++i) node[i] = graph.AddNode(ctx.entities[i].id);
  std::vector<RelationDecision> out;
  out.reserve(pending.size());
  for (const Pending& p : pending) {
    const RelEntity& a = ctx.entities[p.cand.a];
    const RelEntity& b = ctx.entities[p.cand.b];
    RelationDecision d;
    d.source_id = a.id;
    d.source_is_event = a.is_event;
    d.target_id = b.id;
    d.target_is_event = b.is_event;
    d.rel_type = std::string(TimeMLRelName(p.rel));
    d.origin = p.origin;
    d.confidence = p.confidence;
    d.kept = graph.Add(node[p.cand.a], p.rel, node[p.cand.b]) == TemporalGraph::AddOutcome::kAdded;
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<TLink> KeptLinks(const std::vector<RelationDecision>& decisions) {
  std::vector<TLink> out;
  for (const RelationDecision& d : decisions) {
    if (!d.kept) continue;
    TLink l;
    l.rel_type = d.rel_type;
    l.source_id = d.source_id;
    l.source_is_event = d.source_is_event;
    l.target_id = d.target_id;
    l.target_is_event = d.target_is_event;
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace

std::vector<RelationDecision> RelationTagger::Decide(const Document& doc) const {
  RelContext ctx = BuildContext(doc, use_syntax_);
  return Select(ctx, ScorePairs(*lexicon_, model_.get(), ctx, false), model_.get());
}

void RelationTagger::Annotate(Document* doc) const {
  std::vector<RelationDecision> decisions = Decide(*doc);
  for (const RelationDecision& d : decisions) {
    if (!d.kept) continue;
    TLink l;
    l.id = doc->NextId("l");
    l.rel_type = d.rel_type;
    l.source_id = d.source_id;
    l.source_is_event = d.source_is_event;
    l.target_id = d.target_id;
    l.target_is_event = d.target_is_event;
    doc->tlinks.push_back(std::move(l));
  }
}

namespace {

struct Example {
  std::vector<uint32_t> features;
  int label;
  size_t doc;
  // The label another relation corpus gives a pair the gold closure
  // leaves unrelated (RelationTrainOptions::extra_relations), or -1.
  int extra = -1;
};

// Averaged perceptron over the examples of the documents with use_doc set.
LinearModel Fit(const std::vector<Example>& examples, const std::vector<bool>& use_doc,
                int iterations, uint64_t seed, bool use_extra, std::ostream* progress) {
  const int num_labels = static_cast<int>(Labels().size());
  PerceptronTrainer trainer(num_labels);
  std::mt19937_64 rng(seed);
  std::vector<size_t> order;
  for (size_t i = 0; i < examples.size(); ++i)
    if (use_doc[examples[i].doc]) order.push_back(i);
  std::vector<float> scores(num_labels);
  for (int it = 0; it < iterations; ++it) {
    // Fisher-Yates with the raw engine output, so the order (and the model)
    // is the same with every standard library.
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    int64_t correct = 0;
    for (size_t i : order) {
      const Example& e = examples[i];
      std::fill(scores.begin(), scores.end(), 0.0f);
      trainer.Score(e.features.data(), e.features.size(), scores.data());
      int best = 0;
      for (int l = 1; l < num_labels; ++l)
        if (scores[l] > scores[best]) best = l;
      const int label = use_extra && e.label == 0 && e.extra >= 0 ? e.extra : e.label;
      if (best == label) ++correct;
      trainer.Update(e.features.data(), e.features.size(), label, best);
      trainer.NextExample();
    }
    if (progress)
      *progress << fmt::format("  epoch {}: training accuracy {:.2f}\n", it + 1,
                               100.0 * correct / std::max<size_t>(1, order.size()));
  }
  return trainer.Average(1e-3f);
}

// The mean of `members` averaged perceptrons trained on different shuffles
// (seeds seed, seed + 1, ...); one member is Fit itself.
LinearModel FitEnsemble(const std::vector<Example>& examples, const std::vector<bool>& use_doc,
                        int iterations, uint64_t seed, int members, bool use_extra,
                        std::ostream* progress) {
  if (members <= 1) return Fit(examples, use_doc, iterations, seed, use_extra, progress);
  std::vector<LinearModel> models;
  for (int k = 0; k < members; ++k)
    models.push_back(Fit(examples, use_doc, iterations, seed + static_cast<uint64_t>(k), use_extra,
                         k == 0 ? progress : nullptr));
  return LinearModel::Mean(models);
}

}  // namespace

namespace {

// The training documents with every candidate pair's features and label,
// extracted once for the final model and every cross-validation fold.
// Extra relation labels, by document stem: (source id, target id) -> label.
using ExtraLabels = std::map<std::string, std::map<std::pair<std::string, std::string>, int>>;

// Reads the stand-off relation corpora of RelationTrainOptions. Ids are
// TimeML instance / time ids ("ei3", "t2"); TimeBank-Dense names EVENT ids
// ("e3"), turned into the first instance of that event by `docs`.
Result<ExtraLabels> ReadExtraLabels(const std::vector<ExtraRelations>& sets,
                                    const std::vector<std::string>& files,
                                    const std::vector<Document>& docs) {
  std::map<std::string, const Document*> by_stem;
  for (size_t i = 0; i < files.size(); ++i) by_stem[Stem(files[i])] = &docs[i];
  ExtraLabels out;
  for (const ExtraRelations& set : sets) {
    Result<std::string> bytes = ReadFile(set.path);
    if (!bytes.ok()) return bytes.error();
    std::istringstream in(bytes.value());
    int line_no = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_no;
      if (line.empty() || line[0] == '#') continue;
      std::istringstream f(line);
      std::vector<std::string> w;
      for (std::string x; f >> x;) w.push_back(x);
      if (w.empty()) continue;
      std::string doc = w[0], a, b, rel;
      if (set.format == "matres" && w.size() == 6) {
        a = "ei" + w[3];
        b = "ei" + w[4];
        rel = w[5] == "EQUAL" ? "SIMULTANEOUS" : w[5];
      } else if (set.format == "tbdense" && w.size() == 4) {
        static const std::map<std::string, std::string> kCodes = {
            {"a", "AFTER"}, {"b", "BEFORE"}, {"i", "INCLUDES"}, {"ii", "IS_INCLUDED"},
            {"s", "SIMULTANEOUS"}};
        auto it = kCodes.find(w[3]);
        rel = it == kCodes.end() ? "" : it->second;
        a = w[1];
        b = w[2];
      } else if (set.format == "verb-clause" && w.size() == 4) {
        a = w[1];
        b = w[2];
        rel = w[3];
      } else if (set.format != "matres" && set.format != "tbdense" &&
                 set.format != "verb-clause") {
        return Error::Usage("unknown relation corpus format '" + set.format +
                            "' (matres, tbdense, verb-clause)");
      } else {
        return Error::Invalid("unexpected number of fields", set.path, line_no, 1);
      }
      int label = LabelIndex(rel);
      if (label == 0) continue;  // VAGUE, OVERLAP: no TimeML relation
      auto d = by_stem.find(doc);
      if (d == by_stem.end()) continue;  // not a training document
      auto instance_of = [&](const std::string& id) {
        if (set.format != "tbdense" || id.empty() || id[0] != 'e') return id;
        for (const EventInstance& i : d->second->instances)
          if (i.event_id == id) return i.id;
        return std::string();
      };
      a = instance_of(a);
      b = instance_of(b);
      if (a.empty() || b.empty() || a == b) continue;
      out[doc][{a, b}] = label;
      out[doc][{b, a}] = LabelIndex(TimeMLRelName(Inverse(*ParseTimeMLRel(rel))));
    }
  }
  return out;
}

struct TrainingSet {
  std::shared_ptr<const RelationLexicon> lexicon;
  bool use_syntax = false;
  std::vector<Document> docs;
  std::vector<Example> examples;
  bool has_extra = false;  // some example has an extra label
};

Result<TrainingSet> BuildTrainingSet(const RelationTrainOptions& o, std::ostream* progress) {
  TrainingSet t;
  Result<RelationLexicon> lex = LoadRelationLexicon(o.data_dir);
  if (!lex.ok()) return lex.error();
  t.lexicon = std::make_shared<const RelationLexicon>(std::move(lex).value());
  t.use_syntax = static_cast<bool>(o.prepare);
  Result<std::vector<Document>> train = LoadAll(o.train_files, o.prepare);
  if (!train.ok()) return train.error();
  t.docs = std::move(train).value();
  Result<ExtraLabels> extra = ReadExtraLabels(o.extra_relations, o.train_files, t.docs);
  if (!extra.ok()) return extra.error();
  int64_t extra_used = 0;
  std::array<int64_t, kPairKindCount> per_kind{}, per_kind_rel{};
  for (size_t d = 0; d < t.docs.size(); ++d) {
    TemporalGraph gold = GoldGraph(t.docs[d]);
    RelContext ctx = BuildContext(t.docs[d], t.use_syntax);
    auto doc_extra = extra.value().find(Stem(o.train_files[d]));
    for (const Candidate& c : Candidates(ctx)) {
      Example e;
      PairFeatures(*t.lexicon, ctx, c, &e.features);
      e.label = GoldLabel(gold, ctx, c);
      e.doc = d;
      if (e.label == 0 && doc_extra != extra.value().end()) {
        auto it = doc_extra->second.find({ctx.entities[c.a].id, ctx.entities[c.b].id});
        if (it != doc_extra->second.end()) {
          e.extra = it->second;
          ++extra_used;
          t.has_extra = true;
        }
      }
      ++per_kind[static_cast<int>(c.kind)];
      if (e.label != 0) ++per_kind_rel[static_cast<int>(c.kind)];
      t.examples.push_back(std::move(e));
    }
  }
  if (progress) {
    *progress << fmt::format(
        "relations: {} training documents, {} candidate pairs ({} unrelated in the gold "
        "closure but related by another corpus)\n",
        t.docs.size(), t.examples.size(), extra_used);
    for (int k = 0; k < kPairKindCount; ++k)
      *progress << fmt::format("  {}: {} pairs, {} related in the gold closure\n",
                               PairKindName(static_cast<PairKind>(k)), per_kind[k],
                               per_kind_rel[k]);
  }
  return t;
}

RelationTagger MakeTagger(const TrainingSet& t, std::shared_ptr<const RelationModel> m);

// Trains a model on the documents of `t` with use_doc set: the perceptron
// on all of them, the NONE biases and sieve gates by cross-validation
// among them (the k-th used document is in inner fold k % cv_folds).
std::shared_ptr<RelationModel> TrainOn(const TrainingSet& t, const std::vector<bool>& use_doc,
                                       const RelationTrainOptions& o, std::ostream* progress) {
  const int iterations = o.iterations > 0 ? o.iterations : 10;
  std::vector<float> none_bias(kBiasClassCount, 0.0f);
  std::vector<float> gate(kSieveCount, t.lexicon->gate_sieves ? kSieveGated : kSieveAlone);
  std::vector<size_t> used;
  for (size_t d = 0; d < t.docs.size(); ++d)
    if (use_doc[d]) used.push_back(d);

  // With labels from other corpora, whether to use them is chosen by the
  // same cross-validation (without it, they are used).
  bool use_extra = t.has_extra;
  if (o.cv_folds > 1 && used.size() >= static_cast<size_t>(o.cv_folds)) {
    // Cross-validation on the training documents chooses, per pair kind,
    // the NONE bias and whether the classifier gates the sieves, for the
    // best temporal awareness F1 (Task C).
    std::vector<int> fold_of(t.docs.size(), -1);
    for (size_t k = 0; k < used.size(); ++k) fold_of[used[k]] = static_cast<int>(k % o.cv_folds);
    const std::vector<float> start_bias = none_bias, start_gate = gate;
    double best_variant_f1 = -1;
    std::vector<bool> variants = {false};
    if (t.has_extra) variants.push_back(true);
    for (bool extra : variants) {
      std::vector<std::shared_ptr<RelationModel>> fold_models;
      for (int f = 0; f < o.cv_folds; ++f) {
        std::vector<bool> use(t.docs.size(), false);
        for (size_t d : used) use[d] = fold_of[d] != f;
        auto m = std::make_shared<RelationModel>();
        m->labels = Labels();
        m->linear = FitEnsemble(t.examples, use, iterations, o.seed, o.ensemble, extra, nullptr);
        fold_models.push_back(m);
      }
      // Each held-out document scored once by its fold's model; the search
      // below only re-runs the selection.
      std::vector<RelContext> held_ctx(used.size());
      std::vector<std::vector<ScoredPair>> held_pairs(used.size());
      for (size_t k = 0; k < used.size(); ++k) {
        held_ctx[k] = BuildContext(t.docs[used[k]], t.use_syntax);
        held_pairs[k] =
            ScorePairs(*t.lexicon, fold_models[fold_of[used[k]]].get(), held_ctx[k], true);
      }
      auto cv_f1 = [&](const std::vector<float>& bias, const std::vector<float>& g) {
        Awareness aw;
        RelationModel params;
        params.labels = Labels();
        params.none_bias = bias;
        params.gate = g;
        for (size_t k = 0; k < used.size(); ++k)
          aw.Add(t.docs[used[k]], KeptLinks(Select(held_ctx[k], held_pairs[k], &params)));
        return aw;
      };
      const float kGrid[] = {-8, -4, -2, 0, 2, 4, 6, 8, 12, 16, 24, 32, 48};
      std::vector<float> v_bias = start_bias, v_gate = start_gate;
      double best_f1 = cv_f1(v_bias, v_gate).F1();
      if (progress)
        *progress << fmt::format("  cv F1 with no bias{}: {:.2f}\n",
                                 extra ? " (with extra labels)" : "", 100 * best_f1);
      // Coordinate ascent, twice over: each pair kind's NONE bias, then
      // each sieve's setting.
      for (int round = 0; round < 2; ++round) {
        for (int k = 0; k < kBiasClassCount; ++k) {
          for (float bk : kGrid) {
            std::vector<float> b = v_bias;
            b[k] = bk;
            double f1 = cv_f1(b, v_gate).F1();
            if (f1 > best_f1 + 1e-9) {
              best_f1 = f1;
              v_bias = b;
            }
          }
        }
        for (int s = 0; s < kSieveCount; ++s) {
          if (!t.lexicon->enabled[s]) continue;
          for (float gs : {kSieveAlone, kSieveGated, kSieveOff}) {
            std::vector<float> g = v_gate;
            g[s] = gs;
            double f1 = cv_f1(v_bias, g).F1();
            if (f1 > best_f1 + 1e-9) {
              best_f1 = f1;
              v_gate = g;
            }
          }
        }
      }
      if (progress) {
        *progress << fmt::format("  cv F1 {:.2f}{} with NONE biases", 100 * best_f1,
                                 extra ? " (with extra labels)" : "");
        for (int k = 0; k < kBiasClassCount; ++k)
          *progress << fmt::format(" {}={}", BiasClassName(k), v_bias[k]);
        *progress << "; sieves";
        for (int s = 0; s < kSieveCount; ++s)
          *progress << fmt::format(" {}={}", SieveName(static_cast<SieveId>(s)),
                                   v_gate[s] == kSieveAlone   ? "alone"
                                   : v_gate[s] == kSieveGated ? "gated"
                                                              : "off");
        *progress << "\n  cv " << cv_f1(v_bias, v_gate).ToString() << "\n";
      }
      if (best_f1 > best_variant_f1 + 1e-9) {
        best_variant_f1 = best_f1;
        none_bias = v_bias;
        gate = v_gate;
        use_extra = extra;
      }
    }
  }

  auto model = std::make_shared<RelationModel>();
  model->labels = Labels();
  model->none_bias = none_bias;
  model->gate = gate;
  model->linear = FitEnsemble(t.examples, use_doc, iterations, o.seed, o.ensemble, use_extra, progress);
  model->trained_with_extra = use_extra;
  return model;
}

}  // namespace

RelationTagger RelationTagger::FromParts(std::shared_ptr<const RelationLexicon> lexicon,
                                         std::shared_ptr<const RelationModel> model,
                                         bool use_syntax) {
  RelationTagger t;
  t.lexicon_ = std::move(lexicon);
  t.model_ = std::move(model);
  t.use_syntax_ = use_syntax;
  return t;
}

namespace {
RelationTagger MakeTagger(const TrainingSet& t, std::shared_ptr<const RelationModel> m) {
  return RelationTagger::FromParts(t.lexicon, std::move(m), t.use_syntax);
}
}  // namespace

namespace {
std::string ExtraSetting(const RelationTrainOptions& o, const RelationModel& m) {
  if (o.extra_relations.empty()) return "";
  std::string out = m.trained_with_extra ? "; unless related by" : "; not using (chosen by cv)";
  for (const ExtraRelations& e : o.extra_relations)
    out += " " + e.format + ":" + BaseName(e.path);
  return out;
}
}  // namespace

Status TrainRelations(const RelationTrainOptions& o, std::ostream* progress) {
  if (o.train_files.empty()) return Error::Usage("no training files for the relation model");
  Result<TrainingSet> set = BuildTrainingSet(o, progress);
  if (!set.ok()) return set.error();
  const TrainingSet& t = set.value();
  Result<std::vector<Document>> dev = LoadAll(o.dev_files, o.prepare);
  if (!dev.ok()) return dev.error();
  std::shared_ptr<RelationModel> model =
      TrainOn(t, std::vector<bool>(t.docs.size(), true), o, progress);
  const int iterations = o.iterations > 0 ? o.iterations : 10;

  if (!dev.value().empty()) {
    RelationTagger tagger = MakeTagger(t, model);
    Awareness aw;
    for (const Document& gold : dev.value()) {
      Document sys = gold;
      sys.tlinks.clear();
      tagger.Annotate(&sys);
      aw.Add(gold, sys.tlinks);
    }
    if (progress) *progress << "  dev Task C temporal awareness: " << aw.ToString() << "\n";
  }

  ModelWriter body;
  body.Strings(model->labels);
  body.F32s(model->none_bias);
  body.F32s(model->gate);
  model->linear.Write(&body);
  std::string settings = fmt::format(
      "trained_on={} documents ({}...)\niterations={}\nseed={}\nensemble={}\ncv_folds={}\nsyntax={}\n"
      "labels_from=gold closure of TBAQ TLINKs; NONE for unrelated candidate pairs{}\n",
      t.docs.size(), BaseName(o.train_files[0]), iterations, o.seed, std::max(1, o.ensemble), o.cv_folds,
      t.use_syntax ? 1 : 0, ExtraSetting(o, *model));
  return WriteModelFile(o.output_path, kModelKind,
                        kFlagSieveSettings | (t.use_syntax ? kFlagSyntax : 0), settings, body);
}

Result<std::vector<RelationTagger>> TrainRelationFolds(const RelationTrainOptions& o, int folds,
                                                       std::ostream* progress) {
  if (o.train_files.empty()) return Error::Usage("no training files for the relation model");
  if (folds < 2 || static_cast<size_t>(folds) > o.train_files.size())
    return Error::Usage(fmt::format("{} folds for {} documents", folds, o.train_files.size()));
  Result<TrainingSet> set = BuildTrainingSet(o, progress);
  if (!set.ok()) return set.error();
  const TrainingSet& t = set.value();
  std::vector<RelationTagger> out;
  for (int f = 0; f < folds; ++f) {
    std::vector<bool> use(t.docs.size());
    for (size_t d = 0; d < t.docs.size(); ++d) use[d] = static_cast<int>(d % folds) != f;
    if (progress) *progress << fmt::format("fold {} of {}\n", f + 1, folds);
    out.push_back(MakeTagger(t, TrainOn(t, use, o, progress)));
  }
  return out;
}

Status MeasureSieves(const std::vector<std::string>& files, const std::string& data_dir,
                     std::ostream* out, std::vector<SieveMeasure>* measures,
                     const std::function<void(Document*)>& prepare) {
  Result<RelationLexicon> lex = LoadRelationLexicon(data_dir);
  if (!lex.ok()) return lex.error();
  Result<std::vector<Document>> docs = LoadAll(files, prepare);
  if (!docs.ok()) return docs.error();
  struct Count {
    int64_t decided = 0, correct = 0, wrong = 0, unrelated = 0;
  };
  std::array<Count, kSieveCount> counts{};
  int64_t pairs = 0;
  for (const Document& doc : docs.value()) {
    TemporalGraph gold = GoldGraph(doc);
    RelContext ctx = BuildContext(doc, static_cast<bool>(prepare));
    for (const Candidate& c : Candidates(ctx)) {
      ++pairs;
      for (int s = 0; s < kSieveCount; ++s) {
        auto r = ApplySieve(static_cast<SieveId>(s), lex.value(), ctx, c);
        if (!r) continue;
        Count& n = counts[s];
        ++n.decided;
        const std::string& a = ctx.entities[c.a].id;
        const std::string& b = ctx.entities[c.b].id;
        if (gold.Entails(a, *r, b)) {
          ++n.correct;
        } else if (gold.QueryTimeML(a, b)) {
          ++n.wrong;
        } else {
          ++n.unrelated;
        }
      }
    }
  }
  if (measures) {
    measures->clear();
    for (int s = 0; s < kSieveCount; ++s)
      measures->push_back({SieveName(static_cast<SieveId>(s)), counts[s].decided, counts[s].correct,
                           counts[s].wrong, counts[s].unrelated});
  }
  if (out) {
    *out << fmt::format("{} documents, {} candidate pairs\n", docs.value().size(), pairs);
    *out << "| sieve | decided | gold relates | correct | precision (of related) | "
            "unrelated in gold |\n|---|---:|---:|---:|---:|---:|\n";
    for (int s = 0; s < kSieveCount; ++s) {
      const Count& n = counts[s];
      int64_t related = n.correct + n.wrong;
      *out << fmt::format("| {} | {} | {} | {} | {:.1f} | {} |\n",
                          SieveName(static_cast<SieveId>(s)), n.decided, related, n.correct,
                          related ? 100.0 * n.correct / related : 0.0, n.unrelated);
    }
  }
  return Status::Ok();
}

}  // namespace chronicle
