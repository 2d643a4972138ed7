// Part-of-speech tagger: Penn Treebank tags (XPOS), Universal POS tags
// (UPOS) and morphological features (FEATS) for given tokens.
//
//   Result<Tagger> tagger = Tagger::Load("models/tagger.model");
//   if (!tagger.ok()) return tagger.error();
//   tagger.value().Tag(&doc);  // doc has tokens and sentences
//   for (const Token& t : doc.tokens) std::cout << t.xpos << " " << t.upos;
//
// Model: a greedy left-to-right averaged perceptron over joint XPOS+UPOS
// tags, with word, lowercase, prefix/suffix, shape and neighbouring-word
// features and the two previous predicted tags; the shipped model's weights
// are the mean of 3 such perceptrons trained on different shuffles. An
// optional second pass (off in the shipped model) rescores the tokens the
// first is unsure of with the first pass's tags on both sides. FEATS come from a table
// learned from the treebank: the most frequent FEATS of (word, tag), else of
// the tag. Trained by TrainTagger (syntax/train.h).
#ifndef CHRONICLE_SYNTAX_TAGGER_H_
#define CHRONICLE_SYNTAX_TAGGER_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

struct TaggerModel;

class Tagger {
 public:
  // Loads a model written by TrainTagger. Errors: kIo (unreadable file),
  // kModel (not a tagger model, unknown version, corrupt or truncated; the
  // message names the file, what was expected and what was found).
  static Result<Tagger> Load(const std::string& path);
  // Parses a model from bytes (file_name is used in error messages).
  static Result<Tagger> FromBytes(std::string_view bytes, const std::string& file_name);

  // Fills upos, xpos and feats of every token of every sentence (tokens
  // outside all sentences are tagged as one extra sequence). Thread-safe:
  // the model is read-only; scratch space is per call.
  void Tag(Document* doc) const;

  // The model's training settings ("key=value" lines).
  const std::string& settings() const;

 private:
  std::shared_ptr<const TaggerModel> model_;
};

struct TrainOptions;

// Jackknifed tags for training the models that read tags (the lemmatizer's
// case model; the parser has its own copy): the sentences of *train (index
// r in TokenRanges order) are split into o.jackknife_folds folds by r %
// folds, and the upos, xpos and feats of each fold are replaced by those of
// a tagger trained (in memory, with every tagger option of `o`: clusters,
// bags, ...) on the other folds for o.jackknife_iterations iterations with
// seed o.seed + 1 + fold, so they are as wrong as tags on new text. One
// progress line per fold when `progress` is not null. Errors: kUsage (fewer
// than 2 folds, bad options), kIo (clusters file). Deterministic; not
// thread-safe with respect to *train.
Status JackknifeTags(const TrainOptions& o, Document* train, std::ostream* progress);

}  // namespace chronicle

#endif  // CHRONICLE_SYNTAX_TAGGER_H_
