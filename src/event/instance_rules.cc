#include "event/instance_rules.h"

#include <algorithm>
#include <vector>

#include <fmt/core.h>

#include "util/file.h"

namespace chronicle {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsTense(std::string_view t) {
  return t == "PRESENT" || t == "PAST" || t == "INFINITIVE" || t == "PRESPART" ||
         t == "PASTPART";
}

// One element of the auxiliary chain, left to right.
struct Link {
  const InstanceRules::Roles* roles;
  std::string_view lower_form;
};

// The Penn tag of a token, or a guess from the word's ending when the
// tokens carry no tags (so that tense rules still have something to go on).
std::string_view VerbTag(const Token& t, std::string_view word) {
  if (!t.xpos.empty()) return t.xpos;
  if (EndsWith(word, "ing")) return "VBG";
  if (EndsWith(word, "ed")) return "VBD";
  if (EndsWith(word, "s")) return "VBZ";
  return "VBP";
}

}  // namespace

std::string_view TimeMLPos(std::string_view xpos, std::string_view upos) {
  if (!xpos.empty()) {
    if (xpos.substr(0, 2) == "VB" || xpos == "MD") return "VERB";
    if (xpos.substr(0, 2) == "NN" || xpos == "PRP" || xpos == "CD") return "NOUN";
    if (xpos.substr(0, 2) == "JJ") return "ADJECTIVE";
    if (xpos == "IN" || xpos == "TO" || xpos == "RP") return "PREPOSITION";
    return "OTHER";
  }
  if (upos.empty()) return "";
  if (upos == "VERB" || upos == "AUX") return "VERB";
  if (upos == "NOUN" || upos == "PROPN" || upos == "PRON" || upos == "NUM") return "NOUN";
  if (upos == "ADJ") return "ADJECTIVE";
  if (upos == "ADP") return "PREPOSITION";
  return "OTHER";
}

Result<InstanceRules> InstanceRules::Load(const std::string& path) {
  Result<std::string> content = ReadFile(path);
  if (!content.ok()) return content.error();
  return Parse(content.value(), path);
}

Result<InstanceRules> InstanceRules::Parse(std::string_view content,
                                           const std::string& file_name) {
  InstanceRules rules;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t eol = content.find('\n', pos);
    if (eol == std::string_view::npos) eol = content.size();
    std::string_view line = content.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string_view> fields;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
      if (j > i) fields.push_back(line.substr(i, j - i));
      i = j;
    }
    if (fields.empty() || fields[0][0] == '#') continue;
    auto bad = [&](std::string why) {
      Error e = Error::Model(std::move(why), file_name);
      e.line = line_no;
      return e;
    };
    if (fields.size() < 2) return bad(fmt::format("\"{}\" has no role", fields[0]));
    std::string form(fields[0]);
    if (Lower(form) != form) return bad(fmt::format("form \"{}\" is not lowercase", form));
    if (rules.roles_.count(form)) return bad(fmt::format("duplicate form \"{}\"", form));
    Roles r;
    for (size_t k = 1; k < fields.size(); ++k) {
      std::string_view f = fields[k];
      size_t eq = f.find('=');
      std::string_view name = f.substr(0, eq);
      std::string_view value = eq == std::string_view::npos ? "" : f.substr(eq + 1);
      bool needs_value = name == "modal" || name == "be" || name == "have" || name == "do";
      if (needs_value && value.empty()) return bad(fmt::format("role \"{}\" needs =VALUE", name));
      if (!needs_value && eq != std::string_view::npos) {
        return bad(fmt::format("role \"{}\" takes no value", name));
      }
      if (name == "future") r.bits |= kFuture;
      else if (name == "modal") { r.bits |= kModal; r.modal = value; }
      else if (name == "be" || name == "have" || name == "do") {
        if (!IsTense(value)) {
          return bad(fmt::format("\"{}\" is not a tense (PRESENT, PAST, INFINITIVE, PRESPART, "
                                 "PASTPART)", value));
        }
        r.bits |= name == "be" ? kBe : name == "have" ? kHave : kDo;
        r.aux_tense = value;
      } else if (name == "to") r.bits |= kTo;
      else if (name == "going") r.bits |= kGoing;
      else if (name == "neg") r.bits |= kNeg;
      else if (name == "negdet") r.bits |= kNegDet;
      else if (name == "skip") r.bits |= kSkip;
      else return bad(fmt::format("unknown role \"{}\"", f));
    }
    rules.roles_.emplace(std::move(form), std::move(r));
  }
  return rules;
}

