#include "learn/model_file.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include <fmt/core.h>

#include "learn/hash.h"
#include "util/file.h"

namespace chronicle {
namespace {

std::string Printable(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  return out;
}

}  // namespace

void ModelWriter::U16(uint16_t v) {
  for (int i = 0; i < 2; ++i) bytes_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void ModelWriter::U32(uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void ModelWriter::U64(uint64_t v) {
  for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void ModelWriter::F32(float v) {
  uint32_t bits;
  static_assert(sizeof(bits) == sizeof(v));
  std::memcpy(&bits, &v, sizeof(bits));
  U32(bits);
}
void ModelWriter::String(std::string_view s) {
  U32(static_cast<uint32_t>(s.size()));
  bytes_.append(s);
}
void ModelWriter::Strings(const std::vector<std::string>& v) {
  U32(static_cast<uint32_t>(v.size()));
  for (const std::string& s : v) String(s);
}
void ModelWriter::U16s(const std::vector<uint16_t>& v) {
  U32(static_cast<uint32_t>(v.size()));
  for (uint16_t x : v) U16(x);
}
void ModelWriter::U32s(const std::vector<uint32_t>& v) {
  U32(static_cast<uint32_t>(v.size()));
  for (uint32_t x : v) U32(x);
}
void ModelWriter::U32Map(const std::unordered_map<uint32_t, uint32_t>& m) {
  std::vector<std::pair<uint32_t, uint32_t>> sorted(m.begin(), m.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<uint32_t> keys, values;
  keys.reserve(sorted.size());
  values.reserve(sorted.size());
  for (auto [k, v] : sorted) {
    keys.push_back(k);
    values.push_back(v);
  }
  U32s(keys);
  U32s(values);
}
void ModelWriter::F32s(const std::vector<float>& v) {
  U32(static_cast<uint32_t>(v.size()));
  for (float x : v) F32(x);
}

bool ModelReader::Need(size_t n, std::string_view what) {
  if (!ok_) return false;
  if (bytes_.size() - pos_ < n) {
    Fail(fmt::format("truncated at byte {} while reading {}: expected {} bytes, found {}", pos_,
                     what, n, bytes_.size() - pos_));
    return false;
  }
  return true;
}

void ModelReader::Fail(std::string message) {
  if (!ok_) return;
  ok_ = false;
  error_ = Error::Model(std::move(message), file_);
}

void ModelReader::ExpectEnd() {
  if (ok_ && pos_ != bytes_.size()) {
    Fail(fmt::format("expected the model body to end at byte {}, found {} more bytes", pos_,
                     bytes_.size() - pos_));
  }
}

uint8_t ModelReader::U8(std::string_view what) {
  if (!Need(1, what)) return 0;
  return static_cast<uint8_t>(bytes_[pos_++]);
}
uint16_t ModelReader::U16(std::string_view what) {
  if (!Need(2, what)) return 0;
  uint16_t v = 0;
  for (int i = 0; i < 2; ++i) v |= static_cast<uint16_t>(static_cast<unsigned char>(bytes_[pos_ + i]) << (8 * i));
  pos_ += 2;
  return v;
}
uint32_t ModelReader::U32(std::string_view what) {
  if (!Need(4, what)) return 0;
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes_[pos_ + i])) << (8 * i);
  pos_ += 4;
  return v;
}
uint64_t ModelReader::U64(std::string_view what) {
  if (!Need(8, what)) return 0;
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(bytes_[pos_ + i])) << (8 * i);
  pos_ += 8;
  return v;
}
float ModelReader::F32(std::string_view what) {
  uint32_t bits = U32(what);
  float v;
  std::memcpy(&v, &bits, sizeof(v));
  return v;
}
std::string ModelReader::String(std::string_view what) {
  uint32_t n = U32(what);
  if (!Need(n, what)) return {};
  std::string s(bytes_.substr(pos_, n));
  pos_ += n;
  return s;
}
std::vector<std::string> ModelReader::Strings(std::string_view what) {
  uint32_t n = U32(what);
  std::vector<std::string> v;
  // Each string takes at least 4 bytes: refuse counts the file cannot hold
  // before allocating.
  if (!Need(static_cast<size_t>(n) * 4, what)) return v;
  v.reserve(n);
  for (uint32_t i = 0; i < n && ok_; ++i) v.push_back(String(what));
  return v;
}
std::vector<uint16_t> ModelReader::U16s(std::string_view what) {
  uint32_t n = U32(what);
  std::vector<uint16_t> v;
  if (!Need(static_cast<size_t>(n) * 2, what)) return v;
  v.resize(n);
  if constexpr (std::endian::native == std::endian::little) {
    // The file is little-endian like the host: one copy instead of n reads.
    if (n > 0) std::memcpy(v.data(), bytes_.data() + pos_, static_cast<size_t>(n) * 2);
    pos_ += static_cast<size_t>(n) * 2;
  } else {
    for (uint32_t i = 0; i < n; ++i) v[i] = U16(what);
  }
  return v;
}
std::vector<uint32_t> ModelReader::U32s(std::string_view what) {
  uint32_t n = U32(what);
  std::vector<uint32_t> v;
  if (!Need(static_cast<size_t>(n) * 4, what)) return v;
  v.resize(n);
  if constexpr (std::endian::native == std::endian::little) {
    // The file is little-endian like the host: one copy instead of n reads.
    if (n > 0) std::memcpy(v.data(), bytes_.data() + pos_, static_cast<size_t>(n) * 4);
    pos_ += static_cast<size_t>(n) * 4;
  } else {
    for (uint32_t i = 0; i < n; ++i) v[i] = U32(what);
  }
  return v;
}
std::vector<float> ModelReader::F32s(std::string_view what) {
  uint32_t n = U32(what);
  std::vector<float> v;
  if (!Need(static_cast<size_t>(n) * 4, what)) return v;
  v.resize(n);
  if constexpr (std::endian::native == std::endian::little) {
    // The file is little-endian like the host: one copy instead of n reads.
    if (n > 0) std::memcpy(v.data(), bytes_.data() + pos_, static_cast<size_t>(n) * 4);
    pos_ += static_cast<size_t>(n) * 4;
  } else {
    for (uint32_t i = 0; i < n; ++i) v[i] = F32(what);
  }
  return v;
}

std::string EncodeModel(std::string_view kind, uint32_t flags, std::string_view settings,
                        const ModelWriter& body) {
  ModelWriter w;
  for (char c : kModelMagic) w.U8(static_cast<uint8_t>(c));
  w.U32(kModelFormatVersion);
  w.String(kind);
  w.U32(flags);
  w.String(settings);
  w.U64(body.bytes().size());
  std::string out = w.bytes();
  out += body.bytes();
  uint64_t sum = HashBytes(out);
  ModelWriter tail;
  tail.U64(sum);
  out += tail.bytes();
  return out;
}

Status WriteModelFile(const std::string& path, std::string_view kind, uint32_t flags,
                      std::string_view settings, const ModelWriter& body) {
  return WriteFileAtomic(path, EncodeModel(kind, flags, settings, body));
}

Result<ModelReader> OpenModel(std::string_view bytes, const std::string& file_name,
                              std::string_view expected_kind) {
  auto fail = [&](std::string m) { return Error::Model(std::move(m), file_name); };
  constexpr size_t kMagic = sizeof(kModelMagic);
  std::string_view magic(kModelMagic, kMagic);
  if (bytes.size() < kMagic || bytes.substr(0, kMagic) != magic) {
    return fail(fmt::format("not a Chronicle model: expected magic \"{}\", found \"{}\"",
                            magic, Printable(bytes.substr(0, kMagic))));
  }
  ModelReader header(bytes, file_name);
  header.pos_ = kMagic;
  uint32_t version = header.U32("the format version");
  if (!header.ok()) return header.error();
  if (version != kModelFormatVersion) {
    return fail(fmt::format("model format version {} is not supported (this build reads version {})",
                            version, kModelFormatVersion));
  }
  std::string kind = header.String("the model kind");
  if (!header.ok()) return header.error();
  if (kind != expected_kind) {
    return fail(fmt::format("expected a {} model, found a \"{}\" model", expected_kind,
                            Printable(kind)));
  }
  uint32_t flags = header.U32("the presence flags");
  std::string settings = header.String("the settings");
  uint64_t body_size = header.U64("the body size");
  if (!header.ok()) return header.error();
  size_t body_begin = header.pos_;
  size_t available = bytes.size() - body_begin;
  if (available < 8 || body_size > available - 8) {
    return fail(fmt::format("truncated: expected a body of {} bytes and an 8-byte checksum, found {} bytes",
                            body_size, available));
  }
  if (body_size != available - 8) {
    return fail(fmt::format("expected the file to end after {} bytes, found {} more bytes",
                            body_begin + body_size + 8, available - 8 - body_size));
  }
  ModelReader tail(bytes, file_name);
  tail.pos_ = body_begin + body_size;
  uint64_t stored = tail.U64("the checksum");
  uint64_t actual = HashBytes(bytes.substr(0, body_begin + body_size));
  if (stored != actual) {
    return fail(fmt::format("corrupt: expected checksum {:016x}, found {:016x}", actual, stored));
  }
  ModelReader body(bytes.substr(body_begin, body_size), file_name);
  body.flags = flags;
  body.settings = std::move(settings);
  return body;
}

Result<ModelReader> ReadModelFile(const std::string& path, std::string_view expected_kind) {
  Result<std::string> content = ReadFile(path);
  if (!content.ok()) return content.error();
  auto owned = std::make_shared<const std::string>(std::move(content.value()));
  Result<ModelReader> r = OpenModel(*owned, path, expected_kind);
  if (!r.ok()) return r.error();
  r.value().owned_ = std::move(owned);
  return r;
}

}  // namespace chronicle
