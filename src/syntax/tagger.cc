#include "syntax/tagger.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <random>
#include <unordered_map>

#include <fmt/core.h>

#include "learn/flat_map.h"
#include "learn/hash.h"
#include "learn/model_file.h"
#include "learn/perceptron.h"
#include "syntax/clusters.h"
#include "syntax/corpus.h"
#include "syntax/evaluate.h"
#include "syntax/train.h"
#include "syntax/word_info.h"
#include "util/file.h"

namespace chronicle {

// Tagger model body (after the container header of learn/model_file.h):
//   strings  tags: "XPOS\tUPOS" per class, sorted
//   linear   the perceptron (learn/perceptron.h)
//   if flags & kTaggerHasFeats:
//     strings  feats values
//     u32s     per class: index of its most frequent FEATS
//     u32s     (word, class) keys, sorted   \ exceptions to the per-class
//     u32s     their FEATS indexes          / default
//   u32s     ambiguity keys (lowercased word), sorted
//   u32s     their ambiguity class hashes
inline constexpr uint32_t kTaggerHasFeats = 1;
//   if flags & kTaggerHasClusters:
//     u32s   cluster keys (FeatureKey of the lowercased word), sorted
//     u32s   their clusters, packed (see PackClusters)
inline constexpr uint32_t kTaggerHasClusters = 2;
//   if flags & kTaggerHasSecondPass:
//     f32    the margin below which a token is rescored
//     linear the second-pass perceptron
inline constexpr uint32_t kTaggerHasSecondPass = 4;
inline constexpr int kMinAmbiguityCount = 2;
//   u32s     sure-tag keys (exact form), sorted
//   u32s     their classes
inline constexpr int kSureMinCount = 20;
inline constexpr double kSureMinShare = 0.995;
inline constexpr int kPad = 2;           // padding words on each side
inline constexpr int kMaxFeatures = 64;  // per token

struct TaggerModel {
  std::vector<std::string> tags;
  std::vector<std::string> xpos, upos;  // split from tags
  LinearModel linear;
  std::vector<std::string> feats_values;
  std::vector<uint32_t> class_feats;
  std::unordered_map<uint32_t, uint32_t> word_feats;
  // Ambiguity classes: lowercased word -> hash of the set of tags it had in
  // training (words seen at least kMinAmbiguityCount times).
  std::unordered_map<uint32_t, uint32_t> ambiguity;
  // Frequent words with one tag (exact form -> class): tagged without
  // scoring, which skips the perceptron for about half of running text.
  std::unordered_map<uint32_t, uint32_t> sure;
  // Word clusters (syntax/clusters.h): lowercased word -> packed ids; empty
  // when the model was trained without them (no cluster features then).
  std::unordered_map<uint32_t, uint32_t> clusters;
  // Second pass (empty when the model has none): tokens whose first-pass
  // margin (best score minus second best) is below second_margin are
  // rescored with the first pass's scores plus this model's, whose features
  // see the first pass's tags on both sides.
  LinearModel second;
  float second_margin = 0.0f;
  std::string settings;
  // The four tables above as flat maps, for tagging (built by SplitTags).
  FlatU32Map word_feats_flat, ambiguity_flat, sure_flat, clusters_flat;
};

namespace {

const char kFeatureTemplates[] =
    "bias; form; lower; suffix1-4; prefix1-3; shape; lower-1; lower-2; lower+1; lower+2; "
    "suffix3-1; suffix3+1; shape+1; shape-1; tag-1; tag-2; tag-1+tag-2; tag-1+lower; "
    "lower-1+lower; lower+lower+1; flags; flags+first; lower+1+lower+2; tag-1+lower+1; "
    "suffix2+1; tag-1+suffix3; amb; amb+1; amb+2; amb-1; amb+amb+1; tag-1+amb; amb+1+lower; "
    "tag-1+amb+amb+1 (amb = the set of tags a word had in training, if seen twice); "
    "with word clusters (c0/c1/c2 = 64/256/1024 clusters): c2; c1; c0; c1-1; c1+1; c2+1; c1+2; "
    "tag-1+c1; c1+c1+1; "
    "sure tags: forms seen 20+ times with one tag 99.5%+ of the time skip the perceptron";

WordInfo PadInfo() {
  WordInfo p;
  uint64_t h = HashBytes("\x01<pad>");
  p.form = p.lower = p.shape = h;
  for (auto& x : p.prefix) x = h;
  for (auto& x : p.suffix) x = h;
  p.flags = 1u << 20;
  return p;
}

inline uint32_t K(uint64_t tmpl, uint64_t v) { return FeatureKey(HashCombine(tmpl, v)); }
inline uint32_t K(uint64_t tmpl, uint64_t a, uint64_t b) {
  return FeatureKey(HashCombine(HashCombine(tmpl, a), b));
}

// Features of word i (index into w, which has kPad pads on each side);
// prev1/prev2 are the previous predicted classes (num_classes = none).
// Cluster levels of a packed value (PackClusters): 0 = 64, 1 = 256, 2 = 1024.
inline uint64_t C0(uint32_t p) { return p >> 20; }
inline uint64_t C1(uint32_t p) { return (p >> 10) & 0x3ff; }
inline uint64_t C2(uint32_t p) { return p & 0x3ff; }

// cl is null for a model without clusters.
int Extract(const WordInfo* w, const uint32_t* amb, const uint32_t* cl, int i, uint64_t prev1,
            uint64_t prev2, uint32_t* out) {
  const WordInfo& c = w[i];
  int n = 0;
  if (cl != nullptr) {
    out[n++] = K(60, C2(cl[i]));
    out[n++] = K(61, C1(cl[i]));
    out[n++] = K(62, C0(cl[i]));
    out[n++] = K(63, C1(cl[i - 1]));
    out[n++] = K(64, C1(cl[i + 1]));
    out[n++] = K(65, C2(cl[i + 1]));
    out[n++] = K(66, C1(cl[i + 2]));
    out[n++] = K(67, prev1, C1(cl[i]));
    out[n++] = K(68, C1(cl[i]), C1(cl[i + 1]));
  }
  out[n++] = K(40, amb[i]);
  out[n++] = K(41, amb[i + 1]);
  out[n++] = K(42, amb[i + 2]);
  out[n++] = K(43, amb[i - 1]);
  out[n++] = K(44, amb[i], amb[i + 1]);
  out[n++] = K(45, prev1, amb[i]);
  out[n++] = K(46, amb[i + 1], c.lower);
  out[n++] = K(47, HashCombine(prev1, amb[i]), amb[i + 1]);
  out[n++] = K(1, 0);
  out[n++] = K(2, c.form);
  out[n++] = K(3, c.lower);
  for (int k = 0; k < 4; ++k) out[n++] = K(4 + k, c.suffix[k]);
  for (int k = 0; k < 3; ++k) out[n++] = K(8 + k, c.prefix[k]);
  out[n++] = K(11, c.shape);
  out[n++] = K(12, w[i - 1].lower);
  out[n++] = K(13, w[i - 2].lower);
  out[n++] = K(14, w[i + 1].lower);
  out[n++] = K(15, w[i + 2].lower);
  out[n++] = K(16, w[i - 1].suffix[2]);
  out[n++] = K(17, w[i + 1].suffix[2]);
  out[n++] = K(18, w[i + 1].shape);
  out[n++] = K(19, w[i - 1].shape);
  out[n++] = K(20, prev1);
  out[n++] = K(21, prev2);
  out[n++] = K(22, prev1, prev2);
  out[n++] = K(23, prev1, c.lower);
  out[n++] = K(24, w[i - 1].lower, c.lower);
  out[n++] = K(25, c.lower, w[i + 1].lower);
  out[n++] = K(26, c.flags);
  out[n++] = K(27, c.flags, w[i - 1].flags >> 20);
  out[n++] = K(28, w[i + 1].lower, w[i + 2].lower);
  out[n++] = K(29, prev1, w[i + 1].lower);
  out[n++] = K(30, w[i + 1].suffix[1]);
  out[n++] = K(31, prev1, c.suffix[2]);
  return n;
}

// Second-pass features of word i (index into w, with pads), given the first
// pass's classes t of the n words of the range (none = num_classes).
constexpr int kSecondFeatures = 16;
int ExtractSecond(const WordInfo* w, const uint32_t* amb, const int* t, int n, int i, uint64_t none,
                  uint32_t* out) {
  const int j = i - kPad;
  auto tag = [&](int d) -> uint64_t {
    int x = j + d;
    return x < 0 || x >= n ? none : static_cast<uint64_t>(t[x]);
  };
  const uint64_t tm2 = tag(-2), tm1 = tag(-1), t0 = tag(0), tp1 = tag(1), tp2 = tag(2);
  const WordInfo& c = w[i];
  int k = 0;
  out[k++] = K(80, 0);
  out[k++] = K(81, t0);
  out[k++] = K(82, tp1);
  out[k++] = K(83, tp2);
  out[k++] = K(84, tp1, tp2);
  out[k++] = K(85, tm1, tp1);
  out[k++] = K(86, t0, tp1);
  out[k++] = K(87, c.lower, tp1);
  out[k++] = K(88, c.lower, HashCombine(tm1, tp1));
  out[k++] = K(89, amb[i], tp1);
  out[k++] = K(90, amb[i], HashCombine(tm1, tp1));
  out[k++] = K(91, c.suffix[2], tp1);
  out[k++] = K(92, tm1, HashCombine(t0, tp1));
  out[k++] = K(93, c.lower, t0);
  out[k++] = K(94, HashCombine(tm2, tm1), tp1);
  out[k++] = K(95, w[i + 1].lower, HashCombine(t0, tp1));
  return k;
}

inline uint32_t WordFeatsKey(uint64_t lower, int cls) {
  return FeatureKey(HashCombine(HashCombine(1001, lower), static_cast<uint64_t>(cls)));
}

// Scratch for one call: reused across the sentences of a document.
struct Scratch {
  std::vector<WordInfo> words;
  std::vector<uint32_t> amb;
  std::vector<uint32_t> cl;
  std::vector<int> classes;
  std::vector<float> scores;
  std::vector<int> low, second_classes;
  std::vector<float> kept;
};

void FillWords(const Document& doc, uint32_t first, uint32_t end, std::vector<WordInfo>* words) {
  static const WordInfo kPadInfo = PadInfo();
  words->assign(end - first + 2 * kPad, kPadInfo);
  for (uint32_t t = first; t < end; ++t) {
    ComputeWordInfo(doc.Text(doc.tokens[t].span), &(*words)[t - first + kPad]);
  }
}

constexpr uint32_t kUnknownAmbiguity = 0x5eed;
constexpr uint32_t kPadAmbiguity = 0x9ad;

// The value of `key` in a training table or a flat runtime one, or `missing`.
inline uint32_t Lookup(const std::unordered_map<uint32_t, uint32_t>& table, uint32_t key, uint32_t missing) {
  auto it = table.find(key);
  return it == table.end() ? missing : it->second;
}
inline uint32_t Lookup(const FlatU32Map& table, uint32_t key, uint32_t missing) {
  return table.Get(key, missing);
}
inline const uint32_t* FindIn(const std::unordered_map<uint32_t, uint32_t>& table, uint32_t key) {
  auto it = table.find(key);
  return it == table.end() ? nullptr : &it->second;
}
inline const uint32_t* FindIn(const FlatU32Map& table, uint32_t key) { return table.Find(key); }

template <typename Table>
void FillAmbiguity(const Table& table, const std::vector<WordInfo>& words, std::vector<uint32_t>* amb) {
  amb->assign(words.size(), kPadAmbiguity);
  for (size_t i = kPad; i + kPad < words.size(); ++i) {
    (*amb)[i] = Lookup(table, FeatureKey(words[i].lower), kUnknownAmbiguity);
  }
}

// Packed cluster ids: level 0 in bits 20+, level 1 in 10-19, level 2 in 0-9.
// Words without a cluster get ids one above the largest (kNoCluster), pads
// one more.
constexpr uint32_t kNoCluster = (1023u << 20) | (1023u << 10) | 1023u;
constexpr uint32_t kPadCluster = (1022u << 20) | (1022u << 10) | 1022u;

uint32_t PackClusters(const std::array<uint16_t, kClusterLevels>& ids) {
  return (static_cast<uint32_t>(std::min<uint16_t>(ids[0], 1021)) << 20) |
         (static_cast<uint32_t>(std::min<uint16_t>(ids[1], 1021)) << 10) |
         std::min<uint16_t>(ids[2], 1021);
}

template <typename Table>
void FillClusters(const Table& table, const std::vector<WordInfo>& words, std::vector<uint32_t>* cl) {
  cl->assign(words.size(), kPadCluster);
  for (size_t i = kPad; i + kPad < words.size(); ++i) {
    (*cl)[i] = Lookup(table, FeatureKey(words[i].lower), kNoCluster);
  }
}

// Greedy decoding of one range with a scoring function. When `low` is not
// null, the tokens whose margin (best minus second-best score) is below
// `gate` are listed in *low and their scores kept in *kept (num_classes
// floats each, in the order of *low).
template <typename Table, typename ScoreFn>
void Decode(const std::vector<WordInfo>& words, const std::vector<uint32_t>& amb,
            const uint32_t* cl, const Table& sure, int n, int num_classes,
            ScoreFn score, std::vector<int>* classes, std::vector<float>* scores, float gate = 0.0f,
            std::vector<int>* low = nullptr, std::vector<float>* kept = nullptr) {
  classes->assign(n, 0);
  scores->resize(num_classes);
  if (low) {
    low->clear();
    kept->clear();
  }
  uint32_t keys[kMaxFeatures];
  for (int i = 0; i < n; ++i) {
    if (const uint32_t* sure_class = FindIn(sure, FeatureKey(words[i + kPad].form))) {
      (*classes)[i] = static_cast<int>(*sure_class);
      continue;
    }
    uint64_t p1 = i >= 1 ? (*classes)[i - 1] : num_classes;
    uint64_t p2 = i >= 2 ? (*classes)[i - 2] : num_classes;
    int nk = Extract(words.data(), amb.data(), cl, i + kPad, p1, p2, keys);
    std::fill(scores->begin(), scores->end(), 0.0f);
    score(keys, nk, scores->data());
    const int best = ArgMax(scores->data(), num_classes);
    (*classes)[i] = best;
    if (low) {
      const float top = (*scores)[best];
      float second = -1e30f;
      for (int c = 0; c < num_classes; ++c) {
        if (c != best && (*scores)[c] > second) second = (*scores)[c];
      }
      if (top - second < gate) {
        low->push_back(i);
        kept->insert(kept->end(), scores->begin(), scores->end());
      }
    }
  }
}

// Rescores the tokens listed in `low` (scores in `kept`, see Decode) with
// the second-pass model; context tags are the first pass's.
void Rescore(const LinearModel& second, const std::vector<WordInfo>& words, const std::vector<uint32_t>& amb,
             const std::vector<int>& low, const std::vector<float>& kept, int num_classes,
             std::vector<int>* classes, std::vector<int>* out) {
  *out = *classes;
  std::vector<float> sc(num_classes);
  uint32_t keys[kSecondFeatures];
  const int n = static_cast<int>(classes->size());
  for (size_t k = 0; k < low.size(); ++k) {
    const int i = low[k];
    int nk = ExtractSecond(words.data(), amb.data(), classes->data(), n, i + kPad, num_classes, keys);
    std::copy(kept.begin() + k * num_classes, kept.begin() + (k + 1) * num_classes, sc.begin());
    second.AddScores(keys, nk, sc.data());
    (*out)[i] = ArgMax(sc.data(), num_classes);
  }
}

void ApplyTags(const TaggerModel& m, const std::vector<WordInfo>& words, const std::vector<int>& classes,
               uint32_t first, Document* doc) {
  for (size_t i = 0; i < classes.size(); ++i) {
    Token& t = doc->tokens[first + i];
    int c = classes[i];
    t.xpos = m.xpos[c];
    t.upos = m.upos[c];
    if (!m.class_feats.empty()) {
      const uint32_t f = m.word_feats_flat.Get(WordFeatsKey(words[i + kPad].lower, c), m.class_feats[c]);
      t.feats = m.feats_values[f];
    }
  }
}

void TagWith(const TaggerModel& m, Document* doc) {
  Scratch s;
  const int nc = static_cast<int>(m.tags.size());
  for (auto [first, end] : TokenRanges(*doc)) {
    FillWords(*doc, first, end, &s.words);
    FillAmbiguity(m.ambiguity_flat, s.words, &s.amb);
    const uint32_t* cl = nullptr;
    if (!m.clusters_flat.empty()) {
      FillClusters(m.clusters_flat, s.words, &s.cl);
      cl = s.cl.data();
    }
    const bool two = m.second.num_features() > 0;
    Decode(s.words, s.amb, cl, m.sure_flat, static_cast<int>(end - first), nc,
           [&](const uint32_t* k, int n, float* sc) { m.linear.AddScores(k, n, sc); }, &s.classes,
           &s.scores, m.second_margin, two ? &s.low : nullptr, &s.kept);
    if (two && !s.low.empty()) {
      Rescore(m.second, s.words, s.amb, s.low, s.kept, nc, &s.classes, &s.second_classes);
      ApplyTags(m, s.words, s.second_classes, first, doc);
    } else {
      ApplyTags(m, s.words, s.classes, first, doc);
    }
  }
}

// Fills the fields derived from the model's tables for tagging: the XPOS and
// UPOS of each class and the flat copies of the lookup tables. Called after
// loading and whenever training changes the model before tagging with it.
void SplitTags(TaggerModel* m) {
  m->word_feats_flat = FlatU32Map(m->word_feats);
  m->ambiguity_flat = FlatU32Map(m->ambiguity);
  m->sure_flat = FlatU32Map(m->sure);
  m->clusters_flat = FlatU32Map(m->clusters);
  m->xpos.clear();
  m->upos.clear();
  for (const std::string& t : m->tags) {
    size_t tab = t.find('\t');
    m->xpos.push_back(t.substr(0, tab));
    m->upos.push_back(tab == std::string::npos ? std::string() : t.substr(tab + 1));
  }
}

std::string Serialize(const TaggerModel& m, uint32_t flags) {
  ModelWriter w;
  w.Strings(m.tags);
  m.linear.Write(&w);
  if (flags & kTaggerHasFeats) {
    w.Strings(m.feats_values);
    w.U32s(m.class_feats);
    w.U32Map(m.word_feats);
  }
  std::vector<const std::unordered_map<uint32_t, uint32_t>*> tables = {&m.ambiguity, &m.sure};
  if (flags & kTaggerHasClusters) tables.push_back(&m.clusters);
  for (const auto* table : tables) w.U32Map(*table);
  if (flags & kTaggerHasSecondPass) {
    w.F32(m.second_margin);
    m.second.Write(&w);
  }
  return EncodeModel("tagger", flags, m.settings, w);
}

}  // namespace

Result<Tagger> Tagger::FromBytes(std::string_view bytes, const std::string& file_name) {
  Result<ModelReader> r = OpenModel(bytes, file_name, "tagger");
  if (!r.ok()) return r.error();
  ModelReader& in = r.value();
  auto m = std::make_shared<TaggerModel>();
  m->settings = in.settings;
  m->tags = in.Strings("the tag set");
  m->linear = LinearModel::Read(&in);
  if (in.ok() && m->linear.num_classes() != static_cast<int>(m->tags.size())) {
    in.Fail(fmt::format("expected the perceptron to have {} classes (one per tag), found {}",
                        m->tags.size(), m->linear.num_classes()));
  }
  if (in.ok() && m->tags.empty()) in.Fail("expected at least one tag, found none");
  if (in.flags & kTaggerHasFeats) {
    m->feats_values = in.Strings("the FEATS values");
    m->class_feats = in.U32s("the FEATS of each tag");
    std::vector<uint32_t> keys = in.U32s("the word FEATS keys");
    std::vector<uint32_t> values = in.U32s("the word FEATS values");
    if (in.ok() && m->class_feats.size() != m->tags.size()) {
      in.Fail(fmt::format("expected {} per-tag FEATS, found {}", m->tags.size(), m->class_feats.size()));
    }
    if (in.ok() && keys.size() != values.size()) {
      in.Fail(fmt::format("expected {} word FEATS values, found {}", keys.size(), values.size()));
    }
    for (uint32_t v : m->class_feats) {
      if (in.ok() && v >= m->feats_values.size()) {
        in.Fail(fmt::format("expected FEATS indexes below {}, found {}", m->feats_values.size(), v));
      }
    }
    for (size_t i = 0; in.ok() && i < keys.size(); ++i) {
      if (values[i] >= m->feats_values.size()) {
        in.Fail(fmt::format("expected FEATS indexes below {}, found {}", m->feats_values.size(), values[i]));
      }
      m->word_feats.emplace(keys[i], values[i]);
    }
  }
  {
    std::vector<uint32_t> keys = in.U32s("the ambiguity class keys");
    std::vector<uint32_t> values = in.U32s("the ambiguity classes");
    if (in.ok() && keys.size() != values.size()) {
      in.Fail(fmt::format("expected {} ambiguity classes, found {}", keys.size(), values.size()));
    }
    for (size_t i = 0; in.ok() && i < keys.size(); ++i) m->ambiguity.emplace(keys[i], values[i]);
  }
  {
    std::vector<uint32_t> keys = in.U32s("the sure-tag keys");
    std::vector<uint32_t> values = in.U32s("the sure tags");
    if (in.ok() && keys.size() != values.size()) {
      in.Fail(fmt::format("expected {} sure tags, found {}", keys.size(), values.size()));
    }
    for (size_t i = 0; in.ok() && i < keys.size(); ++i) {
      if (values[i] >= m->tags.size()) {
        in.Fail(fmt::format("expected sure tags below {}, found {}", m->tags.size(), values[i]));
      }
      m->sure.emplace(keys[i], values[i]);
    }
  }
  if (in.flags & kTaggerHasClusters) {
    ReadClusterTable(&in, &m->clusters);
  }
  if (in.flags & kTaggerHasSecondPass) {
    m->second_margin = in.F32("the second pass's margin");
    m->second = LinearModel::Read(&in);
    if (in.ok() && m->second.num_classes() != static_cast<int>(m->tags.size())) {
      in.Fail(fmt::format("expected the second-pass perceptron to have {} classes, found {}", m->tags.size(),
                          m->second.num_classes()));
    }
  }
  in.ExpectEnd();
  if (!in.ok()) return in.error();
  SplitTags(m.get());
  Tagger t;
  t.model_ = std::move(m);
  return t;
}

Result<Tagger> Tagger::Load(const std::string& path) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.error();
  return FromBytes(bytes.value(), path);
}

