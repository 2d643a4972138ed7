// Small string helpers shared by the readers of line-based data files
// (WordNet data files, MATRES pair lists, rules, lexicons, word clusters).
//
//   std::vector<std::string_view> f = SplitFields("a  b\tc");   // {"a", "b", "c"}
//   size_t pos = 0;
//   std::string_view line;
//   while (NextLine(text, &pos, &line)) { ... }                   // each line of text
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

// The line of `text` that starts at *pos, without its '\n' (a '\r' is
// kept), and moves *pos past it. Returns false when *pos is at or past the
// end, so text ending in '\n' has no empty last line. Never fails.
bool NextLine(std::string_view text, size_t* pos, std::string_view* line);

}  // namespace chronicle

#endif  // CHRONICLE_UTIL_STRINGS_H_
