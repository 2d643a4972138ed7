// BuildTimeline on every TimeBank document with its gold TIMEX3, EVENT and
// TLINK annotation (the training split; AQUAINT is not looked at here):
// every event is placed exactly once, the order respects every gold BEFORE
// link between events, a stated inclusion in a dated expression is never
// contradicted by the anchor, bounds are coherent, and the page embeds
// every event. Prints how many events the timeline dates, and how.
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "io/timeml.h"
#include "reason/temporal_graph.h"
#include "timeline/timeline.h"
#include "util/file.h"

namespace chronicle {
namespace {

TEST(TimelineCorpusTest, TimeBankGoldTimelines) {
  Result<std::vector<std::string>> files =
      ListFiles(std::string(CHRONICLE_SHARED_DIR) + "/corpora/tbaq/TimeBank", {".tml"});
  ASSERT_TRUE(files.ok());
  ASSERT_GT(files.value().size(), 150u);
  std::map<std::string, int> how;  // "within direct", "within closure", "spans ...", "undated ..."
  int events = 0, docs = 0, checked_before = 0, checked_within = 0, skipped = 0, links = 0;
  double build_ms = 0, html_ms = 0, max_ms = 0;
  std::string slowest;
  for (const std::string& path : files.value()) {
    Result<std::string> bytes = ReadFile(path);
    ASSERT_TRUE(bytes.ok()) << path;
    std::vector<Error> warnings;
    Result<Document> read = ParseTimeML(bytes.value(), path, &warnings);
    ASSERT_TRUE(read.ok()) << path;
    const Document& doc = read.value();
    auto t0 = std::chrono::steady_clock::now();
    Timeline tl = BuildTimeline(doc);
    auto t1 = std::chrono::steady_clock::now();
    std::string html = WriteTimelineHtml(doc, tl);
    auto t2 = std::chrono::steady_clock::now();
    double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    build_ms += ms;
    html_ms += std::chrono::duration<double, std::milli>(t2 - t1).count();
    if (ms > max_ms) {
      max_ms = ms;
      slowest = BaseName(path) + " (" + std::to_string(doc.instances.size()) + " events)";
    }
    ++docs;
    links += static_cast<int>(doc.tlinks.size());

    // Each event once: on a group or in the undated column.
    std::map<int, int> seen;
    for (const TimelineGroup& g : tl.groups)
      for (int i : g.events) {
        ++seen[i];
        EXPECT_TRUE(tl.events[i].anchor) << path;
        EXPECT_EQ(*tl.events[i].anchor, g.interval) << path;
      }
    for (int i : tl.undated) {
      ++seen[i];
      EXPECT_FALSE(tl.events[i].anchor) << path;
    }
    ASSERT_EQ(seen.size(), tl.events.size()) << path;
    for (const auto& [i, n] : seen) EXPECT_EQ(n, 1) << path;
    // The order is a permutation.
    std::set<int> orders;
    for (const TimelineEvent& e : tl.events) orders.insert(e.order);
    EXPECT_EQ(orders.size(), tl.events.size()) << path;
    if (!tl.events.empty()) {
      EXPECT_EQ(*orders.begin(), 0);
      EXPECT_EQ(*orders.rbegin(), static_cast<int>(tl.events.size()) - 1);
    }

    std::map<std::string, const TimelineEvent*> by_id;
    for (const TimelineEvent& e : tl.events) by_id[e.instance_id] = &e;
    std::map<std::string, const Timex*> timex_by_id;
    for (const Timex& t : doc.timexes) timex_by_id[t.id] = &t;
    // Gold links, checked when consistent with the calendar and the links
    // before them (some gold graphs contradict themselves or the calendar;
    // the timeline skips such links).
    TemporalGraph plain;
    std::optional<CalendarInterval> dct = doc.dct ? DctInterval(doc.dct->value) : std::nullopt;
    std::vector<std::pair<std::string, CalendarInterval>> dated;
    if (dct) dated.emplace_back(doc.dct->id.empty() ? "t0" : doc.dct->id, *dct);
    for (const Timex& t : doc.timexes) {
      if ((t.type != "DATE" && t.type != "TIME") || !t.mod.empty()) continue;
      auto iv = TimexInterval(t.value, dct);
      if (iv && iv->granularity < 10 && t.id != dated[0].first) dated.emplace_back(t.id, *iv);
    }
    for (size_t i = 0; i < dated.size(); ++i)
      for (size_t j = i + 1; j < dated.size(); ++j)
        if (auto r = CompareIntervals(dated[i].second, dated[j].second))
          plain.Add(dated[i].first, *r, dated[j].first);
    for (const TLink& l : doc.tlinks) {
      auto r = ParseTimeMLRel(l.rel_type);
      if (!r) continue;
      if (plain.Add(l.source_id, *r, l.target_id) == TemporalGraph::AddOutcome::kConflict) {
        ++skipped;
        continue;
      }
      auto a = by_id.find(l.source_id), b = by_id.find(l.target_id);
      // a BEFORE / IBEFORE b (or b AFTER a) between events: a comes first.
      if (a != by_id.end() && b != by_id.end()) {
        bool a_first = *r == TimeMLRel::kBefore || *r == TimeMLRel::kIBefore;
        bool b_first = *r == TimeMLRel::kAfter || *r == TimeMLRel::kIAfter;
        if (a_first) {
          EXPECT_LT(a->second->order, b->second->order) << path << " " << l.id;
        }
        if (b_first) {
          EXPECT_LT(b->second->order, a->second->order) << path << " " << l.id;
        }
        if (a_first || b_first) ++checked_before;
      }
      // e IS_INCLUDED t, t a dated expression: the anchor is inside t.
      auto t = timex_by_id.find(l.target_id);
      if (a != by_id.end() && t != timex_by_id.end() && *r == TimeMLRel::kIsIncluded && t->second->mod.empty() &&
          (t->second->type == "DATE" || t->second->type == "TIME")) {
        auto iv = TimexInterval(t->second->value, dct);
        if (iv && iv->granularity < 10 && a->second->anchor && a->second->anchor_relation == "within") {
          EXPECT_GE(a->second->anchor->begin, iv->begin) << path << " " << l.id;
          EXPECT_LE(a->second->anchor->end, iv->end) << path << " " << l.id;
          ++checked_within;
        }
      }
    }
    for (const TimelineEvent& e : tl.events) {
      ++events;
      if (e.anchor) {
        ++how[e.anchor_relation + ", " + e.anchor_how];
      } else {
        bool a = e.after > kCalendarMin, b = e.before < kCalendarMax;
        ++how[std::string("undated, ") + (a && b ? "both bounds" : a ? "after a date" : b ? "before a date" : "no bound")];
        if (a && b) {
          EXPECT_LE(e.after, e.before) << path << " " << e.instance_id;
        }
      }
      EXPECT_NE(html.find("\"id\":\"" + e.instance_id + "\""), std::string::npos) << path;
    }
  }
  std::printf("TimeBank gold: %d documents, %d event instances\n", docs, events);
  for (const auto& [k, n] : how) std::printf("  %-28s %6d  %5.1f%%\n", k.c_str(), n, 100.0 * n / events);
  std::printf("  %d of %d gold TLINKs contradict the calendar or earlier links (skipped)\n", skipped, links);
  std::printf("  checked: %d gold BEFORE-type event links respected by the order, %d stated inclusions\n",
              checked_before, checked_within);
  std::printf("  BuildTimeline %.1f ms in all (slowest %.2f ms: %s), WriteTimelineHtml %.1f ms\n", build_ms,
              max_ms, slowest.c_str(), html_ms);
  EXPECT_GT(checked_before, 100);
  EXPECT_GT(checked_within, 100);
}

}  // namespace
}  // namespace chronicle
