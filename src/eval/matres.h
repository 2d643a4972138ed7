// MATRES-style pairwise scoring of event-event relations (Ning, Wu & Roth,
// ACL 2018): for each annotated pair of event instances, the relation of
// their START points (BEFORE, AFTER, EQUAL, or VAGUE), compared with the
// start-point relation the system's TLINK graph implies.
//
//   Result<std::vector<MatresPair>> gold = ReadMatres("../shared/corpora/matres/aquaint.txt");
//   std::vector<MatresDocument> docs = {{"NYT20000406.0002", &gold_doc, &system_doc}, ...};
//   MatresScores s = EvaluateMatres(gold.value(), docs);
//   std::cout << FormatMatres(s);
//
// How the system side is read: the closure of the system document's TLINKs
// (reason/temporal_graph.h, conflicting links skipped in order) gives the
// relation between the two start points; exactly < is BEFORE, exactly > is
// AFTER, exactly = is EQUAL, anything else (unrelated, <=, a disjunction)
// VAGUE. So BEFORE, IBEFORE, INCLUDES, ENDED_BY give BEFORE; SIMULTANEOUS,
// BEGINS, BEGUN_BY give EQUAL; and so on, also through chains of links.
// Gold event instances are found in the system document by their ids when
// the system kept the gold entities (Task C), else by the span of their
// EVENT (identical span), so end-to-end output can be scored too; an
// endpoint with no system counterpart makes the system answer VAGUE.
//
// The figure is the MATRES convention: micro-averaged P / R / F1 over
// BEFORE, AFTER and EQUAL, with VAGUE a negative: P = pairs where the
// system's non-VAGUE answer equals the gold / system non-VAGUE answers, R =
// the same numerator / gold non-VAGUE pairs. Pairs of documents not given
// are not scored (counted in skipped_pairs). Pure functions; thread-safe.
#ifndef CHRONICLE_EVAL_MATRES_H_
#define CHRONICLE_EVAL_MATRES_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "doc/document.h"
#include "eval/evaluate.h"
#include "util/error.h"

namespace chronicle {

enum class StartRel : uint8_t { kBefore, kAfter, kEqual, kVague };
inline constexpr int kStartRelCount = 4;
const char* StartRelName(StartRel r);  // "BEFORE", "AFTER", "EQUAL", "VAGUE"

struct MatresPair {
  std::string doc;     // document name: the TimeML file's stem
  std::string source;  // event instance id, "ei415"
  std::string target;
  StartRel rel = StartRel::kVague;  // start of source ? start of target
};

// Reads the MATRES format, one pair a line, tab- or space-separated:
// `docid verb1 verb2 eiid1 eiid2 relation` with numeric eiids (the
// TempEval-3 "ei<N>"). Blank lines and '#' lines are skipped. Errors: kIo
// for an unreadable file, kInvalidInput "file:line:col: message" for a
// malformed line or an unknown relation.
Result<std::vector<MatresPair>> ReadMatres(const std::string& path);
// The same from a string; `name` is used in messages.
Result<std::vector<MatresPair>> ParseMatres(std::string_view text, const std::string& name);

// One document to score: its name (as in MatresPair::doc), the gold
// document (its events give the spans of the gold ids; may be null when the
// system kept the gold ids) and the system document (non-null).
struct MatresDocument {
  std::string name;
  const Document* gold = nullptr;
  const Document* system = nullptr;
};

struct MatresScores {
  int64_t pairs = 0;          // pairs scored
  int64_t skipped_pairs = 0;  // pairs of documents not given
  int64_t unmatched_endpoints = 0;  // gold instances not found in the system
  // confusion[gold][system], indexed by StartRel.
  std::array<std::array<int64_t, kStartRelCount>, kStartRelCount> confusion{};
  // system = system non-VAGUE answers, gold = gold non-VAGUE pairs,
  // system_correct = gold_correct = non-VAGUE answers equal to the gold.
  PrfCounts micro;
  // Plain accuracy over all scored pairs, VAGUE included (for reference).
  double Accuracy() const;
};

// The start-point relation of a to b in the closure of `links` (reason's
// TemporalGraph; links that conflict with earlier ones are skipped).
// Unknown ids give kVague.
StartRel StartRelation(const std::vector<TLink>& links, const std::string& a,
                       const std::string& b);

// Scores every gold pair whose document is among `docs`. Never fails; a
// null system pointer scores that document's pairs as VAGUE answers.
MatresScores EvaluateMatres(const std::vector<MatresPair>& gold,
                            const std::vector<MatresDocument>& docs);

// A short table: P / R / F1 (percentages, two decimals), counts, and the
// confusion matrix.
std::string FormatMatres(const MatresScores& s);

}  // namespace chronicle

#endif  // CHRONICLE_EVAL_MATRES_H_
