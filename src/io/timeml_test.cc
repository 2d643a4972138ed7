#include "io/timeml.h"

#include <random>

#include <fmt/core.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/text_reader.h"

namespace chronicle {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

// A document in the corpus layout with every kind of element.
constexpr std::string_view kSample =
    R"(<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">

<DOCID>wsj_0001</DOCID>

<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>

<EXTRAINFO>
wsj_0001 NEWS &amp; STORY
</EXTRAINFO>

<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE" stem="fall">fell</EVENT> <SIGNAL sid="s1">in</SIGNAL> <TIMEX3 tid="t1" type="DATE" value="1997-10" mod="START" temporalFunction="true" functionInDocument="NONE" anchorTimeID="t0">early October</TIMEX3>, and it <EVENT eid="e2" class="REPORTING">said</EVENT> &lt;so&gt;.
</TEXT>

<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" signalID="s1"/>
<MAKEINSTANCE eiid="ei2" eventID="e2" tense="PAST" aspect="NONE" pos="VERB" polarity="POS" modality="would" cardinality="2"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" signalID="s1" origin="USER"/>
<SLINK lid="l2" relType="EVIDENTIAL" eventInstanceID="ei2" subordinatedEventInstance="ei1" syntax="VP"/>
<TLINK lid="l3" relType="BEFORE" timeID="t1" relatedToEventInstance="ei2" />
<ALINK lid="l4" relType="INITIATES" eventInstanceID="ei2" relatedToEventInstance="ei1" />

</TimeML>
)";

Document MustParse(std::string_view xml, std::vector<Error>* warnings = nullptr) {
  Result<Document> doc = ParseTimeML(xml, "a.tml", warnings);
  EXPECT_TRUE(doc.ok()) << doc.error().Pretty();
  return doc.ok() ? doc.value() : Document{};
}

// The error message for `xml`, or "OK".
std::string ErrorOf(std::string_view xml) {
  Result<Document> doc = ParseTimeML(xml, "a.tml", nullptr);
  return doc.ok() ? "OK" : doc.error().ToString();
}

std::vector<std::string> WarningsOf(std::string_view xml) {
  std::vector<Error> warnings;
  Result<Document> doc = ParseTimeML(xml, "a.tml", &warnings);
  EXPECT_TRUE(doc.ok()) << doc.error().Pretty();
  std::vector<std::string> out;
  for (const Error& w : warnings) out.push_back(w.ToString());
  return out;
}

// A minimal valid document around `text_xml` (the inside of <TEXT>) and
// `after` (what follows </TEXT>). Line 1 is <TimeML>, line 2 the DCT, line 3
// starts with <TEXT>.
std::string Wrap(std::string_view text_xml, std::string_view after = "") {
  return std::string("<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2020-10-02\" "
                     "functionInDocument=\"CREATION_TIME\">x</TIMEX3></DCT>\n<TEXT>") +
         std::string(text_xml) + "</TEXT>\n" + std::string(after) + "</TimeML>\n";
}

