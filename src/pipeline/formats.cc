#include "pipeline/formats.h"

#include <fmt/core.h>

#include "io/conllu.h"
#include "io/html.h"
#include "io/json.h"
#include "io/text_reader.h"
#include "io/timeml.h"
#include "util/date.h"

namespace chronicle {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Result<Format> ParseFormat(std::string_view name) {
  if (name == "auto") return Format::kAuto;
  if (name == "text" || name == "txt") return Format::kText;
  if (name == "tml" || name == "timeml") return Format::kTimeML;
  if (name == "json") return Format::kJson;
  if (name == "jsonl") return Format::kJsonl;
  if (name == "conllu") return Format::kConllu;
  if (name == "html") return Format::kHtml;
  return Error::Usage(fmt::format(
      "unknown format \"{}\": expected one of auto, text, tml, json, jsonl, conllu, html", name));
}

std::string_view FormatName(Format f) {
  switch (f) {
    case Format::kAuto: return "auto";
    case Format::kText: return "text";
    case Format::kTimeML: return "tml";
    case Format::kJson: return "json";
    case Format::kJsonl: return "jsonl";
    case Format::kConllu: return "conllu";
    case Format::kHtml: return "html";
  }
  return "auto";
}

Format DetectFormat(std::string_view path) {
  if (EndsWith(path, ".tml") || EndsWith(path, ".xml")) return Format::kTimeML;
  if (EndsWith(path, ".jsonl")) return Format::kJsonl;
  if (EndsWith(path, ".json")) return Format::kJson;
  if (EndsWith(path, ".conllu")) return Format::kConllu;
  return Format::kText;
}

std::string_view FormatExtension(Format f) {
  switch (f) {
    case Format::kTimeML: return ".tml";
    case Format::kJson: return ".json";
    case Format::kJsonl: return ".jsonl";
    case Format::kConllu: return ".conllu";
    case Format::kHtml: return ".html";
    case Format::kText:
    case Format::kAuto: return ".txt";
  }
  return ".txt";
}

Result<Document> ReadDocument(std::string_view content, const std::string& path, Format f,
                              std::optional<std::string_view> dct,
                              std::vector<Error>* warnings) {
  switch (f) {
    case Format::kText:
      return ParseTextWithDct(content, path, dct);
    case Format::kTimeML:
      return ParseTimeML(content, path, warnings);
    case Format::kJson:
      return ParseJson(content, path, 0);
    case Format::kConllu: {
      Result<Document> doc = ParseConllu(content, path);
      if (!doc.ok()) return doc;
      Document d = std::move(doc).value();
      if (!d.dct && dct) {
        Result<Dct> parsed = ParseDct(*dct);
        if (!parsed.ok()) {
          Error e = parsed.error();
          e.file = "--dct";
          return e;
        }
        d.dct = Timex{.id = "t0", .type = "DATE", .value = parsed.value().ToValue(),
                      .temporal_function = "false", .function_in_document = "CREATION_TIME"};
      }
      return d;
    }
    case Format::kAuto:
    case Format::kJsonl:
    case Format::kHtml:
      break;
  }
  return Error::Usage(fmt::format("cannot read {} as one document", FormatName(f)));
}

std::string WriteDocument(const Document& doc, Format f) {
  switch (f) {
    case Format::kTimeML: return WriteTimeML(doc);
    case Format::kJson: return WriteJson(doc, /*pretty=*/true) + "\n";
    case Format::kJsonl: return WriteJson(doc, /*pretty=*/false) + "\n";
    case Format::kConllu: return WriteConllu(doc);
    case Format::kHtml: return WriteHtml(doc);
    case Format::kText:
    case Format::kAuto: break;
  }
  // Text with its DCT line, the form ParseTextWithDct reads back.
  return doc.dct ? fmt::format("date {}\n{}", doc.dct->value, doc.text) : doc.text;
}

}  // namespace chronicle
