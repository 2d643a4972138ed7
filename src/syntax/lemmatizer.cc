#include "syntax/lemmatizer.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <fmt/core.h>

#include "learn/hash.h"
#include "learn/model_file.h"
#include "syntax/corpus.h"
#include "syntax/evaluate.h"
#include "syntax/tagger.h"
#include "syntax/train.h"
#include "util/file.h"
#include "util/strings.h"

namespace chronicle {

// Lemmatizer model body:
//   u64s-as-pairs  exact table: HashKey(form, xpos) -> lemma index
//   ...            lowercase table: HashKey(lower(form), xpos) -> lemma index
//   strings        lemma strings
//   suffix rules:  HashKey(suffix, xpos) -> (strip count, append string)
// Each table is stored as parallel arrays (u32 count, then u64 keys as two
// u32 halves, u32 values), keys sorted.
inline constexpr int kMaxSuffix = 6;

struct SuffixRule {
  uint32_t strip = 0;
  std::string append;
};

struct WordNetPos {
  std::unordered_set<std::string> lemmas;
  std::unordered_map<std::string, std::string> exceptions;
};

struct LemmatizerModel {
  std::unordered_map<uint64_t, uint32_t> exact, lower;
  std::vector<std::string> lemmas;
  std::unordered_map<uint64_t, uint32_t> suffix;  // -> index into rules
  std::vector<SuffixRule> rules;
  WordNetPos wordnet[4];  // noun, verb, adj, adv
  bool has_wordnet = false;
  std::string settings;
};

namespace {

uint64_t HashKey(std::string_view a, std::string_view xpos) {
  return HashBytes(xpos, HashByte(HashBytes(a), '\t'));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

bool IsProper(std::string_view xpos) { return xpos == "NNP" || xpos == "NNPS"; }

// WordNet part of speech of a Penn tag: 0 noun, 1 verb, 2 adj, 3 adv, -1.
int WordNetPosOf(std::string_view xpos) {
  if (xpos == "NN" || xpos == "NNS") return 0;
  if (xpos.substr(0, 2) == "VB") return 1;
  if (xpos.substr(0, 2) == "JJ") return 2;
  if (xpos.substr(0, 2) == "RB") return 3;
  return -1;
}

bool IsInflected(std::string_view xpos) {
  return xpos == "NNS" || xpos == "VBD" || xpos == "VBG" || xpos == "VBN" || xpos == "VBZ" ||
         xpos == "JJR" || xpos == "JJS" || xpos == "RBR" || xpos == "RBS";
}

struct Detach {
  const char* tag;  // the Penn tags it applies to (prefix match on this list)
  const char* from;
  const char* to;
};
// WordNet's morphy detachment rules, restricted to the tags they explain.
constexpr Detach kDetach[] = {
    {"NNS", "s", ""},      {"NNS", "ses", "s"}, {"NNS", "xes", "x"},   {"NNS", "zes", "z"},
    {"NNS", "ches", "ch"}, {"NNS", "shes", "sh"}, {"NNS", "men", "man"}, {"NNS", "ies", "y"},
    {"VBZ", "s", ""},      {"VBZ", "ies", "y"}, {"VBZ", "es", "e"},    {"VBZ", "es", ""},
    {"VBD", "ed", "e"},    {"VBD", "ed", ""},   {"VBN", "ed", "e"},    {"VBN", "ed", ""},
    {"VBG", "ing", "e"},   {"VBG", "ing", ""},  {"JJR", "er", ""},     {"JJR", "er", "e"},
    {"JJS", "est", ""},    {"JJS", "est", "e"}, {"RBR", "er", ""},     {"RBS", "est", ""},
    // Not in morphy, same check against the index: "quirkier" -> "quirky".
    {"JJR", "ier", "y"},   {"JJS", "iest", "y"},
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Status LoadWordNet(const std::string& dir, LemmatizerModel* m) {
  static const char* kPos[4] = {"noun", "verb", "adj", "adv"};
  for (int p = 0; p < 4; ++p) {
    std::string index_path = dir + "/index." + kPos[p];
    Result<std::string> index = ReadFile(index_path);
    if (!index.ok()) return index.error();
    std::string_view text = index.value();
    WordNetPos& wp = m->wordnet[p];
    wp.lemmas.reserve(text.size() / 40);
    size_t pos = 0;
    std::string_view line;
    while (NextLine(text, &pos, &line)) {
      if (line.empty() || line[0] == ' ') continue;  // license header lines
      std::string_view lemma = line.substr(0, line.find(' '));
      if (lemma.find('_') != std::string_view::npos) continue;  // multiword entries
      wp.lemmas.emplace(lemma);
    }
    std::string exc_path = dir + "/" + kPos[p] + ".exc";
    Result<std::string> exc = ReadFile(exc_path);
    if (!exc.ok()) return exc.error();
    text = exc.value();
    pos = 0;
    while (NextLine(text, &pos, &line)) {
      size_t sp = line.find(' ');
      if (sp == std::string_view::npos) continue;
      std::string_view base = line.substr(sp + 1);
      base = base.substr(0, base.find(' '));
      if (base.empty()) continue;
      wp.exceptions.emplace(std::string(line.substr(0, sp)), std::string(base));
    }
  }
  m->has_wordnet = true;
  return Status::Ok();
}

// "1,100" and "6,606,000": digits grouped by thousands, which EWT lemmatizes
// without the commas.
bool IsGroupedNumber(std::string_view s) {
  size_t comma = s.find(',');
  if (comma == std::string_view::npos || comma == 0 || comma > 3) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool digit = s[i] >= '0' && s[i] <= '9';
    if (i < comma) {
      if (!digit) return false;
    } else if ((i - comma) % 4 == 0) {
      if (s[i] != ',') return false;
    } else if (!digit) {
      return false;
    }
  }
  return (s.size() - comma) % 4 == 0;
}

// The lowercased form with every run of three or more equal letters cut
// to `keep` letters ("sooooo" -> "soo" or "so"); empty when there is none.
std::string CutElongation(std::string_view lower, size_t keep) {
  bool any = false;
  for (size_t i = 2; i < lower.size() && !any; ++i) {
    any = lower[i] == lower[i - 1] && lower[i] == lower[i - 2] && lower[i] >= 'a' && lower[i] <= 'z';
  }
  if (!any) return std::string();
  std::string out;
  bool cut = false;
  for (size_t i = 0; i < lower.size();) {
    size_t j = i;
    while (j < lower.size() && lower[j] == lower[i]) ++j;
    const bool letter = lower[i] >= 'a' && lower[i] <= 'z';
    if (letter && j - i >= 3) {
      out.append(keep, lower[i]);
      cut = true;
    } else {
      out.append(lower, i, j - i);
    }
    i = j;
  }
  return cut ? out : std::string();
}

std::string LemmaWith(const LemmatizerModel& m, std::string_view form, std::string_view xpos) {
  if (auto it = m.exact.find(HashKey(form, xpos)); it != m.exact.end()) return m.lemmas[it->second];
  // Web addresses, e-mail addresses and file names keep their case.
  if (xpos == "ADD") return std::string(form);
  std::string lower = Lower(form);
  if (auto it = m.lower.find(HashKey(lower, xpos)); it != m.lower.end()) return m.lemmas[it->second];
  if (xpos == "CD" && IsGroupedNumber(form)) {
    std::string out;
    for (char c : form) {
      if (c != ',') out += c;
    }
    return out;
  }
  // Elongated spellings ("sooooo", "VERYYY"): the word with the run cut to
  // two or one letters, when the treebank or WordNet knows it.
  for (size_t keep : {2, 1}) {
    std::string cut = CutElongation(lower, keep);
    if (cut.empty()) break;
    if (auto it = m.lower.find(HashKey(cut, xpos)); it != m.lower.end()) return m.lemmas[it->second];
    const int wn = WordNetPosOf(xpos);
    if (m.has_wordnet && wn >= 0 && !IsInflected(xpos) && m.wordnet[wn].lemmas.count(cut)) return cut;
  }
  const bool proper = IsProper(xpos);
  if (m.has_wordnet && IsInflected(xpos)) {
    const WordNetPos& wp = m.wordnet[WordNetPosOf(xpos)];
    if (auto it = wp.exceptions.find(lower); it != wp.exceptions.end()) return it->second;
    for (const Detach& d : kDetach) {
      if (xpos != d.tag || !EndsWith(lower, d.from)) continue;
      std::string cand = lower.substr(0, lower.size() - std::string_view(d.from).size()) + d.to;
      if (!cand.empty() && wp.lemmas.count(cand)) return cand;
    }
    // No base form found, but WordNet lists the form itself ("earnings",
    // "feces"): it is its own lemma.
    if (!proper && wp.lemmas.count(lower)) return lower;
  }
  // Suffix rules: the longest suffix seen with this tag.
  std::string_view base = proper ? form : std::string_view(lower);
  for (int k = std::min<int>(kMaxSuffix, static_cast<int>(base.size()) - 1); k >= 0; --k) {
    auto it = m.suffix.find(HashKey(base.substr(base.size() - k), xpos));
    if (it == m.suffix.end()) continue;
    const SuffixRule& r = m.rules[it->second];
    if (r.strip > base.size()) break;
    std::string out(base.substr(0, base.size() - r.strip));
    out += r.append;
    if (!out.empty()) return out;
    break;
  }
  return std::string(base);
}

void WriteTable(ModelWriter* w, const std::unordered_map<uint64_t, uint32_t>& t) {
  std::vector<std::pair<uint64_t, uint32_t>> v(t.begin(), t.end());
  std::sort(v.begin(), v.end());
  w->U32(static_cast<uint32_t>(v.size()));
  for (auto [k, x] : v) {
    w->U64(k);
    w->U32(x);
  }
}

void ReadTable(ModelReader* r, size_t limit, std::string_view what,
               std::unordered_map<uint64_t, uint32_t>* t) {
  uint32_t n = r->U32(what);
  if (!r->ok()) return;
  t->reserve(std::min<size_t>(n, 1 << 20));
  for (uint32_t i = 0; i < n && r->ok(); ++i) {
    uint64_t k = r->U64(what);
    uint32_t x = r->U32(what);
    if (r->ok() && x >= limit) {
      r->Fail(fmt::format("expected {} values below {}, found {}", what, limit, x));
    }
    t->emplace(k, x);
  }
}

}  // namespace

Result<Lemmatizer> Lemmatizer::Load(const std::string& model_path, const std::string& wordnet_dir) {
  Result<ModelReader> r = ReadModelFile(model_path, "lemmatizer");
  if (!r.ok()) return r.error();
  ModelReader& in = r.value();
  auto m = std::make_shared<LemmatizerModel>();
  m->settings = in.settings;
  m->lemmas = in.Strings("the lemma strings");
  ReadTable(&in, m->lemmas.size(), "the form table", &m->exact);
  ReadTable(&in, m->lemmas.size(), "the lowercase form table", &m->lower);
  uint32_t nrules = in.U32("the number of suffix rules");
  for (uint32_t i = 0; i < nrules && in.ok(); ++i) {
    SuffixRule rule;
    rule.strip = in.U32("a suffix rule");
    rule.append = in.String("a suffix rule");
    m->rules.push_back(std::move(rule));
  }
  ReadTable(&in, m->rules.size(), "the suffix table", &m->suffix);
  in.ExpectEnd();
  if (!in.ok()) return in.error();
  if (!wordnet_dir.empty()) {
    if (Status s = LoadWordNet(wordnet_dir, m.get()); !s.ok()) return s.error();
  }
  Lemmatizer l;
  l.model_ = std::move(m);
  return l;
}

std::string Lemmatizer::LemmaOf(std::string_view form, std::string_view xpos) const {
  return LemmaWith(*model_, form, xpos);
}

void Lemmatizer::Lemmatize(Document* doc) const {
  std::vector<Token>& tokens = doc->tokens;
  for (size_t i = 0; i < tokens.size(); ++i) {
    Token& t = tokens[i];
    const std::string_view form = doc->Text(t.span);
    t.lemma = LemmaWith(*model_, form, t.xpos);
    // "'s" is "has" before "been" / "got" / "gotten" (after at most one
    // adverb: "it's never been"), else "is" (the tables' answer).
    if (t.lemma.size() == 2 && t.lemma == "be" && t.xpos == "VBZ" && i + 1 < tokens.size() &&
        (form == "'s" || form == "'S" || form == "\u2019s" || form == "\u2019S")) {
      size_t j = i + 1;
      if (tokens[j].xpos.compare(0, 2, "RB") == 0 && j + 1 < tokens.size()) ++j;
      const std::string next = Lower(doc->Text(tokens[j].span));
      if (next == "been" || next == "got" || next == "gotten") t.lemma = "have";
    }
  }
}

Status TrainLemmatizer(const TrainOptions& o, std::ostream* progress) {
  Result<Document> train = ReadConlluFile(o.train_path);
  if (!train.ok()) return train.error();
  const Document& doc = train.value();
  LemmatizerModel m;
  // Most frequent lemma per key; ties to the smaller string (std::map order).
  std::map<std::pair<std::string, std::string>, std::map<std::string, int>> exact, lower;
  std::map<std::pair<std::string, std::string>, std::map<std::pair<uint32_t, std::string>, int>> suffix;
  for (const Token& t : doc.tokens) {
    std::string form(doc.Text(t.span));
    exact[{form, t.xpos}][t.lemma]++;
    lower[{Lower(form), t.xpos}][t.lemma]++;
    std::string base = IsProper(t.xpos) ? form : Lower(form);
    size_t p = 0;
    while (p < base.size() && p < t.lemma.size() && base[p] == t.lemma[p]) ++p;
    uint32_t strip = static_cast<uint32_t>(base.size() - p);
    if (strip > kMaxSuffix) continue;  // irregular: left to the tables
    std::string append = t.lemma.substr(p);
    // Proper suffixes only: a rule learned from a whole word ("are" -> "be")
    // must not rewrite longer words that end the same way ("share").
    for (size_t k = strip; k <= std::min<size_t>(kMaxSuffix, base.size() - 1) && k < base.size(); ++k) {
      suffix[{base.substr(base.size() - k), t.xpos}][{strip, append}]++;
    }
  }
  std::map<std::string, uint32_t> lemma_index;
  auto intern = [&](const std::string& s) {
    auto [it, inserted] = lemma_index.emplace(s, static_cast<uint32_t>(m.lemmas.size()));
    if (inserted) m.lemmas.push_back(s);
    return it->second;
  };
  auto best = [](const auto& counts) {
    auto b = counts.begin();
    for (auto it = counts.begin(); it != counts.end(); ++it) {
      if (it->second > b->second) b = it;
    }
    return b;
  };
  for (const auto& [key, counts] : exact) m.exact[HashKey(key.first, key.second)] = intern(best(counts)->first);
  for (const auto& [key, counts] : lower) {
    uint32_t v = intern(best(counts)->first);
    m.lower[HashKey(key.first, key.second)] = v;
  }
  std::map<std::pair<uint32_t, std::string>, uint32_t> rule_index;
  for (const auto& [key, counts] : suffix) {
    int total = 0;
    for (const auto& [r, n] : counts) total += n;
    if (total < 2 && !key.first.empty()) continue;
    auto b = best(counts);
    auto [it, inserted] = rule_index.emplace(b->first, static_cast<uint32_t>(m.rules.size()));
    if (inserted) m.rules.push_back(SuffixRule{b->first.first, b->first.second});
    m.suffix[HashKey(key.first, key.second)] = it->second;
  }
  ModelWriter w;
  w.Strings(m.lemmas);
  WriteTable(&w, m.exact);
  WriteTable(&w, m.lower);
  w.U32(static_cast<uint32_t>(m.rules.size()));
  for (const SuffixRule& r : m.rules) {
    w.U32(r.strip);
    w.String(r.append);
  }
  WriteTable(&w, m.suffix);
  std::string settings = SettingLine("model", "lemmatizer") +
                         SettingLine("training_data", TrainingDataNote(o.train_path)) +
                         SettingLine("max_suffix", std::to_string(kMaxSuffix)) +
                         SettingLine("wordnet", "read at load time from the wordnet directory");
  std::string bytes = EncodeModel("lemmatizer", 0, settings, w);
  if (Status s = WriteFileAtomic(o.output_path, bytes); !s.ok()) return s;
  if (progress) {
    *progress << fmt::format("lemmatizer: {} forms, {} suffix keys, {} rules, {:.1f} MB -> {}",
                             m.exact.size(), m.suffix.size(), m.rules.size(), bytes.size() / 1e6,
                             o.output_path)
              << std::endl;
  }
  if (!o.dev_path.empty()) {
    Result<Document> dev = ReadConlluFile(o.dev_path);
    if (!dev.ok()) return dev.error();
    Result<Lemmatizer> lem = Lemmatizer::Load(o.output_path, o.wordnet_dir);
    if (!lem.ok()) return lem.error();
    Document pred = dev.value();
    std::string how = "gold tags";
    if (!o.tagger_path.empty()) {
      Result<Tagger> tagger = Tagger::Load(o.tagger_path);
      if (!tagger.ok()) return tagger.error();
      tagger.value().Tag(&pred);
      how = "predicted tags";
    }
    lem.value().Lemmatize(&pred);
    Result<SyntaxScores> sc = EvaluateSyntax(dev.value(), pred);
    if (sc.ok() && progress) {
      *progress << fmt::format("lemmatizer: dev lemma accuracy {:.2f} ({})", sc.value().Lemma(), how)
                << std::endl;
    }
  }
  return Status::Ok();
}

}  // namespace chronicle
