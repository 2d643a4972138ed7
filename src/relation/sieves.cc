#include "relation/sieves.h"

#include <cctype>

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include <fmt/format.h>

#include "learn/hash.h"
#include "util/file.h"

namespace chronicle {
namespace {

bool Skippable(const std::string& w) {
  return w == "the" || w == "a" || w == "an" || w == "early" || w == "late" || w == "mid" ||
         w == "," || w == "-";
}

// The word before entity e, skipping articles and "early" / "late"; -1 when
// it would leave e's sentence.
int SignalBefore(const RelContext& ctx, const RelEntity& e) {
  if (e.sentence < 0) return -1;
  int first = ctx.sentences[e.sentence].first;
  int w = e.first_word - 1;
  while (w >= first && Skippable(ctx.words[w].lower)) --w;
  return w >= first ? w : -1;
}

bool EventsBetween(const RelContext& ctx, int a, int b) {
  for (int k = std::min(a, b) + 1; k < std::max(a, b); ++k)
    if (ctx.entities[k].is_event) return true;
  return false;
}

int GovernedEvent(const RelContext& ctx, int timex) { return ctx.entities[timex].governed_event; }

Status ParseSieves(const std::string& path, const std::string& content, RelationLexicon* lex) {
  std::istringstream in(content);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    std::istringstream fields(line);
    std::vector<std::string> f;
    for (std::string x; fields >> x;) f.push_back(x);
    if (f.empty()) continue;
    auto bad = [&](const std::string& msg) {
      return Status(Error::Model(fmt::format("{}:{}: {}", path, line_no, msg), path));
    };
    auto rel = [&](const std::string& s) { return ParseTimeMLRel(s); };
    if (f[0] == "tense" && f.size() == 5) {
      auto r = rel(f[4]);
      if (!r) return bad("unknown relation " + f[4]);
      lex->tense[{f[1], f[2], f[3]}] = *r;
    } else if (f[0] == "report" && f.size() == 4) {
      auto r = rel(f[3]);
      if (!r) return bad("unknown relation " + f[3]);
      lex->report[{f[1], f[2]}] = *r;
    } else if ((f[0] == "signal-timex" || f[0] == "signal-event") && f.size() == 3) {
      auto r = rel(f[2]);
      if (!r) return bad("unknown relation " + f[2]);
      (f[0] == "signal-timex" ? lex->signal_timex : lex->signal_event)[f[1]] = *r;
    } else if (f[0] == "gate" && f.size() == 2 && (f[1] == "on" || f[1] == "off")) {
      lex->gate_sieves = f[1] == "on";
    } else if (f[0] == "sieve" && f.size() == 3 && (f[2] == "on" || f[2] == "off")) {
      bool found = false;
      for (int s = 0; s < kSieveCount; ++s) {
        if (f[1] == SieveName(static_cast<SieveId>(s))) {
          lex->enabled[s] = f[2] == "on";
          found = true;
        }
      }
      if (!found) return bad("unknown sieve " + f[1]);
    } else {
      return bad("cannot read rule '" + line + "'");
    }
  }
  return Status::Ok();
}

// Feature builder: hashes "kind|name=value" strings.
class Features {
 public:
  Features(PairKind kind, std::vector<uint32_t>* out)
      : seed_(HashBytes(PairKindName(kind))), out_(out) {}
  // The same features under a name prefix ("a.", "b.").
  Features(const Features& base, std::string_view prefix)
      : seed_(HashBytes(prefix, base.seed_)), out_(base.out_) {}
  void Add(std::string_view name, std::string_view value) {
    out_->push_back(FeatureKey(HashCombine(HashCombine(seed_, HashBytes(name)), HashBytes(value))));
  }

