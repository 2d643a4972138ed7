// Helpers shared by the syntax models: reading treebanks and walking the
// token sequences of a Document. Internal to src/syntax/.
#ifndef CHRONICLE_SYNTAX_CORPUS_H_
#define CHRONICLE_SYNTAX_CORPUS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

// Reads and parses a CoNLL-U file. Errors: kIo, kInvalidInput.
Result<Document> ReadConlluFile(const std::string& path);

// Reads `first` and then each of `more` as one treebank (their sentences in
// that order). An error names the file and line it is in (the files are
// parsed alone only when the whole fails). Errors: kIo, kInvalidInput.
Result<Document> ReadConlluFiles(const std::string& first, const std::vector<std::string>& more);

// The token ranges [first, end) a model processes: each sentence, plus one
// range per run of tokens outside every sentence (a document without
// sentences is one range). Ranges are clipped to the token vector.
std::vector<std::pair<uint32_t, uint32_t>> TokenRanges(const Document& doc);

// The ranges `which` (indexes into `ranges`, from TokenRanges) of `doc` as a
// document of their own: text joined by single spaces, tokens with their
// spans and heads shifted, one sentence a range. Empty ranges are skipped.
// Used to train jackknife folds.
Document SubDocument(const Document& doc, const std::vector<std::pair<uint32_t, uint32_t>>& ranges,
                     const std::vector<size_t>& which);

// "<file name>", plus the treebank's credit when it is UD English EWT.
std::string TrainingDataNote(const std::string& train_path);
// The same for several files, joined by " + ".
std::string TrainingDataNote(const std::string& first, const std::vector<std::string>& more);

// "key=value\n" line for model settings (newlines in value become spaces).
std::string SettingLine(const std::string& key, const std::string& value);

}  // namespace chronicle

#endif  // CHRONICLE_SYNTAX_CORPUS_H_
