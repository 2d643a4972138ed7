#include "pipeline/paths.h"

#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <filesystem>

namespace chronicle {
namespace fs = std::filesystem;

namespace {

#ifndef CHRONICLE_SOURCE_DIR
#define CHRONICLE_SOURCE_DIR ""
#endif
#ifndef CHRONICLE_INSTALL_DATADIR
#define CHRONICLE_INSTALL_DATADIR ""
#endif

bool IsHome(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "data" / "en", ec) && fs::is_directory(dir / "models", ec);
}

// The folder holding both data/ and models/, searched upwards from the
// binary: a checkout (build/chronicle) or an installation
// (PREFIX/bin/chronicle with PREFIX/share/chronicle).
std::string HomeNearBinary(const std::string& argv0) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = fs::path(argv0);
  for (fs::path dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (IsHome(dir)) return dir.string();
    if (IsHome(dir / "share" / "chronicle")) return (dir / "share" / "chronicle").string();
    if (dir == dir.root_path()) break;
  }
  return {};
}

}  // namespace

ResourcePaths FindResources(const ResourcePaths& given, const std::string& argv0) {
  ResourcePaths out = given;
  std::string home;
  if (const char* env = std::getenv("CHRONICLE_HOME"); env != nullptr && *env) {
    home = env;
  } else {
    home = HomeNearBinary(argv0);
    // A program linking the installed library: where `cmake --install` put
    // data/ and models/, else the tree the library was built from.
    if (home.empty() && *CHRONICLE_INSTALL_DATADIR && IsHome(CHRONICLE_INSTALL_DATADIR)) {
      home = CHRONICLE_INSTALL_DATADIR;
    }
    if (home.empty()) home = CHRONICLE_SOURCE_DIR;
  }
  if (out.data_dir.empty()) out.data_dir = (fs::path(home) / "data").string();
  if (out.models_dir.empty()) out.models_dir = (fs::path(home) / "models").string();
  return out;
}

}  // namespace chronicle
