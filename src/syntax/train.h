// Training the linguistic models (tagger, lemmatizer, parser) from CoNLL-U
// treebanks. The command line (`chronicle train tagger|lemmatizer|parser`)
// calls these functions; each writes one model file atomically.
//
//   TrainOptions o{.train_path = "en_ewt-ud-train.conllu",
//                  .dev_path = "en_ewt-ud-dev.conllu",
//                  .output_path = "models/tagger.model",
//                  .iterations = 10, .seed = 1};
//   Status s = TrainTagger(o, &std::cerr);   // one progress line per iteration
//
// Training is deterministic: the same options and data give a byte-identical
// file (the seed drives the only randomness, sentence order and parser
// exploration; no clock, no thread count, no hash-map order reaches the
// output). Errors: kIo / kInvalidInput from reading the treebanks (with
// file:line:col), kIo when the output cannot be written, kUsage for bad
// options. Not thread-safe with respect to the same output path.
#ifndef CHRONICLE_SYNTAX_TRAIN_H_
#define CHRONICLE_SYNTAX_TRAIN_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "util/error.h"

namespace chronicle {

struct TrainOptions {
  std::string train_path;   // CoNLL-U
  // Tagger, lemmatizer and parser: more CoNLL-U files whose sentences are
  // added to train_path's (the shipped models train on EWT train + dev; see
  // models/README.md). Jackknife fold taggers never re-add them.
  std::vector<std::string> more_train_paths;
  std::string dev_path;     // CoNLL-U; optional ("" = no dev scores)
  std::string output_path;  // the model file to write
  int iterations = 0;       // 0 = the model's default (tagger 10, parser 12,
                            // lemmatizer's case model 6)
  uint64_t seed = 1;
  std::string wordnet_dir = "/usr/share/wordnet";  // lemmatizer only
  // Tagger (and the parser's jackknife taggers): word clusters file
  // (syntax/clusters.h) whose table is copied into the model and used as
  // features; "" = no cluster features.
  std::string clusters_path;
  // Parser only: also use the clusters as parser features (else they only
  // reach the parser through the jackknife taggers).
  bool parser_clusters = false;
  // Parser only: when set, the parser is trained and evaluated on tags
  // predicted by this tagger model (as it will see them at run time) rather
  // than on the treebank's gold tags.
  std::string tagger_path;
  // Parser and lemmatizer (its case model; > 1 trains one): when > 0, the
  // training treebank's tags are predicted by taggers trained on the other
  // folds (jackknifing, `jackknife_folds` folds of `jackknife_iterations`
  // tagger iterations each), so the model learns from tags as wrong as they
  // will be at run time. Temporary files
  // go beside output_path and are removed.
  int jackknife_folds = 5;
  int jackknife_iterations = 5;
  // Parser only: the model re-attaches punctuation after parsing by UD's
  // guidelines (a flag in the model file; see parser.cc,
  // ReattachPunctuation). Off = the parser's own punctuation arcs.
  bool parser_punct_rule = true;
  // Parser only: perceptrons trained side by side (one thread each) with
  // seeds seed, seed + 1000, ...; the model is the mean of their averaged
  // weights (then pruned). 1 = a single perceptron.
  int parser_members = 1;
  // Parser only: extract the attachment templates too (parser.cc,
  // kAttachTemplates: the preposition / `cc` / marker that begins b0's and
  // s0's phrases with their head candidates); a flag in the model file.
  // Off in `chronicle train`: EWT dev, 4 members, UAS / LAS 84.54 / 81.17
  // against 84.79 / 81.31 without, and 14-22% slower to parse
  // (docs/benchmarks/s6-parser.md).
  bool parser_attach_features = false;
  // Parser only: extract the clause templates too (parser.cc,
  // kClauseTemplates: next verb, verbs before, distance to the next , . :);
  // a flag in the model file. Off in `chronicle train` (see
  // docs/benchmarks/s6-parser.md).
  bool parser_clause_features = false;
  // Parser only, for experiments (`chronicle train` never sets them): when
  // parser_dump_prefix is not empty, after each iteration listed in
  // parser_dump_iterations every member's averaged, unpruned weights are
  // written as a parser model to "{prefix}.m{member}.it{iteration}.model".
  std::string parser_dump_prefix;
  std::vector<int> parser_dump_iterations;
  // Tagger only: the shipped perceptron is the mean of this many, trained
  // on different shuffles of the data (seeds seed, seed + 7919, ...).
  int tagger_bags = 1;
  // Tagger only: a second pass that rescores the tokens the first pass is
  // unsure of (margin below tagger_second_pass_margin) with features that
  // see the first pass's tags on both sides. It is trained on first-pass
  // output jackknifed over `tagger_second_pass_folds` folds (first passes of
  // `tagger_second_pass_fold_iterations` iterations, 0 = `iterations`), on
  // the tokens whose jackknifed margin is below
  // tagger_second_pass_train_margin, for tagger_second_pass_iterations.
  // Off in the shipped model: on EWT dev it gained at most +0.06 UPOS and
  // +0.05 XPOS (noise); the defaults are the best settings found.
  bool tagger_second_pass = false;
  int tagger_second_pass_folds = 5;
  int tagger_second_pass_fold_iterations = 5;
  int tagger_second_pass_iterations = 1;
  float tagger_second_pass_train_margin = 3.0f;
  float tagger_second_pass_margin = 2.0f;
};

// Each prints one progress line per iteration (with dev accuracy when a dev
// file is given) to *progress when it is not null.
Status TrainTagger(const TrainOptions& o, std::ostream* progress);
Status TrainLemmatizer(const TrainOptions& o, std::ostream* progress);
Status TrainParser(const TrainOptions& o, std::ostream* progress);

}  // namespace chronicle

#endif  // CHRONICLE_SYNTAX_TRAIN_H_
