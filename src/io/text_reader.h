// Reader for plain text with a document creation time (DCT): the input of
// `chronicle annotate --from text`.
//
//   date 2020-10-02
//   Sales fell last month, the company said on Friday.
//
// A first line `date YYYY-MM-DD` (or `date YYYY-MM-DDThh:mm`; blanks before
// `date` and anything after the date on that line are ignored) gives the DCT; that line and its newline
// are not part of Document::text. Otherwise the caller's --dct value is used.
//
//   Result<Document> doc = ParseTextWithDct(bytes, "seed-article.txt", std::nullopt);
//   if (!doc.ok()) { std::cerr << doc.error().Pretty() << "\n"; return 1; }
//
// Pure and thread-safe.
#ifndef CHRONICLE_IO_TEXT_READER_H_
#define CHRONICLE_IO_TEXT_READER_H_

#include <optional>
#include <string>
#include <string_view>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

// Reads `content` (the file's bytes; file_name names it in messages, as
// Document::source_name, and its stem becomes Document::id).
//
// The DCT: the input's own `date` line wins over dct_override (the --dct
// value); with neither, an error says how to give one. The DCT becomes
// Document::dct = Timex{id "t0", type "DATE" ("TIME" when a time of day is
// given), value in the form YYYY-MM-DD[Thh:mm[:ss]], function_in_document
// "CREATION_TIME", temporal_function "false"}.
//
// Errors (kInvalidInput, "file:line:col: message" where there is a spot):
// a NUL byte or invalid UTF-8 (at the first bad byte), an impossible or
// malformed date on the `date` line (at the date, e.g. file:1:6), an empty
// document (nothing but white space after the `date` line), no DCT at all.
// A bad dct_override is a kUsage error that names --dct.
// The text is kept byte for byte (CR LF stays CR LF); a UTF-8 byte order
// mark at the start is dropped.
Result<Document> ParseTextWithDct(std::string_view content, const std::string& file_name,
                                  std::optional<std::string_view> dct_override);

}  // namespace chronicle

#endif  // CHRONICLE_IO_TEXT_READER_H_
