// Where Chronicle finds its rule files (data/) and trained models (models/).
//
// Order: an explicit directory (the --data / --models flags), then the
// CHRONICLE_HOME environment variable (a folder holding data/ and models/),
// then the nearest folder above the running executable that holds data/ and
// models/ (a build tree inside the checkout) or share/chronicle/ with them
// (an installation: PREFIX/bin/chronicle), then the installation's
// share/chronicle of the prefix the library was built for, then the source
// tree the library was built from.
#ifndef CHRONICLE_PIPELINE_PATHS_H_
#define CHRONICLE_PIPELINE_PATHS_H_

#include <string>

namespace chronicle {

struct ResourcePaths {
  std::string data_dir;    // holds en/timex/..., en/abbreviations.txt, ...
  std::string models_dir;  // holds the trained model files
  std::string wordnet_dir = "/usr/share/wordnet";
};

// Fills empty fields of `given` by the search order above. `argv0` is the
// program path (may be empty). Never fails: a directory that does not exist
// is reported by whoever opens a file in it.
ResourcePaths FindResources(const ResourcePaths& given, const std::string& argv0);

}  // namespace chronicle

#endif  // CHRONICLE_PIPELINE_PATHS_H_
