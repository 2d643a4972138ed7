#include "eval/matres.h"

#include <fmt/format.h>

#include <map>
#include <unordered_map>

#include "reason/temporal_graph.h"
#include "util/file.h"
#include "util/strings.h"

namespace chronicle {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Span key of an EVENT for matching gold instances to system ones.
uint64_t SpanKey(Span s) { return (uint64_t{s.begin} << 32) | s.end; }

// Gold instance id -> the system instance id of the same EVENT span (or
// the same id when the system kept the gold ids).
std::unordered_map<std::string, std::string> MapInstances(const Document* gold,
                                                          const Document& system) {
  std::unordered_map<std::string, std::string> out;
  std::unordered_map<std::string, Span> sys_event_span;
  for (const Event& e : system.events) sys_event_span[e.id] = e.span;
  std::unordered_map<std::string, Span> sys_inst_span;
  std::unordered_map<uint64_t, std::string> sys_inst_at;
  for (const EventInstance& i : system.instances) {
    auto it = sys_event_span.find(i.event_id);
    if (it == sys_event_span.end()) continue;
    sys_inst_span[i.id] = it->second;
    sys_inst_at.emplace(SpanKey(it->second), i.id);  // the first instance of an event
  }
  if (!gold) {
    for (const auto& [id, span] : sys_inst_span) out[id] = id;
    return out;
  }
  std::unordered_map<std::string, Span> gold_event_span;
  for (const Event& e : gold->events) gold_event_span[e.id] = e.span;
  for (const EventInstance& i : gold->instances) {
    auto it = gold_event_span.find(i.event_id);
    if (it == gold_event_span.end()) continue;
    auto same = sys_inst_span.find(i.id);
    if (same != sys_inst_span.end() && SpanKey(same->second) == SpanKey(it->second)) {
      out[i.id] = i.id;
      continue;
    }
    auto at = sys_inst_at.find(SpanKey(it->second));
    if (at != sys_inst_at.end()) out[i.id] = at->second;
  }
  return out;
}

StartRel FromPoint(PointRel r) {
  if (r == kLt) return StartRel::kBefore;
  if (r == kGt) return StartRel::kAfter;
  if (r == kEq) return StartRel::kEqual;
  return StartRel::kVague;
}

TemporalGraph GraphOf(const std::vector<TLink>& links) {
  TemporalGraph g;
  for (const TLink& l : links)
    if (auto r = ParseTimeMLRel(l.rel_type)) g.Add(l.source_id, *r, l.target_id);
  return g;
}

StartRel Query(const TemporalGraph& g, const std::string& a, const std::string& b) {
  auto na = g.FindNode(a), nb = g.FindNode(b);
  if (!na || !nb) return StartRel::kVague;
  if (*na == *nb) return StartRel::kEqual;
  return FromPoint(g.Query(*na, *nb).p[kSS]);
}

}  // namespace

const char* StartRelName(StartRel r) {
  switch (r) {
    case StartRel::kBefore: return "BEFORE";
    case StartRel::kAfter: return "AFTER";
    case StartRel::kEqual: return "EQUAL";
    case StartRel::kVague: return "VAGUE";
  }
  return "?";
}