void Tagger::Tag(Document* doc) const { TagWith(*model_, doc); }

const std::string& Tagger::settings() const { return model_->settings; }

namespace {

// TrainTagger on the sentences of `doc` (read from o.train_path and
// o.more_train_paths, or a fold of them): the model file's bytes in *out.
Status TrainTaggerBytes(const TrainOptions& o, const Document& doc, const std::optional<Document>& dev,
                        std::ostream* progress, std::string* out) {
  auto start = std::chrono::steady_clock::now();
  const int iterations = o.iterations > 0 ? o.iterations : 10;

  TaggerModel m;
  {
    std::map<std::string, int> set;
    for (const Token& t : doc.tokens) set[t.xpos + "\t" + t.upos] = 0;
    for (const auto& [tag, unused] : set) m.tags.push_back(tag);
    if (m.tags.empty()) return Error::Usage(fmt::format("{}: no tagged tokens to train on", o.train_path));
    if (m.tags.size() > 60000) return Error::Usage("too many distinct tags");
  }
  std::map<std::string, int> class_of;
  for (size_t i = 0; i < m.tags.size(); ++i) class_of[m.tags[i]] = static_cast<int>(i);
  const int nc = static_cast<int>(m.tags.size());

  auto ranges = TokenRanges(doc);
  std::vector<std::vector<WordInfo>> words(ranges.size());
  std::vector<std::vector<int>> gold(ranges.size());
  for (size_t s = 0; s < ranges.size(); ++s) {
    auto [first, end] = ranges[s];
    FillWords(doc, first, end, &words[s]);
    for (uint32_t t = first; t < end; ++t) {
      gold[s].push_back(class_of[doc.tokens[t].xpos + "\t" + doc.tokens[t].upos]);
    }
  }

  // FEATS tables: most frequent per class, and per (lowercased word, class)
  // when it differs from the class's. Ties go to the smaller string, so the
  // result does not depend on map order.
  {
    std::map<std::string, uint32_t> value_index;
    std::vector<std::map<std::string, int>> per_class(nc);
    std::map<std::pair<uint32_t, int>, std::map<std::string, int>> per_word;
    for (size_t s = 0; s < ranges.size(); ++s) {
      for (uint32_t t = ranges[s].first; t < ranges[s].second; ++t) {
        int c = gold[s][t - ranges[s].first];
        const std::string& f = doc.tokens[t].feats;
        per_class[c][f]++;
        per_word[{WordFeatsKey(words[s][t - ranges[s].first + kPad].lower, c), c}][f]++;
        value_index.emplace(f, 0);
      }
    }
    value_index.emplace("", 0);
    for (auto& [v, idx] : value_index) {
      idx = static_cast<uint32_t>(m.feats_values.size());
      m.feats_values.push_back(v);
    }
    auto best = [](const std::map<std::string, int>& counts) {
      const std::string* b = nullptr;
      int bc = -1;
      for (const auto& [v, c] : counts) {
        if (c > bc) {
          bc = c;
          b = &v;
        }
      }
      return b;
    };
    for (int c = 0; c < nc; ++c) {
      const std::string* b = best(per_class[c]);
      m.class_feats.push_back(value_index[b ? *b : std::string()]);
    }
    for (const auto& [kc, counts] : per_word) {
      uint32_t v = value_index[*best(counts)];
      if (v != m.class_feats[kc.second]) m.word_feats[kc.first] = v;
    }
  }

  // Ambiguity classes. The runtime table comes from all of train; training
  // sentences see classes computed without their own fold (10 folds), so
  // that, as on new text, a word seen only there looks unknown.
  constexpr int kFolds = 10;
  using TagCounts = std::map<uint32_t, std::map<int, int>>;  // ordered: deterministic
  auto class_of_counts = [](const std::map<int, int>& counts, const std::map<int, int>* minus) {
    int total = 0;
    uint64_t h = HashBytes("amb");
    for (const auto& [c, n] : counts) {
      int k = n;
      if (minus) {
        auto it = minus->find(c);
        if (it != minus->end()) k -= it->second;
      }
      if (k <= 0) continue;
      total += k;
      h = HashCombine(h, static_cast<uint64_t>(c));
    }
    return total >= kMinAmbiguityCount ? FeatureKey(h) : kUnknownAmbiguity;
  };
  TagCounts all;
  std::vector<TagCounts> fold(kFolds);
  for (size_t s = 0; s < ranges.size(); ++s) {
    for (size_t i = 0; i < gold[s].size(); ++i) {
      uint32_t key = FeatureKey(words[s][i + kPad].lower);
      all[key][gold[s][i]]++;
      fold[s % kFolds][key][gold[s][i]]++;
    }
  }
  for (const auto& [key, counts] : all) {
    uint32_t c = class_of_counts(counts, nullptr);
    if (c != kUnknownAmbiguity) m.ambiguity[key] = c;
  }
  std::vector<std::vector<uint32_t>> amb(ranges.size());
  for (size_t s = 0; s < ranges.size(); ++s) {
    const TagCounts& mine = fold[s % kFolds];
    amb[s].assign(words[s].size(), kPadAmbiguity);
    for (size_t i = kPad; i + kPad < words[s].size(); ++i) {
      uint32_t key = FeatureKey(words[s][i].lower);
      amb[s][i] = class_of_counts(all.at(key), &mine.at(key));
    }
  }

  {
    std::map<uint32_t, std::map<int, int>> by_form;
    for (size_t s = 0; s < ranges.size(); ++s) {
      for (size_t i = 0; i < gold[s].size(); ++i) by_form[FeatureKey(words[s][i + kPad].form)][gold[s][i]]++;
    }
    for (const auto& [key, counts] : by_form) {
      int total = 0, top = 0, top_class = 0;
      for (const auto& [c, n] : counts) {
        total += n;
        if (n > top) {
          top = n;
          top_class = c;
        }
      }
      if (total >= kSureMinCount && top >= kSureMinShare * total) m.sure[key] = top_class;
    }
  }

  std::vector<std::vector<uint32_t>> cl(ranges.size());
  if (!o.clusters_path.empty()) {
    Result<WordClusters> wc = WordClusters::Load(o.clusters_path);
    if (!wc.ok()) return wc.error();
    for (const auto& [key, ids] : wc.value().table) m.clusters[key] = PackClusters(ids);
    if (m.clusters.empty()) return Error::Usage(fmt::format("{}: no word clusters", o.clusters_path));
    for (size_t s = 0; s < ranges.size(); ++s) FillClusters(m.clusters, words[s], &cl[s]);
  }

  // One first-pass perceptron trained on the sentences `sents` (in that
  // order, shuffled each iteration by `seed`); `report` prints progress
  // lines with dev figures.
  auto train_first = [&](const std::vector<size_t>& sents, int iters, uint64_t seed,
                         bool report) -> LinearModel {
    PerceptronTrainer trainer(nc);
    std::mt19937_64 rng(seed);
    std::vector<size_t> order = sents;
    std::vector<int> pred;
    std::vector<float> scores(nc);
    uint32_t keys[kMaxFeatures];
    for (int it = 1; it <= iters; ++it) {
      for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
      size_t correct = 0, total = 0;
      for (size_t s : order) {
        const std::vector<WordInfo>& w = words[s];
        int n = static_cast<int>(gold[s].size());
        pred.assign(n, 0);
        for (int i = 0; i < n; ++i) {
          if (auto st = m.sure.find(FeatureKey(w[i + kPad].form)); st != m.sure.end()) {
            pred[i] = static_cast<int>(st->second);
            correct += pred[i] == gold[s][i];
            ++total;
            continue;
          }
          uint64_t p1 = i >= 1 ? pred[i - 1] : nc;
          uint64_t p2 = i >= 2 ? pred[i - 2] : nc;
          int nk = Extract(w.data(), amb[s].data(), m.clusters.empty() ? nullptr : cl[s].data(), i + kPad, p1,
                           p2, keys);
          std::fill(scores.begin(), scores.end(), 0.0f);
          trainer.Score(keys, nk, scores.data());
          int guess = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
          trainer.Update(keys, nk, gold[s][i], guess);
          trainer.NextExample();
          pred[i] = guess;
          correct += guess == gold[s][i];
          ++total;
        }
      }
      if (!report) continue;
      std::string line = fmt::format("tagger iteration {}/{}: train accuracy {:.2f}", it, iters,
                                     SyntaxScores::Pct(correct, total));
      if (dev && (it == iters || progress != nullptr)) {
        m.linear = trainer.Average(0.0f);
        SplitTags(&m);
        Document copy = *dev;
        TagWith(m, &copy);
        Result<SyntaxScores> sc = EvaluateSyntax(*dev, copy);
        if (sc.ok()) {
          line += fmt::format(", dev UPOS {:.2f} XPOS {:.2f} UFeats {:.2f}", sc.value().Upos(),
                              sc.value().Xpos(), sc.value().Feats());
        }
      }
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (progress) *progress << line << fmt::format(" ({:.1f} s)", secs) << std::endl;
    }
    return trainer.Average(0.001f);
  };
  auto dev_line = [&](const std::string& what) {
    if (!dev || !progress) return;
    Document copy = *dev;
    TagWith(m, &copy);
    Result<SyntaxScores> sc = EvaluateSyntax(*dev, copy);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (sc.ok()) {
      *progress << fmt::format("{}: dev UPOS {:.2f} XPOS {:.2f} UFeats {:.2f} ({:.1f} s)", what,
                               sc.value().Upos(), sc.value().Xpos(), sc.value().Feats(), secs)
                << std::endl;
    }
  };

  std::vector<size_t> all_sentences(ranges.size());
  for (size_t i = 0; i < all_sentences.size(); ++i) all_sentences[i] = i;
  m.linear = train_first(all_sentences, iterations, o.seed, true);
  SplitTags(&m);
  if (o.tagger_bags > 1) {
    // The mean of perceptrons trained on different shuffles of the data.
    std::vector<LinearModel> bags = {m.linear};
    for (int b = 1; b < o.tagger_bags; ++b) {
      bags.push_back(train_first(all_sentences, iterations, o.seed + 7919 * b, false));
      m.linear = LinearModel::Mean(bags);
      dev_line(fmt::format("tagger: mean of {} perceptrons, {} features", bags.size(), m.linear.num_features()));
    }
  }

  if (o.tagger_second_pass) {
    // The second pass learns from first-pass tags and scores as wrong as
    // they are on new text: each fold's sentences are tagged by a first
    // pass trained on the other folds.
    const int folds = o.tagger_second_pass_folds;
    const int fold_iters = o.tagger_second_pass_fold_iterations > 0 ? o.tagger_second_pass_fold_iterations
                                                                    : iterations;
    const float train_gate = o.tagger_second_pass_train_margin;
    std::vector<std::vector<int>> first(ranges.size()), low(ranges.size());
    std::vector<std::vector<float>> kept(ranges.size());
    std::vector<float> scores(nc);
    for (int f = 0; f < folds; ++f) {
      std::vector<size_t> in_fold, rest;
      for (size_t s = 0; s < ranges.size(); ++s) (static_cast<int>(s % folds) == f ? in_fold : rest).push_back(s);
      LinearModel lm = train_first(rest, fold_iters, o.seed + 1 + f, false);
      for (size_t s : in_fold) {
        Decode(words[s], amb[s], m.clusters.empty() ? nullptr : cl[s].data(), m.sure,
               static_cast<int>(gold[s].size()), nc,
               [&](const uint32_t* k, int n, float* sc) { lm.AddScores(k, n, sc); }, &first[s], &scores,
               train_gate, &low[s], &kept[s]);
      }
      if (progress) {
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        *progress << fmt::format("tagger second pass: fold {}/{} tagged ({:.1f} s)", f + 1, folds, secs)
                  << std::endl;
      }
    }
    std::vector<std::pair<size_t, size_t>> examples;  // (sentence, index into low)
    size_t first_correct = 0, tokens = 0;
    for (size_t s = 0; s < ranges.size(); ++s) {
      for (size_t i = 0; i < gold[s].size(); ++i) first_correct += first[s][i] == gold[s][i];
      tokens += gold[s].size();
      for (size_t k = 0; k < low[s].size(); ++k) examples.emplace_back(s, k);
    }
    PerceptronTrainer second(nc);
    std::mt19937_64 rng(o.seed + 1000);
    uint32_t keys[kSecondFeatures];
    const int second_iters = o.tagger_second_pass_iterations;
    for (int it = 1; it <= second_iters; ++it) {
      for (size_t i = examples.size(); i > 1; --i) std::swap(examples[i - 1], examples[rng() % i]);
      size_t correct = 0;
      for (auto [s, k] : examples) {
        const int i = low[s][k];
        int nk = ExtractSecond(words[s].data(), amb[s].data(), first[s].data(), static_cast<int>(gold[s].size()),
                               i + kPad, nc, keys);
        std::copy(kept[s].begin() + k * nc, kept[s].begin() + (k + 1) * nc, scores.begin());
        second.Score(keys, nk, scores.data());
        int guess = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
        second.Update(keys, nk, gold[s][i], guess);
        second.NextExample();
        correct += guess == gold[s][i];
      }
      if (progress) {
        *progress << fmt::format(
                         "tagger second pass iteration {}/{}: {} of {} tokens below margin {}, jackknifed "
                         "first pass {:.2f}, rescored tokens right {:.2f}",
                         it, second_iters, examples.size(), tokens, train_gate,
                         SyntaxScores::Pct(first_correct, tokens), SyntaxScores::Pct(correct, examples.size()))
                  << std::endl;
      }
    }
    m.second = second.Average(0.001f);
    m.second_margin = o.tagger_second_pass_margin;
    dev_line("tagger with second pass");
  }
  m.settings = SettingLine("model", "tagger") +
               SettingLine("training_data", TrainingDataNote(o.train_path, o.more_train_paths)) +
               SettingLine("iterations", std::to_string(iterations)) +
               SettingLine("seed", std::to_string(o.seed)) +
               SettingLine("prune_below", "0.001") +
               SettingLine("feature_templates", kFeatureTemplates);
  if (o.tagger_bags > 1) {
    m.settings += SettingLine("bags", fmt::format("mean of {} perceptrons trained with seeds {} + 7919 k", o.tagger_bags,
                                                  o.seed));
  }
  if (!m.clusters.empty()) m.settings += SettingLine("word_clusters", BaseName(o.clusters_path));
  if (m.second.num_features() > 0) {
    m.settings += SettingLine("second_pass",
                              fmt::format("{} folds of {} iterations, {} iterations on tokens with margin < {}, "
                                          "rescored at margin < {}; templates: bias; t0; t+1; t+2; t+1+t+2; "
                                          "t-1+t+1; t0+t+1; lower+t+1; lower+t-1+t+1; amb+t+1; amb+t-1+t+1; "
                                          "suffix3+t+1; t-1+t0+t+1; lower+t0; t-2+t-1+t+1; lower+1+t0+t+1",
                                          o.tagger_second_pass_folds, o.tagger_second_pass_fold_iterations,
                                          o.tagger_second_pass_iterations, o.tagger_second_pass_train_margin,
                                          m.second_margin));
  }
  std::string bytes = Serialize(m, kTaggerHasFeats | (m.clusters.empty() ? 0u : kTaggerHasClusters) |
                                       (m.second.num_features() > 0 ? kTaggerHasSecondPass : 0u));
  if (progress) {
    *progress << fmt::format("tagger: {} tags, {} features, {} weights, {:.1f} MB -> {}", nc,
                             m.linear.num_features(), m.linear.num_weights(),
                             bytes.size() / 1e6, o.output_path)
              << std::endl;
  }
  *out = std::move(bytes);
  return Status::Ok();
}


}  // namespace

