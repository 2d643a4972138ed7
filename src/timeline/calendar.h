// Calendar intervals of TIMEX3 values: "2020-09" is the month of September
// 2020, [2020-09-01 00:00, 2020-10-01 00:00). The relation sieves compare
// them (2020-09 BEFORE 2020-10-02) and the timeline places events on them.
//
//   std::optional<CalendarInterval> a = TimexInterval("2020-09", dct);
//   std::optional<CalendarInterval> b = TimexInterval("2020-10-02", dct);
//   CompareIntervals(*a, *b);   // TimeMLRel::kBefore
//
// Header-only (inline) so that both src/relation and src/timeline use it
// without a library dependency between them. Pure functions; thread-safe.
#ifndef CHRONICLE_TIMELINE_CALENDAR_H_
#define CHRONICLE_TIMELINE_CALENDAR_H_

#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "reason/point_algebra.h"
#include "util/date.h"

namespace chronicle {

// Minutes since 1970-01-01 00:00, half open [begin, end). Open-ended values
// (PAST_REF, FUTURE_REF) use the sentinels kCalendarMin / kCalendarMax.
struct CalendarInterval {
  int64_t begin = 0;
  int64_t end = 0;
  // Granularity of the value, for display: 0 minute, 1 hour, 2 day-part,
  // 3 day, 4 week, 5 month, 6 quarter/season/half, 7 year, 8 decade,
  // 9 century, 10 open-ended, 11 around the DCT (PRESENT_REF).
  int granularity = 3;
  friend bool operator==(const CalendarInterval&, const CalendarInterval&) = default;
};

inline constexpr int64_t kCalendarMin = std::numeric_limits<int64_t>::min() / 4;
inline constexpr int64_t kCalendarMax = std::numeric_limits<int64_t>::max() / 4;
inline constexpr int64_t kMinutesPerDay = 24 * 60;

namespace calendar_internal {

inline bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

inline int64_t DayStart(int y, int m, int d) {
  return DaysFromCivil(CivilDate{y, m, d}) * kMinutesPerDay;
}

}  // namespace calendar_internal

// The interval of a DCT value ("2020-10-02" is that day; with a time, that
// minute). nullopt when the value is not a DCT form.
inline std::optional<CalendarInterval> DctInterval(std::string_view value) {
  Result<Dct> d = ParseDct(value);
  if (!d.ok()) return std::nullopt;
  const Dct& dct = d.value();
  int64_t day = DaysFromCivil(dct.date) * kMinutesPerDay;
  if (!dct.has_time) return CalendarInterval{day, day + kMinutesPerDay, 3};
  int64_t t = day + dct.hour * 60 + dct.minute;
  return CalendarInterval{t, t + 1, 0};
}

// The calendar interval a TIMEX3 DATE/TIME value names: YYYY, YYYY-MM,
// YYYY-MM-DD, YYYY-MM-DDThh[:mm], YYYY-MM-DDT(MO|AF|EV|NI|DT), YYYY-Www,
// YYYY-Qn, YYYY-Hn, YYYY-(SP|SU|FA|WI), YYY (decade), YY (century),
// PRESENT_REF (around the DCT), PAST_REF (before the DCT), FUTURE_REF (after it).
// `dct` is the document's DCT interval (needed for the *_REF values only).
// nullopt for durations, sets, unspecified digits ("XXXX-09") and anything
// else.
inline std::optional<CalendarInterval> TimexInterval(
    std::string_view value, std::optional<CalendarInterval> dct) {
  using calendar_internal::DayStart;
  using calendar_internal::Digits;
  if (value == "PRESENT_REF") {
    // "now", "currently": annotators read it as a stretch around the DCT
    // (PRESENT_REF INCLUDES the DCT), so one day either side of it.
    if (!dct) return std::nullopt;
    return CalendarInterval{dct->begin - kMinutesPerDay, dct->end + kMinutesPerDay, 11};
  }
  if (value == "PAST_REF") {
    if (!dct) return std::nullopt;
    return CalendarInterval{kCalendarMin, dct->begin, 10};
  }
  if (value == "FUTURE_REF") {
    if (!dct) return std::nullopt;
    return CalendarInterval{dct->end, kCalendarMax, 10};
  }
  int y = 0;
  if (value.size() == 2 && Digits(value, 0, 2, &y)) {
    return CalendarInterval{DayStart(y * 100, 1, 1), DayStart(y * 100 + 100, 1, 1), 9};
  }
  if (value.size() == 3 && Digits(value, 0, 3, &y)) {
    return CalendarInterval{DayStart(y * 10, 1, 1), DayStart(y * 10 + 10, 1, 1), 8};
  }
  if (!Digits(value, 0, 4, &y)) return std::nullopt;
  if (value.size() == 4) return CalendarInterval{DayStart(y, 1, 1), DayStart(y + 1, 1, 1), 7};
  if (value[4] != '-' || value.size() < 7) return std::nullopt;
  std::string_view rest = value.substr(5);
  int n = 0;
  if (rest.size() == 3 && rest[0] == 'W' && Digits(rest, 1, 2, &n) && n >= 1 && n <= 53) {
    // ISO week n: the week containing January 4 is week 1.
    CivilDate jan4{y, 1, 4};
    int64_t week1 = DaysFromCivil(jan4) - (IsoWeekday(jan4) - 1);
    int64_t start = (week1 + 7 * (n - 1)) * kMinutesPerDay;
    return CalendarInterval{start, start + 7 * kMinutesPerDay, 4};
  }
  if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'H') && Digits(rest, 1, 1, &n)) {
    int months = rest[0] == 'Q' ? 3 : 6;
    if (n < 1 || n > 12 / months) return std::nullopt;
    int m0 = 1 + (n - 1) * months;
    CivilDate end = AddMonths(CivilDate{y, m0, 1}, months);
    return CalendarInterval{DayStart(y, m0, 1), DaysFromCivil(end) * kMinutesPerDay, 6};
  }
  if (rest.size() == 2 && !std::isdigit(static_cast<unsigned char>(rest[0]))) {
    // Meteorological seasons; winter spans the turn of the year.
    int m0 = 0;
    if (rest == "SP") m0 = 3;
    else if (rest == "SU") m0 = 6;
    else if (rest == "FA") m0 = 9;
    else if (rest == "WI") m0 = 12;
    else return std::nullopt;
    CivilDate end = AddMonths(CivilDate{y, m0, 1}, 3);
    return CalendarInterval{DayStart(y, m0, 1), DaysFromCivil(end) * kMinutesPerDay, 6};
  }
  int m = 0;
  if (!Digits(rest, 0, 2, &m) || m < 1 || m > 12) return std::nullopt;
  if (rest.size() == 2) {
    CivilDate end = AddMonths(CivilDate{y, m, 1}, 1);
    return CalendarInterval{DayStart(y, m, 1), DaysFromCivil(end) * kMinutesPerDay, 5};
  }
  int d = 0;
  if (rest[2] != '-' || !Digits(rest, 3, 2, &d) || !IsValidDate(y, m, d)) return std::nullopt;
  int64_t day = DayStart(y, m, d);
  if (rest.size() == 5) return CalendarInterval{day, day + kMinutesPerDay, 3};
  if (rest[5] != 'T') return std::nullopt;
  std::string_view t = rest.substr(6);
  if (t == "MO") return CalendarInterval{day + 6 * 60, day + 12 * 60, 2};
  if (t == "AF") return CalendarInterval{day + 12 * 60, day + 17 * 60, 2};
  if (t == "EV") return CalendarInterval{day + 17 * 60, day + 21 * 60, 2};
  if (t == "NI") return CalendarInterval{day + 21 * 60, day + 24 * 60 + 6 * 60, 2};
  if (t == "DT") return CalendarInterval{day + 9 * 60, day + 17 * 60, 2};
  int hh = 0, mm = 0;
  if (!Digits(t, 0, 2, &hh) || hh > 24) return std::nullopt;
  if (t.size() >= 5 && t[2] == ':' && Digits(t, 3, 2, &mm) && mm < 60) {
    int64_t s = day + hh * 60 + mm;
    return CalendarInterval{s, s + 1, 0};
  }
  return CalendarInterval{day + hh * 60, day + hh * 60 + 60, 1};
}

// The TimeML relation of interval a to interval b when the calendar decides
// one: BEFORE / AFTER (disjoint, including meeting), SIMULTANEOUS (equal),
// INCLUDES / IS_INCLUDED (proper containment). nullopt for partial overlap.
inline std::optional<TimeMLRel> CompareIntervals(const CalendarInterval& a,
                                                 const CalendarInterval& b) {
  if (a.begin == b.begin && a.end == b.end) return TimeMLRel::kSimultaneous;
  if (a.end <= b.begin) return TimeMLRel::kBefore;
  if (b.end <= a.begin) return TimeMLRel::kAfter;
  if (a.begin <= b.begin && b.end <= a.end) return TimeMLRel::kIncludes;
  if (b.begin <= a.begin && a.end <= b.end) return TimeMLRel::kIsIncluded;
  return std::nullopt;
}

}  // namespace chronicle

#endif  // CHRONICLE_TIMELINE_CALENDAR_H_
