#include "util/strings.h"

namespace chronicle {

std::vector<std::string_view> SplitFields(std::string_view line, std::string_view blanks) {
  std::vector<std::string_view> out;
  size_t i = line.find_first_not_of(blanks);
  while (i != std::string_view::npos) {
    size_t j = line.find_first_of(blanks, i);
    if (j == std::string_view::npos) j = line.size();
    out.push_back(line.substr(i, j - i));
    i = line.find_first_not_of(blanks, j);
  }
  return out;
}

bool NextLine(std::string_view text, size_t* pos, std::string_view* line) {
  if (*pos >= text.size()) return false;
  size_t nl = text.find('\n', *pos);
  if (nl == std::string_view::npos) nl = text.size();
  *line = text.substr(*pos, nl - *pos);
  *pos = nl + 1;
  return true;
}

}  // namespace chronicle
