// Feature hashing for Chronicle's linear models.
//
// A feature is a template id plus a few string or integer parts ("suffix3 =
// ing", "s0 tag + b0 tag = NN VBD"). Models store weights under a 32-bit
// feature key, so the hash function is part of the model format: it is
// pinned here (64-bit FNV-1a over the bytes read as unsigned, then the
// splitmix64 finalizer to combine parts) and tested against golden values.
// Changing any of these functions requires a new model format version.
//
//   uint64_t w = HashBytes("running");
//   uint32_t key = FeatureKey(HashCombine(kSuffix3Template, w));
//
// All functions are pure, constexpr-friendly and thread-safe.
#ifndef CHRONICLE_LEARN_HASH_H_
#define CHRONICLE_LEARN_HASH_H_

#include <cstdint>
#include <string_view>

namespace chronicle {

inline constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
inline constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

// 64-bit FNV-1a of the bytes of `s` (as unsigned char), starting from
// `seed` (kFnvOffset for a fresh hash; pass a previous result to extend it).
inline uint64_t HashBytes(std::string_view s, uint64_t seed = kFnvOffset) {
  uint64_t h = seed;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  return h;
}

// Extends an FNV-1a hash by one byte.
inline uint64_t HashByte(uint64_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }

// splitmix64's finalizer: a bijective avalanche mix.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Order-sensitive combination of two hashes.
inline uint64_t HashCombine(uint64_t a, uint64_t b) {
  return Mix64(a * 0x9e3779b97f4a7c15ULL + b + 0x632be59bd9b4e019ULL);
}

// The 32-bit key a feature is stored under; never 0 (0 marks an empty slot
// in the runtime tables).
inline uint32_t FeatureKey(uint64_t h) {
  uint32_t k = static_cast<uint32_t>(h ^ (h >> 32));
  return k == 0 ? 1u : k;
}

}  // namespace chronicle

#endif  // CHRONICLE_LEARN_HASH_H_
