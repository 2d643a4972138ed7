// Rules for an event instance's TimeML attributes: tense and aspect from the
// auxiliary chain ("will", "has been", "is being" + VBG/VBN), polarity from
// negation ("not", "n't", "never"; "no", "without" before nouns), modality
// from modal verbs, and the pos attribute from the part-of-speech tag.
//
// The words and their roles are data: data/en/event/verb_group.txt.
//
//   Result<InstanceRules> r = InstanceRules::Load(data_dir + "/en/event/verb_group.txt");
//   InstanceAttributes a = r.value().Infer(doc, sentence.first_token, token_index);
//   // "has not been sold" at "sold": PRESENT, PERFECTIVE, NEG, modality ""
//
// Conventions follow TimeBank: modals give tense NONE with modality set to
// the modal ("would"); "will"/"shall"/"going to" give FUTURE; "to" + verb
// gives INFINITIVE (also for a passive "to be" + VBN); a verb without an
// auxiliary takes its tense from its tag (VBD PAST, VBZ/VBP PRESENT, VBG
// PRESPART, VB INFINITIVE, and VBN PAST: the corpora annotate a reduced
// relative such as "the gap created" as PAST, and AQUAINT never uses
// PASTPART); nouns get NONE/NONE; a predicative
// adjective takes the tense of its copula. Tokens without tags fall back on
// the word's ending. Read-only after Load(); Infer() is thread-safe.
#ifndef CHRONICLE_EVENT_INSTANCE_RULES_H_
#define CHRONICLE_EVENT_INSTANCE_RULES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

struct InstanceAttributes {
  std::string tense = "NONE";
  std::string aspect = "NONE";
  std::string polarity = "POS";
  std::string modality;  // "" when there is no modal
  std::string pos = "OTHER";  // VERB, NOUN, ADJECTIVE, PREPOSITION, OTHER
  friend bool operator==(const InstanceAttributes&, const InstanceAttributes&) = default;
};

// TimeML pos attribute of a Penn tag (or, when xpos is empty, of the UPOS
// tag); "" when both are empty.
std::string_view TimeMLPos(std::string_view xpos, std::string_view upos);

class InstanceRules {
 public:
  // Reads the verb-group word list. Errors: kIo for a missing file; kModel
  // "file:line: message" for an unknown role, a bad tense or a duplicate form.
  static Result<InstanceRules> Load(const std::string& path);
  static Result<InstanceRules> Parse(std::string_view content, const std::string& file_name);

  // Attributes of the event at doc.tokens[index], whose sentence starts at
  // token `first` (the chain never crosses it). Requires first <= index <
  // doc.tokens.size().
  InstanceAttributes Infer(const Document& doc, uint32_t first, uint32_t index) const;

  struct Roles {
    uint32_t bits = 0;
    std::string modal;       // for kModal
    std::string aux_tense;   // for kBe, kHave, kDo
  };
  enum : uint32_t {
    kFuture = 1,
    kModal = 2,
    kBe = 4,
    kHave = 8,
    kDo = 16,
    kTo = 32,
    kGoing = 64,
    kNeg = 128,
    kNegDet = 256,
    kSkip = 512,
  };

 private:
  const Roles* Find(std::string_view lower) const;
  std::unordered_map<std::string, Roles> roles_;
};

}  // namespace chronicle

#endif  // CHRONICLE_EVENT_INSTANCE_RULES_H_
