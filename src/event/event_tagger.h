// The event stage: finds TimeML EVENTs (verbs, event nominals such as
// "production" or "talks", predicative adjectives and states), gives each
// its class (OCCURRENCE, REPORTING, I_ACTION, I_STATE, ASPECTUAL,
// PERCEPTION, STATE) and one MAKEINSTANCE with tense, aspect, polarity,
// modality and pos.
//
//   Result<EventTagger> events = EventTagger::Load("models/events.model", "data");
//   if (!events.ok()) { std::cerr << events.error().ToString() << "\n"; return 1; }
//   tokenizer.Tokenize(&doc);   // required; tags, lemmas and heads help
//   tagger.Tag(&doc); lemmatizer.Lemmatize(&doc); parser.Parse(&doc);
//   events.value().Annotate(&doc);
//   for (const Event& e : doc.events) std::cout << doc.Text(e.span) << " " << e.event_class;
//
// How: an event is one word (as in TimeBank, where every EVENT is one
// word; a hyphenated word the tokenizer splits, "write-down", is one
// event). A binary averaged perceptron decides for each token whether it is
// an event, a second one picks the class; both use the word, lemma,
// affixes, shape, tags and their context, the WordNet lexicographer files
// of the lemma (noun.event, noun.act, verb.communication, ...; the table is
// stored in the model), the lemma prior (how often, and of which class,
// the lemma was an event in the training documents; event/lemma_prior.h),
// the lemma's other occurrences in the document, and the dependency
// relation, head and path to the root when the tokens carry them. Tense, aspect, polarity and modality come
// from rules over the auxiliary chain (event/instance_rules.h, word list in
// data/en/event/verb_group.txt).
//
// Training: TrainEvents() (`chronicle train events`) on TimeML files, with
// the same tokenizer, tagger, lemmatizer and parser the pipeline runs, so
// that the features seen in training are those seen at run time.
#ifndef CHRONICLE_EVENT_EVENT_TAGGER_H_
#define CHRONICLE_EVENT_EVENT_TAGGER_H_

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

struct EventModel;  // event_tagger.cc

// What Load() does when the tagger, lemmatizer or parser model the pipeline
// will run differs from the one the events model was trained with (their
// fingerprints, the FNV-1a 64 checksum each model file ends with, are
// recorded in its settings, `preprocessing=`; checking reads 16 bytes of
// each file).
// The event features read tags, lemmas and the parse, so a changed upstream
// model silently costs accuracy; the events model must then be retrained
// (`chronicle train events`).
enum class UpstreamCheck {
  kWarn,   // load, and list the mismatch in EventTagger::warnings() (default)
  kError,  // fail with a kModel error naming both files and fingerprints
  kOff,    // do not read the upstream model files
};

struct EventLoadOptions {
  // Folder holding the tagger.model, lemmatizer.model and parser.model that
  // run before the event stage, under the file names the events model
  // records; "" = the events model's own folder (the pipeline keeps all
  // models in one folder).
  std::string upstream_dir;
  UpstreamCheck check = UpstreamCheck::kWarn;
};

class EventTagger {
 public:
  // Reads the model file and data_dir + "/en/event/verb_group.txt", then
  // compares the upstream models' fingerprints (see UpstreamCheck).
  // Errors: kIo for a missing or unreadable file; kModel naming the file for
  // a file that is not an events model, of an unsupported version, corrupt
  // or truncated (what was expected and what was found), or a malformed word
  // list ("file:line: message"); with UpstreamCheck::kError, kModel for an
  // upstream model that differs from the recorded one or is missing.
  static Result<EventTagger> Load(const std::string& model_path, const std::string& data_dir,
                                  const EventLoadOptions& options = {});

  // Problems found by Load() that did not stop it: one kModel Error per
  // upstream model that differs from (or is missing next to) the one the
  // events model was trained with, naming the events model file. Callers
  // should show them (the pipeline's warnings).
  const std::vector<Error>& warnings() const { return warnings_; }

  // Appends EVENTs (ids from doc->NextId("e") upward) with their class, and
  // one MAKEINSTANCE each (ids from "ei" + N) with tense, aspect, polarity,
  // modality and pos. Requires tokens and sentences (tokens outside every
  // sentence are skipped); uses tags, lemmas and heads when present. Tokens
  // overlapping an EVENT already in the document are skipped. Thread-safe:
  // const, the model is shared read-only, scratch space is per call.
  void Annotate(Document* doc) const;

  // The model's training settings ("key=value" lines).
  const std::string& settings() const;

 private:
  std::shared_ptr<const EventModel> model_;
  std::vector<Error> warnings_;
};

// Training epochs when EventTrainOptions::iterations is 0 (chosen on a
// held-out fifth of TimeBank, never on the dev split).
inline constexpr int kDefaultEventIterations = 5;
// Epochs of the class classifier when EventTrainOptions::class_iterations
// is 0: fewer than the detector's (an averaged perceptron over the ~6,700
// TimeBank events overfits the lemmas TimeBank labels both ways; chosen on
// TimeBank cross-validation: 5 -> 2 gave class F1 +0.4).
inline constexpr int kDefaultEventClassIterations = 2;
inline constexpr float kDefaultEventThreshold = -4.0f;
// Perceptrons trained on different shuffles whose mean is the model, when
// EventTrainOptions::bags is 0 (chosen on TimeBank cross-validation).
inline constexpr int kDefaultEventBags = 3;
// A part-of-speech tag is "closed" (its tokens are never events, and are
// neither trained on nor scored) when training saw it on at least
// kMinClosedTokens candidate tokens and at most kMaxClosedEventRate of them
// were events. The list is stored in the model.
inline constexpr uint32_t kMinClosedTokens = 100;
inline constexpr double kMaxClosedEventRate = 0.005;

struct EventTrainOptions {
  std::vector<std::string> train_files;  // TimeML (.tml) with gold EVENTs
  std::vector<std::string> dev_files;    // scored after training (may be empty)
  std::string output_path;
  std::string data_dir;          // the repository's data/ (tokenizer, verb group)
  std::string tagger_model;      // each used when the file exists; "" = not used
  std::string lemmatizer_model;
  std::string parser_model;
  int iterations = 0;  // 0 = the default, kDefaultEventIterations (the detector)
  int class_iterations = 0;  // 0 = the default, kDefaultEventClassIterations
  int bags = 0;        // 0 = the default, kDefaultEventBags
  uint64_t seed = 1;
  std::string wordnet_dir = "/usr/share/wordnet";  // lexicographer files, lemmatizer
  // Decision threshold on the event margin (score(event) - score(not
  // event)); written into the model. The default favours recall a little
  // and was chosen, like the iterations, on held-out TimeBank.
  float threshold = kDefaultEventThreshold;
};

// Trains both classifiers on train_files, writes the model to output_path
// (atomically) and, when dev_files are given, prints the TempEval-3 event
// figures on them to *progress (may be null), with one line per pass.
// Deterministic: the same options and inputs give a byte-identical file.
// Errors: kIo / kInvalidInput for unreadable or malformed inputs (naming
// the file), kModel for a bad tagger/lemmatizer/parser model, kUsage for no
// training files, iterations, class_iterations or bags < 0.
Status TrainEvents(const EventTrainOptions& o, std::ostream* progress);

}  // namespace chronicle

#endif  // CHRONICLE_EVENT_EVENT_TAGGER_H_
