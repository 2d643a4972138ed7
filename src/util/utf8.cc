#include "util/utf8.h"

#include <cstdint>

namespace chronicle {

// Validation follows the Unicode table 3-7 of well-formed byte sequences.
bool IsValidUtf8(std::string_view s, size_t* bad_offset) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Fast path: 8 ASCII bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      __builtin_memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; }
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) { len = 3; }
    else if (c == 0xED) { len = 3; hi = 0x9F; }
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) { len = 4; }
    else if (c == 0xF4) { len = 4; hi = 0x8F; }
    else { if (bad_offset) *bad_offset = i; return false; }
    if (i + len > n) { if (bad_offset) *bad_offset = i; return false; }
    if (p[i + 1] < lo || p[i + 1] > hi) { if (bad_offset) *bad_offset = i; return false; }
    for (size_t k = 2; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) { if (bad_offset) *bad_offset = i; return false; }
    }
    i += len;
  }
  return true;
}

char32_t DecodeUtf8(std::string_view s, size_t* i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), k = *i;
  unsigned char c = p[k];
  if (c < 0x80) { *i = k + 1; return c; }
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || k + len > n) { *i = k + 1; return 0xFFFD; }
  char32_t cp = c & (0xFF >> (len + 1));
  for (size_t j = 1; j < len; ++j) {
    if ((p[k + j] & 0xC0) != 0x80) { *i = k + 1; return 0xFFFD; }
    cp = (cp << 6) | (p[k + j] & 0x3F);
  }
  *i = k + len;
  return cp;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

LineCol LineColumnAt(std::string_view s, size_t offset) {
  LineCol lc;
  if (offset > s.size()) offset = s.size();
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (s[i] == '\n') { ++lc.line; line_start = i + 1; }
  }
  lc.column = static_cast<int>(CodePointCount(s.substr(line_start, offset - line_start))) + 1;
  return lc;
}

std::string_view LineAt(std::string_view s, size_t offset) {
  if (offset > s.size()) offset = s.size();
  size_t b = s.rfind('\n', offset == 0 ? std::string_view::npos : offset - 1);
  b = (b == std::string_view::npos || offset == 0) ? 0 : b + 1;
  if (offset > 0 && s[offset - 1] == '\n') b = offset;
  size_t e = s.find('\n', offset);
  if (e == std::string_view::npos) e = s.size();
  std::string_view line = s.substr(b, e - b);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

OffsetMap::OffsetMap(std::string_view text) : size_(text.size()) {
  for (unsigned char c : text) {
    if (c >= 0x80) { ascii_ = false; break; }
  }
  if (ascii_) return;
  cp_of_byte_.resize(text.size() + 1);
  uint32_t cp = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    bool boundary = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (boundary) {
      byte_of_cp_.push_back(static_cast<uint32_t>(i));
      cp_of_byte_[i] = cp++;
    } else {
      cp_of_byte_[i] = cp;  // inside a character: maps to the next one
    }
  }
  cp_of_byte_[text.size()] = cp;
  byte_of_cp_.push_back(static_cast<uint32_t>(text.size()));
}

uint32_t OffsetMap::ToByte(uint32_t c) const {
  if (ascii_) return c <= size_ ? c : UINT32_MAX;
  return c < byte_of_cp_.size() ? byte_of_cp_[c] : UINT32_MAX;
}

}  // namespace chronicle
