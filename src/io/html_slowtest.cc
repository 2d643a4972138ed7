// Renders WriteHtml's page in headless Chromium and checks the DOM the
// inline script built from the embedded JSON: highlighted spans with the
// right text, hover titles with type and value, nesting and crossing spans,
// and text shown as text (no markup injection). Skips when Chromium is not
// installed (the CI installs the Debian package).
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <gtest/gtest.h>

#include "io/html.h"
#include "util/file.h"

namespace chronicle {
namespace {

constexpr const char* kChromium = "/usr/bin/chromium";

Span Find(const std::string& text, std::string_view what) {
  size_t b = text.find(what);
  EXPECT_NE(b, std::string::npos) << what;
  return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(b + what.size())};
}

// Two timexes and an event, plus a timex nested in an event, an event that
// crosses a timex, curly quotes (bytes != code points) and markup in the text.
Document SmallDocument() {
  Document doc;
  doc.id = "chromium-check";
  doc.text =
      "Sales fell 5% last month, the company \xE2\x80\x9Csaid\xE2\x80\x9D on Monday.\n"
      "It expects a rebound within two weeks <b>x</b> & more.";
  doc.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02",
                  .temporal_function = "false", .function_in_document = "CREATION_TIME"};
  doc.timexes.push_back(Timex{.id = "t1", .span = Find(doc.text, "last month"), .type = "DATE",
                              .value = "2020-09"});
  doc.timexes.push_back(Timex{.id = "t2", .span = Find(doc.text, "Monday"), .type = "DATE",
                              .value = "2020-09-28"});
  doc.timexes.push_back(Timex{.id = "t3", .span = Find(doc.text, "two weeks"),
                              .type = "DURATION", .value = "P2W"});
  doc.events.push_back(Event{.id = "e1", .span = Find(doc.text, "fell"),
                             .event_class = "OCCURRENCE"});
  doc.events.push_back(Event{.id = "e2", .span = Find(doc.text, "5% last"),
                             .event_class = "STATE"});
  doc.events.push_back(Event{.id = "e3", .span = Find(doc.text, "rebound within two weeks"),
                             .event_class = "OCCURRENCE"});
  doc.instances.push_back(EventInstance{.id = "ei1", .event_id = "e1", .tense = "PAST",
                                        .aspect = "NONE", .polarity = "POS", .pos = "VERB"});
  doc.instances.push_back(EventInstance{.id = "ei3", .event_id = "e3", .tense = "NONE",
                                        .aspect = "PROGRESSIVE", .polarity = "POS",
                                        .pos = "NOUN"});
  doc.tlinks.push_back(TLink{.id = "l1", .rel_type = "IS_INCLUDED", .source_id = "ei1",
                             .target_id = "t1", .target_is_event = false});
  return doc;
}

std::string DecodeEntities(std::string s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&nbsp;", "\xC2\xA0"}, {"&amp;", "&"}};
  for (const auto& [from, to] : kEntities) {
    std::string out;
    size_t at = 0;
    for (size_t hit; (hit = s.find(from, at)) != std::string::npos; at = hit + strlen(from)) {
      out.append(s, at, hit - at);
      out += to;
    }
    out.append(s, at);
    s = std::move(out);
  }
  return s;
}

struct Rendered {
  std::string text;                                 // textContent of #text
  std::map<std::string, std::string> text_of;       // data-id -> its text
  std::map<std::string, std::map<std::string, std::string>> attrs;  // last fragment's
  std::map<std::string, int> fragments;             // data-id -> count
  std::vector<std::string> other_tags;              // any non-mark tag inside #text
};

