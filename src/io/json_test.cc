#include "io/json.h"

#include <random>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "util/file.h"
#include "util/utf8.h"

namespace chronicle {
namespace {

Span SpanOf(const std::string& text, std::string_view what, size_t from = 0) {
  size_t b = text.find(what, from);
  EXPECT_NE(b, std::string::npos) << what;
  return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(b + what.size())};
}

// "Sales fell last month, the report said." with every layer filled.
Document RichDocument() {
  Document doc;
  doc.id = "d1";
  doc.text = "Sales fell last month, the report said.";
  doc.dct = Timex{.id = "t0",
                  .type = "DATE",
                  .value = "2020-10-02",
                  .temporal_function = "false",
                  .function_in_document = "CREATION_TIME"};
  const char* words[] = {"Sales", "fell", "last", "month", ",", "the", "report", "said", "."};
  size_t from = 0;
  for (const char* w : words) {
    Token t;
    t.span = SpanOf(doc.text, w, from);
    from = t.span.end;
    doc.tokens.push_back(t);
  }
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    doc.tokens[i].space_after = i + 1 < doc.tokens.size()
                                    ? doc.tokens[i + 1].span.begin != doc.tokens[i].span.end
                                    : false;
  }
  doc.tokens[1].upos = "VERB";
  doc.tokens[1].lemma = "fall";
  doc.tokens[1].head = 7;
  doc.tokens[1].deprel = "ccomp";
  doc.tokens[7].head = kRootHead;
  doc.tokens[7].deprel = "root";
  doc.sentences.push_back(Sentence{.span = Span{0, static_cast<uint32_t>(doc.text.size())},
                                   .first_token = 0,
                                   .end_token = 9});
  doc.timexes.push_back(Timex{.id = "t1",
                              .span = SpanOf(doc.text, "last month"),
                              .type = "DATE",
                              .value = "2020-09",
                              .temporal_function = "true",
                              .anchor_time_id = "t0"});
  doc.events.push_back(Event{.id = "e1", .span = SpanOf(doc.text, "fell"),
                             .event_class = "OCCURRENCE"});
  doc.events.push_back(Event{.id = "e2", .span = SpanOf(doc.text, "said"),
                             .event_class = "REPORTING",
                             .extra = {{"stem", "say"}}});
  doc.instances.push_back(EventInstance{.id = "ei1", .event_id = "e1", .tense = "PAST",
                                        .aspect = "NONE", .polarity = "POS", .pos = "VERB"});
  doc.instances.push_back(EventInstance{.id = "ei2", .event_id = "e2", .tense = "PAST",
                                        .aspect = "NONE", .polarity = "POS", .pos = "VERB"});
  doc.instances.push_back(EventInstance{.id = "ei3", .event_id = "e2", .tense = "PRESENT",
                                        .aspect = "PERFECTIVE", .polarity = "NEG",
                                        .modality = "would", .pos = "VERB"});
  doc.tlinks.push_back(TLink{.id = "l1", .rel_type = "IS_INCLUDED", .source_id = "ei1",
                             .target_id = "t1", .target_is_event = false});
  doc.tlinks.push_back(TLink{.id = "l2", .rel_type = "BEFORE", .source_id = "t1",
                             .source_is_event = false, .target_id = "t0",
                             .target_is_event = false, .origin = "closure"});
  doc.raw_elements.push_back(RawElement{.xml = "<TITLE>Sales &amp; more</TITLE>"});
  doc.raw_elements.push_back(RawElement{.xml = "<TRAILER>AP</TRAILER>", .before_text = false});
  doc.slinks.push_back(SLink{.id = "l3", .rel_type = "EVIDENTIAL", .event_instance_id = "ei2",
                             .subordinated_event_instance = "ei1"});
  return doc;
}

