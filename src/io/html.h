// HTML view: one self-contained page that shows a Document's text with its
// TIMEX3, EVENT and SIGNAL spans highlighted, a legend, hover details and a
// table of the expressions and links.
//
//   WriteFileAtomic("doc.html", WriteHtml(doc));   // open in any browser
//
// The page embeds the document as the JSON of io/json.h (compact) in a
// <script type="application/json" id="chronicle-data"> block and renders
// only from that JSON with inline JavaScript, so whatever the server or the
// command line write as JSON renders the same way. Nothing is fetched: no
// external style sheet, script, font or image. The document's text reaches
// the page only through textContent / attributes, never as markup, and the
// embedded JSON has '<', '>' and '&' escaped as \u003c, \u003e, \u0026 so no
// text can close the script block.
//
// Rendering: a TIMEX3 gets a background colour per type (DATE, TIME,
// DURATION, SET, other) and its value as a small label; an EVENT is
// underlined with its class as a label; a SIGNAL is dotted. Spans that nest
// become nested elements; spans that cross are split into fragments that
// carry the same data-id. Without JavaScript the page says so.
#ifndef CHRONICLE_IO_HTML_H_
#define CHRONICLE_IO_HTML_H_

#include <string>

#include "doc/document.h"

namespace chronicle {

// Returns the page (UTF-8). Deterministic: the same Document gives the same
// bytes. Never fails; preconditions as for WriteJson. Thread-safe.
std::string WriteHtml(const Document& doc);

}  // namespace chronicle

#endif  // CHRONICLE_IO_HTML_H_
