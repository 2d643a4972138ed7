#include "util/file.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>

#include <fmt/core.h>

namespace chronicle {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const std::string& path) {
  if (path == "-") {
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return data;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return Error::Io("is a directory, expected a file", path);
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Error::Io(fmt::format("cannot open: {}", std::strerror(errno)), path);
  std::string data;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
  bool err = std::ferror(f);
  std::fclose(f);
  if (err) return Error::Io("read error", path);
  return data;
}

Result<std::vector<std::string>> ListFiles(const std::string& dir,
                                           const std::vector<std::string>& extensions) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  if (ec) return Error::Io(fmt::format("cannot list directory: {}", ec.message()), dir);
  for (; it != end; it.increment(ec)) {
    if (ec) return Error::Io(fmt::format("cannot list directory: {}", ec.message()), dir);
    if (!it->is_regular_file(ec)) continue;
    std::string p = it->path().string();
    bool keep = extensions.empty();
    for (const auto& e : extensions) {
      if (p.size() >= e.size() && p.compare(p.size() - e.size(), e.size(), e) == 0) keep = true;
    }
    if (keep) out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool IsDirectory(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

std::string BaseName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string Stem(std::string_view path) {
  std::string base = BaseName(path);
  size_t dot = base.find_last_of('.');
  if (dot != std::string::npos && dot > 0) base.resize(dot);
  return base;
}

AtomicWriter::~AtomicWriter() {
  if (file_ != nullptr && !to_stdout_) {
    std::fclose(file_);
    std::remove(tmp_path_.c_str());
  }
}

Status AtomicWriter::Open(const std::string& path) {
  path_ = path;
  if (path == "-") {
    to_stdout_ = true;
    file_ = stdout;
    return Status::Ok();
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Error::Io("is a directory, expected a file", path);
  tmp_path_ = fmt::format("{}.tmp.{}", path, static_cast<long>(getpid()));
  file_ = std::fopen(tmp_path_.c_str(), "wb");
  if (file_ == nullptr) {
    return Error::Io(fmt::format("cannot write: {}", std::strerror(errno)), path);
  }
  return Status::Ok();
}

void AtomicWriter::Write(std::string_view bytes) {
  if (file_ == nullptr || failed_) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) failed_ = true;
}

Status AtomicWriter::Commit() {
  if (file_ == nullptr) return Error::Io("output was not opened", path_);
  if (to_stdout_) {
    std::fflush(stdout);
    file_ = nullptr;
    return failed_ ? Status(Error::Io("write error", "<stdout>")) : Status::Ok();
  }
  bool ok = !failed_ && std::fflush(file_) == 0;
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  if (!ok) {
    std::remove(tmp_path_.c_str());
    return Error::Io("write error (disk full?)", path_);
  }
  if (std::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    int err = errno;
    std::remove(tmp_path_.c_str());
    return Error::Io(fmt::format("cannot replace file: {}", std::strerror(err)), path_);
  }
  return Status::Ok();
}

Status WriteFileAtomic(const std::string& path, std::string_view bytes) {
  AtomicWriter w;
  if (Status s = w.Open(path); !s.ok()) return s;
  w.Write(bytes);
  return w.Commit();
}

}  // namespace chronicle
