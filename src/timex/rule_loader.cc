// Rule files are parsed line by line; a rule's pattern is expanded (macros
// and lexicons), compiled with RE2 in case-insensitive mode (lexicons marked
// case-sensitive expand to (?-i:...)), and its capture names are checked
// against the slots. Fixed keys go through ApplySlot() exactly as captured
// text does, so a rule file cannot say anything a capture could not.
#include "timex/rule_loader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "util/file.h"
#include "util/strings.h"

namespace chronicle {

namespace {

struct SlotName {
  const char* name;
  Slot slot;
};

constexpr SlotName kSlotNames[] = {
    {"t", Slot::kSpan},           {"year", Slot::kYear},
    {"month", Slot::kMonth},      {"day", Slot::kDay},
    {"weekday", Slot::kWeekday},  {"hour", Slot::kHour},
    {"minute", Slot::kMinute},    {"second", Slot::kSecond},
    {"ampm", Slot::kAmPm},        {"decade", Slot::kDecade},
    {"century", Slot::kCentury},  {"quarter", Slot::kQuarter},
    {"half", Slot::kHalf},        {"season", Slot::kSeason},
    {"pod", Slot::kPartOfDay},    {"holiday", Slot::kHoliday},
    {"amount", Slot::kAmount},    {"fraction", Slot::kFraction},
    {"unit", Slot::kUnit},        {"shift", Slot::kShift},
    {"sign", Slot::kSign},        {"mod", Slot::kMod},
    {"freq", Slot::kFreq},        {"nthweek", Slot::kWeekOfMonth},
};

std::string Normalize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool ParseInt(std::string_view s, int* out) {
  s = Trim(s);
  if (s.empty()) return false;
  bool neg = false;
  if (s.front() == '-' || s.front() == '+') {
    neg = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > 9) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = neg ? -v : v;
  return true;
}

bool StripOrdinalSuffix(std::string_view s, int* out) {
  std::string n = Normalize(s);
  size_t i = 0;
  while (i < n.size() && std::isdigit(static_cast<unsigned char>(n[i]))) ++i;
  if (i == 0) return false;
  std::string_view suffix = std::string_view(n).substr(i);
  if (!(suffix.empty() || suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th")) {
    return false;
  }
  return ParseInt(std::string_view(n).substr(0, i), out);
}

// An integer from digits, an ordinal ("23rd") or the ordinal / number
// lexicons.
bool SmallNumber(std::string_view text, const Lexicons& lex, int* out) {
  if (StripOrdinalSuffix(text, out)) return true;
  if (const std::string* v = lex.Find("ordinal", text)) return ParseInt(*v, out);
  double d = 0;
  if (ParseNumber(text, lex, &d) && d == std::floor(d) && d < 1e9) {
    *out = static_cast<int>(d);
    return true;
  }
  return false;
}

Unit UnitByName(std::string_view s) {
  static constexpr std::pair<const char*, Unit> kUnits[] = {
      {"second", Unit::kSecond}, {"minute", Unit::kMinute},   {"hour", Unit::kHour},
      {"partofday", Unit::kPartOfDay}, {"day", Unit::kDay},   {"weekend", Unit::kWeekend},
      {"week", Unit::kWeek},     {"month", Unit::kMonth},     {"season", Unit::kSeason},
      {"quarter", Unit::kQuarter}, {"half", Unit::kHalf},     {"year", Unit::kYear},
      {"decade", Unit::kDecade}, {"century", Unit::kCentury}, {"millennium", Unit::kMillennium},
  };
  for (const auto& [name, unit] : kUnits) {
    if (s == name) return unit;
  }
  return Unit::kNone;
}

bool ParseHoliday(std::string_view spec, HolidaySpec* h) {
  // "fixed 12 25" | "nth 11 4 4" (month, ISO weekday, n; n=-1 last),
  // optionally with a day offset ("nth 11 4 4 1": the day after) |
  // "easter -2".
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < spec.size()) {
    while (i < spec.size() && spec[i] == ' ') ++i;
    size_t b = i;
    while (i < spec.size() && spec[i] != ' ') ++i;
    if (i > b) parts.push_back(spec.substr(b, i - b));
  }
  if (parts.empty()) return false;
  if (parts[0] == "fixed" && parts.size() == 3) {
    h->kind = HolidaySpec::Kind::kFixed;
    return ParseInt(parts[1], &h->month) && ParseInt(parts[2], &h->day) &&
           IsValidDate(2000, h->month, h->day);
  }
  if (parts[0] == "nth" && (parts.size() == 4 || parts.size() == 5)) {
    h->kind = HolidaySpec::Kind::kNthWeekday;
    if (parts.size() == 5 && !ParseInt(parts[4], &h->offset)) return false;
    return ParseInt(parts[1], &h->month) && ParseInt(parts[2], &h->weekday) &&
           ParseInt(parts[3], &h->nth) && h->month >= 1 && h->month <= 12 &&
           h->weekday >= 1 && h->weekday <= 7 && h->nth != 0 && h->nth >= -1 && h->nth <= 5;
  }
  if (parts[0] == "easter" && parts.size() == 2) {
    h->kind = HolidaySpec::Kind::kEaster;
    return ParseInt(parts[1], &h->offset);
  }
  return false;
}

std::string EscapeRegex(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::strchr("\\^$.|?*+()[]{}", c) != nullptr) out.push_back('\\');
    if (c == ' ') {
      out += "\\s+";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string LexiconAlternation(const Lexicon& lex) {
  std::vector<std::string> alts = lex.surfaces;
  // Longest first so that "Sept." wins over "Sep" in leftmost-first RE2.
  std::sort(alts.begin(), alts.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  alts.erase(std::unique(alts.begin(), alts.end()), alts.end());
  std::string out = lex.case_sensitive ? "(?-i:" : "(?:";
  for (size_t i = 0; i < alts.size(); ++i) {
    if (i) out.push_back('|');
    out += EscapeRegex(alts[i]);
  }
  out.push_back(')');
  return out;
}

// Replaces @name references. Returns an error message naming the first
// unknown macro, or "" on success.
std::string ExpandMacros(std::string_view pattern, const Lexicons& lexicons,
                         const std::unordered_map<std::string, std::string>& macros,
                         int depth, std::string* out) {
  if (depth > 8) return "macros nest too deeply (a cycle?)";
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out->push_back(c);
      out->push_back(pattern[++i]);
      continue;
    }
    if (c != '@') {
      out->push_back(c);
      continue;
    }
    size_t b = i + 1, e = b;
    while (e < pattern.size() &&
           (std::isalnum(static_cast<unsigned char>(pattern[e])) || pattern[e] == '_')) {
      ++e;
    }
    std::string name(pattern.substr(b, e - b));
    if (name.empty()) return "'@' without a macro name";
    auto m = macros.find(name);
    if (m != macros.end()) {
      out->append("(?:");
      std::string err = ExpandMacros(m->second, lexicons, macros, depth + 1, out);
      if (!err.empty()) return err;
      out->push_back(')');
    } else {
      auto l = lexicons.by_name.find(name);
      if (l == lexicons.by_name.end()) return "unknown macro or lexicon '@" + name + "'";
      out->append(LexiconAlternation(l->second));
    }
    i = e - 1;
  }
  return "";
}

Error RuleError(const std::string& file, int line, const std::string& rule,
                const std::string& message, std::string_view fragment) {
  std::string m = rule.empty() ? message : fmt::format("rule {}: {}", rule, message);
  if (!fragment.empty()) m += fmt::format(": {}", fragment);
  Error e = Error::Model(m, file);
  e.line = line;
  return e;
}

Status ParseLexicon(std::string_view content, const std::string& file, Lexicon* lex) {
  int line_no = 0;
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line_no == 1 && line.rfind("#! case-sensitive", 0) == 0) {
      lex->case_sensitive = true;
      continue;
    }
    if (Trim(line).empty() || Trim(line).front() == '#') {
      if (nl == content.size()) break;
      continue;
    }
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      Error e = Error::Model(fmt::format("expected 'surface<TAB>value': {}", line), file);
      e.line = line_no;
      return e;
    }
    std::string surface(Trim(line.substr(0, tab)));
    std::string value(Trim(line.substr(tab + 1)));
    if (surface.empty()) {
      Error e = Error::Model("empty surface form", file);
      e.line = line_no;
      return e;
    }
    lex->surfaces.push_back(surface);
    lex->entries[Normalize(surface)] = value;
    if (nl == content.size()) break;
  }
  return Status::Ok();
}