TEST(ParseTimeMLTest, ReadsEveryElementOfTheCorpusLayout) {
  std::vector<Error> warnings;
  Document doc = MustParse(kSample, &warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(doc.id, "wsj_0001");
  EXPECT_EQ(doc.source_name, "a.tml");
  EXPECT_EQ(doc.text, "\nAT&T fell in early October, and it said <so>.\n");
  ASSERT_TRUE(doc.dct.has_value());
  EXPECT_EQ(doc.dct->id, "t0");
  EXPECT_EQ(doc.dct->type, "DATE");
  EXPECT_EQ(doc.dct->value, "1998-01-08");
  EXPECT_EQ(doc.dct->temporal_function, "false");
  EXPECT_EQ(doc.dct->function_in_document, "CREATION_TIME");
  EXPECT_TRUE(doc.dct->span.empty());

  ASSERT_EQ(doc.events.size(), 2u);
  EXPECT_EQ(doc.events[0].id, "e1");
  EXPECT_EQ(doc.events[0].event_class, "OCCURRENCE");
  EXPECT_EQ(doc.Text(doc.events[0].span), "fell");
  EXPECT_EQ(doc.events[0].span, (Span{6, 10}));  // after "\nAT&T " (6 bytes, &amp; decoded)
  EXPECT_THAT(doc.events[0].extra, ElementsAre(Pair("stem", "fall")));
  EXPECT_EQ(doc.Text(doc.events[1].span), "said");

  ASSERT_EQ(doc.signals.size(), 1u);
  EXPECT_EQ(doc.signals[0].id, "s1");
  EXPECT_EQ(doc.Text(doc.signals[0].span), "in");

  ASSERT_EQ(doc.timexes.size(), 1u);
  const Timex& t1 = doc.timexes[0];
  EXPECT_EQ(t1.id, "t1");
  EXPECT_EQ(doc.Text(t1.span), "early October");
  EXPECT_EQ(t1.type, "DATE");
  EXPECT_EQ(t1.value, "1997-10");
  EXPECT_EQ(t1.mod, "START");
  EXPECT_EQ(t1.temporal_function, "true");
  EXPECT_EQ(t1.function_in_document, "NONE");
  EXPECT_EQ(t1.anchor_time_id, "t0");

  ASSERT_EQ(doc.instances.size(), 2u);
  EXPECT_EQ(doc.instances[0].id, "ei1");
  EXPECT_EQ(doc.instances[0].event_id, "e1");
  EXPECT_EQ(doc.instances[0].tense, "PAST");
  EXPECT_EQ(doc.instances[0].aspect, "NONE");
  EXPECT_EQ(doc.instances[0].polarity, "POS");
  EXPECT_EQ(doc.instances[0].pos, "VERB");
  EXPECT_EQ(doc.instances[0].signal_id, "s1");
  EXPECT_EQ(doc.instances[1].modality, "would");
  EXPECT_EQ(doc.instances[1].cardinality, "2");

  ASSERT_EQ(doc.tlinks.size(), 2u);
  EXPECT_EQ(doc.tlinks[0].id, "l1");
  EXPECT_EQ(doc.tlinks[0].rel_type, "IS_INCLUDED");
  EXPECT_EQ(doc.tlinks[0].source_id, "ei1");
  EXPECT_TRUE(doc.tlinks[0].source_is_event);
  EXPECT_EQ(doc.tlinks[0].target_id, "t1");
  EXPECT_FALSE(doc.tlinks[0].target_is_event);
  EXPECT_EQ(doc.tlinks[0].signal_id, "s1");
  EXPECT_EQ(doc.tlinks[0].origin, "USER");
  EXPECT_EQ(doc.tlinks[1].source_id, "t1");
  EXPECT_FALSE(doc.tlinks[1].source_is_event);
  EXPECT_TRUE(doc.tlinks[1].target_is_event);

  ASSERT_EQ(doc.slinks.size(), 1u);
  EXPECT_EQ(doc.slinks[0].rel_type, "EVIDENTIAL");
  EXPECT_EQ(doc.slinks[0].event_instance_id, "ei2");
  EXPECT_EQ(doc.slinks[0].subordinated_event_instance, "ei1");
  EXPECT_EQ(doc.slinks[0].syntax, "VP");
  ASSERT_EQ(doc.alinks.size(), 1u);
  EXPECT_EQ(doc.alinks[0].rel_type, "INITIATES");
  EXPECT_EQ(doc.alinks[0].related_to_event_instance, "ei1");

  ASSERT_EQ(doc.raw_elements.size(), 1u);
  EXPECT_EQ(doc.raw_elements[0].xml, "<EXTRAINFO>\nwsj_0001 NEWS &amp; STORY\n</EXTRAINFO>");
  EXPECT_TRUE(doc.raw_elements[0].before_text);
  EXPECT_TRUE(doc.Validate().ok());
}

TEST(ParseTimeMLTest, NestedTagsAndMultiByteText) {
  Document doc = MustParse(Wrap(
      "Der <EVENT eid=\"e1\" class=\"OCCURRENCE\">Fall <TIMEX3 tid=\"t1\" type=\"DATE\" "
      "value=\"2020-10\">im <SIGNAL sid=\"s1\">Oktober</SIGNAL></TIMEX3></EVENT> — "
      "&#233;t&#xE9; <unknown>ok</unknown><EMPTY/>!"));
  EXPECT_EQ(doc.text, "Der Fall im Oktober — été ok!");
  ASSERT_EQ(doc.events.size(), 1u);
  EXPECT_EQ(doc.Text(doc.events[0].span), "Fall im Oktober");
  EXPECT_EQ(doc.Text(doc.timexes[0].span), "im Oktober");
  EXPECT_EQ(doc.Text(doc.signals[0].span), "Oktober");
  EXPECT_TRUE(doc.Validate().ok());
}

TEST(ParseTimeMLTest, CdataCommentsAndLineEnds) {
  Document doc = MustParse(Wrap("a\r\nb<!-- note -->c<![CDATA[<x>&amp;]]>\rd"));
  EXPECT_EQ(doc.text, "a\nbc<x>&amp;\nd");
}

TEST(ParseTimeMLTest, DocIdFallsBackToTheFileStem) {
  Result<Document> doc = ParseTimeML(Wrap("x"), "dir/APW1998.tml", nullptr);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.value().id, "APW1998");
}

