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
  };

  // Reads index.{noun,verb}, data.{noun,verb} and {noun,verb}.exc under
  // wordnet_dir (irregular forms get their lemma's senses). Only
  // one-word lemmas are kept (tokens are single words). Errors: kIo for a
  // missing file, kModel "file:line: ..." for a malformed line.
  static Result<LexfileTable> Build(const std::string& wordnet_dir);
  // Builds from explicit (lemma, entry) pairs; for tests.
  static LexfileTable FromEntries(std::vector<std::pair<std::string, Entry>> entries);

  // The entry of a lowercase lemma, or nullptr.
  const Entry* Find(std::string_view lemma) const;
  // Find(word), else Find() of the bases WordNet's morphy detachment rules
  // give ("talks" -> "talk", "bombing" -> "bomb"), for tokens without lemmas.
  // Irregular forms ("went") are in the table itself (from *.exc). Sets
  // *base (when given) to the form found, or to `word` when none is.
  const Entry* FindInflected(std::string_view word, std::string* base = nullptr) const;
  size_t size() const { return entries_.size(); }

  // Serialization inside the event model: count, then per lemma (sorted):
  // string, flags u8 (1 noun, 2 verb, 4 noun mask follows, 8 verb mask
  // follows), firsts, masks (u64) when they hold more than the first sense.
  void Write(ModelWriter* w) const;
  // Reads what Write() wrote; on failure records the error in *r.
  static LexfileTable Read(ModelReader* r);

 private:
  std::string chars_;                  // all lemmas, concatenated in order
  std::vector<uint32_t> starts_;       // size()+1 offsets into chars_
  std::vector<Entry> entries_;
  std::string_view Key(size_t i) const {
    return std::string_view(chars_).substr(starts_[i], starts_[i + 1] - starts_[i]);
  }
};

}  // namespace chronicle

#endif  // CHRONICLE_EVENT_LEXFILE_TABLE_H_
