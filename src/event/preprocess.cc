#include "event/preprocess.h"

#include <fstream>

#include <fmt/core.h>

#include "learn/model_file.h"
#include "util/file.h"

namespace chronicle {
// "name checksum" of a model file: the container's own FNV-1a 64 checksum
// of every byte before it (learn/model_file.h), read from the last 8 bytes,
// so that checking a 14 MB parser costs two small reads, not a hash of the
// whole file. Any change to the file changes it (or breaks the container,
// which the model's own Load() rejects).
Result<std::string> ModelFingerprint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io(fmt::format("cannot open {}", path), path);
  char magic[8] = {};
  unsigned char tail[8] = {};
  in.read(magic, sizeof(magic));
  if (!in || std::string_view(magic, sizeof(magic)) != std::string_view(kModelMagic, 8)) {
    return Error::Model("not a Chronicle model file (no CHRNMODL header)", path);
  }
  in.seekg(-8, std::ios::end);
  in.read(reinterpret_cast<char*>(tail), sizeof(tail));
  if (!in) return Error::Io(fmt::format("cannot read the checksum at the end of {}", path), path);
  uint64_t checksum = 0;
  for (int i = 7; i >= 0; --i) checksum = (checksum << 8) | tail[i];
  return fmt::format("{} {:016x}", BaseName(path), checksum);
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
