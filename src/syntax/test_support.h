// Test-only helpers shared by the syntax tests (src/syntax/*_test.cc): a
// scratch folder of the test process and small slices of UD English EWT.
//
//   std::string train = EwtSlice("en_ewt-ud-train.conllu", 300, "train.conllu");
//   TrainOptions o{.train_path = train, .output_path = ScratchDir() + "/t.model"};
//
// Header-only; include it from tests only (it uses GoogleTest and the
// CHRONICLE_SHARED_DIR macro the test targets define).
#ifndef CHRONICLE_SYNTAX_TEST_SUPPORT_H_
#define CHRONICLE_SYNTAX_TEST_SUPPORT_H_

#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "util/file.h"

namespace chronicle {

// A scratch folder of this test process: CTest runs tests as separate
// processes in parallel, and they must not share model files.
inline std::string ScratchDir() {
  static const std::string dir = [] {
    std::string d = testing::TempDir() + "/chronicle_syntax_" + std::to_string(getpid());
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

// The first `n` sentences of the EWT file `file` (e.g.
// "en_ewt-ud-train.conllu"), written to ScratchDir()/name; returns that path
// ("" and a test failure when EWT cannot be read).
inline std::string EwtSlice(const std::string& file, int n, const std::string& name) {
  Result<std::string> all =
      ReadFile(std::string(CHRONICLE_SHARED_DIR) + "/corpora/ud-english-ewt/" + file);
  EXPECT_TRUE(all.ok());
  if (!all.ok()) return {};
  size_t pos = 0;
  for (int i = 0; i < n; ++i) {
    size_t blank = all.value().find("\n\n", pos);
    if (blank == std::string::npos) break;
    pos = blank + 2;
  }
  std::string path = ScratchDir() + "/" + name;
  EXPECT_TRUE(WriteFileAtomic(path, all.value().substr(0, pos)).ok());
  return path;
}

}  // namespace chronicle

#endif  // CHRONICLE_SYNTAX_TEST_SUPPORT_H_