void ExpectSameDocument(const Document& a, const Document& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.dct, b.dct);
  ASSERT_EQ(a.tokens.size(), b.tokens.size());
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(a.tokens[i].span, b.tokens[i].span);
    EXPECT_EQ(a.tokens[i].upos, b.tokens[i].upos);
    EXPECT_EQ(a.tokens[i].xpos, b.tokens[i].xpos);
    EXPECT_EQ(a.tokens[i].lemma, b.tokens[i].lemma);
    EXPECT_EQ(a.tokens[i].feats, b.tokens[i].feats);
    EXPECT_EQ(a.tokens[i].deprel, b.tokens[i].deprel);
    EXPECT_EQ(a.tokens[i].head, b.tokens[i].head);
    EXPECT_EQ(a.tokens[i].space_after, b.tokens[i].space_after);
  }
  ASSERT_EQ(a.sentences.size(), b.sentences.size());
  for (size_t i = 0; i < a.sentences.size(); ++i) {
    EXPECT_EQ(a.sentences[i].span, b.sentences[i].span);
    EXPECT_EQ(a.sentences[i].first_token, b.sentences[i].first_token);
    EXPECT_EQ(a.sentences[i].end_token, b.sentences[i].end_token);
  }
  EXPECT_EQ(a.timexes, b.timexes);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.instances, b.instances);
  EXPECT_EQ(a.signals, b.signals);
  EXPECT_EQ(a.tlinks, b.tlinks);
  EXPECT_EQ(a.slinks, b.slinks);
  EXPECT_EQ(a.alinks, b.alinks);
  EXPECT_EQ(a.raw_elements, b.raw_elements);
}

TEST(WriteJson, CompactShapeIsExact) {
  Document doc;
  doc.id = "x";
  doc.text = "Sales fell \"now\".";
  doc.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02",
                  .temporal_function = "false", .function_in_document = "CREATION_TIME"};
  doc.timexes.push_back(Timex{.id = "t1", .span = {12, 15}, .type = "DATE",
                              .value = "PRESENT_REF"});
  doc.events.push_back(Event{.id = "e1", .span = {6, 10}, .event_class = "OCCURRENCE"});
  doc.instances.push_back(EventInstance{.id = "ei1", .event_id = "e1", .tense = "PAST",
                                        .aspect = "NONE", .polarity = "POS", .pos = "VERB"});
  EXPECT_EQ(WriteJson(doc, false),
            R"({"id":"x","dct":"2020-10-02","text":"Sales fell \"now\".","tokens":[],)"
            R"("sentences":[],"timexes":[{"id":"t1","start":12,"end":15,"text":"now",)"
            R"("type":"DATE","value":"PRESENT_REF"}],"events":[{"id":"e1","start":6,"end":10,)"
            R"("text":"fell","class":"OCCURRENCE","instance":"ei1","tense":"PAST",)"
            R"("aspect":"NONE","polarity":"POS","modality":"","pos":"VERB"}],"signals":[],)"
            R"("tlinks":[]})");
}

TEST(WriteJson, PrettyLayoutHasOneLinePerItem) {
  Document doc;
  doc.id = "x";
  doc.text = "Now.";
  doc.tokens.push_back(Token{.span = {0, 3}});
  doc.tokens.push_back(Token{.span = {3, 4}});
  doc.timexes.push_back(Timex{.id = "t1", .span = {0, 3}, .type = "DATE",
                              .value = "PRESENT_REF"});
  EXPECT_EQ(WriteJson(doc, true),
            "{\n"
            "  \"id\": \"x\",\n"
            "  \"dct\": null,\n"
            "  \"text\": \"Now.\",\n"
            "  \"tokens\": [\n"
            "    {\"start\": 0, \"end\": 3, \"text\": \"Now\"},\n"
            "    {\"start\": 3, \"end\": 4, \"text\": \".\"}\n"
            "  ],\n"
            "  \"sentences\": [],\n"
            "  \"timexes\": [\n"
            "    {\"id\": \"t1\", \"start\": 0, \"end\": 3, \"text\": \"Now\", \"type\": \"DATE\", "
            "\"value\": \"PRESENT_REF\"}\n"
            "  ],\n"
            "  \"events\": [],\n"
            "  \"signals\": [],\n"
            "  \"tlinks\": []\n"
            "}");
}

