// UTF-8 helpers: validation with the offset of the first bad byte, character
// boundaries, decoding, and the byte <-> code point offset map that writers
// use (Chronicle stores byte offsets; its JSON speaks code points).
//
// All functions are pure and thread-safe.
#ifndef CHRONICLE_UTIL_UTF8_H_
#define CHRONICLE_UTIL_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle {

// Returns true when `s` is well-formed UTF-8 (no overlongs, no surrogates,
// nothing above U+10FFFF). Otherwise sets *bad_offset (if given) to the
// byte offset of the first invalid sequence.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

// True when byte offset `i` starts a character (or equals s.size()).
inline bool IsCharBoundary(std::string_view s, size_t i) {
  if (i == s.size()) return true;
  if (i > s.size()) return false;
  return (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

// Decodes the code point at byte offset *i and advances *i past it. On an
// invalid sequence returns U+FFFD and advances one byte. Requires *i < size.
char32_t DecodeUtf8(std::string_view s, size_t* i);

// Appends the UTF-8 encoding of `c` to `out`.
void AppendUtf8(char32_t c, std::string* out);

// Number of code points in s (s must be valid UTF-8).
size_t CodePointCount(std::string_view s);

// 1-based line and column (in code points) of byte offset `offset`.
struct LineCol {
  int line = 1;
  int column = 1;
};
LineCol LineColumnAt(std::string_view s, size_t offset);

// The text of the line containing byte offset `offset`, without newline.
std::string_view LineAt(std::string_view s, size_t offset);

// Maps byte offsets of one text to code point offsets and back in O(1)
// after O(n) construction. For pure ASCII text it stores nothing.
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text);
  // Code point offset of byte offset b (b must be a char boundary, <= size).
  uint32_t ToCodePoint(uint32_t b) const { return ascii_ ? b : cp_of_byte_[b]; }
  // Byte offset of code point offset c; returns UINT32_MAX when out of range.
  uint32_t ToByte(uint32_t c) const;

 private:
  bool ascii_ = true;
  size_t size_ = 0;
  std::vector<uint32_t> cp_of_byte_;  // size()+1 entries when !ascii_
  std::vector<uint32_t> byte_of_cp_;  // code points + 1 entries when !ascii_
};

}  // namespace chronicle

#endif  // CHRONICLE_UTIL_UTF8_H_
