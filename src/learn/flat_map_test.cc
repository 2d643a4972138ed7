#include "learn/flat_map.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>

namespace chronicle {
namespace {

TEST(FlatU32MapTest, EmptyFindsNothing) {
  FlatU32Map m;
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.capacity(), 0u);
  EXPECT_EQ(m.Find(0), nullptr);
  EXPECT_EQ(m.Find(12345), nullptr);
  EXPECT_EQ(m.Get(7, 99u), 99u);
  EXPECT_FALSE(m.Contains(0));
  int calls = 0;
  m.ForEach([&](uint32_t, uint32_t) { ++calls; });
  EXPECT_EQ(calls, 0);
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
  m.Insert(0, 8);
  EXPECT_EQ(m.size(), 3u);
  EXPECT_EQ(m.Get(5, 99u), 51u);
  EXPECT_EQ(m.Get(0, 99u), 8u);
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

// The same random workload for every key type: inserts (with repeats),
// operator[] updates, then lookups of present and absent keys, all checked
// against std::unordered_map; ForEach must visit exactly the reference's
// entries once each.
template <class Key>
class FlatMapTypedTest : public ::testing::Test {};
using KeyTypes = ::testing::Types<uint32_t, uint64_t, int32_t, int64_t, uint16_t, int8_t>;
TYPED_TEST_SUITE(FlatMapTypedTest, KeyTypes);

template <class Key>
Key RandomKey(std::mt19937_64& rng, int mode) {
  using U = std::make_unsigned_t<Key>;
  const uint64_t r = rng();
  switch (mode) {
    case 0:  // anything
      return static_cast<Key>(static_cast<U>(r));
    case 1:  // small values, including 0 and negatives for signed types
      return static_cast<Key>(static_cast<int64_t>(r % 64) - 32);
    case 2:  // only high bits set: same low bits, worst case for low-bit hashing
      return static_cast<Key>(static_cast<U>(r << (sizeof(Key) * 8 > 8 ? sizeof(Key) * 8 - 8 : 0)));
    default:  // extremes
      return (r & 1) ? std::numeric_limits<Key>::max() : std::numeric_limits<Key>::min();
  }
}

TYPED_TEST(FlatMapTypedTest, SameAnswersAsUnorderedMap) {
  using Key = TypeParam;
  std::mt19937_64 rng(17);
  // Unsigned values: the += below wraps, which signed overflow must not.
  const uint64_t kMissing = ~uint64_t{6};
  std::unordered_map<Key, uint64_t> want;
  FlatMap<Key, uint64_t> got;
  const int n = sizeof(Key) == 1 ? 2000 : 40000;
  for (int i = 0; i < n; ++i) {
    Key k = RandomKey<Key>(rng, i % 4);
    uint64_t v = rng();
    if (i % 3 == 0) {
      want[k] += v;
      got[k] += v;
    } else {
      want[k] = v;
      got.Insert(k, v);
    }
  }
  ASSERT_EQ(got.size(), want.size());
  // At most half full, capacity a power of two.
  EXPECT_LE(2 * got.size(), got.capacity() + 2);
  EXPECT_EQ(got.capacity() & (got.capacity() - 1), 0u);
  for (const auto& [k, v] : want) {
    const uint64_t* p = got.Find(k);
    ASSERT_NE(p, nullptr) << static_cast<int64_t>(k);
    ASSERT_EQ(*p, v);
  }
  for (int i = 0; i < 100000; ++i) {
    Key k = RandomKey<Key>(rng, i % 4);
    auto it = want.find(k);
    if (it == want.end()) {
      ASSERT_EQ(got.Find(k), nullptr) << static_cast<int64_t>(k);
      ASSERT_EQ(got.Get(k, kMissing), kMissing);
    } else {
      ASSERT_EQ(got.Get(k, kMissing), it->second);
    }
  }
  std::unordered_map<Key, uint64_t> seen;
  got.ForEach([&](Key k, const uint64_t& v) {
    EXPECT_TRUE(seen.emplace(k, v).second) << "visited twice: " << static_cast<int64_t>(k);
  });
  EXPECT_EQ(seen, want);

  // Built from the reference in one go: the same answers.
  FlatMap<Key, uint64_t> built(want);
  ASSERT_EQ(built.size(), want.size());
  for (const auto& [k, v] : want) ASSERT_EQ(built.Get(k, ~v), v);
}

TYPED_TEST(FlatMapTypedTest, EdgeKeys) {
  using Key = TypeParam;
  const Key edges[] = {Key{0},
                       Key{1},
                       static_cast<Key>(-1),
                       std::numeric_limits<Key>::max(),
                       std::numeric_limits<Key>::min(),
                       static_cast<Key>(std::numeric_limits<Key>::max() - 1)};
  FlatMap<Key, int> m;
  std::map<Key, int> want;
  int v = 0;
  for (Key k : edges) {
    m.Insert(k, ++v);
    want[k] = v;
  }
  EXPECT_EQ(m.size(), want.size());
  for (const auto& [k, val] : want) EXPECT_EQ(m.Get(k, -1), val) << static_cast<int64_t>(k);
  EXPECT_EQ(m.Find(Key{2}), nullptr);
}

TEST(FlatMapTest, ZeroKeyIsAnOrdinaryEntry) {
  FlatMap<uint64_t, int> m;
  EXPECT_EQ(m.Find(0), nullptr);
  EXPECT_EQ(m[0], 0);  // inserted default-constructed
  EXPECT_EQ(m.size(), 1u);
  ASSERT_NE(m.Find(0), nullptr);
  m[0] += 5;
  EXPECT_EQ(m.Get(0, -1), 5);
  *m.Find(0) = 6;
  EXPECT_EQ(m.Get(0, -1), 6);
  int visits = 0;
  m.ForEach([&](uint64_t k, int val) {
    EXPECT_EQ(k, 0u);
    EXPECT_EQ(val, 6);
    ++visits;
  });
  EXPECT_EQ(visits, 1);
  m.Clear();
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.Find(0), nullptr);
}

TEST(FlatMapTest, ReserveAvoidsRehashAndGrowthKeepsEntries) {
  FlatMap<uint64_t, uint32_t> m;
  m.Reserve(1000);
  const size_t cap = m.capacity();
  EXPECT_GE(cap, 2000u);
  for (uint64_t i = 1; i <= 1000; ++i) m.Insert(i * 0x100000000ULL, static_cast<uint32_t>(i));
  EXPECT_EQ(m.capacity(), cap);  // no rehash while filling the reservation
  EXPECT_EQ(m.MemoryBytes(), cap * 16);
  // Growing past it keeps every entry, through several doublings.
  for (uint64_t i = 1001; i <= 20000; ++i) m.Insert(i * 0x100000000ULL, static_cast<uint32_t>(i));
  EXPECT_GT(m.capacity(), cap);
  EXPECT_EQ(m.size(), 20000u);
  for (uint64_t i = 1; i <= 20000; ++i) ASSERT_EQ(m.Get(i * 0x100000000ULL, 0), i);
  EXPECT_EQ(m.Find(20001 * 0x100000000ULL), nullptr);
  // Reserving less than present is a no-op.
  const size_t big = m.capacity();
  m.Reserve(10);
  EXPECT_EQ(m.capacity(), big);
}

TEST(FlatMapTest, NonTrivialValues) {
  FlatMap<uint32_t, std::string> m;
  for (uint32_t i = 0; i < 3000; ++i) m.Insert(i * 7919u, "value " + std::to_string(i));
  m[7919u * 5] += "!";
  EXPECT_EQ(m.size(), 3000u);
  EXPECT_EQ(m.Get(0, "none"), "value 0");
  EXPECT_EQ(m.Get(7919u * 5, "none"), "value 5!");
  EXPECT_EQ(m.Get(7919u * 2999, "none"), "value 2999");
  EXPECT_EQ(m.Get(1, "none"), "none");
  FlatMap<uint32_t, std::vector<int>> vecs;
  vecs[3].push_back(1);
  vecs[3].push_back(2);
  ASSERT_NE(vecs.Find(3), nullptr);
  EXPECT_EQ(vecs.Find(3)->size(), 2u);
}

TEST(FlatMapTest, CopyAndMoveKeepEntries) {
  FlatMap<int64_t, int> a;
  for (int i = -500; i < 500; ++i) a.Insert(i, i * 2);
  FlatMap<int64_t, int> b = a;
  FlatMap<int64_t, int> c = std::move(a);
  for (int i = -500; i < 500; ++i) {
    ASSERT_EQ(b.Get(i, 1), i * 2);
    ASSERT_EQ(c.Get(i, 1), i * 2);
  }
  b.Insert(1, 0);
  EXPECT_EQ(c.Get(1, 7), 2);  // copies are independent
}

// The same sequence of inserts gives the same iteration order; another
// insertion order gives the same entries.
TEST(FlatMapTest, DeterministicOrder) {
  std::mt19937_64 rng(5);
  std::vector<uint64_t> keys(5000);
  for (auto& k : keys) k = rng() % 100000;
  auto order_of = [](const std::vector<uint64_t>& ks) {
    FlatMap<uint64_t, int> m;
    for (size_t i = 0; i < ks.size(); ++i) m.Insert(ks[i], static_cast<int>(ks[i] % 1000));
    std::vector<std::pair<uint64_t, int>> out;
    m.ForEach([&](uint64_t k, int v) { out.emplace_back(k, v); });
    return out;
  };
  auto first = order_of(keys);
  EXPECT_EQ(order_of(keys), first);
  std::vector<uint64_t> reversed(keys.rbegin(), keys.rend());
  auto other = order_of(reversed);
  std::sort(first.begin(), first.end());
  std::sort(other.begin(), other.end());
  EXPECT_EQ(first, other);
}

TEST(FlatMapTest, BuildsFromOrderedMap) {
  std::map<int32_t, float> src = {{-3, 1.5f}, {0, 2.5f}, {42, -1.0f}};
  FlatMap<int32_t, float> m(src);
  EXPECT_EQ(m.size(), 3u);
  EXPECT_EQ(m.Get(-3, 0.0f), 1.5f);
  EXPECT_EQ(m.Get(0, 0.0f), 2.5f);
  EXPECT_EQ(m.Get(42, 0.0f), -1.0f);
  EXPECT_FALSE(m.Contains(41));
}

}  // namespace
}  // namespace chronicle