TEST(WriteJson, OffsetsAreCodePointsOnTheSeedArticle) {
  Result<std::string> file =
      ReadFile(std::string(CHRONICLE_SHARED_DIR) + "/examples/seed-article.txt");
  ASSERT_TRUE(file.ok()) << file.error().ToString();
  Document doc;
  doc.id = "seed-article";
  doc.text = file.value().substr(file.value().find('\n') + 1);
  ASSERT_TRUE(IsValidUtf8(doc.text));
  doc.timexes.push_back(Timex{.id = "t1", .span = SpanOf(doc.text, "July 23, 2021"),
                              .type = "DATE", .value = "2021-07-23"});
  doc.timexes.push_back(Timex{.id = "t2", .span = SpanOf(doc.text, "last month"),
                              .type = "DATE", .value = "2020-09"});
  // The curly quotes before "July 23, 2021" make bytes and code points differ.
  ASSERT_NE(doc.timexes[0].span.begin, 2323u);
  nlohmann::json j = nlohmann::json::parse(WriteJson(doc, true));
  EXPECT_EQ(j["timexes"][0]["start"], 2323);
  EXPECT_EQ(j["timexes"][0]["end"], 2336);
  EXPECT_EQ(j["timexes"][0]["text"], "July 23, 2021");
  EXPECT_EQ(j["timexes"][1]["start"], 52);
  EXPECT_EQ(j["timexes"][1]["end"], 62);
  // And back to the same bytes.
  Result<Document> back = ParseJson(WriteJson(doc, false), "seed.json", 0);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back.value().timexes, doc.timexes);
}

TEST(WriteJson, EscapesControlCharactersAndRepairsInvalidUtf8) {
  Document doc;
  doc.id = "a\"b";
  doc.text = std::string("tab\there\nnew \\ \x01 caf\xC3\xA9 bad\xFF.", 29);
  std::string out = WriteJson(doc, false);
  EXPECT_NE(out.find(R"("id":"a\"b")"), std::string::npos);
  EXPECT_NE(out.find(R"(tab\there\nnew \\ \u0001 caf)"), std::string::npos) << out;
  EXPECT_NE(out.find("bad\xEF\xBF\xBD."), std::string::npos) << out;  // U+FFFD
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(out.find('\n'), std::string::npos);  // compact is one line
  nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j["text"].get<std::string>().substr(0, 9), "tab\there\n");
}

TEST(WriteJson, IsDeterministicAndRoundTrips) {
  Document doc = RichDocument();
  std::string a = WriteJson(doc, true);
  EXPECT_EQ(a, WriteJson(doc, true));
  for (bool pretty : {true, false}) {
    SCOPED_TRACE(pretty);
    Result<Document> back = ParseJson(WriteJson(doc, pretty), "d1.json", 0);
    ASSERT_TRUE(back.ok()) << back.error().ToString();
    ExpectSameDocument(doc, back.value());
    EXPECT_EQ(back.value().source_name, "d1.json");
    EXPECT_EQ(WriteJson(back.value(), pretty), WriteJson(doc, pretty));
  }
  // Further instances, signals, slinks and extras are where they belong.
  nlohmann::json j = nlohmann::json::parse(a);
  EXPECT_EQ(j["events"][1]["instance"], "ei2");
  ASSERT_EQ(j["events"][1]["instances"].size(), 1u);
  EXPECT_EQ(j["events"][1]["instances"][0]["instance"], "ei3");
  EXPECT_EQ(j["events"][1]["instances"][0]["modality"], "would");
  EXPECT_EQ(j["events"][1]["extra"]["stem"], "say");
  EXPECT_FALSE(j["events"][0].contains("instances"));
  EXPECT_EQ(j["tokens"][1]["head"], 7);
  EXPECT_EQ(j["tokens"][7]["head"], -1);
  EXPECT_FALSE(j["tokens"][0].contains("head"));
  EXPECT_EQ(j["tlinks"][1]["sourceType"], "timex");
  EXPECT_EQ(j["slinks"][0]["source"], "ei2");
  EXPECT_FALSE(j.contains("alinks"));
  EXPECT_FALSE(j.contains("dctTimex"));
  EXPECT_EQ(j["rawElements"][1]["xml"], "<TRAILER>AP</TRAILER>");
  EXPECT_EQ(j["rawElements"][1]["beforeText"], false);
}