Status TrainTagger(const TrainOptions& o, std::ostream* progress) {
  Result<Document> train = ReadConlluFiles(o.train_path, o.more_train_paths);
  if (!train.ok()) return train.error();
  std::optional<Document> dev;
  if (!o.dev_path.empty()) {
    Result<Document> d = ReadConlluFile(o.dev_path);
    if (!d.ok()) return d.error();
    dev = std::move(d.value());
  }
  std::string bytes;
  if (Status s = TrainTaggerBytes(o, train.value(), dev, progress, &bytes); !s.ok()) return s;
  return WriteFileAtomic(o.output_path, bytes);
}

Status JackknifeTags(const TrainOptions& o, Document* train, std::ostream* progress) {
  const auto ranges = TokenRanges(*train);
  const int k = o.jackknife_folds;
  if (k < 2) return Error::Usage(fmt::format("jackknifing needs at least 2 folds, got {}", k));
  const Document gold = *train;  // the folds train on the treebank's tags, never on predicted ones
  for (int f = 0; f < k; ++f) {
    std::vector<size_t> in, out;
    for (size_t r = 0; r < ranges.size(); ++r) (static_cast<int>(r % k) == f ? out : in).push_back(r);
    if (in.empty() || out.empty()) continue;
    TrainOptions to = o;
    to.more_train_paths.clear();
    to.dev_path.clear();
    to.iterations = o.jackknife_iterations;
    to.seed = o.seed + 1 + static_cast<uint64_t>(f);
    std::string bytes;
    if (Status s = TrainTaggerBytes(to, SubDocument(gold, ranges, in), std::nullopt, nullptr, &bytes); !s.ok()) {
      return s;
    }
    Result<Tagger> tagger = Tagger::FromBytes(bytes, fmt::format("jackknife fold {} tagger", f));
    if (!tagger.ok()) return tagger.error();
    Document held = SubDocument(gold, ranges, out);
    tagger.value().Tag(&held);
    // Copy the predicted tags back (held's tokens are out's sentences in order).
    size_t j = 0;
    for (size_t r : out) {
      for (uint32_t i = ranges[r].first; i < ranges[r].second; ++i, ++j) {
        Token& t = train->tokens[i];
        t.upos = held.tokens[j].upos;
        t.xpos = held.tokens[j].xpos;
        t.feats = held.tokens[j].feats;
      }
    }
    if (progress) *progress << fmt::format("jackknife: fold {}/{} tagged", f + 1, k) << std::endl;
  }
  return Status::Ok();
}

}  // namespace chronicle