// A small walker over the serialized #text div: marks push their data-id,
// text goes to every mark open around it.
Rendered ReadTextDiv(const std::string& dom) {
  Rendered r;
  const std::string open = "<div class=\"text\" id=\"text\">";
  size_t b = dom.find(open);
  EXPECT_NE(b, std::string::npos) << dom.substr(0, 2000);
  if (b == std::string::npos) return r;
  b += open.size();
  size_t e = dom.find("</div>", b);
  std::string body = dom.substr(b, e - b);
  static const std::regex kAttr(R"re(([\w-]+)="([^"]*)")re");
  std::vector<std::string> stack;
  size_t i = 0;
  while (i < body.size()) {
    if (body[i] != '<') {
      size_t next = body.find('<', i);
      if (next == std::string::npos) next = body.size();
      std::string chunk = DecodeEntities(body.substr(i, next - i));
      r.text += chunk;
      for (const std::string& id : stack) r.text_of[id] += chunk;
      i = next;
      continue;
    }
    size_t close = body.find('>', i);
    std::string tag = body.substr(i, close - i + 1);
    i = close + 1;
    if (tag == "</mark>") {
      if (!stack.empty()) stack.pop_back();
    } else if (tag.rfind("<mark ", 0) == 0) {
      std::map<std::string, std::string> attrs;
      for (std::sregex_iterator it(tag.begin(), tag.end(), kAttr), end; it != end; ++it) {
        attrs[(*it)[1]] = DecodeEntities((*it)[2]);
      }
      std::string id = attrs["data-kind"] + ":" + attrs["data-id"];
      stack.push_back(id);
      ++r.fragments[id];
      r.attrs[id] = attrs;
    } else {
      r.other_tags.push_back(tag);
    }
  }
  return r;
}

class ChromiumTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (access(kChromium, X_OK) != 0) {
      GTEST_SKIP() << kChromium << " not found; install the chromium package to run this test";
    }
    std::string tmpl = (std::filesystem::temp_directory_path() / "chronicle-html-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  // Writes the page, runs Chromium with a fresh profile and returns the DOM.
  std::string DumpDom(const Document& doc) {
    std::string page = dir_ + "/page.html";
    EXPECT_TRUE(WriteFileAtomic(page, WriteHtml(doc)).ok());
    std::string cmd = fmt::format(
        "timeout 120 {} --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync "
        "--user-data-dir='{}/profile' --virtual-time-budget=5000 --dump-dom 'file://{}' "
        ">'{}/dom.html' 2>'{}/stderr.txt'",
        kChromium, dir_, page, dir_, dir_);
    int rc = std::system(cmd.c_str());
    Result<std::string> dom = ReadFile(dir_ + "/dom.html");
    Result<std::string> err = ReadFile(dir_ + "/stderr.txt");
    EXPECT_EQ(rc, 0) << (err.ok() ? err.value() : "");
    return dom.ok() ? dom.value() : "";
  }

  std::string dir_;
};

TEST_F(ChromiumTest, ScriptRendersHighlightsAndTitlesFromTheJson) {
  Document doc = SmallDocument();
  std::string dom = DumpDom(doc);
  ASSERT_NE(dom.find("data-rendered=\"true\""), std::string::npos)
      << "the inline script did not finish:\n" << dom.substr(0, 3000);
  Rendered r = ReadTextDiv(dom);

  // Every character of the text is shown once, as text: the markup in the
  // document did not become elements.
  EXPECT_EQ(r.text, doc.text);
  EXPECT_TRUE(r.other_tags.empty()) << r.other_tags.front();

  EXPECT_EQ(r.text_of["timex:t1"], "last month");
  EXPECT_EQ(r.attrs["timex:t1"]["title"], "DATE 2020-09");
  EXPECT_EQ(r.attrs["timex:t1"]["data-label"], "2020-09");
  EXPECT_EQ(r.attrs["timex:t1"]["class"], "tx tx-date last");
  EXPECT_EQ(r.text_of["timex:t2"], "Monday");
  EXPECT_EQ(r.attrs["timex:t2"]["title"], "DATE 2020-09-28");
  EXPECT_EQ(r.fragments["timex:t2"], 1);

  EXPECT_EQ(r.text_of["event:e1"], "fell");
  EXPECT_EQ(r.attrs["event:e1"]["title"], "OCCURRENCE, tense PAST, aspect NONE");
  EXPECT_EQ(r.attrs["event:e1"]["data-label"], "OCCURRENCE");
  EXPECT_EQ(r.attrs["event:e1"]["class"], "ev last");

  // A timex inside an event: one element each, the timex nested.
  EXPECT_EQ(r.text_of["event:e3"], "rebound within two weeks");
  EXPECT_EQ(r.attrs["event:e3"]["title"], "OCCURRENCE, tense NONE, aspect PROGRESSIVE");
  EXPECT_EQ(r.text_of["timex:t3"], "two weeks");
  EXPECT_EQ(r.attrs["timex:t3"]["class"], "tx tx-duration last");
  EXPECT_EQ(r.attrs["timex:t3"]["title"], "DURATION P2W");
  EXPECT_EQ(r.fragments["event:e3"], 1);
  EXPECT_EQ(r.fragments["timex:t3"], 1);
  EXPECT_NE(dom.find("aspect PROGRESSIVE\" data-label=\"OCCURRENCE\">rebound within <mark "),
            std::string::npos);

  // An event crossing a timex: the timex is split, its text still whole.
  EXPECT_EQ(r.text_of["event:e2"], "5% last");
  EXPECT_EQ(r.fragments["timex:t1"], 2);

  // Header and tables come from the JSON too.
  EXPECT_NE(dom.find("<h1 id=\"doc-id\">chromium-check</h1>"), std::string::npos);
  EXPECT_NE(dom.find("DCT 2020-10-02"), std::string::npos);
  EXPECT_NE(dom.find("<td>t2</td><td>TIMEX3</td><td>Monday</td>"), std::string::npos);
  EXPECT_NE(dom.find("<td>ei1 \xE2\x80\x9C" "fell\xE2\x80\x9D</td><td>t1 \xE2\x80\x9Clast month"),
            std::string::npos);
}

TEST_F(ChromiumTest, HostileTextStaysText) {
  Document doc;
  doc.id = "<img src=x onerror=\"document.title='pwned'\">";
  doc.text = "</script><script>document.body.setAttribute('data-pwned','1')</script> on Friday";
  size_t b = doc.text.find("Friday");
  doc.timexes.push_back(Timex{.id = "t1",
                              .span = {static_cast<uint32_t>(b), static_cast<uint32_t>(b + 6)},
                              .type = "DATE", .value = "\"><b>v</b>"});
  std::string dom = DumpDom(doc);
  ASSERT_NE(dom.find("data-rendered=\"true\""), std::string::npos) << dom.substr(0, 3000);
  EXPECT_EQ(dom.find("data-pwned=\"1\""), std::string::npos);  // the injected script never ran
  EXPECT_EQ(dom.find("<title>pwned"), std::string::npos);
  EXPECT_NE(dom.find("<h1 id=\"doc-id\">&lt;img src=x"), std::string::npos);
  Rendered r = ReadTextDiv(dom);
  EXPECT_EQ(r.text, doc.text);
  EXPECT_TRUE(r.other_tags.empty());
  EXPECT_EQ(r.attrs["timex:t1"]["title"], "DATE \"><b>v</b>");
}

}  // namespace
}  // namespace chronicle
