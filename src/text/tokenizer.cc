// Tokenizer and sentence splitter: a hand-written scanner over bytes.
//
// Layout of the work:
//   1. The text is cut into chunks at "gap" characters (whitespace, control
//      characters, bytes that are not valid UTF-8). Gaps never belong to a
//      token, which gives the offsets invariant: between two tokens there is
//      only gap text, and every token is valid UTF-8.
//   2. Each chunk is cut into tokens by ScanToken(), which looks at the
//      character class of the first character and then extends the token
//      with rules for word-internal connectors (. , : / - ' & _).
//      ASCII bytes are classified through a 128-entry table; other code
//      points are decoded and looked up in a sorted range table, so the hot
//      path for English text never decodes.
//   3. While scanning, each token gets a one-byte kind (word, abbreviation,
//      final punctuation, quote, bracket, ...) and a flag telling whether a
//      blank line precedes it. The sentence splitter then runs over these
//      kinds only, touching the text just for the first letter of the word
//      after a candidate boundary.
// No allocation happens per token besides the two vector pushes; the word
// lists are hash sets of string_views into storage owned by the Lexicon.
#include "text/tokenizer.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include <fmt/core.h>

#include "util/file.h"
#include "util/utf8.h"

namespace chronicle {
namespace text_internal {

enum class AbbrevKind : uint8_t { kPlain, kTitle, kNumber };

// The read-only word lists. Not movable once built: the sets hold
// string_views into `storage`, whose elements never move (std::deque).
struct Lexicon {
  std::deque<std::string> storage;
  std::unordered_map<std::string_view, AbbrevKind> abbreviations;
  std::unordered_set<std::string_view> hyphen_prefixes;  // lower case
  size_t max_hyphen_prefix = 0;
  // Clitics after an apostrophe, lower case, without it: "s", "ll", ...
  std::vector<std::string_view> apostrophe_clitics;
  // Suffixes of "n'X" clitics after the apostrophe: "t" for n't.
  std::vector<std::string_view> negation_clitics;
  // Lower-case word -> length in bytes of its first part.
  std::unordered_map<std::string_view, uint32_t> word_splits;
  uint64_t word_split_lengths = 0;  // bit L set when some word has length L
  std::vector<std::string_view> emoticons;  // longest first
  std::array<bool, 128> emoticon_first{};   // first characters of emoticons
  // Unit letters split from a number before them ("5pm", "65k"), lower case.
  std::unordered_set<std::string_view> number_units;
  size_t max_number_unit = 0;
  std::unordered_set<std::string_view> sentence_starters;
  // Words a title-case headline leaves in lower case ("of", "the").
  std::unordered_set<std::string_view> headline_minor_words;

  std::string_view Keep(std::string s) {
    storage.push_back(std::move(s));
    return storage.back();
  }
};

}  // namespace text_internal

namespace {

using text_internal::AbbrevKind;
using text_internal::Lexicon;

// ---------------------------------------------------------------------------
// Character classes.

enum Cls : uint8_t {
  kGap,       // whitespace, controls, invalid bytes: separates tokens
  kLetter,    // letters of any script (and everything unlisted)
  kDigit,     // 0-9 and other number characters
  kExtend,    // combining marks, variation selectors, skin tones, ZWNJ
  kZwj,       // U+200D, joins emoji
  kRegional,  // regional indicator symbols (flags come in pairs)
  kSymbol,    // emoji, arrows, currency signs...: one token each
  kPunct,     // punctuation: one token each (with special cases)
};

constexpr std::array<uint8_t, 128> MakeAsciiTable() {
  std::array<uint8_t, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if (c <= 0x20 || c == 0x7F) {
      t[c] = kGap;
    } else if (c >= '0' && c <= '9') {
      t[c] = kDigit;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      t[c] = kLetter;
    } else {
      t[c] = kPunct;
    }
  }
  return t;
}
constexpr std::array<uint8_t, 128> kAsciiClass = MakeAsciiTable();

struct Range {
  char32_t lo;
  char32_t hi;
  Cls cls;
};

// Non-ASCII ranges that are not letters, sorted and disjoint. Unlisted code
// points are letters. Approximates the Unicode categories news text needs.
constexpr Range kRanges[] = {
    {0x0080, 0x00A0, kGap},     {0x00A1, 0x00A9, kPunct},
    {0x00AB, 0x00AC, kPunct},   {0x00AD, 0x00AD, kExtend},
    {0x00AE, 0x00B1, kPunct},   {0x00B2, 0x00B3, kDigit},
    {0x00B4, 0x00B4, kPunct},   {0x00B6, 0x00B8, kPunct},
    {0x00B9, 0x00B9, kDigit},   {0x00BB, 0x00BB, kPunct},
    {0x00BC, 0x00BE, kDigit},   {0x00BF, 0x00BF, kPunct},
    {0x00D7, 0x00D7, kPunct},   {0x00F7, 0x00F7, kPunct},
    {0x0300, 0x036F, kExtend},  {0x0483, 0x0489, kExtend},
    {0x0591, 0x05BD, kExtend},  {0x05BE, 0x05BE, kPunct},
    {0x05C0, 0x05C0, kPunct},   {0x05C3, 0x05C3, kPunct},
    {0x0600, 0x0605, kGap},     {0x060C, 0x060D, kPunct},
    {0x061B, 0x061B, kPunct},   {0x061F, 0x061F, kPunct},
    {0x064B, 0x065F, kExtend},  {0x066A, 0x066D, kPunct},
    {0x06D4, 0x06D4, kPunct},   {0x0964, 0x0965, kPunct},
    {0x0E3F, 0x0E3F, kSymbol},  {0x0E5A, 0x0E5B, kPunct},
    {0x1680, 0x1680, kGap},     {0x180E, 0x180E, kGap},
    {0x1AB0, 0x1AFF, kExtend},  {0x1DC0, 0x1DFF, kExtend},
    {0x2000, 0x200B, kGap},     {0x200C, 0x200C, kExtend},
    {0x200D, 0x200D, kZwj},     {0x200E, 0x200F, kGap},
    {0x2010, 0x2027, kPunct},   {0x2028, 0x202F, kGap},
    {0x2030, 0x205E, kPunct},   {0x205F, 0x206F, kGap},
    {0x2070, 0x209F, kDigit},   {0x20A0, 0x20CF, kSymbol},
    {0x20D0, 0x20FF, kExtend},  {0x2100, 0x214F, kSymbol},
    {0x2150, 0x218F, kDigit},   {0x2190, 0x2BFF, kSymbol},
    {0x2E00, 0x2E7F, kPunct},   {0x3000, 0x3000, kGap},
    {0x3001, 0x3004, kPunct},   {0x3008, 0x3011, kPunct},
    {0x3012, 0x3013, kSymbol},  {0x3014, 0x301F, kPunct},
    {0x3030, 0x3030, kPunct},   {0x303D, 0x303D, kPunct},
    {0xD800, 0xDFFF, kGap},     {0xE000, 0xF8FF, kSymbol},
    {0xFE00, 0xFE0F, kExtend},  {0xFE10, 0xFE19, kPunct},
    {0xFE20, 0xFE2F, kExtend},  {0xFE30, 0xFE6F, kPunct},
    {0xFEFF, 0xFEFF, kGap},     {0xFF01, 0xFF0F, kPunct},
    {0xFF1A, 0xFF20, kPunct},   {0xFF3B, 0xFF40, kPunct},
    {0xFF5B, 0xFF65, kPunct},   {0xFFE0, 0xFFEE, kSymbol},
    {0xFFF0, 0xFFFB, kGap},     {0xFFFC, 0xFFFD, kSymbol},
    {0xFFFE, 0xFFFF, kGap},     {0x1F000, 0x1F1E5, kSymbol},
    {0x1F1E6, 0x1F1FF, kRegional}, {0x1F200, 0x1F3FA, kSymbol},
    {0x1F3FB, 0x1F3FF, kExtend},   {0x1F400, 0x1FAFF, kSymbol},
    {0xE0000, 0xE007F, kExtend},   {0xE0100, 0xE01EF, kExtend},
    {0xF0000, 0x10FFFF, kSymbol},
};

Cls ClassifyCodePoint(char32_t cp) {
  const Range* end = kRanges + std::size(kRanges);
  const Range* r = std::upper_bound(
      kRanges, end, cp, [](char32_t c, const Range& x) { return c < x.lo; });
  if (r == kRanges) return kLetter;
  --r;
  return cp <= r->hi ? r->cls : kLetter;
}

struct Ch {
  char32_t cp = 0;
  uint32_t len = 0;  // 0 past the end
  Cls cls = kGap;
};

// Strict UTF-8 decoding of the (non-ASCII) character at byte i: overlong
// forms, surrogates, values above U+10FFFF and truncated sequences come back
// as a one-byte gap, so that no token ever holds invalid UTF-8.
Ch DecodeNonAscii(std::string_view s, size_t i) {
  const size_t n = s.size();
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](size_t k) { return k < n && (byte(k) & 0xC0) == 0x80; };
  unsigned char b0 = byte(i);
  Ch c;
  c.len = 1;
  c.cls = kGap;
  c.cp = 0xFFFD;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (!cont(i + 1)) return c;
    c.cp = (char32_t{b0} & 0x1F) << 6 | (byte(i + 1) & 0x3F);
    c.len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return c;
    char32_t cp = (char32_t{b0} & 0x0F) << 12 |
                  (char32_t{byte(i + 1)} & 0x3F) << 6 | (byte(i + 2) & 0x3F);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return c;
    c.cp = cp;
    c.len = 3;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return c;
    char32_t cp = (char32_t{b0} & 0x07) << 18 |
                  (char32_t{byte(i + 1)} & 0x3F) << 12 |
                  (char32_t{byte(i + 2)} & 0x3F) << 6 | (byte(i + 3) & 0x3F);
    if (cp < 0x10000 || cp > 0x10FFFF) return c;
    c.cp = cp;
    c.len = 4;
  } else {
    return c;
  }
  c.cls = ClassifyCodePoint(c.cp);
  return c;
}

