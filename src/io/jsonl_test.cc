#include "io/jsonl.h"

#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <fmt/core.h>

#include "io/json.h"

namespace chronicle {
namespace {

Document Numbered(int i) {
  Document doc;
  doc.id = fmt::format("doc{}", i);
  doc.text = fmt::format("Story {} \xE2\x80\x9C" "ended\xE2\x80\x9D on day {}.", i, i % 28 + 1);
  doc.dct = Timex{.id = "t0", .type = "DATE", .value = fmt::format("2020-02-{:02}", i % 28 + 1),
                  .temporal_function = "false", .function_in_document = "CREATION_TIME"};
  size_t b = doc.text.find("ended");
  doc.events.push_back(Event{.id = "e1",
                             .span = {static_cast<uint32_t>(b), static_cast<uint32_t>(b + 5)},
                             .event_class = "OCCURRENCE"});
  return doc;
}

TEST(Jsonl, StreamsManyDocumentsThroughWriterAndReader) {
  std::stringstream stream;
  JsonlWriter writer(&stream);
  constexpr int kDocs = 2000;
  for (int i = 0; i < kDocs; ++i) ASSERT_TRUE(writer.Write(Numbered(i)).ok());
  std::string all = stream.str();
  EXPECT_EQ(std::count(all.begin(), all.end(), '\n'), kDocs);  // one line each

  JsonlReader reader(&stream, "many.jsonl");
  Document doc;
  int n = 0;
  for (;;) {
    Result<bool> more = reader.Next(&doc);
    ASSERT_TRUE(more.ok()) << more.error().ToString();
    if (!more.value()) break;
    Document want = Numbered(n);
    EXPECT_EQ(doc.id, want.id);
    EXPECT_EQ(doc.text, want.text);
    EXPECT_EQ(doc.dct, want.dct);
    EXPECT_EQ(doc.events, want.events);
    EXPECT_EQ(doc.source_name, "many.jsonl");
    ++n;
    EXPECT_EQ(reader.line_no(), n);
  }
  EXPECT_EQ(n, kDocs);
  Result<bool> again = reader.Next(&doc);  // stays at the end
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again.value());
}

TEST(Jsonl, ErrorsNameTheLineAndReadingGoesOn) {
  std::string input;
  for (int i = 0; i < 50; ++i) {
    if (i == 10) {
      input += "{\"text\": \"broken\"\n";  // line 11: unterminated object
    } else if (i == 20) {
      input += "{\"text\": \"x\", \"dct\": \"2021-02-30\"}\n";  // line 21
    } else if (i == 30) {
      input += "  \t\r\n";  // line 31: blank, skipped
    } else if (i == 40) {
      input += "{\"text\": \"abc\", \"timexes\": [{\"start\": 1, \"end\": 9}]}\r\n";  // line 41
    } else {
      input += WriteJson(Numbered(i), false) + "\n";
    }
  }
  std::istringstream in(input);
  JsonlReader reader(&in, "c.jsonl");
  Document doc;
  std::vector<std::string> errors;
  int docs = 0;
  for (;;) {
    Result<bool> more = reader.Next(&doc);
    if (!more.ok()) {
      errors.push_back(more.error().ToString());
      continue;
    }
    if (!more.value()) break;
    ++docs;
  }
  EXPECT_EQ(docs, 46);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0],
            "c.jsonl:11:18: invalid JSON: syntax error while parsing object - unexpected end of "
            "input; expected '}'");
  EXPECT_EQ(errors[1], "c.jsonl:21:22: dct: impossible DCT \"2021-02-30\": February 2021 has 28 days");
  EXPECT_EQ(errors[2],
            "c.jsonl:41:49: timexes[0].end: offset 9 is beyond the end of the text (3 code points)");
}

TEST(Jsonl, SkipsABomAndBlankLinesAndNumbersIdsByLine) {
  std::istringstream in("\xEF\xBB\xBF{\"text\": \"one\"}\n\n{\"text\": \"two\"}");
  JsonlReader reader(&in, "dir/b.jsonl");
  Document doc;
  Result<bool> r = reader.Next(&doc);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_TRUE(r.value());
  EXPECT_EQ(doc.text, "one");
  EXPECT_EQ(doc.id, "b-1");
  r = reader.Next(&doc);
  ASSERT_TRUE(r.ok() && r.value());
  EXPECT_EQ(doc.text, "two");  // last line without a newline
  EXPECT_EQ(doc.id, "b-3");
  r = reader.Next(&doc);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.value());
}

TEST(Jsonl, WriterReportsAFailedStream) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  JsonlWriter writer(&out);
  Status s = writer.Write(Numbered(1));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, Error::Kind::kIo);
}

}  // namespace
}  // namespace chronicle
