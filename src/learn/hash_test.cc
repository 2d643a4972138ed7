#include "learn/hash.h"

#include <gtest/gtest.h>

namespace chronicle {
namespace {

// Golden values: published FNV-1a 64 test vectors, plus values computed
// independently (Python) for non-ASCII bytes and the combining functions.
// If one of these changes, every shipped model silently breaks.
TEST(HashTest, GoldenValues) {
  EXPECT_EQ(HashBytes(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(HashBytes("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(HashBytes("foobar"), 0x85944171f73967e8ULL);
  EXPECT_EQ(HashBytes("caf\xc3\xa9"), 0x48e8823acfa40d89ULL);
  EXPECT_EQ(HashBytes("\xff\x80"), 0x0a9a2607b6f6e56aULL);  // bytes read as unsigned
  EXPECT_EQ(HashCombine(3, HashBytes("ing")), 0x07bfa2133ab3a48fULL);
  EXPECT_EQ(FeatureKey(HashCombine(3, HashBytes("ing"))), 0x3d0c069cu);
}

TEST(HashTest, IncrementalEqualsWhole) {
  uint64_t h = HashBytes("foo");
  h = HashByte(h, 'b');
  EXPECT_EQ(HashBytes("ar", h), HashBytes("foobar"));
}

TEST(HashTest, FeatureKeyIsNeverZero) {
  EXPECT_EQ(FeatureKey(0), 1u);
  EXPECT_EQ(FeatureKey(0x1234567812345678ULL), 1u);
}

}  // namespace
}  // namespace chronicle
