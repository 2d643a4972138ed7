// File access with the errors Chronicle promises: a missing file, a
// directory given as a file, or an unwritable output each come back as an
// Error naming the path; output is written to a temporary file beside the
// target and renamed into place, so a failed run never leaves half a file.
#ifndef CHRONICLE_UTIL_FILE_H_
#define CHRONICLE_UTIL_FILE_H_

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace chronicle {

// Reads the whole file ("-" reads standard input). Errors: kIo for a missing
// or unreadable path or a directory.
Result<std::string> ReadFile(const std::string& path);

// Lists regular files under `dir` (recursively), sorted by path, keeping
// those whose name ends with one of `extensions` (all files when empty).
Result<std::vector<std::string>> ListFiles(const std::string& dir,
                                           const std::vector<std::string>& extensions);

bool IsDirectory(const std::string& path);

// The file name without directories: "a/b/c.tml" -> "c.tml".
std::string BaseName(std::string_view path);
// The file name without directories and without its last extension.
std::string Stem(std::string_view path);

// Writes a file atomically: bytes go to "<path>.tmp.<pid>" and Commit()
// renames it over `path`. Destroying an uncommitted writer removes the
// temporary file. "-" writes to standard output (no atomicity there).
// Not thread-safe; one writer per output.
class AtomicWriter {
 public:
  AtomicWriter() = default;
  ~AtomicWriter();
  AtomicWriter(const AtomicWriter&) = delete;
  AtomicWriter& operator=(const AtomicWriter&) = delete;

  // Opens the temporary file. Errors: kIo naming `path`.
  Status Open(const std::string& path);
  // Appends bytes; errors are reported by Commit().
  void Write(std::string_view bytes);
  // Flushes, closes and renames. Errors: kIo (disk full, rename refused).
  Status Commit();

 private:
  std::string path_;
  std::string tmp_path_;
  std::FILE* file_ = nullptr;
  bool to_stdout_ = false;
  bool failed_ = false;
};

// Convenience: AtomicWriter for one string.
Status WriteFileAtomic(const std::string& path, std::string_view bytes);

}  // namespace chronicle

#endif  // CHRONICLE_UTIL_FILE_H_
