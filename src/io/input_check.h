// Checks every text reader in src/io/ runs before parsing (no NUL byte,
// well-formed UTF-8), and the one way they point at a spot in their input:
// an Error with file:line:col and the source line for the caret.
//
//   if (Status s = CheckInputBytes(bytes, path); !s.ok()) return s.error();
//   ...
//   return ErrorAt(bytes, offset, path, "unexpected '<'");
//
// All functions are pure and thread-safe.
#ifndef CHRONICLE_IO_INPUT_CHECK_H_
#define CHRONICLE_IO_INPUT_CHECK_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace chronicle {

// Fails (kInvalidInput) at the first NUL byte ("NUL byte in the input (is
// this a binary file?)") or the first invalid UTF-8 sequence ("invalid UTF-8
// (byte 0xff): save the file as UTF-8"), whichever comes first.
Status CheckInputBytes(std::string_view content, const std::string& file_name);

// An Error (kInvalidInput) at byte `offset` of `content`: line and column
// (in code points) and the line's text, with bytes that are not valid UTF-8
// or NUL shown as U+FFFD so that the caret display stays printable.
Error ErrorAt(std::string_view content, size_t offset, const std::string& file_name,
              std::string message);

// The same for many spots in one input: line starts are indexed once, so
// each message costs O(log lines + line length) instead of O(offset).
class SourcePositions {
 public:
  SourcePositions(std::string_view content, const std::string& file_name)
      : content_(content), file_name_(file_name) {}
  Error At(size_t offset, std::string message);

 private:
  std::string_view content_;
  const std::string& file_name_;
  std::vector<size_t> line_starts_;  // built on first use
};

}  // namespace chronicle

#endif  // CHRONICLE_IO_INPUT_CHECK_H_