 private:
  uint64_t seed_;
  std::vector<uint32_t>* out_;
};

std::string Bucket(int d) {
  if (d <= 0) return "0";
  if (d <= 1) return "1";
  if (d <= 2) return "2";
  if (d <= 4) return "3-4";
  if (d <= 8) return "5-8";
  if (d <= 16) return "9-16";
  return ">16";
}

std::string Granularity(const RelEntity& e) {
  if (!e.interval) return e.timex ? e.timex->type : "none";
  return std::to_string(e.interval->granularity);
}

// The dependency path between two words of a sentence: the relations up
// from `a` to their lowest common head, then down to `b`; "far" when longer
// than `max_len` steps, "none" without a common head.
std::string DepPath(const RelContext& ctx, int a, int b, int max_len, int* lca_out) {
  std::vector<int> up_a;
  for (int w = a, n = 0; w >= 0 && n < 64; w = ctx.words[w].head, ++n) up_a.push_back(w);
  int steps_b = 0;
  for (int w = b; w >= 0 && steps_b < 64; w = ctx.words[w].head, ++steps_b) {
    auto it = std::find(up_a.begin(), up_a.end(), w);
    if (it == up_a.end()) continue;
    int steps_a = static_cast<int>(it - up_a.begin());
    *lca_out = w;
    if (steps_a + steps_b > max_len) return "far";
    std::string out;
    for (int i = 0; i < steps_a; ++i) out += ctx.words[up_a[i]].deprel + "^";
    out += "|";
    std::vector<std::string> down;
    for (int x = b, i = 0; i < steps_b; x = ctx.words[x].head, ++i) down.push_back(ctx.words[x].deprel);
    for (auto d = down.rbegin(); d != down.rend(); ++d) out += "v" + *d;
    return out;
  }
  *lca_out = -1;
  return "none";
}

void EntityFeatures(const RelContext& ctx, const RelEntity& e, Features* f) {
  if (e.is_dct) {
    f->Add("dct", "");
    return;
  }
  const RelWord& head = ctx.words[e.head_word];
  if (e.is_event) {
    const EventInstance& i = *e.instance;
    f->Add("class", e.event->event_class);
    f->Add("tense", i.tense);
    f->Add("aspect", i.aspect);
    f->Add("ta", i.tense + "/" + i.aspect);
    f->Add("tac", i.tense + "/" + i.aspect + "/" + e.event->event_class);
    f->Add("pos", e.pos);
    // No polarity feature and modality in lower case: the corpora differ in
    // convention there (AQUAINT's gold marks half its events NEG and writes
    // modality in capitals), which would let a model tell them apart.
    std::string modality = i.modality.empty() ? "-" : i.modality;
    for (char& ch : modality) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    f->Add("mod", modality);
    f->Add("word", head.lower);
    if (!head.lemma.empty()) f->Add("lemma", head.lemma);
    if (!head.xpos.empty()) f->Add("xpos", head.xpos);
    if (!head.deprel.empty()) f->Add("dep", head.deprel);
    if (ctx.has_parse) {
      // The class of the nearest event governing this one (a reporting or
      // intensional event above it), or "root".
      f->Add("egov", e.event_governor >= 0 ? ctx.entities[e.event_governor].event->event_class
                                           : "root");
      f->Add("mark", e.mark);
      f->Add("aux", e.aux);
      int gov = head.head;
      f->Add("gov", gov >= 0 ? head.deprel + "/" + (ctx.words[gov].lemma.empty()
                                                        ? ctx.words[gov].lower
                                                        : ctx.words[gov].lemma)
                             : "root");
    }
  } else {
    f->Add("ttype", e.timex->type);
    f->Add("gran", Granularity(e));
    std::string dct_rel = "unk";
    if (e.interval && ctx.dct_interval)
      if (auto r = CompareIntervals(*e.interval, *ctx.dct_interval))
        dct_rel = std::string(TimeMLRelName(*r));
    f->Add("tdct", dct_rel);
    f->Add("tfirst", ctx.words[e.first_word].lower);
    if (!e.timex->mod.empty()) f->Add("tmod", e.timex->mod);
  }
  int first = e.sentence >= 0 ? ctx.sentences[e.sentence].first : 0;
  f->Add("w-1", e.first_word - 1 >= first ? ctx.words[e.first_word - 1].lower : "<s>");
  f->Add("w-2", e.first_word - 2 >= first ? ctx.words[e.first_word - 2].lower : "<s>");
  int end = e.sentence >= 0 ? ctx.sentences[e.sentence].second : 0;
  f->Add("w+1", e.end_word < end ? ctx.words[e.end_word].lower : "</s>");
}

}  // namespace

