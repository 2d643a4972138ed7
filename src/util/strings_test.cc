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

Fields Lines(std::string_view text) {
  Fields out;
  size_t pos = 0;
  std::string_view line;
  while (NextLine(text, &pos, &line)) out.push_back(line);
  return out;
}

TEST(NextLineTest, SplitsAtNewlines) {
  EXPECT_EQ(Lines("a\nbb\n\nc"), (Fields{"a", "bb", "", "c"}));
  EXPECT_EQ(Lines("a\n"), (Fields{"a"}));
  EXPECT_EQ(Lines("a\r\nb"), (Fields{"a\r", "b"}));
  EXPECT_EQ(Lines(""), Fields{});
  EXPECT_EQ(Lines("\n"), (Fields{""}));
}

}  // namespace
}  // namespace chronicle
