#include "event/lexfile_table.h"

#include <algorithm>
#include <charconv>
#include <map>

#include <fmt/core.h>

#include "util/file.h"
#include "util/strings.h"

namespace chronicle {
namespace {

bool ParseUint(std::string_view s, uint64_t* v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size();
}

// Lowercase ASCII copy.
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// The lexicographer files of the synsets of part of speech `to_pos` that a
// data line's derivational pointers ("+") lead to from `lemma`. A data line
// reads "offset lex_filenum ss_type w_cnt(hex) [word lex_id]... p_cnt
// [symbol offset pos source/target(hex)]... | gloss"; a lexical pointer's
// source (its first two hex digits) is the word number in the synset, and
// the target synset's lex_filenum is read from `to_data` at its offset.
// Malformed lines give 0 (derivations are a feature, not a requirement).
uint64_t DerivationMask(std::string_view line, std::string_view lemma, char to_pos,
                        std::string_view to_data) {
  size_t bar = line.find(" | ");
  std::vector<std::string_view> f = SplitFields(line.substr(0, bar), " ");
  uint64_t words = 0;
  if (f.size() < 4 || !std::from_chars(f[3].data(), f[3].data() + f[3].size(), words, 16).ptr) {
    return 0;
  }
  size_t p_at = 4 + 2 * words;
  uint64_t word_no = 0;  // 1-based number of `lemma` in the synset
  for (uint64_t w = 0; w < words && 4 + 2 * w < f.size(); ++w) {
    std::string_view word = f[4 + 2 * w];
    size_t paren = word.find('(');  // adjective markers such as "(a)"
    if (paren != std::string_view::npos) word = word.substr(0, paren);
    if (Lower(word) == lemma) {
      word_no = w + 1;
      break;
    }
  }
  uint64_t pointers = 0;
  if (word_no == 0 || p_at >= f.size() || !ParseUint(f[p_at], &pointers)) return 0;
  uint64_t mask = 0;
  for (uint64_t k = 0; k < pointers; ++k) {
    size_t at = p_at + 1 + 4 * k;
    if (at + 3 >= f.size()) break;
    if (f[at] != "+" || f[at + 2].size() != 1 || f[at + 2][0] != to_pos || f[at + 3].size() != 4) {
      continue;
    }
    uint64_t source = 0;
    std::string_view st = f[at + 3].substr(0, 2);
    std::from_chars(st.data(), st.data() + 2, source, 16);
    if (source != word_no) continue;
    uint64_t target = 0, lexfile = 0;
    if (!ParseUint(f[at + 1], &target) || target + 12 > to_data.size()) continue;
    size_t sp = to_data.find(' ', target);
    if (sp == std::string_view::npos || sp + 3 > to_data.size() ||
        !ParseUint(to_data.substr(sp + 1, 2), &lexfile) || lexfile > 63) {
      continue;
    }
    mask |= uint64_t{1} << lexfile;
  }
  return mask;
}

// Adds the senses of one part of speech to *table. Index lines read
// "lemma pos synset_cnt p_cnt [ptr_symbol]... sense_cnt tagsense_cnt
// synset_offset...", offsets in sense-frequency order; a synset offset is
// the byte offset of its line in the data file, whose second field is the
// two-digit lex_filenum.
Status AddPos(const std::string& dir, const std::string& pos, bool noun,
              std::string_view other_data, std::map<std::string, LexfileTable::Entry>* table) {
  std::string index_path = dir + "/index." + pos;
  std::string data_path = dir + "/data." + pos;
  Result<std::string> index = ReadFile(index_path);
  if (!index.ok()) return index.error();
  Result<std::string> data = ReadFile(data_path);
  if (!data.ok()) return data.error();
  std::string_view in = index.value();
  const std::string& dat = data.value();
  int line_no = 0;
  size_t pos_i = 0;
  std::string_view line;
  while (NextLine(in, &pos_i, &line)) {
    ++line_no;
    if (line.empty() || line[0] == ' ') continue;  // license header
    std::vector<std::string_view> f = SplitFields(line, " ");
    auto bad = [&](std::string_view why) {
      Error e = Error::Model(std::string(why), index_path);
      e.line = line_no;
      return e;
    };
    uint64_t synsets = 0, pointers = 0;
    if (f.size() < 4 || !ParseUint(f[2], &synsets) || !ParseUint(f[3], &pointers)) {
      return bad("expected lemma, pos, synset_cnt, p_cnt");
    }
    size_t first_offset = 4 + pointers + 2;
    if (f.size() < first_offset + synsets) return bad("fewer synset offsets than synset_cnt");
    std::string_view lemma = f[0];
    if (lemma.find('_') != std::string_view::npos) continue;
    LexfileTable::Entry& e = (*table)[std::string(lemma)];
    for (uint64_t s = 0; s < synsets; ++s) {
      uint64_t offset = 0;
      if (!ParseUint(f[first_offset + s], &offset) || offset + 12 > dat.size()) {
        return bad(fmt::format("bad synset offset \"{}\"", f[first_offset + s]));
      }
      // "<offset> <lex_filenum> ..." at that byte.
      size_t sp = dat.find(' ', offset);
      uint64_t lexfile = 0;
      if (sp == std::string::npos || sp + 3 > dat.size() ||
          !ParseUint(std::string_view(dat).substr(sp + 1, 2), &lexfile) || lexfile > 63) {
        return Error::Model(fmt::format("{}: no lex_filenum at byte {}", data_path, offset),
                            data_path);
      }
      uint8_t& first = noun ? e.noun_first : e.verb_first;
      uint64_t& mask = noun ? e.noun_mask : e.verb_mask;
      if (first == LexfileTable::kNone) first = static_cast<uint8_t>(lexfile);
      mask |= uint64_t{1} << lexfile;
      size_t eol_d = dat.find('\n', offset);
      if (eol_d == std::string::npos) eol_d = dat.size();
      (noun ? e.deriv_verb_mask : e.deriv_noun_mask) |=
          DerivationMask(std::string_view(dat).substr(offset, eol_d - offset), lemma,
                         noun ? 'v' : 'n', other_data);
    }
  }
  return Status::Ok();
}

// Irregular forms ("went go", "mice mouse") get the senses of their lemma,
// so that lookups work on tokens without lemmas too. A form that is itself
// a lemma of that part of speech keeps its own senses.
Status AddExceptions(const std::string& dir, const std::string& pos, bool noun,
                     std::map<std::string, LexfileTable::Entry>* table) {
  std::string path = dir + "/" + pos + ".exc";
  Result<std::string> content = ReadFile(path);
  if (!content.ok()) return content.error();
  std::string_view in = content.value();
  size_t pos_i = 0;
  std::string_view line;
  while (NextLine(in, &pos_i, &line)) {
    std::vector<std::string_view> f = SplitFields(line, " ");
    if (f.size() < 2 || f[0].find('_') != std::string_view::npos) continue;
    auto lemma = table->find(std::string(f[1]));
    if (lemma == table->end()) continue;
    LexfileTable::Entry from = lemma->second;
    LexfileTable::Entry& e = (*table)[std::string(f[0])];
    if (noun && e.noun_first == LexfileTable::kNone) {
      e.noun_first = from.noun_first;
      e.noun_mask = from.noun_mask;
      e.deriv_verb_mask = from.deriv_verb_mask;
    } else if (!noun && e.verb_first == LexfileTable::kNone) {
      e.verb_first = from.verb_first;
      e.verb_mask = from.verb_mask;
      e.deriv_noun_mask = from.deriv_noun_mask;
    }
  }
  return Status::Ok();
}

}  // namespace

Result<LexfileTable> LexfileTable::Build(const std::string& wordnet_dir) {
  std::map<std::string, Entry> table;
  Result<std::string> data_noun = ReadFile(wordnet_dir + "/data.noun");
  if (!data_noun.ok()) return data_noun.error();
  Result<std::string> data_verb = ReadFile(wordnet_dir + "/data.verb");
  if (!data_verb.ok()) return data_verb.error();
  if (Status s = AddPos(wordnet_dir, "noun", true, data_verb.value(), &table); !s.ok()) {
    return s.error();
  }
  if (Status s = AddPos(wordnet_dir, "verb", false, data_noun.value(), &table); !s.ok()) {
    return s.error();
  }
  if (Status s = AddExceptions(wordnet_dir, "noun", true, &table); !s.ok()) return s.error();
  if (Status s = AddExceptions(wordnet_dir, "verb", false, &table); !s.ok()) return s.error();
  std::vector<std::pair<std::string, Entry>> entries(table.begin(), table.end());
  return FromEntries(std::move(entries));
}

LexfileTable LexfileTable::FromEntries(std::vector<std::pair<std::string, Entry>> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  LexfileTable t;
  t.starts_.push_back(0);
  for (auto& [lemma, e] : entries) {
    if (lemma.size() > 255) continue;  // the format stores a u8 length
    if (!t.entries_.empty() && t.Key(t.entries_.size() - 1) == lemma) continue;
    t.chars_ += lemma;
    t.starts_.push_back(static_cast<uint32_t>(t.chars_.size()));
    t.entries_.push_back(e);
  }
  t.BuildIndex();
  return t;
}

void LexfileTable::BuildIndex() {
  size_t cap = 16;
  while (cap < entries_.size() * 2) cap <<= 1;
  index_.assign(cap, 0);
  for (size_t i = 0; i < entries_.size(); ++i) {
    size_t slot = HashBytes(Key(i)) & (cap - 1);
    while (index_[slot] != 0) slot = (slot + 1) & (cap - 1);
    index_[slot] = static_cast<uint32_t>(i + 1);
  }
}

const LexfileTable::Entry* LexfileTable::FindInflected(std::string_view word,
                                                       std::string* base_out) const {
  if (base_out) base_out->assign(word);
  if (const Entry* e = Find(word)) return e;
  // WordNet's detachment rules (morphy), nouns then verbs; exceptions are
  // already in the table.
  static constexpr std::pair<std::string_view, std::string_view> kRules[] = {
      {"s", ""},   {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"},
      {"men", "man"}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""},
      {"ing", "e"}, {"ing", ""}};
  std::string base;
  for (const auto& [suffix, ending] : kRules) {
    if (word.size() <= suffix.size() + 1 || word.substr(word.size() - suffix.size()) != suffix) {
      continue;
    }
    base.assign(word.substr(0, word.size() - suffix.size()));
    base += ending;
    if (const Entry* e = Find(base)) {
      if (base_out) *base_out = base;
      return e;
    }
  }
  return nullptr;
}

const LexfileTable::Entry* LexfileTable::Find(std::string_view lemma, uint64_t hash) const {
  if (index_.empty()) return nullptr;
  const size_t mask = index_.size() - 1;
  for (size_t slot = hash & mask; index_[slot] != 0; slot = (slot + 1) & mask) {
    const uint32_t i = index_[slot] - 1;
    if (Key(i) == lemma) return &entries_[i];
  }
  return nullptr;
}

void LexfileTable::Write(ModelWriter* w) const {
  w->U32(static_cast<uint32_t>(entries_.size()));
  for (size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    std::string_view k = Key(i);
    w->U8(static_cast<uint8_t>(k.size()));
    for (char c : k) w->U8(static_cast<uint8_t>(c));
    bool noun_more = e.noun_first != kNone && e.noun_mask != (uint64_t{1} << e.noun_first);
    bool verb_more = e.verb_first != kNone && e.verb_mask != (uint64_t{1} << e.verb_first);
    bool deriv = e.deriv_verb_mask != 0 || e.deriv_noun_mask != 0;
    w->U8(static_cast<uint8_t>((e.noun_first != kNone ? 1 : 0) | (e.verb_first != kNone ? 2 : 0) |
                               (noun_more ? 4 : 0) | (verb_more ? 8 : 0) | (deriv ? 16 : 0)));
    if (e.noun_first != kNone) w->U8(e.noun_first);
    if (e.verb_first != kNone) w->U8(e.verb_first);
    if (noun_more) w->U64(e.noun_mask);
    if (verb_more) w->U64(e.verb_mask);
    if (deriv) {
      w->U64(e.deriv_verb_mask);
      w->U64(e.deriv_noun_mask);
    }
  }
}

LexfileTable LexfileTable::Read(ModelReader* r) {
  LexfileTable t;
  uint32_t n = r->U32("lexfile table size");
  if (!r->ok()) return t;
  if (n > 10'000'000) {
    r->Fail(fmt::format("lexfile table size {} (expected at most 10000000)", n));
    return t;
  }
  t.starts_.push_back(0);
  for (uint32_t i = 0; i < n && r->ok(); ++i) {
    uint8_t len = r->U8("lexfile lemma length");
    for (uint8_t j = 0; j < len && r->ok(); ++j) {
      t.chars_.push_back(static_cast<char>(r->U8("lexfile lemma byte")));
    }
    t.starts_.push_back(static_cast<uint32_t>(t.chars_.size()));
    uint8_t flags = r->U8("lexfile entry flags");
    if (!r->ok()) break;
    Entry e;
    if (flags & ~0x1f) {
      r->Fail(fmt::format("lexfile entry {} has flags {:#x} (expected bits 0-4 only)", i, flags));
      break;
    }
    if (flags & 1) e.noun_first = r->U8("noun lexfile");
    if (flags & 2) e.verb_first = r->U8("verb lexfile");
    if ((e.noun_first != kNone && e.noun_first > 63) ||
        (e.verb_first != kNone && e.verb_first > 63)) {
      r->Fail(fmt::format("lexfile entry {} has a lex_filenum above 63", i));
      break;
    }
    e.noun_mask = (flags & 4) ? r->U64("noun lexfile mask")
                  : (flags & 1) ? uint64_t{1} << e.noun_first : 0;
    e.verb_mask = (flags & 8) ? r->U64("verb lexfile mask")
                  : (flags & 2) ? uint64_t{1} << e.verb_first : 0;
    if (flags & 16) {
      e.deriv_verb_mask = r->U64("derivation verb lexfile mask");
      e.deriv_noun_mask = r->U64("derivation noun lexfile mask");
    }
    if (i > 0 && !(t.Key(i - 1) < t.Key(i))) {
      r->Fail(fmt::format("lexfile entry {} is out of order", i));
      break;
    }
    t.entries_.push_back(e);
  }
  if (!r->ok()) return LexfileTable();
  t.BuildIndex();
  return t;
}

}  // namespace chronicle
