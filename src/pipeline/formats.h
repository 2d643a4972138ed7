// Input and output formats of the command line and the library: detection
// by file extension, reading one input into Documents, writing one Document.
//
//   Result<Format> f = ParseFormat("tml");
//   Result<Document> d = ReadDocument(bytes, "a.tml", Format::kTimeML, {}, &warnings);
//   std::string out = WriteDocument(d.value(), Format::kJson);
//
// JSON lines are streamed by the caller with src/io/jsonl.h; ReadDocument
// refuses them. All functions are thread-safe.
#ifndef CHRONICLE_PIPELINE_FORMATS_H_
#define CHRONICLE_PIPELINE_FORMATS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

enum class Format { kAuto, kText, kTimeML, kJson, kJsonl, kConllu, kHtml };

// "auto", "text", "tml", "json", "jsonl", "conllu", "html". Errors: kUsage
// listing the accepted names.
Result<Format> ParseFormat(std::string_view name);
std::string_view FormatName(Format f);
// By extension: .tml/.xml TimeML, .jsonl JSON lines, .json JSON, .conllu
// CoNLL-U, anything else text.
Format DetectFormat(std::string_view path);
// The extension an output of this format gets: ".tml", ".json", ...
std::string_view FormatExtension(Format f);

// Reads one document of format `f` (not kAuto, kJsonl or kHtml). `dct` is
// the --dct value, used when the input carries no DCT. Warnings for what
// could be recovered are appended to *warnings.
Result<Document> ReadDocument(std::string_view content, const std::string& path, Format f,
                              std::optional<std::string_view> dct,
                              std::vector<Error>* warnings);

// Serializes one document (f is not kAuto). For kJsonl: one line with '\n'.
std::string WriteDocument(const Document& doc, Format f);

}  // namespace chronicle

#endif  // CHRONICLE_PIPELINE_FORMATS_H_