Status ParseMacros(std::string_view content, const std::string& file,
                   std::unordered_map<std::string, std::string>* macros) {
  int line_no = 0;
  size_t pos = 0;
  std::string_view raw;
  while (NextLine(content, &pos, &raw)) {
    std::string_view line = Trim(raw);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    size_t eq = line.find(" = ");
    if (eq == std::string_view::npos) {
      Error e = Error::Model(fmt::format("expected 'NAME = regex': {}", line), file);
      e.line = line_no;
      return e;
    }
    (*macros)[std::string(Trim(line.substr(0, eq)))] = std::string(Trim(line.substr(eq + 3)));
  }
  return Status::Ok();
}

// The words of a capture written as a plain alternation of literals, as in
// (?P<mod>about|around|more\s+than): {"about", "around", "more than"}.
// Empty when the body uses anything else (classes, macros, groups).
std::vector<std::string> LiteralAlternatives(std::string_view pattern, std::string_view name) {
  std::string open = "(?P<" + std::string(name) + ">";
  std::vector<std::string> out;
  size_t at = pattern.find(open);
  if (at == std::string_view::npos) return out;
  std::string word;
  for (size_t i = at + open.size(); i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == ')' || c == '|') {
      if (word.empty()) return {};
      out.push_back(word);
      word.clear();
      if (c == ')') return out;
      continue;
    }
    if (pattern.substr(i, 3) == "\\s+") {
      word.push_back(' ');
      i += 2;
      continue;
    }
    if (pattern.substr(i, 6) == "[\\s-]+") {
      word.push_back(' ');
      i += 5;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == ' ' || c == '\'' || c == '-') {
      word.push_back(c);
      continue;
    }
    return {};
  }
  return {};
}