Result<std::vector<MatresPair>> ParseMatres(std::string_view text, const std::string& name) {
  std::vector<MatresPair> out;
  int line_no = 0;
  size_t pos = 0;
  std::string_view line;
  while (NextLine(text, &pos, &line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string_view> f = SplitFields(line);
    if (f.empty() || f[0][0] == '#') continue;
    if (f.size() != 6)
      return Error::Invalid(fmt::format("expected 6 fields (docid verb1 verb2 eiid1 eiid2 "
                                        "relation), found {}", f.size()),
                            name, line_no, 1);
    if (!AllDigits(f[3]) || !AllDigits(f[4]))
      return Error::Invalid("event instance ids must be numbers", name, line_no,
                            static_cast<int>(f[3].data() - line.data()) + 1);
    MatresPair p;
    p.doc = std::string(f[0]);
    p.source = "ei" + std::string(f[3]);
    p.target = "ei" + std::string(f[4]);
    std::string_view r = f[5];
    if (r == "BEFORE") p.rel = StartRel::kBefore;
    else if (r == "AFTER") p.rel = StartRel::kAfter;
    else if (r == "EQUAL") p.rel = StartRel::kEqual;
    else if (r == "VAGUE") p.rel = StartRel::kVague;
    else
      return Error::Invalid(fmt::format("unknown MATRES relation '{}'", r), name, line_no,
                            static_cast<int>(r.data() - line.data()) + 1);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<MatresPair>> ReadMatres(const std::string& path) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.error();
  return ParseMatres(bytes.value(), path);
}

StartRel StartRelation(const std::vector<TLink>& links, const std::string& a,
                       const std::string& b) {
  return Query(GraphOf(links), a, b);
}

double MatresScores::Accuracy() const {
  int64_t same = 0;
  for (int i = 0; i < kStartRelCount; ++i) same += confusion[i][i];
  return pairs ? static_cast<double>(same) / pairs : 0.0;
}

MatresScores EvaluateMatres(const std::vector<MatresPair>& gold,
                            const std::vector<MatresDocument>& docs) {
  MatresScores s;
  std::map<std::string, const MatresDocument*> by_name;
  for (const MatresDocument& d : docs) by_name[d.name] = &d;
  // Per document: its system graph and the gold -> system id map.
  struct Prepared {
    TemporalGraph graph;
    std::unordered_map<std::string, std::string> ids;
  };
  std::map<std::string, Prepared> prepared;
  for (const MatresPair& p : gold) {
    auto it = by_name.find(p.doc);
    if (it == by_name.end()) {
      ++s.skipped_pairs;
      continue;
    }
    auto pit = prepared.find(p.doc);
    if (pit == prepared.end()) {
      Prepared prep;
      if (it->second->system) {
        prep.graph = GraphOf(it->second->system->tlinks);
        prep.ids = MapInstances(it->second->gold, *it->second->system);
      }
      pit = prepared.emplace(p.doc, std::move(prep)).first;
    }
    const Prepared& prep = pit->second;
    ++s.pairs;
    StartRel sys = StartRel::kVague;
    auto a = prep.ids.find(p.source), b = prep.ids.find(p.target);
    if (a == prep.ids.end()) ++s.unmatched_endpoints;
    if (b == prep.ids.end()) ++s.unmatched_endpoints;
    if (a != prep.ids.end() && b != prep.ids.end()) sys = Query(prep.graph, a->second, b->second);
    s.confusion[static_cast<int>(p.rel)][static_cast<int>(sys)]++;
    bool gold_pos = p.rel != StartRel::kVague, sys_pos = sys != StartRel::kVague;
    if (gold_pos) ++s.micro.gold;
    if (sys_pos) ++s.micro.system;
    if (sys_pos && sys == p.rel) {
      ++s.micro.system_correct;
      ++s.micro.gold_correct;
    }
  }
  return s;
}

std::string FormatMatres(const MatresScores& s) {
  std::string out = fmt::format(
      "MATRES pairwise (start points; micro over BEFORE/AFTER/EQUAL, VAGUE negative)\n"
      "  P {:.2f}  R {:.2f}  F1 {:.2f}  ({} pairs scored, {} system non-VAGUE, {} gold "
      "non-VAGUE, {} correct; accuracy with VAGUE {:.2f}; {} pairs skipped, {} endpoints "
      "unmatched)\n  gold \\ system   BEFORE    AFTER    EQUAL    VAGUE\n",
      100 * s.micro.Precision(), 100 * s.micro.Recall(), 100 * s.micro.F1(), s.pairs,
      s.micro.system, s.micro.gold, s.micro.system_correct, 100 * s.Accuracy(), s.skipped_pairs,
      s.unmatched_endpoints);
  for (int g = 0; g < kStartRelCount; ++g) {
    out += fmt::format("  {:<14}", StartRelName(static_cast<StartRel>(g)));
    for (int y = 0; y < kStartRelCount; ++y) out += fmt::format(" {:>8}", s.confusion[g][y]);
    out += "\n";
  }
  return out;
}

}  // namespace chronicle
