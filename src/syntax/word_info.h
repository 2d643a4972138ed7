// Per-word hashes shared by the tagger and the parser: computed once per
// token per call, so feature extraction combines precomputed 64-bit values
// and never builds strings. Part of the model format (see learn/hash.h):
// changing what is hashed needs a new model version.
//
// Thread-safe (pure functions).
#ifndef CHRONICLE_SYNTAX_WORD_INFO_H_
#define CHRONICLE_SYNTAX_WORD_INFO_H_

#include <cstdint>
#include <string_view>

namespace chronicle {

struct WordInfo {
  uint64_t form = 0;    // the bytes as given
  uint64_t lower = 0;   // ASCII-lowercased, digits kept
  uint64_t shape = 0;   // X/x/d/other per code point, runs capped at 2
  uint64_t prefix[3] = {0, 0, 0};  // first 1..3 code points, lowercased
  uint64_t suffix[4] = {0, 0, 0, 0};  // last 1..4 code points, lowercased
  uint32_t flags = 0;   // kHasDigit | kHasUpper | ...
};

inline constexpr uint32_t kHasDigit = 1;
inline constexpr uint32_t kHasUpper = 2;
inline constexpr uint32_t kHasHyphen = 4;
inline constexpr uint32_t kAllUpper = 8;
inline constexpr uint32_t kTitle = 16;
inline constexpr uint32_t kNonAscii = 32;

// Fills *info for the word `w` (any bytes; linear in w's length).
void ComputeWordInfo(std::string_view w, WordInfo* info);

}  // namespace chronicle

#endif  // CHRONICLE_SYNTAX_WORD_INFO_H_
