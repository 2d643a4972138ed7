#include "io/jsonl.h"

#include <utility>

#include "io/json.h"

namespace chronicle {

JsonlReader::JsonlReader(std::istream* in, std::string file_name)
    : in_(in), file_name_(std::move(file_name)) {}

Result<bool> JsonlReader::Next(Document* doc) {
  for (;;) {
    if (!std::getline(*in_, line_)) {
      if (in_->bad()) return Error::Io("read error", file_name_);
      return false;
    }
    ++line_no_;
    std::string_view view = line_;
    if (line_no_ == 1 && view.substr(0, 3) == "\xEF\xBB\xBF") view.remove_prefix(3);
    if (view.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
    Result<Document> parsed = ParseJson(view, file_name_, line_no_);
    if (!parsed.ok()) return parsed.error();
    *doc = std::move(parsed).value();
    return true;
  }
}

JsonlWriter::JsonlWriter(std::ostream* out) : out_(out) {}

Status JsonlWriter::Write(const Document& doc) {
  buffer_ = WriteJson(doc, /*pretty=*/false);
  buffer_.push_back('\n');
  out_->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  if (!*out_) return Error::Io("write error");
  return Status::Ok();
}

}  // namespace chronicle
