// Temporal relations (TLINKs, TempEval-3 Task C): between a document's
// event instances, its time expressions and the DCT.
//
//   Result<RelationTagger> t = RelationTagger::Load("models/relations.model", "data");
//   if (!t.ok()) { std::cerr << t.error().ToString() << "\n"; return 1; }
//   t.value().Annotate(&doc);     // doc has events (+ instances) and timexes
//   for (const TLink& l : doc.tlinks) ...
//
// How: the TempEval-3 candidate pairs (relation/context.h) are decided by
// deterministic sieves first (calendar comparison of time values, tense and
// aspect against the DCT, reporting events, signal words; rules in
// data/en/relation/sieves.txt), then by an averaged perceptron over
// lexical, syntactic, tense/aspect, signal and distance features, which may
// also answer NONE (no relation annotators would give); per sieve the
// model says whether the sieve decides alone, needs the classifier's
// "related" too (gated) or is switched off (chosen by cross-validation with
// the NONE biases of 7 pair classes). All decisions are
// added to a TemporalGraph (src/reason) from the most to the least
// confident (sieves before the classifier, classifier by margin); one that
// contradicts the closure of those before it is dropped, so the output is
// consistent; links the closure already entails are dropped too, leaving a
// reduced set (TempEval-3's reduction).
#ifndef CHRONICLE_RELATION_RELATION_TAGGER_H_
#define CHRONICLE_RELATION_RELATION_TAGGER_H_

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

struct RelationLexicon;
struct RelationModel;
struct RelationTrainOptions;

// One decided pair before the consistency step, for inspection and
// measurement.
struct RelationDecision {
  std::string source_id;
  bool source_is_event = true;
  std::string target_id;
  bool target_is_event = true;
  std::string rel_type;     // TimeML relType of source to target
  std::string origin;       // sieve name ("timex", "tense", ...) or "classifier"
  double confidence = 0.0;  // sieves 1000 + rank; classifier margin >= 0
  bool kept = false;        // survived the consistency and reduction steps
};

class RelationTagger {
 public:
  // Reads the model (models/README-relations.md describes its format) and
  // the rule files under data_dir/en/relation/. Errors: kIo for a missing file,
  // kModel for a corrupt or wrong-version model or a bad rule line.
  static Result<RelationTagger> Load(const std::string& model_path, const std::string& data_dir);
  // Sieves only (no classifier); for tests and measuring.
  static Result<RelationTagger> LoadSievesOnly(const std::string& data_dir);

  RelationTagger(RelationTagger&&) noexcept;
  RelationTagger& operator=(RelationTagger&&) noexcept;
  ~RelationTagger();

  // Adds TLINKs (ids from doc->NextId("l"); Decide() tells which sieve or
  // the classifier gave each) for the candidate pairs among the document's
  // event instances, TIMEX3s and the DCT; the added set is consistent and reduced. Existing TLINKs are
  // kept (and not reasoned with). Uses tokens, sentences, tags and heads
  // when present (and the model was trained with them). Never fails; a
  // document without events or timexes gets no links. Thread-safe.
  void Annotate(Document* doc) const;

  // Every decision Annotate would take, in confidence order, with `kept`
  // telling which ones it outputs. Thread-safe.
  std::vector<RelationDecision> Decide(const Document& doc) const;

  // Internal to src/relation (training and cross-validation build taggers
  // from in-memory parts); model may be null (sieves only). Never fails.
  static RelationTagger FromParts(std::shared_ptr<const RelationLexicon> lexicon,
                                  std::shared_ptr<const RelationModel> model, bool use_syntax);

 private:
  RelationTagger();
  std::shared_ptr<const RelationLexicon> lexicon_;
  std::shared_ptr<const RelationModel> model_;  // null: sieves only
  bool use_syntax_ = false;
};