struct PendingRule {
  std::string name;
  int line = 0;
  std::vector<std::pair<std::string, std::string>> keys;  // key, value
  std::vector<int> key_lines;
};

Status CompileRule(const PendingRule& p, const std::string& file, const Lexicons& lexicons,
                   const std::unordered_map<std::string, std::string>& macros,
                   CompiledRule* rule) {
  rule->name = p.name;
  rule->file = file;
  rule->line = p.line;
  bool has_pattern = false, has_type = false;
  for (size_t k = 0; k < p.keys.size(); ++k) {
    const auto& [key, value] = p.keys[k];
    int line = p.key_lines[k];
    if (key == "pattern") {
      if (has_pattern) return RuleError(file, line, p.name, "second pattern", value);
      has_pattern = true;
      std::string expanded;
      std::string err = ExpandMacros(value, lexicons, macros, 0, &expanded);
      if (!err.empty()) return RuleError(file, line, p.name, err, value);
      rule->pattern = expanded;
      RE2::Options opts;
      opts.set_case_sensitive(false);
      opts.set_log_errors(false);
      opts.set_max_mem(32 << 20);
      rule->re = std::make_unique<RE2>(expanded, opts);
      if (!rule->re->ok()) {
        return RuleError(file, line, p.name, "bad regular expression (" + rule->re->error() + ")",
                         rule->re->error_arg().empty() ? value : rule->re->error_arg());
      }
      // A field captured twice ("(?P<day>..)|(?P<day>..)") would fill from
      // one group only and silently ignore the other: refuse it.
      {
        std::vector<std::string> seen;
        for (size_t at = expanded.find("(?P<"); at != std::string::npos;
             at = expanded.find("(?P<", at + 4)) {
          size_t close = expanded.find('>', at + 4);
          if (close == std::string::npos) break;
          std::string gname = expanded.substr(at + 4, close - at - 4);
          if (std::find(seen.begin(), seen.end(), gname) != seen.end()) {
            return RuleError(file, line, p.name, "capture name used twice", "(?P<" + gname + ">");
          }
          seen.push_back(std::move(gname));
        }
      }
      rule->group_slots.assign(rule->re->NumberOfCapturingGroups() + 1, Slot::kNone);
      for (const auto& [gname, index] : rule->re->NamedCapturingGroups()) {
        Slot s = SlotByName(gname);
        if (s == Slot::kNone) {
          return RuleError(file, line, p.name, "unknown capture name", "(?P<" + gname + ">");
        }
        rule->group_slots[index] = s;
        if (s == Slot::kSpan) rule->span_group = index;
        // A literal word the lexicon cannot read would silently drop every
        // match that uses it: refuse it when loading.
        if (s == Slot::kMod || s == Slot::kShift || s == Slot::kSign) {
          for (const std::string& w : LiteralAlternatives(value, gname)) {
            if (lexicons.Find(gname, w) == nullptr) {
              return RuleError(file, line, p.name,
                               fmt::format("'{}' is not in lexicon/{}.tsv", w, gname),
                               "(?P<" + gname + ">");
            }
          }
        }
      }
    } else if (key == "type") {
      has_type = true;
      static constexpr std::pair<const char*, TimexType> kTypes[] = {
          {"DATE", TimexType::kDate}, {"TIME", TimexType::kTime},
          {"DURATION", TimexType::kDuration}, {"SET", TimexType::kSet},
          {"NONE", TimexType::kNone}};
      bool found = false;
      for (const auto& [n, t] : kTypes) {
        if (value == n) {
          rule->fixed.type = t;
          rule->negative = t == TimexType::kNone;
          found = true;
        }
      }
      if (!found) return RuleError(file, line, p.name, "type must be DATE, TIME, DURATION, SET or NONE", value);
    } else if (key == "priority") {
      if (!ParseInt(value, &rule->priority)) return RuleError(file, line, p.name, "priority must be an integer", value);
    } else if (key == "value") {
      if (value != "PRESENT_REF" && value != "PAST_REF" && value != "FUTURE_REF") {
        return RuleError(file, line, p.name, "value must be PRESENT_REF, PAST_REF or FUTURE_REF", value);
      }
      rule->fixed.literal = value;
    } else if (key == "anchor") {
      if (value == "dct") rule->fixed.anchor = Anchor::kDct;
      else if (value == "narrative") rule->fixed.anchor = Anchor::kNarrative;
      else return RuleError(file, line, p.name, "anchor must be dct or narrative", value);
    } else if (key == "direction") {
      if (value == "tense") rule->fixed.direction = Direction::kTense;
      else if (value == "past") rule->fixed.direction = Direction::kPast;
      else if (value == "future") rule->fixed.direction = Direction::kFuture;
      else if (value == "same") rule->fixed.direction = Direction::kSame;
      else if (value == "notafter") rule->fixed.direction = Direction::kNotAfter;
      else if (value == "nearest") rule->fixed.direction = Direction::kNearest;
      else return RuleError(file, line, p.name, "direction must be tense, past, notafter, future, nearest or same", value);
    } else if (key == "quant") {
      rule->fixed.quant = value;
    } else if (key == "weekend") {
      rule->fixed.weekend = value == "true";
    } else if (key == "fiscal") {
      rule->fixed.fiscal = value == "true";
    } else if (key == "veto_pos") {
      size_t i = 0;
      while (i < value.size()) {
        while (i < value.size() && value[i] == ' ') ++i;
        size_t b = i;
        while (i < value.size() && value[i] != ' ') ++i;
        if (i > b) rule->veto_pos.emplace_back(value.substr(b, i - b));
      }
    } else {
      Slot s = SlotByName(key);
      if (s == Slot::kNone || s == Slot::kSpan) {
        return RuleError(file, line, p.name, "unknown key", key);
      }
      if (!ApplySlot(s, value, lexicons, &rule->fixed)) {
        return RuleError(file, line, p.name, "bad value for " + key, value);
      }
    }
  }
  if (!has_pattern) return RuleError(file, p.line, p.name, "rule has no pattern", "");
  if (!has_type) return RuleError(file, p.line, p.name, "rule has no type", "");
  return Status::Ok();
}

}  // namespace

