#include "server/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "pipeline/formats.h"
#include "pipeline/paths.h"
#include "util/file.h"

namespace chronicle {
namespace {

constexpr std::string_view kArticle =
    "date 2020-10-02\n"
    "The studio said on Monday that filming resumed last month. The film opens on July 23, 2021.\n";

// The rules-only pipeline (tokens, timex) loads in tens of milliseconds;
// the full one once for the whole suite.
const Pipeline& TimexPipeline() {
  static const Pipeline* p = [] {
    PipelineOptions o;
    o.resources = FindResources({CHRONICLE_SOURCE_DIR "/data", CHRONICLE_SOURCE_DIR "/models"}, "");
    o.stages = {"tokens", "timex"};
    Result<Pipeline> r = Pipeline::Create(o);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return new Pipeline(std::move(r).value());
  }();
  return *p;
}

const Pipeline& FullPipeline() {
  static const Pipeline* p = [] {
    PipelineOptions o;
    o.resources = FindResources({CHRONICLE_SOURCE_DIR "/data", CHRONICLE_SOURCE_DIR "/models"}, "");
    Result<Pipeline> r = Pipeline::Create(o);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return new Pipeline(std::move(r).value());
  }();
  return *p;
}

// What `chronicle annotate` would write for the same text.
std::string AnnotateDirectly(const Pipeline& p, std::string_view text, Format to) {
  std::vector<Error> warnings;
  Result<Document> d = ReadDocument(text, "request", Format::kText, std::nullopt, &warnings);
  EXPECT_TRUE(d.ok());
  Document doc = std::move(d).value();
  doc.id = "request";
  p.Run(&doc);
  return WriteDocument(doc, to);
}

TEST(ServiceTest, AnnotateAnswersWhatThePipelineWrites) {
  Service s(&TimexPipeline());
  HttpReply r = s.Handle("POST", "/annotate", {}, kArticle);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, AnnotateDirectly(TimexPipeline(), kArticle, Format::kJson));
  nlohmann::json j = nlohmann::json::parse(r.body);
  std::vector<std::pair<std::string, std::string>> values;
  for (const auto& t : j["timexes"]) values.emplace_back(t["text"], t["value"]);
  EXPECT_NE(std::find(values.begin(), values.end(), std::pair<std::string, std::string>("last month", "2020-09")),
            values.end())
      << r.body;
  EXPECT_NE(std::find(values.begin(), values.end(),
                      std::pair<std::string, std::string>("July 23, 2021", "2021-07-23")),
            values.end());
}

TEST(ServiceTest, OtherOutputFormatsAndTheDctParameter) {
  Service s(&TimexPipeline());
  HttpReply tml = s.Handle("POST", "/annotate", {{"to", "tml"}, {"dct", "2021-01-15"}},
                           "He arrived yesterday.");
  ASSERT_EQ(tml.status, 200) << tml.body;
  EXPECT_EQ(tml.content_type, "application/xml");
  EXPECT_NE(tml.body.find("value=\"2021-01-14\""), std::string::npos) << tml.body;
  HttpReply html = s.Handle("POST", "/annotate", {{"to", "html"}}, kArticle);
  ASSERT_EQ(html.status, 200);
  EXPECT_EQ(html.content_type, "text/html; charset=utf-8");
  EXPECT_NE(html.body.find("2021-07-23"), std::string::npos);
  HttpReply named = s.Handle("POST", "/annotate", {{"id", "story-7"}}, kArticle);
  EXPECT_EQ(nlohmann::json::parse(named.body)["id"], "story-7");
}

TEST(ServiceTest, BadRequestsGetOneLineErrors) {
  Service s(&TimexPipeline(), 64);
  auto error_of = [](const HttpReply& r) {
    return nlohmann::json::parse(r.body)["error"].get<std::string>();
  };
  HttpReply impossible = s.Handle("POST", "/annotate", {}, "date 2021-02-30\nHello.");
  EXPECT_EQ(impossible.status, 400);
  EXPECT_NE(error_of(impossible).find("request:1"), std::string::npos) << impossible.body;
  HttpReply broken = s.Handle("POST", "/annotate", {{"from", "tml"}}, "<TimeML><TEXT>a</TIMEX3>");
  EXPECT_EQ(broken.status, 400) << broken.body;
  EXPECT_EQ(error_of(broken).find('\n'), std::string::npos);
  EXPECT_EQ(s.Handle("POST", "/annotate", {{"to", "yaml"}}, "x").status, 400);
  EXPECT_EQ(s.Handle("POST", "/annotate", {{"from", "jsonl"}}, "{}").status, 400);
  EXPECT_EQ(s.Handle("POST", "/annotate", {}, std::string(65, 'a')).status, 413);
  EXPECT_EQ(s.Handle("GET", "/annotate", {}, "").status, 405);
  EXPECT_EQ(s.Handle("POST", "/health", {}, "").status, 405);
  HttpReply missing = s.Handle("GET", "/nowhere", {}, "");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(error_of(missing).find("/nowhere"), std::string::npos);
}

TEST(ServiceTest, BinaryJunkIsRefusedNotCrashed) {
  Service s(&TimexPipeline());
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 131 + 7) % 256));
  HttpReply r = s.Handle("POST", "/annotate", {{"dct", "2020-01-01"}}, junk);
  EXPECT_EQ(r.status, 400) << r.body;
  HttpReply empty = s.Handle("POST", "/annotate", {{"dct", "2020-01-01"}}, "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("empty"), std::string::npos) << empty.body;
}

