#include "syntax/word_info.h"

#include "learn/hash.h"

namespace chronicle {
namespace {

inline unsigned char Lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

// Start of the code point that ends at byte `end` (exclusive).
inline size_t PrevCharStart(std::string_view w, size_t end) {
  size_t i = end - 1;
  while (i > 0 && (static_cast<unsigned char>(w[i]) & 0xC0) == 0x80) --i;
  return i;
}

}  // namespace

void ComputeWordInfo(std::string_view w, WordInfo* info) {
  uint64_t lower = kFnvOffset;
  uint64_t shape = kFnvOffset;
  unsigned char last_shape = 0;
  int run = 0;
  bool has_upper = false, has_lower = false, has_digit = false, hyphen = false, non_ascii = false;
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    lower = HashByte(lower, Lower(c));
    unsigned char s;
    if (c >= 'A' && c <= 'Z') {
      s = 'X';
      has_upper = true;
    } else if (c >= 'a' && c <= 'z') {
      s = 'x';
      has_lower = true;
    } else if (c >= '0' && c <= '9') {
      s = 'd';
      has_digit = true;
    } else if (c >= 0x80) {
      non_ascii = true;
      if ((c & 0xC0) == 0x80) continue;  // continuation byte: one symbol per code point
      s = 'u';
    } else {
      s = c;
      if (c == '-') hyphen = true;
    }
    if (s == last_shape) {
      if (++run > 2) continue;
    } else {
      last_shape = s;
      run = 1;
    }
    shape = HashByte(shape, s);
  }
  info->form = HashBytes(w);
  info->lower = lower;
  info->shape = shape;
  // Prefixes and suffixes of 1..k code points, lowercased (ASCII).
  size_t end = 0;
  for (int k = 0; k < 3; ++k) {
    if (end < w.size()) {
      ++end;
      while (end < w.size() && (static_cast<unsigned char>(w[end]) & 0xC0) == 0x80) ++end;
    }
    uint64_t h = HashByte(kFnvOffset, static_cast<unsigned char>('<'));
    for (size_t i = 0; i < end; ++i) h = HashByte(h, Lower(static_cast<unsigned char>(w[i])));
    info->prefix[k] = h;
  }
  size_t begin = w.size();
  for (int k = 0; k < 4; ++k) {
    if (begin > 0) begin = PrevCharStart(w, begin);
    uint64_t h = HashByte(kFnvOffset, static_cast<unsigned char>('>'));
    for (size_t i = begin; i < w.size(); ++i) h = HashByte(h, Lower(static_cast<unsigned char>(w[i])));
    info->suffix[k] = h;
  }
  uint32_t f = 0;
  if (has_digit) f |= kHasDigit;
  if (has_upper) f |= kHasUpper;
  if (hyphen) f |= kHasHyphen;
  if (has_upper && !has_lower) f |= kAllUpper;
  if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z' && has_lower) f |= kTitle;
  if (non_ascii) f |= kNonAscii;
  info->flags = f;
}

}  // namespace chronicle