Slot SlotByName(std::string_view name) {
  for (const auto& s : kSlotNames) {
    if (name == s.name) return s.slot;
  }
  return Slot::kNone;
}

const std::string* Lexicons::Find(std::string_view name, std::string_view surface) const {
  auto l = by_name.find(std::string(name));
  if (l == by_name.end()) return nullptr;
  auto e = l->second.entries.find(Normalize(surface));
  return e == l->second.entries.end() ? nullptr : &e->second;
}

bool ParseNumber(std::string_view text, const Lexicons& lex, double* out) {
  std::string n = Normalize(text);
  if (n.empty()) return false;
  // Digits with thousands separators or a decimal point.
  if (std::isdigit(static_cast<unsigned char>(n[0]))) {
    std::string digits;
    for (char c : n) {
      if (c == ',') continue;
      if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return false;
      digits.push_back(c);
    }
    char* end = nullptr;
    *out = std::strtod(digits.c_str(), &end);
    return end != nullptr && *end == '\0';
  }
  // Number words: "twenty-four", "two hundred and fifty", "nineteen
  // ninety-six" (a year said in two parts).
  std::vector<std::string> words;
  std::string cur;
  for (char c : n) {
    if (c == ' ' || c == '-') {
      if (!cur.empty()) words.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(cur);
  double total = 0, group = 0;
  std::vector<double> parts;  // for "nineteen ninety-six"
  bool last_was_small = false;
  int small_groups = 0;
  for (const std::string& w : words) {
    if (w == "and") continue;
    const std::string* v = lex.Find("number", w);
    if (v == nullptr) return false;
    double x = std::strtod(v->c_str(), nullptr);
    if (x == 100) {
      group = (group == 0 ? 1 : group) * 100;
      last_was_small = false;
    } else if (x >= 1000) {
      total += (group == 0 ? 1 : group) * x;
      group = 0;
      last_was_small = false;
    } else {
      // "nineteen ninety": a new small group after a complete one.
      bool complete = group >= 10 && (static_cast<int>(group) % 10 != 0 || group < 20 || x >= 10);
      if (last_was_small && complete && group < 100) {
        parts.push_back(group);
        group = 0;
        ++small_groups;
      }
      group += x;
      last_was_small = true;
    }
  }
  if (!parts.empty()) {
    if (parts.size() != 1 || total != 0) return false;
    *out = parts[0] * 100 + group;
    return true;
  }
  *out = total + group;
  return true;
}

bool ApplySlot(Slot slot, std::string_view text, const Lexicons& lex, TimexValue* v) {
  int n = 0;
  switch (slot) {
    case Slot::kNone:
    case Slot::kSpan:
      return true;
    case Slot::kYear: {
      std::string t = Normalize(text);
      if (!t.empty() && (t[0] == '\'' || t[0] == '`' || static_cast<unsigned char>(t[0]) == 0xE2)) {
        // '98 (also with a typographic apostrophe, 3 bytes).
        size_t i = t[0] == '\'' || t[0] == '`' ? 1 : 3;
        if (!ParseInt(std::string_view(t).substr(i), &n) || n > 99) return false;
        v->year = n;
        v->year_two_digit = true;
        return true;
      }
      if (t.size() == 2 && std::isdigit(static_cast<unsigned char>(t[0])) &&
          std::isdigit(static_cast<unsigned char>(t[1]))) {
        v->year = (t[0] - '0') * 10 + (t[1] - '0');
        v->year_two_digit = true;
        return true;
      }
      double d = 0;
      if (!ParseNumber(t, lex, &d) || d < 1 || d > 9999 || d != std::floor(d)) return false;
      v->year = static_cast<int>(d);
      v->year_two_digit = false;
      return true;
    }
    case Slot::kMonth:
      if (const std::string* m = lex.Find("month", text)) return ParseInt(*m, &v->month);
      if (!ParseInt(text, &n) || n < 1 || n > 12) return false;
      v->month = n;
      return true;
    case Slot::kDay:
      if (!SmallNumber(text, lex, &n) || n < 1 || n > 31) return false;
      v->day = n;
      return true;
    case Slot::kWeekday:
      if (const std::string* w = lex.Find("weekday", text)) return ParseInt(*w, &v->weekday);
      return false;
    case Slot::kHour:
      if (const std::string* h = lex.Find("hourword", text)) return ParseInt(*h, &v->hour);
      if (!SmallNumber(text, lex, &n) || n > 24) return false;
      v->hour = n;
      return true;
    case Slot::kMinute:
      if (!SmallNumber(text, lex, &n) || n > 59) return false;
      v->minute = n;
      return true;
    case Slot::kSecond:
      if (!SmallNumber(text, lex, &n) || n > 60) return false;
      v->second = n;
      return true;
    case Slot::kAmPm: {
      const std::string* a = lex.Find("ampm", text);
      if (a == nullptr) return false;
      if (v->hour < 0) return true;  // applied before the hour: see caller
      if (*a == "pm" && v->hour < 12) v->hour += 12;
      if (*a == "am" && v->hour == 12) v->hour = 0;
      return true;
    }
    case Slot::kDecade: {
      std::string t = Normalize(text);
      if (const std::string* d = lex.Find("decade", t)) {
        if (!ParseInt(*d, &n)) return false;
        v->decade = n;
        v->decade_short = true;
        return true;
      }
      while (!t.empty() && !std::isdigit(static_cast<unsigned char>(t[0]))) t.erase(0, 1);
      if (!t.empty() && t.back() == 's') t.pop_back();
      if (!t.empty() && (t.back() == '\'' || static_cast<unsigned char>(t.back()) == 0x99)) {
        t.erase(t.size() - (t.back() == '\'' ? 1 : 3));
      }
      if (!ParseInt(t, &n)) return false;
      if (t.size() == 4 && n % 100 == 0 && n < 2000) {
        // "the 1800s", "the 1900s": a century (TimeML "18"), not the
        // decade 1800-1809; "the 2000s" stays the decade.
        v->century = n / 100;
        v->decade = 0;
      } else if (t.size() == 4) {
        v->decade = n / 10;
        v->decade_short = false;
      } else if (t.size() == 2) {
        v->decade = n / 10;
        v->decade_short = true;
      } else {
        return false;
      }
      return true;
    }
    case Slot::kCentury:
      if (!SmallNumber(text, lex, &n) || n < 1 || n > 99) return false;
      v->century = n - 1;
      return true;
    case Slot::kQuarter:
      // "third", "3", or the month that ends it ("the December quarter").
      if (const std::string* q = lex.Find("quarterend", text)) {
        if (!ParseInt(*q, &n)) return false;
      } else if (!SmallNumber(text, lex, &n)) {
        return false;
      }
      if (n < 1 || n > 4) return false;
      v->quarter = n;
      return true;
    case Slot::kHalf:
      if (!SmallNumber(text, lex, &n) || n < 1 || n > 2) return false;
      v->half = n;
      return true;
    case Slot::kWeekOfMonth: {
      std::string t = Normalize(text);
      if (t == "last" || t == "final") {
        v->week_of_month = -1;
        return true;
      }
      if (!SmallNumber(text, lex, &n) || n < 1 || n > 5) return false;
      v->week_of_month = n;
      return true;
    }
    case Slot::kSeason:
      if (const std::string* s = lex.Find("season", text)) {
        v->season = *s;
        return true;
      }
      return false;
    case Slot::kPartOfDay:
      if (const std::string* s = lex.Find("pod", text)) {
        v->part_of_day = *s;
        return true;
      }
      if (text == "MO" || text == "AF" || text == "EV" || text == "NI" || text == "DT" || text == "MI") {
        v->part_of_day = std::string(text);
        return true;
      }
      return false;
    case Slot::kHoliday: {
      const std::string* s = lex.Find("holiday", text);
      HolidaySpec h;
      if (s == nullptr || !ParseHoliday(*s, &h)) return false;
      v->holiday = h;
      return true;
    }
    case Slot::kAmount: {
      double d = 0;
      if (ParseNumber(text, lex, &d)) {
        v->amount = d;
        v->has_amount = true;
        v->amount_unknown = false;
        return true;
      }
      const std::string* a = lex.Find("amount", text);
      if (a == nullptr) return false;
      v->has_amount = true;
      if (*a == "X") {
        v->amount_unknown = true;
        return true;
      }
      v->amount = std::strtod(a->c_str(), nullptr);
      return v->amount > 0;
    }
    case Slot::kFraction: {
      const std::string* a = lex.Find("fraction", text);
      if (a == nullptr) return false;
      if (!v->has_amount) {
        v->has_amount = true;
        v->amount = 0;
      }
      v->amount += std::strtod(a->c_str(), nullptr);
      return true;
    }
    case Slot::kUnit: {
      // A lexicon value may carry a multiple: "fortnight<TAB>week 2".
      const std::string* u = lex.Find("unit", text);
      if (u == nullptr) u = lex.Find("unitadverb", text);
      std::string name = u != nullptr ? *u : Normalize(text);
      int multiple = 1;
      if (size_t sp = name.find(' '); sp != std::string::npos) {
        if (!ParseInt(name.substr(sp + 1), &multiple) || multiple < 1) return false;
        name.erase(sp);
      }
      Unit unit = UnitByName(name);
      if (unit == Unit::kNone) return false;
      v->unit = unit;
      v->unit_multiple = multiple;
      return true;
    }
    case Slot::kShift:
      if (const std::string* s = lex.Find("shift", text)) {
        if (!ParseInt(*s, &n)) return false;
      } else if (!ParseInt(text, &n)) {
        return false;
      }
      v->shift = n;
      v->has_shift = true;
      return true;
    case Slot::kSign:
      if (const std::string* s = lex.Find("sign", text)) {
        if (!ParseInt(*s, &n)) return false;
      } else if (!ParseInt(text, &n)) {
        return false;
      }
      if (n != 1 && n != -1) return false;
      v->shift_sign = n;
      return true;
    case Slot::kMod:
      if (const std::string* m = lex.Find("mod", text)) {
        // NONE: a word the span takes in without a TimeML mod ("only").
        if (*m != "NONE") v->mod = *m;
        return true;
      }
      if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || c == '_';
          })) {
        v->mod = std::string(text);
        return true;
      }
      return false;
    case Slot::kFreq:
      if (const std::string* f = lex.Find("freq", text)) {
        v->freq = *f;
        return true;
      }
      {
        // "three times" -> 3X.
        std::string t = Normalize(text);
        size_t sp = t.rfind(' ');
        double d = 0;
        if (sp == std::string::npos || t.substr(sp + 1) != "times" ||
            !ParseNumber(t.substr(0, sp), lex, &d) || d < 1) {
          return false;
        }
        v->freq = fmt::format("{}X", static_cast<int>(d));
        return true;
      }
  }
  return false;
}