TEST(ParseTimeMLTest, UnknownAttributeIsKeptWithAWarning) {
  std::vector<Error> warnings;
  Document doc = MustParse(Wrap("<EVENT eid=\"e1\" class=\"STATE\" colour=\"red\">x</EVENT>"),
                           &warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].ToString(), "a.tml:3:37: unknown attribute colour on <EVENT> (kept)");
  EXPECT_THAT(doc.events[0].extra, ElementsAre(Pair("colour", "red")));
}

TEST(ParseTimeMLTest, UnknownTagInsideTextKeepsItsText) {
  std::string xml = Wrap("Mr <ENAMEX type=\"PERSON\">Smith</ENAMEX> left.");
  EXPECT_THAT(WarningsOf(xml),
              ElementsAre("a.tml:3:10: unknown tag <ENAMEX> inside <TEXT> ignored (its text is "
                          "kept)"));
  EXPECT_EQ(MustParse(xml).text, "Mr Smith left.");
}

TEST(ParseTimeMLTest, EventWithoutTextIsDroppedWithItsInstanceAndLinks) {
  std::string xml = Wrap(
      "a <EVENT eid=\"e1\" class=\"STATE\"></EVENT>b <EVENT eid=\"e2\" class=\"STATE\"/>c",
      "<MAKEINSTANCE eiid=\"ei1\" eventID=\"e1\" tense=\"NONE\"/>\n"
      "<TLINK lid=\"l1\" relType=\"BEFORE\" eventInstanceID=\"ei1\" relatedToTime=\"t0\"/>\n");
  std::vector<Error> warnings;
  Document doc = MustParse(xml, &warnings);
  ASSERT_EQ(warnings.size(), 4u);
  EXPECT_EQ(warnings[0].ToString(), "a.tml:3:9: EVENT e1 has no text; dropped");
  EXPECT_EQ(warnings[1].ToString(), "a.tml:3:49: EVENT e2 has no text; dropped");
  EXPECT_EQ(warnings[2].ToString(),
            "a.tml:4:1: MAKEINSTANCE ei1 refers to missing EVENT \"e1\"; dropped");
  EXPECT_EQ(warnings[3].ToString(),
            "a.tml:5:1: TLINK l1 refers to missing event instance \"ei1\"; dropped");
  EXPECT_EQ(doc.text, "a b c");
  EXPECT_TRUE(doc.events.empty());
  EXPECT_TRUE(doc.instances.empty());
  EXPECT_TRUE(doc.tlinks.empty());
}

TEST(ParseTimeMLTest, SpanWithSurroundingWhiteSpaceIsKeptWithAWarning) {
  std::string xml = Wrap("<EVENT eid=\"e1\" class=\"STATE\"> Turning</EVENT>");
  EXPECT_THAT(WarningsOf(xml), ElementsAre("a.tml:3:7: text of EVENT e1 starts with white space"));
  Document doc = MustParse(xml);
  EXPECT_EQ(doc.Text(doc.events[0].span), " Turning");
}

