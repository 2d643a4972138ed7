// Civil (proleptic Gregorian) dates: validity, day arithmetic, weekdays,
// and parsing of a DCT such as "2020-10-02" or "2020-10-02T09:30".
//
// All functions are pure and thread-safe. Algorithms after Howard Hinnant's
// "chrono-compatible low-level date algorithms" (days from civil and back).
#ifndef CHRONICLE_UTIL_DATE_H_
#define CHRONICLE_UTIL_DATE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "util/error.h"

namespace chronicle {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);  // 0 when month is out of range
bool IsValidDate(int year, int month, int day);

// Days since 1970-01-01 (negative before).
int64_t DaysFromCivil(CivilDate d);
CivilDate CivilFromDays(int64_t days);
// ISO weekday: 1 = Monday ... 7 = Sunday.
int IsoWeekday(CivilDate d);
CivilDate AddDays(CivilDate d, int64_t n);
// Adds months, clamping the day to the target month's length.
CivilDate AddMonths(CivilDate d, int64_t n);
// ISO-8601 week-based year and week number of `d`.
void IsoWeek(CivilDate d, int* iso_year, int* week);

// "YYYY-MM-DD".
std::string FormatDate(CivilDate d);

// A document creation time: a date and an optional time of day.
struct Dct {
  CivilDate date;
  bool has_time = false;
  int hour = 0;
  int minute = 0;
  int second = 0;
  // "YYYY-MM-DD" or "YYYY-MM-DDThh:mm[:ss]" (TimeML value form).
  std::string ToValue() const;
};

// Parses "YYYY-MM-DD", "YYYY-MM-DDThh:mm", "YYYY-MM-DDThh:mm:ss" and the
// compact "YYYYMMDD". Errors (kInvalidInput) say what is wrong, e.g.
// "impossible date 2021-02-30 (February 2021 has 28 days)".
Result<Dct> ParseDct(std::string_view s);

}  // namespace chronicle

#endif  // CHRONICLE_UTIL_DATE_H_