Status ParseRules(std::string_view content, const std::string& file_name,
                  const Lexicons& lexicons,
                  const std::unordered_map<std::string, std::string>& macros,
                  std::vector<CompiledRule>* rules) {
  std::vector<PendingRule> pending;
  int line_no = 0;
  size_t pos = 0;
  std::string_view raw;
  while (NextLine(content, &pos, &raw)) {
    ++line_no;
    std::string_view line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    bool indented = raw.front() == ' ' || raw.front() == '\t';
    size_t sp = line.find_first_of(" \t");
    std::string_view key = line.substr(0, sp);
    std::string_view value = sp == std::string_view::npos ? "" : Trim(line.substr(sp));
    if (!indented) {
      if (key != "rule" || value.empty()) {
        return RuleError(file_name, line_no, "", "expected 'rule NAME'", line);
      }
      for (const PendingRule& p : pending) {
        if (p.name == value) return RuleError(file_name, line_no, std::string(value), "duplicate rule name", value);
      }
      // Names are unique across files too (rules already in *rules come
      // from the files loaded before this one).
      for (const CompiledRule& r : *rules) {
        if (r.name == value) {
          return RuleError(file_name, line_no, std::string(value),
                           fmt::format("duplicate rule name (also at {}:{})", r.file, r.line), value);
        }
      }
      pending.push_back(PendingRule{.name = std::string(value), .line = line_no});
      continue;
    }
    if (pending.empty()) return RuleError(file_name, line_no, "", "key outside a rule", line);
    pending.back().keys.emplace_back(std::string(key), std::string(value));
    pending.back().key_lines.push_back(line_no);
  }
  for (const PendingRule& p : pending) {
    CompiledRule rule;
    Status s = CompileRule(p, file_name, lexicons, macros, &rule);
    if (!s.ok()) return s;
    rules->push_back(std::move(rule));
  }
  return Status::Ok();
}