TEST(ParseTimeMLTest, TlinkToMissingIdIsDropped) {
  std::string xml = Wrap("<EVENT eid=\"e1\" class=\"STATE\">x</EVENT>",
                         "<MAKEINSTANCE eiid=\"ei1\" eventID=\"e1\"/>\n"
                         "<TLINK lid=\"l1\" relType=\"BEFORE\" eventInstanceID=\"ei1\" "
                         "relatedToTime=\"t9\"/>\n"
                         "<TLINK lid=\"l2\" relType=\"AFTER\" eventInstanceID=\"ei1\" "
                         "relatedToTime=\"t0\"/>\n");
  std::vector<Error> warnings;
  Document doc = MustParse(xml, &warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].ToString(),
            "a.tml:5:1: TLINK l1 refers to missing TIMEX3 \"t9\"; dropped");
  ASSERT_EQ(doc.tlinks.size(), 1u);
  EXPECT_EQ(doc.tlinks[0].id, "l2");
  EXPECT_TRUE(doc.Validate().ok());
}

// Regression (found by timeml_fuzz): after a MAKEINSTANCE was dropped, the
// id set of instances looked at moved strings, so a link to the dropped
// instance survived and Validate failed.
TEST(ParseTimeMLTest, LinksToADroppedInstanceAreDroppedToo) {
  std::string text, after;
  for (int i = 1; i <= 12; ++i) {
    if (i != 1) text += fmt::format("<EVENT eid=\"e{0}\" class=\"STATE\">w{0}</EVENT> ", i);
    after += fmt::format("<MAKEINSTANCE eventID=\"e{0}\" eiid=\"ei{0}\"/>\n", i);
  }
  for (int i = 1; i <= 12; ++i) {
    after += fmt::format("<TLINK lid=\"l{0}\" relType=\"BEFORE\" timeID=\"t0\" "
                         "relatedToEventInstance=\"ei{0}\"/>\n", i);
  }
  std::vector<Error> warnings;
  Document doc = MustParse(Wrap(text, after), &warnings);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].ToString(),
            "a.tml:4:1: MAKEINSTANCE ei1 refers to missing EVENT \"e1\"; dropped");
  EXPECT_EQ(warnings[1].ToString(),
            "a.tml:16:1: TLINK l1 refers to missing event instance \"ei1\"; dropped");
  ASSERT_EQ(doc.instances.size(), 11u);
  ASSERT_EQ(doc.tlinks.size(), 11u);
  for (int i = 2; i <= 12; ++i) {
    EXPECT_EQ(doc.instances[i - 2].id, fmt::format("ei{}", i));
    EXPECT_EQ(doc.tlinks[i - 2].target_id, fmt::format("ei{}", i));
  }
  Status valid = doc.Validate();
  EXPECT_TRUE(valid.ok()) << valid.error().ToString();
}

TEST(ParseTimeMLTest, LinkWithoutEndsOrRelTypeIsDropped) {
  std::string xml = Wrap("x", "<TLINK lid=\"l1\" relType=\"BEFORE\" relatedToTime=\"t0\"/>\n"
                              "<TLINK lid=\"l2\" timeID=\"t0\" relatedToTime=\"t0\"/>\n");
  EXPECT_THAT(WarningsOf(xml),
              ElementsAre("a.tml:4:1: TLINK l1 has no eventInstanceID or timeID; dropped",
                          "a.tml:5:1: TLINK l2 has no relType; dropped"));
}

TEST(ParseTimeMLTest, MalformedXmlIsAnErrorAtTheSpot) {
  // Unclosed tag: the innermost open tag is named where it opens.
  EXPECT_EQ(ErrorOf("<TimeML>\n<TEXT>\nThe <EVENT eid=\"e1\">fall"),
            "a.tml:3:5: unclosed tag <EVENT>: expected </EVENT> before the end of the file");
  // Mismatched tag: at the closing tag, naming where the open one started.
  EXPECT_EQ(ErrorOf(Wrap("<EVENT eid=\"e1\" class=\"STATE\">x</TIMEX3></EVENT>")),
            "a.tml:3:38: mismatched tag: </TIMEX3> closes <EVENT> opened at 3:7");
  EXPECT_EQ(ErrorOf(Wrap("x</EVENT>")),
            "a.tml:3:8: mismatched tag: </EVENT> closes <TEXT> opened at 3:1");
  EXPECT_EQ(ErrorOf("<TimeML>\n<TEXT>a < b</TEXT></TimeML>"),
            "a.tml:2:9: '<' not followed by a tag name (write &lt; for a literal '<')");
  EXPECT_EQ(ErrorOf(Wrap("AT&T")), "a.tml:3:9: bare '&' (write &amp; for a literal '&')");
  EXPECT_EQ(ErrorOf(Wrap("&nbsp;")),
            "a.tml:3:7: unknown entity &nbsp; (XML defines only &amp; &lt; &gt; &quot; &apos; "
            "and &#N;)");
  EXPECT_EQ(ErrorOf(Wrap("&#0;")), "a.tml:3:7: invalid character reference &#0;");
  EXPECT_EQ(ErrorOf(Wrap("<EVENT eid=e1>x</EVENT>")),
            "a.tml:3:18: the value of attribute eid of <EVENT> must be in quotes");
  EXPECT_EQ(ErrorOf(Wrap("<EVENT eid=\"e1\" eid=\"e2\">x</EVENT>")),
            "a.tml:3:23: duplicate attribute eid in tag <EVENT>");
  EXPECT_EQ(ErrorOf(Wrap("x") + "<TimeML/>"),
            "a.tml:5:1: element <TimeML> after the root element </TimeML>");
  EXPECT_EQ(ErrorOf("<?xml version=\"1.0\" ?>\n"), "a.tml:2:1: no root element: expected <TimeML>");
}

