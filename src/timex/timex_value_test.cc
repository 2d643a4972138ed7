// Resolve(): the one function from typed rule output to TimeML values.
#include "timex/timex_value.h"

#include <gtest/gtest.h>

namespace chronicle {
namespace {

ResolveContext Dct(int y, int m, int d, Tense tense = Tense::kUnknown) {
  ResolveContext c;
  c.has_dct = true;
  c.dct = CivilDate{y, m, d};
  c.tense = tense;
  return c;
}

TimexValue Shift(Unit u, int n) {
  TimexValue v;
  v.unit = u;
  v.shift = n;
  v.has_shift = true;
  return v;
}

TEST(ResolveTest, DeicticShifts) {
  ResolveContext c = Dct(2020, 10, 2);  // a Friday, ISO week 40
  EXPECT_EQ(Resolve(Shift(Unit::kMonth, -1), c).value, "2020-09");
  EXPECT_EQ(Resolve(Shift(Unit::kDay, -1), c).value, "2020-10-01");
  EXPECT_EQ(Resolve(Shift(Unit::kWeek, -1), c).value, "2020-W39");
  EXPECT_EQ(Resolve(Shift(Unit::kWeek, 0), c).value, "2020-W40");
  EXPECT_EQ(Resolve(Shift(Unit::kQuarter, -1), c).value, "2020-Q3");
  EXPECT_EQ(Resolve(Shift(Unit::kYear, 1), c).value, "2021");
  EXPECT_EQ(Resolve(Shift(Unit::kDecade, -1), c).value, "201");
  ResolvedTimex r = Resolve(Shift(Unit::kMonth, -1), c);
  EXPECT_TRUE(r.temporal_function);
  EXPECT_TRUE(r.anchored_to_dct);
}

TEST(ResolveTest, WeekdayOfShiftedWeeks) {
  ResolveContext c = Dct(2020, 10, 2);  // a Friday
  TimexValue v;
  v.unit = Unit::kWeek;
  v.amount = 2;
  v.has_amount = true;
  v.shift_sign = -1;
  v.weekday = 2;  // "two weeks ago Tuesday": the last Tuesday, two weeks back
  EXPECT_EQ(Resolve(v, c).value, "2020-09-15");
  v.weekday = 5;  // the DCT itself is the last Friday
  EXPECT_EQ(Resolve(v, c).value, "2020-09-18");
  v.shift_sign = 1;
  v.weekday = 1;  // "two weeks from Monday": the coming Monday, two weeks on
  EXPECT_EQ(Resolve(v, c).value, "2020-10-19");
  TimexValue w = Shift(Unit::kWeek, -1);
  w.weekday = 5;  // "Friday of last week": inside the shifted ISO week
  EXPECT_EQ(Resolve(w, c).value, "2020-09-25");
}

TEST(ResolveTest, WeeksOfMonthsAndDays) {
  ResolveContext c = Dct(2020, 10, 2);
  TimexValue v;
  v.year = 2020;
  v.month = 10;
  v.week_of_month = 1;  // Oct. 1-7: Thursday to Wednesday, most in W40
  EXPECT_EQ(Resolve(v, c).value, "2020-W40");
  v.week_of_month = -1;  // Oct. 25-31
  EXPECT_EQ(Resolve(v, c).value, "2020-W44");
  v.year = 2019;
  v.month = 12;
  EXPECT_EQ(Resolve(v, c).value, "2019-W52");
  TimexValue w;
  w.year = 1999;
  w.month = 1;
  w.day = 3;
  w.unit = Unit::kWeek;  // "the week ending Jan. 3, 1999"
  EXPECT_EQ(Resolve(w, c).value, "1998-W53");
  TimexValue century;
  century.century = 18;  // "the 1800s"
  EXPECT_EQ(Resolve(century, c).value, "18");
}

TEST(ResolveTest, YearBoundariesAndIsoWeeks) {
  EXPECT_EQ(Resolve(Shift(Unit::kMonth, -1), Dct(2021, 1, 15)).value, "2020-12");
  EXPECT_EQ(Resolve(Shift(Unit::kWeek, 0), Dct(2021, 1, 3)).value, "2020-W53");
  EXPECT_EQ(Resolve(Shift(Unit::kQuarter, -1), Dct(2021, 2, 1)).value, "2020-Q4");
  EXPECT_EQ(Resolve(Shift(Unit::kDay, 1), Dct(2020, 2, 28)).value, "2020-02-29");
}

TEST(ResolveTest, AmountAgo) {
  TimexValue v;
  v.unit = Unit::kDay;
  v.amount = 10;
  v.has_amount = true;
  v.shift_sign = -1;
  EXPECT_EQ(Resolve(v, Dct(1998, 3, 22)).value, "1998-03-12");
  v.amount_unknown = true;  // "several days ago"
  EXPECT_EQ(Resolve(v, Dct(1998, 3, 22)).value, "PAST_REF");
}

TEST(ResolveTest, HoursAgoUseTheDctClock) {
  TimexValue v;
  v.unit = Unit::kHour;
  v.amount = 3;
  v.has_amount = true;
  v.shift_sign = -1;
  ResolveContext c = Dct(1998, 12, 5);
  c.dct_has_time = true;
  c.dct_hour = 1;
  c.dct_minute = 42;
  ResolvedTimex r = Resolve(v, c);
  EXPECT_EQ(r.type, "TIME");
  EXPECT_EQ(r.value, "1998-12-04T22:42");
  c.dct_has_time = false;
  EXPECT_EQ(Resolve(v, c).value, "1998-12-05");
}

TEST(ResolveTest, AYearEarlierAfterAQuarterKeepsTheQuarter) {
  TimexValue v;
  v.unit = Unit::kYear;
  v.amount = 1;
  v.has_amount = true;
  v.shift_sign = -1;
  v.anchor = Anchor::kNarrative;
  ResolveContext c = Dct(1989, 10, 30);
  EXPECT_EQ(Resolve(v, c).value, "1988");
  c.has_narrative = true;
  c.narrative = CivilDate{1989, 7, 1};
  c.narrative_unit = Unit::kQuarter;
  EXPECT_EQ(Resolve(v, c).value, "1988-Q3");
}

TEST(ResolveTest, MonthWithoutYearFollowsTense) {
  TimexValue v;
  v.month = 1;  // "January" in an article of 2020-10-02
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2, Tense::kPast)).value, "2020-01");
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2, Tense::kFuture)).value, "2021-01");
  v.month = 11;  // a past sentence may name next month ("said talks resume in November")
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2, Tense::kPast)).value, "2020-11");
  v.month = 12;  // two months ahead only when the sentence also speaks of the future
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2, Tense::kPastWithFuture)).value, "2020-12");
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2, Tense::kPast)).value, "2019-12");
  v.month = 2;  // but not four months ahead
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2, Tense::kPast)).value, "2020-02");
  v.month = 9;  // a future sentence does not name last month
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2, Tense::kFuture)).value, "2021-09");
  v.month = 11;
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2, Tense::kUnknown)).value, "2020-11");
  v.day = 17;  // "Nov. 17" said in a past-tense sentence, two weeks ahead
  EXPECT_EQ(Resolve(v, Dct(2020, 11, 2, Tense::kPast)).value, "2020-11-17");
  v.direction = Direction::kPast;  // "last November"
  v.day = 0;
  EXPECT_EQ(Resolve(v, Dct(2020, 11, 20)).value, "2019-11");
}

