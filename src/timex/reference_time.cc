#include "timex/reference_time.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace chronicle {

namespace {

bool IsWordByte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '\'' || u >= 0x80;
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

// Lower-cases `s` into `buf` (capacity kBuf) and returns a view of it, or
// of `*spill` when it does not fit.
constexpr size_t kBuf = 48;
std::string_view LowerInto(std::string_view s, char* buf, std::string* spill) {
  if (s.size() > kBuf) {
    *spill = Lower(s);
    return *spill;
  }
  for (size_t i = 0; i < s.size(); ++i) buf[i] = LowerAscii(s[i]);
  return std::string_view(buf, s.size());
}

Tense TenseOfTag(std::string_view xpos, std::string_view word) {
  if (xpos == "VBD") return Tense::kPast;
  if (xpos == "MD") {
    std::string w = Lower(word);
    if (w == "will" || w == "'ll" || w == "shall" || w == "wo") return Tense::kFuture;
    return Tense::kUnknown;
  }
  if (xpos == "VBZ" || xpos == "VBP") return Tense::kPresent;
  return Tense::kUnknown;
}

}  // namespace

Tense TenseCues::Classify(std::string_view word) const {
  char buf[kBuf];
  std::string spill;
  std::string_view w = LowerInto(word, buf, &spill);
  if (MayHave(w)) {
    auto it = cues_.find(w);
    if (it != cues_.end()) return it->second;
  }
  // Regular past tense: "claimed", "rose" is in the lexicon.
  if (w.size() >= 5 && w.substr(w.size() - 2) == "ed" &&
      std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return Tense::kPast;
  }
  return Tense::kUnknown;
}

Tense TenseCues::ClassifyPair(std::string_view first, std::string_view second) const {
  if (cues_.empty()) return Tense::kUnknown;
  char buf[2 * kBuf + 1];
  std::string key;
  std::string_view k;
  if (first.size() <= kBuf && second.size() <= kBuf) {
    size_t n = 0;
    for (char c : first) buf[n++] = LowerAscii(c);
    buf[n++] = ' ';
    for (char c : second) buf[n++] = LowerAscii(c);
    k = std::string_view(buf, n);
  } else {
    key = Lower(first);
    key.push_back(' ');
    key += Lower(second);
    k = key;
  }
  if (!MayHave(k)) return Tense::kUnknown;
  auto it = cues_.find(k);
  return it == cues_.end() ? Tense::kUnknown : it->second;
}

bool SentenceEndsAt(std::string_view t, size_t i) {
  char c = t[i];
  if (c != '.' && c != '!' && c != '?') return false;
  if (i + 2 >= t.size() || (t[i + 1] != ' ' && t[i + 1] != '\n')) return false;
  unsigned char next = static_cast<unsigned char>(t[i + 2]);
  if (!std::isupper(next) && next != '"' && next != '\'') return false;
  if (c != '.') return true;
  size_t w = i;
  while (w > 0 && std::isalpha(static_cast<unsigned char>(t[w - 1]))) --w;
  if (i - w <= 1) return false;                // initials: "J. Smith"
  if (w > 0 && t[w - 1] == '.') return false;  // "p.m.", "U.S."
  static constexpr std::string_view kAbbreviations[] = {
      "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
      "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
      "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Gov", "Sen", "Rep", "Inc", "Co",
      "Corp", "Ltd", "No", "Mt", "Ft", "Lt", "Col", "Sgt", "Capt", "Prof", "Rev", "Vol",
      "Calif", "Mass", "Conn", "Ariz", "Colo", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La",
      "Md", "Mich", "Minn", "Miss", "Mo", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex",
      "Va", "Vt", "Wash", "Wis", "vs", "approx", "est", "Ave", "Blvd", "Bros"};
  std::string_view word = t.substr(w, i - w);
  for (std::string_view a : kAbbreviations) {
    if (word == a) return false;
  }
  return true;
}

Span SentenceAround(const Document& doc, uint32_t pos) {
  const std::string& t = doc.text;
  if (!doc.sentences.empty()) {
    auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), pos,
                               [](uint32_t p, const Sentence& s) { return p < s.span.begin; });
    if (it != doc.sentences.begin()) {
      --it;
      if (pos <= it->span.end) return it->span;
    }
  }
  auto is_end = [&](size_t i) {
    if (t[i] == '\n' && i + 1 < t.size() && t[i + 1] == '\n') return true;
    return SentenceEndsAt(t, i);
  };
  size_t b = std::min<size_t>(pos, t.size());
  size_t limit_b = b > 400 ? b - 400 : 0;
  while (b > limit_b && !is_end(b - 1)) --b;
  size_t e = std::min<size_t>(pos, t.size());
  size_t limit_e = std::min(t.size(), e + 400);
  while (e < limit_e && !is_end(e)) ++e;
  return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

Tense NearestTense(const std::vector<TenseCue>& sentence_cues, Span span) {
  Tense best = Tense::kUnknown;
  uint32_t best_dist = UINT32_MAX;
  bool saw_future = false;
  for (const TenseCue& c : sentence_cues) {
    if (c.tense == Tense::kUnknown) continue;
    if (c.tense == Tense::kFuture) saw_future = true;
    if (c.begin < span.end && span.begin < c.end) continue;  // inside the expression
    uint32_t dist = c.end <= span.begin ? span.begin - c.end : c.begin - span.end;
    // A cue before the expression wins ties and a small margin: the verb
    // usually precedes its temporal adjunct in news.
    if (c.begin > span.end) dist += 8;
    if (dist < best_dist) {
      best_dist = dist;
      best = c.tense;
    }
  }
  return best == Tense::kPast && saw_future ? Tense::kPastWithFuture : best;
}

