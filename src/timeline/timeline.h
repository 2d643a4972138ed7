// The timeline of a document: its events placed on the calendar where the
// text allows, the rest ordered by the temporal relations; and the
// self-contained HTML page that draws it.
//
//   Document doc = ...;          // with TIMEX3, EVENT and TLINK annotation
//   Timeline t = BuildTimeline(doc);
//   for (const TimelineGroup& g : t.groups) std::cout << g.label << "\n";
//   std::string html = WriteTimelineHtml(doc, t);   // write it to a file
//
// Anchoring: the document's TLINKs are closed in a TemporalGraph together
// with the calendar relations between every dated TIMEX3 and the DCT
// (timeline/calendar.h). An event is anchored to the smallest dated
// expression it is included in or simultaneous with according to the
// closure: directly (a same-sentence "in September" link) or through other
// links ("left after the meeting" and the meeting is in September is not
// an inclusion and stays undated, with bounds). Unanchored events keep the
// calendar bounds the closure gives them (after the latest date before
// them, before the earliest date after them) and a rank in the partial
// order (how many events the closure puts before them).
//
// Both functions are pure and thread-safe; neither fails (an inconsistent
// set of TLINKs is used as far as it is consistent, in document order).
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
  Span span;
  std::string sentence;     // the sentence it stands in (for the hover)
  // The calendar interval it is anchored to, and how: the id of the time
  // expression (or "t0"), and "direct" when a TLINK of the document states
  // it, "closure" when reasoning found it.
  std::optional<CalendarInterval> anchor;
  std::string anchor_timex;
  std::string anchor_how;
  // For unanchored events: bounds from the closure (kCalendarMin /
  // kCalendarMax when unknown).
  int64_t after = kCalendarMin;
  int64_t before = kCalendarMax;
  int rank = 0;  // events the closure puts entirely before this one
};

// One point of the time axis: a calendar interval, the time expressions
// naming it and the events anchored to it, in time order.
struct TimelineGroup {
  CalendarInterval interval;
  std::string label;                    // "September 2020", "23 July 2021"
  bool is_dct = false;                  // the document's creation time
  std::vector<std::string> timex_ids;   // "t3", ...
  std::vector<std::string> timex_texts; // "last month", ...
  std::vector<int> events;              // indices into Timeline::events
};

struct Timeline {
  std::vector<TimelineEvent> events;  // in text order
  std::vector<TimelineGroup> groups;  // the axis, earliest first
  std::vector<int> undated;           // indices into events, by rank then text
};

Timeline BuildTimeline(const Document& doc);

// A human label for an interval of the given granularity ("2018",
// "January 2020", "2 October 2020", "Q3 2020", "the 1990s").
std::string CalendarLabel(const CalendarInterval& interval);

// A self-contained HTML page (no external resources): a vertical time axis
// with the dated groups and their events, the DCT marked, and beside it the
// undated events in order; hovering an event shows its sentence. The page
// is drawn by inline JavaScript from an embedded JSON object
// {"document": <WriteJson(doc) shape>, "timeline": {...}} in
// <script type="application/json" id="chronicle-data">.
std::string WriteTimelineHtml(const Document& doc, const Timeline& timeline);

}  // namespace chronicle

#endif  // CHRONICLE_TIMELINE_TIMELINE_H_
