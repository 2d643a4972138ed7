// The timeline of a document: its events placed on the calendar where the
// text allows, the rest ordered by the temporal relations; and the
// self-contained HTML page that draws it.
//
//   Document doc = ...;          // with TIMEX3, EVENT and TLINK annotation
//   Timeline t = BuildTimeline(doc);
//   for (const TimelineGroup& g : t.groups) std::cout << g.label << "\n";
//   std::string html = WriteTimelineHtml(doc, t);   // write it to a file
//
// Dated expressions: the DCT and every DATE / TIME TIMEX3 whose value names
// a calendar interval (timeline/calendar.h: a year "2018", a month
// "2020-09", a day "2021-07-23", a week, quarter, season, decade, an hour).
// DURATION and SET values name no interval and are never anchors; neither
// are PAST_REF / PRESENT_REF / FUTURE_REF ("recently", "now": no calendar
// extent), which only say that they are before / after the DCT, nor values
// with a BEFORE / AFTER / ON_OR_* / LESS_THAN / MORE_THAN mod ("before
// 2020" is not 2020).
//
// Anchoring: the document's TLINKs are closed in a TemporalGraph together
// with the calendar relations between every two dated expressions. An
// event is anchored ("within") to the smallest dated interval the closure
// puts it in: IS_INCLUDED, SIMULTANEOUS, BEGINS, ENDS, DURING, directly (a
// TLINK of the document states it) or through other links ("claimed"
// SIMULTANEOUS "report", "report" IS_INCLUDED "January"). Failing that, an
// event that INCLUDES a dated interval ("production is under way", INCLUDES
// the DCT) is anchored ("spans") to the largest such interval: it is
// ongoing then and extends beyond it. Every other event is undated; the
// closure's BEFORE / AFTER facts with dated intervals give it open bounds
// (after the latest interval that ends before it starts, before the
// earliest that starts after it ends).
//
// Order: events are ranked by a topological order of the closure's
// "entirely before" relation (a.end <= b.start), ties broken by document
// order; the undated column lists its events in that order.
//
// All functions are pure and thread-safe; none fails (an inconsistent set
// of TLINKs is used as far as it is consistent, in document order: a link
// that contradicts the calendar or the links before it is skipped). The
// outputs are deterministic: the same Document gives the same bytes.
#ifndef CHRONICLE_TIMELINE_TIMELINE_H_
#define CHRONICLE_TIMELINE_TIMELINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "doc/document.h"
#include "timeline/calendar.h"

namespace chronicle {

struct TimelineEvent {
  std::string instance_id;  // "ei3"
  std::string event_id;     // "e3"
  std::string text;         // the event's words
  std::string event_class;  // OCCURRENCE, REPORTING, ...
  std::string tense;        // of the instance
  std::string aspect;
  Span span;
  Span sentence_span;
  std::string sentence;     // the sentence it stands in (for the hover)
  // The calendar interval it is anchored to and how: the id of the time
  // expression (the DCT's id, "t0" by default) and its value; "direct" when
  // a TLINK of the document states the relation, "closure" when reasoning
  // found it; "within" (the event is inside the interval) or "spans" (the
  // event includes the interval and extends beyond it).
  std::optional<CalendarInterval> anchor;
  std::string anchor_timex;
  std::string anchor_value;
  std::string anchor_how;
  std::string anchor_relation;
  // Open bounds from the closure (kCalendarMin / kCalendarMax when none):
  // the event starts no earlier than `after` and ends no later than
  // `before`; after_timex / before_timex name the dated expressions that
  // give them.
  int64_t after = kCalendarMin;
  int64_t before = kCalendarMax;
  std::string after_timex;
  std::string before_timex;
  std::optional<CalendarInterval> after_interval;
  std::optional<CalendarInterval> before_interval;
  int order = 0;  // position in the topological order of all events
};

// One dated interval of the time axis: the time expressions naming it and
// the events anchored to it, in order.
struct TimelineGroup {
  CalendarInterval interval;
  std::string label;                      // "September 2020", "23 July 2021"
  bool is_dct = false;                    // the document's creation time
  std::vector<std::string> timex_ids;     // "t3", ...
  std::vector<std::string> timex_texts;   // "last month", ...
  std::vector<std::string> timex_values;  // "2020-09", ...
  std::vector<std::string> timex_sentences;
  std::vector<int> events;                // indices into Timeline::events, by order
};

struct Timeline {
  std::vector<TimelineEvent> events;  // in text order
  std::vector<TimelineGroup> groups;  // the axis: by start, a longer interval first
  std::vector<int> undated;           // indices into events, by order
};

Timeline BuildTimeline(const Document& doc);

// A human label for an interval of the given granularity ("2018",
// "January 2020", "2 October 2020", "Q3 2020", "the 1990s"; open intervals
// "before 2 October 2020").
std::string CalendarLabel(const CalendarInterval& interval);

// The data the page draws, as compact JSON: {"document": <WriteJson(doc)
// shape>, "timeline": {"events": [...], "groups": [...], "undated": [...]}}
// (docs/timeline.md describes the fields). Deterministic bytes.
std::string WriteTimelineJson(const Document& doc, const Timeline& timeline);

// A self-contained HTML page (no external resources; works offline): a
// horizontal time axis with year / month / day ticks (long empty stretches
// are cut and marked), the dated expressions above it and the anchored
// events below it in lanes that do not overlap, the DCT marked, and beside
// it the undated events in order with their bounds; hovering an event shows
// its anchor, value and sentence. Drawn by inline JavaScript from the JSON
// of WriteTimelineJson embedded in <script type="application/json"
// id="chronicle-data"> ('<', '>', '&' escaped). Opening the page with
// "#hover=ID" shows the hover card of event instance ID (used by tests).
std::string WriteTimelineHtml(const Document& doc, const Timeline& timeline);

}  // namespace chronicle

#endif  // CHRONICLE_TIMELINE_TIMELINE_H_
