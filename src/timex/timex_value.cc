// Resolution of typed timex values. The single entry point is Resolve();
// everything else here is a helper for one of its cases.
//
// Invariant: a point (DATE/TIME) is computed as a CivilDate plus the
// granularity it is reported at; formatting looks only at the granularity
// and the explicit time-of-day fields, so "last week" (a date shifted by 7
// days, reported at kWeek) and "the week of Oct. 3" share one formatter.
#include "timex/timex_value.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>

namespace chronicle {

namespace {

// How far (bytes) a bare clock time looks back for the day it is on.
constexpr uint32_t kClockTimeNarrativeReach = 24;

// How far ahead (days) a yearless date may lie in a past-tense sentence
// without any future cue ("On Jan. 1 the euro was born" told in November).
constexpr int kPastOnlySlack = 31;
// A yearless month or day named at most this many bytes after another month
// (day) is the second part of a range ("January-October", "Nov. 28 to
// Dec. 3"): when its own year (from the tense) would place it before the
// first part, it takes the first occurrence after the first part instead.
// Four bytes cover "-", " - " and " to " but no sentence break before a
// word longer than one letter (". On June 30" is five).
constexpr uint32_t kRangeReach = 4;


int QuarterOf(int month) { return (month - 1) / 3 + 1; }

// Shifts `d` by n units; day-of-month is clamped for months and years.
CivilDate ShiftDate(CivilDate d, Unit unit, int64_t n) {
  switch (unit) {
    case Unit::kSecond:
    case Unit::kMinute:
    case Unit::kHour:
    case Unit::kPartOfDay:
      return d;
    case Unit::kDay:
      return AddDays(d, n);
    case Unit::kWeekend:
    case Unit::kWeek:
      return AddDays(d, 7 * n);
    case Unit::kMonth:
      return AddMonths(d, n);
    case Unit::kSeason:
    case Unit::kQuarter:
      return AddMonths(d, 3 * n);
    case Unit::kHalf:
      return AddMonths(d, 6 * n);
    case Unit::kYear:
      return AddMonths(d, 12 * n);
    case Unit::kDecade:
      return AddMonths(d, 120 * n);
    case Unit::kCentury:
      return AddMonths(d, 1200 * n);
    case Unit::kMillennium:
      return AddMonths(d, 12000 * n);
    case Unit::kNone:
      return d;
  }
  return d;
}

std::string FormatYear(int y) {
  if (y < 0) return fmt::format("-{:04d}", -y);
  return fmt::format("{:04d}", y);
}

std::string SeasonOfMonth(int month) {
  if (month >= 3 && month <= 5) return "SP";
  if (month >= 6 && month <= 8) return "SU";
  if (month >= 9 && month <= 11) return "FA";
  return "WI";
}

int SeasonStartMonth(const std::string& s) {
  if (s == "SP") return 3;
  if (s == "SU") return 6;
  if (s == "FA") return 9;
  return 12;
}

// Formats date `d` at granularity `g`, e.g. kWeek -> "2020-W40".
std::string FormatPoint(CivilDate d, Unit g, const TimexValue& v) {
  switch (g) {
    case Unit::kMillennium:
      return fmt::format("{}", d.year / 1000);
    case Unit::kCentury:
      return fmt::format("{:02d}", d.year / 100);
    case Unit::kDecade:
      return fmt::format("{:03d}", d.year / 10);
    case Unit::kYear:
      return FormatYear(d.year);
    case Unit::kHalf:
      return fmt::format("{}-H{}", FormatYear(d.year), d.month <= 6 ? 1 : 2);
    case Unit::kQuarter:
      return fmt::format("{}-Q{}", FormatYear(d.year), QuarterOf(d.month));
    case Unit::kSeason: {
      std::string s = v.season.empty() ? SeasonOfMonth(d.month) : v.season;
      // Winter belongs to the year of its December.
      int y = d.year;
      if (s == "WI" && d.month <= 2) y -= 1;
      return fmt::format("{}-{}", FormatYear(y), s);
    }
    case Unit::kMonth:
      return fmt::format("{}-{:02d}", FormatYear(d.year), d.month);
    case Unit::kWeek:
    case Unit::kWeekend: {
      int iy = 0, w = 0;
      IsoWeek(d, &iy, &w);
      return fmt::format("{}-W{:02d}{}", FormatYear(iy), w,
                         g == Unit::kWeekend ? "-WE" : "");
    }
    default:
      break;
  }
  std::string out = FormatDate(d);
  if (!v.part_of_day.empty() && v.hour < 0) return out + "T" + v.part_of_day;
  if (v.hour >= 0) {
    out += fmt::format("T{:02d}", v.hour);
    if (v.minute >= 0) out += fmt::format(":{:02d}", v.minute);
    else out += ":00";
    if (v.second >= 0) out += fmt::format(":{:02d}", v.second);
  }
  return out;
}

// "X" form of a relative expression that has no anchor.
std::string UnanchoredForm(Unit g, const TimexValue& v) {
  switch (g) {
    case Unit::kCentury:
      return "XX";
    case Unit::kDecade:
      return "XXX";
    case Unit::kYear:
      return "XXXX";
    case Unit::kHalf:
      return "XXXX-HX";
    case Unit::kQuarter:
      return "XXXX-QX";
    case Unit::kSeason:
      return v.season.empty() ? "XXXX-XX" : "XXXX-" + v.season;
    case Unit::kMonth:
      return "XXXX-XX";
    case Unit::kWeek:
      return "XXXX-WXX";
    case Unit::kWeekend:
      return "XXXX-WXX-WE";
    default:
      break;
  }
  std::string out = "XXXX-XX-XX";
  if (!v.part_of_day.empty() && v.hour < 0) out += "T" + v.part_of_day;
  if (v.hour >= 0) {
    out += fmt::format("T{:02d}:{:02d}", v.hour, v.minute >= 0 ? v.minute : 0);
  }
  return out;
}

std::string NumberText(double x) {
  if (std::abs(x - std::round(x)) < 1e-9) return fmt::format("{}", std::llround(x));
  return fmt::format("{:g}", x);
}

// P3Y, PT30M, PXM ... Fractions move to the next smaller unit when exact.
std::string FormatDuration(const TimexValue& v) {
  Unit u = v.unit;
  if (u == Unit::kNone) return "PXX";
  bool time = u == Unit::kSecond || u == Unit::kMinute || u == Unit::kHour ||
              u == Unit::kPartOfDay;
  std::string letter;
  double mult = 1;
  switch (u) {
    case Unit::kSecond: letter = "S"; break;
    case Unit::kMinute: letter = "M"; break;
    case Unit::kHour: letter = "H"; break;
    case Unit::kPartOfDay: letter = "H"; mult = 6; break;
    case Unit::kDay: letter = "D"; break;
    case Unit::kWeekend: letter = "WE"; break;
    case Unit::kWeek: letter = "W"; break;
    case Unit::kMonth: letter = "M"; break;
    case Unit::kSeason: letter = "M"; mult = 3; break;
    case Unit::kQuarter: letter = "Q"; break;
    case Unit::kHalf: letter = "M"; mult = 6; break;
    case Unit::kYear: letter = "Y"; break;
    case Unit::kDecade: letter = "Y"; mult = 10; break;
    case Unit::kCentury: letter = "Y"; mult = 100; break;
    case Unit::kMillennium: letter = "Y"; mult = 1000; break;
    case Unit::kNone: break;
  }
  std::string prefix = time ? "PT" : "P";
  if (v.amount_unknown || !v.has_amount) {
    if (u == Unit::kDecade) return "PXDE";
    if (u == Unit::kCentury) return "PXCE";
    if (u == Unit::kQuarter) return "PXQ";
    if (u == Unit::kHalf) return "PXM";
    return prefix + "X" + letter;
  }
  double a = v.amount * mult;
  if (std::abs(a - std::round(a)) < 1e-9) return prefix + NumberText(a) + letter;
  // Exact fraction into the next unit where the conversion is exact.
  double whole = std::floor(a);
  double frac = a - whole;
  auto join = [&](const std::string& big, const std::string& small_prefix_sep,
                  double small_amount, const std::string& small_letter) {
    std::string out = prefix;
    if (whole > 0) out += NumberText(whole) + big;
    out += small_prefix_sep + NumberText(small_amount) + small_letter;
    return out;
  };
  if (u == Unit::kYear || u == Unit::kDecade || u == Unit::kCentury) {
    double m = frac * 12;
    if (std::abs(m - std::round(m)) < 1e-9) return join("Y", "", m, "M");
  } else if (u == Unit::kDay) {
    double h = frac * 24;
    if (std::abs(h - std::round(h)) < 1e-9) return join("D", "T", h, "H");
  } else if (u == Unit::kHour) {
    double m = frac * 60;
    if (std::abs(m - std::round(m)) < 1e-9) return join("H", "", m, "M");
  } else if (u == Unit::kMinute) {
    double s = frac * 60;
    if (std::abs(s - std::round(s)) < 1e-9) return join("M", "", s, "S");
  } else if (u == Unit::kWeek) {
    double d = a * 7;
    if (std::abs(d - std::round(d)) < 1e-9) return "P" + NumberText(d) + "D";
  } else if (u == Unit::kMonth) {
    // Half a month: TimeML has no exact form; two weeks is the convention.
    if (std::abs(frac - 0.5) < 1e-9 && whole == 0) return "P2W";
  }
  return prefix + NumberText(a) + letter;
}

const char* UnitLetterForSet(Unit u) {
  switch (u) {
    case Unit::kSecond: return "S";
    case Unit::kMinute: return "M";
    case Unit::kHour: return "H";
    case Unit::kDay: return "D";
    case Unit::kWeek: return "W";
    case Unit::kWeekend: return "WE";
    case Unit::kMonth: return "M";
    case Unit::kQuarter: return "Q";
    case Unit::kYear: return "Y";
    default: return "X";
  }
}

std::string FormatSet(const TimexValue& v) {
  if (v.weekday > 0) {
    std::string out = fmt::format("XXXX-WXX-{}", v.weekday);
    if (!v.part_of_day.empty()) out += "T" + v.part_of_day;
    return out;
  }
  if (v.month > 0) {
    if (v.day > 0) return fmt::format("XXXX-{:02d}-{:02d}", v.month, v.day);
    return fmt::format("XXXX-{:02d}", v.month);
  }
  if (!v.season.empty()) return "XXXX-" + v.season;
  if (v.quarter > 0) return fmt::format("XXXX-Q{}", v.quarter);
  if (!v.part_of_day.empty()) return "XXXX-XX-XXT" + v.part_of_day;
  if (v.hour >= 0) {
    return fmt::format("XXXX-XX-XXT{:02d}:{:02d}", v.hour, v.minute >= 0 ? v.minute : 0);
  }
  Unit u = v.unit == Unit::kNone ? Unit::kDay : v.unit;
  bool time = u == Unit::kSecond || u == Unit::kMinute || u == Unit::kHour;
  std::string amount = v.has_amount && !v.amount_unknown ? NumberText(v.amount) : "1";
  if (v.has_amount && v.amount_unknown) amount = "X";
  if (u == Unit::kDecade) return "P" + amount + "DE";
  if (u == Unit::kCentury) return "P" + amount + "CE";
  return std::string(time ? "PT" : "P") + amount + UnitLetterForSet(u);
}

// The (month, day) key of the earliest day an expression may denote, used
// to decide on which side of the reference a yearless date falls.
// Picks the year (ref_year - 1 .. + 1) that places a yearless date with
// key month * 100 + day (day 0 for a whole month) inside the window the
// direction allows, closest to the reference. The windows encode how far a
// past-tense sentence may still talk about a date just ahead ("said it will
// pay Dec. 1") and the converse.
// `period_months` is the length of the unit a period key stands for
// (3 for a quarter, 6 for a half; 0 for months and days): a past-tense
// clause names a period already begun, a future one the current period or
// one ahead, or also the one just ended when `early_in_period` ("expects to
// report a third-quarter loss" told on Nov. 2).
int YearFor(int ref_year, int ref_key, int key, Direction dir, Tense tense,
            int period_months = 0, bool early_in_period = false) {
  Direction d = dir;
  bool past = tense == Tense::kPast || tense == Tense::kPastWithFuture;
  if (d == Direction::kTense && !past && tense != Tense::kFuture) {
    d = Direction::kNearest;
  }
  // Window in days around the reference; month keys (day 0) get tighter
  // windows than days: "said ... in November" in October is last November.
  // A past-tense sentence may still name a date up to two months ahead
  // ("said it will pay Dec. 1", "said talks resume in November" in
  // October); a future one may name the current month but not the last.
  bool month_key = key % 100 == 0;
  // Only a sentence that also speaks of the future reaches far ahead.
  int past_slack = tense == Tense::kPastWithFuture ? 62 : kPastOnlySlack;
  int future_slack = month_key ? 30 : 62;
  int lo = -190, hi = 190;
  switch (d) {
    case Direction::kPast: lo = -400; hi = -1; break;
    case Direction::kNotAfter: lo = -400; hi = 0; break;
    case Direction::kFuture: lo = 1; hi = 400; break;
    case Direction::kTense:
      if (past) {
        lo = -400;
        hi = period_months > 0 ? 0 : past_slack;
      } else {
        lo = period_months == 0 ? -future_slack : early_in_period ? -31 * period_months : 0;
        hi = 400;
      }
      break;
    case Direction::kNearest: break;
    case Direction::kSame: return ref_year;
  }
  auto days = [](int y, int k) { return y * 372 + (k / 100) * 31 + k % 100; };
  int best = ref_year;
  int best_abs = INT32_MAX;
  for (int y = ref_year - 1; y <= ref_year + 1; ++y) {
    int diff = days(y, key) - days(ref_year, ref_key);
    if (diff < lo || diff > hi) continue;
    if (std::abs(diff) < best_abs) {
      best_abs = std::abs(diff);
      best = y;
    }
  }
  return best;
}

int TwoDigitYear(int yy, bool has_ref, int ref_year) {
  if (!has_ref) return yy + (yy < 50 ? 2000 : 1900);
  int century = ref_year / 100 * 100;
  int best = century + yy;
  for (int c : {century - 100, century + 100}) {
    if (std::abs(c + yy - ref_year) < std::abs(best - ref_year)) best = c + yy;
  }
  // A year far in the future is rarely meant ('98 in 2020 is 1998).
  if (best > ref_year + 20) best -= 100;
  return best;
}

}  // namespace

const char* TimexTypeName(TimexType t) {
  switch (t) {
    case TimexType::kDate: return "DATE";
    case TimexType::kTime: return "TIME";
    case TimexType::kDuration: return "DURATION";
    case TimexType::kSet: return "SET";
    case TimexType::kNone: return "";
  }
  return "";
}

CivilDate EasterSunday(int y) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;
  return CivilDate{y, month, day};
}

