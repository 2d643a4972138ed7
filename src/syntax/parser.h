// Dependency parser: Universal Dependencies heads and relations for tagged
// tokens (run the Tagger first: the parser reads Token::xpos).
//
//   Result<Parser> parser = Parser::Load("models/parser.model");
//   if (!parser.ok()) return parser.error();
//   tagger.Tag(&doc);
//   parser.value().Parse(&doc);   // fills Token::head and Token::deprel
//
// Model: greedy transition-based arc-hybrid parser (SHIFT, LEFT-label,
// RIGHT-label) with an averaged perceptron over Zhang & Nivre style
// features, trained with a dynamic oracle and exploration (Goldberg & Nivre
// 2013). The oracle scores every transition by the gold arcs it makes
// unreachable and takes the cheapest, so non-projective training trees need
// no projectivization (the parser itself only builds projective trees).
// Exactly one token per sentence gets the root (kRootHead). Runs in time
// linear in the sentence length. Trained by TrainParser (syntax/train.h).
#ifndef CHRONICLE_SYNTAX_PARSER_H_
#define CHRONICLE_SYNTAX_PARSER_H_

#include <memory>
#include <string>
#include <string_view>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

struct ParserModel;

class Parser {
 public:
  // Errors: kIo (unreadable file), kModel (not a parser model, unknown
  // version, corrupt or truncated; names the file, what was expected and
  // what was found).
  static Result<Parser> Load(const std::string& path);
  static Result<Parser> FromBytes(std::string_view bytes, const std::string& file_name);

  // Fills head (a token index within the same sentence, or kRootHead) and
  // deprel of every token of every sentence. Thread-safe (read-only model,
  // per-call scratch).
  void Parse(Document* doc) const;

  const std::string& settings() const;

 private:
  std::shared_ptr<const ParserModel> model_;
};

}  // namespace chronicle

#endif  // CHRONICLE_SYNTAX_PARSER_H_