TEST(ResolveTest, WeekdayFollowsTense) {
  TimexValue v;
  v.weekday = 1;  // Monday; the DCT is Friday 2020-10-02
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2, Tense::kPast)).value, "2020-09-28");
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2, Tense::kFuture)).value, "2020-10-05");
  v.weekday = 5;  // Friday itself
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2, Tense::kPast)).value, "2020-10-02");
  v.direction = Direction::kPast;  // "last Friday"
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2)).value, "2020-09-25");
}

TEST(ResolveTest, CalendarUnits) {
  TimexValue v;
  v.year = 2021;
  v.quarter = 3;
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2)).value, "2021-Q3");
  TimexValue d;
  d.decade = 199;
  EXPECT_EQ(Resolve(d, Dct(2020, 10, 2)).value, "199");
  TimexValue c;
  c.century = 20;
  EXPECT_EQ(Resolve(c, Dct(2020, 10, 2)).value, "20");
  TimexValue s;
  s.year = 2021;
  s.season = "SU";
  EXPECT_EQ(Resolve(s, Dct(2020, 10, 2)).value, "2021-SU");
  TimexValue y;
  y.year = 98;
  y.year_two_digit = true;
  EXPECT_EQ(Resolve(y, Dct(2020, 10, 2)).value, "1998");
  y.year = 21;
  EXPECT_EQ(Resolve(y, Dct(2020, 10, 2)).value, "2021");
  TimexValue bad;
  bad.year = 2021;
  bad.month = 2;
  bad.day = 30;
  EXPECT_EQ(Resolve(bad, Dct(2020, 10, 2)).type, "");  // no such day
}