// A stand-off relation corpus over TimeBank / AQUAINT documents, read as
// extra training labels: `format` "matres" (docid verb verb N N
// BEFORE|AFTER|EQUAL|VAGUE, ids "ei<N>"; EQUAL taken as SIMULTANEOUS),
// "tbdense" (doc id id a|b|i|ii|s|v; EVENT ids mapped to their first
// instance) or "verb-clause" (doc eiid eiid BEFORE|AFTER|OVERLAP). VAGUE and
// OVERLAP are skipped; lines of documents not trained on are ignored.
struct ExtraRelations {
  std::string path;
  std::string format;
};

struct RelationTrainOptions {
  std::vector<std::string> train_files;  // TimeML (TBAQ TimeBank by default)
  std::vector<std::string> dev_files;    // TimeML, for progress figures only
  std::string output_path;
  std::string data_dir;  // the data/ folder (rules under en/relation/)
  int iterations = 0;    // 0: the default (10)
  uint64_t seed = 1;
  // The model is the mean of this many averaged perceptrons trained on
  // different shuffles (seeds seed, seed + 1, ...); <= 1: one.
  int ensemble = 3;
  // Folds of cross-validation on the training documents that choose the
  // per-pair-kind NONE bias (temporal awareness F1); <= 1 leaves it at 0.
  int cv_folds = 5;
  // Optional: adds the linguistic layer (tokens, tags, parse) to each
  // training and dev document, as the pipeline will at run time. When set,
  // the model records syntax=1 and uses those layers; when empty it
  // records syntax=0 and ignores them at run time too.
  std::function<void(Document*)> prepare;
  // Optional: other relation corpora. A candidate pair the gold closure
  // leaves unrelated but one of these relates is labelled with that
  // relation, when the cross-validation (cv_folds > 1) finds the labels
  // raise Task C F1 on the training documents (always without CV). Labels
  // attach to their document, so a document held out is held out of these
  // too.
  std::vector<ExtraRelations> extra_relations;
};

// Trains the classifier on the TLINKs of the training files (labels from
// the closure of each gold graph: a candidate pair the gold closure relates
// gets that relation, any other pair NONE), prints per-epoch figures and
// the dev temporal awareness (Task C) to *progress (may be null), and
// writes the model atomically. Deterministic for a given seed. Errors: kIo
// / kInvalidInput for unreadable training files, kUsage for no training
// files.
Status TrainRelations(const RelationTrainOptions& o, std::ostream* progress);

// Document-level k-fold cross-validation: document i of o.train_files (in
// that order) is in fold i % folds; element f of the result is a tagger
// trained, exactly as TrainRelations would (NONE biases and sieve settings
// chosen by an inner cross-validation on its own training documents), on
// the documents of every other fold, so it never saw the documents of fold
// f. o.output_path and o.dev_files are ignored; nothing is written.
// Deterministic. Errors: as TrainRelations; kUsage when folds < 2 or
// folds > the number of files.
Result<std::vector<RelationTagger>> TrainRelationFolds(const RelationTrainOptions& o, int folds,
                                                       std::ostream* progress);

// Each sieve measured on its own over gold TimeML files: for every sieve,
// how many candidate pairs it decides and how many of those the gold
// closure verifies (also counted: pairs where the gold closure has no
// relation at all). `prepare` (may be empty) adds the linguistic layer to
// each document first, as the pipeline does (the sieves then read the
// tagger's pos and the parse). Writes a Markdown table to *out (may be
// null) and the counts to *measures (may be null). Errors as
// TrainRelations.
struct SieveMeasure {
  std::string sieve;
  int64_t decided = 0;    // candidate pairs the sieve decides
  int64_t correct = 0;    // ... whose relation the gold closure entails
  int64_t wrong = 0;      // ... the gold closure relates otherwise
  int64_t unrelated = 0;  // ... the gold closure does not relate
};
Status MeasureSieves(const std::vector<std::string>& files, const std::string& data_dir,
                     std::ostream* out, std::vector<SieveMeasure>* measures = nullptr,
                     const std::function<void(Document*)>& prepare = nullptr);

}  // namespace chronicle

#endif  // CHRONICLE_RELATION_RELATION_TAGGER_H_
