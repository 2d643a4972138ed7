// End-to-end tests of `chronicle timeline`: they run the built binary, open
// the page it writes in headless Chromium and check what the page draws.
//
// Two inputs: the hand-annotated TimeML of the example article
// (tests/data/seed-article.tml, a fixture of the drawing: its TLINKs are
// drawn as they are), whose picture must show the article's story in
// calendar order; and the raw article, annotated by the whole pipeline,
// where only what the stages reliably give is asserted (the dated
// expressions in calendar order, every drawn event with its own sentence).
// Skipped when /usr/bin/chromium is missing (scripts/setup.sh --test).
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

const std::string kTimelineBin = CHRONICLE_BIN;
const std::string kArticle = std::string(CHRONICLE_SHARED_DIR) + "/examples/seed-article.txt";
const std::string kGold = std::string(CHRONICLE_SOURCE_DIR) + "/tests/data/seed-article.tml";
constexpr const char* kChromiumBin = "/usr/bin/chromium";

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Undoes the entity escapes of Chromium's DOM serialization.
std::string Unescape(const std::string& s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", "\xC2\xA0"}, {"&#39;", "'"}, {"&amp;", "&"}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool done = false;
    if (s[i] == '&') {
      for (const auto& [from, to] : kEntities) {
        size_t n = std::char_traits<char>::length(from);
        if (s.compare(i, n, from) == 0) {
          out += to;
          i += n;
          done = true;
          break;
        }
      }
    }
    if (!done) out += s[i++];
  }
  return out;
}

// The text of an HTML fragment.
std::string StripTags(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) out += c;
  }
  return Unescape(out);
}

// One element of the drawing: a time-expression group, an event (on the
// axis or in the undated column) or the DCT line.
struct Drawn {
  std::string kind;  // group, event, dct
  std::string id;    // event instance id
  std::string label; // group label
  std::string text;  // the element's first text
  std::string sentence;
  std::string cls;
  int x = -1, right = -1, lane = -1;
};

std::string Attr(const std::string& tag, const std::string& name) {
  std::string key = " " + name + "=\"";
  size_t at = tag.find(key);
  if (at == std::string::npos) return "";
  at += key.size();
  return Unescape(tag.substr(at, tag.find('"', at) - at));
}

// Every element carrying data-kind, in document order.
std::vector<Drawn> ParseDrawing(const std::string& dom) {
  std::vector<Drawn> out;
  for (size_t at = dom.find("data-kind=\""); at != std::string::npos; at = dom.find("data-kind=\"", at + 1)) {
    size_t open = dom.rfind('<', at), close = dom.find('>', at);
    std::string tag = dom.substr(open, close - open);
    Drawn d;
    d.kind = Attr(tag, "data-kind");
    d.id = Attr(tag, "data-id");
    d.label = Attr(tag, "data-label");
    d.sentence = Attr(tag, "data-sentence");
    d.cls = Attr(tag, "class");
    std::string x = Attr(tag, "data-x"), r = Attr(tag, "data-right"), l = Attr(tag, "data-lane");
    if (!x.empty()) d.x = std::atoi(x.c_str());
    if (!r.empty()) d.right = std::atoi(r.c_str());
    if (!l.empty()) d.lane = std::atoi(l.c_str());
    // The first text node after the tag.
    size_t t = close + 1;
    while (t < dom.size() && dom[t] == '<') t = dom.find('>', t) + 1;
    d.text = Unescape(dom.substr(t, dom.find('<', t) - t));
    out.push_back(std::move(d));
  }
  return out;
}

class TimelineCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("chronicle_tl_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `chronicle timeline ARGS`; returns the exit code, stderr in *err.
  int Timeline(const std::string& args, std::string* err) {
    fs::path e = dir_ / "stderr.txt";
    std::string cmd = kTimelineBin + " timeline " + args + " </dev/null >/dev/null 2>" + e.string();
    int status = std::system(cmd.c_str());
    *err = ReadAll(e);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // The DOM of `page` after its script ran, opened with `hash`.
  std::string Render(const fs::path& page, const std::string& hash = "") {
    fs::path dom = dir_ / "dom.html";
    std::string cmd = std::string(kChromiumBin) +
                      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                      " --disable-background-networking --disable-component-update --disable-sync"
                      " --window-size=1400,900 --user-data-dir=" + (dir_ / "profile").string() +
                      " --virtual-time-budget=5000 --dump-dom 'file://" + page.string() + hash + "' > " +
                      dom.string() + " 2>/dev/null";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    return ReadAll(dom);
  }

  // The hover card of event `id`, as the page shows it.
  std::string HoverCard(const fs::path& page, const std::string& id) {
    std::string dom = Render(page, "#hover=" + id);
    size_t tip = dom.find("id=\"tl-tip\"");
    if (tip == std::string::npos) return "";
    size_t open = dom.rfind('<', tip);
    std::string tag = dom.substr(open, dom.find('>', tip) - open);
    if (tag.find("hidden") != std::string::npos) return "";
    return dom.substr(tip, dom.find("</div></div>", tip) - tip);
  }

  bool HaveChromium() const { return access(kChromiumBin, X_OK) == 0; }

  fs::path dir_;
};

const Drawn* Find(const std::vector<Drawn>& d, const std::string& kind, const std::string& key) {
  for (const Drawn& e : d)
    if (e.kind == kind && (kind == "group" ? e.label == key : kind == "event" ? e.text == key : true)) return &e;
  return nullptr;
}

// No two items of one band and lane overlap.
void ExpectLanesDoNotOverlap(const std::vector<Drawn>& drawn) {
  std::map<std::pair<std::string, int>, std::vector<std::pair<int, int>>> lanes;
  for (const Drawn& d : drawn)
    if (d.lane >= 0) lanes[{d.kind, d.lane}].push_back({d.x, d.right});
  EXPECT_FALSE(lanes.empty());
  for (auto& [key, spans] : lanes) {
    std::sort(spans.begin(), spans.end());
    for (size_t i = 1; i < spans.size(); ++i)
      EXPECT_GT(spans[i].first, spans[i - 1].second)
          << key.first << " lane " << key.second << ": " << spans[i - 1].first << "-" << spans[i - 1].second
          << " and " << spans[i].first << "-" << spans[i].second;
  }
}

TEST_F(TimelineCliTest, HandAnnotatedArticleShowsTheStoryInOrder) {
  if (!HaveChromium()) GTEST_SKIP() << kChromiumBin << " not found (scripts/setup.sh --test)";
  fs::path page = dir_ / "gold.html";
  std::string err;
  ASSERT_EQ(Timeline(kGold + " -o " + page.string(), &err), 0) << err;
  std::string dom = Render(page);
  ASSERT_NE(dom.find("data-rendered=\"true\""), std::string::npos) << "the page script failed";
  std::vector<Drawn> drawn = ParseDrawing(dom);

  // The story, left to right: the 2018 film; the January interview and
  // report; production resuming in September 2020; the posts at the DCT;
  // the July 2021 and August 2022 release dates.
  auto x = [&](const std::string& kind, const std::string& key) {
    const Drawn* d = Find(drawn, kind, key);
    EXPECT_NE(d, nullptr) << "not drawn: " << kind << " " << key;
    return d ? d->x : -1;
  };
  std::vector<std::vector<std::pair<std::string, std::string>>> steps = {
      {{"group", "2018"}, {"event", "Fallout"}, {"event", "killed"}},
      {{"group", "January 2020"}, {"event", "spoke"}, {"event", "told"}, {"event", "report"}, {"event", "claimed"}},
      {{"group", "September 2020"}, {"event", "resumed"}},
      {{"group", "2 October 2020"}, {"event", "back"}, {"event", "sharing"}, {"dct", ""}},
      {{"group", "July 2021"}, {"group", "23 July 2021"}},
      {{"group", "August 2022"}, {"group", "5 August 2022"}},
  };
  int prev_max = -1;
  for (const auto& step : steps) {
    int lo = 1 << 30, hi = -1;
    for (const auto& [kind, key] : step) {
      int v = x(kind, key);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    EXPECT_GT(lo, prev_max) << "step starting with " << step[0].second << " is not after the one before";
    prev_max = hi;
  }
  // Events of one date share its x (the same interval).
  EXPECT_EQ(x("event", "spoke"), x("event", "report"));
  EXPECT_EQ(x("event", "back"), x("group", "2 October 2020"));
  // Dated by reasoning (told SIMULTANEOUS spoke) vs by a stated link; the
  // posts at the DCT are going on then.
  EXPECT_NE(Find(drawn, "event", "told")->cls.find("tl-closure"), std::string::npos);
  EXPECT_NE(Find(drawn, "event", "spoke")->cls.find("tl-direct"), std::string::npos);
  EXPECT_NE(Find(drawn, "event", "back")->cls.find("tl-spans"), std::string::npos);
  // Axis ticks: every year of the story, and month names.
  for (const char* year : {">2018<", ">2019<", ">2020<", ">2021<", ">2022<"})
    EXPECT_NE(dom.find(year), std::string::npos) << year;
  EXPECT_NE(dom.find(">Jul<"), std::string::npos);
  ExpectLanesDoNotOverlap(drawn);
  // The undated column: the post she wrote, before the DCT, after the photo
  // she shared; the filming after the DCT.
  size_t column = dom.find("Not dated");
  ASSERT_NE(column, std::string::npos);
  size_t shared = dom.find(">shared<", column), wrote = dom.find(">wrote<", column),
         film = dom.find(">film<", column);
  ASSERT_NE(wrote, std::string::npos);
  ASSERT_NE(film, std::string::npos);
  EXPECT_LT(shared, wrote);
  EXPECT_LT(wrote, film);
  EXPECT_NE(dom.find("before 2 October 2020", wrote), std::string::npos);
  // Hover: the value and the sentence, with the event marked.
  std::string card = HoverCard(page, "ei16");
  EXPECT_NE(card.find("In January 2020 (2020-01)"), std::string::npos) << card;
  EXPECT_NE(card.find("<mark>report</mark> from THR claimed"), std::string::npos) << card;
  EXPECT_NE(StripTags(card).find("In January, a report from THR claimed McQuarrie was"), std::string::npos) << card;
}

TEST_F(TimelineCliTest, RawArticleThroughThePipeline) {
  if (!HaveChromium()) GTEST_SKIP() << kChromiumBin << " not found (scripts/setup.sh --test)";
  fs::path page = dir_ / "raw.html", data = dir_ / "raw.json";
  std::string err;
  ASSERT_EQ(Timeline(kArticle + " -o " + page.string(), &err), 0) << err;
  ASSERT_EQ(Timeline(kArticle + " -o " + data.string(), &err), 0) << err;
  nlohmann::json j = nlohmann::json::parse(ReadAll(data));
  const std::string text = j["document"]["text"];
  std::string dom = Render(page);
  ASSERT_NE(dom.find("data-rendered=\"true\""), std::string::npos) << "the page script failed";
  std::vector<Drawn> drawn = ParseDrawing(dom);

  // The dated expressions the timex stage finds, in calendar order.
  std::vector<std::string> dates = {"2018", "January 2020", "September 2020", "2 October 2020", "July 2021",
                                    "August 2022"};
  int last = -1;
  for (const std::string& label : dates) {
    const Drawn* g = Find(drawn, "group", label);
    ASSERT_NE(g, nullptr) << "no group " << label;
    EXPECT_GT(g->x, last) << label;
    last = g->x;
  }
  // Every event of the JSON is drawn once, on the axis when anchored and in
  // the column otherwise, with its own sentence as hover text.
  const nlohmann::json& events = j["timeline"]["events"];
  ASSERT_GT(events.size(), 5u);
  for (const nlohmann::json& e : events) {
    std::string id = e["id"];
    int n = 0;
    for (const Drawn& d : drawn) {
      if (d.kind != "event" || d.id != id) continue;
      ++n;
      EXPECT_EQ(d.text, e["text"].get<std::string>());
      EXPECT_EQ(d.lane >= 0, e.contains("anchor")) << id;  // lanes are on the axis only
      EXPECT_EQ(d.sentence, e["sentence"].get<std::string>());
      EXPECT_NE(text.find(d.sentence), std::string::npos) << d.sentence;
      EXPECT_NE(d.sentence.find(d.text), std::string::npos) << d.text << " / " << d.sentence;
      EXPECT_EQ(d.sentence.find("\n\n"), std::string::npos) << "more than a sentence: " << d.sentence;
    }
    EXPECT_EQ(n, 1) << id << " " << e["text"];
  }
  ExpectLanesDoNotOverlap(drawn);
  // An anchored event sits on its date's group.
  for (const nlohmann::json& e : events) {
    if (!e.contains("anchor")) continue;
    const Drawn* g = Find(drawn, "group", e["anchor"]["label"]);
    ASSERT_NE(g, nullptr) << e["anchor"]["label"];
    for (const Drawn& d : drawn) {
      if (d.kind == "event" && d.id == e["id"]) {
        EXPECT_EQ(d.x, g->x) << d.text;
      }
    }
  }
  // The hover card of the first event shows its sentence.
  std::string first = events[0]["id"];
  std::string card = HoverCard(page, first);
  EXPECT_NE(card.find("<mark>"), std::string::npos) << card;
  EXPECT_NE(StripTags(card).find(events[0]["sentence"].get<std::string>()), std::string::npos) << card;
}

TEST_F(TimelineCliTest, JsonOutputAndDeterministicPage) {
  fs::path a = dir_ / "a.html", b = dir_ / "b.html", j = dir_ / "t.json";
  std::string err;
  ASSERT_EQ(Timeline(kGold + " -o " + a.string(), &err), 0) << err;
  ASSERT_EQ(Timeline(kGold + " -o " + b.string(), &err), 0) << err;
  EXPECT_EQ(ReadAll(a), ReadAll(b));
  ASSERT_EQ(Timeline(kGold + " -o " + j.string(), &err), 0) << err;
  nlohmann::json data = nlohmann::json::parse(ReadAll(j));
  EXPECT_EQ(data["document"]["dct"], "2020-10-02");
  EXPECT_EQ(data["timeline"]["groups"][0]["label"], "2018");
  // The page embeds the same data.
  std::string html = ReadAll(a);
  EXPECT_NE(html.find("\"label\":\"September 2020\""), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos) << "the page must not fetch anything";
}

TEST_F(TimelineCliTest, GivenEntitiesWithoutLinksAreKept) {
  // The hand annotation without its TLINKs: the pipeline adds links but
  // keeps the given time expressions and events (TempEval-3 Task C).
  std::string tml = ReadAll(kGold);
  std::string stripped;
  for (size_t at = 0;;) {
    size_t l = tml.find("<TLINK", at);
    if (l == std::string::npos) {
      stripped += tml.substr(at);
      break;
    }
    stripped += tml.substr(at, l - at);
    at = tml.find("/>", l) + 2;
  }
  ASSERT_EQ(stripped.find("<TLINK"), std::string::npos);
  fs::path in = dir_ / "nolinks.tml", out = dir_ / "nolinks.json";
  std::ofstream(in, std::ios::binary) << stripped;
  std::string err;
  ASSERT_EQ(Timeline(in.string() + " -o " + out.string(), &err), 0) << err;
  nlohmann::json j = nlohmann::json::parse(ReadAll(out));
  std::vector<std::string> texts;
  for (const nlohmann::json& e : j["timeline"]["events"]) texts.push_back(e["text"]);
  EXPECT_EQ(texts.size(), 24u);
  for (const char* given : {"resumed", "production", "report", "Fallout", "bringing back"})
    EXPECT_NE(std::find(texts.begin(), texts.end(), given), texts.end()) << given;
  EXPECT_EQ(j["document"]["timexes"].size(), 11u);
}

TEST_F(TimelineCliTest, HoverSentencesOfGivenTimeMLComeFromTheTokenizer) {
  fs::path in = dir_ / "mr.tml", out = dir_ / "mr.json";
  std::ofstream(in, std::ios::binary)
      << "<?xml version=\"1.0\"?>\n<TimeML><DOCID>mr</DOCID>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" "
         "value=\"2020-10-02\" functionInDocument=\"CREATION_TIME\">2020-10-02</TIMEX3></DCT>\n"
         "<TEXT>Shares rose. Mr. Smith <EVENT eid=\"e1\" class=\"OCCURRENCE\">left</EVENT> on "
         "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2020-09-28\">Monday</TIMEX3>. Then it rained.</TEXT>\n"
         "<MAKEINSTANCE eventID=\"e1\" eiid=\"ei1\" tense=\"PAST\" aspect=\"NONE\" polarity=\"POS\" "
         "pos=\"VERB\"/>\n<TLINK lid=\"l1\" relType=\"IS_INCLUDED\" eventInstanceID=\"ei1\" "
         "relatedToTime=\"t1\"/>\n</TimeML>\n";
  std::string err;
  ASSERT_EQ(Timeline(in.string() + " -o " + out.string(), &err), 0) << err;
  nlohmann::json j = nlohmann::json::parse(ReadAll(out));
  const nlohmann::json& e = j["timeline"]["events"][0];
  EXPECT_EQ(e["sentence"], "Mr. Smith left on Monday.");
  EXPECT_EQ(e["anchor"]["label"], "28 September 2020");
  // The document itself is written as read (no sentences were added to it).
  EXPECT_EQ(j["document"]["sentences"].size(), 0u);
}

}  // namespace
