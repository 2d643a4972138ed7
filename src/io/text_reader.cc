#include "io/text_reader.h"

#include <fmt/core.h>

#include "io/input_check.h"
#include "util/date.h"
#include "util/file.h"

namespace chronicle {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

Timex DctTimex(const Dct& dct) {
  Timex t;
  t.id = "t0";
  t.type = dct.has_time ? "TIME" : "DATE";
  t.value = dct.ToValue();
  t.temporal_function = "false";
  t.function_in_document = "CREATION_TIME";
  return t;
}

}  // namespace

Result<Document> ParseTextWithDct(std::string_view content, const std::string& file_name,
                                  std::optional<std::string_view> dct_override) {
  if (Status s = CheckInputBytes(content, file_name); !s.ok()) return s.error();
  size_t body = 0;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") body = 3;

  // A first line "date" + blanks + something that starts with a digit is a
  // DCT line (blanks before "date" are allowed); "date night was fun" is
  // text.
  std::optional<Dct> dct;
  std::string_view first = content.substr(body);
  size_t d = 0;
  while (d < first.size() && (first[d] == ' ' || first[d] == '\t')) ++d;
  if (first.substr(d, 4) == "date" && first.size() > d + 5 &&
      (first[d + 4] == ' ' || first[d + 4] == '\t')) {
    size_t i = d + 4;
    while (i < first.size() && (first[i] == ' ' || first[i] == '\t')) ++i;
    if (i < first.size() && first[i] >= '0' && first[i] <= '9') {
      size_t e = i;
      while (e < first.size() && !IsBlank(first[e])) ++e;
      Result<Dct> parsed = ParseDct(first.substr(i, e - i));
      if (!parsed.ok()) return ErrorAt(content, body + i, file_name, parsed.error().message);
      dct = parsed.value();
      size_t nl = first.find('\n', e);
      body += nl == std::string_view::npos ? first.size() : nl + 1;
    }
  }
  std::string_view text = content.substr(body);
  bool empty = true;
  for (char c : text) {
    if (!IsBlank(c)) {
      empty = false;
      break;
    }
  }
  if (empty) return Error::Invalid("empty document", file_name);
  if (!dct && dct_override) {
    Result<Dct> parsed = ParseDct(*dct_override);
    if (!parsed.ok()) return Error::Usage(fmt::format("--dct: {}", parsed.error().message));
    dct = parsed.value();
  }
  if (!dct) {
    return Error::Invalid(
        "no DCT: start the file with a line `date YYYY-MM-DD` or pass --dct YYYY-MM-DD",
        file_name);
  }
  Document doc;
  doc.id = Stem(file_name);
  doc.source_name = file_name;
  doc.text = std::string(text);
  doc.dct = DctTimex(*dct);
  return doc;
}

}  // namespace chronicle
