#include "util/utf8.h"

#include <string>

#include <gtest/gtest.h>

namespace chronicle {
namespace {

TEST(Utf8, ValidatesAndLocatesTheFirstBadByte) {
  size_t bad = 99;
  EXPECT_TRUE(IsValidUtf8("plain ascii text that is long enough", &bad));
  EXPECT_TRUE(IsValidUtf8("2018\xE2\x80\x99s caf\xC3\xA9 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("abc\xFFxyz", &bad));
  EXPECT_EQ(bad, 3u);
  EXPECT_FALSE(IsValidUtf8("ab\xC0\xAF", &bad));  // overlong
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80", &bad));  // surrogate
  EXPECT_FALSE(IsValidUtf8("abcdefghij\xE2\x80", &bad));  // truncated
  EXPECT_EQ(bad, 10u);
}

TEST(Utf8, OffsetMapConvertsBothWays) {
  std::string s = "a\xE2\x80\x99" "b\xF0\x9F\x98\x80" "c";  // a ’ b 😀 c
  OffsetMap m(s);
  EXPECT_EQ(m.ToCodePoint(0), 0u);
  EXPECT_EQ(m.ToCodePoint(1), 1u);
  EXPECT_EQ(m.ToCodePoint(4), 2u);
  EXPECT_EQ(m.ToCodePoint(5), 3u);
  EXPECT_EQ(m.ToCodePoint(9), 4u);
  EXPECT_EQ(m.ToCodePoint(10), 5u);
  EXPECT_EQ(m.ToByte(3), 5u);
  EXPECT_EQ(m.ToByte(5), 10u);
  EXPECT_EQ(m.ToByte(6), UINT32_MAX);
  OffsetMap ascii("hello");
  EXPECT_EQ(ascii.ToByte(5), 5u);
  EXPECT_EQ(ascii.ToCodePoint(3), 3u);
}

TEST(Utf8, LineColumnAndLine) {
  std::string s = "first\nsec\xC3\xA9nd line\nthird";
  LineCol lc = LineColumnAt(s, 11);  // the n after the é
  EXPECT_EQ(lc.line, 2);
  EXPECT_EQ(lc.column, 5);
  EXPECT_EQ(LineAt(s, 12), "sec\xC3\xA9nd line");
  EXPECT_EQ(LineAt(s, 0), "first");
  EXPECT_EQ(LineAt(s, s.size()), "third");
}

TEST(Utf8, DecodeAndEncode) {
  std::string out;
  AppendUtf8(U'\u2019', &out);
  AppendUtf8(U'\U0001F600', &out);
  size_t i = 0;
  EXPECT_EQ(DecodeUtf8(out, &i), U'\u2019');
  EXPECT_EQ(DecodeUtf8(out, &i), U'\U0001F600');
  EXPECT_EQ(i, out.size());
  std::string bad = "\xFF";
  i = 0;
  EXPECT_EQ(DecodeUtf8(bad, &i), U'\uFFFD');
  EXPECT_EQ(i, 1u);
}

}  // namespace
}  // namespace chronicle