// The character at byte i of s, or a zero-length gap at or past `end`.
inline Ch At(std::string_view s, size_t i, size_t end) {
  if (i >= end) return Ch{};
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return Ch{b, 1, static_cast<Cls>(kAsciiClass[b])};
  return DecodeNonAscii(s, i);
}

inline bool IsWordCls(Cls c) {
  return c == kLetter || c == kDigit || c == kExtend;
}
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiAlnum(char c) {
  return IsAsciiDigit(c) || IsAsciiUpper(c) || IsAsciiLower(c);
}
inline char ToLowerAscii(char c) {
  return IsAsciiUpper(c) ? static_cast<char>(c + 32) : c;
}
inline bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

// Lower-cases an ASCII string_view into buf (capacity n); returns false
// when it does not fit.
bool LowerInto(std::string_view w, char* buf, size_t n) {
  if (w.size() > n) return false;
  for (size_t k = 0; k < w.size(); ++k) buf[k] = ToLowerAscii(w[k]);
  return true;
}

bool StartsWithNoCase(std::string_view s, size_t i, size_t end,
                      std::string_view prefix) {
  if (end - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    if (ToLowerAscii(s[i + k]) != prefix[k]) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Token kinds, as the sentence splitter sees them.

enum Kind : uint8_t {
  kWordTok,
  kAbbrevTok,       // "Inc.", "U.S.", "W.": may end a sentence
  kTitleTok,        // "Mr.": never ends a sentence
  kFinalTok,        // . ! ? ... and runs of them, and their CJK forms
  kOpenTok,         // ( [ { `` “ ‘ « „
  kCloseTok,        // ) ] } '' ” »
  kAmbQuoteTok,     // " and ' and ’ standing alone
  kUrlTok,          // URLs and e-mail addresses
  kEmoticonTok,     // :-)
  kOtherTok,        // other punctuation and symbols
};
constexpr uint8_t kBlankLineBefore = 0x80;  // flag bits on the kind byte
constexpr uint8_t kLineBreakBefore = 0x40;  // exactly one line break
constexpr uint8_t kKindMask = 0x3F;

// ---------------------------------------------------------------------------
// The scanner for one chunk (a maximal run of non-gap characters).

class ChunkScanner {
 public:
  // `has_at`: whether the chunk holds an '@' (e-mail addresses).
  ChunkScanner(const Lexicon& lex, std::string_view text, size_t begin,
               size_t end, bool has_at)
      : lex_(lex), s_(text), begin_(begin), end_(end), has_at_(has_at) {}

  // Returns the end of the token starting at p (< end_) and sets *kind.
  // `after_word` tells whether a word token ends exactly at p.
  size_t Scan(size_t p, bool after_word, Kind* kind) const;

 private:
  size_t ScanWord(size_t p, Kind* kind) const;
  size_t PhoneNumberEnd(size_t p) const;
  bool UnitAt(size_t q) const;
  size_t ScanUrl(size_t p) const;
  size_t ScanEmail(size_t p) const;
  size_t ScanSymbol(size_t p, Ch c) const;
  size_t AbsorbExtends(size_t q) const;
  size_t MatchEmoticon(size_t p) const;
  bool AttachPeriod(size_t p, size_t q, bool dotted, Kind* kind) const;
  bool NextNonGapIsDigit(size_t i) const;

  const Lexicon& lex_;
  std::string_view s_;
  size_t begin_;
  size_t end_;
  bool has_at_;
};

size_t ChunkScanner::AbsorbExtends(size_t q) const {
  while (q < end_) {
    Ch c = At(s_, q, end_);
    if (c.cls != kExtend) break;
    q += c.len;
  }
  return q;
}

bool ChunkScanner::NextNonGapIsDigit(size_t i) const {
  size_t n = s_.size();
  while (i < n) {
    Ch c = At(s_, i, n);
    if (c.cls != kGap) return c.cp >= '0' && c.cp <= '9';
    i += c.len;
  }
  return false;
}

size_t ChunkScanner::MatchEmoticon(size_t p) const {
  if (!lex_.emoticon_first[static_cast<unsigned char>(s_[p]) & 0x7F]) return 0;
  for (std::string_view e : lex_.emoticons) {
    if (end_ - p >= e.size() && s_.compare(p, e.size(), e) == 0) {
      size_t q = p + e.size();
      // Only a whole emoticon: it ends the chunk or punctuation follows.
      if (q == end_) return q;
      Ch c = At(s_, q, end_);
      if (!IsWordCls(c.cls) && c.cp != '(' && c.cp != ')') return q;
    }
  }
  return 0;
}

// URL from p to the end of the chunk, without trailing punctuation that
// belongs to the sentence ("see http://x.com/a)." keeps the ")" only when
// the URL opened one).
size_t ChunkScanner::ScanUrl(size_t p) const {
  size_t q = end_;
  int open = 0;
  for (size_t k = p; k < q; ++k) {
    if (s_[k] == '(') ++open;
    if (s_[k] == ')') --open;
  }
  while (q > p) {
    unsigned char b = static_cast<unsigned char>(s_[q - 1]);
    if (b < 0x80) {
      if (b == ')' && open < 0) {
        ++open;
        --q;
        continue;
      }
      if (std::strchr(".,;:!?'\"]}>", b) != nullptr && b != 0) {
        --q;
        continue;
      }
      break;
    }
    // Trailing curly quotes and the like (3-byte U+2018..U+201D, U+2026).
    if (q - p >= 3 && static_cast<unsigned char>(s_[q - 3]) == 0xE2 &&
        static_cast<unsigned char>(s_[q - 2]) == 0x80) {
      unsigned char t = static_cast<unsigned char>(s_[q - 1]);
      if ((t >= 0x98 && t <= 0x9D) || t == 0xA6) {
        q -= 3;
        continue;
      }
    }
    break;
  }
  return q;
}

// E-mail address starting at p, or 0.
size_t ChunkScanner::ScanEmail(size_t p) const {
  size_t q = p;
  while (q < end_ && (IsAsciiAlnum(s_[q]) || s_[q] == '.' || s_[q] == '_' ||
                      s_[q] == '-' || s_[q] == '+' || s_[q] == '%')) {
    ++q;
  }
  if (q == p || q + 1 >= end_ || s_[q] != '@' || !IsAsciiAlnum(s_[q + 1])) {
    return 0;
  }
  ++q;
  while (q < end_ && (IsAsciiAlnum(s_[q]) || s_[q] == '.' || s_[q] == '-' ||
                      s_[q] == '_')) {
    ++q;
  }
  while (s_[q - 1] == '.' || s_[q - 1] == '-') --q;
  return q;
}

// An emoji or symbol with its modifiers, ZWJ sequences and flag pairs.
size_t ChunkScanner::ScanSymbol(size_t p, Ch c) const {
  size_t q = p + c.len;
  if (c.cls == kRegional) {
    Ch n = At(s_, q, end_);
    if (n.cls == kRegional) q += n.len;
    return AbsorbExtends(q);
  }
  while (true) {
    q = AbsorbExtends(q);
    Ch n = At(s_, q, end_);
    if (n.cls != kZwj) break;
    Ch m = At(s_, q + n.len, end_);
    if (m.cls != kSymbol) {
      q += n.len;  // a dangling joiner stays with its emoji
      break;
    }
    q += n.len + m.len;
  }
  return q;
}

// The end of a phone or postal number starting at p ("713-853-3989",
// "1-800-991-9019", "646-8420", "94720-5180"), or 0 when the digits and
// hyphens from p are a range or score ("1969-1970", "400-500": split).
size_t ChunkScanner::PhoneNumberEnd(size_t p) const {
  size_t segs[8];
  size_t nseg = 0, len = 0, r = p;
  for (; r < end_; ++r) {
    if (IsAsciiDigit(s_[r])) {
      ++len;
    } else if (s_[r] == '-' && len > 0 && r + 1 < end_ &&
               IsAsciiDigit(s_[r + 1])) {
      if (nseg == 8) return 0;
      segs[nseg++] = len;
      len = 0;
    } else {
      break;
    }
  }
  if (nseg == 8) return 0;
  segs[nseg++] = len;
  if (r < end_ && IsWordCls(At(s_, r, end_).cls)) return 0;
  if (nseg >= 3) {
    size_t total = 0;
    for (size_t k = 0; k < nseg; ++k) {
      if (segs[k] > 4) return 0;
      total += segs[k];
    }
    return total >= 7 ? r : 0;
  }
  if (nseg == 2 && segs[1] == 4 && (segs[0] == 3 || segs[0] == 5)) return r;
  return 0;
}

// True when the ASCII letters at q form a listed unit and end the word.
bool ChunkScanner::UnitAt(size_t q) const {
  size_t r = q;
  while (r < end_ && (IsAsciiUpper(s_[r]) || IsAsciiLower(s_[r]))) ++r;
  if (r - q > lex_.max_number_unit) return false;
  if (r < end_ && IsWordCls(At(s_, r, end_).cls)) return false;
  char buf[16];
  if (!LowerInto(s_.substr(q, r - q), buf, sizeof(buf))) return false;
  return lex_.number_units.count(std::string_view(buf, r - q)) > 0;
}

// Decides whether the period at q ends the word [p, q) as part of it.
bool ChunkScanner::AttachPeriod(size_t p, size_t q, bool dotted,
                                Kind* kind) const {
  std::string_view word = s_.substr(p, q - p);
  std::string_view with_period = s_.substr(p, q - p + 1);
  auto it = lex_.abbreviations.find(with_period);
  // An initial: one capital letter ("George W. Bush", "Edwin P. Wilson"),
  // unless listed as it is.
  if (it == lex_.abbreviations.end() && word.size() == 1 &&
      IsAsciiUpper(word[0])) {
    *kind = kAbbrevTok;
    return true;
  }
  if (it == lex_.abbreviations.end() && word.size() <= 15 &&
      IsAsciiUpper(word[0])) {
    // "CORP." finds "Corp.", "Approx." finds "approx.".
    char buf[16];
    LowerInto(with_period, buf, sizeof(buf));
    std::string_view low(buf, with_period.size());
    it = lex_.abbreviations.find(low);
    if (it == lex_.abbreviations.end()) {
      buf[0] = word[0];
      it = lex_.abbreviations.find(low);
    }
  }
  if (it != lex_.abbreviations.end()) {
    switch (it->second) {
      case AbbrevKind::kTitle:
        *kind = kTitleTok;
        return true;
      case AbbrevKind::kNumber:
        if (!NextNonGapIsDigit(q + 1)) return false;
        *kind = kTitleTok;  // "No. 5" never ends a sentence at "No."
        return true;
      case AbbrevKind::kPlain:
        *kind = kAbbrevTok;
        return true;
    }
  }
  // Dotted letter groups: "U.S", "a.m", "Ph.D", "i.e" (segments of at most
  // two letters).
  if (dotted) {
    // Only the part after a joined hyphen counts: "non-U.S".
    size_t hyphen = word.rfind('-');
    if (hyphen != std::string_view::npos) word.remove_prefix(hyphen + 1);
    if (word.empty()) return false;
    size_t seg = 0;
    for (char c : word) {
      if (c == '.') {
        if (seg == 0) return false;
        seg = 0;
      } else if (IsAsciiUpper(c) || IsAsciiLower(c)) {
        if (++seg > 2) return false;
      } else {
        return false;
      }
    }
    *kind = kAbbrevTok;
    return true;
  }
  return false;
}

size_t ChunkScanner::ScanWord(size_t p, Kind* kind) const {
  *kind = kWordTok;
  size_t q = p;
  size_t seg = p;  // start of the current segment (after the last connector)
  bool dotted = false;
  bool numeric = true;  // only digits and number punctuation so far
  Cls last = kGap;
  char32_t last_cp = 0;
  while (true) {
    // Word characters.
    while (q < end_) {
      unsigned char b = static_cast<unsigned char>(s_[q]);
      if (b < 0x80) {
        Cls c = static_cast<Cls>(kAsciiClass[b]);
        if (c != kLetter && c != kDigit) break;
        if (c == kLetter) {
          // "5pm" -> 5 pm, "65k" -> 65 k; "1990s" and "4th" stay whole.
          if (numeric && last == kDigit && UnitAt(q)) return q;
          numeric = false;
        }
        last = c;
        last_cp = b;
        ++q;
      } else {
        Ch c = DecodeNonAscii(s_, q);
        if (!IsWordCls(c.cls)) break;
        if (c.cls != kExtend) {
          if (c.cls != kDigit) numeric = false;
          last = c.cls;
          last_cp = c.cp;
        }
        q += c.len;
      }
    }
    if (q >= end_) break;
    // A connector at q.
    Ch c = At(s_, q, end_);
    Ch n = At(s_, q + c.len, end_);
    bool next_word = IsWordCls(n.cls) && n.cls != kExtend;
    bool join = false;
    switch (c.cp) {
      case '.':
        if (next_word) {
          join = true;
          dotted = true;
        }
        break;
      case ',':
        // Thousands: exactly three digits follow.
        join = last == kDigit && q + 3 < end_ && IsAsciiDigit(s_[q + 1]) &&
               IsAsciiDigit(s_[q + 2]) && IsAsciiDigit(s_[q + 3]) &&
               (q + 4 >= end_ || !IsAsciiDigit(s_[q + 4]));
        break;
      case ':':
        join = last == kDigit && n.cls == kDigit;
        break;
      case '/':
        if (last == kDigit && n.cls == kDigit) {
          join = true;
        } else if (q - p == 1 && last == kLetter) {
          // "w/o", "w/", "I/C": a one-letter word before the slash.
          if (next_word) {
            join = true;
          } else {
            return q + 1;
          }
        }
        break;
      case '-':
      case 0x2010:
      case 0x2011:
        if (last == kDigit && n.cls == kDigit) {
          // Phone numbers stay whole; ranges split ("1969 - 1970").
          size_t r = numeric && seg == p ? PhoneNumberEnd(p) : 0;
          if (r > q) {
            q = r;
            seg = r;
            continue;
          }
        } else if (last == kLetter && next_word && q - seg <= lex_.max_hyphen_prefix) {
          char buf[32];
          std::string_view segment = s_.substr(seg, q - seg);
          if (LowerInto(segment, buf, sizeof(buf)) &&
              lex_.hyphen_prefixes.count(
                  std::string_view(buf, segment.size())) > 0) {
            join = true;
          }
        }
        break;
      case '\'':
      case 0x2019: {
        if (n.cls != kLetter) break;
        size_t after = q + c.len;  // first letter after the apostrophe
        size_t run = after;        // end of the letters after it
        while (run < end_ && IsAsciiAlnum(s_[run])) ++run;
        Ch after_run = At(s_, run, end_);
        if (!IsWordCls(after_run.cls)) {
          std::string_view suffix = s_.substr(after, run - after);
          char buf[8];
          if (LowerInto(suffix, buf, sizeof(buf))) {
            std::string_view low(buf, suffix.size());
            // n't: split before the n ("do|n't", "ca|n't").
            if ((last_cp == 'n' || last_cp == 'N') && q - 1 > p) {
              for (std::string_view nc : lex_.negation_clitics) {
                if (low == nc) return q - 1;
              }
            }
            for (std::string_view cl : lex_.apostrophe_clitics) {
              if (low != cl) continue;
              // Decades stay whole: "1990's", "80's".
              if (low == "s" && last == kDigit && s_[q - 1] == '0') {
                bool digits = true;
                for (size_t k = p; k < q; ++k) digits &= IsAsciiDigit(s_[k]);
                if (digits) return run;
              }
              return q;
            }
          }
        }
        join = true;  // O'Brien, Qa'ida, rock'n'roll
        break;
      }
      case '`': {
        // "mama`s": a backtick used as an apostrophe before a clitic.
        size_t r = q + 1;
        while (r < end_ && IsAsciiAlnum(s_[r])) ++r;
        char buf[8];
        if (r > q + 1 && !IsWordCls(At(s_, r, end_).cls) &&
            LowerInto(s_.substr(q + 1, r - q - 1), buf, sizeof(buf))) {
          std::string_view low(buf, r - q - 1);
          for (std::string_view cl : lex_.apostrophe_clitics) {
            if (low == cl) return q;
          }
        }
        break;
      }
      case '&':
        join = IsAsciiUpper(static_cast<char>(last_cp)) && n.cp < 0x80 &&
               IsAsciiUpper(static_cast<char>(n.cp));
        break;
      case '_':
        join = next_word;
        break;
      default:
        break;
    }
    if (!join) break;
    q += c.len;
    seg = q;
  }
  // A period right after the word: part of an abbreviation or not.
  if (q < end_ && s_[q] == '.' && AttachPeriod(p, q, dotted, kind)) {
    return q + 1;
  }
  // Words written as one that split in two ("cannot" -> can not).
  size_t len = q - p;
  if (len < 64 && (lex_.word_split_lengths >> len & 1) != 0) {
    char buf[64];
    if (LowerInto(s_.substr(p, len), buf, sizeof(buf))) {
      auto it = lex_.word_splits.find(std::string_view(buf, len));
      if (it != lex_.word_splits.end()) return p + it->second;
    }
  }
  return q;
}

size_t ChunkScanner::Scan(size_t p, bool after_word, Kind* kind) const {
  Ch c = At(s_, p, end_);
  *kind = kOtherTok;
  if (c.cls == kLetter || c.cls == kDigit) {
    char b = s_[p];
    if ((b == 'h' || b == 'H' || b == 'w' || b == 'W' || b == 'f' ||
         b == 'F' || b == 'm' || b == 'M') &&
        (StartsWithNoCase(s_, p, end_, "http://") ||
         StartsWithNoCase(s_, p, end_, "https://") ||
         StartsWithNoCase(s_, p, end_, "ftp://") ||
         StartsWithNoCase(s_, p, end_, "mailto:") ||
         (StartsWithNoCase(s_, p, end_, "www.") && end_ - p > 4 &&
          IsAsciiAlnum(s_[p + 4])))) {
      *kind = kUrlTok;
      size_t q = ScanUrl(p);
      if (q > p) return q;
    }
    if (has_at_ && std::memchr(s_.data() + p, '@', end_ - p) != nullptr) {
      size_t q = ScanEmail(p);
      if (q > p) {
        *kind = kWordTok;
        return q;
      }
    }
    return ScanWord(p, kind);
  }
  switch (c.cls) {
    case kSymbol:
    case kRegional:
      return ScanSymbol(p, c);
    case kExtend:
    case kZwj:
      return AbsorbExtends(p + c.len);
    default:
      break;
  }
  // Punctuation.
  size_t q = p + c.len;
  switch (c.cp) {
    case '.':
    case '!':
    case '?':
      while (q < end_ && (s_[q] == '.' || s_[q] == '!' || s_[q] == '?')) ++q;
      *kind = kFinalTok;
      return q;
    case 0x2026:  // …
    case 0x3002:  // 。
    case 0xFF01:  // ！
    case 0xFF1F:  // ？
    case 0x061F:  // ؟
    case 0x0964:  // ।
      *kind = kFinalTok;
      return q;
    case '-':
      while (q < end_ && s_[q] == '-') ++q;
      return q;
    case '`': {
      if (q < end_ && s_[q] == '`') {
        *kind = kOpenTok;
        return q + 1;
      }
      size_t r = q;
      while (r < end_ && IsAsciiAlnum(s_[r])) ++r;
      char buf[8];
      if (after_word && r > q && !IsWordCls(At(s_, r, end_).cls) &&
          LowerInto(s_.substr(q, r - q), buf, sizeof(buf))) {
        std::string_view low(buf, r - q);
        for (std::string_view cl : lex_.apostrophe_clitics) {
          if (low == cl) {
            *kind = kWordTok;
            return r;
          }
        }
      }
      *kind = kOpenTok;
      return q;
    }
    case '\'':
    case 0x2019: {
      if (c.cp == '\'' && q < end_ && s_[q] == '\'') {
        *kind = kCloseTok;
        return q + 1;
      }
      if (c.cp == 0x2019 && At(s_, q, end_).cp == 0x2019) {  // ’’
        *kind = kCloseTok;
        return q + 3;
      }
      // A clitic after a word: 's 'll n't (the n't case starts at the n).
      size_t run = q;
      while (run < end_ && IsAsciiAlnum(s_[run])) ++run;
      if (run > q && !IsWordCls(At(s_, run, end_).cls)) {
        std::string_view suffix = s_.substr(q, run - q);
        char buf[8];
        if (after_word && LowerInto(suffix, buf, sizeof(buf))) {
          std::string_view low(buf, suffix.size());
          for (std::string_view cl : lex_.apostrophe_clitics) {
            if (low == cl) {
              *kind = kWordTok;
              return run;
            }
          }
        }
        // '90s, '08.
        if (run - q >= 2 && IsAsciiDigit(s_[q]) && IsAsciiDigit(s_[q + 1]) &&
            (run - q == 2 || (run - q == 3 && s_[q + 2] == 's'))) {
          *kind = kWordTok;
          return run;
        }
      }
      *kind = c.cp == 0x2019 ? kCloseTok : kAmbQuoteTok;
      if (c.cp == '\'' && after_word) *kind = kCloseTok;
      return q;
    }
    case '"':
      *kind = kAmbQuoteTok;
      return q;
    case '+':
      // International dialling prefix: "+44 20 7484 9866".
      if (!after_word && q < end_ && IsAsciiDigit(s_[q])) {
        size_t r = q;
        while (r < end_ && IsAsciiDigit(s_[r])) ++r;
        if (r - q <= 3 && (r == end_ || !IsWordCls(At(s_, r, end_).cls))) {
          return r;
        }
      }
      return q;
    case '(':
    case '[':
    case '{':
    case 0x2018:  // ‘ (and ‘’ or ‘‘ used as an opening double quote)
      if (Ch d = At(s_, q, end_); d.cp == 0x2018 || d.cp == 0x2019) q += 3;
      *kind = kOpenTok;
      return q;
    case 0x201C:  // “
    case 0x00AB:  // «
    case 0x201E:  // „
      *kind = kOpenTok;
      return q;
    case ')':
    case ']':
    case '}':
    case 0x201D:  // ”
    case 0x00BB:  // »
      *kind = kCloseTok;
      return q;
    case '@':
    case '#': {
      // @handle, #hashtag; "#3" is # and 3.
      size_t r = q;
      if (q < end_ && IsAsciiDigit(s_[q])) return q;
      while (r < end_) {
        unsigned char b = static_cast<unsigned char>(s_[r]);
        if (b < 0x80) {
          if (!IsAsciiAlnum(static_cast<char>(b)) && b != '_') break;
          ++r;
        } else {
          Ch w = DecodeNonAscii(s_, r);
          if (!IsWordCls(w.cls)) break;
          r += w.len;
        }
      }
      if (r > q) {
        *kind = kWordTok;
        return r;
      }
      return q;
    }
    default:
      break;
  }
  if (c.cp < 0x80) {
    size_t e = MatchEmoticon(p);
    if (e > p) {
      *kind = kEmoticonTok;
      return e;
    }
    // Runs of one mark are one token, as in EWT ("***", "==", ">>").
    if (c.cp != '$' && c.cp != '%' && c.cp != '&' && c.cp != ',') {
      while (q < end_ && s_[q] == s_[p]) ++q;
    }
  }
  return AbsorbExtends(q);
}

// ---------------------------------------------------------------------------
// Sentence splitting over token kinds.

// True when the text of token t starts with a lower-case letter (ASCII, or
// Latin-1 / Latin Extended lower-case, approximately).
bool StartsLower(std::string_view text, Span t) {
  unsigned char b = static_cast<unsigned char>(text[t.begin]);
  if (b < 0x80) return IsAsciiLower(static_cast<char>(b));
  char32_t cp = DecodeNonAscii(text, t.begin).cp;
  if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return (cp & 1) == 1;  // roughly
  if (cp >= 0x3B1 && cp <= 0x3C9) return true;           // Greek
  if (cp >= 0x430 && cp <= 0x44F) return true;           // Cyrillic
  return false;
}

// Fills doc->sentences. An abbreviation that ends a sentence gives up its
// period to a token of its own, as in UD English EWT ("... in the U.S." ->
// U.S | .), so every sentence that ends in a period ends in a "." token.
void SplitSentences(const Lexicon& lex, std::string_view text,
                    const std::vector<uint8_t>& kinds, Document* doc) {
  std::vector<Token>& toks = doc->tokens;
  std::vector<uint32_t> split;  // abbreviations to split, ascending
  const size_t n = toks.size();
  auto kind = [&](size_t i) { return kinds[i] & kKindMask; };
  auto blank_before = [&](size_t i) {
    return i < n && (kinds[i] & kBlankLineBefore) != 0;
  };
  auto attached = [&](size_t i) {  // token i touches token i-1
    return toks[i].span.begin == toks[i - 1].span.end;
  };
  auto push = [&](size_t first, size_t last) {
    Sentence s;
    s.span = Span{toks[first].span.begin, toks[last].span.end};
    s.first_token = static_cast<uint32_t>(first);
    s.end_token = static_cast<uint32_t>(last + 1);
    doc->sentences.push_back(s);
  };

  auto line_break_before = [&](size_t i) {
    return i < n && (kinds[i] & kLineBreakBefore) != 0;
  };
  // A headline on a line of its own: the line [line_start, i] began the
  // current sentence, has at most 15 tokens, no sentence punctuation at its
  // end, and every word in it is capitalized (or a minor word such as
  // "of"); the next line starts with a capital or a quote.
  auto headline_ends_at = [&](size_t first, size_t i) {
    if (!line_break_before(i + 1)) return false;
    size_t start = i;
    while (start > first && !line_break_before(start)) --start;
    if (start != first || i - start >= 15) return false;
    uint8_t lk = kind(i);
    if (lk == kFinalTok || lk == kAbbrevTok) return false;  // handled
    unsigned char last_char = static_cast<unsigned char>(
        text[toks[i].span.end - 1]);
    if (last_char == ',' || last_char == ';' || last_char == ':' ||
        last_char == '-') {
      return false;
    }
    int words = 0;
    for (size_t t = start; t <= i; ++t) {
      std::string_view w = text.substr(toks[t].span.begin, toks[t].span.size());
      char c = w[0];
      if (IsAsciiLower(c)) {
        if (lex.headline_minor_words.count(w) == 0) return false;
      } else if (IsAsciiUpper(c)) {
        ++words;
      }
    }
    if (words == 0) return false;
    const Span next = toks[i + 1].span;
    char c = text[next.begin];
    return IsAsciiUpper(c) || kind(i + 1) == kOpenTok ||
           kind(i + 1) == kAmbQuoteTok;
  };

  auto split_if_abbrev = [&](size_t i) {
    if (kind(i) == kAbbrevTok && toks[i].span.size() >= 2) {
      split.push_back(static_cast<uint32_t>(i));
    }
  };

  size_t first = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i + 1 == n) {
      split_if_abbrev(i);
      push(first, i);
      break;
    }
    if (blank_before(i + 1)) {
      split_if_abbrev(i);
      push(first, i);
      first = i + 1;
      continue;
    }
    uint8_t k = kind(i);
    if (line_break_before(i + 1) && headline_ends_at(first, i)) {
      push(first, i);
      first = i + 1;
      continue;
    }
    if (k != kFinalTok && k != kAbbrevTok && k != kUrlTok &&
        k != kEmoticonTok) {
      continue;
    }
    // Closing quotes and brackets after the punctuation stay in the
    // sentence; a straight quote only when it is attached.
    size_t j = i + 1;
    while (j < n && !blank_before(j) &&
           (kind(j) == kCloseTok ||
            (kind(j) == kAmbQuoteTok && attached(j)))) {
      ++j;
    }
    size_t last = j - 1;
    // "1." opening a sentence is a list item number, not a sentence.
    bool mark_is_list_number =
        k == kFinalTok && i > first && i - first <= 2 &&
        text[toks[i].span.begin] == '.' && toks[i].span.size() == 1 &&
        toks[i - 1].span.end == toks[i].span.begin &&
        IsAsciiDigit(text[toks[i - 1].span.begin]) &&
        toks[i - 1].span.size() <= 2 &&
        (i - 1 == first || kind(first) == kOtherTok);
    bool boundary;
    if (j >= n || blank_before(j)) {
      boundary = true;
    } else {
      uint8_t nk = kind(j);
      Span next = toks[j].span;
      if (k == kAbbrevTok) {
        // "Inc. The" ends; "Inc. President" and "W. Bush" do not.
        std::string_view w = text.substr(next.begin, next.size());
        boundary = nk == kOpenTok || (nk == kAmbQuoteTok && !attached(j)) ||
                   lex.sentence_starters.count(w) > 0;
        // A final mark right after an abbreviation ("etc.)." is rare;
        // "Inc.?" is not: let the mark decide.
        if (nk == kFinalTok) boundary = false;
      } else if (k == kUrlTok || k == kEmoticonTok) {
        // A URL or emoticon ends a sentence before a capital or a URL.
        boundary = nk == kUrlTok || (nk == kWordTok && !StartsLower(text, next) &&
                                     !IsAsciiDigit(text[next.begin]));
      } else if (nk == kFinalTok || nk == kCloseTok) {
        boundary = false;
      } else if (nk == kOtherTok) {
        // ", ; :" and dashes continue the sentence; other symbols
        // (emoji, bullets) start a new one.
        unsigned char b = static_cast<unsigned char>(text[next.begin]);
        boundary = !(b == ',' || b == ';' || b == ':' || b == '-' ||
                     b == '%' || b == '&' || b == '/');
      } else if (StartsLower(text, next)) {
        // A lower-case word after . ! ? still starts a sentence in most
        // text (EWT: 96 to 98 in 100), but not after an ellipsis ("I
        // think... maybe") or inside a quotation ("Why?" she asked).
        std::string_view mark = text.substr(toks[i].span.begin,
                                            toks[i].span.size());
        bool ellipsis = mark.size() >= 2 && mark[0] == '.' && mark[1] == '.';
        ellipsis |= mark == "\u2026";
        // "Deseret Bancorp. for stock": after a capitalized word a period
        // before a lower-case word is more likely an unlisted abbreviation
        // (EWT train: 18 of 19 such cases are boundaries, but news has
        // many company abbreviations).
        bool after_name = mark == "." && i > 0 && toks[i - 1].span.end ==
                              toks[i].span.begin &&
                          kind(i - 1) == kWordTok &&
                          IsAsciiUpper(text[toks[i - 1].span.begin]);
        boundary = !ellipsis && !after_name && last == i;
      } else if (mark_is_list_number) {
        boundary = false;
      } else {
        boundary = true;
      }
    }
    if (boundary) {
      split_if_abbrev(i);
      push(first, last);
      first = last + 1;
      i = last;
    }
  }
  if (split.empty()) return;

  // Rebuild the token vector once with the split periods, and shift the
  // sentences' token indices by the number of splits before them.
  std::vector<Token> out;
  out.reserve(n + split.size());
  size_t next_split = 0;
  for (size_t i = 0; i < n; ++i) {
    if (next_split < split.size() && split[next_split] == i) {
      ++next_split;
      Token word;
      word.span = Span{toks[i].span.begin, toks[i].span.end - 1};
      Token period;
      period.span = Span{toks[i].span.end - 1, toks[i].span.end};
      out.push_back(std::move(word));
      out.push_back(std::move(period));
    } else {
      out.push_back(std::move(toks[i]));
    }
  }
  toks.swap(out);
  size_t before = 0;  // splits at indices < the current sentence's first
  for (Sentence& s : doc->sentences) {
    while (before < split.size() && split[before] < s.first_token) ++before;
    size_t upto = before;
    while (upto < split.size() && split[upto] < s.end_token) ++upto;
    s.first_token += static_cast<uint32_t>(before);
    s.end_token += static_cast<uint32_t>(upto);
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Loading.

namespace {

struct LineReader {
  std::string path;
  std::string content;
  size_t pos = 0;
  int line_no = 0;

  // Next non-empty, non-comment line, trimmed; false at the end.
  bool Next(std::string_view* line) {
    while (pos < content.size()) {
      size_t nl = content.find('\n', pos);
      if (nl == std::string::npos) nl = content.size();
      std::string_view l(content.data() + pos, nl - pos);
      pos = nl + 1;
      ++line_no;
      while (!l.empty() && (l.back() == '\r' || l.back() == ' ' ||
                            l.back() == '\t')) {
        l.remove_suffix(1);
      }
      while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) {
        l.remove_prefix(1);
      }
      if (l.empty() || l[0] == '#') continue;
      *line = l;
      return true;
    }
    return false;
  }

  Error Fail(const std::string& message) const {
    Error e = Error::Model(message, path);
    e.line = line_no;
    return e;
  }
};

Result<LineReader> OpenList(const std::string& data_dir,
                            const std::string& name) {
  LineReader r;
  r.path = data_dir + "/en/" + name;
  Result<std::string> content = ReadFile(r.path);
  if (!content.ok()) return content.error();
  r.content = std::move(content).value();
  if (!IsValidUtf8(r.content)) return r.Fail("not valid UTF-8");
  return r;
}

// Splits "a b" at the first run of spaces or tabs.
std::pair<std::string_view, std::string_view> SplitField(std::string_view l) {
  size_t sp = l.find_first_of(" \t");
  if (sp == std::string_view::npos) return {l, {}};
  std::string_view rest = l.substr(sp);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) {
    rest.remove_prefix(1);
  }
  return {l.substr(0, sp), rest};
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLowerAscii(c);
  return out;
}

Status LoadAbbreviations(const std::string& dir, Lexicon* lex) {
  Result<LineReader> r = OpenList(dir, "abbreviations.txt");
  if (!r.ok()) return r.error();
  LineReader& in = r.value();
  std::string_view line;
  while (in.Next(&line)) {
    auto [word, kind_name] = SplitField(line);
    if (word.size() < 2 || word.back() != '.') {
      return in.Fail(fmt::format("abbreviation '{}' must end with a period",
                                 word));
    }
    AbbrevKind kind = AbbrevKind::kPlain;
    if (kind_name == "title") {
      kind = AbbrevKind::kTitle;
    } else if (kind_name == "number") {
      kind = AbbrevKind::kNumber;
    } else if (!kind_name.empty()) {
      return in.Fail(fmt::format(
          "unknown abbreviation kind '{}' (expected title or number)",
          kind_name));
    }
    std::string_view key = lex->Keep(std::string(word));
    if (!lex->abbreviations.emplace(key, kind).second) {
      return in.Fail(fmt::format("duplicate abbreviation '{}'", word));
    }
  }
  return Status::Ok();
}

Status LoadHyphenPrefixes(const std::string& dir, Lexicon* lex) {
  Result<LineReader> r = OpenList(dir, "hyphen_prefixes.txt");
  if (!r.ok()) return r.error();
  LineReader& in = r.value();
  std::string_view line;
  while (in.Next(&line)) {
    if (line.find_first_of(" \t-") != std::string_view::npos ||
        line.size() > 31) {
      return in.Fail(fmt::format("bad hyphen prefix '{}'", line));
    }
    std::string_view key = lex->Keep(Lower(line));
    if (!lex->hyphen_prefixes.insert(key).second) {
      return in.Fail(fmt::format("duplicate hyphen prefix '{}'", line));
    }
    lex->max_hyphen_prefix = std::max(lex->max_hyphen_prefix, key.size());
  }
  return Status::Ok();
}

Status LoadClitics(const std::string& dir, Lexicon* lex) {
  Result<LineReader> r = OpenList(dir, "clitics.txt");
  if (!r.ok()) return r.error();
  LineReader& in = r.value();
  std::string_view line;
  while (in.Next(&line)) {
    std::string low = Lower(line);
    bool ok_chars = true;
    size_t apos = low.find('\'');
    for (size_t k = 0; k < low.size(); ++k) {
      if (k != apos && !IsAsciiLower(low[k])) ok_chars = false;
    }
    std::string_view rest;
    if (ok_chars && apos == 0 && low.size() >= 2 && low.size() <= 8) {
      lex->apostrophe_clitics.push_back(lex->Keep(low.substr(1)));
    } else if (ok_chars && apos == 1 && low[0] == 'n' && low.size() >= 3 &&
               low.size() <= 8) {
      lex->negation_clitics.push_back(lex->Keep(low.substr(2)));
    } else {
      return in.Fail(fmt::format(
          "bad clitic '{}' (expected 'x or n'x with ASCII letters)", line));
    }
  }
  return Status::Ok();
}

Status LoadWordSplits(const std::string& dir, Lexicon* lex) {
  Result<LineReader> r = OpenList(dir, "word_splits.txt");
  if (!r.ok()) return r.error();
  LineReader& in = r.value();
  std::string_view line;
  while (in.Next(&line)) {
    auto [word, parts] = SplitField(line);
    size_t bar = parts.find('|');
    std::string joined(parts);
    if (bar != std::string_view::npos) joined.erase(bar, 1);
    if (bar == std::string_view::npos || bar == 0 ||
        bar + 1 >= parts.size() || Lower(joined) != Lower(word) ||
        word.size() >= 64) {
      return in.Fail(fmt::format(
          "bad word split '{}' (expected: word part1|part2, spelling the "
          "word)",
          line));
    }
    std::string_view key = lex->Keep(Lower(word));
    if (!lex->word_splits.emplace(key, static_cast<uint32_t>(bar)).second) {
      return in.Fail(fmt::format("duplicate word split '{}'", word));
    }
    lex->word_split_lengths |= uint64_t{1} << key.size();
  }
  return Status::Ok();
}

Status LoadEmoticons(const std::string& dir, Lexicon* lex) {
  Result<LineReader> r = OpenList(dir, "emoticons.txt");
  if (!r.ok()) return r.error();
  LineReader& in = r.value();
  std::string_view line;
  while (in.Next(&line)) {
    for (char c : line) {
      if (static_cast<unsigned char>(c) >= 0x80 ||
          kAsciiClass[static_cast<unsigned char>(c)] == kGap) {
        return in.Fail(fmt::format("bad emoticon '{}' (printable ASCII only)",
                                   line));
      }
    }
    lex->emoticons.push_back(lex->Keep(std::string(line)));
    lex->emoticon_first[static_cast<unsigned char>(line[0])] = true;
  }
  std::stable_sort(lex->emoticons.begin(), lex->emoticons.end(),
                   [](std::string_view a, std::string_view b) {
                     return a.size() > b.size();
                   });
  return Status::Ok();
}

Status LoadStarters(const std::string& dir, Lexicon* lex) {
  Result<LineReader> r = OpenList(dir, "sentence_starters.txt");
  if (!r.ok()) return r.error();
  LineReader& in = r.value();
  std::string_view line;
  while (in.Next(&line)) {
    if (line.find_first_of(" \t") != std::string_view::npos) {
      return in.Fail(fmt::format("bad sentence starter '{}' (one word)", line));
    }
    lex->sentence_starters.insert(lex->Keep(std::string(line)));
  }
  return Status::Ok();
}

Status LoadHeadlineMinorWords(const std::string& dir, Lexicon* lex) {
  Result<LineReader> r = OpenList(dir, "headline_minor_words.txt");
  if (!r.ok()) return r.error();
  LineReader& in = r.value();
  std::string_view line;
  while (in.Next(&line)) {
    bool lower = true;
    for (char c : line) lower &= IsAsciiLower(c) || c == '.';
    if (!lower) {
      return in.Fail(fmt::format(
          "bad minor word '{}' (lower-case ASCII letters only)", line));
    }
    lex->headline_minor_words.insert(lex->Keep(std::string(line)));
  }
  return Status::Ok();
}

Status LoadNumberUnits(const std::string& dir, Lexicon* lex) {
  Result<LineReader> r = OpenList(dir, "number_units.txt");
  if (!r.ok()) return r.error();
  LineReader& in = r.value();
  std::string_view line;
  while (in.Next(&line)) {
    bool letters = line.size() <= 15;
    for (char c : line) letters &= IsAsciiUpper(c) || IsAsciiLower(c);
    if (!letters) {
      return in.Fail(fmt::format(
          "bad unit '{}' (ASCII letters only, at most 15)", line));
    }
    std::string_view key = lex->Keep(Lower(line));
    lex->number_units.insert(key);
    lex->max_number_unit = std::max(lex->max_number_unit, key.size());
  }
  return Status::Ok();
}

}  // namespace

