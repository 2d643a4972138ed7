#include "relation/context.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

namespace chronicle {
namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Without the tokenizer: runs of letters and digits (with inner ' - . ,
// between word characters) are words, any other non-space byte is one word.
void SplitWords(const Document& doc, std::vector<RelWord>* words) {
  const std::string& t = doc.text;
  size_t i = 0;
  while (i < t.size()) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    if (IsWordByte(c)) {
      while (j < t.size()) {
        unsigned char d = static_cast<unsigned char>(t[j]);
        if (IsWordByte(d)) {
          ++j;
        } else if ((d == '\'' || d == '-' || d == '.' || d == ',') && j + 1 < t.size() &&
                   IsWordByte(static_cast<unsigned char>(t[j + 1])) &&
                   (d != ',' || std::isdigit(static_cast<unsigned char>(t[j + 1])))) {
          j += 2;
        } else {
          break;
        }
      }
    }
    RelWord w;
    w.span = Span{static_cast<uint32_t>(i), static_cast<uint32_t>(j)};
    w.lower = Lower(std::string_view(t).substr(i, j - i));
    words->push_back(std::move(w));
    i = j;
  }
}

// Without the sentence splitter: a sentence ends after . ! ? (and closing
// quotes) followed by a capital, a quote or a digit, unless the word before
// is a short abbreviation; and at blank lines.
void SplitSentences(const Document& doc, const std::vector<RelWord>& words,
                    std::vector<std::pair<int, int>>* sentences) {
  static const std::unordered_set<std::string> kAbbrev = {
      "mr", "mrs", "ms", "dr", "st", "inc", "corp", "co", "ltd", "jr", "sr", "gen", "gov",
      "sen", "rep", "u.s", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov",
      "dec", "no", "vs", "prof", "lt", "col", "sgt", "capt", "rev", "ft", "mt"};
  int start = 0;
  int n = static_cast<int>(words.size());
  for (int i = 0; i < n; ++i) {
    bool end = false;
    const std::string& w = words[i].lower;
    if (i + 1 < n) {
      std::string_view gap = std::string_view(doc.text).substr(
          words[i].span.end, words[i + 1].span.begin - words[i].span.end);
      if (std::count(gap.begin(), gap.end(), '\n') >= 2) end = true;
    }
    if (!end && (w == "." || w == "!" || w == "?")) {
      int k = i + 1;
      while (k < n && (words[k].lower == "\"" || words[k].lower == "'" || words[k].lower == ")"))
        ++k;
      bool abbrev = w == "." && i > start &&
                    (kAbbrev.count(words[i - 1].lower) ||
                     (words[i - 1].lower.size() == 1 &&
                      std::isalpha(static_cast<unsigned char>(words[i - 1].lower[0]))));
      if (k >= n) {
        i = k - 1;
        end = true;
      } else if (!abbrev && words[k].span.begin > words[k - 1].span.end) {
        unsigned char f = static_cast<unsigned char>(doc.text[words[k].span.begin]);
        if (std::isupper(f) || std::isdigit(f) || f == '"' || f == '\'' || f >= 0x80) {
          i = k - 1;
          end = true;
        }
      }
    }
    if (end || i == n - 1) {
      sentences->push_back({start, i + 1});
      start = i + 1;
    }
  }
}

// TimeML's pos of an event from its head word's Penn tag; without a tag,
// the instance's own.
std::string EventPos(const std::string& xpos, const std::string& given) {
  if (xpos.empty()) return given;
  if (xpos.rfind("VB", 0) == 0 || xpos == "MD") return "VERB";
  if (xpos.rfind("NN", 0) == 0 || xpos.rfind("PRP", 0) == 0 || xpos == "CD") return "NOUN";
  if (xpos.rfind("JJ", 0) == 0) return "ADJECTIVE";
  if (xpos == "IN" || xpos == "TO") return "PREPOSITION";
  return "OTHER";
}

}  // namespace

