#include "learn/flat_map.h"

#include <random>
#include <unordered_map>

#include <gtest/gtest.h>

namespace chronicle {
namespace {

TEST(FlatU32MapTest, EmptyFindsNothing) {
  FlatU32Map m;
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.Find(0), nullptr);
  EXPECT_EQ(m.Find(12345), nullptr);
  EXPECT_EQ(m.Get(7, 99u), 99u);
}

TEST(FlatU32MapTest, InsertFindAndReplace) {
  FlatU32Map m;
  m.Insert(5, 50);
  m.Insert(0, 7);  // key 0 is allowed
  m.Insert(0xffffffffu, 1);
  EXPECT_EQ(m.size(), 3u);
  ASSERT_NE(m.Find(5), nullptr);
  EXPECT_EQ(*m.Find(5), 50u);
  EXPECT_EQ(m.Get(0, 99u), 7u);
  EXPECT_EQ(m.Get(0xffffffffu, 99u), 1u);
  EXPECT_EQ(m.Get(6, 99u), 99u);
  m.Insert(5, 51);
  EXPECT_EQ(m.size(), 3u);
  EXPECT_EQ(m.Get(5, 99u), 51u);
}

// Against std::unordered_map on many keys (growing through rehashes, with
// keys that collide on their home slot) and many absent ones.
TEST(FlatU32MapTest, SameAnswersAsUnorderedMap) {
  std::mt19937 rng(3);
  std::unordered_map<uint32_t, uint32_t> want;
  FlatU32Map grown;
  for (int i = 0; i < 50000; ++i) {
    // Half the keys share their low bits (same home slot in small tables).
    uint32_t k = i % 2 ? static_cast<uint32_t>(rng()) : static_cast<uint32_t>(rng() % 512) << 20;
    uint32_t v = static_cast<uint32_t>(rng());
    want[k] = v;
    grown.Insert(k, v);
  }
  FlatU32Map built(want);
  EXPECT_EQ(grown.size(), want.size());
  EXPECT_EQ(built.size(), want.size());
  for (const auto& [k, v] : want) {
    ASSERT_EQ(grown.Get(k, ~v), v) << k;
    ASSERT_EQ(built.Get(k, ~v), v) << k;
  }
  for (int i = 0; i < 200000; ++i) {
    uint32_t k = static_cast<uint32_t>(rng());
    auto it = want.find(k);
    const uint32_t* got = built.Find(k);
    if (it == want.end()) {
      ASSERT_EQ(got, nullptr) << k;
    } else {
      ASSERT_NE(got, nullptr);
      ASSERT_EQ(*got, it->second);
    }
  }
}

}  // namespace
}  // namespace chronicle
