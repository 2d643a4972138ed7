#include "reason/point_algebra.h"

#include <gtest/gtest.h>

namespace chronicle {
namespace {

TEST(PointAlgebra, ComposeBasicRelations) {
  EXPECT_EQ(Compose(kLt, kLt), kLt);
  EXPECT_EQ(Compose(kLt, kEq), kLt);
  EXPECT_EQ(Compose(kLt, kGt), kAll);
  EXPECT_EQ(Compose(kEq, kGt), kGt);
  EXPECT_EQ(Compose(kGt, kGe), kGt);
  EXPECT_EQ(Compose(kLe, kLe), kLe);
  EXPECT_EQ(Compose(kLe, kGe), kAll);
  EXPECT_EQ(Compose(kNone, kLt), kNone);
  EXPECT_EQ(Compose(kEq, kNe), kNe);
}

TEST(PointAlgebra, ConverseSwapsLessAndGreater) {
  EXPECT_EQ(Converse(kLt), kGt);
  EXPECT_EQ(Converse(kGe), kLe);
  EXPECT_EQ(Converse(kEq), kEq);
  EXPECT_EQ(Converse(kAll), kAll);
  EXPECT_EQ(Converse(kNone), kNone);
}

TEST(PointAlgebra, ParseAndNameRoundTrip) {
  for (int i = 0; i < kTimeMLRelCount; ++i) {
    TimeMLRel r = static_cast<TimeMLRel>(i);
    EXPECT_EQ(ParseTimeMLRel(TimeMLRelName(r)), r);
  }
  EXPECT_EQ(ParseTimeMLRel("is_included"), TimeMLRel::kIsIncluded);
  EXPECT_EQ(ParseTimeMLRel("BEFORE "), std::nullopt);
  EXPECT_EQ(ParseTimeMLRel("OVERLAP"), std::nullopt);
  EXPECT_EQ(ParseTimeMLRel(""), std::nullopt);
}

// Y ? X is X ? Y with the roles of the intervals swapped: the start/end
// pairs exchange places (x-?y+ becomes y-?x+) and every label is reversed.
TEST(PointAlgebra, InverseMatchesSwappedEndpoints) {
  for (int i = 0; i < kTimeMLRelCount; ++i) {
    TimeMLRel r = static_cast<TimeMLRel>(i);
    IntervalRelation p = ToPoints(r);
    IntervalRelation q = ToPoints(Inverse(r));
    EXPECT_EQ(q.p[kSS], Converse(p.p[kSS])) << TimeMLRelName(r);
    EXPECT_EQ(q.p[kSE], Converse(p.p[kES])) << TimeMLRelName(r);
    EXPECT_EQ(q.p[kES], Converse(p.p[kSE])) << TimeMLRelName(r);
    EXPECT_EQ(q.p[kEE], Converse(p.p[kEE])) << TimeMLRelName(r);
    EXPECT_EQ(Inverse(Inverse(r)), r);
  }
}

TEST(PointAlgebra, DefiningEndpoints) {
  EXPECT_EQ(ToPoints(TimeMLRel::kBefore).p[kES], kLt);
  EXPECT_EQ(ToPoints(TimeMLRel::kIBefore).p[kES], kEq);
  EXPECT_EQ(ToPoints(TimeMLRel::kIAfter).p[kSE], kEq);
  EXPECT_EQ(ToPoints(TimeMLRel::kBegins).p[kSS], kEq);
  EXPECT_EQ(ToPoints(TimeMLRel::kBegins).p[kEE], kLt);
  EXPECT_EQ(ToPoints(TimeMLRel::kEndedBy).p[kSS], kLt);
  EXPECT_EQ(ToPoints(TimeMLRel::kEndedBy).p[kEE], kEq);
  EXPECT_EQ(ToPoints(TimeMLRel::kIsIncluded).p[kSS], kGt);
  EXPECT_EQ(ToPoints(TimeMLRel::kIsIncluded).p[kEE], kLt);
}

TEST(PointAlgebra, FromPointsNamesCanonicalRelations) {
  for (int i = 0; i < kTimeMLRelCount; ++i) {
    TimeMLRel r = static_cast<TimeMLRel>(i);
    EXPECT_EQ(FromPoints(ToPoints(r)), Normalize(r)) << TimeMLRelName(r);
  }
  // Allen's "overlaps" has no TimeML name.
  EXPECT_EQ(FromPoints(IntervalRelation{{kLt, kLt, kGt, kLt}}), std::nullopt);
  // A disjunction names nothing either.
  EXPECT_EQ(FromPoints(IntervalRelation{{kLe, kLt, kGt, kLt}}), std::nullopt);
  EXPECT_EQ(FromPoints(IntervalRelation{}), std::nullopt);
}

TEST(PointAlgebra, NormalizeFoldsSimultaneousVariants) {
  EXPECT_EQ(Normalize(TimeMLRel::kDuring), TimeMLRel::kSimultaneous);
  EXPECT_EQ(Normalize(TimeMLRel::kDuringInv), TimeMLRel::kSimultaneous);
  EXPECT_EQ(Normalize(TimeMLRel::kIdentity), TimeMLRel::kSimultaneous);
  EXPECT_EQ(Normalize(TimeMLRel::kIncludes), TimeMLRel::kIncludes);
  EXPECT_EQ(IntervalRelationString(ToPoints(TimeMLRel::kIBefore)), "{<,<,=,<}");
}

}  // namespace
}  // namespace chronicle
