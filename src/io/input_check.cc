#include "io/input_check.h"

#include <algorithm>
#include <cstring>

#include <fmt/core.h>

#include "util/utf8.h"

namespace chronicle {
namespace {

// Walks `s` one unit at a time: a valid UTF-8 character, or one byte of an
// invalid sequence (and NUL) shown as U+FFFD. Units are what the caret
// display counts as columns, so a column and the printed line agree.
template <typename F>
void ForEachUnit(std::string_view s, F&& f) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (c != 0 && i + len <= s.size() && IsValidUtf8(s.substr(i, len))) {
      f(s.substr(i, len));
      i += len;
    } else {
      f(std::string_view("\xEF\xBF\xBD"));
      ++i;
    }
  }
}

std::string PrintableLine(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  ForEachUnit(line, [&](std::string_view unit) { out.append(unit); });
  return out;
}

int Columns(std::string_view s) {
  int n = 0;
  ForEachUnit(s, [&](std::string_view) { ++n; });
  return n;
}

Error MakeError(std::string_view content, size_t offset, size_t line_start, int line,
                const std::string& file_name, std::string message) {
  size_t line_end = content.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = content.size();
  std::string_view text = content.substr(line_start, line_end - line_start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  Error e = Error::Invalid(std::move(message), file_name, line,
                           Columns(content.substr(line_start, offset - line_start)) + 1);
  e.source_line = PrintableLine(text);
  return e;
}

}  // namespace

Status CheckInputBytes(std::string_view content, const std::string& file_name) {
  size_t bad = content.size();
  bool utf8_ok = IsValidUtf8(content, &bad);
  const void* nul = std::memchr(content.data(), '\0', utf8_ok ? content.size() : bad);
  if (nul != nullptr) {
    size_t at = static_cast<const char*>(nul) - content.data();
    return ErrorAt(content, at, file_name, "NUL byte in the input (is this a binary file?)");
  }
  if (!utf8_ok) {
    return ErrorAt(content, bad, file_name,
                   fmt::format("invalid UTF-8 (byte 0x{:02x}): save the file as UTF-8",
                               static_cast<unsigned char>(content[bad])));
  }
  return Status::Ok();
}

Error ErrorAt(std::string_view content, size_t offset, const std::string& file_name,
              std::string message) {
  offset = std::min(offset, content.size());
  size_t line_start = 0;
  int line = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (content[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return MakeError(content, offset, line_start, line, file_name, std::move(message));
}

Error SourcePositions::At(size_t offset, std::string message) {
  offset = std::min(offset, content_.size());
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    const char* p = content_.data();
    const char* end = p + content_.size();
    while (const void* nl = std::memchr(p, '\n', end - p)) {
      p = static_cast<const char*>(nl) + 1;
      line_starts_.push_back(p - content_.data());
    }
  }
  // The last line start <= offset.
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  return MakeError(content_, offset, line_starts_[index], static_cast<int>(index) + 1,
                   file_name_, std::move(message));
}

}  // namespace chronicle