// Differential check of the hand-written writer: nlohmann's own compact
// dump of the parsed output gives back the same bytes (same escapes, same
// key order, same numbers).
TEST(WriteJson, CompactOutputEqualsNlohmannsDump) {
  Document doc = RichDocument();
  doc.text += std::string(" \x01\x1f\x7f \"q\" \\ \t caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x80\xA8");
  doc.timexes[0].extra = {{"comment", "a \"b\"\n"}};
  std::string out = WriteJson(doc, false);
  EXPECT_EQ(nlohmann::ordered_json::parse(out).dump(), out);
  Document empty;
  out = WriteJson(empty, false);
  EXPECT_EQ(nlohmann::ordered_json::parse(out).dump(), out);
}

TEST(WriteJson, NonDefaultDctSurvivesTheRoundTrip) {
  Document doc;
  doc.id = "apw";
  doc.text = "Text.";
  // As in TimeBank's APW files: type TIME on a date.
  doc.dct = Timex{.id = "t0", .type = "TIME", .value = "1998-08-08",
                  .temporal_function = "false", .function_in_document = "CREATION_TIME"};
  doc.dct_text = "08/08/1998";
  std::string out = WriteJson(doc, false);
  EXPECT_NE(out.find(R"("dct":"1998-08-08","dctText":"08/08/1998",)"
                     R"("dctTimex":{"id":"t0","type":"TIME","value":)"),
            std::string::npos) << out;
  Result<Document> back = ParseJson(out, "apw.json", 0);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back.value().dct, doc.dct);
  EXPECT_EQ(back.value().dct_text, "08/08/1998");
  doc.dct_text.clear();

  // The value is kept as written, seconds included.
  doc.dct->value = "1998-02-13T14:26:00";
  back = ParseJson(WriteJson(doc, false), "apw.json", 0);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back.value().dct, doc.dct);

  // A time of day makes a TIME DCT by default, with no dctTimex.
  doc.dct->value = "1998-08-08T10:30";
  out = WriteJson(doc, false);
  EXPECT_EQ(out.find("dctTimex"), std::string::npos) << out;
  back = ParseJson(out, "apw.json", 0);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back.value().dct, doc.dct);
}

TEST(ParseJson, AcceptsTheMinimalForm) {
  Result<Document> doc =
      ParseJson(R"({"text": "Caf\u00e9 opened in 2018.", "dct": "20201002"})", "dir/news.json", 0);
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  EXPECT_EQ(doc.value().text, "Caf\xC3\xA9 opened in 2018.");
  EXPECT_EQ(doc.value().id, "news");
  EXPECT_EQ(doc.value().DctValue(), "2020-10-02");
  EXPECT_EQ(doc.value().dct->id, "t0");
  EXPECT_EQ(doc.value().dct->function_in_document, "CREATION_TIME");
  EXPECT_TRUE(doc.value().tokens.empty());

  Result<Document> bom = ParseJson("\xEF\xBB\xBF{\"text\": \"a\"}", "bom.json", 0);
  ASSERT_TRUE(bom.ok()) << bom.error().ToString();
  EXPECT_EQ(bom.value().text, "a");

  Result<Document> line = ParseJson(R"({"text": "x"})", "in.jsonl", 7);
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(line.value().id, "in-7");
  EXPECT_FALSE(line.value().dct.has_value());
}

