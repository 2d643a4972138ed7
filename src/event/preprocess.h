// The stages the event stage expects before it, in one place, so that
// training, the accuracy slow test and the benchmark prepare documents
// exactly as the pipeline does: tokenizer, then the part-of-speech tagger,
// lemmatizer and parser when their models are given.
//
//   Result<EventPreprocessor> pre = EventPreprocessor::Load(
//       {.data_dir = "data", .tagger_model = "models/tagger.model"});
//   pre.value().Run(&doc);   // doc.text set; fills tokens, sentences, tags
//
// Read-only after Load(); Run() is thread-safe.
#ifndef CHRONICLE_EVENT_PREPROCESS_H_
#define CHRONICLE_EVENT_PREPROCESS_H_

#include <memory>
#include <optional>
#include <string>

#include "doc/document.h"
#include "syntax/lemmatizer.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "text/tokenizer.h"
#include "util/error.h"

namespace chronicle {

struct PreprocessOptions {
  std::string data_dir;
  std::string tagger_model;      // "" = no tags
  std::string lemmatizer_model;  // "" = no lemmas (needs the tagger)
  std::string parser_model;      // "" = no parse
  std::string wordnet_dir = "/usr/share/wordnet";  // for the lemmatizer
};

// "<file name> <checksum, 16 hex digits>" of a model file, as recorded in
// description(): the FNV-1a 64 checksum the model container ends with
// (learn/model_file.h), which covers every byte before it. Reads 16 bytes,
// not the file. Errors: kIo for an unreadable file, kModel for a file that
// is not a Chronicle model.
Result<std::string> ModelFingerprint(const std::string& path);

class EventPreprocessor {
 public:
  // Errors: those of Tokenizer::Load, Tagger::Load, Lemmatizer::Load and
  // Parser::Load (naming the file).
  static Result<EventPreprocessor> Load(const PreprocessOptions& o);
  // Replaces doc's tokens and sentences and fills the linguistic layer.
  void Run(Document* doc) const;
  // "tokenizer", then "+tagger(<file name> <checksum>)" and so on:
  // recorded in the events model so that it names what it was trained on.
  const std::string& description() const { return description_; }

 private:
  std::optional<Tokenizer> tokenizer_;
  std::optional<Tagger> tagger_;
  std::optional<Lemmatizer> lemmatizer_;
  std::optional<Parser> parser_;
  std::string description_;
};

}  // namespace chronicle

#endif  // CHRONICLE_EVENT_PREPROCESS_H_