TEST(ParseTimeMLTest, PrettyShowsTheLineAndACaret) {
  Result<Document> doc =
      ParseTimeML(Wrap("été <EVENT eid=\"e1\">x</SIGNAL>"), "a.tml", nullptr);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().Pretty(),
            "a.tml:3:28: mismatched tag: </SIGNAL> closes <EVENT> opened at 3:11\n"
            "<TEXT>été <EVENT eid=\"e1\">x</SIGNAL></TEXT>\n"
            "                           ^");
}

TEST(ParseTimeMLTest, DuplicateIdsAreErrors) {
  EXPECT_EQ(ErrorOf(Wrap("<EVENT eid=\"e1\" class=\"STATE\">a</EVENT> "
                         "<EVENT eid=\"e1\" class=\"STATE\">b</EVENT>")),
            "a.tml:3:47: duplicate EVENT id \"e1\" (first defined at 3:7)");
  EXPECT_EQ(ErrorOf(Wrap("<TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2020\">now</TIMEX3>")),
            "a.tml:3:7: duplicate TIMEX3 id \"t0\" (first defined at 2:6)");
  EXPECT_EQ(ErrorOf(Wrap("<EVENT eid=\"e1\" class=\"STATE\">a</EVENT>",
                         "<MAKEINSTANCE eiid=\"ei1\" eventID=\"e1\"/>\n"
                         "<TLINK lid=\"l1\" relType=\"BEFORE\" eventInstanceID=\"ei1\" "
                         "relatedToTime=\"t0\"/>\n"
                         "<SLINK lid=\"l1\" relType=\"MODAL\" eventInstanceID=\"ei1\" "
                         "subordinatedEventInstance=\"ei1\"/>\n")),
            "a.tml:6:1: duplicate link id \"l1\" (first defined at 5:1)");
}

TEST(ParseTimeMLTest, BadBytesAreErrors) {
  EXPECT_EQ(ErrorOf(Wrap("caf\xC3")), "a.tml:3:10: invalid UTF-8 (byte 0xc3): save the file as UTF-8");
  EXPECT_EQ(ErrorOf(Wrap(std::string_view("ab\0c", 4))),
            "a.tml:3:9: NUL byte in the input (is this a binary file?)");
  EXPECT_EQ(ErrorOf(""), "a.tml: empty document");
  EXPECT_EQ(ErrorOf("\n \n"), "a.tml:3:1: no root element: expected <TimeML>");
}

TEST(ParseTimeMLTest, DctProblemsAreErrorsThatSayHowToFixThem) {
  std::string bad_date = Wrap("x");
  bad_date.replace(bad_date.find("2020-10-02"), 10, "2021-02-30");
  EXPECT_EQ(ErrorOf(bad_date),
            "a.tml:2:42: impossible DCT \"2021-02-30\": February 2021 has 28 days");
  EXPECT_EQ(ErrorOf("<TimeML>\n<DOCID>d</DOCID>\n<TEXT>x</TEXT>\n</TimeML>"),
            "a.tml:3:1: no DCT: add <DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"YYYY-MM-DD\" "
            "functionInDocument=\"CREATION_TIME\"></TIMEX3></DCT> before <TEXT>");
  EXPECT_EQ(ErrorOf("<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\"/></DCT>\n<TEXT>x</TEXT>\n"
                    "</TimeML>"),
            "a.tml:2:6: the DCT TIMEX3 has no value: write value=\"YYYY-MM-DD\"");
}

