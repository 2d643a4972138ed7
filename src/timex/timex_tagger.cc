// Matching works sentence by sentence (paragraphs cut at sentence ends, and
// at spaces when very long). kPrefilter: the RE2::Set tells which rules
// match somewhere in the sentence, and only those run with captures.
// kTriggers: the trigger index (trigger_index.h) tells where each rule can
// begin, and the rule runs anchored there. kAllRules: every rule runs.
// Every match becomes a candidate with its typed value; overlapping
// candidates are resolved longest first, then by rule priority, negative
// rules winning ties, then leftmost. Survivors are resolved in text order so
// that the narrative reference time follows the text.
#include "timex/timex_tagger.h"

#include <algorithm>
#include <cctype>

#include <mutex>

#include <re2/re2.h>
#include <re2/set.h>

#include "timex/reference_time.h"
#include "timex/rule_loader.h"
#include "timex/timex_value.h"
#include "timex/trigger_index.h"
#include "util/date.h"

namespace chronicle {

namespace {

constexpr size_t kMaxChunk = 4000;

struct Candidate {
  Span span;
  int rule = 0;
  int priority = 0;
  bool negative = false;
  TimexValue value;
};

// Splits [0, size) into chunks: paragraphs (blank lines) cut into
// sentences, so that the rules the prefilter selects for a chunk scan only
// that chunk. Expressions never cross a chunk boundary.
void Chunks(std::string_view text, std::vector<Span>* out) {
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find("\n\n", b);
    if (e == std::string_view::npos) e = text.size();
    size_t s = b;
    size_t i = b;
    while (i < e) {
      if (i - s < kMaxChunk) {
        // Below kMaxChunk only . ! ? can end a chunk: skip to the next one.
        size_t limit = std::min(e, s + kMaxChunk);
        while (i < limit && text[i] != '.' && text[i] != '!' && text[i] != '?') ++i;
        if (i == limit) continue;  // the paragraph's end, or the long-chunk cases below
      }
      char c = text[i];
      bool end = c == '.' || c == '!' || c == '?' ? SentenceEndsAt(text, i)
                 : i - s >= kMaxChunk         ? c == ' ' || i - s >= 2 * kMaxChunk
                                              : false;
      if (end) {
        out->push_back(Span{static_cast<uint32_t>(s), static_cast<uint32_t>(i + 1)});
        s = i + 1;
      }
      ++i;
    }
    if (e > s) out->push_back(Span{static_cast<uint32_t>(s), static_cast<uint32_t>(e)});
    b = e + 2;
  }
}

bool VetoedByPos(const Document& doc, Span span, const std::vector<std::string>& veto) {
  if (veto.empty() || doc.tokens.empty()) return false;
  auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), span.begin,
                             [](const Token& t, uint32_t p) { return t.span.begin < p; });
  if (it == doc.tokens.end() || it->span.begin != span.begin || it->span.end != span.end) return false;
  return std::find(veto.begin(), veto.end(), it->xpos) != veto.end();
}

}  // namespace

struct TimexTagger::Prefilter {
  std::unique_ptr<RE2::Set> set;
  // Built on first use of Matching::kTriggers (it takes longer to derive
  // than the rule-loading budget allows).
  std::once_flag triggers_once;
  std::unique_ptr<TriggerIndex> triggers;
};

TimexTagger::TimexTagger() = default;
TimexTagger::TimexTagger(TimexTagger&&) noexcept = default;
TimexTagger& TimexTagger::operator=(TimexTagger&&) noexcept = default;
TimexTagger::~TimexTagger() = default;

size_t TimexTagger::rule_count() const { return rules_ ? rules_->rules.size() : 0; }

