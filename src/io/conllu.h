// CoNLL-U (Universal Dependencies) reader and writer.
//
// The treebank format carries given tokens and sentences; Chronicle reads
// it into a Document so the tagger, lemmatizer and parser can be trained and
// evaluated on gold tokens, and `chronicle annotate --from conllu` keeps the
// given tokenization.
//
//   Result<Document> doc = ParseConllu(content, "en_ewt-ud-dev.conllu");
//   if (!doc.ok()) { std::cerr << doc.error().Pretty() << "\n"; return 1; }
//   for (const Token& t : doc.value().tokens) Use(t.upos, t.head);
//   std::string back = WriteConllu(doc.value());
//
// Reading:
// - Each sentence (a block of lines ended by a blank line or the end of the
//   input) becomes one Sentence; each syntactic word (integer ID) one Token.
//   Empty nodes (IDs like "8.1", enhanced dependencies only) are skipped.
// - Document::text is made of the sentences' `# text =` lines when present
//   (a sentence without one gets its forms joined by a space unless MISC has
//   SpaceAfter=No). Sentences are joined with a single space; a sentence that
//   starts a paragraph or a document (`# newpar`, `# newdoc`) is preceded by
//   a newline instead. Token spans point into that text: each form must be
//   found at the current position (after spaces), else it is an error.
// - Multiword tokens (range lines "19-20 don't"): the surface form is what
//   the text holds. When the syntactic words' forms concatenate to the
//   surface ("do" + "n't"), each word gets its own span inside the surface
//   and every word but the last has space_after = false. Otherwise ("del" =
//   "de" + "el") every word shares the whole surface span; the writer turns
//   such runs of equal spans back into a range line, but the words' own
//   forms are then written as the surface form (Token has no form field).
// - Columns: UPOS, XPOS, LEMMA, FEATS, DEPREL are copied ("_" becomes the
//   empty string, except a LEMMA "_" of the form "_"); HEAD becomes a
//   document token index (kRootHead for 0, kNoHead for "_"); DEPS and the
//   rest of MISC are ignored. space_after is false iff MISC has
//   SpaceAfter=No (for a multiword token, the range line's MISC).
// - Errors (kInvalidInput) read "file:line:col: message" with the offending
//   line: wrong column count, bad or out-of-order ID, bad HEAD, a form that
//   does not match `# text`, an empty FORM.
//
// Writing: one block per Sentence with `# sent_id = N` and `# text = ...`
// (the sentence's text with line breaks turned into spaces), then one line
// per token with whatever layers are set ("_" for empty), HEAD relative to
// the sentence (0 for root, "_" when unknown or outside the sentence), and
// SpaceAfter=No in MISC when the token is directly followed by the next.
// Tokens outside every sentence are written as one extra sentence each run.
//
// All functions are pure and thread-safe.
#ifndef CHRONICLE_IO_CONLLU_H_
#define CHRONICLE_IO_CONLLU_H_

#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

// Reads a whole CoNLL-U file as one Document (id = the file's stem,
// source_name = file_name). Returns kInvalidInput with file:line:col on
// malformed input.
Result<Document> ParseConllu(std::string_view content, const std::string& file_name);

// Same, but starts a new Document at each `# newdoc` (id from
// `# newdoc id = X` when given, else "<stem>-N"). Sentences before the first
// `# newdoc` form a document of their own. Returns kInvalidInput on
// malformed input.
Result<std::vector<Document>> ParseConlluDocuments(std::string_view content,
                                                   const std::string& file_name);

// Writes the document's sentences and tokens (see above). Never fails.
std::string WriteConllu(const Document& doc);

}  // namespace chronicle

#endif  // CHRONICLE_IO_CONLLU_H_