const char* PairKindName(PairKind k) {
  switch (k) {
    case PairKind::kEventEvent: return "EE";
    case PairKind::kEventTimex: return "ET";
    case PairKind::kEventDct: return "ED";
    case PairKind::kTimexTimex: return "TT";
    case PairKind::kTimexDct: return "TD";
  }
  return "?";
}

RelContext BuildContext(const Document& doc, bool use_syntax) {
  RelContext ctx;
  if (!doc.tokens.empty()) {
    ctx.words.reserve(doc.tokens.size());
    bool any_head = false;
    for (const Token& tok : doc.tokens) {
      RelWord w;
      w.span = tok.span;
      w.lower = Lower(doc.Text(tok.span));
      if (use_syntax) {
        w.lemma = Lower(tok.lemma);
        w.xpos = tok.xpos;
        w.head = tok.head >= 0 ? tok.head : -1;
        w.deprel = tok.deprel;
        if (tok.head != kNoHead) any_head = true;
      }
      ctx.words.push_back(std::move(w));
    }
    ctx.has_parse = any_head;
  } else {
    SplitWords(doc, &ctx.words);
  }
  if (!doc.tokens.empty() && !doc.sentences.empty()) {
    for (const Sentence& s : doc.sentences)
      ctx.sentences.push_back({static_cast<int>(s.first_token), static_cast<int>(s.end_token)});
  } else {
    SplitSentences(doc, ctx.words, &ctx.sentences);
  }
  // Word -> sentence.
  std::vector<int> sent_of(ctx.words.size(), -1);
  for (size_t s = 0; s < ctx.sentences.size(); ++s)
    for (int w = ctx.sentences[s].first; w < ctx.sentences[s].second; ++w)
      if (w >= 0 && w < static_cast<int>(sent_of.size())) sent_of[w] = static_cast<int>(s);

  if (doc.dct) ctx.dct_interval = DctInterval(doc.dct->value);

  std::unordered_map<std::string, const Event*> events;
  for (const Event& e : doc.events) events[e.id] = &e;
  for (const EventInstance& inst : doc.instances) {
    auto it = events.find(inst.event_id);
    if (it == events.end()) continue;
    RelEntity r;
    r.id = inst.id;
    r.is_event = true;
    r.span = it->second->span;
    r.event = it->second;
    r.instance = &inst;
    ctx.entities.push_back(std::move(r));
  }
  for (const Timex& t : doc.timexes) {
    if (t.span.empty()) continue;
    RelEntity r;
    r.id = t.id;
    r.span = t.span;
    r.timex = &t;
    if (t.type == "DATE" || t.type == "TIME") r.interval = TimexInterval(t.value, ctx.dct_interval);
    ctx.entities.push_back(std::move(r));
  }
  std::stable_sort(ctx.entities.begin(), ctx.entities.end(),
                   [](const RelEntity& x, const RelEntity& y) {
                     return x.span.begin < y.span.begin;
                   });
  // Place each entity on the words (binary search on word starts).
  for (RelEntity& r : ctx.entities) {
    auto lo = std::lower_bound(ctx.words.begin(), ctx.words.end(), r.span.begin,
                               [](const RelWord& w, uint32_t pos) { return w.span.end <= pos; });
    int first = static_cast<int>(lo - ctx.words.begin());
    int end = first;
    while (end < static_cast<int>(ctx.words.size()) && ctx.words[end].span.begin < r.span.end)
      ++end;
    if (end == first) {  // no word inside (should not happen): attach to the next one
      if (first >= static_cast<int>(ctx.words.size())) first = static_cast<int>(ctx.words.size()) - 1;
      end = first + 1;
    }
    if (first < 0) continue;
    r.first_word = first;
    r.end_word = end;
    r.sentence = sent_of[first];
    r.head_word = end - 1;
    if (ctx.has_parse) {
      for (int w = first; w < end; ++w) {
        int h = ctx.words[w].head;
        if (h < first || h >= end) {
          r.head_word = w;
          break;
        }
      }
    }
    if (r.is_event) r.pos = EventPos(ctx.words[r.head_word].xpos, r.instance->pos);
    if (ctx.has_parse && r.sentence >= 0) {
      const auto [s_first, s_end] = ctx.sentences[r.sentence];
      for (int w = s_first; w < s_end; ++w) {
        if (ctx.words[w].head != r.head_word) continue;
        const std::string& d = ctx.words[w].deprel;
        std::string* out = d.rfind("mark", 0) == 0 ? &r.mark : d.rfind("aux", 0) == 0 ? &r.aux : nullptr;
        if (out == nullptr) continue;
        if (!out->empty()) *out += '+';
        *out += ctx.words[w].lower;
      }
    }
  }
  // The event each timex modifies: its governor (or the governor's head)
  // when parsed, else the nearest event of the sentence, the one before on
  // ties. Entities are in text order, so each sentence is a run.
  int n_ent = static_cast<int>(ctx.entities.size());
  for (int ti = 0; ti < n_ent; ++ti) {
    RelEntity& t = ctx.entities[ti];
    if (t.is_event || t.sentence < 0) continue;
    int lo = ti, hi = ti;
    while (lo > 0 && ctx.entities[lo - 1].sentence == t.sentence) --lo;
    while (hi + 1 < n_ent && ctx.entities[hi + 1].sentence == t.sentence) ++hi;
    if (ctx.has_parse && t.head_word >= 0) {
      int gov = ctx.words[t.head_word].head;
      for (int hops = 0; gov >= 0 && hops < 2 && t.governed_event < 0; ++hops) {
        for (int i = lo; i <= hi; ++i)
          if (ctx.entities[i].is_event && ctx.entities[i].head_word == gov) t.governed_event = i;
        gov = ctx.words[gov].head;
      }
      continue;
    }
    int best_d = 1 << 30;
    for (int i = lo; i <= hi; ++i) {
      const RelEntity& e = ctx.entities[i];
      if (!e.is_event) continue;
      int d = e.first_word < t.first_word ? t.first_word - e.end_word + 1
                                          : e.first_word - t.end_word + 1;
      if (d < best_d) {
        best_d = d;
        t.governed_event = i;
      }
    }
  }
  for (int m : MainEvents(ctx))
    if (m >= 0) ctx.entities[m].is_main = true;
  // Each event's rank among the events of its sentence, and its nearest
  // governing event (the heads above its head word, within the sentence).
  for (int lo = 0; lo < n_ent;) {
    int hi = lo;
    while (hi < n_ent && ctx.entities[hi].sentence == ctx.entities[lo].sentence) ++hi;
    int events = 0;
    for (int i = lo; i < hi; ++i)
      if (ctx.entities[i].is_event) ctx.entities[i].sentence_rank = events++;
    ctx.event_count += events;
    for (int i = lo; i < hi; ++i) {
      RelEntity& e = ctx.entities[i];
      if (!e.is_event) continue;
      e.sentence_events = events;
      if (!ctx.has_parse || e.head_word < 0 || e.sentence < 0) continue;
      int w = ctx.words[e.head_word].head;
      for (int steps = 0; w >= 0 && steps < 64 && e.event_governor < 0; ++steps) {
        for (int j = lo; j < hi; ++j)
          if (j != i && ctx.entities[j].is_event && ctx.entities[j].head_word == w)
            e.event_governor = j;
        w = ctx.words[w].head;
      }
    }
    lo = hi;
  }
  if (doc.dct) {
    RelEntity d;
    d.id = doc.dct->id.empty() ? "t0" : doc.dct->id;
    d.is_dct = true;
    d.timex = &*doc.dct;
    d.interval = ctx.dct_interval;
    ctx.dct = static_cast<int>(ctx.entities.size());
    ctx.entities.push_back(std::move(d));
  }
  return ctx;
}

