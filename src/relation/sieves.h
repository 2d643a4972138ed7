// The deterministic, high-precision part of the relation stage (sieves) and
// the classifier's feature extraction, both driven by the word lists in
// data/en/relation/ (sieves.txt, signal_words.txt).
//
//   Result<RelationLexicon> lex = LoadRelationLexicon(data_dir);   // ".../data"
//   RelContext ctx = BuildContext(doc);
//   for (const Candidate& c : Candidates(ctx)) {
//     std::optional<SieveDecision> d = ApplySieves(lex.value(), ctx, c);
//     if (!d) { std::vector<uint32_t> f; PairFeatures(lex.value(), ctx, c, &f); ... }
//   }
//
// Internal to src/relation. All functions are pure and thread-safe.
#ifndef CHRONICLE_RELATION_SIEVES_H_
#define CHRONICLE_RELATION_SIEVES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_set>
#include <string>
#include <tuple>
#include <vector>

#include "reason/point_algebra.h"
#include "relation/context.h"
#include "util/error.h"

namespace chronicle {

enum class SieveId : uint8_t { kTimex, kTense, kReport, kSignalTimex, kSignalEvent };
inline constexpr int kSieveCount = 5;
const char* SieveName(SieveId s);

struct RelationLexicon {
  // (tense, aspect, pos) -> relation of the event to the DCT.
  std::map<std::tuple<std::string, std::string, std::string>, TimeMLRel> tense;
  // (tense, aspect) of the reported event -> its relation to the report.
  std::map<std::pair<std::string, std::string>, TimeMLRel> report;
  std::map<std::string, TimeMLRel> signal_timex;
  std::map<std::string, TimeMLRel> signal_event;
  std::unordered_set<std::string> signal_words;
  bool enabled[kSieveCount] = {true, true, true, true, true};
  // "gate on": with a classifier, a sieve's relation is output only for
  // pairs the classifier does not answer NONE for (the sieve says how two
  // entities relate, the classifier whether annotators relate them).
  bool gate_sieves = false;
};

// Reads data_dir/en/relation/{sieves,signal_words}.txt. Errors: kIo for a
// missing file, kModel for a bad line ("file:line: message").
Result<RelationLexicon> LoadRelationLexicon(const std::string& data_dir);

struct SieveDecision {
  SieveId sieve;
  TimeMLRel rel;  // relation of candidate.a to candidate.b
};

// The first enabled sieve that decides the pair, in the order timex, tense,
// report, signal-timex, signal-event; nullopt when none does.
std::optional<SieveDecision> ApplySieves(const RelationLexicon& lex, const RelContext& ctx,
                                         const Candidate& c);
// One sieve on its own (for measuring each): its decision or nullopt.
std::optional<TimeMLRel> ApplySieve(SieveId s, const RelationLexicon& lex, const RelContext& ctx,
                                    const Candidate& c);

// The classifier's hashed features of a pair (appended to *out). Every
// feature is conjoined with the pair kind.
void PairFeatures(const RelationLexicon& lex, const RelContext& ctx, const Candidate& c,
                  std::vector<uint32_t>* out);

}  // namespace chronicle

#endif  // CHRONICLE_RELATION_SIEVES_H_
