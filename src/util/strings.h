// Small string helpers shared by the readers of line-based data files
// (WordNet data files, MATRES pair lists).
//
//   std::vector<std::string_view> f = SplitFields("a  b\tc");   // {"a", "b", "c"}
//
// Pure functions, thread-safe; the views point into the caller's string.
#ifndef CHRONICLE_UTIL_STRINGS_H_
#define CHRONICLE_UTIL_STRINGS_H_

#include <string_view>
#include <vector>

namespace chronicle {

// The non-empty runs of `line` between characters of `blanks` (a space and
// a tab by default). Never fails.
std::vector<std::string_view> SplitFields(std::string_view line,
                                          std::string_view blanks = " \t");

}  // namespace chronicle

#endif  // CHRONICLE_UTIL_STRINGS_H_