Result<TimexTagger> TimexTagger::Load(const std::string& data_dir) {
  Result<RuleSet> set = LoadRuleSet(data_dir + "/en/timex");
  if (!set.ok()) return set.error();
  TimexTagger tagger;
  tagger.rules_ = std::make_unique<RuleSet>(std::move(set).value());
  RE2::Options opts;
  opts.set_case_sensitive(false);
  opts.set_log_errors(false);
  opts.set_max_mem(32 << 20);
  tagger.prefilter_ = std::make_unique<Prefilter>();
  tagger.prefilter_->set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  for (const CompiledRule& r : tagger.rules_->rules) {
    std::string err;
    if (tagger.prefilter_->set->Add(r.pattern, &err) < 0) {
      Error e = Error::Model("rule " + r.name + ": not accepted by the prefilter: " + err, r.file);
      e.line = r.line;
      return e;
    }
  }
  if (!tagger.prefilter_->set->Compile()) {
    return Error::Model("the rule prefilter does not compile (out of memory?)", data_dir);
  }
  return tagger;
}

const TriggerIndex& TimexTagger::Triggers() const {
  std::call_once(prefilter_->triggers_once, [this] {
    std::vector<std::string> patterns;
    patterns.reserve(rules_->rules.size());
    for (const CompiledRule& r : rules_->rules) patterns.push_back(r.pattern);
    prefilter_->triggers = std::make_unique<TriggerIndex>(TriggerIndex::Build(patterns));
  });
  return *prefilter_->triggers;
}

size_t TimexTagger::untriggered_rule_count() const { return Triggers().untriggered().size(); }

