// `cmake --install` gives a working command and a library other projects
// build against: installs this build into a fresh prefix, runs the installed
// `chronicle` (which must find its data and models under
// PREFIX/share/chronicle, not in the checkout), then configures and builds
// examples/library with find_package(Chronicle) and runs it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `cmd` through the shell with its output in `log`; returns the exit
// status, and prints the log when it is not 0.
int Shell(const std::string& cmd, const fs::path& log) {
  int rc = std::system((cmd + " >'" + log.string() + "' 2>&1").c_str());
  if (rc != 0) std::cerr << cmd << "\n" << Slurp(log) << "\n";
  return rc;
}

TEST(InstallTest, InstalledCommandAndLibraryWork) {
#ifdef CHRONICLE_SANITIZED_BUILD
  GTEST_SKIP() << "the sanitized build's libraries need the sanitizer runtime to link against";
#endif
  fs::path tmp = fs::path(CHRONICLE_BINARY_DIR) / "install_test";
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  fs::path prefix = tmp / "prefix";
  const std::string source = CHRONICLE_SOURCE_DIR;
  const std::string article = std::string(CHRONICLE_SHARED_DIR) + "/examples/seed-article.txt";

  ASSERT_EQ(Shell("cmake --install '" + std::string(CHRONICLE_BINARY_DIR) + "' --prefix '" +
                    prefix.string() + "'",
                tmp / "install.log"),
            0);
  EXPECT_TRUE(fs::exists(prefix / "include/chronicle/pipeline/pipeline.h"));
  EXPECT_TRUE(fs::exists(prefix / "share/chronicle/models/parser.model"));
  EXPECT_TRUE(fs::exists(prefix / "share/chronicle/data/en"));
  EXPECT_FALSE(fs::exists(prefix / "include/chronicle/cli"));

  // The installed command, run from elsewhere, with no CHRONICLE_HOME: it
  // must use PREFIX/share/chronicle (a copy that differs from the checkout
  // would show: the stages would fail to load).
  ASSERT_EQ(Shell("cd '" + tmp.string() + "' && env -u CHRONICLE_HOME '" + (prefix / "bin/chronicle").string() +
                    "' annotate '" + article + "' --stages tokens,timex --to json -o out.json",
                tmp / "annotate.log"),
            0);
  std::string json = Slurp(tmp / "out.json");
  EXPECT_NE(json.find("\"2021-07-23\""), std::string::npos);

  fs::path build = tmp / "example";
  ASSERT_EQ(Shell("cmake -S '" + source + "/examples/library' -B '" + build.string() +
                    "' -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH='" + prefix.string() + "'",
                tmp / "configure.log"),
            0);
  ASSERT_EQ(Shell("cmake --build '" + build.string() + "'", tmp / "build.log"), 0);
  ASSERT_EQ(Shell("env CHRONICLE_HOME='" + (prefix / "share/chronicle").string() + "' '" +
                    (build / "timex_values").string() + "' '" + article + "'",
                tmp / "values.tsv"),
            0);
  std::string values = Slurp(tmp / "values.tsv");
  EXPECT_NE(values.find("July 23, 2021\tDATE\t2021-07-23"), std::string::npos) << values;
  EXPECT_NE(values.find("last month\tDATE\t2020-09"), std::string::npos) << values;
  fs::remove_all(tmp);
}

}  // namespace
