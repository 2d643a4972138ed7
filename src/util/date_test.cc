#include "util/date.h"

#include <gtest/gtest.h>

namespace chronicle {
namespace {

TEST(Date, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(IsLeapYear(2020));
  EXPECT_FALSE(IsLeapYear(2021));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_EQ(DaysInMonth(2021, 2), 28);
  EXPECT_EQ(DaysInMonth(2020, 2), 29);
  EXPECT_EQ(DaysInMonth(2020, 13), 0);
  EXPECT_FALSE(IsValidDate(2021, 2, 30));
}

TEST(Date, DaysRoundTripAndWeekdays) {
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  for (int64_t d = -800000; d < 800000; d += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(d)), d);
  }
  EXPECT_EQ(IsoWeekday({2020, 10, 2}), 5);  // a Friday
  EXPECT_EQ(IsoWeekday({1998, 1, 8}), 4);   // a Thursday
  EXPECT_EQ(AddDays({2020, 12, 31}, 1), (CivilDate{2021, 1, 1}));
  EXPECT_EQ(AddMonths({2020, 1, 31}, 1), (CivilDate{2020, 2, 29}));
  EXPECT_EQ(AddMonths({2020, 1, 15}, -13), (CivilDate{2018, 12, 15}));
  int y, w;
  IsoWeek({2021, 1, 3}, &y, &w);
  EXPECT_EQ(y, 2020);
  EXPECT_EQ(w, 53);
  IsoWeek({2020, 10, 2}, &y, &w);
  EXPECT_EQ(w, 40);
}

TEST(Date, ParseDct) {
  auto d = ParseDct("2020-10-02");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.value().ToValue(), "2020-10-02");
  auto t = ParseDct("1998-01-08T18:30");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.value().ToValue(), "1998-01-08T18:30");
  auto c = ParseDct("19980108");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().ToValue(), "1998-01-08");
}

TEST(Date, ImpossibleDctsSayWhy) {
  auto d = ParseDct("2021-02-30");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().message, "impossible DCT \"2021-02-30\": February 2021 has 28 days");
  auto m = ParseDct("2021-13-01");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message, "impossible DCT \"2021-13-01\": month 13 is not 1..12");
  EXPECT_FALSE(ParseDct("yesterday").ok());
  EXPECT_FALSE(ParseDct("2021-01-01T25:00").ok());
  EXPECT_FALSE(ParseDct("").ok());
}

}  // namespace
}  // namespace chronicle
