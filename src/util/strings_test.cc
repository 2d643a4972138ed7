#include "util/strings.h"

#include <gtest/gtest.h>

namespace chronicle {
namespace {

using Fields = std::vector<std::string_view>;

TEST(SplitFieldsTest, RunsOfBlanksSeparateFields) {
  EXPECT_EQ(SplitFields("a  b\tc"), (Fields{"a", "b", "c"}));
  EXPECT_EQ(SplitFields("  lead and trail\t "), (Fields{"lead", "and", "trail"}));
  EXPECT_EQ(SplitFields(""), Fields{});
  EXPECT_EQ(SplitFields(" \t "), Fields{});
}

TEST(SplitFieldsTest, BlanksCanBeChosen) {
  EXPECT_EQ(SplitFields("a b\tc", " "), (Fields{"a", "b\tc"}));
}

}  // namespace
}  // namespace chronicle
