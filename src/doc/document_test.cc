#include "doc/document.h"

#include <gtest/gtest.h>

namespace chronicle {
namespace {

Document Sample() {
  Document d;
  d.source_name = "sample.tml";
  d.text = "Sales fell last month.";
  d.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02",
                .function_in_document = "CREATION_TIME"};
  d.timexes.push_back(Timex{.id = "t1", .span = {11, 21}, .type = "DATE", .value = "2020-09"});
  d.events.push_back(Event{.id = "e1", .span = {6, 10}, .event_class = "OCCURRENCE"});
  d.instances.push_back(EventInstance{.id = "ei1", .event_id = "e1", .tense = "PAST"});
  d.tlinks.push_back(TLink{.id = "l1", .rel_type = "IS_INCLUDED", .source_id = "ei1",
                           .target_id = "t1", .target_is_event = false});
  return d;
}

TEST(Document, TextOfSpans) {
  Document d = Sample();
  EXPECT_EQ(d.Text(d.timexes[0].span), "last month");
  EXPECT_EQ(d.Text(d.events[0].span), "fell");
  EXPECT_EQ(d.DctValue(), "2020-10-02");
}

TEST(Document, NextIdSkipsUsedNumbers) {
  Document d = Sample();
  EXPECT_EQ(d.NextId("t"), "t2");
  EXPECT_EQ(d.NextId("ei"), "ei2");
  EXPECT_EQ(d.NextId("s"), "s1");
  d.timexes.push_back(Timex{.id = "t17"});
  EXPECT_EQ(d.NextId("t"), "t18");
}

TEST(Document, ValidateAcceptsAConsistentDocument) {
  EXPECT_TRUE(Sample().Validate().ok());
}

TEST(Document, ValidateNamesTheProblem) {
  Document d = Sample();
  d.timexes.push_back(d.timexes[0]);
  EXPECT_EQ(d.Validate().error().ToString(), "sample.tml: duplicate TIMEX3 id \"t1\"");

  d = Sample();
  d.tlinks[0].target_id = "t9";
  EXPECT_EQ(d.Validate().error().ToString(),
            "sample.tml: TLINK l1 refers to missing TIMEX3 \"t9\"");

  d = Sample();
  d.events[0].span = {6, 99};
  EXPECT_EQ(d.Validate().error().ToString(),
            "sample.tml: EVENT e1 has span [6, 99) outside the text of 22 bytes");

  d = Sample();
  d.instances[0].event_id = "e5";
  EXPECT_EQ(d.Validate().error().ToString(),
            "sample.tml: MAKEINSTANCE ei1 refers to missing EVENT \"e5\"");

  d = Sample();
  d.text = "Caf\xC3\xA9 fell last month";
  d.events[0].span = {4, 6};  // splits the é
  EXPECT_NE(d.Validate().error().message.find("splits a UTF-8 character"), std::string::npos);
}

TEST(Document, ClearAnnotationsKeepsTextAndDct) {
  Document d = Sample();
  d.ClearAnnotations();
  EXPECT_TRUE(d.timexes.empty());
  EXPECT_TRUE(d.tlinks.empty());
  EXPECT_EQ(d.text, "Sales fell last month.");
  EXPECT_TRUE(d.dct.has_value());
}

}  // namespace
}  // namespace chronicle
