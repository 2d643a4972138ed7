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

// The checkout that holds both data/ and models/, searched from the binary.
std::string HomeNearBinary(const std::string& argv0) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = fs::path(argv0);
  for (fs::path dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_directory(dir / "data" / "en", ec) && fs::is_directory(dir / "models", ec)) {
      return dir.string();
    }
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
    if (home.empty()) home = CHRONICLE_SOURCE_DIR;
  }
  if (out.data_dir.empty()) out.data_dir = (fs::path(home) / "data").string();
  if (out.models_dir.empty()) out.models_dir = (fs::path(home) / "models").string();
  return out;
}

}  // namespace chronicle