TEST(ParseJson, ConvertsCodePointsToBytesAndNumbersMissingIds) {
  Result<Document> doc = ParseJson(
      R"({"id": "q", "text": "\u201cNow\u201d, and then \ud83d\ude00 today.",
          "timexes": [{"start": 1, "end": 4, "type": "DATE", "value": "PRESENT_REF"},
                      {"id": "t5", "start": 18, "end": 23, "text": "today",
                       "type": "DATE", "value": "2020-10-02"}],
          "events": [{"start": 11, "end": 15, "class": "OCCURRENCE"}]})",
      "q.json", 0);
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  const Document& d = doc.value();
  EXPECT_EQ(d.Text(d.timexes[0].span), "Now");
  EXPECT_EQ(d.timexes[0].span.begin, 3u);  // after a 3-byte quote
  EXPECT_EQ(d.Text(d.timexes[1].span), "today");
  EXPECT_EQ(d.timexes[0].id, "t6");  // after the largest id in use
  EXPECT_EQ(d.events[0].id, "e1");
  EXPECT_EQ(d.Text(d.events[0].span), "then");
}

TEST(ParseJson, DerivesSentenceTokenRangesWhenLeftOut) {
  Result<Document> doc = ParseJson(
      R"({"text": "A b. C d.",
          "tokens": [{"start":0,"end":1},{"start":2,"end":3},{"start":3,"end":4},
                     {"start":5,"end":6},{"start":7,"end":8},{"start":8,"end":9}],
          "sentences": [{"start":0,"end":4},{"start":5,"end":9}]})",
      "s.json", 0);
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  ASSERT_EQ(doc.value().sentences.size(), 2u);
  EXPECT_EQ(doc.value().sentences[0].first_token, 0u);
  EXPECT_EQ(doc.value().sentences[0].end_token, 3u);
  EXPECT_EQ(doc.value().sentences[1].first_token, 3u);
  EXPECT_EQ(doc.value().sentences[1].end_token, 6u);
  EXPECT_FALSE(doc.value().tokens[1].space_after);
  EXPECT_TRUE(doc.value().tokens[2].space_after);
  EXPECT_FALSE(doc.value().tokens[5].space_after);
}

struct BadCase {
  const char* name;
  std::string json;
  int line_no;
  std::string error;  // the whole Error::ToString()
};

class ParseJsonErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(ParseJsonErrors, GiveAClearMessage) {
  const BadCase& c = GetParam();
  Result<Document> doc = ParseJson(c.json, "in.json", c.line_no);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().kind, Error::Kind::kInvalidInput);
  EXPECT_EQ(doc.error().ToString(), c.error);
}

