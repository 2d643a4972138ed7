// TempEval-3 measures: how well a system's TIMEX3, EVENT and TLINK
// annotation of a text matches the gold annotation of the same text.
//
//   std::vector<std::pair<const Document*, const Document*>> pairs = {{&gold, &sys}};
//   Result<EvalReport> r = Evaluate(pairs);
//   if (!r.ok()) { std::cerr << r.error().ToString() << "\n"; return 1; }
//   std::cout << FormatReport(r.value());        // or ReportToJson(...).dump(2)
//
// What is measured (docs/evaluation.md has the details and the comparison
// with the official TempEval-3 scorer):
//  - TIMEX3 and EVENT: system and gold entities are aligned one to one by
//    span (identical spans first, then overlapping spans). Strict counts the
//    aligned pairs with identical spans, relaxed every aligned pair;
//    P = correct / system entities, R = correct / gold entities. The DCT is
//    not an entity to find.
//  - Attributes (TIMEX3 type, value; EVENT class, tense, aspect, polarity,
//    modality, pos) over relaxed pairs, as TempEval-3 reports them:
//    attribute F1 = relaxed F1 * (pairs with the same attribute / pairs),
//    which equals the F1 of P = same / system, R = same / gold.
//  - TLINK: temporal awareness (UzZaman & Allen 2011). System entities are
//    mapped to the gold entities they are aligned with; both link sets are
//    reduced (reason/temporal_graph.h Reduce); P = reduced system links
//    verified by the gold graph / reduced system links, R = reduced gold
//    links verified by the system graph / reduced gold links. A link is
//    verified when the other graph's closure entails it or the other side
//    has the same link (or its inverse) literally.
// All counts are summed over documents before dividing (micro average).
// Pure functions; thread-safe.
#ifndef CHRONICLE_EVAL_EVALUATE_H_
#define CHRONICLE_EVAL_EVALUATE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

// Counts behind one precision / recall / F1 figure. `system_correct` are
// the system items judged right (precision numerator), `gold_correct` the
// gold items found (recall numerator); they differ only for TLINKs.
struct PrfCounts {
  int64_t system = 0;
  int64_t gold = 0;
  int64_t system_correct = 0;
  int64_t gold_correct = 0;

  // Fractions in [0, 1]. With nothing to find and nothing proposed
  // (system == gold == 0) all three are 1; otherwise a zero denominator
  // gives 0.
  double Precision() const;
  double Recall() const;
  double F1() const;
  PrfCounts& operator+=(const PrfCounts& o);
};

// One attribute over relaxed matches: `same` of `matched` pairs agree.
// `prf` is {system, gold, same, same}, so prf.F1() is TempEval-3's
// attribute F1.
struct AttributeScore {
  std::string name;  // "type", "value", "class", "tense", ...
  int64_t matched = 0;
  int64_t same = 0;
  PrfCounts prf;
  double Accuracy() const { return matched ? double(same) / matched : 0.0; }
};

struct EntityScores {
  PrfCounts strict;
  PrfCounts relaxed;
  std::vector<AttributeScore> attributes;  // fixed order, see kind
};

struct TLinkScores {
  PrfCounts awareness;  // system/gold = reduced link counts
  int64_t system_links = 0;          // before reduction
  int64_t gold_links = 0;
  int64_t system_conflicts = 0;      // links contradicting earlier ones
  int64_t gold_conflicts = 0;
  int64_t unknown_relations = 0;     // relTypes that are not TimeML; ignored
  int64_t system_links_unmatched = 0;  // touching a system entity with no gold match
};

struct EvalReport {
  int64_t documents = 0;
  EntityScores timex;  // attributes: type, value
  EntityScores event;  // attributes: class, tense, aspect, polarity, modality, pos
  TLinkScores tlink;
};

// Scores each (gold, system) pair and sums the counts. The caller pairs the
// documents (by file name). Errors: kInvalidInput naming the gold file when
// the two texts of a pair differ (with the first differing byte offset), or
// when a pointer is null.
Result<EvalReport> Evaluate(
    const std::vector<std::pair<const Document*, const Document*>>& gold_system_pairs);

// The human-readable table: one row a measure, P / R / F1 as percentages
// with two decimals, and the counts.
std::string FormatReport(const EvalReport& r);

// The same figures as JSON for --json: every PrfCounts becomes
// {"precision", "recall", "f1" (percentages, unrounded), "system", "gold",
// "system_correct", "gold_correct"}.
nlohmann::json ReportToJson(const EvalReport& r);

}  // namespace chronicle

#endif  // CHRONICLE_EVAL_EVALUATE_H_
