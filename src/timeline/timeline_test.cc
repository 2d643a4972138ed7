#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "io/text_reader.h"
#include "timeline/timeline.h"
#include "util/file.h"

namespace chronicle {
namespace {

namespace fs = std::filesystem;

// The example article with the time expressions the timex stage finds
// (seed-article.expected.json), a few of its events and the TLINKs the
// relation stage gives them, built here so that this test does not depend
// on the other stages.
class SeedDoc {
 public:
  SeedDoc() {
    std::string path = std::string(CHRONICLE_SHARED_DIR) + "/examples/seed-article.txt";
    Result<std::string> bytes = ReadFile(path);
    EXPECT_TRUE(bytes.ok());
    Result<Document> d = ParseTextWithDct(bytes.value(), path, std::nullopt);
    EXPECT_TRUE(d.ok()) << d.error().ToString();
    doc = std::move(d).value();
  }
  // The n-th (0-based) occurrence of `words` at or after `from`.
  Span Find(std::string_view words, std::string_view after = "") {
    size_t from = after.empty() ? 0 : doc.text.find(after);
    size_t at = doc.text.find(words, from);
    EXPECT_NE(at, std::string::npos) << words;
    return Span{uint32_t(at), uint32_t(at + words.size())};
  }
  std::string Timex(std::string_view words, const std::string& value, std::string_view after = "") {
    std::string id = "t" + std::to_string(doc.timexes.size() + 1);
    doc.timexes.push_back(chronicle::Timex{.id = id, .span = Find(words, after), .type = "DATE",
                                           .value = value});
    return id;
  }
  std::string Event(std::string_view words, const std::string& tense, std::string_view after = "") {
    std::string n = std::to_string(doc.events.size() + 1);
    doc.events.push_back(chronicle::Event{.id = "e" + n, .span = Find(words, after),
                                          .event_class = "OCCURRENCE"});
    doc.instances.push_back(EventInstance{.id = "ei" + n, .event_id = "e" + n, .tense = tense,
                                          .aspect = "NONE", .polarity = "POS", .pos = "VERB"});
    return "ei" + n;
  }
  void Link(const std::string& a, const std::string& rel, const std::string& b) {
    doc.tlinks.push_back(TLink{.id = "l" + std::to_string(doc.tlinks.size() + 1),
                               .rel_type = rel,
                               .source_id = a,
                               .source_is_event = a.rfind("ei", 0) == 0,
                               .target_id = b,
                               .target_is_event = b.rfind("ei", 0) == 0});
  }
  Document doc;
};

Document SeedWithLinks() {
  SeedDoc s;
  std::string last_month = s.Timex("last month", "2020-09");
  std::string recently = s.Timex("recently", "PAST_REF");
  std::string now = s.Timex("Now", "PRESENT_REF");
  std::string july = s.Timex("July 2021", "2021-07");
  std::string august = s.Timex("August 2022", "2022-08");
  std::string jan1 = s.Timex("January", "2020-01");
  std::string jan2 = s.Timex("January", "2020-01", "In January");
  std::string y2018 = s.Timex("2018", "2018");
  s.Timex("July 23, 2021", "2021-07-23");
  s.Timex("August 5, 2022", "2022-08-05");
  std::string resumed = s.Event("resumed", "PAST");
  std::string shared = s.Event("shared", "PAST");
  std::string back = s.Event("back", "PRESENT");
  std::string wrote = s.Event("wrote", "PAST");
  std::string film = s.Event("film", "FUTURE");
  std::string spoke = s.Event("spoke", "PAST");
  std::string report = s.Event("report", "NONE", "In January");
  std::string claimed = s.Event("claimed", "PAST");
  std::string killed = s.Event("killed", "PAST");
  std::string remain = s.Event("remain", "PRESENT");
  s.Link(resumed, "IS_INCLUDED", last_month);
  s.Link(shared, "IS_INCLUDED", recently);
  s.Link(back, "IS_INCLUDED", now);
  s.Link(wrote, "BEFORE", "t0");
  s.Link(film, "AFTER", "t0");
  s.Link(spoke, "IS_INCLUDED", jan1);
  s.Link(report, "IS_INCLUDED", jan2);
  s.Link(claimed, "SIMULTANEOUS", report);  // dated through the closure
  s.Link(killed, "IS_INCLUDED", y2018);
  s.Link(remain, "INCLUDES", "t0");
  (void)july;
  (void)august;
  return s.doc;
}

std::vector<std::string> Labels(const Timeline& t) {
  std::vector<std::string> out;
  for (const TimelineGroup& g : t.groups) out.push_back(g.label);
  return out;
}

TEST(CalendarLabelTest, Granularities) {
  auto dct = DctInterval("2020-10-02");
  EXPECT_EQ(CalendarLabel(*TimexInterval("2018", dct)), "2018");
  EXPECT_EQ(CalendarLabel(*TimexInterval("2020-01", dct)), "January 2020");
  EXPECT_EQ(CalendarLabel(*TimexInterval("2021-07-23", dct)), "23 July 2021");
  EXPECT_EQ(CalendarLabel(*TimexInterval("2020-Q3", dct)), "Q3 2020");
  EXPECT_EQ(CalendarLabel(*TimexInterval("199", dct)), "the 1990s");
  EXPECT_EQ(CalendarLabel(*TimexInterval("PAST_REF", dct)), "before 2 October 2020");
  EXPECT_EQ(CalendarLabel(*TimexInterval("PRESENT_REF", dct)), "around 2 October 2020");
  EXPECT_EQ(CalendarLabel(*TimexInterval("2020-10-02TEV", dct)), "2 October 2020 (evening)");
}

TEST(TimelineTest, SeedArticleInCalendarOrder) {
  Document doc = SeedWithLinks();
  Timeline t = BuildTimeline(doc);
  std::vector<std::string> want = {"2018",
                                   "January 2020",
                                   "September 2020",
                                   "before 2 October 2020",
                                   "2 October 2020",
                                   "around 2 October 2020",
                                   "July 2021",
                                   "23 July 2021",
                                   "August 2022",
                                   "5 August 2022"};
  EXPECT_EQ(Labels(t), want);
  auto group_events = [&](const std::string& label) {
    std::vector<std::string> out;
    for (const TimelineGroup& g : t.groups)
      if (g.label == label)
        for (int i : g.events) out.push_back(t.events[i].text);
    return out;
  };
  EXPECT_EQ(group_events("2018"), std::vector<std::string>{"killed"});
  EXPECT_EQ(group_events("January 2020"), (std::vector<std::string>{"spoke", "report", "claimed"}));
  EXPECT_EQ(group_events("September 2020"), std::vector<std::string>{"resumed"});
  EXPECT_EQ(group_events("before 2 October 2020"), std::vector<std::string>{"shared"});
  EXPECT_EQ(group_events("around 2 October 2020"), std::vector<std::string>{"back"});
  // The DCT group is marked; "claimed" was dated by the closure.
  for (const TimelineGroup& g : t.groups) EXPECT_EQ(g.is_dct, g.label == "2 October 2020");
  for (const TimelineEvent& e : t.events) {
    if (e.text == "claimed") {
      EXPECT_EQ(e.anchor_how, "closure");
    }
    if (e.text == "spoke") {
      EXPECT_EQ(e.anchor_how, "direct");
    }
  }
  // Undated: "wrote" (before the DCT), "remain" (around it), "film" (after
  // it), in the partial order; each with its bounds.
  std::vector<std::string> undated;
  for (int i : t.undated) undated.push_back(t.events[i].text);
  EXPECT_EQ(undated, (std::vector<std::string>{"wrote", "remain", "film"}));
  for (int i : t.undated) {
    const TimelineEvent& e = t.events[i];
    if (e.text == "wrote") {
      EXPECT_LT(e.before, kCalendarMax);
    }
    if (e.text == "film") {
      EXPECT_GT(e.after, kCalendarMin);
    }
  }
  // Hover text: the event's sentence.
  for (const TimelineEvent& e : t.events)
    if (e.text == "resumed") {
      EXPECT_EQ(e.sentence.rfind("Mission: Impossible 7 resumed production in Norway last month", 0), 0u)
          << e.sentence;
    }
}

TEST(TimelineTest, ContradictingLinksAreSkipped) {
  Document doc = SeedWithLinks();
  // "resumed" cannot also be in 2018: the later link is ignored.
  doc.tlinks.push_back(TLink{.id = "l99", .rel_type = "IS_INCLUDED", .source_id = "ei1",
                             .target_id = "t8", .target_is_event = false});
  Timeline t = BuildTimeline(doc);
  for (const TimelineEvent& e : t.events)
    if (e.text == "resumed") {
      EXPECT_EQ(CalendarLabel(*e.anchor), "September 2020");
    }
}

TEST(TimelineTest, HtmlEmbedsTheDataSafely) {
  Document doc = SeedWithLinks();
  std::string html = WriteTimelineHtml(doc, BuildTimeline(doc));
  EXPECT_NE(html.find("<script type=\"application/json\" id=\"chronicle-data\">"), std::string::npos);
  // No external resources.
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  // A text holding "</script>" cannot break out of the data element.
  Document evil;
  evil.text = "It ended </script><script>alert(1)</script> yesterday.";
  evil.dct = chronicle::Timex{.id = "t0", .type = "DATE", .value = "2020-10-02"};
  std::string page = WriteTimelineHtml(evil, BuildTimeline(evil));
  size_t data = page.find("id=\"chronicle-data\">");
  size_t end = page.find("</script>", data);
  EXPECT_EQ(page.substr(data, end - data).find("alert(1)</"), std::string::npos);
}

// Opens the page in headless Chromium and checks what it draws.
TEST(TimelineTest, ChromiumShowsTheSeedTimeline) {
  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) GTEST_SKIP() << "no " << chromium;
  fs::path dir = fs::temp_directory_path() / ("chronicle_timeline_" + std::to_string(::getpid()));
  fs::create_directories(dir / "profile");
  Document doc = SeedWithLinks();
  std::string html_path = (dir / "seed.html").string();
  ASSERT_TRUE(WriteFileAtomic(html_path, WriteTimelineHtml(doc, BuildTimeline(doc))).ok());
  std::string dom_path = (dir / "dom.html").string();
  std::string cmd = std::string(chromium) +
                    " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                    " --disable-background-networking --disable-component-update --disable-sync"
                    " --user-data-dir=" + (dir / "profile").string() +
                    " --virtual-time-budget=5000 --dump-dom file://" + html_path + " > " +
                    dom_path + " 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::string dom = ReadFile(dom_path).value();
  // The script ran: the axis holds the groups, in calendar order, with the
  // events in them; the undated column lists the rest.
  std::vector<std::string> in_order = {
      "data-label=\"2018\"",           "killed",
      "data-label=\"January 2020\"",   "spoke",
      "data-label=\"September 2020\"", "resumed",
      "data-label=\"before 2 October 2020\"", "shared",
      "document date",
      "data-label=\"July 2021\"",      "data-label=\"August 2022\"",
      "Not dated",                     "wrote",
      "film"};
  size_t pos = 0;
  for (const std::string& s : in_order) {
    size_t at = dom.find(s, pos);
    ASSERT_NE(at, std::string::npos) << "missing, or out of order: " << s;
    pos = at;
  }
  EXPECT_NE(dom.find("class=\"tl-event\" data-id=\"ei1\""), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace chronicle
