#include "timeline/timeline.h"

#include <algorithm>
#include <map>
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

// The sort key of an interval on the axis: open-ended intervals sit right
// next to their finite end ("recently" just before the DCT).
double AxisKey(const CalendarInterval& i) {
  if (i.granularity == 11) return (static_cast<double>(i.begin) + static_cast<double>(i.end)) / 2;
  if (i.begin <= kCalendarMin) return static_cast<double>(i.end) - 0.5;
  if (i.end >= kCalendarMax) return static_cast<double>(i.begin) + 0.5;
  return static_cast<double>(i.begin);
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

bool Within(const IntervalRelation& p) {
  return (p.p[kSS] & kLt) == 0 && (p.p[kEE] & kGt) == 0;
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
  };
  std::vector<Dated> dated;
  std::string dct_id = doc.dct && !doc.dct->id.empty() ? doc.dct->id : "t0";
  if (dct) dated.push_back({dct_id, *dct, ""});
  for (const Timex& t : doc.timexes) {
    if (t.span.empty() || (t.type != "DATE" && t.type != "TIME")) continue;
    if (auto iv = TimexInterval(t.value, dct)) dated.push_back({t.id, *iv, std::string(doc.Text(t.span))});
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
    te.text = std::string(doc.Text(te.span));
    te.sentence = std::string(doc.Text(SentenceOf(doc, te.span)));
    tl.events.push_back(std::move(te));
  }
  std::stable_sort(tl.events.begin(), tl.events.end(),
                   [](const TimelineEvent& a, const TimelineEvent& b) {
                     return a.span.begin < b.span.begin;
                   });

  for (TimelineEvent& e : tl.events) {
    auto node = graph.FindNode(e.instance_id);
    if (!node) continue;
    for (const Dated& d : dated) {
      auto tn = graph.FindNode(d.id);
      if (!tn) continue;
      IntervalRelation p = graph.Query(*node, *tn);
      if (Within(p)) {
        int64_t len = d.interval.end - d.interval.begin;
        if (!e.anchor || len < e.anchor->end - e.anchor->begin) {
          e.anchor = d.interval;
          e.anchor_timex = d.id;
          auto dr = direct.find({e.instance_id, d.id});
          e.anchor_how = dr != direct.end() ? "direct" : "closure";
        }
      }
      // Bounds from calendar dates (not from the open or widened "now"
      // intervals): the event starts no earlier than d's end (or start),
      // ends no later than d's start (or end).
      if (d.interval.granularity >= 10) continue;
      if ((p.p[kSE] & kLt) == 0) e.after = std::max(e.after, d.interval.end);
      else if ((p.p[kSS] & kLt) == 0) e.after = std::max(e.after, d.interval.begin);
      if ((p.p[kES] & kGt) == 0) e.before = std::min(e.before, d.interval.begin);
      else if ((p.p[kEE] & kGt) == 0) e.before = std::min(e.before, d.interval.end);
    }
  }
  // Ranks in the partial order.
  for (TimelineEvent& e : tl.events) {
    auto node = graph.FindNode(e.instance_id);
    if (!node) continue;
    for (const TimelineEvent& f : tl.events) {
      if (&f == &e) continue;
      auto fn = graph.FindNode(f.instance_id);
      if (fn && (graph.Query(*fn, *node).p[kES] & kGt) == 0) ++e.rank;
    }
  }
  for (size_t i = 0; i < tl.events.size(); ++i) {
    const TimelineEvent& e = tl.events[i];
    if (e.anchor) {
      tl.groups[group_of.at({e.anchor->begin, e.anchor->end})].events.push_back(static_cast<int>(i));
    } else {
      tl.undated.push_back(static_cast<int>(i));
    }
  }
  std::stable_sort(tl.undated.begin(), tl.undated.end(), [&](int a, int b) {
    return tl.events[a].rank < tl.events[b].rank;
  });
  // Axis order: by start (open-ended and "around" intervals by their
  // finite end or middle), a longer interval before the ones it contains.
  std::vector<TimelineGroup> groups = std::move(tl.groups);
  std::stable_sort(groups.begin(), groups.end(), [](const TimelineGroup& a, const TimelineGroup& b) {
    double ka = AxisKey(a.interval), kb = AxisKey(b.interval);
    if (ka != kb) return ka < kb;
    return a.interval.end - a.interval.begin > b.interval.end - b.interval.begin;
  });
  tl.groups = std::move(groups);
  return tl;
}

