#include "eval/evaluate.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "reason/temporal_graph.h"

namespace chronicle {
namespace {

// ---- Entity alignment ----------------------------------------------------

// One-to-one alignment of system spans to gold spans. Identical spans pair
// first (so a strict match is never stolen by a mere overlap); then each
// remaining system span, in order, takes the unaligned gold span it overlaps
// most (the earliest on a tie). Empty spans never align. Returns, for each
// system index, the gold index or -1.
std::vector<int> AlignSpans(const std::vector<Span>& gold, const std::vector<Span>& sys) {
  std::vector<int> sys_to_gold(sys.size(), -1);
  std::vector<bool> gold_used(gold.size(), false);
  std::map<std::pair<uint32_t, uint32_t>, std::vector<int>> exact;
  for (size_t g = gold.size(); g-- > 0;) {
    if (!gold[g].empty()) exact[{gold[g].begin, gold[g].end}].push_back(static_cast<int>(g));
  }
  for (size_t s = 0; s < sys.size(); ++s) {
    auto it = exact.find({sys[s].begin, sys[s].end});
    if (it == exact.end() || it->second.empty()) continue;
    int g = it->second.back();
    it->second.pop_back();
    sys_to_gold[s] = g;
    gold_used[g] = true;
  }
  for (size_t s = 0; s < sys.size(); ++s) {
    if (sys_to_gold[s] >= 0 || sys[s].empty()) continue;
    int best = -1;
    uint32_t best_overlap = 0;
    for (size_t g = 0; g < gold.size(); ++g) {
      if (gold_used[g] || gold[g].empty() || !gold[g].Overlaps(sys[s])) continue;
      uint32_t overlap = std::min(gold[g].end, sys[s].end) - std::max(gold[g].begin, sys[s].begin);
      if (overlap > best_overlap) {
        best = static_cast<int>(g);
        best_overlap = overlap;
      }
    }
    if (best >= 0) {
      sys_to_gold[s] = best;
      gold_used[best] = true;
    }
  }
  return sys_to_gold;
}

// Adds the strict / relaxed counts of one aligned entity layer.
void CountMatches(const std::vector<Span>& gold, const std::vector<Span>& sys,
                  const std::vector<int>& sys_to_gold, EntityScores* out) {
  int64_t relaxed = 0, strict = 0;
  for (size_t s = 0; s < sys.size(); ++s) {
    if (sys_to_gold[s] < 0) continue;
    ++relaxed;
    if (gold[sys_to_gold[s]] == sys[s]) ++strict;
  }
  out->strict += PrfCounts{static_cast<int64_t>(sys.size()), static_cast<int64_t>(gold.size()),
                           strict, strict};
  out->relaxed += PrfCounts{static_cast<int64_t>(sys.size()),
                            static_cast<int64_t>(gold.size()), relaxed, relaxed};
}

// ---- Event attributes ----------------------------------------------------

constexpr std::string_view kTimexAttributes[] = {"type", "value"};
constexpr std::string_view kEventAttributes[] = {"class", "tense", "aspect",
                                                 "polarity", "modality", "pos"};

std::string_view TimexAttribute(const Timex& t, size_t i) {
  return i == 0 ? std::string_view(t.type) : std::string_view(t.value);
}

std::string_view EventAttribute(const Event& e, const EventInstance* inst, size_t i) {
  if (i == 0) return e.event_class;
  if (inst == nullptr) return {};
  switch (i) {
    case 1: return inst->tense;
    case 2: return inst->aspect;
    case 3: return inst->polarity;
    case 4: return inst->modality;
    default: return inst->pos;
  }
}

// The first MAKEINSTANCE of each event (TimeML allows several; attributes are
// scored on the first, as the official scorer keeps one per event).
std::vector<const EventInstance*> FirstInstances(const Document& d) {
  std::unordered_map<std::string_view, size_t> index;
  for (size_t i = 0; i < d.events.size(); ++i) index.emplace(d.events[i].id, i);
  std::vector<const EventInstance*> first(d.events.size(), nullptr);
  for (const EventInstance& in : d.instances) {
    auto it = index.find(in.event_id);
    if (it != index.end() && first[it->second] == nullptr) first[it->second] = &in;
  }
  return first;
}

// ---- TLINK graphs ----------------------------------------------------------

// Maps a system entity id to the name of the gold entity it is aligned with;
// ids of unaligned system entities get the prefix "sys:" (not an NCName
// character sequence gold ids could have), so their links verify nothing.
class IdMapper {
 public:
  IdMapper(const Document& gold, const Document& sys, const std::vector<int>& event_map,
           const std::vector<int>& timex_map) {
    // Instances are identified by (event index, rank among that event's
    // instances) on both sides.
    auto ranks = [](const Document& d) {
      std::unordered_map<std::string_view, size_t> ev;
      for (size_t i = 0; i < d.events.size(); ++i) ev.emplace(d.events[i].id, i);
      std::map<std::pair<size_t, size_t>, std::string> by_pos;
      std::unordered_map<std::string, std::pair<size_t, size_t>> pos_of;
      std::vector<size_t> seen(d.events.size(), 0);
      for (const EventInstance& in : d.instances) {
        auto it = ev.find(in.event_id);
        if (it == ev.end()) continue;
        std::pair<size_t, size_t> pos{it->second, seen[it->second]++};
        by_pos.emplace(pos, in.id);
        pos_of.emplace(in.id, pos);
      }
      return std::make_pair(by_pos, pos_of);
    };
    auto [gold_by_pos, gold_pos_unused] = ranks(gold);
    auto [sys_by_pos_unused, sys_pos_of] = ranks(sys);
    (void)gold_pos_unused;
    (void)sys_by_pos_unused;
    for (const auto& [id, pos] : sys_pos_of) {
      int g = event_map[pos.first];
      if (g < 0) continue;
      auto it = gold_by_pos.find({static_cast<size_t>(g), pos.second});
      if (it == gold_by_pos.end()) it = gold_by_pos.find({static_cast<size_t>(g), 0});
      if (it != gold_by_pos.end()) instance_.emplace(id, it->second);
    }
    for (size_t s = 0; s < sys.timexes.size(); ++s) {
      if (timex_map[s] >= 0) timex_.emplace(sys.timexes[s].id, gold.timexes[timex_map[s]].id);
    }
    if (sys.dct && gold.dct) timex_.emplace(sys.dct->id, gold.dct->id);
  }