CivilDate HolidayDate(const HolidaySpec& h, int year) {
  switch (h.kind) {
    case HolidaySpec::Kind::kFixed:
      return CivilDate{year, h.month, h.day};
    case HolidaySpec::Kind::kEaster:
      return AddDays(EasterSunday(year), h.offset);
    case HolidaySpec::Kind::kNthWeekday: {
      if (h.nth > 0) {
        CivilDate first{year, h.month, 1};
        int delta = (h.weekday - IsoWeekday(first) + 7) % 7;
        return AddDays(first, delta + 7 * (h.nth - 1) + h.offset);
      }
      CivilDate last{year, h.month, DaysInMonth(year, h.month)};
      int delta = (IsoWeekday(last) - h.weekday + 7) % 7;
      return AddDays(last, -delta + h.offset);
    }
  }
  return CivilDate{year, 1, 1};
}

ResolvedTimex Resolve(const TimexValue& v, const ResolveContext& ctx) {
  if (v.unit_multiple > 1) {
    // "a fortnight" is two weeks, "the last fortnight" two weeks back.
    TimexValue w = v;
    w.amount *= v.unit_multiple;
    w.shift *= v.unit_multiple;
    w.unit_multiple = 1;
    return Resolve(w, ctx);
  }
  ResolvedTimex r;
  r.type = TimexTypeName(v.type);
  r.mod = v.mod;
  r.quant = v.quant;
  r.freq = v.freq;

  if (!v.literal.empty()) {
    r.value = v.literal;
    r.temporal_function = true;
    r.anchored_to_dct = ctx.has_dct;
    return r;
  }
  if (v.type == TimexType::kDuration) {
    r.value = FormatDuration(v);
    return r;
  }
  if (v.type == TimexType::kSet) {
    r.value = FormatSet(v);
    return r;
  }

  // DATE / TIME.
  bool use_narrative = v.anchor == Anchor::kNarrative && ctx.has_narrative;
  // A bare clock time takes the day just named ("Aug. 7, at 10:30 a.m.",
  // "Friday at 3 p.m."), never a coarser point ("in 1990 ... at 3 p.m.")
  // nor a day named further back: otherwise it is on the DCT's day.
  bool time_of_day_only = !v.has_shift && v.shift_sign == 0 && v.year == 0 && v.month == 0 &&
                          v.day == 0 && v.weekday == 0 && !v.holiday &&
                          (v.hour >= 0 || !v.part_of_day.empty());
  if (use_narrative && time_of_day_only &&
      (ctx.narrative_unit != Unit::kDay || ctx.narrative_distance > kClockTimeNarrativeReach)) {
    use_narrative = false;
  }
  // "that day", "the morning", "the following week" need a narrative point
  // at least as fine as their unit: after "in 1994" there is no day to
  // count from (the point stands for the whole year), so the DCT is used.
  Unit needed = v.has_shift ? (v.unit == Unit::kNone ? Unit::kDay : v.unit)
                : time_of_day_only ? Unit::kDay
                                   : Unit::kNone;
  if (use_narrative && needed != Unit::kNone && needed <= Unit::kMonth &&
      ctx.narrative_unit > (needed < Unit::kDay ? Unit::kDay : needed)) {
    use_narrative = false;
  }
  bool has_ref = use_narrative || ctx.has_dct;
  CivilDate ref = use_narrative ? ctx.narrative : ctx.dct;

  Unit g = Unit::kNone;  // granularity of the result
  CivilDate d = ref;
  bool relative = false;

  if (v.has_shift || v.shift_sign != 0) {
    // Shift of the reference by whole units.
    relative = true;
    if (v.shift_sign != 0 && (v.amount_unknown || !v.has_amount)) {
      r.value = v.shift_sign < 0 ? "PAST_REF" : "FUTURE_REF";
      r.temporal_function = true;
      r.anchored_to_dct = ctx.has_dct;
      return r;
    }
    double n = v.has_shift ? v.shift : v.shift_sign * v.amount;
    Unit u = v.unit == Unit::kNone ? Unit::kDay : v.unit;
    g = u;
    if (v.weekend) g = Unit::kWeekend;
    // "A year earlier" (or "a year ago") right after "the third quarter":
    // the same quarter (month, half) a year before.
    bool inherit = ctx.has_narrative && u == Unit::kYear && v.shift_sign != 0 &&
                   (ctx.narrative_unit == Unit::kMonth || ctx.narrative_unit == Unit::kQuarter ||
                    ctx.narrative_unit == Unit::kHalf) &&
                   std::abs(n - std::round(n)) < 1e-9;
    if (inherit) {
      r.value = FormatPoint(ShiftDate(ctx.narrative, u, std::llround(n)), ctx.narrative_unit, v);
      r.temporal_function = true;
      return r;
    }
    if (!has_ref) {
      r.value = UnanchoredForm(g, v);
      r.temporal_function = true;
      if (v.type == TimexType::kTime && v.hour < 0 && v.part_of_day.empty()) r.type = "DATE";
      return r;
    }
    if (u == Unit::kHour || u == Unit::kMinute || u == Unit::kSecond) {
      // "two hours ago": a clock time when the DCT has one, else the day.
      r.type = "TIME";
      if (!use_narrative && ctx.dct_has_time) {
        int64_t minutes = (DaysFromCivil(ref) * 24 + ctx.dct_hour) * 60 + ctx.dct_minute;
        int64_t delta = u == Unit::kHour ? std::llround(n * 60) : u == Unit::kMinute ? std::llround(n) : std::llround(n / 60);
        minutes += delta;
        int64_t days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
        int64_t rest = minutes - days * 1440;
        r.value = fmt::format("{}T{:02d}:{:02d}", FormatDate(CivilFromDays(days)), rest / 60, rest % 60);
      } else {
        r.value = FormatDate(ref);
        r.type = "DATE";
      }
      r.temporal_function = true;
      r.anchored_to_dct = !use_narrative && ctx.has_dct;
      return r;
    }
    // Half units ("a year and a half ago") round to the next smaller unit.
    bool fractional = std::abs(n - std::round(n)) > 1e-9;
    if (fractional && u == Unit::kYear) {
      d = AddMonths(ref, std::llround(n * 12));
    } else if (fractional && (u == Unit::kDecade || u == Unit::kCentury)) {
      // "half a century ago": 50 years back, reported as a year.
      d = AddMonths(ref, std::llround(n * (u == Unit::kDecade ? 120 : 1200)));
      g = Unit::kYear;
    } else {
      d = ShiftDate(ref, u, std::llround(n));
    }
    if (u == Unit::kYear && v.month > 0) {
      // "June last year".
      d = CivilDate{d.year, v.month, v.day > 0 ? v.day : 1};
      g = v.day > 0 ? Unit::kDay : Unit::kMonth;
    } else if (u == Unit::kYear && v.quarter > 0) {
      // "next year's first quarter".
      d = CivilDate{d.year, (v.quarter - 1) * 3 + 1, 1};
      g = Unit::kQuarter;
    } else if (u == Unit::kYear && v.half > 0) {
      // "the second half of next year".
      d = CivilDate{d.year, (v.half - 1) * 6 + 1, 1};
      g = Unit::kHalf;
    } else if (u == Unit::kYear && !v.season.empty()) {
      // "the spring of last year"; winter is named by its December.
      d = CivilDate{d.year, v.season == "WI" ? 12 : SeasonStartMonth(v.season), 1};
      g = Unit::kSeason;
    } else if (v.weekend && v.has_shift && v.shift == 0 && ctx.tense != Tense::kFuture &&
               IsoWeekday(d) < 6) {
      // "the weekend" told on a weekday in the past tense: the one before.
      d = AddDays(d, -7);
    }
    if (v.weekday > 0 && v.shift_sign != 0 && u == Unit::kWeek) {
      // "two weeks ago Tuesday": the last Tuesday (the reference day
      // itself when it is one), moved back two weeks; "a week from Monday"
      // is the coming Monday moved ahead.
      int ref_wd = IsoWeekday(ref);
      int back = (ref_wd - v.weekday + 7) % 7;
      int ahead = (v.weekday - ref_wd + 7) % 7;
      CivilDate base = v.shift_sign < 0 ? AddDays(ref, -back) : AddDays(ref, ahead);
      d = AddDays(base, std::llround(n) * 7);
      g = Unit::kDay;
    } else if (v.weekday > 0) {
      // "Friday last week": the weekday inside the shifted week.
      d = AddDays(d, v.weekday - IsoWeekday(d));
      g = Unit::kDay;
    }
    if (!v.part_of_day.empty() || v.hour >= 0) g = Unit::kDay;
  } else if (v.century > 0) {
    g = Unit::kCentury;
    d = CivilDate{v.century * 100, 1, 1};
  } else if (v.decade > 0) {
    g = Unit::kDecade;
    int decade = v.decade;
    if (v.decade_short) {
      int ref_year = has_ref ? ref.year : 1990;
      decade = ref_year / 100 * 10 + v.decade;
      if (decade > ref_year / 10) decade -= 10;
    }
    d = CivilDate{decade * 10, 1, 1};
  } else {
    // Explicit calendar fields, possibly without a year.
    int year = v.year;
    bool year_known = year > 0;
    if (year_known && v.year_two_digit) year = TwoDigitYear(year, has_ref, ref.year);
    if (v.fiscal && year_known) {
      // US fiscal years are named after the calendar year they end in;
      // TimeML reports the year itself.
    }
    int month = v.month, day = v.day;
    int ref_key = ref.month * 100 + ref.day;
    if (v.holiday) {
      int y = year_known ? year : ref.year;
      CivilDate h = HolidayDate(*v.holiday, y);
      if (!year_known && has_ref) {
        y = YearFor(ref.year, ref_key, h.month * 100 + h.day, v.direction, ctx.tense);
        h = HolidayDate(*v.holiday, y);
      }
      if (!year_known && !has_ref) {
        r.value = fmt::format("XXXX-{:02d}-{:02d}", h.month, h.day);
        return r;
      }
      d = h;
      g = Unit::kDay;
      year_known = true;
    } else if (month > 0) {
      if (!year_known) {
        if (!has_ref) {
          r.value = day > 0 ? fmt::format("XXXX-{:02d}-{:02d}", month, day)
                            : fmt::format("XXXX-{:02d}", month);
          r.temporal_function = true;
          return r;
        }
        int key = month * 100 + (day > 0 ? day : 0);
        year = YearFor(ref.year, day > 0 ? ref_key : ref.month * 100, key, v.direction, ctx.tense);
        bool range_part = v.direction == Direction::kTense && ctx.has_narrative &&
                          ctx.narrative_distance <= kRangeReach &&
                          ctx.narrative_unit == (day > 0 ? Unit::kDay : Unit::kMonth);
        if (range_part) {
          int first_key = ctx.narrative.month * 100 + (day > 0 ? ctx.narrative.day : 0);
          int first_year = ctx.narrative.year;
          if (year * 10000 + key < first_year * 10000 + first_key) {
            year = first_year + (key < first_key ? 1 : 0);
          }
        }
        relative = true;
      }
      if (v.week_of_month != 0) {
        // The middle day of the seven: its ISO week holds at least four of them.
        int last = DaysInMonth(year, month);
        day = v.week_of_month > 0 ? (v.week_of_month - 1) * 7 + 4 : last - 3;
        if (day > last) day = last;
        d = CivilDate{year, month, day};
        g = Unit::kWeek;
      } else if (day > 0) {
        if (!IsValidDate(year, month, day)) {
          r.type.clear();  // not a date (e.g. "Feb. 30"): caller drops it
          return r;
        }
        d = CivilDate{year, month, day};
        // "the week of Oct. 12", "the week ended Friday, Oct. 16": the
        // (ISO) week that holds the day.
        g = v.unit == Unit::kWeek ? Unit::kWeek : Unit::kDay;
      } else {
        d = CivilDate{year, month, 1};
        g = Unit::kMonth;
      }
    } else if (v.quarter > 0 || v.half > 0 || !v.season.empty()) {
      int start_month = v.quarter > 0 ? (v.quarter - 1) * 3 + 1
                        : v.half > 0  ? (v.half - 1) * 6 + 1
                                      : SeasonStartMonth(v.season);
      g = v.quarter > 0 ? Unit::kQuarter : v.half > 0 ? Unit::kHalf : Unit::kSeason;
      if (!year_known) {
        if (!has_ref) {
          r.value = v.quarter > 0 ? fmt::format("XXXX-Q{}", v.quarter)
                    : v.half > 0  ? fmt::format("XXXX-H{}", v.half)
                                  : "XXXX-" + v.season;
          r.temporal_function = true;
          return r;
        }
        int ref_unit_start = g == Unit::kQuarter ? (QuarterOf(ref.month) - 1) * 3 + 1
                             : g == Unit::kHalf  ? (ref.month <= 6 ? 1 : 7)
                                                 : SeasonStartMonth(SeasonOfMonth(ref.month));
        // In January and February the current season is last year's winter.
        int ref_year = ref.year;
        if (g == Unit::kSeason && ref.month <= 2) {
          ref_year -= 1;
          ref_unit_start = 12;
        }
        // Keys are month * 100 (whole months), as for month names.
        int period = g == Unit::kQuarter ? 3 : g == Unit::kHalf ? 6 : 0;
        // A quarter's results come out weeks after it ends, so the quarter
        // just ended stays in reach of a future clause ("will report
        // third-quarter results", "a delay of its third-quarter results");
        // the half just ended only early in the next half.
        bool early = g == Unit::kQuarter || ref.month - ref_unit_start < 2;
        year = YearFor(ref_year, ref_unit_start * 100, start_month * 100, v.direction, ctx.tense,
                       period, early);
        relative = true;
      }
      d = CivilDate{year, start_month, 1};
      if (g == Unit::kSeason && v.season == "WI") d = CivilDate{year, 12, 1};
    } else if (v.day > 0 && !year_known) {
      // "on the 15th": a day of the month the narrative is in (a month or
      // a day named before), else of the DCT's month or the one before /
      // after it as the tense says (the nearest one without a cue).
      if (!has_ref) {
        r.value = fmt::format("XXXX-XX-{:02d}", v.day);
        r.temporal_function = true;
        return r;
      }
      relative = true;
      CivilDate base = ref;
      bool in_month = ctx.has_narrative && !use_narrative &&
                      (ctx.narrative_unit == Unit::kMonth || ctx.narrative_unit == Unit::kDay);
      if (in_month) base = ctx.narrative;
      auto in = [&](int shift) {
        CivilDate m = AddMonths(CivilDate{base.year, base.month, 1}, shift);
        return CivilDate{m.year, m.month, std::min(v.day, DaysInMonth(m.year, m.month))};
      };
      if (in_month) {
        d = in(0);
      } else {
        int64_t b = DaysFromCivil(base);
        CivilDate prev = in(-1), cur = in(0), next = in(1);
        if (ctx.tense == Tense::kPast) {
          d = DaysFromCivil(cur) <= b ? cur : prev;
        } else if (ctx.tense == Tense::kFuture || ctx.tense == Tense::kPastWithFuture) {
          d = DaysFromCivil(cur) >= b ? cur : next;
        } else {
          d = cur;
          for (CivilDate c : {prev, next}) {
            if (std::llabs(DaysFromCivil(c) - b) < std::llabs(DaysFromCivil(d) - b)) d = c;
          }
        }
      }
      g = Unit::kDay;
    } else if (v.weekday > 0 && !year_known) {
      if (!has_ref) {
        r.value = fmt::format("XXXX-WXX-{}", v.weekday);
        if (!v.part_of_day.empty()) r.value += "T" + v.part_of_day;
        r.temporal_function = true;
        return r;
      }
      relative = true;
      int ref_wd = IsoWeekday(ref);
      Direction dir = v.direction;
      bool strict = dir == Direction::kPast || dir == Direction::kFuture;
      bool present = false;
      if (dir == Direction::kTense) {
        present = ctx.tense == Tense::kPresent || ctx.tense == Tense::kUnknown;
        dir = ctx.tense == Tense::kFuture ? Direction::kFuture : Direction::kPast;
      }
      if (present) {
        // A present-tense clause (or one without any tense cue: "meet
        // separately Monday", "the trial resumes Monday") names the nearest
        // such day, up to three days either way ("says Monday" told on a
        // Tuesday is yesterday, "meet Monday" told on a Friday is ahead).
        int delta = (v.weekday - ref_wd + 7) % 7;
        if (delta > 3) delta -= 7;
        d = AddDays(ref, delta);
      } else if (dir == Direction::kFuture) {
        int delta = (v.weekday - ref_wd + 7) % 7;
        if (delta == 0 && strict) delta = 7;
        d = AddDays(ref, delta);
      } else if (dir == Direction::kSame || dir == Direction::kNearest) {
        d = AddDays(ref, v.weekday - ref_wd);  // same ISO week
      } else {
        int delta = (ref_wd - v.weekday + 7) % 7;
        if (delta == 0 && strict) delta = 7;
        d = AddDays(ref, -delta);
      }
      g = Unit::kDay;
    } else if (year_known) {
      d = CivilDate{year, 1, 1};
      g = Unit::kYear;
      // "the 1988 period" / "the 1988 quarter" right after "the third
      // quarter": that quarter (month, half) of 1988, as "a year earlier".
      if (v.unit == Unit::kQuarter && ctx.has_narrative &&
          (ctx.narrative_unit == Unit::kQuarter || ctx.narrative_unit == Unit::kHalf ||
           ctx.narrative_unit == Unit::kMonth)) {
        d = CivilDate{year, ctx.narrative.month, 1};
        g = ctx.narrative_unit;
      }
    } else if (v.hour >= 0 || !v.part_of_day.empty() || v.unit == Unit::kDay) {
      // A time of day alone ("9:30 a.m.", "this morning"): the reference day.
      if (!has_ref) {
        r.value = UnanchoredForm(Unit::kDay, v);
        r.temporal_function = true;
        return r;
      }
      relative = true;
      d = ref;
      g = Unit::kDay;
    } else {
      r.type.clear();
      return r;
    }
  }

  r.value = FormatPoint(d, g, v);
  if (v.type == TimexType::kTime && g > Unit::kDay) r.type = "DATE";
  if (relative) {
    r.temporal_function = true;
    r.anchored_to_dct = !use_narrative && ctx.has_dct;
  }
  // "from $2 a year ago ... from $3 a year earlier": a year-long comparison
  // is no new point of the story, so it leaves the narrative where it was.
  bool comparison = v.shift_sign != 0 && v.unit == Unit::kYear;
  if (g >= Unit::kDay && g <= Unit::kYear && g != Unit::kWeekend && !comparison) {
    r.sets_narrative = true;
    r.narrative = d;
    r.narrative_unit = g;
  }
  return r;
}

}  // namespace chronicle