Tense GoverningTense(const Document& doc, Span span, const TenseCues& cues) {
  std::vector<TenseCue> sentence_cues;
  SentenceTenseCues(doc, SentenceAround(doc, span.begin), cues, &sentence_cues);
  return NearestTense(sentence_cues, span);
}

void SentenceTenseCues(const Document& doc, Span sent, const TenseCues& cues,
                       std::vector<TenseCue>* out) {
  out->clear();
  auto consider = [out](Tense t, uint32_t b, uint32_t e) {
    if (t != Tense::kUnknown) out->push_back(TenseCue{t, b, e});
  };
  bool tagged = !doc.tokens.empty() && !doc.tokens.front().xpos.empty();
  if (tagged) {
    auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), sent.begin,
                               [](const Token& tok, uint32_t p) { return tok.span.begin < p; });
    std::string_view prev_token;
    uint32_t prev_token_begin = 0;
    for (; it != doc.tokens.end() && it->span.begin < sent.end; ++it) {
      std::string_view w = doc.Text(it->span);
      if (!prev_token.empty()) {
        Tense pair = cues.ClassifyPair(prev_token, w);
        if (pair != Tense::kUnknown) consider(pair, prev_token_begin, it->span.end);
      }
      prev_token = w;
      prev_token_begin = it->span.begin;
      Tense t = cues.Classify(w);
      // The lexicon knows "expected", "planned" (future); tags know the rest.
      Tense tag = TenseOfTag(it->xpos, w);
      if (tag != Tense::kUnknown && !(t == Tense::kFuture)) t = tag;
      if (t == Tense::kPast && it->xpos.size() >= 2 && it->xpos[0] != 'V' &&
          it->xpos != "MD") {
        t = Tense::kUnknown;  // "-ed" adjectives
      }
      consider(t, it->span.begin, it->span.end);
    }
    return;
  }
  const std::string& text = doc.text;
  uint32_t i = sent.begin;
  uint32_t prev_b = 0, prev_e = 0;
  std::string prev_word;
  while (i < sent.end) {
    if (!IsWordByte(text[i])) {
      ++i;
      continue;
    }
    uint32_t b = i;
    while (i < sent.end && IsWordByte(text[i])) ++i;
    std::string_view w(text.data() + b, i - b);
    // "she'll", "we'll": the clitic is the cue.
    size_t apos = w.find('\'');
    Tense t = Tense::kUnknown;
    if (apos != std::string_view::npos && apos > 0) {
      t = cues.Classify(w.substr(apos));
      if (t == Tense::kUnknown) t = cues.Classify(w);
    } else {
      t = cues.Classify(w);
    }
    std::string lw = Lower(w);
    // A participle after an auxiliary ("will be paid", "has closed") takes
    // its tense from the auxiliary, which was a cue of its own.
    if (t == Tense::kPast &&
        (prev_word == "be" || prev_word == "been" || prev_word == "being" || prev_word == "is" ||
         prev_word == "are" || prev_word == "has" || prev_word == "have" || prev_word == "'s" ||
         prev_word == "was" || prev_word == "were" || prev_word == "had" || prev_word == "get")) {
      t = Tense::kUnknown;
    }
    // "-ed" after a determiner or degree word is an adjective ("the
    // unspecified date", "a detailed plan").
    if (t == Tense::kPast && lw.size() > 2 && lw.compare(lw.size() - 2, 2, "ed") == 0 &&
        (prev_word == "the" || prev_word == "a" || prev_word == "an" || prev_word == "its" ||
         prev_word == "their" || prev_word == "his" || prev_word == "her" || prev_word == "our" ||
         prev_word == "this" || prev_word == "that" || prev_word == "still" || prev_word == "very" ||
         prev_word == "more" || prev_word == "most" || prev_word == "well" || prev_word == "not" ||
         prev_word == "newly" || prev_word == "to" || prev_word == "of" || prev_word == "for")) {
      t = Tense::kUnknown;
    }
    if (lw == "to" && prev_word == "going") {
      consider(Tense::kFuture, prev_b, i);
    }
    // Two-word cues from the lexicon ("set to", "is to", "due to").
    if (!prev_word.empty()) {
      Tense pair = cues.ClassifyPair(prev_word, lw);
      if (pair != Tense::kUnknown) consider(pair, prev_b, i);
    }
    consider(t, b, i);
    prev_word = std::move(lw);
    prev_b = b;
    prev_e = i;
  }
  (void)prev_e;
}

void NarrativeReference::Observe(const ResolvedTimex& r, uint32_t pos) {
  if (!r.sets_narrative) return;
  has_ = true;
  pos_ = pos;
  date_ = r.narrative;
  unit_ = r.narrative_unit;
}

void NarrativeReference::Fill(ResolveContext* ctx, uint32_t pos) const {
  ctx->has_narrative = has_ && pos >= pos_ && pos - pos_ <= max_distance_;
  if (ctx->has_narrative) {
    ctx->narrative = date_;
    ctx->narrative_unit = unit_;
    ctx->narrative_distance = pos - pos_;
  }
}

}  // namespace chronicle