  // The gold name of a system entity, or nullopt when it has none.
  std::optional<std::string> Map(const std::string& id, bool is_event) const {
    const auto& table = is_event ? instance_ : timex_;
    auto it = table.find(id);
    if (it == table.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::string> instance_;
  std::unordered_map<std::string, std::string> timex_;
};

using Triple = std::tuple<std::string, TimeMLRel, std::string>;

struct LinkSide {
  std::vector<Link> links;
  std::set<Triple> literal;  // each link and its inverse, normalized
};

void AddLink(LinkSide* side, std::string source, TimeMLRel rel, std::string target) {
  rel = Normalize(rel);
  side->literal.emplace(source, rel, target);
  side->literal.emplace(target, Normalize(Inverse(rel)), source);
  side->links.push_back({std::move(source), rel, std::move(target)});
}

bool Verified(const Link& l, const LinkSide& other, const TemporalGraph& other_graph) {
  if (other.literal.count({l.source, l.rel, l.target})) return true;
  return other_graph.Entails(l.source, l.rel, l.target);
}

void ScoreTLinks(const Document& gold, const Document& sys, const std::vector<int>& event_map,
                 const std::vector<int>& timex_map, TLinkScores* out) {
  LinkSide gold_side, sys_side;
  for (const TLink& t : gold.tlinks) {
    std::optional<TimeMLRel> rel = ParseTimeMLRel(t.rel_type);
    if (!rel) {
      ++out->unknown_relations;
      continue;
    }
    AddLink(&gold_side, t.source_id, *rel, t.target_id);
  }
  IdMapper mapper(gold, sys, event_map, timex_map);
  for (const TLink& t : sys.tlinks) {
    std::optional<TimeMLRel> rel = ParseTimeMLRel(t.rel_type);
    if (!rel) {
      ++out->unknown_relations;
      continue;
    }
    std::optional<std::string> s = mapper.Map(t.source_id, t.source_is_event);
    std::optional<std::string> g = mapper.Map(t.target_id, t.target_is_event);
    if (!s || !g) ++out->system_links_unmatched;
    AddLink(&sys_side, s ? *s : "sys:" + t.source_id, *rel, g ? *g : "sys:" + t.target_id);
  }
  Reduction gold_red = Reduce(gold_side.links);
  Reduction sys_red = Reduce(sys_side.links);
  PrfCounts c;
  c.system = static_cast<int64_t>(sys_red.kept.size());
  c.gold = static_cast<int64_t>(gold_red.kept.size());
  for (size_t i : sys_red.kept) {
    if (Verified(sys_side.links[i], gold_side, gold_red.graph)) ++c.system_correct;
  }
  for (size_t i : gold_red.kept) {
    if (Verified(gold_side.links[i], sys_side, sys_red.graph)) ++c.gold_correct;
  }
  out->awareness += c;
  out->system_links += static_cast<int64_t>(sys_side.links.size());
  out->gold_links += static_cast<int64_t>(gold_side.links.size());
  out->system_conflicts += static_cast<int64_t>(sys_red.conflicting.size());
  out->gold_conflicts += static_cast<int64_t>(gold_red.conflicting.size());
}

// ---- One document ----------------------------------------------------------

Status EvaluatePair(const Document& gold, const Document& sys, EvalReport* r) {
  if (gold.text != sys.text) {
    size_t i = 0;
    while (i < gold.text.size() && i < sys.text.size() && gold.text[i] == sys.text[i]) ++i;
    const std::string& name = gold.source_name.empty() ? gold.id : gold.source_name;
    return Error::Invalid(
        fmt::format("the system text ({}) differs from the gold text at byte {}",
                    sys.source_name.empty() ? sys.id : sys.source_name, i),
        name);
  }
  ++r->documents;

  std::vector<Span> gold_spans, sys_spans;
  for (const Timex& t : gold.timexes) gold_spans.push_back(t.span);
  for (const Timex& t : sys.timexes) sys_spans.push_back(t.span);
  std::vector<int> timex_map = AlignSpans(gold_spans, sys_spans);
  CountMatches(gold_spans, sys_spans, timex_map, &r->timex);
  for (size_t a = 0; a < r->timex.attributes.size(); ++a) {
    AttributeScore& at = r->timex.attributes[a];
    for (size_t s = 0; s < sys.timexes.size(); ++s) {
      if (timex_map[s] < 0) continue;
      ++at.matched;
      if (TimexAttribute(sys.timexes[s], a) == TimexAttribute(gold.timexes[timex_map[s]], a)) {
        ++at.same;
      }
    }
  }

  gold_spans.clear();
  sys_spans.clear();
  for (const Event& e : gold.events) gold_spans.push_back(e.span);
  for (const Event& e : sys.events) sys_spans.push_back(e.span);
  std::vector<int> event_map = AlignSpans(gold_spans, sys_spans);
  CountMatches(gold_spans, sys_spans, event_map, &r->event);
  std::vector<const EventInstance*> gold_inst = FirstInstances(gold);
  std::vector<const EventInstance*> sys_inst = FirstInstances(sys);
  for (size_t a = 0; a < r->event.attributes.size(); ++a) {
    AttributeScore& at = r->event.attributes[a];
    for (size_t s = 0; s < sys.events.size(); ++s) {
      int g = event_map[s];
      if (g < 0) continue;
      ++at.matched;
      if (EventAttribute(sys.events[s], sys_inst[s], a) ==
          EventAttribute(gold.events[g], gold_inst[g], a)) {
        ++at.same;
      }
    }
  }

  ScoreTLinks(gold, sys, event_map, timex_map, &r->tlink);
  return Status::Ok();
}

// ---- Output ----------------------------------------------------------------

std::string Row(std::string_view label, const PrfCounts& c, std::string_view note) {
  return fmt::format("{:<18}{:>8.2f}{:>8.2f}{:>8.2f}   {}\n", label, 100 * c.Precision(),
                     100 * c.Recall(), 100 * c.F1(), note);
}

nlohmann::json PrfJson(const PrfCounts& c) {
  return {{"precision", 100 * c.Precision()}, {"recall", 100 * c.Recall()},
          {"f1", 100 * c.F1()},               {"system", c.system},
          {"gold", c.gold},                   {"system_correct", c.system_correct},
          {"gold_correct", c.gold_correct}};
}

nlohmann::json EntityJson(const EntityScores& e) {
  nlohmann::json attrs = nlohmann::json::object();
  for (const AttributeScore& a : e.attributes) {
    nlohmann::json j = PrfJson(a.prf);
    j["accuracy"] = 100 * a.Accuracy();
    j["matched"] = a.matched;
    j["same"] = a.same;
    attrs[a.name] = j;
  }
  return {{"strict", PrfJson(e.strict)}, {"relaxed", PrfJson(e.relaxed)}, {"attributes", attrs}};
}

}  // namespace

double PrfCounts::Precision() const {
  if (system == 0) return gold == 0 ? 1.0 : 0.0;
  return double(system_correct) / double(system);
}

double PrfCounts::Recall() const {
  if (gold == 0) return system == 0 ? 1.0 : 0.0;
  return double(gold_correct) / double(gold);
}

double PrfCounts::F1() const {
  double p = Precision(), r = Recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

PrfCounts& PrfCounts::operator+=(const PrfCounts& o) {
  system += o.system;
  gold += o.gold;
  system_correct += o.system_correct;
  gold_correct += o.gold_correct;
  return *this;
}

Result<EvalReport> Evaluate(
    const std::vector<std::pair<const Document*, const Document*>>& gold_system_pairs) {
  EvalReport r;
  for (std::string_view n : kTimexAttributes) r.timex.attributes.push_back({.name = std::string(n)});
  for (std::string_view n : kEventAttributes) r.event.attributes.push_back({.name = std::string(n)});
  for (const auto& [gold, sys] : gold_system_pairs) {
    if (gold == nullptr || sys == nullptr) return Error::Usage("Evaluate: null document");
    Status s = EvaluatePair(*gold, *sys, &r);
    if (!s.ok()) return s.error();
  }
  // Attribute P / R / F1 over the summed counts: same / system, same / gold.
  for (EntityScores* e : {&r.timex, &r.event}) {
    for (AttributeScore& a : e->attributes) {
      a.prf = {e->relaxed.system, e->relaxed.gold, a.same, a.same};
    }
  }
  return r;
}

std::string FormatReport(const EvalReport& r) {
  std::string out = fmt::format("TempEval-3 evaluation of {} document{}\n", r.documents,
                                r.documents == 1 ? "" : "s");
  out += fmt::format("{:<18}{:>8}{:>8}{:>8}   {}\n", "", "P", "R", "F1", "counts");
  auto entity = [&](std::string_view kind, const EntityScores& e) {
    out += Row(fmt::format("{} strict", kind), e.strict,
               fmt::format("system {}, gold {}, matched {}", e.strict.system, e.strict.gold,
                           e.strict.system_correct));
    out += Row(fmt::format("{} relaxed", kind), e.relaxed,
               fmt::format("system {}, gold {}, matched {}", e.relaxed.system,
                           e.relaxed.gold, e.relaxed.system_correct));
    for (const AttributeScore& a : e.attributes) {
      out += Row(fmt::format("  {}", a.name), a.prf,
                 fmt::format("same {} of {} matched (accuracy {:.2f})", a.same, a.matched,
                             100 * a.Accuracy()));
    }
  };
  entity("TIMEX3", r.timex);
  entity("EVENT", r.event);
  const TLinkScores& t = r.tlink;
  out += Row("TLINK awareness", t.awareness,
             fmt::format("reduced system {} (verified {}), reduced gold {} (verified {})",
                         t.awareness.system, t.awareness.system_correct, t.awareness.gold,
                         t.awareness.gold_correct));
  out += fmt::format(
      "TLINKs: system {} ({} contradicting, {} on unmatched entities), gold {} ({} "
      "contradicting), {} unknown relTypes ignored\n",
      t.system_links, t.system_conflicts, t.system_links_unmatched, t.gold_links,
      t.gold_conflicts, t.unknown_relations);
  return out;
}

nlohmann::json ReportToJson(const EvalReport& r) {
  const TLinkScores& t = r.tlink;
  nlohmann::json tl = PrfJson(t.awareness);
  tl["system_links"] = t.system_links;
  tl["gold_links"] = t.gold_links;
  tl["system_conflicts"] = t.system_conflicts;
  tl["gold_conflicts"] = t.gold_conflicts;
  tl["unknown_relations"] = t.unknown_relations;
  tl["system_links_unmatched"] = t.system_links_unmatched;
  return {{"documents", r.documents},
          {"timex", EntityJson(r.timex)},
          {"event", EntityJson(r.event)},
          {"tlink", tl}};
}

}  // namespace chronicle
