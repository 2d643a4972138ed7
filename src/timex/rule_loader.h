// Loading and validation of the timex rule and lexicon files
// (data/en/timex/). Internal to the timex stage; TimexTagger is the public
// face.
//
// Layout of data_dir/en/timex/:
//   lexicon/NAME.tsv  "surface<TAB>value" lines; the file stem NAME is both
//                     the macro @NAME usable in patterns and the lexicon a
//                     capture consults. Lookups ignore case and a final
//                     period; a first line "#! case-sensitive" makes @NAME
//                     match only the case written (month and weekday names).
//   macros.def        "NAME = regex" lines, usable as @NAME in patterns.
//   rules/*.rules     rule blocks (see docs/timex-rules.md):
//                       rule NAME
//                         pattern  (?P<month>@month) (?P<day>@day)
//                         type     DATE
//                         priority 2
//                     A capture's name is the TimexValue field it fills
//                     (year, month, day, weekday, amount, unit, shift...);
//                     a key with a field name sets that field for every
//                     match ("unit day", "shift -1"); `t` marks the span of
//                     the expression when the match includes context.
//   tests/*.tsv       the executable corpus (read by the tests only).
//
// Every problem is an Error "file:line: rule NAME: message: fragment".
// Thread-safety: a loaded RuleSet is immutable and shared read-only.
#ifndef CHRONICLE_TIMEX_RULE_LOADER_H_
#define CHRONICLE_TIMEX_RULE_LOADER_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>

#include "timex/reference_time.h"
#include "timex/timex_value.h"
#include "util/error.h"

namespace chronicle {

// The fields a capture (or a fixed key) may fill.
enum class Slot {
  kNone,
  kSpan,  // "t": the expression's extent inside the match
  kYear,
  kMonth,
  kDay,
  kWeekday,
  kHour,
  kMinute,
  kSecond,
  kAmPm,
  kDecade,
  kCentury,
  kQuarter,
  kHalf,
  kWeekOfMonth,  // "the second week of May": 1..5, or -1 for the last
  kSeason,
  kPartOfDay,
  kHoliday,
  kAmount,
  kFraction,
  kUnit,
  kShift,
  kSign,
  kMod,
  kFreq,
};

// Name <-> slot ("month" -> kMonth); kNone for unknown names.
Slot SlotByName(std::string_view name);

struct Lexicon {
  bool case_sensitive = false;
  // Normalized surface (lower-case, single spaces, no final period) -> value.
  std::unordered_map<std::string, std::string> entries;
  std::vector<std::string> surfaces;  // as written, for the @NAME macro
};

struct Lexicons {
  std::unordered_map<std::string, Lexicon> by_name;
  // Value of `surface` in lexicon `name`, or nullptr.
  const std::string* Find(std::string_view name, std::string_view surface) const;
};

struct CompiledRule {
  std::string name;
  std::string file;
  int line = 0;
  std::string pattern;  // after macro expansion
  std::unique_ptr<RE2> re;
  std::vector<Slot> group_slots;  // index = capture group number
  int span_group = 0;             // 0: the whole match
  TimexValue fixed;               // type and fixed keys applied
  int priority = 0;
  bool negative = false;          // type NONE: claims a span, yields nothing
  std::vector<std::string> veto_pos;  // drop when the span is one token with this xpos
};

struct RuleSet {
  Lexicons lexicons;
  TenseCues tense_cues;
  std::vector<CompiledRule> rules;
};

// Reads everything under `timex_dir` (= data_dir/en/timex). Errors: kIo for
// a missing directory or file, kModel for a bad rule, lexicon or macro, with
// file:line, the rule name and the offending fragment.
Result<RuleSet> LoadRuleSet(const std::string& timex_dir);

// Parses rule text (one .rules file's content) against `lexicons` and
// `macros`, appending to *rules. Exposed for tests of the error messages.
Status ParseRules(std::string_view content, const std::string& file_name,
                  const Lexicons& lexicons,
                  const std::unordered_map<std::string, std::string>& macros,
                  std::vector<CompiledRule>* rules);

// Applies the text of one capture (or fixed key value) to `v`. Returns
// false when the text is not a valid value for the slot (unknown lexicon
// entry, day 32...). Besides the lexicon named after the slot, `unit` reads
// lexicon `unitadverb` ("daily" -> day) and a unit value may carry a
// multiple ("fortnight<TAB>week 2"); `quarter` reads `quarterend` ("the
// December quarter" -> 4); `nthweek` takes 1..5 or last/final.
bool ApplySlot(Slot slot, std::string_view text, const Lexicons& lexicons, TimexValue* v);

// Parses "twenty-four", "1,500", "2.5", "nineteen ninety-six" style numbers
// (number words from the `number` lexicon). Returns false if not a number.
bool ParseNumber(std::string_view text, const Lexicons& lexicons, double* out);

}  // namespace chronicle

#endif  // CHRONICLE_TIMEX_RULE_LOADER_H_
