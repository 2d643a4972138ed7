#include "doc/document.h"

#include <charconv>
#include <unordered_set>

#include <fmt/core.h>

#include "util/utf8.h"

namespace chronicle {
namespace {

// Largest N among ids of the form prefix + N, or 0.
void MaxSuffix(std::string_view id, std::string_view prefix, uint64_t* max) {
  if (id.size() <= prefix.size() || id.substr(0, prefix.size()) != prefix) return;
  std::string_view digits = id.substr(prefix.size());
  uint64_t n = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec == std::errc() && ptr == digits.data() + digits.size() && n > *max) *max = n;
}

}  // namespace

std::string Document::NextId(std::string_view prefix) const {
  uint64_t max = 0;
  if (dct) MaxSuffix(dct->id, prefix, &max);
  for (const auto& x : timexes) MaxSuffix(x.id, prefix, &max);
  for (const auto& x : events) MaxSuffix(x.id, prefix, &max);
  for (const auto& x : instances) MaxSuffix(x.id, prefix, &max);
  for (const auto& x : signals) MaxSuffix(x.id, prefix, &max);
  for (const auto& x : tlinks) MaxSuffix(x.id, prefix, &max);
  for (const auto& x : slinks) MaxSuffix(x.id, prefix, &max);
  for (const auto& x : alinks) MaxSuffix(x.id, prefix, &max);
  return fmt::format("{}{}", prefix, max + 1);
}

Status Document::Validate() const {
  auto fail = [&](std::string msg) { return Error::Invalid(std::move(msg), source_name); };
  auto check_span = [&](Span s, std::string_view what, std::string_view id) -> Status {
    if (s.begin > s.end || s.end > text.size()) {
      return fail(fmt::format("{} {} has span [{}, {}) outside the text of {} bytes",
                              what, id, s.begin, s.end, text.size()));
    }
    if (!IsCharBoundary(text, s.begin) || !IsCharBoundary(text, s.end)) {
      return fail(fmt::format("{} {} has span [{}, {}) that splits a UTF-8 character",
                              what, id, s.begin, s.end));
    }
    return Status::Ok();
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (Status s = check_span(tokens[i].span, "token", std::to_string(i)); !s.ok()) return s;
  }
  for (size_t i = 0; i < sentences.size(); ++i) {
    const Sentence& s = sentences[i];
    if (Status st = check_span(s.span, "sentence", std::to_string(i)); !st.ok()) return st;
    if (s.first_token > s.end_token || s.end_token > tokens.size()) {
      return fail(fmt::format("sentence {} has token range [{}, {}) outside {} tokens", i,
                              s.first_token, s.end_token, tokens.size()));
    }
  }
  std::unordered_set<std::string_view> times, evs, insts;
  if (dct) times.insert(dct->id);
  auto unique = [&](std::unordered_set<std::string_view>& set, const std::string& id,
                    std::string_view what) -> Status {
    if (id.empty()) return fail(fmt::format("{} without an id", what));
    if (!set.insert(id).second) return fail(fmt::format("duplicate {} id \"{}\"", what, id));
    return Status::Ok();
  };
  for (const Timex& t : timexes) {
    if (Status s = unique(times, t.id, "TIMEX3"); !s.ok()) return s;
    if (Status s = check_span(t.span, "TIMEX3", t.id); !s.ok()) return s;
  }
  for (const Event& e : events) {
    if (Status s = unique(evs, e.id, "EVENT"); !s.ok()) return s;
    if (Status s = check_span(e.span, "EVENT", e.id); !s.ok()) return s;
  }
  std::unordered_set<std::string_view> sigs;
  for (const Signal& g : signals) {
    if (Status s = unique(sigs, g.id, "SIGNAL"); !s.ok()) return s;
    if (Status s = check_span(g.span, "SIGNAL", g.id); !s.ok()) return s;
  }
  for (const EventInstance& ei : instances) {
    if (Status s = unique(insts, ei.id, "MAKEINSTANCE"); !s.ok()) return s;
    if (!evs.count(ei.event_id)) {
      return fail(fmt::format("MAKEINSTANCE {} refers to missing EVENT \"{}\"", ei.id, ei.event_id));
    }
  }
  std::unordered_set<std::string_view> links;
  for (const TLink& l : tlinks) {
    if (Status s = unique(links, l.id, "TLINK"); !s.ok()) return s;
    const auto& src = l.source_is_event ? insts : times;
    const auto& dst = l.target_is_event ? insts : times;
    if (!src.count(l.source_id)) {
      return fail(fmt::format("TLINK {} refers to missing {} \"{}\"", l.id,
                              l.source_is_event ? "event instance" : "TIMEX3", l.source_id));
    }
    if (!dst.count(l.target_id)) {
      return fail(fmt::format("TLINK {} refers to missing {} \"{}\"", l.id,
                              l.target_is_event ? "event instance" : "TIMEX3", l.target_id));
    }
  }
  return Status::Ok();
}

void Document::ClearAnnotations() {
  tokens.clear();
  sentences.clear();
  timexes.clear();
  events.clear();
  instances.clear();
  signals.clear();
  tlinks.clear();
  slinks.clear();
  alinks.clear();
}

}  // namespace chronicle
