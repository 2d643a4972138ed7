#include "io/text_reader.h"

#include <gtest/gtest.h>

#include "util/file.h"

namespace chronicle {
namespace {

std::string ErrorOf(std::string_view content,
                    std::optional<std::string_view> dct = std::nullopt) {
  Result<Document> doc = ParseTextWithDct(content, "in.txt", dct);
  return doc.ok() ? "OK" : doc.error().ToString();
}

TEST(ParseTextWithDctTest, DateLineGivesTheDctAndIsNotText) {
  Result<Document> doc =
      ParseTextWithDct("date 2020-10-02 (Friday)\nSales fell.\n", "news/a.b.txt", std::nullopt);
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  const Document& d = doc.value();
  EXPECT_EQ(d.text, "Sales fell.\n");
  EXPECT_EQ(d.id, "a.b");
  EXPECT_EQ(d.source_name, "news/a.b.txt");
  ASSERT_TRUE(d.dct.has_value());
  EXPECT_EQ(d.dct->id, "t0");
  EXPECT_EQ(d.dct->type, "DATE");
  EXPECT_EQ(d.dct->value, "2020-10-02");
  EXPECT_EQ(d.dct->function_in_document, "CREATION_TIME");
  EXPECT_EQ(d.dct->temporal_function, "false");
  EXPECT_TRUE(d.dct->span.empty());
  EXPECT_TRUE(d.timexes.empty());
  EXPECT_TRUE(d.Validate().ok());
}

TEST(ParseTextWithDctTest, DateForms) {
  Result<Document> crlf = ParseTextWithDct("date 20201002\r\nx\r\n", "a.txt", std::nullopt);
  ASSERT_TRUE(crlf.ok());
  EXPECT_EQ(crlf.value().text, "x\r\n");
  EXPECT_EQ(crlf.value().dct->value, "2020-10-02");
  Result<Document> time = ParseTextWithDct("date  2020-10-02T09:30\nx", "a.txt", std::nullopt);
  ASSERT_TRUE(time.ok());
  EXPECT_EQ(time.value().dct->value, "2020-10-02T09:30");
  EXPECT_EQ(time.value().dct->type, "TIME");
  Result<Document> indented = ParseTextWithDct(" \tdate 2020-10-02 \xE2\x9C\x96\n\nx", "a.txt",
                                               std::nullopt);
  ASSERT_TRUE(indented.ok());
  EXPECT_EQ(indented.value().text, "\nx");
  EXPECT_EQ(indented.value().dct->value, "2020-10-02");
  EXPECT_EQ(ErrorOf("  date 2021-02-30\nx"),
            "in.txt:1:8: impossible DCT \"2021-02-30\": February 2021 has 28 days");
  Result<Document> bom = ParseTextWithDct("\xEF\xBB\xBF" "date 2020-10-02\nx", "a.txt",
                                          std::nullopt);
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom.value().text, "x");
}

TEST(ParseTextWithDctTest, OwnDateWinsOverTheOverride) {
  Result<Document> doc = ParseTextWithDct("date 2020-10-02\nx", "a.txt", "1999-01-01");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.value().dct->value, "2020-10-02");
  Result<Document> over = ParseTextWithDct("date night was fun\n", "a.txt", "1999-01-01");
  ASSERT_TRUE(over.ok());
  EXPECT_EQ(over.value().dct->value, "1999-01-01");
  EXPECT_EQ(over.value().text, "date night was fun\n");
}

TEST(ParseTextWithDctTest, Errors) {
  EXPECT_EQ(ErrorOf("date 2021-02-30\nx"),
            "in.txt:1:6: impossible DCT \"2021-02-30\": February 2021 has 28 days");
  EXPECT_EQ(ErrorOf("date 2021-13-01\nx", "2020-01-01"),
            "in.txt:1:6: impossible DCT \"2021-13-01\": month 13 is not 1..12");
  EXPECT_EQ(ErrorOf("date 2021-1-1\nx"),
            "in.txt:1:6: invalid DCT \"2021-1-1\": expected YYYY-MM-DD or YYYY-MM-DDThh:mm");
  EXPECT_EQ(ErrorOf("Sales fell.\n"),
            "in.txt: no DCT: start the file with a line `date YYYY-MM-DD` or pass --dct "
            "YYYY-MM-DD");
  EXPECT_EQ(ErrorOf("Sales fell.\n", "2021-02-29"),
            "--dct: impossible DCT \"2021-02-29\": February 2021 has 28 days");
  EXPECT_EQ(ErrorOf(""), "in.txt: empty document");
  EXPECT_EQ(ErrorOf("date 2020-10-02\n"), "in.txt: empty document");
  EXPECT_EQ(ErrorOf("date 2020-10-02\n \n\t\n", "2020-10-02"), "in.txt: empty document");
  EXPECT_EQ(ErrorOf("date 2020-10-02\ncafé \xFF!"),
            "in.txt:2:6: invalid UTF-8 (byte 0xff): save the file as UTF-8");
  EXPECT_EQ(ErrorOf(std::string_view("date 2020-10-02\nab\ncd\0e", 23)),
            "in.txt:3:3: NUL byte in the input (is this a binary file?)");
}

TEST(ParseTextWithDctTest, BadUtf8ShowsAPrintableLine) {
  Result<Document> doc = ParseTextWithDct("date 2020-10-02\nab\xC3(z", "in.txt", std::nullopt);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().kind, Error::Kind::kInvalidInput);
  EXPECT_EQ(doc.error().Pretty(),
            "in.txt:2:3: invalid UTF-8 (byte 0xc3): save the file as UTF-8\n"
            "ab\xEF\xBF\xBD(z\n"
            "  ^");
}

TEST(ParseTextWithDctTest, SeedArticle) {
  std::string path = std::string(CHRONICLE_SHARED_DIR) + "/examples/seed-article.txt";
  Result<std::string> bytes = ReadFile(path);
  ASSERT_TRUE(bytes.ok());
  Result<Document> doc = ParseTextWithDct(bytes.value(), path, std::nullopt);
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  EXPECT_EQ(doc.value().DctValue(), "2020-10-02");
  EXPECT_EQ(doc.value().id, "seed-article");
  EXPECT_EQ(doc.value().text, bytes.value().substr(bytes.value().find('\n') + 1));
}

}  // namespace
}  // namespace chronicle