Result<RuleSet> LoadRuleSet(const std::string& timex_dir) {
  RuleSet set;
  if (!IsDirectory(timex_dir)) return Error::Io("no timex rule directory", timex_dir);
  Result<std::vector<std::string>> lex_files = ListFiles(timex_dir + "/lexicon", {".tsv"});
  if (!lex_files.ok()) return lex_files.error();
  for (const std::string& path : lex_files.value()) {
    Result<std::string> content = ReadFile(path);
    if (!content.ok()) return content.error();
    Lexicon lex;
    Status s = ParseLexicon(content.value(), path, &lex);
    if (!s.ok()) return s.error();
    set.lexicons.by_name[Stem(path)] = std::move(lex);
  }
  // Tense cues are a lexicon too (word -> PAST / PRESENT / FUTURE).
  auto tc = set.lexicons.by_name.find("tense_cues");
  if (tc != set.lexicons.by_name.end()) {
    for (const auto& [word, tense] : tc->second.entries) {
      Tense t = tense == "PAST"      ? Tense::kPast
                : tense == "FUTURE"  ? Tense::kFuture
                : tense == "PRESENT" ? Tense::kPresent
                : tense == "NONE"    ? Tense::kUnknown
                                     : Tense::kUnknown;
      if (tense != "PAST" && tense != "FUTURE" && tense != "PRESENT" && tense != "NONE") {
        return Error::Model(fmt::format("tense cue '{}' has value '{}' (PAST, PRESENT, FUTURE or NONE)",
                                        word, tense),
                            timex_dir + "/lexicon/tense_cues.tsv");
      }
      set.tense_cues.Add(word, t);
    }
  }
  std::unordered_map<std::string, std::string> macros;
  std::string macro_path = timex_dir + "/macros.def";
  Result<std::string> macro_content = ReadFile(macro_path);
  if (!macro_content.ok()) return macro_content.error();
  Status ms = ParseMacros(macro_content.value(), macro_path, &macros);
  if (!ms.ok()) return ms.error();
  Result<std::vector<std::string>> rule_files = ListFiles(timex_dir + "/rules", {".rules"});
  if (!rule_files.ok()) return rule_files.error();
  for (const std::string& path : rule_files.value()) {
    Result<std::string> content = ReadFile(path);
    if (!content.ok()) return content.error();
    Status s = ParseRules(content.value(), path, set.lexicons, macros, &set.rules);
    if (!s.ok()) return s.error();
  }
  if (set.rules.empty()) return Error::Model("no rules found", timex_dir + "/rules");
  return set;
}

}  // namespace chronicle
