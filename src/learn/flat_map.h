// A read-mostly open-addressing hash map from integral keys (8 to 64 bits,
// signed or unsigned) to values, for the lookup tables the models consult
// once or more per token (a word's ambiguity class, clusters, sure tag,
// lemma exceptions, priors): one flat array of {key, value} slots, linear
// probing, at most half full, Fibonacci hashing (one multiply and a shift),
// so a lookup usually touches one cache line (std::unordered_map: a
// division, a bucket array and a list node).
//
// The main use is "build once, then read-only lookups":
//
//   FlatMap<uint64_t, float> prior;
//   prior.Reserve(n);                          // optional
//   prior.Insert(key, 0.5f);                   // or prior[key] += 1.0f
//   if (const float* p = prior.Find(key)) use(*p);   // nullptr when absent
//   float v = prior.Get(key, /*missing=*/0.0f);
//   prior.ForEach([](uint64_t k, const float& v) { ... });
//
//   FlatU32Map m(some_unordered_map);          // = FlatMap<uint32_t, uint32_t>
//
// Empty-key policy: EVERY key value is allowed. Key{} (0) marks empty slots
// internally, so an entry with key 0 is kept aside in its own field; callers
// never see the difference.
//
// Determinism: no seeds, no addresses in the hash. The layout, and therefore
// ForEach's order, is a function of the sequence of Insert/operator[] calls
// (and Reserve calls) only: the same sequence gives the same order on every
// run and machine. The order is not sorted and not the insertion order.
//
// There is no erase (build a new map instead). Pointers and references to
// values stay valid until the next Insert, operator[] or Reserve.
//
// Thread-safety: const member functions may run concurrently; anything
// non-const needs exclusive access. Nothing here fails except by running out
// of memory (std::bad_alloc, as for any standard container).
#ifndef CHRONICLE_LEARN_FLAT_MAP_H_
#define CHRONICLE_LEARN_FLAT_MAP_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace chronicle {

// The default hash: Fibonacci hashing. Returns a 64-bit value whose HIGH bits
// are well mixed (FlatMap uses the top log2(capacity) bits). A custom Hash
// must have the same contract: `uint64_t operator()(Key) const`, good high
// bits, deterministic.
template <class Key>
struct FibonacciHash {
  uint64_t operator()(Key key) const {
    using U = std::make_unsigned_t<Key>;
    return static_cast<uint64_t>(static_cast<U>(key)) * 0x9e3779b97f4a7c15ULL;
  }
};

template <class Key, class Value, class Hash = FibonacciHash<Key>>
class FlatMap {
  static_assert(std::is_integral_v<Key> && !std::is_same_v<Key, bool>,
                "FlatMap keys are integers (8 to 64 bits)");
  static_assert(sizeof(Key) <= 8, "FlatMap keys are at most 64 bits");
  static_assert(std::is_default_constructible_v<Value>, "FlatMap values must be default-constructible");

 public:
  using key_type = Key;
  using mapped_type = Value;

  FlatMap() = default;

  // The same entries as `m`: any container of pairs with size() (such as
  // std::unordered_map<Key, Value> or std::map<Key, Value>). When `m` has a
  // key twice, the last one wins.
  template <class Map>
    requires(!std::is_same_v<std::remove_cvref_t<Map>, FlatMap>)
  explicit FlatMap(const Map& m) {
    Reserve(m.size());
    for (const auto& [k, v] : m) Insert(static_cast<Key>(k), v);
  }

  // Makes room for `n` entries in all, so that inserting up to `n` entries
  // (counting those already present) does not rehash.
  void Reserve(size_t n) {
    size_t cap = kMinCapacity;
    while (cap < 2 * n) cap <<= 1;
    if (cap > slots_.size()) Rehash(cap);
  }

  // Sets the value of `key`, replacing an earlier one.
  void Insert(Key key, Value value) { (*this)[key] = std::move(value); }