TEST(ParseTimeMLTest, StructuralProblemsAreErrors) {
  EXPECT_EQ(ErrorOf("<TimeML>\n<DCT><TIMEX3 tid=\"t0\" value=\"2020-10-02\"/></DCT>\n</TimeML>\n"),
            "a.tml:3:1: no <TEXT> element: put the document text inside <TEXT>...</TEXT>");
  EXPECT_EQ(ErrorOf("<html><TEXT>x</TEXT></html>"),
            "a.tml:1:1: the root element is <html>; a TimeML document has the root <TimeML>");
  EXPECT_EQ(ErrorOf(Wrap("x", "<TEXT>y</TEXT>\n")),
            "a.tml:4:1: second <TEXT> element (the first is at 3:1)");
}

TEST(ParseTimeMLTest, RandomBytesNeverCrash) {
  std::mt19937 rng(42);
  const std::string sample(kSample);
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    switch (round % 3) {
      case 0: {  // random bytes
        s.resize(rng() % 200);
        for (char& c : s) c = static_cast<char>(rng());
        break;
      }
      case 1:  // a truncated document
        s = sample.substr(0, rng() % (sample.size() + 1));
        break;
      default: {  // a document with bytes replaced by XML-significant ones
        static const char kBytes[] = "<>/&;\"'=! \n#x?[]-";
        s = sample;
        for (int k = 0; k < 3; ++k) s[rng() % s.size()] = kBytes[rng() % (sizeof kBytes - 1)];
        break;
      }
    }
    std::vector<Error> warnings;
    Result<Document> doc = ParseTimeML(s, "fuzz.tml", &warnings);
    if (doc.ok()) {
      EXPECT_TRUE(doc.value().Validate().ok());
      Result<Document> again = ParseTimeML(WriteTimeML(doc.value()), "fuzz.tml", nullptr);
      ASSERT_TRUE(again.ok()) << again.error().ToString();
    } else {
      EXPECT_FALSE(doc.error().ToString().empty());
    }
  }
}

TEST(WriteTimeMLTest, WritesTheCorpusLayout) {
  Document doc = MustParse(kSample);
  EXPECT_EQ(WriteTimeML(doc),
            R"(<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">

<DOCID>wsj_0001</DOCID>

<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>

<EXTRAINFO>
wsj_0001 NEWS &amp; STORY
</EXTRAINFO>

<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE" stem="fall">fell</EVENT> <SIGNAL sid="s1">in</SIGNAL> <TIMEX3 tid="t1" type="DATE" value="1997-10" mod="START" temporalFunction="true" functionInDocument="NONE" anchorTimeID="t0">early October</TIMEX3>, and it <EVENT eid="e2" class="REPORTING">said</EVENT> &lt;so>.
</TEXT>

<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" signalID="s1" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" modality="would" cardinality="2" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" signalID="s1" origin="USER" />
<TLINK lid="l3" relType="BEFORE" timeID="t1" relatedToEventInstance="ei2" />
<SLINK lid="l2" relType="EVIDENTIAL" eventInstanceID="ei2" subordinatedEventInstance="ei1" syntax="VP" />
<ALINK lid="l4" relType="INITIATES" eventInstanceID="ei2" relatedToEventInstance="ei1" />

</TimeML>
)");
}

TEST(WriteTimeMLTest, RoundTripKeepsEveryAnnotation) {
  Document a = MustParse(kSample);
  Document b = MustParse(WriteTimeML(a));
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.dct, b.dct);
  EXPECT_EQ(a.timexes, b.timexes);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.signals, b.signals);
  EXPECT_EQ(a.instances, b.instances);
  EXPECT_EQ(a.tlinks, b.tlinks);
  EXPECT_EQ(a.slinks, b.slinks);
  EXPECT_EQ(a.alinks, b.alinks);
  EXPECT_EQ(a.raw_elements, b.raw_elements);
}

