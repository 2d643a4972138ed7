#include "timeline/timeline.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/json.h"
#include "reason/temporal_graph.h"

namespace chronicle {
namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

CivilDate DateOf(int64_t minutes) {
  int64_t days = minutes >= 0 ? minutes / kMinutesPerDay : -((-minutes + kMinutesPerDay - 1) / kMinutesPerDay);
  return CivilFromDays(days);
}

std::string DayLabel(CivilDate d) {
  return fmt::format("{} {} {}", d.day, kMonths[d.month - 1], d.year);
}

// The sentence around `span`: the document's sentence when tokenized, else
// the text between the nearest sentence ends (. ! ? or a blank line).
Span SentenceOf(const Document& doc, Span span) {
  for (const Sentence& s : doc.sentences)
    if (s.span.begin <= span.begin && span.end <= s.span.end) return s.span;
  const std::string& t = doc.text;
  size_t b = span.begin;
  while (b > 0) {
    char c = t[b - 1];
    if ((c == '\n' && b >= 2 && t[b - 2] == '\n') ||
        ((c == ' ' || c == '\n') && b >= 2 && (t[b - 2] == '.' || t[b - 2] == '!' || t[b - 2] == '?')))
      break;
    --b;
  }
  size_t e = span.end;
  while (e < t.size()) {
    char c = t[e];
    ++e;
    if ((c == '.' || c == '!' || c == '?') && (e >= t.size() || t[e] == ' ' || t[e] == '\n')) break;
    if (c == '\n' && e < t.size() && t[e] == '\n') break;
  }
  while (b < e && (t[b] == ' ' || t[b] == '\n')) ++b;
  while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\n')) --e;
  return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

// Code points in a UTF-8 byte range.
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// a starts no earlier and ends no later than b.
bool Within(const IntervalRelation& p) {
  return (p.p[kSS] & kLt) == 0 && (p.p[kEE] & kGt) == 0;
}

// a starts no later and ends no earlier than b.
bool Covers(const IntervalRelation& p) {
  return (p.p[kSS] & kGt) == 0 && (p.p[kEE] & kLt) == 0;
}

// A TIMEX3 mod under which the value still names where the time is
// ("early 2020" is in 2020; "before 2020" is not).
bool IsCalendarMod(std::string_view mod) {
  return mod.empty() || mod == "START" || mod == "MID" || mod == "END" || mod == "APPROX";
}

}  // namespace

std::string CalendarLabel(const CalendarInterval& i) {
  if (i.begin <= kCalendarMin) return "before " + DayLabel(DateOf(i.end));
  if (i.end >= kCalendarMax) return "after " + DayLabel(DateOf(i.begin - 1));
  CivilDate b = DateOf(i.begin);
  if (i.granularity == 11) return "around " + DayLabel(DateOf((i.begin + i.end) / 2));
  switch (i.granularity) {
    case 0:
    case 1:
      return fmt::format("{}, {:02}:{:02}", DayLabel(b), (i.begin % kMinutesPerDay + kMinutesPerDay) %
                                                             kMinutesPerDay / 60,
                         (i.begin % 60 + 60) % 60);
    case 2: {
      int hour = static_cast<int>((i.begin % kMinutesPerDay + kMinutesPerDay) % kMinutesPerDay / 60);
      const char* part = hour < 12 ? "morning" : hour < 17 ? "afternoon" : hour < 21 ? "evening" : "night";
      return fmt::format("{} ({})", DayLabel(b), part);
    }
    case 3: return DayLabel(b);
    case 4: {
      int y = 0, w = 0;
      IsoWeek(b, &y, &w);
      return fmt::format("week {} of {}", w, y);
    }
    case 5: return fmt::format("{} {}", kMonths[b.month - 1], b.year);
    case 6: {
      CivilDate e = DateOf(i.end - 1);
      int months = (e.year - b.year) * 12 + e.month - b.month + 1;
      if (months == 3 && (b.month - 1) % 3 == 0) return fmt::format("Q{} {}", (b.month - 1) / 3 + 1, b.year);
      if (months == 6) return fmt::format("{} half of {}", b.month == 1 ? "first" : "second", b.year);
      return fmt::format("{} to {} {}", kMonths[b.month - 1], kMonths[e.month - 1], e.year);
    }
    case 7: return std::to_string(b.year);
    case 8: return fmt::format("the {}s", b.year);
    case 9: return fmt::format("the {}s", b.year);
    default: return DayLabel(b);
  }
}

Timeline BuildTimeline(const Document& doc) {
  Timeline tl;
  std::optional<CalendarInterval> dct;
  if (doc.dct) dct = DctInterval(doc.dct->value);

  // Dated expressions and the axis groups (one per distinct interval).
  struct Dated {
    std::string id;
    CalendarInterval interval;
    std::string text;
    std::string value;
    Span span;
  };
  std::vector<Dated> dated;
  // REF values: only their side of the DCT is known.
  std::vector<std::pair<std::string, TimeMLRel>> relative;
  std::string dct_id = doc.dct && !doc.dct->id.empty() ? doc.dct->id : "t0";
  if (dct) dated.push_back({dct_id, *dct, "", doc.dct->value, Span{}});
  for (const Timex& t : doc.timexes) {
    if (t.span.empty() || (t.type != "DATE" && t.type != "TIME")) continue;
    if (t.id == dct_id) continue;
    if (t.value == "PAST_REF" || t.value == "FUTURE_REF") {
      if (dct) relative.emplace_back(t.id, t.value == "PAST_REF" ? TimeMLRel::kBefore : TimeMLRel::kAfter);
      continue;
    }
    if (!IsCalendarMod(t.mod)) continue;
    auto iv = TimexInterval(t.value, dct);
    if (!iv || iv->granularity >= 10) continue;
    dated.push_back({t.id, *iv, std::string(doc.Text(t.span)), t.value, t.span});
  }
  std::map<std::pair<int64_t, int64_t>, int> group_of;
  for (const Dated& d : dated) {
    auto key = std::make_pair(d.interval.begin, d.interval.end);
    auto it = group_of.find(key);
    if (it == group_of.end()) {
      TimelineGroup g;
      g.interval = d.interval;
      g.label = CalendarLabel(d.interval);
      it = group_of.emplace(key, static_cast<int>(tl.groups.size())).first;
      tl.groups.push_back(std::move(g));
    }
    TimelineGroup& g = tl.groups[it->second];
    if (d.id == dct_id && d.text.empty()) {
      g.is_dct = true;
    } else {
      g.timex_ids.push_back(d.id);
      g.timex_texts.push_back(d.text);
      g.timex_values.push_back(d.value);
      g.timex_sentences.push_back(std::string(doc.Text(SentenceOf(doc, d.span))));
    }
  }

  // The closure: calendar facts between dated expressions first, then the
  // document's links in order (a link contradicting those before it is
  // skipped).
  TemporalGraph graph;
  for (size_t i = 0; i < dated.size(); ++i)
    for (size_t j = i + 1; j < dated.size(); ++j)
      if (auto r = CompareIntervals(dated[i].interval, dated[j].interval))
        graph.Add(dated[i].id, *r, dated[j].id);
  for (const auto& [id, rel] : relative) graph.Add(id, rel, dct_id);
  std::map<std::pair<std::string, std::string>, TimeMLRel> direct;
  for (const TLink& l : doc.tlinks) {
    auto r = ParseTimeMLRel(l.rel_type);
    if (!r) continue;
    if (graph.Add(l.source_id, *r, l.target_id) != TemporalGraph::AddOutcome::kConflict) {
      direct[{l.source_id, l.target_id}] = *r;
      direct[{l.target_id, l.source_id}] = Inverse(*r);
    }
  }

  std::unordered_map<std::string, const Event*> events;
  for (const Event& e : doc.events) events[e.id] = &e;
  for (const EventInstance& inst : doc.instances) {
    auto it = events.find(inst.event_id);
    if (it == events.end()) continue;
    TimelineEvent te;
    te.instance_id = inst.id;
    te.event_id = inst.event_id;
    te.span = it->second->span;
    te.event_class = it->second->event_class;
    te.tense = inst.tense;
    te.aspect = inst.aspect;
    te.text = std::string(doc.Text(te.span));
    te.sentence_span = SentenceOf(doc, te.span);
    te.sentence = std::string(doc.Text(te.sentence_span));
    tl.events.push_back(std::move(te));
  }
  std::stable_sort(tl.events.begin(), tl.events.end(),
                   [](const TimelineEvent& a, const TimelineEvent& b) {
                     return a.span.begin < b.span.begin;
                   });

  for (TimelineEvent& e : tl.events) {
    auto node = graph.FindNode(e.instance_id);
    if (!node) continue;
    std::optional<CalendarInterval> spans;
    const Dated* spans_by = nullptr;
    for (const Dated& d : dated) {
      auto tn = graph.FindNode(d.id);
      if (!tn) continue;
      IntervalRelation p = graph.Query(*node, *tn);
      int64_t len = d.interval.end - d.interval.begin;
      if (Within(p)) {
        if (!e.anchor || len < e.anchor->end - e.anchor->begin) {
          e.anchor = d.interval;
          e.anchor_timex = d.id;
          e.anchor_value = d.value;
        }
      } else if (Covers(p)) {
        if (!spans || len > spans->end - spans->begin) {
          spans = d.interval;
          spans_by = &d;
        }
      }
      // Bounds: the event starts no earlier than d's end (or start) and
      // ends no later than d's start (or end).
      int64_t after = kCalendarMin, before = kCalendarMax;
      if ((p.p[kSE] & kLt) == 0) after = d.interval.end;
      else if ((p.p[kSS] & kLt) == 0) after = d.interval.begin;
      if ((p.p[kES] & kGt) == 0) before = d.interval.begin;
      else if ((p.p[kEE] & kGt) == 0) before = d.interval.end;
      if (after > e.after) {
        e.after = after;
        e.after_timex = d.id;
        e.after_interval = d.interval;
      }
      if (before < e.before) {
        e.before = before;
        e.before_timex = d.id;
        e.before_interval = d.interval;
      }
    }
    if (e.anchor) {
      e.anchor_relation = "within";
    } else if (spans) {
      e.anchor = spans;
      e.anchor_timex = spans_by->id;
      e.anchor_value = spans_by->value;
      e.anchor_relation = "spans";
    }
    if (e.anchor) {
      e.anchor_how = direct.count({e.instance_id, e.anchor_timex}) ? "direct" : "closure";
    }
  }

  // Topological order of "entirely before" (a.end <= b.start), document
  // order breaking ties: Kahn's algorithm taking the earliest ready event.
  size_t n = tl.events.size();
  std::vector<std::optional<TemporalGraph::NodeId>> nodes(n);
  for (size_t i = 0; i < n; ++i) nodes[i] = graph.FindNode(tl.events[i].instance_id);
  std::vector<std::vector<int>> after_me(n);
  std::vector<int> indegree(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (!nodes[i]) continue;
    for (size_t j = 0; j < n; ++j) {
      if (i == j || !nodes[j]) continue;
      if ((graph.Query(*nodes[i], *nodes[j]).p[kES] & kGt) == 0) {
        after_me[i].push_back(static_cast<int>(j));
        ++indegree[j];
      }
    }
  }
  std::set<int> ready;
  for (size_t i = 0; i < n; ++i)
    if (indegree[i] == 0) ready.insert(static_cast<int>(i));
  int next = 0;
  while (!ready.empty()) {
    int i = *ready.begin();
    ready.erase(ready.begin());
    tl.events[i].order = next++;
    for (int j : after_me[i])
      if (--indegree[j] == 0) ready.insert(j);
  }

  for (size_t i = 0; i < tl.events.size(); ++i) {
    const TimelineEvent& e = tl.events[i];
    if (e.anchor) {
      tl.groups[group_of.at({e.anchor->begin, e.anchor->end})].events.push_back(static_cast<int>(i));
    } else {
      tl.undated.push_back(static_cast<int>(i));
    }
  }
  auto by_order = [&](int a, int b) { return tl.events[a].order < tl.events[b].order; };
  std::sort(tl.undated.begin(), tl.undated.end(), by_order);
  for (TimelineGroup& g : tl.groups) std::sort(g.events.begin(), g.events.end(), by_order);
  // Axis order: by start, a longer interval before the ones it contains.
  std::stable_sort(tl.groups.begin(), tl.groups.end(), [](const TimelineGroup& a, const TimelineGroup& b) {
    if (a.interval.begin != b.interval.begin) return a.interval.begin < b.interval.begin;
    return a.interval.end > b.interval.end;
  });
  return tl;
}

namespace {

const char* GranularityName(int g) {
  static const char* const kNames[] = {"minute", "hour",   "day part", "day",       "week",   "month",
                                       "quarter", "year", "decade",   "century", "open", "around"};
  return g >= 0 && g < 12 ? kNames[g] : "day";
}

nlohmann::json IntervalJson(const CalendarInterval& i) {
  return {{"label", CalendarLabel(i)},
          {"begin", i.begin},
          {"end", i.end},
          {"granularity", GranularityName(i.granularity)}};
}

nlohmann::json TimelineJson(const Document& doc, const Timeline& tl) {
  using nlohmann::json;
  json events = json::array();
  for (const TimelineEvent& e : tl.events) {
    json j = {{"id", e.instance_id},
              {"event", e.event_id},
              {"text", e.text},
              {"class", e.event_class},
              {"tense", e.tense},
              {"aspect", e.aspect},
              {"sentence", e.sentence},
              {"sentence_start", CodePoints(doc.Text(Span{e.sentence_span.begin, e.span.begin}))},
              {"sentence_end", CodePoints(doc.Text(Span{e.sentence_span.begin, e.span.end}))},
              {"order", e.order}};
    if (e.anchor) {
      json a = IntervalJson(*e.anchor);
      a["timex"] = e.anchor_timex;
      a["value"] = e.anchor_value;
      a["how"] = e.anchor_how;
      a["relation"] = e.anchor_relation;
      j["anchor"] = std::move(a);
    }
    if (e.after_interval) {
      j["after"] = IntervalJson(*e.after_interval);
      j["after"]["timex"] = e.after_timex;
      j["after"]["at"] = e.after;
    }
    if (e.before_interval) {
      j["before"] = IntervalJson(*e.before_interval);
      j["before"]["timex"] = e.before_timex;
      j["before"]["at"] = e.before;
    }
    events.push_back(std::move(j));
  }
  json groups = json::array();
  for (const TimelineGroup& g : tl.groups) {
    json timexes = json::array();
    for (size_t i = 0; i < g.timex_ids.size(); ++i)
      timexes.push_back({{"id", g.timex_ids[i]},
                         {"text", g.timex_texts[i]},
                         {"value", g.timex_values[i]},
                         {"sentence", g.timex_sentences[i]}});
    json j = IntervalJson(g.interval);
    j["dct"] = g.is_dct;
    j["timexes"] = std::move(timexes);
    j["events"] = g.events;
    groups.push_back(std::move(j));
  }
  return {{"dct", doc.dct && !doc.dct->id.empty() ? doc.dct->id : std::string("t0")},
          {"events", std::move(events)},
          {"groups", std::move(groups)},
          {"undated", tl.undated}};
}

// Compact JSON safe inside a <script> element: '<', '>' and '&' (which
// occur only inside strings) as \u escapes, and U+2028 / U+2029 too.
std::string ScriptSafe(const std::string& json) {
  std::string out;
  out.reserve(json.size() + json.size() / 16);
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
             (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

// The page: fixed text around the JSON; everything the reader sees is built
// by the script from that JSON, and document text reaches the page only
// through textContent and attributes, never as markup.
constexpr std::string_view kPageHead = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Chronicle">
<title>Timeline</title>
<style>
:root { --ink:#1f2430; --muted:#667085; --line:#98a2b3; --grid:#eaecf0; --direct:#2563eb; --closure:#7c8aa5;
        --spans:#0d9488; --dct:#d97706; --timex:#4b5563; --bg:#f7f8fb; }
* { box-sizing:border-box; }
body { margin:0; font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
       color:var(--ink); background:var(--bg); }
header { padding:18px 28px 6px; }
header h1 { margin:0; font-size:21px; font-weight:650; word-break:break-all; }
header p { margin:3px 0 0; color:var(--muted); font-size:13px; }
#tl-legend { margin:10px 0 0; font-size:12.5px; color:var(--muted); display:flex; flex-wrap:wrap; gap:6px 18px;
             align-items:center; }
#tl-legend .key { display:inline-flex; align-items:center; gap:6px; }
#tl-legend i { display:inline-block; width:26px; height:7px; border-radius:4px; }
main { display:grid; grid-template-columns:minmax(0,1fr) 300px; gap:22px; padding:8px 28px 36px; }
@media (max-width:900px) { main { grid-template-columns:minmax(0,1fr); } }
h2 { font-size:12.5px; text-transform:uppercase; letter-spacing:.06em; color:var(--muted); margin:10px 0 10px;
     font-weight:600; }
#tl-scroll { overflow-x:auto; background:#fff; border:1px solid #e3e7ee; border-radius:10px; padding:10px 0 6px; }
#tl-canvas { position:relative; }
.tl-item { position:absolute; white-space:nowrap; }
.tl-bar { height:7px; border-radius:4px; min-width:3px; }
.tl-label { font-size:13px; line-height:1.25; margin-top:2px; }
.tl-group .tl-bar { background:var(--timex); opacity:.55; height:5px; }
.tl-group .tl-label { font-weight:650; }
.tl-group .tl-phr { display:block; font-weight:400; color:var(--muted); font-size:12px; font-style:italic; }
.tl-group.tl-dctg .tl-bar { background:var(--dct); opacity:1; }
.tl-badge { display:inline-block; margin-left:6px; padding:0 6px; border-radius:8px; background:var(--dct); color:#fff;
            font-size:10.5px; font-weight:600; font-style:normal; vertical-align:1px; }
.tl-ev .tl-bar { background:var(--direct); }
.tl-ev.tl-closure .tl-bar { background:repeating-linear-gradient(90deg,var(--closure) 0 6px,transparent 6px 9px);
                            border:1px solid var(--closure); }
.tl-ev.tl-spans .tl-bar { position:relative; background:repeating-linear-gradient(135deg,var(--spans) 0 3px,#ccfbf1 3px 6px); }
.tl-ev.tl-spans .tl-bar::before, .tl-ev.tl-spans .tl-bar::after { content:""; position:absolute; top:2px; height:3px; width:12px; }
.tl-ev.tl-spans .tl-bar::before { right:100%; background:linear-gradient(90deg,transparent,var(--spans)); }
.tl-ev.tl-spans .tl-bar::after { left:100%; background:linear-gradient(90deg,var(--spans),transparent); }
.tl-ev .tl-label { padding:1px 7px; border-radius:10px; background:#eef4ff; border:1px solid #d3e0fb; display:inline-block; }
.tl-ev.tl-closure .tl-label { background:#f2f4f7; border:1px dashed #b9c2d0; }
.tl-ev.tl-spans .tl-label { background:#ecfdf9; border-color:#b6ece1; }
.tl-ev .tl-label::after { content:attr(data-arrow); color:var(--spans); }
.tl-ev:hover .tl-label, .tl-chip:hover, .tl-group:hover .tl-label, .tl-ev:focus .tl-label, .tl-chip:focus,
.tl-group:focus .tl-label { outline:2px solid #f59e0b; outline-offset:1px; }
.tl-item:focus, .tl-chip:focus { outline:none; }
.tl-axis { position:absolute; height:2px; background:var(--line); }
.tl-break { position:absolute; color:var(--line); font-size:16px; line-height:1; text-align:center; width:46px; }
.tl-tick { position:absolute; width:1px; background:var(--line); }
.tl-tick.tl-major { background:#475467; }
.tl-tl { position:absolute; font-size:11.5px; color:var(--muted); transform:translateX(-50%); white-space:nowrap; }
.tl-tl.tl-major { color:var(--ink); font-weight:650; font-size:12px; transform:none; }
.tl-grid { position:absolute; width:1px; background:var(--grid); }
.tl-grid.tl-gmajor { background:#d0d5dd; }
.tl-dctline { position:absolute; width:0; border-left:2px dashed var(--dct); opacity:.75; }
#tl-undated ol { margin:0; padding:10px 12px 10px 34px; background:#fff; border:1px solid #e3e7ee; border-radius:10px; }
#tl-undated li { margin:0 0 7px; }
.tl-chip { display:inline-block; padding:1px 8px; border-radius:10px; background:#f2f4f7; border:1px solid #d0d5dd;
           font-size:13.5px; cursor:default; }
.tl-bounds { display:block; color:var(--muted); font-size:12px; }
.tl-empty { color:var(--muted); font-style:italic; padding:8px 14px; }
#tl-tip { position:fixed; z-index:10; max-width:470px; padding:9px 12px; background:#111827; color:#f9fafb; border-radius:8px;
          font-size:13px; line-height:1.4; box-shadow:0 6px 20px rgba(0,0,0,.25); pointer-events:none; }
#tl-tip[hidden] { display:none; }
#tl-tip b { color:#fde68a; }
#tl-tip .tl-meta { color:#cbd5e1; font-size:12px; }
#tl-tip .tl-sent { margin-top:6px; padding-top:6px; border-top:1px solid #374151; }
#tl-tip mark { background:#fbbf24; color:#111827; border-radius:3px; padding:0 2px; }
noscript { display:block; padding:12px 28px; background:#fff3cd; }
</style>
</head>
<body>
<header><h1 id="tl-title">Timeline</h1><p id="tl-sub"></p><div id="tl-legend"></div></header>
<noscript>This page draws the timeline with JavaScript; its data is the JSON in the chronicle-data script block.</noscript>
<main>
<section id="tl-cal"><h2>On the calendar</h2><div id="tl-scroll"><div id="tl-canvas"></div></div></section>
<aside id="tl-undated"><h2>Not dated &mdash; in order</h2></aside>
</main>
<div id="tl-tip" hidden></div>
<script type="application/json" id="chronicle-data">)HTML";

constexpr std::string_view kPageTail = R"HTML(</script>
<script>
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('chronicle-data').textContent);
  var doc = data.document || {}, tl = data.timeline;
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
                'October', 'November', 'December'];
  var SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var DAY = 1440, MS = 60000;
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function px(v) { return Math.round(v) + 'px'; }
  function q(s) { return '\u201c' + s + '\u201d'; }

  // Header and legend.
  var dctGroup = null;
  tl.groups.forEach(function (g) { if (g.dct) dctGroup = g; });
  document.getElementById('tl-title').textContent = 'Timeline' + (doc.id ? ': ' + doc.id : '');
  document.title = 'Timeline' + (doc.id ? ': ' + doc.id : '');
  var nDated = 0;
  tl.events.forEach(function (e) { if (e.anchor) ++nDated; });
  document.getElementById('tl-sub').textContent =
      (dctGroup ? 'Document date ' + dctGroup.label + ' \u00b7 ' : '') + tl.events.length + ' events: ' +
      nDated + ' on the calendar, ' + (tl.events.length - nDated) + ' placed by order only.';
  var legend = document.getElementById('tl-legend');
  function key(style, text) {
    var k = el('span', 'key'), sw = el('i');
    sw.setAttribute('style', style);
    k.appendChild(sw);
    k.appendChild(document.createTextNode(text));
    legend.appendChild(k);
  }
  key('background:var(--timex);opacity:.55', 'what a time expression names');
  key('background:var(--direct)', 'event dated by a stated link');
  key('background:repeating-linear-gradient(90deg,var(--closure) 0 6px,transparent 6px 9px);border:1px solid var(--closure)',
      'event dated by reasoning');
  key('background:repeating-linear-gradient(135deg,var(--spans) 0 3px,#ccfbf1 3px 6px)',
      'event going on then, extending beyond');
  key('border-top:2px dashed var(--dct);height:0;border-radius:0', 'document date');
  legend.appendChild(el('span', '', 'Hover an event for its date and sentence.'));

  // Hover card.
  var tip = document.getElementById('tl-tip');
  var timexText = {};
  tl.groups.forEach(function (g) { g.timexes.forEach(function (t) { timexText[t.id] = t.text; }); });
  function eventCard(e) {
    var box = el('div');
    box.appendChild(el('b', '', e.text));
    box.appendChild(el('span', 'tl-meta', '  ' + [e['class'], e.tense, e.aspect].filter(function (x) {
      return x && x !== 'NONE';
    }).join(' \u00b7 ')));
    var a = e.anchor, line;
    if (a && a.relation === 'spans') {
      line = 'Going on at ' + a.label + ' (' + a.value + ') and beyond';
    } else if (a) {
      line = 'In ' + a.label + ' (' + a.value + ')';
    }
    if (a) {
      line += ' \u2014 ' + (a.timex === tl.dct ? 'the document date' : timexText[a.timex] ? q(timexText[a.timex]) : a.timex) +
          ', ' + (a.how === 'direct' ? 'stated by a link' : 'found by reasoning') + '.';
    } else {
      var b = [];
      if (e.after) b.push('after ' + e.after.label);
      if (e.before) b.push('before ' + e.before.label);
      line = 'Not dated' + (b.length ? ': ' + b.join(', ') : '') + '; number ' + (e.order + 1) + ' of ' +
          tl.events.length + ' in time order.';
    }
    box.appendChild(el('div', 'tl-meta', line));
    var chars = Array.from(e.sentence), s = el('div', 'tl-sent');
    s.appendChild(document.createTextNode(chars.slice(0, e.sentence_start).join('')));
    s.appendChild(el('mark', '', chars.slice(e.sentence_start, e.sentence_end).join('')));
    s.appendChild(document.createTextNode(chars.slice(e.sentence_end).join('')));
    box.appendChild(s);
    return box;
  }
  function groupCard(g) {
    var box = el('div');
    box.appendChild(el('b', '', g.label));
    box.appendChild(el('span', 'tl-meta', '  ' + g.granularity + (g.dct ? ' \u00b7 the document date' : '')));
    g.timexes.forEach(function (t) {
      var s = el('div', 'tl-sent');
      s.appendChild(el('mark', '', t.text));
      s.appendChild(document.createTextNode(' = ' + t.value + ' \u2014 ' + t.sentence));
      box.appendChild(s);
    });
    return box;
  }
  function place(x, y) {
    var left = Math.min(x + 14, window.innerWidth - tip.offsetWidth - 8);
    var top = y + 16;
    if (top + tip.offsetHeight > window.innerHeight - 8) top = Math.max(8, y - tip.offsetHeight - 10);
    tip.style.left = px(Math.max(8, left));
    tip.style.top = px(top);
  }
  // The card follows the pointer; keyboard focus (Tab) shows it too.
  function hover(node, card) {
    function show(x, y) {
      tip.textContent = '';
      tip.appendChild(card());
      tip.hidden = false;
      place(x, y);
    }
    node.tabIndex = 0;
    node.addEventListener('mouseenter', function (ev) { show(ev.clientX, ev.clientY); });
    node.addEventListener('mousemove', function (ev) { place(ev.clientX, ev.clientY); });
    node.addEventListener('mouseleave', function () { tip.hidden = true; });
    node.addEventListener('focus', function () {
      var r = node.getBoundingClientRect();
      show(r.left, r.bottom);
    });
    node.addEventListener('blur', function () { tip.hidden = true; });
  }
  function tagEvent(node, e) {
    node.setAttribute('data-kind', 'event');
    node.setAttribute('data-id', e.id);
    node.setAttribute('data-sentence', e.sentence);
    hover(node, function () { return eventCard(e); });
  }

  // What goes on the axis: the dated expressions (top band) and the events
  // anchored to them (bottom band), in time order.
  var groups = [], evs = [];
  tl.groups.forEach(function (g) {
    if (g.timexes.length || g.dct) groups.push({ g: g, b: g.begin, e: g.end });
    g.events.forEach(function (i) { evs.push({ ev: tl.events[i], b: g.begin, e: g.end }); });
  });
  var canvas = document.getElementById('tl-canvas');
  if (!groups.length && !evs.length) {
    canvas.appendChild(el('p', 'tl-empty', 'Nothing in this document names a calendar date.'));
  } else {
    // Scale: clusters of dated intervals on one linear scale; an empty
    // stretch much longer than the rest is cut and marked.
    var spans = groups.concat(evs).map(function (it) { return [it.b, it.e]; });
    spans.sort(function (p, r) { return p[0] - r[0] || r[1] - p[1]; });
    var lo = spans[0][0], hi = Math.max.apply(null, spans.map(function (s) { return s[1]; }));
    var gap = Math.max(60 * DAY, 0.25 * (hi - lo));
    var raw = [];
    spans.forEach(function (s) {
      var c = raw[raw.length - 1];
      if (c && s[0] <= c[1] + gap) c[1] = Math.max(c[1], s[1]);
      else raw.push([s[0], s[1]]);
    });
    // Minutes since 1970 of a UTC date (Date.UTC would read years 0-99 as
    // 1900-1999; month and day may overflow).
    function utc(y, m, d) {
      var x = new Date(0);
      x.setUTCFullYear(y, m, d);
      x.setUTCHours(0, 0, 0, 0);
      return x.getTime() / MS;
    }
    function floorTo(t, months) {
      var d = new Date(t * MS);
      return months ? utc(d.getUTCFullYear(), d.getUTCMonth(), 1) : utc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    }
    function ceilTo(t, months) {
      var f = floorTo(t, months), d = new Date(f * MS);
      if (f === t) return t;
      return months ? utc(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) : utc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
    }
    var clusters = [];
    raw.forEach(function (c) {
      // A little room either side, on whole months (whole days for a
      // stretch of less than three months).
      var months = c[1] - c[0] > 90 * DAY;
      var pad = Math.max(months ? 20 * DAY : 2 * DAY, 0.04 * (c[1] - c[0]));
      var b = floorTo(c[0] - pad, months), e = ceilTo(c[1] + pad, months);
      var last = clusters[clusters.length - 1];
      if (last && b <= last[1]) last[1] = Math.max(last[1], e);
      else clusters.push([b, e]);
    });
    var BREAK = 46, MARGIN = 24;
    var scroll = document.getElementById('tl-scroll');
    // Room on the right for the labels of the last items.
    var target = Math.max(760, scroll.clientWidth - 2 * MARGIN - 130);
    var total = 0;
    clusters.forEach(function (c) { total += c[1] - c[0]; });
    // Each stretch gets room by its length and by how much is drawn in it
    // (half each), at most 90 px a day.
    var counts = clusters.map(function () { return 0; }), all = groups.length + evs.length;
    groups.concat(evs).forEach(function (it) {
      for (var i = 0; i < clusters.length; ++i) if (it.b < clusters[i][1]) { ++counts[i]; break; }
    });
    var avail = target - BREAK * (clusters.length - 1);
    var ks = clusters.map(function (c, i) {
      var share = clusters.length === 1 ? 1 : 0.5 * (c[1] - c[0]) / total + 0.5 * counts[i] / all;
      return Math.min(avail * share / (c[1] - c[0]), 90 / DAY);
    });
    var off = [], xPos = MARGIN;
    clusters.forEach(function (c, i) { off.push(xPos); xPos += (c[1] - c[0]) * ks[i] + (i + 1 < clusters.length ? BREAK : 0); });
    var axisEnd = xPos;
    function X(t) {
      for (var i = 0; i < clusters.length; ++i)
        if (t <= clusters[i][1] || i + 1 === clusters.length) return off[i] + (Math.max(t, clusters[i][0]) - clusters[i][0]) * ks[i];
      return axisEnd;
    }

    // Lanes: each item takes the first lane free at its left edge.
    function layout(items, make) {
      var lanes = [];
      items.forEach(function (it) {
        it.x0 = X(it.b);
        it.x1 = Math.max(X(it.e), it.x0 + 3);
        it.node = make(it);
        it.node.style.left = px(it.x0);
        canvas.appendChild(it.node);
        it.bar.style.width = px(it.x1 - it.x0);
        var right = Math.max(it.x1, it.x0 + it.node.offsetWidth) + 10;
        var lane = 0;
        while (lane < lanes.length && lanes[lane] > it.x0) ++lane;
        lanes[lane] = right;
        it.lane = lane;
        it.node.setAttribute('data-x', String(Math.round(it.x0)));
        it.node.setAttribute('data-lane', String(lane));
        it.node.setAttribute('data-right', String(Math.round(right - 10)));
      });
      return lanes.length;
    }
    var gLanes = layout(groups, function (it) {
      var g = it.g, n = el('div', 'tl-item tl-group' + (g.dct ? ' tl-dctg' : ''));
      n.setAttribute('data-kind', 'group');
      n.setAttribute('data-label', g.label);
      it.bar = n.appendChild(el('div', 'tl-bar'));
      var lab = n.appendChild(el('div', 'tl-label', g.label));
      if (g.dct) lab.appendChild(el('span', 'tl-badge', 'document date'));
      var seen = {}, phr = [];
      g.timexes.forEach(function (t) {
        var key = t.text.toLowerCase();
        if (!seen[key]) { seen[key] = 1; phr.push(q(t.text)); }
      });
      lab.appendChild(el('span', 'tl-phr', phr.length ? phr.join(', ') : '\u00a0'));
      hover(n, function () { return groupCard(g); });
      return n;
    });
    var eLanes = layout(evs, function (it) {
      var e = it.ev, a = e.anchor;
      var n = el('div', 'tl-item tl-ev ' + (a.relation === 'spans' ? 'tl-spans' : a.how === 'direct' ? 'tl-direct' : 'tl-closure'));
      it.bar = n.appendChild(el('div', 'tl-bar'));
      var lab = n.appendChild(el('div', 'tl-label', e.text));
      if (a.relation === 'spans') lab.setAttribute('data-arrow', ' \u2194');
      tagEvent(n, e);
      return n;
    });
    var G_H = 48, E_H = 31, TOP = 4;
    var axisY = TOP + gLanes * G_H + 14, evTop = axisY + 44;
    var height = evTop + Math.max(1, eLanes) * E_H + 8;
    groups.forEach(function (it) { it.node.style.top = px(TOP + it.lane * G_H); });
    evs.forEach(function (it) { it.node.style.top = px(evTop + it.lane * E_H); });
    var width = axisEnd + MARGIN;
    groups.concat(evs).forEach(function (it) { width = Math.max(width, it.x0 + it.node.offsetWidth + MARGIN); });
    canvas.style.width = px(width);
    canvas.style.height = px(height);

    // Axis, cuts and ticks.
    function add(cls, x, y, w, h, text) {
      var n = el('div', cls, text);
      n.style.left = px(x);
      n.style.top = px(y);
      if (w !== null) n.style.width = px(w);
      if (h !== null) n.style.height = px(h);
      canvas.insertBefore(n, canvas.firstChild);
      return n;
    }
    clusters.forEach(function (c, ci) {
      var pxDay = ks[ci] * DAY, pxMonth = pxDay * 30.44, pxYear = pxDay * 365.25;
      var x0 = off[ci], x1 = off[ci] + (c[1] - c[0]) * ks[ci], xEnd = x1, headDone = false;
      add('tl-axis', x0, axisY, x1 - x0, null);
      if (ci + 1 < clusters.length) add('tl-break', x1, axisY - 9, null, null, '\u2248');
      var d0 = new Date(c[0] * MS), y0 = d0.getUTCFullYear();
      function tick(t, major, minorText, majorText) {
        if (t < c[0] || t > c[1]) return;
        var x = X(t);
        if (major || minorText) add('tl-grid' + (major ? ' tl-gmajor' : ''), x, TOP, null, height - TOP - 4);
        add('tl-tick' + (major ? ' tl-major' : ''), x, axisY - (major ? 6 : 4), null, major ? 14 : 9);
        // A unit's name sits in its middle, when that is on this stretch.
        if (minorText && x + minorWidth / 2 <= xEnd) add('tl-tl', x + minorWidth / 2, axisY + 7, null, null, minorText);
        if (majorText) add('tl-tl tl-major', x + 2, axisY + (minorRow ? 22 : 8), null, null, majorText);
      }
      // The start of a stretch names its year (or month) too, unless the
      // next major tick is close.
      function roomBefore(t, next) { return next >= c[1] || X(next) - X(t) > 64; }
      var t, d, m, y, minorWidth = 0, minorRow = false;
      if (pxDay >= 24) {
        minorWidth = pxDay;
        minorRow = true;
        for (t = c[0]; t < c[1]; t += DAY) {
          d = new Date(t * MS);
          var som = d.getUTCDate() === 1;
          var first = !headDone && roomBefore(t, utc(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
          headDone = true;
          tick(t, som, String(d.getUTCDate()), som || first ? MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear() : '');
        }
      } else if (pxMonth >= 8) {
        // Month ticks; names on every month when there is room, else on
        // every quarter.
        var every = pxMonth >= 30 ? 1 : pxMonth * 3 >= 30 ? 3 : 0;
        minorWidth = pxMonth;
        minorRow = every > 0;
        for (m = 0; ; ++m) {
          t = utc(y0, d0.getUTCMonth() + m, 1);
          if (t >= c[1]) break;
          d = new Date(t * MS);
          var mon = d.getUTCMonth(), jan = mon === 0;
          var name = every && mon % every === 0 && !(every === 3 && jan) ? SHORT[mon] : '';
          var head = false;
          if (t >= c[0] && !headDone) {
            head = roomBefore(t, utc(d.getUTCFullYear() + 1, 0, 1));
            headDone = true;
          }
          tick(t, jan, name, jan || head ? String(d.getUTCFullYear()) : '');
        }
      } else {
        var steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], step = steps[steps.length - 1];
        for (var si = 0; si < steps.length; ++si) if (steps[si] * pxYear >= 44) { step = steps[si]; break; }
        for (y = Math.ceil(y0 / step) * step; ; y += step) {
          t = utc(y, 0, 1);
          if (t >= c[1]) break;
          tick(t, true, '', String(y));
        }
      }
    });
    if (dctGroup) {
      var xd = (X(dctGroup.begin) + X(dctGroup.end)) / 2;
      var line = add('tl-dctline', xd - 1, TOP, null, height - TOP - 4);
      line.setAttribute('data-kind', 'dct');
      line.setAttribute('data-x', String(Math.round(xd)));
    }
  }

  // The undated events, in order, with their bounds.
  var side = document.getElementById('tl-undated');
  if (!tl.undated.length) {
    side.appendChild(el('p', 'tl-empty', tl.events.length ? 'Every event is on the calendar.' : 'No events.'));
  } else {
    var ol = el('ol');
    tl.undated.forEach(function (i) {
      var e = tl.events[i], li = el('li'), chip = el('span', 'tl-chip', e.text);
      tagEvent(chip, e);
      li.appendChild(chip);
      var b = [];
      if (e.after) b.push('after ' + e.after.label);
      if (e.before) b.push('before ' + e.before.label);
      li.appendChild(el('span', 'tl-bounds', b.length ? b.join(' \u00b7 ') : 'no date known'));
      ol.appendChild(li);
    });
    side.appendChild(ol);
  }

  // "#hover=ID" opens the card of that event (for tests and links).
  var m = /^#hover=(.+)$/.exec(location.hash);
  if (m) {
    var hoverTarget = document.querySelector('[data-kind="event"][data-id="' + CSS.escape(decodeURIComponent(m[1])) + '"]');
    if (hoverTarget) {
      var r = hoverTarget.getBoundingClientRect();
      hoverTarget.dispatchEvent(new MouseEvent('mouseenter', { clientX: r.left + 4, clientY: r.top + 4 }));
    }
  }
  document.body.setAttribute('data-rendered', 'true');
})();
</script>
</body>
</html>
)HTML";

}  // namespace

std::string WriteTimelineJson(const Document& doc, const Timeline& timeline) {
  nlohmann::json data;
  data["document"] = nlohmann::json::parse(WriteJson(doc, false), nullptr, false);
  data["timeline"] = TimelineJson(doc, timeline);
  return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string WriteTimelineHtml(const Document& doc, const Timeline& timeline) {
  std::string json = ScriptSafe(WriteTimelineJson(doc, timeline));
  std::string page;
  page.reserve(kPageHead.size() + json.size() + kPageTail.size());
  page.append(kPageHead);
  page.append(json);
  page.append(kPageTail);
  return page;
}

}  // namespace chronicle