  // The value of `key`, inserted default-constructed when absent.
  Value& operator[](Key key) {
    if (key == kEmpty) {
      if (!has_zero_) {
        has_zero_ = true;
        zero_value_ = Value{};
      }
      return zero_value_;
    }
    if (2 * (size_ + 1) > slots_.size()) Rehash(slots_.empty() ? kMinCapacity : 2 * slots_.size());
    Slot& s = slots_[Probe(key)];
    if (s.key == kEmpty) {
      s.key = key;
      s.value = Value{};
      ++size_;
    }
    return s.value;
  }

  // The value of `key`, or nullptr when absent.
  const Value* Find(Key key) const {
    if (key == kEmpty) return has_zero_ ? &zero_value_ : nullptr;
    if (slots_.empty()) return nullptr;
    const Slot& s = slots_[Probe(key)];
    return s.key == key ? &s.value : nullptr;
  }
  Value* Find(Key key) { return const_cast<Value*>(static_cast<const FlatMap*>(this)->Find(key)); }

  bool Contains(Key key) const { return Find(key) != nullptr; }

  // The value of `key`, or `missing` when absent.
  Value Get(Key key, const Value& missing) const {
    const Value* v = Find(key);
    return v ? *v : missing;
  }

  // Calls fn(key, value) once per entry, in the deterministic order
  // described above (the key-0 entry, if any, first).
  template <class Fn>
  void ForEach(Fn&& fn) const {
    if (has_zero_) fn(Key{}, static_cast<const Value&>(zero_value_));
    for (const Slot& s : slots_)
      if (s.key != kEmpty) fn(static_cast<Key>(s.key), static_cast<const Value&>(s.value));
  }

  size_t size() const { return size_ + (has_zero_ ? 1 : 0); }
  bool empty() const { return size() == 0; }
  // Number of slots (a power of two, 0 before the first insert or Reserve).
  size_t capacity() const { return slots_.size(); }
  // Heap bytes held by the slot array.
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Slot); }

  // Removes every entry and frees the slot array.
  void Clear() {
    std::vector<Slot>().swap(slots_);
    size_ = 0;
    shift_ = 64;
    has_zero_ = false;
    zero_value_ = Value{};
  }

 private:
  static constexpr Key kEmpty = Key{};  // marks empty slots; key 0 kept aside
  static constexpr size_t kMinCapacity = 16;
  struct Slot {
    Key key = kEmpty;
    Value value{};
  };

  size_t Home(Key key) const { return static_cast<size_t>(Hash{}(key) >> shift_); }

  // The index of the slot holding `key`, or of the empty slot where it would
  // go. slots_ is never full (at most half), so the loop ends.
  size_t Probe(Key key) const {
    const size_t mask = slots_.size() - 1;
    size_t i = Home(key);
    while (slots_[i].key != key && slots_[i].key != kEmpty) i = (i + 1) & mask;
    return i;
  }

  void Rehash(size_t cap) {  // cap: a power of two >= kMinCapacity
    std::vector<Slot> old = std::move(slots_);
    slots_ = std::vector<Slot>(cap);
    unsigned bits = 0;
    while ((size_t{1} << bits) < cap) ++bits;
    shift_ = 64 - bits;
    for (Slot& s : old) {
      if (s.key == kEmpty) continue;
      slots_[Probe(s.key)] = std::move(s);
    }
  }

  std::vector<Slot> slots_;
  unsigned shift_ = 64;  // 64 - log2(capacity)
  size_t size_ = 0;      // keys in slots_ (key 0 not counted)
  bool has_zero_ = false;
  Value zero_value_{};
};

// The tagger's 32-bit tables (word -> ambiguity class, clusters, sure tag).
using FlatU32Map = FlatMap<uint32_t, uint32_t>;

}  // namespace chronicle

#endif  // CHRONICLE_LEARN_FLAT_MAP_H_
