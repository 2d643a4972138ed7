// The binary container every Chronicle model is stored in.
//
// Layout (all integers little-endian, fixed width, whatever the host):
//   8 bytes   magic "CHRNMODL"
//   u32       container format version (kModelFormatVersion)
//   string    model kind ("tagger", "lemmatizer", "parser")
//   u32       presence flags (one bit per optional component; the model
//             decides what the bits mean)
//   string    settings: "key=value" lines: training data, command, seed,
//             iterations, feature templates... (shown by tools, kept so a
//             model documents how it was made)
//   u64       body size in bytes
//   bytes     body (the model's own fields, written with ModelWriter)
//   u64       checksum: FNV-1a 64 of every byte before it
// A string is a u32 byte count followed by the bytes.
//
//   ModelWriter w;
//   w.U32(num_classes);
//   w.F32s(weights);
//   Status s = WriteModelFile(path, "tagger", flags, settings, w);
//
//   Result<ModelReader> r = ReadModelFile(path, "tagger");
//   if (!r.ok()) return r.error();          // names the file and the problem
//   ModelReader& in = r.value();
//   uint32_t n = in.U32("number of classes");
//   ...
//   if (!in.ok()) return in.error();       // "truncated ... expected ... found"
//
// Errors are kModel and name the file, what was expected and what was found.
// Writers and readers are not thread-safe; use one per file.
#ifndef CHRONICLE_LEARN_MODEL_FILE_H_
#define CHRONICLE_LEARN_MODEL_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/error.h"

namespace chronicle {

inline constexpr char kModelMagic[8] = {'C', 'H', 'R', 'N', 'M', 'O', 'D', 'L'};
inline constexpr uint32_t kModelFormatVersion = 1;

// Appends little-endian fields to a byte string. Never fails.
class ModelWriter {
 public:
  void U8(uint8_t v) { bytes_.push_back(static_cast<char>(v)); }
  void U16(uint16_t v);
  void U32(uint32_t v);
  void U64(uint64_t v);
  void I32(int32_t v) { U32(static_cast<uint32_t>(v)); }
  void F32(float v);
  void String(std::string_view s);
  void Strings(const std::vector<std::string>& v);
  void U16s(const std::vector<uint16_t>& v);
  void U32s(const std::vector<uint32_t>& v);
  // A map as two U32s arrays, its keys in ascending order, then their
  // values (deterministic whatever the map's iteration order).
  void U32Map(const std::unordered_map<uint32_t, uint32_t>& m);
  void F32s(const std::vector<float>& v);
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// Reads little-endian fields from a byte string with a sticky error: after
// the first failure every read returns 0 / empty and error() tells what was
// being read, at which byte, what was expected and what was found.
class ModelReader {
 public:
  ModelReader(std::string_view bytes, std::string file_name)
      : bytes_(bytes), file_(std::move(file_name)) {}

  uint8_t U8(std::string_view what);
  uint16_t U16(std::string_view what);
  uint32_t U32(std::string_view what);
  uint64_t U64(std::string_view what);
  int32_t I32(std::string_view what) { return static_cast<int32_t>(U32(what)); }
  float F32(std::string_view what);
  std::string String(std::string_view what);
  std::vector<std::string> Strings(std::string_view what);
  std::vector<uint16_t> U16s(std::string_view what);
  std::vector<uint32_t> U32s(std::string_view what);
  std::vector<float> F32s(std::string_view what);

  // Records a semantic problem ("class 300 >= 102 classes") unless an error
  // is already recorded.
  void Fail(std::string message);
  // Fails unless every byte of the body was read.
  void ExpectEnd();

  bool ok() const { return ok_; }
  const Error& error() const { return error_; }
  const std::string& file() const { return file_; }
  // Header fields (valid after ReadModelFile / OpenModel succeeded).
  uint32_t flags = 0;
  std::string settings;

 private:
  bool Need(size_t n, std::string_view what);
  std::string_view bytes_;
  size_t pos_ = 0;
  std::string file_;
  bool ok_ = true;
  Error error_;
  friend Result<ModelReader> OpenModel(std::string_view, const std::string&, std::string_view);
  // The file's bytes when read by ReadModelFile; shared so that moving the
  // reader keeps bytes_ valid.
  std::shared_ptr<const std::string> owned_;
  friend Result<ModelReader> ReadModelFile(const std::string&, std::string_view);
};

// Frames `body` with the header and checksum and returns the file's bytes.
std::string EncodeModel(std::string_view kind, uint32_t flags, std::string_view settings,
                        const ModelWriter& body);

// Writes EncodeModel(...) atomically to `path`. Errors: kIo.
Status WriteModelFile(const std::string& path, std::string_view kind, uint32_t flags,
                      std::string_view settings, const ModelWriter& body);

// Checks magic, version, kind, sizes and checksum of `bytes` (which must
// outlive the reader) and returns a reader positioned at the body. Errors:
// kModel naming `file_name`, e.g. "model format version 9 is not supported
// (this build reads version 1)".
Result<ModelReader> OpenModel(std::string_view bytes, const std::string& file_name,
                              std::string_view expected_kind);

// Reads `path` and opens it (the reader owns the bytes). Errors: kIo when
// the file cannot be read, else as OpenModel.
Result<ModelReader> ReadModelFile(const std::string& path, std::string_view expected_kind);

}  // namespace chronicle

#endif  // CHRONICLE_LEARN_MODEL_FILE_H_