INSTANTIATE_TEST_SUITE_P(
    All, ParseJsonErrors,
    ::testing::Values(
        BadCase{"TrailingComma", "{\n  \"text\": \"a\",\n}", 0,
                "in.json:3:1: invalid JSON: syntax error while parsing object key - "
                "unexpected '}'; expected string literal"},
        BadCase{"Truncated", R"({"text": "abc)", 4,
                "in.json:4:14: invalid JSON: syntax error while parsing value - invalid string: "
                "missing closing quote; last read: '\"abc'"},
        BadCase{"InvalidUtf8", "{\"text\": \"caf\xC3\x28\"}", 0,
                "in.json:1:15: invalid JSON: syntax error while parsing value - invalid string: "
                "ill-formed UTF-8 byte; last read: '\"caf\xEF\xBF\xBD('"},
        BadCase{"LoneSurrogate", R"({"text": "\ud800x"})", 0,
                "in.json:1:17: invalid JSON: syntax error while parsing value - invalid string: "
                "surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: "
                "'\"\\ud800x'"},
        BadCase{"NotAnObject", "[1, 2]", 0,
                "in.json:1:1: expected a JSON object at the top level, got an array"},
        BadCase{"MissingText", R"({"id": "x", "dct": "2020-10-02"})", 3,
                "in.json:3:1: text: missing: every document needs a \"text\" string"},
        BadCase{"TextNotString", R"({"text": 42})", 0,
                "in.json:1:10: text: expected a string, got 42"},
        BadCase{"ImpossibleDct", R"({"text": "a", "dct": "2021-02-30"})", 2,
                "in.json:2:22: dct: impossible DCT \"2021-02-30\": February 2021 has 28 days"},
        BadCase{"DctNotString", R"({"text": "a", "dct": 20201002})", 0,
                "in.json:1:22: dct: expected a string such as \"2020-10-02\" or null, got 20201002"},
        BadCase{"IdNotString", R"({"text": "a", "id": ["x"]})", 0,
                "in.json:1:21: id: expected a string, got an array"},
        BadCase{"TimexesNotArray", R"({"text": "a", "timexes": {}})", 0,
                "in.json:1:26: timexes: expected an array, got an object"},
        BadCase{"TimexNotObject", R"({"text": "a", "timexes": ["t1"]})", 0,
                "in.json:1:27: timexes[0]: expected an object, got a string"},
        BadCase{"OffsetBeyondText",
                "{\"text\": \"caf\xC3\xA9\", \"timexes\": [{\"id\": \"t1\", \"start\": 0, "
                "\"end\": 5}]}",
                5, "in.json:5:62: timexes[0].end: offset 5 is beyond the end of the text (4 code points)"},
        BadCase{"NegativeOffset", R"({"text": "abc", "events": [{"start": -1, "end": 2}]})", 0,
                "in.json:1:38: events[0].start: offset -1 is negative"},
        BadCase{"FractionalOffset", R"({"text": "abc", "signals": [{"start": 0.5, "end": 2}]})",
                0, "in.json:1:39: signals[0].start: expected a code point offset (an integer), got 0.5"},
        BadCase{"StringOffset", R"({"text": "abc", "tokens": [{"start": "0", "end": 2}]})", 0,
                "in.json:1:38: tokens[0].start: expected a code point offset (an integer), got a string"},
        BadCase{"MissingOffset", R"({"text": "abc", "tokens": [{"start": 0}]})", 0,
                "in.json:1:28: tokens[0].end: missing offset"},
        BadCase{"StartAfterEnd", R"({"text": "abc", "timexes": [{"start": 2, "end": 1}]})", 0,
                "in.json:1:29: timexes[0]: start 2 is after end 1"},
        BadCase{"TextMismatch",
                R"({"text": "in May", "timexes": [{"start": 2, "end": 6, "text": "June"}]})", 0,
                "in.json:1:63: timexes[0].text: \"June\" does not match the text at code points "
                "[2, 6): \" May\""},
        BadCase{"HeadOutOfRange",
                R"({"text": "a b", "tokens": [{"start":0,"end":1,"head":2},{"start":2,"end":3}]})",
                0, "in.json:1:54: tokens[0].head: 2 is out of range [-1, 1]"},
        BadCase{"WrongLinkType",
                R"({"text": "a", "tlinks": [{"id":"l1","sourceType":"time"}]})", 0,
                "in.json:1:50: tlinks[0].sourceType: expected \"event\" or \"timex\", got \"time\""},
        BadCase{"DuplicateIds",
                R"({"text": "ab", "timexes": [{"id":"t1","start":0,"end":1},
                                              {"id":"t1","start":1,"end":2}]})",
                9, "in.json:9: duplicate TIMEX3 id \"t1\""},
        BadCase{"LinkToMissingTimex",
                R"({"text": "a", "tlinks": [{"id":"l1","relType":"BEFORE","source":"t1",
                    "target":"t0","sourceType":"timex","targetType":"timex"}]})",
                0, "in.json: TLINK l1 refers to missing TIMEX3 \"t1\""},
        BadCase{"ExtraNotStrings", R"({"text": "a", "events": [{"start":0,"end":1,
                    "extra": {"stem": 1}}]})",
                0, "in.json:2:39: events[0].extra.stem: expected a string, got 1"}),
    [](const ::testing::TestParamInfo<BadCase>& info) { return info.param.name; });

