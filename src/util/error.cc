#include "util/error.h"

#include <fmt/core.h>

namespace chronicle {

std::string Error::ToString() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += fmt::format(":{}", line);
      if (column > 0) out += fmt::format(":{}", column);
    }
    out += ": ";
  }
  out += message;
  return out;
}

std::string Error::Pretty() const {
  std::string out = ToString();
  if (!source_line.empty() && column > 0) {
    out += "\n";
    out += source_line;
    out += "\n";
    out += std::string(static_cast<size_t>(column - 1), ' ');
    out += "^";
  }
  return out;
}

Error Error::Invalid(std::string message, std::string file, int line,
                     int column) {
  Error e;
  e.kind = Kind::kInvalidInput;
  e.message = std::move(message);
  e.file = std::move(file);
  e.line = line;
  e.column = column;
  return e;
}

Error Error::Io(std::string message, std::string file) {
  Error e;
  e.kind = Kind::kIo;
  e.message = std::move(message);
  e.file = std::move(file);
  return e;
}

Error Error::Usage(std::string message) {
  Error e;
  e.kind = Kind::kUsage;
  e.message = std::move(message);
  return e;
}

Error Error::Model(std::string message, std::string file) {
  Error e;
  e.kind = Kind::kModel;
  e.message = std::move(message);
  e.file = std::move(file);
  return e;
}

Error Error::Internal(std::string message) {
  Error e;
  e.kind = Kind::kInternal;
  e.message = std::move(message);
  return e;
}

int ExitCodeFor(Error::Kind kind) {
  switch (kind) {
    case Error::Kind::kInvalidInput: return 1;
    case Error::Kind::kUsage: return 2;
    case Error::Kind::kIo: return 3;
    case Error::Kind::kModel: return 4;
    case Error::Kind::kInternal: return 70;
  }
  return 70;
}

}  // namespace chronicle
