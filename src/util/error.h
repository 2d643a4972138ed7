// Error and Result<T>: how every library function in Chronicle reports
// failure. Library code never throws across a module boundary and never
// exits; the command line maps Error::Kind to an exit code.
//
//   Result<Document> doc = ReadTimeML(path);
//   if (!doc.ok()) { std::cerr << doc.error().ToString() << "\n"; return 1; }
//   Use(doc.value());
//
// Error::ToString() gives the one-line form "file:line:col: message" (parts
// that are unknown are left out), and Error::Pretty() adds the offending
// source line with a caret under the column when it is known.
#ifndef CHRONICLE_UTIL_ERROR_H_
#define CHRONICLE_UTIL_ERROR_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace chronicle {

struct Error {
  enum class Kind {
    kInvalidInput,  // the input is malformed (bad XML, bad UTF-8, bad DCT...)
    kIo,            // the file system refused (missing file, unwritable)
    kUsage,         // the caller asked for something inconsistent
    kModel,         // a model or rule file is corrupt or of the wrong version
    kInternal,      // a bug
  };

  Kind kind = Kind::kInvalidInput;
  std::string message;
  std::string file;         // empty when there is no file (e.g. stdin: "-")
  int line = 0;             // 1-based; 0 when unknown
  int column = 0;           // 1-based, in code points; 0 when unknown
  std::string source_line;  // the text of `line`, for the caret display

  // "file:line:col: message", leaving out unknown parts.
  std::string ToString() const;
  // ToString() followed by the source line and a caret, when known.
  std::string Pretty() const;

  static Error Invalid(std::string message, std::string file = {}, int line = 0,
                       int column = 0);
  static Error Io(std::string message, std::string file = {});
  static Error Usage(std::string message);
  static Error Model(std::string message, std::string file = {});
  static Error Internal(std::string message);
};

// Exit code for the command line: 1 invalid input, 2 usage, 3 I/O, 4 model,
// 70 internal.
int ExitCodeFor(Error::Kind kind);

// Holds either a value or an Error. Accessing value() of a failed Result, or
// error() of a successful one, is a programmer mistake (asserted).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}           // NOLINT
  Result(Error error) : error_(std::move(error)) {}       // NOLINT

  bool ok() const { return value_.has_value(); }
  const T& value() const& { assert(ok()); return *value_; }
  T& value() & { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  const Error& error() const { assert(!ok()); return *error_; }

 private:
  std::optional<T> value_;
  std::optional<Error> error_;
};

// Result<void>: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT
  static Status Ok() { return Status(); }
  bool ok() const { return !error_.has_value(); }
  const Error& error() const { assert(!ok()); return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace chronicle

#endif  // CHRONICLE_UTIL_ERROR_H_
