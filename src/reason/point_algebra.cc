#include "reason/point_algebra.h"

#include <cctype>

namespace chronicle {
namespace {

// Composition of basic relations: row a ? b, column b ? c, indexed by bit
// position (0 '<', 1 '=', 2 '>').
constexpr PointRel kBasicCompose[3][3] = {
    {kLt, kLt, kAll},
    {kLt, kEq, kGt},
    {kAll, kGt, kGt},
};

constexpr std::array<std::array<PointRel, 8>, 8> BuildComposeTable() {
  std::array<std::array<PointRel, 8>, 8> t{};
  for (int r = 0; r < 8; ++r) {
    for (int s = 0; s < 8; ++s) {
      PointRel out = 0;
      for (int a = 0; a < 3; ++a) {
        if (!(r & (1 << a))) continue;
        for (int b = 0; b < 3; ++b) {
          if (s & (1 << b)) out |= kBasicCompose[a][b];
        }
      }
      t[r][s] = out;
    }
  }
  return t;
}

constexpr auto kComposeTable = BuildComposeTable();

struct RelInfo {
  std::string_view name;
  TimeMLRel inverse;
  IntervalRelation points;  // x-?y-, x-?y+, x+?y-, x+?y+
};

// Indexed by TimeMLRel. The endpoint relations follow Allen (1983) with the
// TimeML names: IBEFORE is "meets", BEGINS "starts", ENDS "finishes",
// IS_INCLUDED "during" (strict on both ends), SIMULTANEOUS "equals".
constexpr RelInfo kRelInfo[kTimeMLRelCount] = {
    {"BEFORE", TimeMLRel::kAfter, {{kLt, kLt, kLt, kLt}}},
    {"AFTER", TimeMLRel::kBefore, {{kGt, kGt, kGt, kGt}}},
    {"INCLUDES", TimeMLRel::kIsIncluded, {{kLt, kLt, kGt, kGt}}},
    {"IS_INCLUDED", TimeMLRel::kIncludes, {{kGt, kLt, kGt, kLt}}},
    {"DURING", TimeMLRel::kDuringInv, {{kEq, kLt, kGt, kEq}}},
    {"DURING_INV", TimeMLRel::kDuring, {{kEq, kLt, kGt, kEq}}},
    {"SIMULTANEOUS", TimeMLRel::kSimultaneous, {{kEq, kLt, kGt, kEq}}},
    {"IDENTITY", TimeMLRel::kIdentity, {{kEq, kLt, kGt, kEq}}},
    {"IAFTER", TimeMLRel::kIBefore, {{kGt, kEq, kGt, kGt}}},
    {"IBEFORE", TimeMLRel::kIAfter, {{kLt, kLt, kEq, kLt}}},
    {"BEGINS", TimeMLRel::kBegunBy, {{kEq, kLt, kGt, kLt}}},
    {"BEGUN_BY", TimeMLRel::kBegins, {{kEq, kLt, kGt, kGt}}},
    {"ENDS", TimeMLRel::kEndedBy, {{kGt, kLt, kGt, kEq}}},
    {"ENDED_BY", TimeMLRel::kEnds, {{kLt, kLt, kGt, kEq}}},
};

// The relations FromPoints may answer, in the order it tries them.
constexpr TimeMLRel kCanonical[] = {
    TimeMLRel::kBefore,  TimeMLRel::kAfter,   TimeMLRel::kIncludes,
    TimeMLRel::kIsIncluded, TimeMLRel::kSimultaneous, TimeMLRel::kIAfter,
    TimeMLRel::kIBefore, TimeMLRel::kBegins,  TimeMLRel::kBegunBy,
    TimeMLRel::kEnds,    TimeMLRel::kEndedBy,
};

}  // namespace

PointRel Compose(PointRel r, PointRel s) { return kComposeTable[r & 7][s & 7]; }

std::string_view PointRelName(PointRel r) {
  switch (r & 7) {
    case kNone: return "{}";
    case kLt: return "<";
    case kEq: return "=";
    case kGt: return ">";
    case kLe: return "<=";
    case kGe: return ">=";
    case kNe: return "!=";
    default: return "?";
  }
}

std::optional<TimeMLRel> ParseTimeMLRel(std::string_view name) {
  for (int i = 0; i < kTimeMLRelCount; ++i) {
    std::string_view want = kRelInfo[i].name;
    if (want.size() != name.size()) continue;
    bool same = true;
    for (size_t k = 0; k < want.size() && same; ++k) {
      same = std::toupper(static_cast<unsigned char>(name[k])) == want[k];
    }
    if (same) return static_cast<TimeMLRel>(i);
  }
  return std::nullopt;
}

std::string_view TimeMLRelName(TimeMLRel r) { return kRelInfo[static_cast<int>(r)].name; }

TimeMLRel Inverse(TimeMLRel r) { return kRelInfo[static_cast<int>(r)].inverse; }

TimeMLRel Normalize(TimeMLRel r) {
  switch (r) {
    case TimeMLRel::kIdentity:
    case TimeMLRel::kDuring:
    case TimeMLRel::kDuringInv:
      return TimeMLRel::kSimultaneous;
    default:
      return r;
  }
}

IntervalRelation ToPoints(TimeMLRel r) { return kRelInfo[static_cast<int>(r)].points; }

std::optional<TimeMLRel> FromPoints(const IntervalRelation& pts) {
  for (TimeMLRel r : kCanonical) {
    if (kRelInfo[static_cast<int>(r)].points == pts) return r;
  }
  return std::nullopt;
}

std::string IntervalRelationString(const IntervalRelation& pts) {
  std::string out = "{";
  for (int i = 0; i < 4; ++i) {
    if (i) out += ',';
    out += PointRelName(pts.p[i]);
  }
  out += '}';
  return out;
}

}  // namespace chronicle
