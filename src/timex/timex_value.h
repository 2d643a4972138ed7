// TimexValue: the typed intermediate value a timex rule produces, and
// Resolve(), the ONE function that turns it into TimeML attributes (type,
// value, mod, quant, freq, temporalFunction, anchorTimeID) against a
// reference time.
//
// A rule never builds a value string: its named captures fill fields of a
// TimexValue (month 7, day 23, year 2021; or unit kWeek, shift -1; or
// amount 3, unit kYear), and Resolve() decides the calendar value.
//
//   TimexValue v;
//   v.type = TimexType::kDate;
//   v.unit = Unit::kMonth;
//   v.shift = -1;  v.has_shift = true;   // "last month"
//   ResolveContext ctx;  ctx.dct = CivilDate{2020, 10, 2};  ctx.has_dct = true;
//   ResolvedTimex r = Resolve(v, ctx);   // r.value == "2020-09"
//
// All functions here are pure and thread-safe.
#ifndef CHRONICLE_TIMEX_TIMEX_VALUE_H_
#define CHRONICLE_TIMEX_TIMEX_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "util/date.h"

namespace chronicle {

enum class TimexType { kDate, kTime, kDuration, kSet, kNone };

// Calendar units, smallest first (the order is used for granularity).
enum class Unit {
  kNone,
  kSecond,
  kMinute,
  kHour,
  kPartOfDay,  // morning, evening... (only as a granularity)
  kDay,
  kWeekend,
  kWeek,
  kMonth,
  kSeason,
  kQuarter,
  kHalf,
  kYear,
  kDecade,
  kCentury,
  kMillennium,
};

// How an expression without a year (or a bare weekday) is placed relative
// to the reference time.
// kPast / kFuture are strict ("last April" said in April is a year back);
// kNotAfter is the non-strict past; kNearest picks the closest occurrence.
enum class Direction { kTense, kPast, kNotAfter, kFuture, kNearest, kSame };

// Where a relative expression is anchored.
enum class Anchor { kDct, kNarrative };

// Holiday definitions come from the holiday lexicon: a fixed month/day, the
// n-th weekday of a month (n = -1 for the last), or an offset from Easter.
struct HolidaySpec {
  enum class Kind { kFixed, kNthWeekday, kEaster } kind = Kind::kFixed;
  int month = 0;
  int day = 0;      // kFixed
  int weekday = 0;  // kNthWeekday: ISO 1..7
  int nth = 0;      // kNthWeekday: 1..5, or -1 for the last
  int offset = 0;   // kEaster: days from Easter Sunday; kNthWeekday: days after it
};

struct TimexValue {
  TimexType type = TimexType::kDate;

  // A constant value (PRESENT_REF, PAST_REF, FUTURE_REF) when not empty.
  std::string literal;

  // Explicit calendar fields; 0 (or -1 for hour/minute/second) = absent.
  int year = 0;
  bool year_two_digit = false;  // '98: the century comes from the reference
  int month = 0;
  int day = 0;
  int weekday = 0;    // ISO 1..7
  int quarter = 0;    // 1..4
  int half = 0;       // 1..2
  // "the first week of October": the n-th seven days of `month` (1..5,
  // -1 for the last seven), reported as the ISO week holding most of them.
  int week_of_month = 0;
  int decade = 0;     // 199 for the 1990s (three digits)
  bool decade_short = false;  // "the '90s" / "the nineties": 9 -> 199 by ref
  int century = 0;    // 20 for the 21st century
  std::string season;       // SP, SU, FA, WI
  std::string part_of_day;  // MO, MI, AF, EV, NI, DT
  int hour = -1;
  int minute = -1;
  int second = -1;
  std::optional<HolidaySpec> holiday;
  bool weekend = false;  // "the weekend"
  bool fiscal = false;

  // Relative placement: shift the reference by `shift` units of `unit` and
  // report at `unit` granularity ("last week": kWeek, -1). For "two weeks
  // ago" the rule gives amount 2, unit kWeek and shift_sign -1.
  Unit unit = Unit::kNone;
  int unit_multiple = 1;  // "a fortnight": unit kWeek, multiple 2
  bool has_shift = false;
  int shift = 0;
  int shift_sign = 0;  // multiplies `amount` into a shift when non-zero
  Anchor anchor = Anchor::kDct;
  Direction direction = Direction::kTense;

  // Durations and counts: amount of `unit`; amount_unknown for "several".
  double amount = 0;
  bool has_amount = false;
  bool amount_unknown = false;

  // Sets.
  std::string quant;  // EVERY, EACH
  std::string freq;   // 2X

  std::string mod;  // START, MID, END, APPROX, MORE_THAN, ...
};

// The verb tense that governs an expression (see reference_time.h).
// kPastWithFuture: a past tense governs, but the sentence also speaks of
// the future ("said it will pay Dec. 1", "payable Dec. 7"), so a date a
// little ahead of the reference is still likely.
enum class Tense { kUnknown, kPast, kPresent, kFuture, kPastWithFuture };

// What Resolve() resolves against.
struct ResolveContext {
  bool has_dct = false;
  CivilDate dct;
  bool dct_has_time = false;
  int dct_hour = 0;
  int dct_minute = 0;
  // The narrative reference time: the last explicit date mentioned before
  // the expression, with its granularity (kNone when there is none).
  bool has_narrative = false;
  CivilDate narrative;
  Unit narrative_unit = Unit::kNone;
  // Bytes between the end of the expression that set the narrative and the
  // start of this one. A bare clock time takes the narrative day only when
  // it follows closely ("Friday at 3 p.m.", "Aug. 7, at 10:30 a.m.").
  uint32_t narrative_distance = 0;
  Tense tense = Tense::kUnknown;
};

struct ResolvedTimex {
  std::string type;   // DATE, TIME, DURATION, SET
  std::string value;
  std::string mod;
  std::string quant;
  std::string freq;
  bool temporal_function = false;
  bool anchored_to_dct = false;  // anchorTimeID="t0"
  // The date this expression establishes as the new narrative reference,
  // when it denotes a specific calendar point.
  bool sets_narrative = false;
  CivilDate narrative;
  Unit narrative_unit = Unit::kNone;
};

// Resolves `v` against `ctx`. Never fails: without a DCT (or for fields it
// cannot place) it uses TimeML's "X" placeholders ("XXXX-10", "XXXX-WXX").
ResolvedTimex Resolve(const TimexValue& v, const ResolveContext& ctx);

// Easter Sunday of `year` (Gregorian, anonymous algorithm).
CivilDate EasterSunday(int year);
// The date of holiday `h` in `year`.
CivilDate HolidayDate(const HolidaySpec& h, int year);

// "TimexType::kDate" -> "DATE"; kNone -> "".
const char* TimexTypeName(TimexType t);

}  // namespace chronicle

#endif  // CHRONICLE_TIMEX_TIMEX_VALUE_H_