Tokenizer::Tokenizer(std::shared_ptr<const text_internal::Lexicon> lexicon)
    : lexicon_(std::move(lexicon)) {}

Tokenizer::~Tokenizer() = default;

Result<Tokenizer> Tokenizer::Load(const std::string& data_dir) {
  auto lex = std::make_shared<Lexicon>();
  for (auto* load : {LoadAbbreviations, LoadHyphenPrefixes, LoadClitics,
                     LoadWordSplits, LoadEmoticons, LoadStarters,
                     LoadNumberUnits, LoadHeadlineMinorWords}) {
    Status st = load(data_dir, lex.get());
    if (!st.ok()) return st.error();
  }
  return Tokenizer(std::move(lex));
}

// ---------------------------------------------------------------------------
// Tokenizing.

void Tokenizer::Tokenize(Document* doc) const {
  const Lexicon& lex = *lexicon_;
  std::string_view s = doc->text;
  const size_t n = s.size();
  doc->tokens.clear();
  doc->sentences.clear();
  doc->tokens.reserve(n / 5 + 1);
  std::vector<uint8_t> kinds;
  kinds.reserve(n / 5 + 1);
  std::vector<Span> spans;
  spans.reserve(n / 5 + 1);

  size_t i = 0;
  int newlines = 0;  // in the current gap
  bool first_token = true;
  while (i < n) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (kAsciiClass[b] == kGap) {
        if (b == '\n' || (b == '\r' && (i + 1 == n || s[i + 1] != '\n'))) {
          ++newlines;
        }
        ++i;
        continue;
      }
    } else {
      Ch c = DecodeNonAscii(s, i);
      if (c.cls == kGap) {
        if (c.cp == 0x2029) newlines += 2;       // paragraph separator
        if (c.cp == 0x2028 || c.cp == 0x85) ++newlines;
        i += c.len;
        continue;
      }
    }
    // A chunk: up to the next gap character.
    size_t e = i;
    bool has_at = false;
    while (e < n) {
      unsigned char c = static_cast<unsigned char>(s[e]);
      if (c < 0x80) {
        if (kAsciiClass[c] == kGap) break;
        has_at |= c == '@';
        ++e;
      } else {
        Ch ch = DecodeNonAscii(s, e);
        if (ch.cls == kGap) break;
        e += ch.len;
      }
    }
    ChunkScanner scanner(lex, s, i, e, has_at);
    bool after_word = false;
    for (size_t p = i; p < e;) {
      Kind kind;
      size_t q = scanner.Scan(p, after_word, &kind);
      if (q <= p) q = p + At(s, p, e).len;  // never stall (defensive)
      spans.push_back(Span{static_cast<uint32_t>(p), static_cast<uint32_t>(q)});
      uint8_t k = kind;
      if (p == i && newlines >= 2 && !first_token) k |= kBlankLineBefore;
      if (p == i && newlines == 1 && !first_token) k |= kLineBreakBefore;
      kinds.push_back(k);
      first_token = false;
      after_word = kind == kWordTok || kind == kAbbrevTok;
      p = q;
    }
    newlines = 0;
    i = e;
  }

  // The tokens are made at once, as copies of one empty Token: cheaper than
  // value-initializing each (which zero-fills all of its 176 bytes first).
  doc->tokens.assign(spans.size(), Token());
  for (size_t t = 0; t < spans.size(); ++t) doc->tokens[t].span = spans[t];
  SplitSentences(lex, s, kinds, doc);
  std::vector<Token>& toks = doc->tokens;
  for (size_t t = 0; t < toks.size(); ++t) {
    toks[t].space_after = t + 1 < toks.size()
                              ? toks[t + 1].span.begin != toks[t].span.end
                              : toks[t].span.end != n;
  }
}

}  // namespace chronicle
