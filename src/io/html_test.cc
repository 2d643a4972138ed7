#include "io/html.h"

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/json.h"

namespace chronicle {
namespace {

constexpr std::string_view kDataOpen = "<script type=\"application/json\" id=\"chronicle-data\">";

Document Hostile() {
  Document doc;
  doc.id = "x</script><script>alert(1)</script>";
  doc.text = "Tom & Jerry </script><!-- <b>bold</b> \xE2\x80\xA8 met on Monday.";
  doc.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02",
                  .temporal_function = "false", .function_in_document = "CREATION_TIME"};
  size_t b = doc.text.find("Monday");
  doc.timexes.push_back(Timex{.id = "t1",
                              .span = {static_cast<uint32_t>(b), static_cast<uint32_t>(b + 6)},
                              .type = "DATE", .value = "2020-09-28\"><img src=x onerror=alert(1)>"});
  return doc;
}

std::string EmbeddedJson(const std::string& html) {
  size_t b = html.find(kDataOpen);
  EXPECT_NE(b, std::string::npos);
  b += kDataOpen.size();
  size_t e = html.find("</script>", b);
  EXPECT_NE(e, std::string::npos);
  return html.substr(b, e - b);
}

size_t Count(const std::string& s, std::string_view what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(WriteHtml, EmbedsTheJsonSoNoTextCanEscapeTheScriptBlock) {
  Document doc = Hostile();
  std::string html = WriteHtml(doc);
  // Only the page's own two script blocks close; the text's markup is inert.
  EXPECT_EQ(Count(html, "</script>"), 2u);
  EXPECT_EQ(Count(html, "<script"), 2u);
  EXPECT_EQ(Count(html, "<!--"), 0u);
  EXPECT_EQ(html.find("<b>bold"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("Tom & Jerry"), std::string::npos);  // '&' escaped too
  std::string embedded = EmbeddedJson(html);
  EXPECT_NE(embedded.find("\\u003c/script\\u003e"), std::string::npos);
  EXPECT_NE(embedded.find("\\u2028"), std::string::npos);
  // The escaped block is the same JSON as WriteJson's.
  EXPECT_EQ(nlohmann::json::parse(embedded), nlohmann::json::parse(WriteJson(doc, false)));
  Result<Document> back = ParseJson(embedded, "page", 0);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back.value().text, doc.text);
  EXPECT_EQ(back.value().timexes, doc.timexes);
}

TEST(WriteHtml, IsSelfContainedAndDeterministic) {
  Document doc = Hostile();
  std::string html = WriteHtml(doc);
  EXPECT_EQ(html, WriteHtml(doc));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  std::string page = html;  // without the document's own data
  page.erase(page.find(kDataOpen), kDataOpen.size() + EmbeddedJson(html).size());
  for (const char* external : {"http:", "https:", "<link", " src=", "@import", "url(", "fetch("}) {
    EXPECT_EQ(page.find(external), std::string::npos) << external;
  }
  // The page renders from the JSON: the document's words are not in the markup.
  EXPECT_EQ(html.find("Monday"), html.find(kDataOpen) + kDataOpen.size() +
                                      EmbeddedJson(html).find("Monday"));
}

TEST(WriteHtml, WorksForAnEmptyDocument) {
  Document doc;
  std::string html = WriteHtml(doc);
  std::string embedded = EmbeddedJson(html);
  nlohmann::json j = nlohmann::json::parse(embedded);
  EXPECT_EQ(j["text"], "");
  EXPECT_TRUE(j["dct"].is_null());
  EXPECT_TRUE(j["timexes"].empty());
}

}  // namespace
}  // namespace chronicle
