// Point algebra and the TimeML interval relations expressed in it.
//
// Every TimeML TLINK relation is an Allen interval relation between two
// intervals X = [x-, x+] and Y = [y-, y+] with x- < x+ and y- < y+ (TimeML
// entities are proper intervals; the TempEval-3 timegraph assumes the same).
// An Allen relation is fixed by the four relations between endpoints
// (x- ? y-, x- ? y+, x+ ? y-, x+ ? y+), each one of <, =, >. Reasoning
// happens over endpoints with sets of {<, =, >} (PointRel, 3 bits), which is
// cheap and exact: TimeML relations only produce convex point relations, for
// which path consistency decides consistency and gives minimal labels
// (van Beek 1992).
//
//   std::optional<TimeMLRel> r = ParseTimeMLRel("IS_INCLUDED");
//   IntervalRelation pts = ToPoints(*r);   // {>, <, >, <}
//   FromPoints(pts) == TimeMLRel::kIsIncluded;
//   Compose(kLt, kLe) == kLt;
//
// Normalization (TempEval-3's scorer does the same, see docs/evaluation.md):
// IDENTITY, DURING and DURING_INV are point-for-point SIMULTANEOUS here, so
// FromPoints never returns them. All functions are pure and thread-safe.
#ifndef CHRONICLE_REASON_POINT_ALGEBRA_H_
#define CHRONICLE_REASON_POINT_ALGEBRA_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chronicle {

// A set of basic point relations, one bit each. 0 is the empty set
// (contradiction), kAll "no information".
using PointRel = uint8_t;
inline constexpr PointRel kNone = 0;
inline constexpr PointRel kLt = 1;
inline constexpr PointRel kEq = 2;
inline constexpr PointRel kGt = 4;
inline constexpr PointRel kLe = kLt | kEq;
inline constexpr PointRel kGe = kGt | kEq;
inline constexpr PointRel kNe = kLt | kGt;
inline constexpr PointRel kAll = kLt | kEq | kGt;

// The relation of b to a when a r b holds: swaps < and >.
constexpr PointRel Converse(PointRel r) {
  return static_cast<PointRel>((r & kEq) | ((r & kLt) << 2) | ((r & kGt) >> 2));
}

// a (r ; s) c: every relation a ? c possible when a r b and b s c.
PointRel Compose(PointRel r, PointRel s);

// "<", "<=", "=", ">=", ">", "!=", "?" (all), "{}" (empty).
std::string_view PointRelName(PointRel r);

// The TimeML 1.2 relTypes.
enum class TimeMLRel : uint8_t {
  kBefore,
  kAfter,
  kIncludes,
  kIsIncluded,
  kDuring,
  kDuringInv,
  kSimultaneous,
  kIdentity,
  kIAfter,
  kIBefore,
  kBegins,
  kBegunBy,
  kEnds,
  kEndedBy,
};
inline constexpr int kTimeMLRelCount = 14;

// Case-insensitive; nullopt for anything that is not a TimeML relType.
std::optional<TimeMLRel> ParseTimeMLRel(std::string_view name);
// "BEFORE", "IS_INCLUDED", ...
std::string_view TimeMLRelName(TimeMLRel r);
// The relation of Y to X when X r Y: BEFORE <-> AFTER, INCLUDES <->
// IS_INCLUDED, ...; SIMULTANEOUS and IDENTITY are their own inverse.
TimeMLRel Inverse(TimeMLRel r);
// IDENTITY, DURING, DURING_INV -> SIMULTANEOUS; every other relation is
// returned unchanged. This is the form the evaluator compares.
TimeMLRel Normalize(TimeMLRel r);

// Relations between the endpoints of X and Y, in the order
// x- ? y-, x- ? y+, x+ ? y-, x+ ? y+.
struct IntervalRelation {
  std::array<PointRel, 4> p{kAll, kAll, kAll, kAll};
  friend bool operator==(const IntervalRelation&, const IntervalRelation&) = default;
};
inline constexpr int kSS = 0, kSE = 1, kES = 2, kEE = 3;

// The endpoint relations of X r Y, closed under x- < x+ and y- < y+ (all four
// are given, not only the defining ones).
IntervalRelation ToPoints(TimeMLRel r);
// The TimeML relation whose endpoint relations are exactly `pts`, or nullopt
// (an Allen relation TimeML has no name for, such as "overlaps", or a
// disjunction). Never returns IDENTITY, DURING or DURING_INV.
std::optional<TimeMLRel> FromPoints(const IntervalRelation& pts);
// "{<,<,=,<}" — for messages and test failures.
std::string IntervalRelationString(const IntervalRelation& pts);

}  // namespace chronicle

#endif  // CHRONICLE_REASON_POINT_ALGEBRA_H_
