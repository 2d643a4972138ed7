#include "util/date.h"

#include <algorithm>

#include <fmt/core.h>

namespace chronicle {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

bool IsValidDate(int y, int m, int d) { return d >= 1 && d <= DaysInMonth(y, m); }

int64_t DaysFromCivil(CivilDate c) {
  int64_t y = c.year - (c.month <= 2);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (c.month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + c.day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate{static_cast<int>(y + (m <= 2)), m, d};
}

int IsoWeekday(CivilDate d) {
  int64_t z = DaysFromCivil(d);
  // 1970-01-01 was a Thursday (4).
  int64_t w = ((z % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

CivilDate AddDays(CivilDate d, int64_t n) { return CivilFromDays(DaysFromCivil(d) + n); }

CivilDate AddMonths(CivilDate d, int64_t n) {
  int64_t total = static_cast<int64_t>(d.year) * 12 + (d.month - 1) + n;
  int64_t y = total >= 0 ? total / 12 : (total - 11) / 12;
  int m = static_cast<int>(total - y * 12) + 1;
  int day = std::min(d.day, DaysInMonth(static_cast<int>(y), m));
  return CivilDate{static_cast<int>(y), m, day};
}

void IsoWeek(CivilDate d, int* iso_year, int* week) {
  // The ISO week of d is the week of its Thursday.
  CivilDate thursday = AddDays(d, 4 - IsoWeekday(d));
  *iso_year = thursday.year;
  int64_t jan1 = DaysFromCivil(CivilDate{thursday.year, 1, 1});
  *week = static_cast<int>((DaysFromCivil(thursday) - jan1) / 7) + 1;
}

std::string FormatDate(CivilDate d) {
  return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
}

std::string Dct::ToValue() const {
  std::string v = FormatDate(date);
  if (has_time) {
    v += fmt::format("T{:02d}:{:02d}", hour, minute);
    if (second != 0) v += fmt::format(":{:02d}", second);
  }
  return v;
}

namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

Result<Dct> ParseDct(std::string_view s) {
  Dct dct;
  int y, m, d;
  size_t pos;
  auto bad = [&] {
    return Error::Invalid(fmt::format(
        "invalid DCT \"{}\": expected YYYY-MM-DD or YYYY-MM-DDThh:mm", s));
  };
  if (Digits(s, 0, 4, &y) && s.size() >= 10 && s[4] == '-' && Digits(s, 5, 2, &m) &&
      s[7] == '-' && Digits(s, 8, 2, &d)) {
    pos = 10;
  } else if (Digits(s, 0, 4, &y) && Digits(s, 4, 2, &m) && Digits(s, 6, 2, &d) &&
             (s.size() == 8 || s[8] == 'T')) {
    pos = 8;
  } else {
    return bad();
  }
  if (m < 1 || m > 12) {
    return Error::Invalid(fmt::format("impossible DCT \"{}\": month {} is not 1..12", s, m));
  }
  if (!IsValidDate(y, m, d)) {
    static constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                              "May",     "June",     "July",      "August",
                                              "September", "October", "November", "December"};
    return Error::Invalid(fmt::format("impossible DCT \"{}\": {} {} has {} days", s,
                                      kMonths[m - 1], y, DaysInMonth(y, m)));
  }
  dct.date = CivilDate{y, m, d};
  if (pos == s.size()) return dct;
  if (s[pos] != 'T') return bad();
  int hh, mm, ss = 0;
  if (!Digits(s, pos + 1, 2, &hh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
      !Digits(s, pos + 4, 2, &mm)) {
    return bad();
  }
  size_t end = pos + 6;
  if (end < s.size()) {
    if (s[end] != ':' || !Digits(s, end + 1, 2, &ss) || end + 3 != s.size()) return bad();
  }
  if (hh > 23 || mm > 59 || ss > 59) {
    return Error::Invalid(fmt::format("impossible DCT \"{}\": time of day out of range", s));
  }
  dct.has_time = true;
  dct.hour = hh;
  dct.minute = mm;
  dct.second = ss;
  return dct;
}

}  // namespace chronicle