TEST(WriteTimeMLTest, NestsTagsAndEscapesAttributes) {
  Document doc;
  doc.id = "n<1>";
  doc.text = "in early May 2020";
  doc.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02",
                  .function_in_document = "CREATION_TIME"};
  doc.timexes.push_back(Timex{.id = "t1", .span = {3, 17}, .type = "DATE", .value = "2020-05",
                              .mod = "START", .extra = {{"comment", "a \"b\"\n&c"}}});
  doc.timexes.push_back(Timex{.id = "t2", .span = {9, 17}, .type = "DATE", .value = "2020-05"});
  doc.events.push_back(Event{.id = "e1", .span = {9, 12}, .event_class = "OCCURRENCE"});
  doc.signals.push_back(Signal{.id = "s1", .span = {0, 2}});
  std::string xml = WriteTimeML(doc);
  EXPECT_NE(xml.find("<DOCID>n&lt;1></DOCID>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<TEXT><SIGNAL sid=\"s1\">in</SIGNAL> <TIMEX3 tid=\"t1\" type=\"DATE\" "
                     "value=\"2020-05\" mod=\"START\" comment=\"a &quot;b&quot;&#10;&amp;c\">"
                     "early <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2020-05\"><EVENT eid=\"e1\" "
                     "class=\"OCCURRENCE\">May</EVENT> 2020</TIMEX3></TIMEX3></TEXT>"),
            std::string::npos)
      << xml;
  Document back = MustParse(xml);
  EXPECT_EQ(back.text, doc.text);
  EXPECT_EQ(back.timexes, doc.timexes);
  EXPECT_EQ(back.events, doc.events);
  EXPECT_EQ(back.signals, doc.signals);
}

TEST(WriteTimeMLTest, LeavesOutCrossingTagsAndWhatRefersToThem) {
  Document doc;
  doc.id = "d";
  doc.text = "abcdef";
  doc.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02"};
  doc.timexes.push_back(Timex{.id = "t1", .span = {0, 4}, .type = "DATE"});
  doc.events.push_back(Event{.id = "e1", .span = {2, 6}, .event_class = "STATE"});  // crosses t1
  doc.events.push_back(Event{.id = "e2", .span = {4, 6}, .event_class = "STATE"});
  doc.instances.push_back(EventInstance{.id = "ei1", .event_id = "e1"});
  doc.instances.push_back(EventInstance{.id = "ei2", .event_id = "e2"});
  doc.tlinks.push_back(TLink{.id = "l1", .rel_type = "BEFORE", .source_id = "ei1",
                             .target_id = "t1", .target_is_event = false});
  doc.tlinks.push_back(TLink{.id = "l2", .rel_type = "BEFORE", .source_id = "ei2",
                             .target_id = "t1", .target_is_event = false});
  doc.events.push_back(Event{.id = "e3", .span = {5, 9}, .event_class = "STATE"});  // outside
  std::string xml = WriteTimeML(doc);
  EXPECT_NE(xml.find("<TEXT><TIMEX3 tid=\"t1\" type=\"DATE\">abcd</TIMEX3><EVENT eid=\"e2\" "
                     "class=\"STATE\">ef</EVENT></TEXT>"),
            std::string::npos)
      << xml;
  EXPECT_EQ(xml.find("ei1"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("\"e3\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<TLINK lid=\"l2\""), std::string::npos) << xml;
  std::vector<Error> warnings;
  Document back = MustParse(xml, &warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_TRUE(back.Validate().ok());
}

TEST(WriteTimeMLTest, TextInputWritesAValidFileWithTheSameText) {
  std::string raw =
      "date 2020-10-02\r\nA & B <said> \"x\" ]]> y\r\n\ttab\x01 été\r\n";
  Result<Document> doc = ParseTextWithDct(raw, "dir/news.txt", std::nullopt);
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  std::string xml = WriteTimeML(doc.value());
  EXPECT_NE(xml.find("<DOCID>news</DOCID>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2020-10-02\" "
                     "temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">2020-10-02"
                     "</TIMEX3></DCT>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<TEXT>A &amp; B &lt;said> \"x\" ]]&gt; y&#13;\n\ttab&#1; été&#13;\n</TEXT>"),
            std::string::npos)
      << xml;
  std::vector<Error> warnings;
  Document back = MustParse(xml, &warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(back.text, doc.value().text);
  EXPECT_EQ(back.id, "news");
  EXPECT_EQ(back.dct, doc.value().dct);
}

}  // namespace
}  // namespace chronicle