TEST(ServiceTest, HealthAndIndexPage) {
  Service s(&TimexPipeline());
  HttpReply health = s.Handle("GET", "/health", {}, "");
  ASSERT_EQ(health.status, 200);
  nlohmann::json j = nlohmann::json::parse(health.body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["stages"], nlohmann::json::array({"tokens", "timex"}));
  HttpReply page = s.Handle("GET", "/", {}, "");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("fetch(route"), std::string::npos);
}

TEST(ServiceTest, TimelineOfTheExampleArticle) {
  Service s(&FullPipeline());
  std::string text;
  {
    Result<std::string> r = ReadFile(CHRONICLE_SHARED_DIR "/examples/seed-article.txt");
    ASSERT_TRUE(r.ok());
    text = r.value();
  }
  HttpReply data = s.Handle("POST", "/timeline", {{"to", "json"}}, text);
  ASSERT_EQ(data.status, 200) << data.body;
  EXPECT_NE(data.body.find("2021-07"), std::string::npos);
  HttpReply page = s.Handle("POST", "/timeline", {}, text);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<html"), std::string::npos);
  EXPECT_EQ(s.Handle("POST", "/timeline", {{"to", "tml"}}, text).status, 400);
}

// The real socket path: a server on a free port of the loopback interface,
// requests from several client threads at once.
TEST(HttpServerTest, ServesOverTheLoopbackInterface) {
  Service s(&TimexPipeline(), 1 << 20);
  HttpServer server(&s, {.host = "127.0.0.1", .port = 0, .threads = 2});
  Result<int> port = server.Bind();
  ASSERT_TRUE(port.ok()) << port.error().ToString();
  std::thread serving([&] { EXPECT_TRUE(server.Serve().ok()); });

  const std::string expected = AnnotateDirectly(TimexPipeline(), kArticle, Format::kJson);
  std::vector<std::thread> clients;
  std::vector<std::string> bodies(4);
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", port.value());
      auto r = c.Post("/annotate", std::string(kArticle), "text/plain");
      if (r && r->status == 200) bodies[i] = r->body;
    });
  }
  for (auto& c : clients) c.join();
  for (const std::string& b : bodies) EXPECT_EQ(b, expected);

  httplib::Client c("127.0.0.1", port.value());
  auto bad = c.Post("/annotate?dct=2021-13-01", "Hello.", "text/plain");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("\"error\""), std::string::npos);
  auto big = c.Post("/annotate", std::string((1 << 20) + 1, 'a'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  // A form-encoded body is the document, never parameters.
  auto form = c.Post("/annotate?to=tml", "to=yaml&dct=1999-01-01", "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 400) << form->body;  // no DCT: the body's dct= is not a parameter
  auto form2 = c.Post("/annotate?to=tml&dct=2020-05-05", "to=yaml&dct=1999-01-01 yesterday",
                      "application/x-www-form-urlencoded");
  ASSERT_TRUE(form2);
  EXPECT_EQ(form2->status, 200);
  EXPECT_NE(form2->body.find("2020-05-04"), std::string::npos) << form2->body;
  auto health = c.Get("/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);

  server.Stop();
  serving.join();
}

TEST(HttpServerTest, ABusyPortIsAnError) {
  Service s(&TimexPipeline());
  HttpServer first(&s, {.host = "127.0.0.1", .port = 0});
  Result<int> port = first.Bind();
  ASSERT_TRUE(port.ok());
  HttpServer second(&s, {.host = "127.0.0.1", .port = port.value()});
  Result<int> again = second.Bind();
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find(std::to_string(port.value())), std::string::npos);
}

}  // namespace
}  // namespace chronicle
