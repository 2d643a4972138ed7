#include "event/preprocess.h"

#include <filesystem>
#include <string>

#include <unistd.h>

#include <fmt/core.h>
#include <gtest/gtest.h>

#include "learn/hash.h"
#include "learn/model_file.h"
#include "util/file.h"

namespace chronicle {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          fmt::format("chronicle_preprocess_{}_{}", ::getpid(), name))
      .string();
}

// The fingerprint is the container's checksum (FNV-1a 64 of every byte
// before the last 8), read without hashing the file.
TEST(ModelFingerprintTest, IsTheContainerChecksum) {
  ModelWriter body;
  body.U32(42);
  body.Strings({"a", "b"});
  const std::string path = TempPath("tagger.model");
  ASSERT_TRUE(WriteModelFile(path, "tagger", 1, "seed=1\n", body).ok());
  Result<std::string> bytes = ReadFile(path);
  ASSERT_TRUE(bytes.ok());
  const std::string& b = bytes.value();
  ASSERT_GT(b.size(), 16u);
  uint64_t expected = HashBytes(std::string_view(b).substr(0, b.size() - 8));
  Result<std::string> f = ModelFingerprint(path);
  ASSERT_TRUE(f.ok()) << f.error().ToString();
  EXPECT_EQ(f.value(), fmt::format("{} {:016x}", BaseName(path), expected));

  // Any other content (here: other settings) gives another fingerprint.
  ASSERT_TRUE(WriteModelFile(path, "tagger", 1, "seed=2\n", body).ok());
  Result<std::string> g = ModelFingerprint(path);
  ASSERT_TRUE(g.ok());
  EXPECT_NE(f.value(), g.value());
  std::filesystem::remove(path);
}

TEST(ModelFingerprintTest, RejectsMissingAndForeignFiles) {
  Result<std::string> missing = ModelFingerprint(TempPath("does_not_exist.model"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, Error::Kind::kIo);
  const std::string path = TempPath("foreign.model");
  ASSERT_TRUE(WriteFileAtomic(path, "not a model at all, just some text").ok());
  Result<std::string> foreign = ModelFingerprint(path);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().kind, Error::Kind::kModel);
  EXPECT_NE(foreign.error().ToString().find(path), std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace chronicle
