#include "syntax/lemmatizer.h"

#include <algorithm>
#include <array>
#include <map>
#include <cstdio>
#include <optional>
#include <random>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <fmt/core.h>

#include "learn/flat_map.h"
#include "learn/hash.h"
#include "learn/model_file.h"
#include "learn/perceptron.h"
#include "syntax/corpus.h"
#include "syntax/evaluate.h"
#include "syntax/tagger.h"
#include "syntax/train.h"
#include "util/file.h"
#include "util/strings.h"

namespace chronicle {

// Lemmatizer model body (format version 3; version 2 had no word table):
//   u32      format version (kLemmatizerFormatVersion)
//   strings  lemma strings
//   table    form table: HashKey(form, xpos) -> lemma index
//   table    lowercase table: HashKey(lower(form), xpos) -> lemma index
//   u32 n, then n x (u32 strip count, string append): suffix rules
//   table    suffix table: HashKey(suffix, xpos) -> rule index
//   table    proper-noun case table: HashKey(ShapeKey(form), xpos) -> CaseClass
//   table    word table (version 3): HashBytes(lower(form)) -> lemma index,
//            the most frequent lemma of the form under any tag
//   when the flag kLemmatizerHasCaseModel is set:
//   table    lowercase word counts: HashBytes(word) -> CountBucket
//   linear   the case model (LinearModel::Write, 2 classes)
// A table is a u32 count, then (u64 key, u32 value) pairs, keys ascending.
// Body layout version, written first in the body; files with it set the
// kLemmatizerVersioned flag (version 1 files had neither).
inline constexpr uint32_t kLemmatizerFormatVersion = 3;
// Oldest body layout this build still reads (without its word table the
// misspelling correction is off).
inline constexpr uint32_t kLemmatizerOldestVersion = 2;
inline constexpr uint32_t kLemmatizerVersioned = 1;
inline constexpr uint32_t kLemmatizerHasCaseModel = 2;
// Perceptron epochs of the case model (TrainOptions::iterations overrides).
inline constexpr int kCaseIterations = 6;
inline constexpr int kMaxCaseFeatures = 24;
inline constexpr int kMaxSuffix = 6;
// Distinct words a suffix rule needs to be kept.
inline constexpr int kMinRuleTypes = 3;
// Derivational suffixes (CorrectTypo): a word made of a known word and one
// of these is not read as a misspelling.
inline constexpr std::string_view kDerivations[] = {"y",  "ie", "ies", "ee",   "ees", "er",  "ers",
                                                    "ly", "ish", "ful", "less", "ness", "ey"};
// Shortest misspelling CorrectTypo corrects.
inline constexpr size_t kMinTypoLength = 4;
// Forms this long or longer share one row of the case table.
inline constexpr size_t kMaxShapeLength = 7;

struct SuffixRule {
  uint32_t strip = 0;
  std::string append;
};

struct WordNetPos {
  std::unordered_set<std::string> lemmas;
  std::unordered_map<std::string, std::string> exceptions;
};

// The model's 64-bit-keyed tables (open addressing: one probe per lookup
// where std::unordered_map took a division and a list node).
using Table64 = FlatMap<uint64_t, uint32_t>;

struct LemmatizerModel {
  Table64 exact, lower;
  std::vector<std::string> lemmas;
  Table64 suffix;  // -> index into rules
  std::vector<SuffixRule> rules;
  // Proper nouns the tables do not know: HashKey(ShapeKey(form), xpos) ->
  // CaseClass of their lemma.
  Table64 proper_case;
  // Version 3: HashBytes(lowercased form) -> lemma index: every form of the
  // training data with its most frequent lemma under any tag (the lemma of
  // a corrected misspelling whose tag the tables do not know for it).
  Table64 word;
  // Optional (flag kLemmatizerHasCaseModel): whether a capitalized noun or
  // adjective's lemma keeps its capital, decided from the tags around it
  // and the sentence, learned on jackknifed tags (see CaseFeatures).
  bool has_case_model = false;
  LinearModel case_model;
  Table64 lower_count;  // HashBytes(lowercase word) -> CountBucket
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

// "Word", "McDonald", "Ca": an ASCII capital, then at least one lowercase
// letter.
bool IsCapitalized(std::string_view form) {
  if (form.empty() || form[0] < 'A' || form[0] > 'Z') return false;
  for (char c : form.substr(1)) {
    if (c >= 'a' && c <= 'z') return true;
  }
  return false;
}

// How a lemma's letters are cased against its form's.
enum CaseClass : uint32_t { kSameCase = 0, kTitleCase = 1, kLowerCase = 2, kNumCaseClasses = 3 };

bool HasUpper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool HasLower(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// "Vingas" from "VINGAS": the first byte as is, ASCII letters after it
// lowercased.
std::string TitleCase(std::string_view s) {
  std::string out(s);
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] + 32);
  }
  return out;
}