bool Dominates(const RelContext& ctx, int anc, int w) {
  int n = static_cast<int>(ctx.words.size());
  for (int steps = 0; w >= 0 && w < n && steps < 64; ++steps) {
    w = ctx.words[w].head;
    if (w == anc) return true;
  }
  return false;
}

std::vector<int> MainEvents(const RelContext& ctx) {
  std::vector<int> main(ctx.sentences.size(), -1);
  std::vector<int> best_depth(ctx.sentences.size(), 1 << 30);
  for (int i = 0; i < static_cast<int>(ctx.entities.size()); ++i) {
    const RelEntity& e = ctx.entities[i];
    if (!e.is_event || e.sentence < 0) continue;
    int depth;
    if (ctx.has_parse) {
      depth = 0;
      int w = e.head_word;
      while (w >= 0 && depth < 64) {
        w = ctx.words[w].head;
        ++depth;
      }
    } else {
      bool verb = e.pos == "VERB";
      depth = verb ? 0 : 1;
    }
    if (depth < best_depth[e.sentence]) {
      best_depth[e.sentence] = depth;
      main[e.sentence] = i;
    }
  }
  return main;
}

std::vector<Candidate> Candidates(const RelContext& ctx) {
  std::vector<Candidate> out;
  int n = static_cast<int>(ctx.entities.size());
  // Entities by sentence, in text order.
  std::vector<std::vector<int>> by_sent(ctx.sentences.size());
  for (int i = 0; i < n; ++i) {
    const RelEntity& e = ctx.entities[i];
    if (!e.is_dct && e.sentence >= 0) by_sent[e.sentence].push_back(i);
  }
  for (size_t s = 0; s < by_sent.size(); ++s) {
    const std::vector<int>& ents = by_sent[s];

    for (size_t x = 0; x < ents.size(); ++x) {
      const RelEntity& a = ctx.entities[ents[x]];
      if (a.is_event && ctx.dct >= 0) out.push_back({ents[x], ctx.dct, PairKind::kEventDct});
      if (!a.is_event && ctx.dct >= 0 && a.interval)
        out.push_back({ents[x], ctx.dct, PairKind::kTimexDct});
      if (a.is_event) {
        // Event-event in the sentence: adjacent events, and with a parse
        // every pair where one dominates the other.
        // Every earlier event of the sentence: adjacency and syntactic
        // dominance are features; the classifier answers NONE for pairs
        // annotators leave unrelated.
        for (size_t y = 0; y < x; ++y) {
          int p = ents[y];
          if (ctx.entities[p].is_event) out.push_back({p, ents[x], PairKind::kEventEvent});
        }

      }
      for (size_t y = x + 1; y < ents.size(); ++y) {
        const RelEntity& b = ctx.entities[ents[y]];
        if (a.is_event && !b.is_event) out.push_back({ents[x], ents[y], PairKind::kEventTimex});
        if (!a.is_event && b.is_event) out.push_back({ents[y], ents[x], PairKind::kEventTimex});
        if (!a.is_event && !b.is_event)
          out.push_back({ents[x], ents[y], PairKind::kTimexTimex});
      }
    }
    if (s + 1 < by_sent.size()) {
      // Events of consecutive sentences: every pair (the main events' pair
      // among them; TempEval-3 asks for that one, denser annotation such as
      // AQUAINT's relates others too; the main-event flags are features).
      for (int a : ents) {
        if (!ctx.entities[a].is_event) continue;
        for (int b : by_sent[s + 1])
          if (ctx.entities[b].is_event) out.push_back({a, b, PairKind::kEventEvent});
      }
      // Timexes of consecutive sentences.
      for (int a : ents) {
        if (ctx.entities[a].is_event) continue;
        for (int b : by_sent[s + 1])
          if (!ctx.entities[b].is_event) out.push_back({a, b, PairKind::kTimexTimex});
      }
    }
  }
  // Mentions of the same event word in different sentences (repeated
  // mentions of one event): each with the previous mention.
  std::unordered_map<std::string, int> last_mention;
  for (int i = 0; i < n; ++i) {
    const RelEntity& e = ctx.entities[i];
    if (!e.is_event || e.sentence < 0) continue;
    const RelWord& w = ctx.words[e.head_word];
    std::string key = w.lemma.empty() ? w.lower : w.lemma;
    auto it = last_mention.find(key);
    if (it != last_mention.end() && ctx.entities[it->second].sentence + 1 < e.sentence)
      out.push_back({it->second, i, PairKind::kEventEvent});
    last_mention[key] = i;
  }
  return out;
}

}  // namespace chronicle
