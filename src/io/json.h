// JSON: the one JSON shape of a Document that the command line, the library,
// the server and the HTML view share (docs/json-format.md describes it key by
// key).
//
//   Document doc = ...;                       // annotated by the pipeline
//   std::string json = WriteJson(doc, /*pretty=*/true);
//   Result<Document> back = ParseJson(json, "doc.json", /*line_no=*/0);
//   if (!back.ok()) std::cerr << back.error().Pretty() << "\n";
//
// Offsets in the JSON are Unicode code points into "text" (what JavaScript's
// Array.from(text) and Python's str index); the Document keeps byte offsets,
// and both functions convert with util/utf8.h's OffsetMap.
//
// Output is deterministic: fixed key order, optional keys left out when
// empty, "tokens", "sentences", "timexes", "events", "signals" and "tlinks"
// always present (possibly []), "slinks", "alinks" and "rawElements" only
// when non-empty.
//
// Both functions are pure and thread-safe.
#ifndef CHRONICLE_IO_JSON_H_
#define CHRONICLE_IO_JSON_H_

#include <string>
#include <string_view>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

// Serializes `doc`. pretty = true gives the .json layout (2-space indent, one
// line per token / timex / event / link); pretty = false gives one compact
// line (JSON lines). Neither ends with a newline: files add their own.
//
// Never fails. Preconditions are those of Document::Validate(); spans beyond
// the text are clamped and invalid UTF-8 bytes are written as U+FFFD rather
// than producing invalid JSON. Event instance attributes come from the
// instances whose event_id names the event (the first one inline, further
// ones under "instances"); instances of no event are not written.
std::string WriteJson(const Document& doc, bool pretty);

// Parses one JSON document of the shape WriteJson writes; a minimal
// {"text": ..., "dct": ..., "id": ...} is enough. Unknown keys are ignored.
// Offsets (code points) are converted back to bytes; missing entity ids are
// numbered (t1.., e1.., s1.., l1..); `source_name` becomes `file_name`; a
// missing "id" becomes Stem(file_name), or Stem(file_name) + "-" + line_no
// for a JSON line.
//
// line_no is the line of `content` in a JSON lines file (1-based), or 0 when
// `content` is a whole .json file.
//
// Errors (kInvalidInput), as "file:line:col: message" with the source line
// for Error::Pretty(): malformed JSON or invalid UTF-8 (at the parser's
// position); a missing or non-string "text"; an impossible "dct" such as
// 2021-02-30; a wrong type, an offset beyond the text, start > end, a "text"
// that does not match the text at its offsets, a head outside the tokens.
// These name the JSON path (e.g. "timexes[2].end: ...") and point at that
// value's line and column (for a JSON line: line_no and the column in it).
// Duplicate ids and links to missing entities (Document::Validate) carry
// line_no only.
Result<Document> ParseJson(std::string_view content, const std::string& file_name,
                           int line_no);

}  // namespace chronicle

#endif  // CHRONICLE_IO_JSON_H_