const char* SieveName(SieveId s) {
  switch (s) {
    case SieveId::kTimex: return "timex";
    case SieveId::kTense: return "tense";
    case SieveId::kReport: return "report";
    case SieveId::kSignalTimex: return "signal-timex";
    case SieveId::kSignalEvent: return "signal-event";
  }
  return "?";
}

Result<RelationLexicon> LoadRelationLexicon(const std::string& data_dir) {
  RelationLexicon lex;
  std::string sieves = data_dir + "/en/relation/sieves.txt";
  Result<std::string> s = ReadFile(sieves);
  if (!s.ok()) return s.error();
  if (Status st = ParseSieves(sieves, s.value(), &lex); !st.ok()) return st.error();
  std::string words = data_dir + "/en/relation/signal_words.txt";
  Result<std::string> w = ReadFile(words);
  if (!w.ok()) return w.error();
  std::istringstream in(w.value());
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (!line.empty() && line[0] != '#') lex.signal_words.insert(line);
  }
  return lex;
}

std::optional<TimeMLRel> ApplySieve(SieveId s, const RelationLexicon& lex, const RelContext& ctx,
                                    const Candidate& c) {
  const RelEntity& a = ctx.entities[c.a];
  const RelEntity& b = ctx.entities[c.b];
  switch (s) {
    case SieveId::kTimex:
      if ((c.kind == PairKind::kTimexTimex || c.kind == PairKind::kTimexDct) && a.interval &&
          b.interval)
        return CompareIntervals(*a.interval, *b.interval);
      return std::nullopt;
    case SieveId::kTense: {
      if (c.kind != PairKind::kEventDct) return std::nullopt;
      const EventInstance& i = *a.instance;
      auto it = lex.tense.find({i.tense, i.aspect, a.pos});
      if (it == lex.tense.end()) return std::nullopt;
      return it->second;
    }
    case SieveId::kReport: {
      if (c.kind != PairKind::kEventEvent || a.sentence != b.sentence || EventsBetween(ctx, c.a, c.b))
        return std::nullopt;
      bool a_reports = a.event->event_class == "REPORTING";
      bool b_reports = b.event->event_class == "REPORTING";
      if (a_reports == b_reports) return std::nullopt;
      const RelEntity& reported = a_reports ? b : a;
      auto it = lex.report.find({reported.instance->tense, reported.instance->aspect});
      if (it == lex.report.end()) return std::nullopt;
      return a_reports ? Inverse(it->second) : it->second;
    }
    case SieveId::kSignalTimex: {
      if (c.kind != PairKind::kEventTimex || (b.timex->type != "DATE" && b.timex->type != "TIME"))
        return std::nullopt;
      int w = SignalBefore(ctx, b);
      if (w < 0) return std::nullopt;
      auto it = lex.signal_timex.find(ctx.words[w].lower);
      if (it == lex.signal_timex.end()) return std::nullopt;
      if (GovernedEvent(ctx, c.b) != c.a) return std::nullopt;
      return it->second;
    }
    case SieveId::kSignalEvent: {
      if (c.kind != PairKind::kEventEvent || a.sentence != b.sentence || EventsBetween(ctx, c.a, c.b))
        return std::nullopt;
      for (int w = b.first_word - 1; w >= a.end_word && w >= b.first_word - 3; --w) {
        auto it = lex.signal_event.find(ctx.words[w].lower);
        if (it != lex.signal_event.end()) return it->second;
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<SieveDecision> ApplySieves(const RelationLexicon& lex, const RelContext& ctx,
                                         const Candidate& c) {
  for (int s = 0; s < kSieveCount; ++s) {
    if (!lex.enabled[s]) continue;
    SieveId id = static_cast<SieveId>(s);
    if (auto r = ApplySieve(id, lex, ctx, c)) return SieveDecision{id, *r};
  }
  return std::nullopt;
}

void PairFeatures(const RelationLexicon& lex, const RelContext& ctx, const Candidate& c,
                  std::vector<uint32_t>* out) {
  Features f(c.kind, out);
  const RelEntity& a = ctx.entities[c.a];
  const RelEntity& b = ctx.entities[c.b];
  f.Add("bias", "");
  // Long documents are linked more sparsely: the document's event count
  // (in eights) as a bias per pair kind.
  f.Add("doc-events", Bucket(ctx.event_count / 8));
  Features fa(f, "a."), fb(f, "b.");
  EntityFeatures(ctx, a, &fa);
  EntityFeatures(ctx, b, &fb);
  if (a.is_event && b.is_event) {
    f.Add("cc", a.event->event_class + "/" + b.event->event_class);
    f.Add("tt", a.instance->tense + "/" + b.instance->tense);
    f.Add("tata", a.instance->tense + a.instance->aspect + "/" + b.instance->tense +
                      b.instance->aspect);
    f.Add("pp", a.pos + "/" + b.pos);
    f.Add("main", std::string(a.is_main ? "1" : "0") + (b.is_main ? "1" : "0"));
    bool same = ctx.words[a.head_word].lower == ctx.words[b.head_word].lower;
    f.Add("sameword", same ? "1" : "0");
    f.Add("sameword-sdist", std::string(same ? "1/" : "0/") +
                                std::to_string(std::min(std::abs(b.sentence - a.sentence), 2)));
    if (ctx.has_parse && a.sentence == b.sentence) {
      // The pair in the tree of events: one the nearest governing event of
      // the other, both under the same one, or neither.
      std::string egov = b.event_governor == c.a   ? "a>b"
                         : a.event_governor == c.b ? "b>a"
                         : a.event_governor >= 0 && a.event_governor == b.event_governor
                             ? "siblings"
                             : "none";
      f.Add("egov-pair", egov);
      f.Add("egov-pair-cc", egov + "/" + a.event->event_class + "/" + b.event->event_class);
    }
  }
  if (a.is_event && !b.is_event && b.timex) {
    std::string tdct = "unk";
    if (b.interval && ctx.dct_interval)
      if (auto r = CompareIntervals(*b.interval, *ctx.dct_interval))
        tdct = std::string(TimeMLRelName(*r));
    f.Add("tense-tdct", a.instance->tense + "/" + tdct);
  }
  if (a.is_event) {
    // Nominal and other non-verb events take their time from the verbs
    // around them: the nearest verb event of the sentence (the one before
    // on ties), and whether a reporting event precedes.
    std::string near_ta = "none";
    bool reported = false;
    int best = 1 << 30;
    for (int k = c.a - 1; k >= 0 && ctx.entities[k].sentence == a.sentence; --k) {
      const RelEntity& v = ctx.entities[k];
      if (!v.is_event) continue;
      if (v.event->event_class == "REPORTING") reported = true;
      if (v.pos == "VERB" && c.a - k < best) {
        best = c.a - k;
        near_ta = v.instance->tense + "/" + v.instance->aspect;
      }
    }
    for (int k = c.a + 1; k < static_cast<int>(ctx.entities.size()) &&
                          ctx.entities[k].sentence == a.sentence;
         ++k) {
      const RelEntity& v = ctx.entities[k];
      if (v.is_event && v.pos == "VERB" && k - c.a < best) {
        best = k - c.a;
        near_ta = v.instance->tense + "/" + v.instance->aspect;
      }
    }
    if (a.pos != "VERB") f.Add("a.near-verb-ta", near_ta);
    f.Add("a.reported", reported ? "1" : "0");
    f.Add("a.reported-tense", (reported ? "1/" : "0/") + a.instance->tense);
  }
  if (c.kind == PairKind::kEventDct) {
    // The nearest timex of the event's sentence and its place relative to the DCT.
    std::string near = "none";
    int best = 1 << 30;
    for (const RelEntity& t : ctx.entities) {
      if (t.is_event || t.is_dct || t.sentence != a.sentence) continue;
      int d = std::abs(t.first_word - a.first_word);
      if (d < best) {
        best = d;
        near = "unk";
        if (t.interval && ctx.dct_interval)
          if (auto r = CompareIntervals(*t.interval, *ctx.dct_interval))
            near = std::string(TimeMLRelName(*r));
      }
    }
    f.Add("near-tdct", near);
    f.Add("near-tdct-tense", near + "/" + a.instance->tense);
    f.Add("class-tense-pos", a.event->event_class + "/" + a.instance->tense + "/" + a.pos);
    // Where in the document and the sentence: annotators relate the events
    // of the first sentences and main events to the DCT more often.
    f.Add("sent-index", Bucket(a.sentence));
    f.Add("main-tense", std::string(a.is_main ? "1/" : "0/") + a.instance->tense);
    f.Add("near-timex", near == "none" ? "0" : "1");
    // How crowded the sentence is and where the event stands in it.
    f.Add("rank", std::to_string(std::min(a.sentence_rank, 3)) + "/" + Bucket(a.sentence_events));
    if (ctx.has_parse)
      f.Add("egov-tense",
            (a.event_governor >= 0 ? ctx.entities[a.event_governor].event->event_class : "root") +
                "/" + a.instance->tense);
    return;
  }
  if (b.is_dct) return;
  // Text between the two entities.
  bool a_first = a.span.begin <= b.span.begin;
  const RelEntity& x = a_first ? a : b;
  const RelEntity& y = a_first ? b : a;
  f.Add("order", a_first ? "ab" : "ba");
  int sdist = y.sentence - x.sentence;
  f.Add("sdist", std::to_string(std::min(sdist, 3)));
  int wdist = y.first_word - x.end_word;
  f.Add("wdist", Bucket(wdist));
  if (sdist == 0) {
    bool comma = false;
    int events_between = 0;
    for (int k = std::min(c.a, c.b) + 1; k < std::max(c.a, c.b); ++k)
      if (ctx.entities[k].is_event) ++events_between;
    f.Add("ebetween", Bucket(events_between));
    for (int w = x.end_word; w < y.first_word; ++w) {
      const std::string& word = ctx.words[w].lower;
      if (word == ",") comma = true;
      if (lex.signal_words.count(word)) f.Add("sig", word);
      if (wdist <= 5) f.Add("between", word);
    }
    f.Add("comma", comma ? "1" : "0");
    int sb = SignalBefore(ctx, y);
    if (sb >= 0 && lex.signal_words.count(ctx.words[sb].lower))
      f.Add("sig-before-second", ctx.words[sb].lower);
    int sx = SignalBefore(ctx, x);
    if (sx >= 0 && lex.signal_words.count(ctx.words[sx].lower))
      f.Add("sig-before-first", ctx.words[sx].lower);
    if (ctx.has_parse) {
      if (Dominates(ctx, a.head_word, b.head_word)) f.Add("dom", "a>b");
      else if (Dominates(ctx, b.head_word, a.head_word)) f.Add("dom", "b>a");
      else f.Add("dom", "none");
      if (ctx.words[b.head_word].head == a.head_word) f.Add("child-dep", ctx.words[b.head_word].deprel);
      if (ctx.words[a.head_word].head == b.head_word) f.Add("parent-dep", ctx.words[a.head_word].deprel);
      int lca = -1;
      std::string path = DepPath(ctx, a.head_word, b.head_word, 4, &lca);
      f.Add("path", path);
      if (lca >= 0 && lca != a.head_word && lca != b.head_word)
        f.Add("lca", ctx.words[lca].lemma.empty() ? ctx.words[lca].lower : ctx.words[lca].lemma);
      if (a.is_event && b.is_event)
        f.Add("marks", a.mark + "/" + b.mark);
    }
    if (c.kind == PairKind::kEventTimex) {
      f.Add("governs", GovernedEvent(ctx, c.b) == c.a ? "1" : "0");
      if (ctx.has_parse) {
        // The timex modifies an event above or below this one.
        int g = GovernedEvent(ctx, c.b);
        f.Add("tgov-egov", g == c.a                                   ? "self"
                           : g >= 0 && a.event_governor == g          ? "governor"
                           : g >= 0 && ctx.entities[g].event_governor == c.a ? "governed"
                           : g >= 0                                   ? "other"
                                                                      : "none");
      }
      int st = SignalBefore(ctx, b);
      f.Add("tprep", st >= 0 ? ctx.words[st].lower : "<s>");
      f.Add("tprep-gov", (st >= 0 ? ctx.words[st].lower : "<s>") +
                             (GovernedEvent(ctx, c.b) == c.a ? "+1" : "+0"));
    }
  } else if (a.is_event && b.is_event) {
    f.Add("cross-cc", a.event->event_class + "/" + b.event->event_class);
  }
}

}  // namespace chronicle
