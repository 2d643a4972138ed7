// TimeML reader and writer in the TempEval-3 layout of the TBAQ corpus
// (shared/corpora/tbaq): <DOCID>, <DCT> holding TIMEX3 "t0", <TEXT> with
// inline TIMEX3 / EVENT / SIGNAL tags, then MAKEINSTANCE and TLINK / SLINK /
// ALINK elements after </TEXT>.
//
//   Result<std::string> bytes = ReadFile("wsj_0006.tml");
//   std::vector<Error> warnings;
//   Result<Document> doc = ParseTimeML(bytes.value(), "wsj_0006.tml", &warnings);
//   if (!doc.ok()) { std::cerr << doc.error().Pretty() << "\n"; return 1; }
//   for (const Error& w : warnings) std::cerr << "warning: " << w.ToString() << "\n";
//   std::string tml = WriteTimeML(doc.value());   // reads back to the same doc
//
// Document::text is the character content of <TEXT> with the tags removed and
// entities decoded (XML end-of-line handling applies: a CR LF pair reads as
// LF); every span is a byte range of that text. Elements outside <TEXT> that
// are not DOCID, DCT, MAKEINSTANCE or a link (EXTRAINFO, TITLE, ...) are kept
// verbatim as RawElement. parse -> write -> parse gives the same Document for
// every file of the corpus (checked by timeml_slowtest).
//
// Both functions are pure and thread-safe.
#ifndef CHRONICLE_IO_TIMEML_H_
#define CHRONICLE_IO_TIMEML_H_

#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

// Parses a TimeML document in the TempEval-3 layout of
// /work/shared/corpora/tbaq. file_name is used in messages and as
// Document::source_name; Document::id is the DOCID, or the file's stem when
// there is none.
//
// Recoverable problems are appended to *warnings (may be null) as Errors with
// file:line:col and the source line, and parsing goes on:
//   - an unknown tag inside <TEXT> (the tag is dropped, its text kept);
//   - an attribute TimeML does not define (kept in `extra`);
//   - a TIMEX3 / EVENT / SIGNAL with no text (dropped) or with text that
//     starts or ends with white space (kept);
//   - a MAKEINSTANCE naming a missing EVENT, a TLINK / SLINK / ALINK naming
//     a missing instance or TIMEX3 (dropped), a signalID, anchorTimeID,
//     beginPoint or endPoint naming nothing (kept);
//   - an entity without its id attribute (dropped), text outside elements.
// Unrecoverable problems return an Error (kInvalidInput) at the spot:
// malformed XML (unclosed or mismatched tag, bad entity, bad attribute
// syntax), invalid UTF-8, NUL bytes, an empty file, a root other than
// <TimeML>, a duplicate id, a missing <TEXT>, a missing DCT or a DCT whose
// value is not a possible date ("2021-02-30").
Result<Document> ParseTimeML(std::string_view content, const std::string& file_name,
                             std::vector<Error>* warnings);

// Writes the TempEval-3 layout: XML declaration, <TimeML ...>, <DOCID>,
// <DCT><TIMEX3 tid="t0" ... functionInDocument="CREATION_TIME">..</TIMEX3></DCT>,
// the raw elements where they stood, <TEXT> with inline TIMEX3 / EVENT /
// SIGNAL tags (properly nested, text XML-escaped), then MAKEINSTANCE, TLINK,
// SLINK and ALINK elements. The output is deterministic; empty fields are
// left out; `extra` attributes follow the known ones in order.
//
// Never fails. What XML cannot express is left out rather than written
// wrong: a span outside the text or splitting a UTF-8 character, a span that
// crosses another one (the later tag in document order is left out), and
// then the instances and links that name a left-out entity. A document
// without a DCT is written without <DCT> (ParseTimeML will refuse it).
std::string WriteTimeML(const Document& doc);

}  // namespace chronicle

#endif  // CHRONICLE_IO_TIMEML_H_
