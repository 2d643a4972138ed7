#include "util/file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

namespace chronicle {
namespace {

namespace fs = std::filesystem;

class FileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("chronicle_file_test_" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(FileTest, WritesAtomicallyAndReadsBack) {
  std::string path = (dir_ / "out.txt").string();
  ASSERT_TRUE(WriteFileAtomic(path, "hello").ok());
  auto r = ReadFile(path);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), "hello");
}

TEST_F(FileTest, UncommittedWriterLeavesNothing) {
  std::string path = (dir_ / "half.txt").string();
  {
    AtomicWriter w;
    ASSERT_TRUE(w.Open(path).ok());
    w.Write("half of it");
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(FileTest, ErrorsNameThePath) {
  auto missing = ReadFile((dir_ / "nope.tml").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, Error::Kind::kIo);
  EXPECT_NE(missing.error().ToString().find("nope.tml: cannot open"), std::string::npos);
  auto dir = ReadFile(dir_.string());
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.error().message.find("is a directory"), std::string::npos);
  Status s = WriteFileAtomic((dir_ / "no" / "such" / "dir.txt").string(), "x");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, Error::Kind::kIo);
}

TEST_F(FileTest, ListsFilesSortedByExtension) {
  ASSERT_TRUE(WriteFileAtomic((dir_ / "b.tml").string(), "").ok());
  ASSERT_TRUE(WriteFileAtomic((dir_ / "a.tml").string(), "").ok());
  ASSERT_TRUE(WriteFileAtomic((dir_ / "c.txt").string(), "").ok());
  auto r = ListFiles(dir_.string(), {".tml"});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().size(), 2u);
  EXPECT_EQ(BaseName(r.value()[0]), "a.tml");
  EXPECT_EQ(Stem(r.value()[1]), "b");
}

TEST(Error, FormatsFileLineColumnAndCaret) {
  Error e = Error::Invalid("unexpected '<'", "doc.tml", 3, 5);
  e.source_line = "abc <<x";
  EXPECT_EQ(e.ToString(), "doc.tml:3:5: unexpected '<'");
  EXPECT_EQ(e.Pretty(), "doc.tml:3:5: unexpected '<'\nabc <<x\n    ^");
  EXPECT_EQ(Error::Usage("no input").ToString(), "no input");
  EXPECT_EQ(ExitCodeFor(Error::Kind::kIo), 3);
}

}  // namespace
}  // namespace chronicle
