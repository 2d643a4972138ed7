// The timex stage: finds TIMEX3 expressions (TimeML 1.2.1) in a document's
// text and normalizes them (type, value, mod, quant, freq,
// temporalFunction, anchorTimeID) against the DCT and the narrative.
//
// Rules and lexicons are data (data/en/timex/, see docs/timex-rules.md);
// each rule's captures fill a typed TimexValue that Resolve()
// (timex_value.h) turns into the TimeML value.
//
//   Result<TimexTagger> tagger = TimexTagger::Load("data");
//   if (!tagger.ok()) { std::cerr << tagger.error().ToString(); return; }
//   Document doc;
//   doc.text = "Sales fell last month.";
//   doc.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02"};
//   tagger.value().Annotate(&doc);   // doc.timexes[0]: "last month", 2020-09
//
// Thread-safety: a loaded TimexTagger is immutable; Annotate() is const and
// may run on many documents in parallel (each document by one thread).
#ifndef CHRONICLE_TIMEX_TIMEX_TAGGER_H_
#define CHRONICLE_TIMEX_TIMEX_TAGGER_H_

#include <memory>
#include <string>
#include <vector>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

struct RuleSet;
class TriggerIndex;

class TimexTagger {
 public:
  // How candidate rules are chosen; all three give identical output.
  // kPrefilter (the default) asks an RE2::Set which rules can match a
  // sentence and searches those; kAllRules searches every rule (the plain
  // loop, kept as the differential-test oracle); kTriggers looks up each
  // word in the trigger index (timex/trigger_index.h, derived from the rule
  // patterns on first use) and runs a rule anchored only where a match of
  // it can begin (measured slower than kPrefilter so far: see
  // docs/benchmarks/timexspeed.md).
  enum class Matching { kPrefilter, kAllRules, kTriggers };

  // Loads and validates every rule and lexicon file under
  // data_dir/en/timex/ (data_dir = the repository's data/). Errors: kIo when
  // files are missing, kModel for a bad rule with "file:line: rule NAME:
  // message: fragment".
  static Result<TimexTagger> Load(const std::string& data_dir);

  TimexTagger(TimexTagger&&) noexcept;
  TimexTagger& operator=(TimexTagger&&) noexcept;
  ~TimexTagger();

  // Appends the TIMEX3 expressions of doc->text to doc->timexes (ids from
  // doc->NextId("t")), in text order, skipping spans that overlap a timex
  // already in the document. Uses doc->dct for relative expressions (when
  // absent they get "XXXX" forms) and doc->tokens / sentences / xpos when
  // present. Never fails.
  void Annotate(Document* doc) const { Annotate(doc, Matching::kPrefilter); }
  void Annotate(Document* doc, Matching matching) const;

  // Number of rules loaded (for diagnostics and benchmarks).
  size_t rule_count() const;
  // Number of rules the trigger index could not analyze (kTriggers
  // searches them over every sentence); 0 with the shipped rules. Builds
  // the index if not built yet.
  size_t untriggered_rule_count() const;

 private:
  TimexTagger();
  const TriggerIndex& Triggers() const;  // built once, thread-safe
  std::unique_ptr<RuleSet> rules_;
  struct Prefilter;
  std::unique_ptr<Prefilter> prefilter_;
};

}  // namespace chronicle

#endif  // CHRONICLE_TIMEX_TIMEX_TAGGER_H_
