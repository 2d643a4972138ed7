// WordNet lexicographer files of English lemmas: "production" -> noun.act
// (first sense) and {noun.act, noun.artifact, ...} (all senses). The event
// stage uses them as features (noun.event, noun.act, verb.communication...).
//
// The table is built once at training time from a WordNet 3 database
// directory (index.noun / data.noun, index.verb / data.verb) and stored
// inside the event model, so running needs no WordNet files and a model
// always sees the table it was trained with.
//
//   Result<LexfileTable> t = LexfileTable::Build("/usr/share/wordnet");
//   const LexfileTable::Entry* e = t.value().Find("production");
//   if (e && e->noun_first != LexfileTable::kNone) Use(e->noun_first);  // 4 = noun.act
//
// Read-only after construction; Find() is thread-safe.
#ifndef CHRONICLE_EVENT_LEXFILE_TABLE_H_
#define CHRONICLE_EVENT_LEXFILE_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "learn/hash.h"
#include "learn/model_file.h"
#include "util/error.h"

namespace chronicle {

class LexfileTable {
 public:
  static constexpr uint8_t kNone = 0xff;
  struct Entry {
    uint8_t noun_first = kNone;  // lex_filenum of the most frequent noun sense
    uint8_t verb_first = kNone;
    uint64_t noun_mask = 0;  // bit n set when some noun sense is in file n
    uint64_t verb_mask = 0;
    // Lexicographer files reached by WordNet's derivational pointers ("+")
    // from this lemma: noun senses -> verb synsets ("production" ->
    // verb.creation via "produce") in deriv_verb_mask, verb senses -> noun
    // synsets in deriv_noun_mask. Nominals with a verb behind them are the
    // event nominals TimeML annotates.
    uint64_t deriv_verb_mask = 0;
    uint64_t deriv_noun_mask = 0;
  };

  // Reads index.{noun,verb}, data.{noun,verb} and {noun,verb}.exc under
  // wordnet_dir (irregular forms get their lemma's senses). Only
  // one-word lemmas are kept (tokens are single words). Errors: kIo for a
  // missing file, kModel "file:line: ..." for a malformed line.
  static Result<LexfileTable> Build(const std::string& wordnet_dir);
  // Builds from explicit (lemma, entry) pairs; for tests.
  static LexfileTable FromEntries(std::vector<std::pair<std::string, Entry>> entries);

  // The entry of a lowercase lemma, or nullptr. One hash-table probe.
  const Entry* Find(std::string_view lemma) const { return Find(lemma, HashBytes(lemma)); }
  // The same with the lemma's HashBytes() (learn/hash.h) given, for callers
  // that have it already.
  const Entry* Find(std::string_view lemma, uint64_t hash) const;
  // Find(word), else Find() of the bases WordNet's morphy detachment rules
  // give ("talks" -> "talk", "bombing" -> "bomb"), for tokens without lemmas.
  // Irregular forms ("went") are in the table itself (from *.exc). Sets
  // *base (when given) to the form found, or to `word` when none is.
  const Entry* FindInflected(std::string_view word, std::string* base = nullptr) const;
  size_t size() const { return entries_.size(); }

  // Serialization inside the event model: count, then per lemma (sorted):
  // string, flags u8 (1 noun, 2 verb, 4 noun mask follows, 8 verb mask
  // follows, 16 derivation masks follow), firsts, masks (u64) when they
  // hold more than the first sense, then deriv_verb_mask and
  // deriv_noun_mask (u64 each) when flag 16 is set.
  void Write(ModelWriter* w) const;
  // Reads what Write() wrote; on failure records the error in *r.
  static LexfileTable Read(ModelReader* r);

 private:
  std::string chars_;                  // all lemmas, concatenated in order
  std::vector<uint32_t> starts_;       // size()+1 offsets into chars_
  std::vector<Entry> entries_;
  // Open addressing on HashBytes(lemma): entry index + 1, 0 = empty; at
  // most half full. Rebuilt after construction and Read() (not stored).
  std::vector<uint32_t> index_;
  void BuildIndex();
  std::string_view Key(size_t i) const {
    return std::string_view(chars_).substr(starts_[i], starts_[i + 1] - starts_[i]);
  }
};

}  // namespace chronicle

#endif  // CHRONICLE_EVENT_LEXFILE_TABLE_H_