void TimexTagger::Annotate(Document* doc, Matching matching) const {
  const std::string_view text = doc->text;
  const std::vector<CompiledRule>& rules = rules_->rules;
  std::vector<Span> chunks;
  chunks.reserve(text.size() / 64 + 8);  // news sentences average ~130 bytes
  Chunks(text, &chunks);

  std::vector<Candidate> candidates;
  std::vector<int> which;
  std::vector<uint64_t> hits;
  std::vector<re2::StringPiece> groups;

  // Turns a match of rule ri (groups filled) into a candidate.
  auto take = [&](int ri, int ngroups) {
    const CompiledRule& rule = rules[ri];
    const re2::StringPiece& whole = groups[0];
    const re2::StringPiece& sp = rule.span_group > 0 ? groups[rule.span_group] : whole;
    if (sp.data() == nullptr || sp.empty()) return;
    Candidate c;
    c.span.begin = static_cast<uint32_t>(sp.data() - text.data());
    c.span.end = static_cast<uint32_t>(c.span.begin + sp.size());
    c.rule = ri;
    c.priority = rule.priority;
    c.negative = rule.negative;
    c.value = rule.fixed;
    bool ok = true;
    int ampm_group = -1;
    for (int g = 1; g < ngroups && ok; ++g) {
      if (groups[g].data() == nullptr || rule.group_slots[g] == Slot::kNone) continue;
      if (rule.group_slots[g] == Slot::kAmPm) {
        ampm_group = g;
        continue;
      }
      ok = ApplySlot(rule.group_slots[g], std::string_view(groups[g].data(), groups[g].size()),
                     rules_->lexicons, &c.value);
    }
    if (ok && ampm_group > 0) {
      ok = ApplySlot(Slot::kAmPm,
                     std::string_view(groups[ampm_group].data(), groups[ampm_group].size()),
                     rules_->lexicons, &c.value);
    }
    if (ok && !c.negative && VetoedByPos(*doc, c.span, rule.veto_pos)) ok = false;
    if (ok) candidates.push_back(std::move(c));
  };
  // Every match of rule ri in the chunk, searched unanchored (the oracle).
  auto search = [&](int ri, const re2::StringPiece& piece) {
    const CompiledRule& rule = rules[ri];
    int ngroups = static_cast<int>(rule.group_slots.size());
    groups.assign(ngroups, re2::StringPiece());
    size_t pos = 0;
    while (pos <= piece.size() &&
           rule.re->Match(piece, pos, piece.size(), RE2::UNANCHORED, groups.data(), ngroups)) {
      const re2::StringPiece& whole = groups[0];
      size_t next = whole.data() - piece.data() + whole.size();
      if (whole.empty()) next += 1;
      take(ri, ngroups);
      pos = next;
    }
  };

  const TriggerIndex* trigger_index = matching == Matching::kTriggers ? &Triggers() : nullptr;
  for (Span chunk : chunks) {
    re2::StringPiece piece(text.data() + chunk.begin, chunk.size());
    size_t positives_before = candidates.size();
    if (matching != Matching::kTriggers) {
      which.clear();
      if (matching == Matching::kPrefilter) {
        RE2::Set::ErrorInfo info;
        if (!prefilter_->set->Match(piece, &which, &info)) {
          // No rule can match; on a DFA error (out of memory) run all rules.
          if (info.kind == RE2::Set::kNoError) continue;
          which.clear();
        }
      }
      if (which.empty()) {
        which.resize(rules.size());
        for (size_t i = 0; i < rules.size(); ++i) which[i] = static_cast<int>(i);
      }
      // Positive rules first; negative rules only matter where they can
      // overlap a positive candidate, so a chunk without any skips them.
      std::sort(which.begin(), which.end(), [&rules](int a, int b) {
        if (rules[a].negative != rules[b].negative) return !rules[a].negative;
        return a < b;
      });
      for (int ri : which) {
        if (rules[ri].negative && candidates.size() == positives_before) break;
        search(ri, piece);
      }
      continue;
    }
    // Trigger index: each rule runs anchored only where a match can start.
    // Anchored at the trigger positions in increasing order, skipping those
    // inside the previous match, it finds what the unanchored loop finds.
    hits.clear();
    trigger_index->Collect(std::string_view(piece.data(), piece.size()), &hits);
    const std::vector<int>& untriggered = trigger_index->untriggered();
    if (hits.empty() && untriggered.empty()) continue;
    // Key: negative rules last, then rule, then offset.
    for (uint64_t& h : hits) {
      if (rules[h >> 32].negative) h |= uint64_t{1} << 63;
    }
    std::sort(hits.begin(), hits.end());
    bool untriggered_positive_done = false;
    auto run_untriggered = [&](bool negative) {
      for (int ri : untriggered) {
        if (rules[ri].negative == negative) search(ri, piece);
      }
    };
    size_t i = 0;
    while (i < hits.size()) {
      int ri = static_cast<int>((hits[i] >> 32) & 0x7fffffff);
      const CompiledRule& rule = rules[ri];
      if (rule.negative && !untriggered_positive_done) {
        run_untriggered(false);
        untriggered_positive_done = true;
      }
      if (rule.negative && candidates.size() == positives_before) break;
      int ngroups = static_cast<int>(rule.group_slots.size());
      groups.assign(ngroups, re2::StringPiece());
      size_t allowed = 0;
      for (; i < hits.size() && static_cast<int>((hits[i] >> 32) & 0x7fffffff) == ri; ++i) {
        size_t p = static_cast<uint32_t>(hits[i]);
        if (p < allowed || (i > 0 && hits[i] == hits[i - 1])) continue;
        // The DFA alone finds whether and where the match ends; captures are
        // then read on exactly that extent (with the chunk as context, so
        // \b sees the same neighbours), which keeps RE2 from scanning the
        // rest of the chunk with its capture engine at every trigger.
        if (!trigger_index->WordsMayMatch(ri, std::string_view(piece.data(), piece.size()), p)) continue;
        re2::StringPiece whole;
        if (!rule.re->Match(piece, p, piece.size(), RE2::ANCHOR_START, &whole, 1)) continue;
        size_t end = whole.data() - piece.data() + whole.size();
        allowed = whole.empty() ? end + 1 : end;
        if (ngroups > 1) {
          // One byte of context on each side is all \b looks at (RE2's \b
          // is ASCII); a short text lets RE2 read the captures with its
          // bit-state engine at once instead of another DFA pass over the
          // chunk. Patterns with text anchors keep the whole chunk.
          size_t ctx_b = 0, ctx_e = piece.size();
          if (!trigger_index->mentions_text_anchor(ri)) {
            ctx_b = p > 0 ? p - 1 : 0;
            ctx_e = std::min(piece.size(), end + 1);
          }
          re2::StringPiece ctx(piece.data() + ctx_b, ctx_e - ctx_b);
          if (!rule.re->Match(ctx, p - ctx_b, end - ctx_b, RE2::ANCHOR_BOTH, groups.data(), ngroups)) {
            continue;
          }
        } else {
          groups[0] = whole;
        }
        take(ri, ngroups);
      }
    }
    if (!untriggered_positive_done) run_untriggered(false);
    if (candidates.size() != positives_before) run_untriggered(true);
  }

  // Overlap resolution.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.span.size() != b.span.size()) return a.span.size() > b.span.size();
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.negative != b.negative) return a.negative;
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.rule < b.rule;
  });
  std::vector<const Candidate*> accepted;
  for (const Candidate& c : candidates) {
    bool clash = false;
    for (const Candidate* a : accepted) {
      if (a->span.Overlaps(c.span)) {
        clash = true;
        break;
      }
    }
    for (const Timex& t : doc->timexes) {
      if (!clash && t.span.Overlaps(c.span)) clash = true;
    }
    if (!clash) accepted.push_back(&c);
  }
  std::sort(accepted.begin(), accepted.end(),
            [](const Candidate* a, const Candidate* b) { return a->span.begin < b->span.begin; });

  ResolveContext base;
  if (doc->dct) {
    Result<Dct> dct = ParseDct(doc->dct->value);
    if (dct.ok()) {
      base.has_dct = true;
      base.dct = dct.value().date;
      base.dct_has_time = dct.value().has_time;
      base.dct_hour = dct.value().hour;
      base.dct_minute = dct.value().minute;
    }
  }
  NarrativeReference narrative;
  std::vector<TenseCue> sentence_cues;
  Span cues_sentence;
  bool have_cues = false;
  for (const Candidate* c : accepted) {
    if (c->negative) continue;
    ResolveContext ctx = base;
    narrative.Fill(&ctx, c->span.begin);
    const TimexValue& v = c->value;
    bool needs_tense = v.direction == Direction::kTense && v.year == 0 && v.literal.empty() &&
                       (v.type == TimexType::kDate || v.type == TimexType::kTime) &&
                       (v.month > 0 || v.day > 0 || v.weekday > 0 || v.quarter > 0 || v.half > 0 ||
                        !v.season.empty() || v.holiday || v.weekend);
    if (needs_tense) {
      // GoverningTense(), with the cues of a sentence listed once for all
      // its expressions.
      Span sent = SentenceAround(*doc, c->span.begin);
      if (!have_cues || sent.begin != cues_sentence.begin || sent.end != cues_sentence.end) {
        SentenceTenseCues(*doc, sent, rules_->tense_cues, &sentence_cues);
        cues_sentence = sent;
        have_cues = true;
      }
      ctx.tense = NearestTense(sentence_cues, c->span);
    }
    ResolvedTimex r = Resolve(c->value, ctx);
    if (r.type.empty() || r.value.empty()) continue;
    narrative.Observe(r, c->span.end);
    Timex t;
    t.id = doc->NextId("t");
    t.span = c->span;
    t.type = r.type;
    t.value = r.value;
    t.mod = r.mod;
    t.quant = r.quant;
    t.freq = r.freq;
    t.temporal_function = r.temporal_function ? "true" : "false";
    t.function_in_document = "NONE";
    if (r.anchored_to_dct) t.anchor_time_id = doc->dct && !doc->dct->id.empty() ? doc->dct->id : "t0";
    doc->timexes.push_back(std::move(t));
  }
  std::stable_sort(doc->timexes.begin(), doc->timexes.end(),
                   [](const Timex& a, const Timex& b) { return a.span.begin < b.span.begin; });
}

}  // namespace chronicle