TEST(ResolveTest, TimesOfDay) {
  TimexValue v;
  v.type = TimexType::kTime;
  v.hour = 9;
  v.minute = 30;
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2)).value, "2020-10-02T09:30");
  TimexValue n = Shift(Unit::kDay, -1);
  n.type = TimexType::kTime;
  n.part_of_day = "NI";
  EXPECT_EQ(Resolve(n, Dct(2020, 10, 2)).value, "2020-10-01TNI");
}

TEST(ResolveTest, Durations) {
  TimexValue v;
  v.type = TimexType::kDuration;
  v.unit = Unit::kYear;
  v.amount = 3;
  v.has_amount = true;
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2)).value, "P3Y");
  v.amount = 2.5;
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2)).value, "P2Y6M");
  v.unit = Unit::kHour;
  v.amount = 0.5;
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2)).value, "PT30M");
  v.unit = Unit::kDecade;
  v.amount = 2;
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2)).value, "P20Y");
  v.unit = Unit::kMonth;
  v.amount_unknown = true;
  EXPECT_EQ(Resolve(v, Dct(2020, 10, 2)).value, "PXM");
  EXPECT_FALSE(Resolve(v, Dct(2020, 10, 2)).temporal_function);
}

TEST(ResolveTest, Sets) {
  TimexValue v;
  v.type = TimexType::kSet;
  v.unit = Unit::kMonth;
  v.freq = "2X";
  ResolvedTimex r = Resolve(v, Dct(2020, 10, 2));
  EXPECT_EQ(r.value, "P1M");
  EXPECT_EQ(r.freq, "2X");
  TimexValue w;
  w.type = TimexType::kSet;
  w.weekday = 4;
  w.quant = "EACH";
  EXPECT_EQ(Resolve(w, Dct(2020, 10, 2)).value, "XXXX-WXX-4");
}

TEST(ResolveTest, WithoutDctUsesXForms) {
  ResolveContext none;
  EXPECT_EQ(Resolve(Shift(Unit::kMonth, -1), none).value, "XXXX-XX");
  EXPECT_EQ(Resolve(Shift(Unit::kDay, 1), none).value, "XXXX-XX-XX");
  TimexValue m;
  m.month = 7;
  EXPECT_EQ(Resolve(m, none).value, "XXXX-07");
  TimexValue abs;
  abs.year = 2021;
  abs.month = 7;
  abs.day = 23;
  EXPECT_EQ(Resolve(abs, none).value, "2021-07-23");
}

TEST(ResolveTest, LiteralReferences) {
  TimexValue v;
  v.literal = "PRESENT_REF";
  ResolvedTimex r = Resolve(v, Dct(2020, 10, 2));
  EXPECT_EQ(r.value, "PRESENT_REF");
  EXPECT_TRUE(r.temporal_function);
  EXPECT_TRUE(r.anchored_to_dct);
}

TEST(HolidayTest, EasterAndNthWeekdays) {
  EXPECT_EQ(EasterSunday(2020), (CivilDate{2020, 4, 12}));
  EXPECT_EQ(EasterSunday(2021), (CivilDate{2021, 4, 4}));
  EXPECT_EQ(EasterSunday(1998), (CivilDate{1998, 4, 12}));
  EXPECT_EQ(EasterSunday(2000), (CivilDate{2000, 4, 23}));
  HolidaySpec thanksgiving{.kind = HolidaySpec::Kind::kNthWeekday, .month = 11, .weekday = 4, .nth = 4};
  EXPECT_EQ(HolidayDate(thanksgiving, 2020), (CivilDate{2020, 11, 26}));
  EXPECT_EQ(HolidayDate(thanksgiving, 1998), (CivilDate{1998, 11, 26}));
  HolidaySpec memorial{.kind = HolidaySpec::Kind::kNthWeekday, .month = 5, .weekday = 1, .nth = -1};
  EXPECT_EQ(HolidayDate(memorial, 2021), (CivilDate{2021, 5, 31}));
  HolidaySpec good_friday{.kind = HolidaySpec::Kind::kEaster, .offset = -2};
  EXPECT_EQ(HolidayDate(good_friday, 2020), (CivilDate{2020, 4, 10}));
  // The day after Thanksgiving: in 2019 (Nov. 1 a Friday) the fifth Friday.
  HolidaySpec black_friday = thanksgiving;
  black_friday.offset = 1;
  EXPECT_EQ(HolidayDate(black_friday, 2019), (CivilDate{2019, 11, 29}));
  EXPECT_EQ(HolidayDate(black_friday, 2020), (CivilDate{2020, 11, 27}));
}

}  // namespace
}  // namespace chronicle