TEST(ParseJson, ParseErrorsPointAtTheLineWithACaret) {
  Result<Document> doc = ParseJson("{\n  \"text\": \"a\",\n  \"dct\": nope\n}", "in.json", 0);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().line, 3);
  EXPECT_EQ(doc.error().column, 11);
  EXPECT_EQ(doc.error().Pretty(),
            "in.json:3:11: invalid JSON: syntax error while parsing value - invalid literal; "
            "last read: '\"dct\": no'\n"
            "  \"dct\": nope\n"
            "          ^");
}

TEST(ParseJson, ErrorsAfterParsingPointAtTheValueInAPrettyFile) {
  std::string json = WriteJson(RichDocument(), true);
  const std::string good = "\"text\": \"last month\"";
  size_t at = json.find(good);
  ASSERT_NE(at, std::string::npos);
  json.replace(at, good.size(), "\"text\": \"next month\"");
  Result<Document> doc = ParseJson(json, "rich.json", 0);
  ASSERT_FALSE(doc.ok());
  LineCol want = LineColumnAt(json, at + 8);  // the string after "text":
  EXPECT_EQ(doc.error().line, want.line);
  EXPECT_EQ(doc.error().column, want.column);
  EXPECT_EQ(doc.error().message,
            "timexes[0].text: \"next month\" does not match the text at code points [11, 21): "
            "\"last month\"");
  EXPECT_EQ(doc.error().source_line, LineAt(json, at));
  EXPECT_NE(doc.error().Pretty().find("\n" + std::string(want.column - 1, ' ') + "^"),
            std::string::npos);
}

// Random bytes, truncations and single-byte mutations of a valid document
// must give a Document or an Error, never a crash (run under
// -DCHRONICLE_SANITIZE=ON to check memory too).
TEST(ParseJson, SurvivesRandomAndMutatedInput) {
  std::mt19937 rng(12345);
  const std::string valid = WriteJson(RichDocument(), false);
  int ok = 0, failed = 0;
  auto check = [&](const std::string& input) {
    Result<Document> doc = ParseJson(input, "fuzz.json", 1);
    if (doc.ok()) {
      ++ok;
      EXPECT_TRUE(doc.value().Validate().ok());
      // Whatever parses must write and parse again to the same bytes.
      std::string again = WriteJson(doc.value(), false);
      Result<Document> back = ParseJson(again, "fuzz.json", 1);
      ASSERT_TRUE(back.ok()) << back.error().ToString() << "\n" << input;
      EXPECT_EQ(WriteJson(back.value(), false), again);
    } else {
      ++failed;
      EXPECT_EQ(doc.error().file, "fuzz.json");
      EXPECT_EQ(doc.error().line, 1);
      EXPECT_FALSE(doc.error().message.empty());
    }
  };
  for (size_t n = 0; n <= valid.size(); ++n) check(valid.substr(0, n));
  const std::string alphabet = "{}[]\":,0123456789-.eEtrufalsn \\\xC3\xA9\xFF\x80";
  for (int i = 0; i < 3000; ++i) {
    std::string m = valid;
    int edits = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < edits; ++k) {
      size_t at = rng() % m.size();
      switch (rng() % 3) {
        case 0: m[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: m.erase(at, 1 + rng() % 8); break;
        default: m.insert(at, 1, alphabet[rng() % alphabet.size()]);
      }
      if (m.empty()) m = "{";
    }
    check(m);
  }
  for (int i = 0; i < 500; ++i) {
    std::string bytes(rng() % 64, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    check(bytes);
  }
  check(std::string(100000, '['));  // deep nesting, unterminated
  check(std::string(100000, '[') + std::string(100000, ']'));  // deep and well-formed
  check("{\"text\": \"a\", \"extra\": " + std::string(50000, '[') + std::string(50000, ']') +
        "}");
  EXPECT_GT(ok, 0);
  EXPECT_GT(failed, 0);
}

}  // namespace
}  // namespace chronicle
