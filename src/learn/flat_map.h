// A read-mostly hash map from 32-bit keys to 32-bit values, for the lookup
// tables the models consult once or more per token (a word's ambiguity
// class, clusters, sure tag): one flat array of {key, value} slots, open
// addressing with linear probing, at most half full, so a lookup is one
// multiply and usually one cache line (std::unordered_map: a division, a
// bucket array and a list node).
//
//   FlatU32Map m(some_unordered_map);         // or m.Insert(k, v) one by one
//   uint32_t v = m.Get(key, /*missing=*/0);   // 0 when key is absent
//   if (const uint32_t* p = m.Find(key)) use(*p);
//
// Every key is allowed (0 too). Thread-safe for concurrent readers; Insert
// needs exclusive access.
#ifndef CHRONICLE_LEARN_FLAT_MAP_H_
#define CHRONICLE_LEARN_FLAT_MAP_H_

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace chronicle {

class FlatU32Map {
 public:
  FlatU32Map() = default;
  // The same entries as `m`.
  explicit FlatU32Map(const std::unordered_map<uint32_t, uint32_t>& m) {
    Reserve(m.size());
    for (const auto& [k, v] : m) Insert(k, v);
  }

  // Makes room for `n` entries in all (no rehash while inserting them).
  void Reserve(size_t n) {
    size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    if (cap > slots_.size()) Rehash(cap);
  }

  // Sets the value of `key` (replacing an earlier one).
  void Insert(uint32_t key, uint32_t value) {
    if (key == kEmpty) {
      has_empty_key_ = true;
      empty_key_value_ = value;
      return;
    }
    if (2 * (size_ + 1) > slots_.size()) Rehash(slots_.empty() ? 16 : 2 * slots_.size());
    Slot* s = Probe(key);
    if (s->key == kEmpty) {
      s->key = key;
      ++size_;
    }
    s->value = value;
  }

  // The value of `key`, or nullptr when absent. The pointer stays valid until
  // the next Insert.
  const uint32_t* Find(uint32_t key) const {
    if (key == kEmpty) return has_empty_key_ ? &empty_key_value_ : nullptr;
    if (slots_.empty()) return nullptr;
    const Slot* s = Probe(key);
    return s->key == key ? &s->value : nullptr;
  }

  // The value of `key`, or `missing` when absent.
  uint32_t Get(uint32_t key, uint32_t missing) const {
    const uint32_t* v = Find(key);
    return v ? *v : missing;
  }

  size_t size() const { return size_ + (has_empty_key_ ? 1 : 0); }
  bool empty() const { return size() == 0; }

 private:
  static constexpr uint32_t kEmpty = 0;  // key 0 is kept aside
  struct Slot {
    uint32_t key = kEmpty;
    uint32_t value = 0;
  };

  size_t Home(uint32_t key) const { return static_cast<size_t>((key * 0x9e3779b1u) >> shift_); }

  // The slot holding `key`, or the empty slot where it would go.
  Slot* Probe(uint32_t key) { return const_cast<Slot*>(static_cast<const FlatU32Map*>(this)->Probe(key)); }
  const Slot* Probe(uint32_t key) const {
    const size_t mask = slots_.size() - 1;
    size_t i = Home(key);
    while (slots_[i].key != key && slots_[i].key != kEmpty) i = (i + 1) & mask;
    return &slots_[i];
  }

  void Rehash(size_t cap) {  // cap: a power of two
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(cap, Slot{});
    shift_ = 32;
    while ((size_t{1} << (32 - shift_)) < cap) --shift_;
    size_ = 0;
    for (const Slot& s : old) {
      if (s.key == kEmpty) continue;
      Slot* t = Probe(s.key);
      *t = s;
      ++size_;
    }
  }

  std::vector<Slot> slots_;
  uint32_t shift_ = 32;
  size_t size_ = 0;  // keys in slots_
  bool has_empty_key_ = false;
  uint32_t empty_key_value_ = 0;
};

}  // namespace chronicle

#endif  // CHRONICLE_LEARN_FLAT_MAP_H_