const InstanceRules::Roles* InstanceRules::Find(std::string_view lower) const {
  auto it = roles_.find(std::string(lower));
  return it == roles_.end() ? nullptr : &it->second;
}

InstanceAttributes InstanceRules::Infer(const Document& doc, uint32_t first,
                                        uint32_t index) const {
  InstanceAttributes a;
  const Token& tok = doc.tokens[index];
  std::string word = Lower(doc.Text(tok.span));
  std::string_view pos = TimeMLPos(tok.xpos, tok.upos);
  if (pos.empty()) {
    // No tags at all: a word of the verb group or a verbal ending reads as a
    // verb, anything else as a noun (the usual event nominal).
    const Roles* r = Find(word);
    const Roles* prev = nullptr;
    if (index > first) prev = Find(Lower(doc.Text(doc.tokens[index - 1].span)));
    constexpr uint32_t kVerbGroup = kBe | kHave | kDo | kFuture | kModal | kTo | kNeg;
    bool verbal = (r && (r->bits & (kBe | kHave | kDo))) || (prev && (prev->bits & kVerbGroup)) ||
                  EndsWith(word, "ed") || EndsWith(word, "ing");
    pos = verbal ? "VERB" : "NOUN";
  }
  a.pos = std::string(pos);

  if (a.pos != "VERB" && a.pos != "ADJECTIVE") {
    // Nominal negation: "no agreement", "without any warning", "not a
    // single sale", looking left inside the noun phrase.
    for (uint32_t j = index; j > first && index - j < 4;) {
      --j;
      std::string w = Lower(doc.Text(doc.tokens[j].span));
      const Roles* r = Find(w);
      if (r && (r->bits & (kNegDet | kNeg))) {
        a.polarity = "NEG";
        break;
      }
      std::string_view x = doc.tokens[j].xpos;
      bool np_inside = x.empty() || x == "DT" || x == "PDT" || x.substr(0, 2) == "JJ" ||
                       x.substr(0, 2) == "NN" || x == "CD" || x == "PRP$" || x == "POS";
      if (!np_inside) break;
    }
    return a;
  }

  // The auxiliary chain: verb-group words directly left of the event,
  // skipping up to three adverbs, collected right to left.
  std::vector<Link> chain;
  int skipped = 0;
  for (uint32_t j = index; j > first;) {
    --j;
    const Token& t = doc.tokens[j];
    std::string_view text = doc.Text(t.span);
    std::string w = Lower(text);
    if (t.xpos == "POS") break;  // possessive 's, not "is"/"has"
    const Roles* r = Find(w);
    if (r && (r->bits & ~(kSkip | kNegDet))) {
      chain.push_back({r, text});
      continue;
    }
    bool adverb = t.xpos.empty() ? (r && (r->bits & kSkip)) : t.xpos.substr(0, 2) == "RB";
    if (adverb && skipped < 3) {
      ++skipped;
      continue;
    }
    break;
  }
  std::vector<Link> c(chain.rbegin(), chain.rend());
  // "going" belongs to the chain only as "going to".
  for (size_t k = c.size(); k-- > 0;) {
    if ((c[k].roles->bits & kGoing) && !(k + 1 < c.size() && (c[k + 1].roles->bits & kTo))) {
      c.erase(c.begin(), c.begin() + k + 1);
      break;
    }
  }
  // For the event itself, "going" was a verb; the chain of anything else
  // with "going" but no "to" has been cut above.

  for (const Link& l : c) {
    if (l.roles->bits & kNeg) a.polarity = "NEG";
    if ((l.roles->bits & kModal) && a.modality.empty()) a.modality = l.roles->modal;
  }
  // Negation words say nothing about tense or aspect: drop them so that
  // "has not been" reads as "has been".
  std::erase_if(c, [](const Link& l) { return l.roles->bits == kNeg; });

  bool has_verbal_aux = false;
  for (const Link& l : c) has_verbal_aux |= (l.roles->bits & (kBe | kHave | kDo | kFuture |
                                                              kModal | kTo)) != 0;
  if (a.pos == "ADJECTIVE" && !has_verbal_aux) return a;  // attributive: NONE/NONE

  std::string_view x = a.pos == "VERB" ? VerbTag(tok, word) : std::string_view();

  // Aspect and tense of an infinitive start after its "to".
  size_t last_to = c.size();
  for (size_t k = 0; k < c.size(); ++k) {
    if (c[k].roles->bits & kTo) last_to = k;
  }
  size_t aux_begin = last_to == c.size() ? 0 : last_to + 1;

  if (last_to != c.size()) {
    bool going_to = last_to > 0 && (c[last_to - 1].roles->bits & kGoing);
    if (going_to) {
      a.tense = "FUTURE";
    } else {
      a.tense = "INFINITIVE";
    }
  } else {
    bool future = false, modal = false;
    for (const Link& l : c) {
      future |= (l.roles->bits & kFuture) != 0;
      modal |= (l.roles->bits & kModal) != 0;
    }
    const Link* finite = nullptr;
    const Link* nonfinite = nullptr;
    for (const Link& l : c) {
      if (!(l.roles->bits & (kBe | kHave | kDo))) continue;
      if (l.roles->aux_tense == "PRESENT" || l.roles->aux_tense == "PAST") {
        if (!finite) finite = &l;
      } else if (!nonfinite) {
        nonfinite = &l;
      }
    }
    if (future) a.tense = "FUTURE";
    else if (modal) a.tense = "NONE";
    else if (finite) a.tense = finite->roles->aux_tense;
    else if (nonfinite) a.tense = nonfinite->roles->aux_tense;
    else if (x == "VBD") a.tense = "PAST";
    else if (x == "VBZ" || x == "VBP") a.tense = "PRESENT";
    else if (x == "VBG") a.tense = "PRESPART";
    else if (x == "VBN") a.tense = "PAST";  // TimeBank and AQUAINT: "the gap created"
    else if (x == "VB") a.tense = "INFINITIVE";
    else a.tense = "NONE";
  }

  // Aspect over the chain after any "to".
  bool perfect = false, progressive = false;
  for (size_t k = aux_begin; k < c.size(); ++k) {
    uint32_t bits = c[k].roles->bits;
    bool next_is_been = k + 1 < c.size() && (c[k + 1].roles->bits & kBe) &&
                        c[k + 1].roles->aux_tense == "PASTPART";
    bool last = k + 1 == c.size();
    if (bits & kHave) perfect |= next_is_been || (last && x == "VBN");
    // "it's been": 's is "has" before "been".
    if ((bits & kBe) && c[k].roles->aux_tense == "PRESENT" && next_is_been) perfect = true;
    if ((bits & kBe) && c[k].roles->aux_tense == "PRESPART" && k > aux_begin &&
        (c[k - 1].roles->bits & kBe)) {
      progressive = true;  // "is being sold"
    }
  }
  if (x == "VBG" && c.size() > aux_begin && (c.back().roles->bits & kBe)) progressive = true;
  if (perfect && progressive) a.aspect = "PERFECTIVE_PROGRESSIVE";
  else if (perfect) a.aspect = "PERFECTIVE";
  else if (progressive) a.aspect = "PROGRESSIVE";
  return a;
}

}  // namespace chronicle