namespace {

nlohmann::json TimelineJson(const Document& doc, const Timeline& tl) {
  using nlohmann::json;
  json events = json::array();
  for (const TimelineEvent& e : tl.events) {
    Span s = SentenceOf(doc, e.span);
    json j = {{"id", e.instance_id},
              {"event", e.event_id},
              {"text", e.text},
              {"sentence", e.sentence},
              {"sentence_start", CodePoints(doc.Text(Span{s.begin, e.span.begin}))},
              {"sentence_end", CodePoints(doc.Text(Span{s.begin, e.span.end}))},
              {"rank", e.rank}};
    if (e.anchor) {
      j["anchor"] = {{"label", CalendarLabel(*e.anchor)}, {"timex", e.anchor_timex},
                     {"how", e.anchor_how}};
    } else {
      if (e.after > kCalendarMin) j["after"] = DayLabel(DateOf(e.after - 1));
      if (e.before < kCalendarMax) j["before"] = DayLabel(DateOf(e.before));
    }
    events.push_back(std::move(j));
  }
  json groups = json::array();
  for (const TimelineGroup& g : tl.groups) {
    groups.push_back({{"label", g.label},
                      {"dct", g.is_dct},
                      {"timexes", g.timex_ids},
                      {"phrases", g.timex_texts},
                      {"events", g.events}});
  }
  return {{"events", std::move(events)}, {"groups", std::move(groups)}, {"undated", tl.undated}};
}

constexpr std::string_view kPage = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Timeline</title>
<style>
:root { --ink:#1f2430; --muted:#6b7280; --line:#c7cdd8; --accent:#2563eb; --dct:#d97706; --bg:#f7f8fb; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; color:var(--ink); background:var(--bg); }
header { padding:22px 32px 10px; }
header h1 { margin:0; font-size:22px; font-weight:650; }
header p { margin:4px 0 0; color:var(--muted); font-size:13px; }
main { display:grid; grid-template-columns: minmax(0,2fr) minmax(260px,1fr); gap:28px; padding:10px 32px 40px; }
h2 { font-size:13px; text-transform:uppercase; letter-spacing:.06em; color:var(--muted); margin:8px 0 14px; font-weight:600; }
#tl-axis { position:relative; padding-left:34px; }
#tl-axis::before { content:""; position:absolute; left:11px; top:6px; bottom:6px; width:3px; background:var(--line); border-radius:2px; }
.tl-group { position:relative; margin:0 0 18px; background:#fff; border:1px solid #e3e7ee; border-radius:10px; padding:10px 14px 12px; box-shadow:0 1px 2px rgba(0,0,0,.04); }
.tl-group::before { content:""; position:absolute; left:-29px; top:14px; width:13px; height:13px; border-radius:50%; background:#fff; border:3px solid var(--accent); }
.tl-group.tl-dct { border-color:#f5c98b; background:#fffaf1; }
.tl-group.tl-dct::before { border-color:var(--dct); background:var(--dct); }
.tl-date { font-weight:650; font-size:15px; }
.tl-badge { display:inline-block; margin-left:8px; padding:1px 7px; border-radius:9px; background:var(--dct); color:#fff; font-size:11px; font-weight:600; vertical-align:2px; }
.tl-phrases { color:var(--muted); font-size:12.5px; font-style:italic; margin-top:1px; }
.tl-events { margin-top:7px; display:flex; flex-wrap:wrap; gap:6px; }
.tl-event { display:inline-block; padding:3px 10px; border-radius:14px; background:#e8efff; color:#1e3a8a; font-size:13.5px; cursor:default; border:1px solid #cfdcfb; }
.tl-event:hover { background:#1e40af; color:#fff; }
.tl-event.tl-closure { background:#eef2f7; color:#334155; border-color:#d7dde6; border-style:dashed; }
.tl-ctx { color:var(--muted); font-size:12px; margin-left:2px; }
#tl-undated ol { margin:0; padding-left:20px; }
#tl-undated li { margin:0 0 8px; }
#tl-legend { margin-top:8px; font-size:12px; color:var(--muted); display:flex; gap:14px; align-items:center; }
#tl-legend .tl-event { font-size:11.5px; padding:1px 8px; }
#tl-undated .tl-bounds { color:var(--muted); font-size:12px; margin-left:6px; }
.tl-empty { color:var(--muted); font-style:italic; }
#tl-tip { position:fixed; z-index:10; max-width:460px; padding:9px 12px; background:#111827; color:#f9fafb; border-radius:8px; font-size:13px; line-height:1.4; box-shadow:0 6px 20px rgba(0,0,0,.25); pointer-events:none; display:none; }
#tl-tip mark { background:#fbbf24; color:#111827; border-radius:3px; padding:0 2px; }
</style>
</head>
<body>
<header><h1 id="tl-title">Timeline</h1><p id="tl-sub"></p>
<div id="tl-legend"><span><span class="tl-event">event</span> dated by the text</span><span><span class="tl-event tl-closure">event</span> dated by reasoning</span><span>hover an event to read its sentence</span></div></header>
<main>
<section><h2>On the calendar</h2><div id="tl-axis"></div></section>
<section id="tl-undated"><h2>Not dated &mdash; in order</h2></section>
</main>
<div id="tl-tip"></div>
<script type="application/json" id="chronicle-data">@DATA@</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById("chronicle-data").textContent);
  var doc = data.document, tl = data.timeline;
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  document.getElementById("tl-title").textContent = "Timeline" + (doc.id ? ": " + doc.id : "");
  var dated = 0;
  tl.groups.forEach(function (g) { dated += g.events.length; });
  document.getElementById("tl-sub").textContent =
      (doc.dct ? "Document date " + (doc.dct.value || doc.dct) + ". " : "") +
      tl.events.length + " events, " + dated + " placed on the calendar.";
  var tip = document.getElementById("tl-tip");
  function showTip(ev, e) {
    var chars = Array.from(e.sentence);
    tip.innerHTML = "";
    tip.appendChild(document.createTextNode(chars.slice(0, e.sentence_start).join("")));
    tip.appendChild(el("mark", "", chars.slice(e.sentence_start, e.sentence_end).join("")));
    tip.appendChild(document.createTextNode(chars.slice(e.sentence_end).join("")));
    tip.style.display = "block";
    moveTip(ev);
  }
  function moveTip(ev) {
    var x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    tip.style.left = x + "px";
    tip.style.top = (ev.clientY + 16) + "px";
  }
  function chip(i) {
    var e = tl.events[i];
    var c = el("span", "tl-event" + (e.anchor && e.anchor.how === "closure" ? " tl-closure" : ""), e.text);
    c.dataset.id = e.id;
    c.title = e.sentence;
    c.addEventListener("mouseenter", function (ev) { showTip(ev, e); });
    c.addEventListener("mousemove", moveTip);
    c.addEventListener("mouseleave", function () { tip.style.display = "none"; });
    return c;
  }
  var axis = document.getElementById("tl-axis");
  tl.groups.forEach(function (g) {
    if (!g.events.length && !g.dct && !g.phrases.length) return;
    var box = el("div", "tl-group" + (g.dct ? " tl-dct" : ""));
    box.dataset.label = g.label;
    var d = el("div", "tl-date", g.label);
    if (g.dct) d.appendChild(el("span", "tl-badge", "document date"));
    box.appendChild(d);
    var phrases = g.phrases.filter(function (p) { return p; });
    if (phrases.length) {
      var seen = {};
      box.appendChild(el("div", "tl-phrases", phrases.filter(function (p) {
        var k = p.toLowerCase(); if (seen[k]) return false; seen[k] = 1; return true;
      }).map(function (p) { return "\u201c" + p + "\u201d"; }).join(", ")));
    }
    var evs = el("div", "tl-events");
    g.events.forEach(function (i) { evs.appendChild(chip(i)); });
    if (g.events.length) box.appendChild(evs);
    axis.appendChild(box);
  });
  var side = document.getElementById("tl-undated");
  if (!tl.undated.length) {
    side.appendChild(el("p", "tl-empty", "Every event is on the calendar."));
  } else {
    var ol = el("ol");
    tl.undated.forEach(function (i) {
      var e = tl.events[i], li = el("li");
      li.appendChild(chip(i));
      var b = [];
      if (e.after) b.push("after " + e.after);
      if (e.before) b.push("before " + e.before);
      if (b.length) li.appendChild(el("span", "tl-bounds", b.join(", ")));
      ol.appendChild(li);
    });
    side.appendChild(ol);
  }
})();
</script>
</body>
</html>
)HTML";

}  // namespace

std::string WriteTimelineHtml(const Document& doc, const Timeline& timeline) {
  nlohmann::json data;
  data["document"] = nlohmann::json::parse(WriteJson(doc, false), nullptr, false);
  data["timeline"] = TimelineJson(doc, timeline);
  std::string json = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // Inside <script>, "</" would end the element; "<\/" is the same JSON.
  std::string safe;
  safe.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') {
      safe += "<\\/";
      ++i;
    } else {
      safe += json[i];
    }
  }
  std::string page(kPage);
  size_t at = page.find("@DATA@");
  page.replace(at, 6, safe);
  return page;
}

}  // namespace chronicle