CaseClass CaseOf(std::string_view form, std::string_view lemma) {
  if (!HasUpper(lemma)) return HasUpper(form) ? kLowerCase : kSameCase;
  if (HasUpper(form.substr(std::min<size_t>(1, form.size()))) && !HasUpper(lemma.substr(1))) return kTitleCase;
  return kSameCase;
}

// 'l' (no capital), 'A' (capital letters only), 'a' (capitals and other
// bytes, no lowercase: "W.H.", "R2D2"), 'T' (capital then lowercase), 'M'
// (other mixes: "iPhone").
char ShapeChar(std::string_view form) {
  const bool upper = HasUpper(form), lower = HasLower(form);
  const bool letters = std::all_of(form.begin(), form.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return !upper ? 'l' : !lower ? (letters ? 'A' : 'a') : (form[0] >= 'A' && form[0] <= 'Z') ? 'T' : 'M';
}

// The shape of a form for the case table: "A5" (5 capital letters), "a4",
// "T7+" (capitalized, 7 bytes or more), "l3", "M4" (see ShapeChar).
std::string ShapeKey(std::string_view form) {
  std::string key(1, ShapeChar(form));
  key += std::to_string(std::min<size_t>(form.size(), kMaxShapeLength));
  if (form.size() >= kMaxShapeLength) key += '+';
  return key;
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

// A noun or adjective with a capital: the case model decides whether its
// lemma keeps it (the tag's NN / NNP choice is often wrong on these).
bool IsCaseCandidate(std::string_view form, std::string_view xpos) {
  return (xpos == "NN" || xpos == "NNS" || xpos == "NNP" || xpos == "NNPS" || xpos == "JJ") && HasUpper(form);
}

// How many times a lowercase word occurs in the training data: 0, 1-2,
// 3-19, 20 or more.
uint32_t CountBucket(int n) { return n == 0 ? 0 : n < 3 ? 1 : n < 20 ? 2 : 3; }

// Sentence-wide case features: the share of words (tokens starting with
// an ASCII letter) that are capitalized and that are all capitals, in
// quarters, and the length up to 10.
struct SentenceShape {
  char capitalized = '0', all_caps = '0', length = '0';
};

SentenceShape ShapeOfSentence(const Document& doc, uint32_t first, uint32_t end) {
  int words = 0, cap = 0, caps = 0;
  for (uint32_t i = first; i < end; ++i) {
    std::string_view w = doc.Text(doc.tokens[i].span);
    if (w.empty() || !((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z'))) continue;
    ++words;
    cap += w[0] >= 'A' && w[0] <= 'Z';
    caps += w.size() > 1 && !HasLower(w);
  }
  SentenceShape s;
  if (words > 0) {
    s.capitalized = static_cast<char>('0' + cap * 4 / words);
    s.all_caps = static_cast<char>('0' + caps * 4 / words);
  }
  s.length = static_cast<char>('0' + std::min<uint32_t>(end - first, 10));
  return s;
}

// One feature key: a template id and its parts, hashed (FNV-1a) with a tab
// after each part.
uint32_t Feat(uint8_t id, std::initializer_list<std::string_view> parts) {
  uint64_t h = HashByte(kFnvOffset, id);
  for (std::string_view p : parts) h = HashByte(HashBytes(p, h), '\t');
  return FeatureKey(h);
}

// The case model's features of token i (a candidate) of the sentence
// [first, end), from the forms and the (predicted) XPOS tags. Returns the
// number of keys written to `keys` (at most kMaxCaseFeatures).
size_t CaseFeatures(const LemmatizerModel& m, const Document& doc, uint32_t first, uint32_t end, uint32_t i,
                    const SentenceShape& ss, uint32_t* keys) {
  const std::string_view form = doc.Text(doc.tokens[i].span);
  const std::string_view p = doc.tokens[i].xpos;
  const std::string lower = Lower(form);
  const std::string_view pt = i > first ? std::string_view(doc.tokens[i - 1].xpos) : "<s>";
  const std::string_view nt = i + 1 < end ? std::string_view(doc.tokens[i + 1].xpos) : "</s>";
  const std::string pw = i > first ? Lower(doc.Text(doc.tokens[i - 1].span)) : "<s>";
  const std::string nw = i + 1 < end ? Lower(doc.Text(doc.tokens[i + 1].span)) : "</s>";
  const char sh[1] = {ShapeChar(form)};
  const char psh[1] = {i > first ? ShapeChar(doc.Text(doc.tokens[i - 1].span)) : '^'};
  const char nsh[1] = {i + 1 < end ? ShapeChar(doc.Text(doc.tokens[i + 1].span)) : '$'};
  const std::string_view shape(sh, 1), prev_shape(psh, 1), next_shape(nsh, 1);
  const char lf[1] = {static_cast<char>('0' + m.lower_count.Get(HashBytes(lower), 0))};
  const char wn[1] = {m.has_wordnet && m.wordnet[0].lemmas.count(lower) ? 'n' : '-'};
  const char at_start[1] = {i == first ? 'F' : '-'};
  const std::string_view count(lf, 1), noun(wn, 1), start(at_start, 1);
  const std::string_view cap(&ss.capitalized, 1), caps(&ss.all_caps, 1), len(&ss.length, 1);
  const std::string_view suffix = std::string_view(lower).substr(lower.size() > 3 ? lower.size() - 3 : 0);
  size_t n = 0;
  keys[n++] = Feat(1, {p});
  keys[n++] = Feat(2, {p, shape});
  keys[n++] = Feat(3, {form});
  keys[n++] = Feat(4, {lower});
  keys[n++] = Feat(5, {pt, p});
  keys[n++] = Feat(6, {p, nt});
  keys[n++] = Feat(7, {pt, p, nt});
  keys[n++] = Feat(8, {prev_shape, shape});
  keys[n++] = Feat(9, {shape, next_shape});
  keys[n++] = Feat(10, {prev_shape, shape, next_shape});
  keys[n++] = Feat(11, {cap, p});
  keys[n++] = Feat(12, {caps, shape});
  keys[n++] = Feat(13, {start, p});
  keys[n++] = Feat(14, {noun, p});
  keys[n++] = Feat(15, {count, p});
  keys[n++] = Feat(16, {pw});
  keys[n++] = Feat(17, {nw});
  keys[n++] = Feat(18, {suffix});
  keys[n++] = Feat(19, {len});
  keys[n++] = Feat(20, {count, cap});
  return n;
}

// The tag whose lemma has the other case: proper for common, common for
// proper.
std::string_view OtherCaseTag(std::string_view xpos) {
  if (xpos == "NNS") return "NNPS";
  if (xpos == "NNPS") return "NNS";
  if (xpos == "NNP") return "NN";
  return "NNP";  // NN, JJ
}

// The lemma of a proper noun the tables do not know, cased as the treebank
// cases proper nouns of the same shape ("VINGAS" -> "Vingas", "NASA" ->
// "NASA").
std::string ProperCase(const LemmatizerModel& m, std::string_view form, std::string_view xpos,
                       std::string lemma) {
  const uint32_t* c = m.proper_case.Find(HashKey(ShapeKey(form), xpos));
  if (c == nullptr) return lemma;
  if (*c == kTitleCase) return TitleCase(lemma);
  if (*c == kLowerCase) return Lower(lemma);
  return lemma;
}

// A word the model knows: seen in the training data (the word table and the
// lowercase-count table) or listed by WordNet (a lemma or an exception form
// of any part of speech).
bool IsKnownWord(const LemmatizerModel& m, std::string_view lower) {
  const uint64_t h = HashBytes(lower);
  if (m.lower_count.Contains(h) || m.word.Contains(h)) return true;
  const std::string key(lower);
  for (const WordNetPos& wp : m.wordnet) {
    if (wp.lemmas.count(key) || wp.exceptions.count(key)) return true;
  }
  return false;
}

// Tags whose words are not spell-corrected: names, foreign words, numbers,
// symbols, addresses and fragments ("GW") are often unknown and right.
bool IsCorrectableTag(std::string_view xpos) {
  static constexpr std::string_view kNever[] = {"NNP", "NNPS", "ADD", "GW", "FW", "CD", "SYM", "LS", "NFP", "XX", ""};
  return std::find(std::begin(kNever), std::end(kNever), xpos) == std::end(kNever);
}

// A misspelling ("wrok", "beacuse", "developiong") the treebank lemmatizes
// as the word meant: an unknown lowercase ASCII word of kMinTypoLength
// letters or more that no inflection rule turns
// into a known word. Returns the known word one edit away (a letter
// deleted, inserted, replaced, or two neighbours swapped; never the first
// letter, which misspellings rarely touch) that is most frequent in the
// training data, or "" when there is none or two tie.
std::string CorrectTypo(const LemmatizerModel& m, std::string_view lower) {
  if (lower.size() < kMinTypoLength) return std::string();
  for (char c : lower) {
    if (c < 'a' || c > 'z') return std::string();
  }
  if (IsKnownWord(m, lower)) return std::string();
  for (const Detach& d : kDetach) {
    const std::string_view from(d.from);
    if (lower.size() <= from.size() || !EndsWith(lower, from)) continue;
    std::string base(lower.substr(0, lower.size() - from.size()));
    base += d.to;
    if (IsKnownWord(m, base)) return std::string();
  }
  // A regular derivation of a known word ("hunky" from hunk, "designees"
  // from design, "appetitie" from appetite) is a word the model does not
  // know, not a misspelling of its neighbour ("hunk", "designers").
  // A vowel suffix may have dropped the stem's final e ("lovey"); doubled
  // letters are no derivation ("theyy" is "they", "becausee" "because").
  for (std::string_view suffix : kDerivations) {
    if (lower.size() < suffix.size() + 3 || !EndsWith(lower, suffix)) continue;
    const std::string_view stem = lower.substr(0, lower.size() - suffix.size());
    if (stem.back() == suffix.front()) continue;
    if (IsKnownWord(m, stem)) return std::string();
    const bool drops_e = suffix.front() == 'y' || suffix.front() == 'i';
    if (drops_e && IsKnownWord(m, std::string(stem) + "e")) return std::string();
  }
  std::string best, cand;
  uint32_t best_count = 0;
  bool tie = false;
  auto consider = [&](const std::string& w) {
    const uint32_t count = m.lower_count.Get(HashBytes(w), 0);
    if (count == 0 || count < best_count) return;
    if (count > best_count) {
      best = w;
      best_count = count;
      tie = false;
    } else if (w != best) {
      tie = true;
    }
  };
  const size_t n = lower.size();
  for (size_t i = 1; i <= n; ++i) {
    if (i < n) {  // delete letter i
      cand.assign(lower.substr(0, i));
      cand.append(lower.substr(i + 1));
      consider(cand);
    }
    if (i + 1 < n && lower[i] != lower[i + 1]) {  // swap letters i and i + 1
      cand.assign(lower);
      std::swap(cand[i], cand[i + 1]);
      consider(cand);
    }
    for (char c = 'a'; c <= 'z'; ++c) {
      if (i < n && c != lower[i]) {  // replace letter i
        cand.assign(lower);
        cand[i] = c;
        consider(cand);
      }
      cand.assign(lower.substr(0, i));  // insert before letter i (or at the end)
      cand += c;
      cand.append(lower.substr(i));
      consider(cand);
    }
  }
  return tie ? std::string() : best;
}

std::string LemmaWith(const LemmatizerModel& m, std::string_view form, std::string_view xpos,
                      bool correct_typos = true);

// Steps 2-4 of the decision order (WordNet, suffix rules, the form) for a
// form the tables do not know.
std::string LemmaOfUnknown(const LemmatizerModel& m, std::string_view form, const std::string& lower,
                           std::string_view xpos) {
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
    const uint32_t* rule = m.suffix.Find(HashKey(base.substr(base.size() - k), xpos));
    if (rule == nullptr) continue;
    const SuffixRule& r = m.rules[*rule];
    if (r.strip > base.size()) break;
    std::string out(base.substr(0, base.size() - r.strip));
    out += r.append;
    if (!out.empty()) return proper ? ProperCase(m, form, xpos, std::move(out)) : out;
    break;
  }
  return proper ? ProperCase(m, form, xpos, std::string(base)) : std::string(base);
}

std::string LemmaWith(const LemmatizerModel& m, std::string_view form, std::string_view xpos, bool correct_typos) {
  if (const uint32_t* l = m.exact.Find(HashKey(form, xpos))) return m.lemmas[*l];
  // Web addresses, e-mail addresses and file names keep their case.
  if (xpos == "ADD") return std::string(form);
  std::string lower = Lower(form);
  if (const uint32_t* l = m.lower.Find(HashKey(lower, xpos))) {
    const std::string& lemma = m.lemmas[*l];
    // A capitalized proper noun seen only in another casing ("CA" for
    // "Ca", "holocaust" for "Holocaust") keeps its own casing when the
    // lemma is the form itself.
    if (IsProper(xpos) && IsCapitalized(form) && lemma.size() == form.size() && Lower(lemma) == lower) {
      return std::string(form);
    }
    return lemma;
  }
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
    if (const uint32_t* l = m.lower.Find(HashKey(cut, xpos))) return m.lemmas[*l];
    const int wn = WordNetPosOf(xpos);
    if (m.has_wordnet && wn >= 0 && !IsInflected(xpos) && m.wordnet[wn].lemmas.count(cut)) return cut;
    // Tagged as a name ("Sooooo", "VERYYY" often are): a word WordNet
    // knows under any part of speech.
    if (m.has_wordnet && IsProper(xpos)) {
      for (const WordNetPos& wp : m.wordnet) {
        if (wp.lemmas.count(cut)) return cut;
      }
    }
  }
  std::string lemma = LemmaOfUnknown(m, form, lower, xpos);
  // A misspelling whose lemma is no known word either: the lemma of the
  // word meant (needs WordNet and the lowercase counts of a case model).
  if (correct_typos && m.has_wordnet && m.has_case_model && !m.word.empty() && IsCorrectableTag(xpos) && !IsKnownWord(m, lemma)) {
    // Lowercase only (capitalized unknown words are mostly names:
    // "Coors" is not "colors").
    if (!HasUpper(form)) {
      std::string meant = CorrectTypo(m, lower);
      if (!meant.empty()) {
        // The meant word's lemma for this tag when the tables know it,
        // else its most frequent lemma ("peopel" tagged NN: "people"),
        // unless that is a name ("callup" is not "Callum").
        std::string out;
        if (const uint32_t* l = m.exact.Find(HashKey(meant, xpos))) {
          out = m.lemmas[*l];
        } else if (const uint32_t* w = m.word.Find(HashBytes(meant))) {
          out = m.lemmas[*w];
        } else {
          out = LemmaWith(m, meant, xpos, false);
        }
        if (!HasUpper(out)) return out;
      }
    }
  }
  return lemma;
}

// Sorted by key: the bytes do not depend on the table's layout.
void WriteTable(ModelWriter* w, const Table64& t) {
  std::vector<std::pair<uint64_t, uint32_t>> v;
  v.reserve(t.size());
  t.ForEach([&](uint64_t k, uint32_t x) { v.emplace_back(k, x); });
  std::sort(v.begin(), v.end());
  w->U32(static_cast<uint32_t>(v.size()));
  for (auto [k, x] : v) {
    w->U64(k);
    w->U32(x);
  }
}

void ReadTable(ModelReader* r, size_t limit, std::string_view what,
               Table64* t) {
  uint32_t n = r->U32(what);
  if (!r->ok()) return;
  t->Reserve(std::min<size_t>(n, 1 << 20));
  for (uint32_t i = 0; i < n && r->ok(); ++i) {
    uint64_t k = r->U64(what);
    uint32_t x = r->U32(what);
    if (r->ok() && x >= limit) {
      r->Fail(fmt::format("expected {} values below {}, found {}", what, limit, x));
    }
    if (!t->Contains(k)) t->Insert(k, x);  // the first of a repeated key, as before
  }
}

}  // namespace

Result<Lemmatizer> Lemmatizer::Load(const std::string& model_path, const std::string& wordnet_dir) {
  Result<ModelReader> r = ReadModelFile(model_path, "lemmatizer");
  if (!r.ok()) return r.error();
  ModelReader& in = r.value();
  auto m = std::make_shared<LemmatizerModel>();
  m->settings = in.settings;
  // Version 1 files (sessions 1-3) had no version field and no flag.
  const uint32_t version = (in.flags & kLemmatizerVersioned) ? in.U32("the lemmatizer format version") : 1;
  if (in.ok() && (version < kLemmatizerOldestVersion || version > kLemmatizerFormatVersion)) {
    return Error::Model(fmt::format("lemmatizer format version {} is not supported (this build reads "
                                    "versions {} to {}; rebuild the model with `chronicle train lemmatizer`)",
                                    version, kLemmatizerOldestVersion, kLemmatizerFormatVersion),
                        model_path);
  }
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
  ReadTable(&in, kNumCaseClasses, "the proper-noun case table", &m->proper_case);
  if (version >= 3) ReadTable(&in, m->lemmas.size(), "the word table", &m->word);
  if (in.flags & kLemmatizerHasCaseModel) {
    ReadTable(&in, 4, "the lowercase word counts", &m->lower_count);
    m->case_model = LinearModel::Read(&in);
    if (in.ok() && m->case_model.num_classes() != 2) {
      in.Fail(fmt::format("expected a case model of 2 classes, found {}", m->case_model.num_classes()));
    }
    m->has_case_model = true;
  }
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

namespace {

// Lets the case model overrule the tag on the case of the lemma of each
// candidate: when it disagrees with the lemma's case and the other tag's
// lemma has the case it wants, that lemma is taken.
void ApplyCaseModel(const LemmatizerModel& m, Document* doc) {
  uint32_t keys[kMaxCaseFeatures];
  for (auto [first, end] : TokenRanges(*doc)) {
    std::optional<SentenceShape> ss;
    for (uint32_t i = first; i < end; ++i) {
      Token& t = doc->tokens[i];
      const std::string_view form = doc->Text(t.span);
      if (!IsCaseCandidate(form, t.xpos)) continue;
      if (!ss) ss = ShapeOfSentence(*doc, first, end);
      float scores[2] = {0, 0};
      m.case_model.AddScores(keys, CaseFeatures(m, *doc, first, end, i, *ss, keys), scores);
      const bool keep_capital = scores[1] > scores[0];
      if (keep_capital == HasUpper(t.lemma)) continue;
      std::string other = LemmaWith(m, form, OtherCaseTag(t.xpos));
      if (HasUpper(other) == keep_capital) t.lemma = std::move(other);
    }
  }
}

}  // namespace

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
  if (model_->has_case_model) ApplyCaseModel(*model_, doc);
}

namespace {

// Trains the case model of `m` (its tables built) on `train` as read from
// o.train_path: the training sentences are tagged by taggers trained on the
// other folds (o.jackknife_folds folds, o.jackknife_iterations iterations,
// o.clusters_path; JackknifeTags, in memory), so the model learns where
// tags at run time go wrong.
Status TrainCaseModel(const TrainOptions& o, const Document& train, LemmatizerModel* m, std::ostream* progress) {
  std::map<std::string, int> lowercase;
  for (const Token& t : train.tokens) {
    std::string_view form = train.Text(t.span);
    if (!HasUpper(form)) lowercase[std::string(form)]++;
  }
  for (const auto& [w, n] : lowercase) m->lower_count[HashBytes(w)] = CountBucket(n);
  // The training sentences with tags from jackknife taggers (the fold
  // taggers take the tagger options of `o`: clusters, ...).
  Document pred = train;
  if (Status s = JackknifeTags(o, &pred, progress); !s.ok()) return s;
  const int k = o.jackknife_folds;
  const auto ranges = TokenRanges(pred);
  std::vector<uint32_t> keys;
  std::vector<size_t> offsets = {0};
  std::vector<int> labels;
  uint32_t buf[kMaxCaseFeatures];
  for (int f = 0; f < k; ++f) {  // the examples fold by fold, as before
    for (size_t r = f; r < ranges.size(); r += k) {
      auto [first, end] = ranges[r];
      const SentenceShape ss = ShapeOfSentence(pred, first, end);
      for (uint32_t i = first; i < end; ++i) {
        if (!IsCaseCandidate(pred.Text(pred.tokens[i].span), pred.tokens[i].xpos)) continue;
        size_t n = CaseFeatures(*m, pred, first, end, i, ss, buf);
        keys.insert(keys.end(), buf, buf + n);
        offsets.push_back(keys.size());
        labels.push_back(HasUpper(train.tokens[i].lemma) ? 1 : 0);
      }
    }
  }
  PerceptronTrainer trainer(2);
  std::mt19937_64 rng(o.seed);
  std::vector<size_t> order(labels.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const int iterations = o.iterations > 0 ? o.iterations : kCaseIterations;
  for (int it = 1; it <= iterations; ++it) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    size_t correct = 0;
    for (size_t e : order) {
      float scores[2] = {0, 0};
      const uint32_t* ks = keys.data() + offsets[e];
      const size_t n = offsets[e + 1] - offsets[e];
      trainer.Score(ks, n, scores);
      const int guess = scores[1] > scores[0] ? 1 : 0;
      correct += guess == labels[e];
      trainer.Update(ks, n, labels[e], guess);
      trainer.NextExample();
    }
    if (progress) {
      *progress << fmt::format("lemmatizer: case model iteration {}/{}: {} examples, {:.2f}% right", it,
                               iterations, labels.size(),
                               labels.empty() ? 0.0 : 100.0 * correct / labels.size())
                << std::endl;
    }
  }
  m->case_model = trainer.Average(0.0f);
  m->has_case_model = true;
  return Status::Ok();
}

}  // namespace

Status TrainLemmatizer(const TrainOptions& o, std::ostream* progress) {
  Result<Document> train = ReadConlluFiles(o.train_path, o.more_train_paths);
  if (!train.ok()) return train.error();
  const Document& doc = train.value();
  LemmatizerModel m;
  // Most frequent lemma per key; ties to the smaller string (std::map order).
  std::map<std::pair<std::string, std::string>, std::map<std::string, int>> exact, lower;
  std::map<std::string, std::map<std::string, int>> word;
  // Suffix statistics count word types, not tokens: (base, xpos, lemma)
  // triples, each once, so that one frequent word ("Sept." -> "September")
  // cannot make a rule that rewrites unrelated words ("Capt.").
  std::set<std::tuple<std::string, std::string, std::string>> types;
  for (const Token& t : doc.tokens) {
    if (t.lemma.empty()) continue;  // "_" in the treebank: no lemma to learn
    std::string form(doc.Text(t.span));
    exact[{form, t.xpos}][t.lemma]++;
    lower[{Lower(form), t.xpos}][t.lemma]++;
    word[Lower(form)][t.lemma]++;
    types.emplace(IsProper(t.xpos) ? form : Lower(form), t.xpos, t.lemma);
  }
  std::map<std::pair<std::string, std::string>, std::map<std::pair<uint32_t, std::string>, int>> suffix;
  for (const auto& [base, xpos, lemma] : types) {
    size_t p = 0;
    while (p < base.size() && p < lemma.size() && base[p] == lemma[p]) ++p;
    uint32_t strip = static_cast<uint32_t>(base.size() - p);
    if (strip > kMaxSuffix) continue;  // irregular: left to the tables
    std::string append = lemma.substr(p);
    // Proper suffixes only: a rule learned from a whole word ("are" -> "be")
    // must not rewrite longer words that end the same way ("share").
    for (size_t k = strip; k <= std::min<size_t>(kMaxSuffix, base.size() - 1) && k < base.size(); ++k) {
      suffix[{base.substr(base.size() - k), xpos}][{strip, append}]++;
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
  for (const auto& [w, counts] : word) m.word[HashBytes(w)] = intern(best(counts)->first);
  std::map<std::pair<uint32_t, std::string>, uint32_t> rule_index;
  for (const auto& [key, counts] : suffix) {
    // A suffix keeps its rule when at least kMinRuleTypes words show it
    // (the empty suffix, the tag's default, always).
    auto b = best(counts);
    if (b->second < kMinRuleTypes && !key.first.empty()) continue;
    auto [it, inserted] = rule_index.emplace(b->first, static_cast<uint32_t>(m.rules.size()));
    if (inserted) m.rules.push_back(SuffixRule{b->first.first, b->first.second});
    m.suffix[HashKey(key.first, key.second)] = it->second;
  }
  // Case of proper nouns by shape: each (form, xpos) type votes with the
  // case of its most frequent lemma; a shape keeps a class other than "same"
  // when at least kMinRuleTypes types vote for it and it wins.
  std::map<std::pair<std::string, std::string>, std::array<int, kNumCaseClasses>> case_votes;
  for (const auto& [key, counts] : exact) {
    if (!IsProper(key.second)) continue;
    auto& votes = case_votes[{ShapeKey(key.first), key.second}];
    votes[CaseOf(key.first, best(counts)->first)]++;
  }
  for (const auto& [key, votes] : case_votes) {
    uint32_t c = kSameCase;
    for (uint32_t k = 0; k < kNumCaseClasses; ++k) {
      if (votes[k] > votes[c]) c = k;
    }
    if (c != kSameCase && votes[c] >= kMinRuleTypes) m.proper_case[HashKey(key.first, key.second)] = c;
  }
  if (o.jackknife_folds > 1) {
    if (!o.wordnet_dir.empty()) {
      if (Status s = LoadWordNet(o.wordnet_dir, &m); !s.ok()) return s;
    }
    if (Status s = TrainCaseModel(o, doc, &m, progress); !s.ok()) return s;
  }
  ModelWriter w;
  w.U32(kLemmatizerFormatVersion);
  w.Strings(m.lemmas);
  WriteTable(&w, m.exact);
  WriteTable(&w, m.lower);
  w.U32(static_cast<uint32_t>(m.rules.size()));
  for (const SuffixRule& r : m.rules) {
    w.U32(r.strip);
    w.String(r.append);
  }
  WriteTable(&w, m.suffix);
  WriteTable(&w, m.proper_case);
  WriteTable(&w, m.word);
  if (m.has_case_model) {
    WriteTable(&w, m.lower_count);
    m.case_model.Write(&w);
  }
  std::string settings = SettingLine("model", "lemmatizer") +
                         SettingLine("training_data", TrainingDataNote(o.train_path, o.more_train_paths)) +
                         SettingLine("format_version", std::to_string(kLemmatizerFormatVersion)) +
                         SettingLine("max_suffix", std::to_string(kMaxSuffix)) +
                         SettingLine("min_rule_types", std::to_string(kMinRuleTypes)) +
                         SettingLine("wordnet", "read at load time from the wordnet directory");
  if (m.has_case_model) {
    settings += SettingLine("case_model", fmt::format("averaged perceptron, {} epochs, seed {}, on tags of {} "
                                                      "jackknife taggers ({} iterations, clusters {})",
                                                      o.iterations > 0 ? o.iterations : kCaseIterations, o.seed,
                                                      o.jackknife_folds, o.jackknife_iterations,
                                                      o.clusters_path.empty() ? std::string("none")
                                                                              : BaseName(o.clusters_path)));
  }
  std::string bytes = EncodeModel("lemmatizer",
                                  kLemmatizerVersioned | (m.has_case_model ? kLemmatizerHasCaseModel : 0),
                                  settings, w);
  if (Status s = WriteFileAtomic(o.output_path, bytes); !s.ok()) return s;
  if (progress) {
    *progress << fmt::format("lemmatizer: {} forms, {} suffix keys, {} rules, {} proper-noun shapes, {:.1f} MB -> {}",
                             m.exact.size(), m.suffix.size(), m.rules.size(), m.proper_case.size(), bytes.size() / 1e6,
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
