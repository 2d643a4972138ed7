#include "event/preprocess.h"

#include <fmt/core.h>

#include "learn/hash.h"
#include "util/file.h"

namespace chronicle {
// "name fnv64" of a model file, so that the events model records exactly
// which upstream model it was trained with.
Result<std::string> ModelFingerprint(const std::string& path) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.error();
  return fmt::format("{} {:016x}", BaseName(path), HashBytes(bytes.value()));
}

Result<EventPreprocessor> EventPreprocessor::Load(const PreprocessOptions& o) {
  EventPreprocessor p;
  Result<Tokenizer> tok = Tokenizer::Load(o.data_dir);
  if (!tok.ok()) return tok.error();
  p.tokenizer_.emplace(std::move(tok).value());
  p.description_ = "tokenizer";
  if (!o.tagger_model.empty()) {
    Result<Tagger> t = Tagger::Load(o.tagger_model);
    if (!t.ok()) return t.error();
    p.tagger_.emplace(std::move(t).value());
    Result<std::string> f = ModelFingerprint(o.tagger_model);
    if (!f.ok()) return f.error();
    p.description_ += " +tagger(" + f.value() + ")";
  }
  if (!o.lemmatizer_model.empty()) {
    Result<Lemmatizer> l = Lemmatizer::Load(o.lemmatizer_model, o.wordnet_dir);
    if (!l.ok()) return l.error();
    p.lemmatizer_.emplace(std::move(l).value());
    Result<std::string> f = ModelFingerprint(o.lemmatizer_model);
    if (!f.ok()) return f.error();
    p.description_ += " +lemmatizer(" + f.value() + ")";
  }
  if (!o.parser_model.empty()) {
    Result<Parser> pa = Parser::Load(o.parser_model);
    if (!pa.ok()) return pa.error();
    p.parser_.emplace(std::move(pa).value());
    Result<std::string> f = ModelFingerprint(o.parser_model);
    if (!f.ok()) return f.error();
    p.description_ += " +parser(" + f.value() + ")";
  }
  return p;
}

void EventPreprocessor::Run(Document* doc) const {
  tokenizer_->Tokenize(doc);
  if (tagger_) tagger_->Tag(doc);
  if (lemmatizer_) lemmatizer_->Lemmatize(doc);
  if (parser_) parser_->Parse(doc);
}

}  // namespace chronicle
