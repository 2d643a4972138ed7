#include "io/json.h"

#include <charconv>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "util/date.h"
#include "util/file.h"
#include "util/utf8.h"

namespace chronicle {
namespace {

// ---------------------------------------------------------------------------
// Writing. The writer builds the bytes directly instead of going through a
// nlohmann DOM: the layout (one line per item in pretty mode) is part of the
// format, and a large document would otherwise be copied twice.

constexpr char kHex[] = "0123456789abcdef";

// Appends `s` as a JSON string. `s` must be valid UTF-8; bytes >= 0x80 are
// copied as they are, so the output stays UTF-8 and short.
void AppendEscaped(std::string_view s, std::string* out) {
  out->push_back('"');
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

// Valid UTF-8 with every invalid sequence replaced by U+FFFD.
std::string Sanitized(std::string_view s) {
  std::string clean;
  clean.reserve(s.size() + 8);
  size_t i = 0;
  while (i < s.size()) AppendUtf8(DecodeUtf8(s, &i), &clean);
  return clean;
}

// Appends any string as JSON, repairing invalid UTF-8 first.
void AppendString(std::string_view s, std::string* out) {
  if (IsValidUtf8(s)) {
    AppendEscaped(s, out);
  } else {
    AppendEscaped(Sanitized(s), out);
  }
}

void AppendInt(int64_t n, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  (void)ec;
  out->append(buf, end);
}

// One JSON object written on one line: {"a": 1, "b": "x"}.
class Obj {
 public:
  Obj(std::string* out, bool pretty) : out_(out), pretty_(pretty) { out_->push_back('{'); }
  void Key(std::string_view key) {
    if (!first_) out_->append(pretty_ ? ", " : ",");
    first_ = false;
    out_->push_back('"');
    out_->append(key);
    out_->append(pretty_ ? "\": " : "\":");
  }
  void Str(std::string_view key, std::string_view value) {
    Key(key);
    AppendString(value, out_);
  }
  void OptStr(std::string_view key, std::string_view value) {
    if (!value.empty()) Str(key, value);
  }
  void Int(std::string_view key, int64_t value) {
    Key(key);
    AppendInt(value, out_);
  }
  void Extra(std::string_view key, const ExtraAttributes& extra) {
    if (extra.empty()) return;
    Key(key);
    Obj o(out_, pretty_);
    for (const auto& [k, v] : extra) o.Str(k, v);
    o.End();
  }
  void End() { out_->push_back('}'); }
  std::string* out() { return out_; }
  bool pretty() const { return pretty_; }

 private:
  std::string* out_;
  bool pretty_;
  bool first_ = true;
};

// The DCT a reader makes from a bare "dct" value: type TIME when the value
// has a time of day, DATE otherwise.
std::string_view DefaultDctType(std::string_view value) {
  return value.find('T') == std::string_view::npos ? "DATE" : "TIME";
}

bool IsDefaultDct(const Timex& t) {
  return t.id == "t0" && t.type == DefaultDctType(t.value) && t.temporal_function == "false" &&
         t.function_in_document == "CREATION_TIME" && t.mod.empty() && t.quant.empty() &&
         t.freq.empty() && t.anchor_time_id.empty() && t.begin_point.empty() &&
         t.end_point.empty() && t.extra.empty() && t.span.empty();
}

void WriteTimexAttributes(const Timex& t, Obj* o) {
  o->Str("type", t.type);
  o->Str("value", t.value);
  o->OptStr("mod", t.mod);
  o->OptStr("quant", t.quant);
  o->OptStr("freq", t.freq);
  o->OptStr("temporalFunction", t.temporal_function);
  o->OptStr("anchorTimeID", t.anchor_time_id);
  o->OptStr("beginPoint", t.begin_point);
  o->OptStr("endPoint", t.end_point);
  o->OptStr("functionInDocument", t.function_in_document);
  o->Extra("extra", t.extra);
}

void WriteInstanceAttributes(const EventInstance& ei, std::string_view extra_key, Obj* o) {
  o->Str("instance", ei.id);
  o->Str("tense", ei.tense);
  o->Str("aspect", ei.aspect);
  o->Str("polarity", ei.polarity);
  o->Str("modality", ei.modality);
  o->Str("pos", ei.pos);
  o->OptStr("cardinality", ei.cardinality);
  o->OptStr("signal", ei.signal_id);
  o->Extra(extra_key, ei.extra);
}

class DocWriter {
 public:
  DocWriter(const Document& doc, bool pretty, std::string* out)
      : doc_(doc), pretty_(pretty), out_(out), map_(doc.text),
        text_valid_(IsValidUtf8(doc.text)) {}

  void Write() {
    out_->push_back('{');
    TopKey("id");
    AppendString(doc_.id, out_);
    TopKey("dct");
    if (doc_.dct) {
      AppendString(doc_.dct->value, out_);
      if (!doc_.dct_text.empty()) {
        TopKey("dctText");
        AppendString(doc_.dct_text, out_);
      }
      if (!IsDefaultDct(*doc_.dct)) {
        TopKey("dctTimex");
        Obj o(out_, pretty_);
        o.Str("id", doc_.dct->id);
        WriteTimexAttributes(*doc_.dct, &o);
        o.End();
      }
    } else {
      out_->append("null");
    }
    TopKey("text");
    AppendString(doc_.text, out_);

    TopKey("tokens");
    Array(doc_.tokens.size(), [&](size_t i) {
      const Token& t = doc_.tokens[i];
      Obj o(out_, pretty_);
      SpanKeys(t.span, &o);
      o.OptStr("upos", t.upos);
      o.OptStr("xpos", t.xpos);
      o.OptStr("lemma", t.lemma);
      o.OptStr("feats", t.feats);
      if (t.head != kNoHead) o.Int("head", t.head);
      o.OptStr("deprel", t.deprel);
      o.End();
    });
    TopKey("sentences");
    Array(doc_.sentences.size(), [&](size_t i) {
      const Sentence& s = doc_.sentences[i];
      Obj o(out_, pretty_);
      o.Int("start", Cp(s.span.begin));
      o.Int("end", Cp(s.span.end));
      o.Int("first_token", s.first_token);
      o.Int("end_token", s.end_token);
      o.End();
    });
    TopKey("timexes");
    Array(doc_.timexes.size(), [&](size_t i) {
      const Timex& t = doc_.timexes[i];
      Obj o(out_, pretty_);
      o.Str("id", t.id);
      SpanKeys(t.span, &o);
      WriteTimexAttributes(t, &o);
      o.End();
    });

    std::unordered_map<std::string_view, std::vector<const EventInstance*>> by_event;
    for (const EventInstance& ei : doc_.instances) by_event[ei.event_id].push_back(&ei);
    TopKey("events");
    Array(doc_.events.size(), [&](size_t i) {
      const Event& e = doc_.events[i];
      Obj o(out_, pretty_);
      o.Str("id", e.id);
      SpanKeys(e.span, &o);
      o.Str("class", e.event_class);
      auto it = by_event.find(e.id);
      if (it != by_event.end()) {
        const auto& list = it->second;
        WriteInstanceAttributes(*list[0], "instanceExtra", &o);
        if (list.size() > 1) {
          o.Key("instances");
          out_->push_back('[');
          for (size_t k = 1; k < list.size(); ++k) {
            if (k > 1) out_->append(pretty_ ? ", " : ",");
            Obj io(out_, pretty_);
            WriteInstanceAttributes(*list[k], "extra", &io);
            io.End();
          }
          out_->push_back(']');
        }
      }
      o.Extra("extra", e.extra);
      o.End();
    });
    TopKey("signals");
    Array(doc_.signals.size(), [&](size_t i) {
      const Signal& s = doc_.signals[i];
      Obj o(out_, pretty_);
      o.Str("id", s.id);
      SpanKeys(s.span, &o);
      o.End();
    });
    TopKey("tlinks");
    Array(doc_.tlinks.size(), [&](size_t i) {
      const TLink& l = doc_.tlinks[i];
      Obj o(out_, pretty_);
      o.Str("id", l.id);
      o.Str("relType", l.rel_type);
      o.Str("source", l.source_id);
      o.Str("target", l.target_id);
      o.Str("sourceType", l.source_is_event ? "event" : "timex");
      o.Str("targetType", l.target_is_event ? "event" : "timex");
      o.OptStr("signal", l.signal_id);
      o.OptStr("origin", l.origin);
      o.Extra("extra", l.extra);
      o.End();
    });
    if (!doc_.slinks.empty()) {
      TopKey("slinks");
      Array(doc_.slinks.size(), [&](size_t i) {
        const SLink& l = doc_.slinks[i];
        Obj o(out_, pretty_);
        o.Str("id", l.id);
        o.Str("relType", l.rel_type);
        o.Str("source", l.event_instance_id);
        o.Str("target", l.subordinated_event_instance);
        o.OptStr("signal", l.signal_id);
        o.OptStr("syntax", l.syntax);
        o.Extra("extra", l.extra);
        o.End();
      });
    }
    if (!doc_.alinks.empty()) {
      TopKey("alinks");
      Array(doc_.alinks.size(), [&](size_t i) {
        const ALink& l = doc_.alinks[i];
        Obj o(out_, pretty_);
        o.Str("id", l.id);
        o.Str("relType", l.rel_type);
        o.Str("source", l.event_instance_id);
        o.Str("target", l.related_to_event_instance);
        o.OptStr("signal", l.signal_id);
        o.OptStr("syntax", l.syntax);
        o.Extra("extra", l.extra);
        o.End();
      });
    }
    if (!doc_.raw_elements.empty()) {
      TopKey("rawElements");
      Array(doc_.raw_elements.size(), [&](size_t i) {
        const RawElement& r = doc_.raw_elements[i];
        Obj o(out_, pretty_);
        o.Str("xml", r.xml);
        o.Key("beforeText");
        out_->append(r.before_text ? "true" : "false");
        o.End();
      });
    }
    out_->append(pretty_ ? "\n}" : "}");
  }

 private:
  void TopKey(std::string_view key) {
    if (!first_key_) out_->push_back(',');
    first_key_ = false;
    if (pretty_) out_->append("\n  ");
    out_->push_back('"');
    out_->append(key);
    out_->append(pretty_ ? "\": " : "\":");
  }

  template <typename F>
  void Array(size_t n, F&& item) {
    out_->push_back('[');
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) out_->push_back(',');
      if (pretty_) out_->append("\n    ");
      item(i);
    }
    if (pretty_ && n > 0) out_->append("\n  ");
    out_->push_back(']');
  }

  uint32_t Clamp(uint32_t b) const {
    return b <= doc_.text.size() ? b : static_cast<uint32_t>(doc_.text.size());
  }
  uint32_t Cp(uint32_t b) const { return map_.ToCodePoint(Clamp(b)); }

  void SpanKeys(Span s, Obj* o) {
    uint32_t b = Clamp(s.begin), e = Clamp(s.end);
    if (e < b) e = b;
    o->Int("start", map_.ToCodePoint(b));
    o->Int("end", map_.ToCodePoint(e));
    o->Key("text");
    std::string_view t = std::string_view(doc_.text).substr(b, e - b);
    if (text_valid_) {
      AppendEscaped(t, out_);
    } else {
      AppendString(t, out_);
    }
  }

  const Document& doc_;
  bool pretty_;
  std::string* out_;
  OffsetMap map_;
  bool text_valid_;
  bool first_key_ = true;
};

// ---------------------------------------------------------------------------
// Reading. nlohmann::ordered_json keeps the order of "extra" attributes.

using Json = nlohmann::ordered_json;

// Keeps error messages printable and short: a parse error on a 1 MB string
// would otherwise quote all of it.
std::string ShortMessage(std::string_view s) {
  constexpr size_t kMax = 200;
  std::string clean = Sanitized(s);
  if (clean.size() <= kMax) return clean;
  size_t cut = kMax;
  while (cut > 0 && !IsCharBoundary(clean, cut)) --cut;
  return clean.substr(0, cut) + "...";
}

std::string Describe(const Json& j) {
  if (j.is_string()) return "a string";
  if (j.is_boolean()) return "a boolean";
  if (j.is_null()) return "null";
  if (j.is_array()) return "an array";
  if (j.is_object()) return "an object";
  return ShortMessage(j.dump());  // numbers: show the value
}

// Finding a JSON path in the source. Errors found after parsing (a bad
// offset, a wrong type) know their JSON path, not their position; this walks
// the already validated bytes to the value at the path so that the error can
// point at line:column. Paths are those DocParser builds: keys and [index]
// steps joined by '.', e.g. "timexes[2].end".

size_t SkipWs(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

// Past the string starting at s[i] == '"'.
size_t SkipString(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return s.size();
}

// Past the value starting at s[i]; iterative, so deep nesting is fine.
size_t SkipValue(std::string_view s, size_t i) {
  if (i >= s.size()) return i;
  if (s[i] == '"') return SkipString(s, i);
  if (s[i] != '{' && s[i] != '[') {
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' &&
           s[i] != '\n' && s[i] != '\r' && s[i] != '\t') {
      ++i;
    }
    return i;
  }
  size_t depth = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"') {
      i = SkipString(s, i);
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
    ++i;
  }
  return i;
}

// Start of the member `key` of the object at s[i] == '{', or npos.
size_t FindMember(std::string_view s, size_t i, std::string_view key) {
  i = SkipWs(s, i + 1);
  while (i < s.size() && s[i] == '"') {
    size_t end = SkipString(s, i);
    bool match = end >= i + 2 && s.substr(i + 1, end - i - 2) == key;
    i = SkipWs(s, end);
    if (i >= s.size() || s[i] != ':') return std::string_view::npos;
    i = SkipWs(s, i + 1);
    if (match) return i;
    i = SkipWs(s, SkipValue(s, i));
    if (i >= s.size() || s[i] != ',') return std::string_view::npos;
    i = SkipWs(s, i + 1);
  }
  return std::string_view::npos;
}

// Start of element `index` of the array at s[i] == '[', or npos.
size_t FindElement(std::string_view s, size_t i, size_t index) {
  i = SkipWs(s, i + 1);
  for (size_t k = 0; i < s.size() && s[i] != ']'; ++k) {
    if (k == index) return i;
    i = SkipWs(s, SkipValue(s, i));
    if (i >= s.size() || s[i] != ',') return std::string_view::npos;
    i = SkipWs(s, i + 1);
  }
  return std::string_view::npos;
}

// Byte offset of the deepest value along `path` that exists in `content`
// (the value itself when the whole path exists).
size_t LocatePath(std::string_view content, std::string_view path) {
  size_t at = SkipWs(content, 0);
  size_t p = 0;
  while (p < path.size() && at < content.size()) {
    size_t next = std::string_view::npos;
    if (path[p] == '[') {
      size_t close = path.find(']', p);
      if (close == std::string_view::npos || content[at] != '[') break;
      size_t index = 0;
      auto [ptr, ec] = std::from_chars(path.data() + p + 1, path.data() + close, index);
      if (ec != std::errc() || ptr != path.data() + close) break;
      next = FindElement(content, at, index);
      p = close + 1;
    } else {
      if (path[p] == '.') ++p;
      size_t end = path.find_first_of(".[", p);
      if (end == std::string_view::npos) end = path.size();
      if (content[at] != '{') break;
      next = FindMember(content, at, path.substr(p, end - p));
      p = end;
    }
    if (next == std::string_view::npos) break;
    at = next;
  }
  return at;
}

class DocParser {
 public:
  DocParser(std::string_view content, const std::string& file_name, int line_no)
      : content_(content), file_(file_name), line_(line_no) {}

  // Moves the text out of `root`.
  Result<Document> Parse(Json& root) {
    if (!root.is_object()) {
      return Fail("", fmt::format("expected a JSON object at the top level, got {}",
                                  Describe(root)));
    }
    doc_.source_name = file_;
    Json* text = root.contains("text") ? &root["text"] : nullptr;
    if (!text) return Fail("text", "missing: every document needs a \"text\" string");
    if (!text->is_string()) {
      return Fail("text", fmt::format("expected a string, got {}", Describe(*text)));
    }
    doc_.text = std::move(text->get_ref<std::string&>());
    size_t bad = 0;
    if (!IsValidUtf8(doc_.text, &bad)) {
      return Fail("text", fmt::format("invalid UTF-8 at byte {}", bad));
    }
    map_.emplace(doc_.text);
    cp_count_ = static_cast<uint32_t>(CodePointCount(doc_.text));

    if (Status s = OptString(root, "id", "", &doc_.id); !s.ok()) return s.error();
    if (const Json* dct = Find(root, "dct"); dct && !dct->is_null()) {
      if (!dct->is_string()) {
        return Fail("dct", fmt::format("expected a string such as \"2020-10-02\" or null, got {}",
                                       Describe(*dct)));
      }
      const std::string& given = dct->get_ref<const std::string&>();
      Result<Dct> parsed = ParseDct(given);
      if (!parsed.ok()) return Fail("dct", parsed.error().message);
      // Keep the value as written ("1998-02-13T14:26:00" stays so); only the
      // compact "20201002" is rewritten in the extended form.
      std::string value =
          given.size() > 4 && given[4] == '-' ? given : parsed.value().ToValue();
      doc_.dct = Timex{.id = "t0",
                       .type = std::string(DefaultDctType(value)),
                       .value = value,
                       .temporal_function = "false",
                       .function_in_document = "CREATION_TIME"};
      if (Status s = OptString(root, "dctText", "", &doc_.dct_text); !s.ok()) return s.error();
      if (const Json* dt = Find(root, "dctTimex")) {
        if (!dt->is_object()) {
          return Fail("dctTimex", fmt::format("expected an object, got {}", Describe(*dt)));
        }
        doc_.dct->temporal_function.clear();
        doc_.dct->function_in_document.clear();
        if (Status s = TimexAttributes(*dt, "dctTimex", &*doc_.dct); !s.ok()) return s.error();
        if (Status s = OptString(*dt, "id", "dctTimex", &doc_.dct->id); !s.ok()) {
          return s.error();
        }
        doc_.dct->value = value;  // "dct" is authoritative for the value
      }
    }

    if (Status s = Tokens(root); !s.ok()) return s.error();
    if (Status s = Sentences(root); !s.ok()) return s.error();
    if (Status s = Timexes(root); !s.ok()) return s.error();
    if (Status s = Events(root); !s.ok()) return s.error();
    if (Status s = Signals(root); !s.ok()) return s.error();
    if (Status s = TLinks(root); !s.ok()) return s.error();
    if (Status s = OtherLinks(root, "slinks", &doc_.slinks); !s.ok()) return s.error();
    if (Status s = OtherLinks(root, "alinks", &doc_.alinks); !s.ok()) return s.error();
    if (Status s = RawElements(root); !s.ok()) return s.error();
    NumberMissingIds();

    if (doc_.id.empty()) {
      doc_.id = line_ > 0 ? fmt::format("{}-{}", Stem(file_), line_) : Stem(file_);
    }
    if (Status s = doc_.Validate(); !s.ok()) {
      Error e = s.error();
      e.line = line_;
      return e;
    }
    return std::move(doc_);
  }

 private:
  // An error at `path`, placed at the value's line and column in the source.
  Error Fail(std::string_view path, std::string_view message) const {
    size_t offset = LocatePath(content_, path);
    LineCol lc = LineColumnAt(content_, offset);
    Error e = Error::Invalid(path.empty() ? std::string(message)
                                          : fmt::format("{}: {}", path, message),
                             file_, line_ > 0 ? line_ : lc.line, lc.column);
    std::string_view source_line = LineAt(content_, offset);
    if (source_line.size() <= 200) e.source_line = Sanitized(source_line);
    return e;
  }

  static const Json* Find(const Json& obj, std::string_view key) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  }

  // "prefix.key", built only for error messages (the happy path formats
  // nothing, which matters at one call per token attribute).
  static std::string Join(std::string_view prefix, std::string_view key) {
    return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
  }

  // Leaves *out unchanged when the key is missing or null.
  Status OptString(const Json& obj, std::string_view key, std::string_view prefix,
                   std::string* out) const {
    const Json* v = Find(obj, key);
    if (!v || v->is_null()) return Status::Ok();
    if (!v->is_string()) {
      return Fail(Join(prefix, key), fmt::format("expected a string, got {}", Describe(*v)));
    }
    *out = v->get_ref<const std::string&>();
    return Status::Ok();
  }

  Status Str(const Json& obj, const char* key, const std::string& path, std::string* out) const {
    return OptString(obj, key, path, out);
  }

  // An integer in [lo, hi]; `present` tells whether the key was there.
  Status OptInt(const Json& obj, const char* key, const std::string& path, int64_t lo,
                int64_t hi, int64_t* out, bool* present) const {
    const Json* v = Find(obj, key);
    *present = v != nullptr && !v->is_null();
    if (!*present) return Status::Ok();
    int64_t n;
    if (v->is_number_unsigned()) {
      uint64_t u = v->get<uint64_t>();
      n = u > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(u);
    } else if (v->is_number_integer()) {
      n = v->get<int64_t>();
    } else {
      return Fail(fmt::format("{}.{}", path, key),
                  fmt::format("expected an integer, got {}", Describe(*v)));
    }
    if (n < lo || n > hi) {
      return Fail(fmt::format("{}.{}", path, key),
                  fmt::format("{} is out of range [{}, {}]", n, lo, hi));
    }
    *out = n;
    return Status::Ok();
  }

  // "start" / "end" code point offsets -> byte span; checks "text" if given.
  Status SpanOf(const Json& obj, const std::string& path, Span* span) const {
    int64_t cp[2] = {0, 0};
    const char* keys[2] = {"start", "end"};
    for (int k = 0; k < 2; ++k) {
      const Json* v = Find(obj, keys[k]);
      if (!v) return Fail(Join(path, keys[k]), "missing offset");
      if (v->is_number_unsigned()) {
        uint64_t u = v->get<uint64_t>();
        if (u > cp_count_) {
          return Fail(Join(path, keys[k]),
                      fmt::format("offset {} is beyond the end of the text ({} code points)", u,
                                  cp_count_));
        }
        cp[k] = static_cast<int64_t>(u);
      } else if (v->is_number_integer()) {
        return Fail(Join(path, keys[k]),
                    fmt::format("offset {} is negative", v->get<int64_t>()));
      } else {
        return Fail(Join(path, keys[k]),
                    fmt::format("expected a code point offset (an integer), got {}",
                                Describe(*v)));
      }
    }
    if (cp[0] > cp[1]) {
      return Fail(path, fmt::format("start {} is after end {}", cp[0], cp[1]));
    }
    span->begin = map_->ToByte(static_cast<uint32_t>(cp[0]));
    span->end = map_->ToByte(static_cast<uint32_t>(cp[1]));
    if (const Json* t = Find(obj, "text"); t && !t->is_null()) {
      if (!t->is_string()) {
        return Fail(path + ".text", fmt::format("expected a string, got {}", Describe(*t)));
      }
      std::string_view actual = doc_.Text(*span);
      const std::string& given = t->get_ref<const std::string&>();
      if (given != actual) {
        return Fail(path + ".text",
                    fmt::format("\"{}\" does not match the text at code points [{}, {}): \"{}\"",
                                ShortMessage(given), cp[0], cp[1], ShortMessage(actual)));
      }
    }
    return Status::Ok();
  }

  // The array under `key` (missing or null = empty); *arr stays null then.
  Status Array(const Json& root, const char* key, const Json** arr) const {
    *arr = nullptr;
    const Json* v = Find(root, key);
    if (!v || v->is_null()) return Status::Ok();
    if (!v->is_array()) {
      return Fail(key, fmt::format("expected an array, got {}", Describe(*v)));
    }
    *arr = v;
    return Status::Ok();
  }

  Status Item(const Json& item, const std::string& path) const {
    if (!item.is_object()) {
      return Fail(path, fmt::format("expected an object, got {}", Describe(item)));
    }
    return Status::Ok();
  }

  Status Tokens(const Json& root) {
    const Json* arr;
    if (Status s = Array(root, "tokens", &arr); !s.ok() || !arr) return s;
    size_t n = arr->size();
    doc_.tokens.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      const Json& j = (*arr)[i];
      std::string path = fmt::format("tokens[{}]", i);
      if (Status s = Item(j, path); !s.ok()) return s;
      Token& t = doc_.tokens.emplace_back();
      if (Status s = SpanOf(j, path, &t.span); !s.ok()) return s;
      for (auto [key, field] : {std::pair<const char*, std::string*>{"upos", &t.upos},
                                {"xpos", &t.xpos},
                                {"lemma", &t.lemma},
                                {"feats", &t.feats},
                                {"deprel", &t.deprel}}) {
        if (Status s = Str(j, key, path, field); !s.ok()) return s;
      }
      int64_t head = kNoHead;
      bool present;
      if (Status s = OptInt(j, "head", path, kRootHead, static_cast<int64_t>(n) - 1, &head,
                            &present);
          !s.ok()) {
        return s;
      }
      t.head = static_cast<int32_t>(head);
    }
    // SpaceAfter is not in the JSON: it follows from the spans.
    for (size_t i = 0; i < n; ++i) {
      Token& t = doc_.tokens[i];
      t.space_after = i + 1 < n ? doc_.tokens[i + 1].span.begin != t.span.end
                                : t.span.end != doc_.text.size();
    }
    return Status::Ok();
  }

  Status Sentences(const Json& root) {
    const Json* arr;
    if (Status s = Array(root, "sentences", &arr); !s.ok() || !arr) return s;
    const int64_t n_tokens = static_cast<int64_t>(doc_.tokens.size());
    for (size_t i = 0; i < arr->size(); ++i) {
      const Json& j = (*arr)[i];
      std::string path = fmt::format("sentences[{}]", i);
      if (Status s = Item(j, path); !s.ok()) return s;
      Sentence& sen = doc_.sentences.emplace_back();
      if (Status s = SpanOf(j, path, &sen.span); !s.ok()) return s;
      int64_t first = 0, end = 0;
      bool has_first, has_end;
      if (Status s = OptInt(j, "first_token", path, 0, n_tokens, &first, &has_first); !s.ok()) {
        return s;
      }
      if (Status s = OptInt(j, "end_token", path, 0, n_tokens, &end, &has_end); !s.ok()) {
        return s;
      }
      if (has_first != has_end) {
        return Fail(path, "give both first_token and end_token, or neither");
      }
      if (!has_first) {  // the tokens inside the sentence's span
        first = 0;
        while (first < n_tokens && doc_.tokens[first].span.begin < sen.span.begin) ++first;
        end = first;
        while (end < n_tokens && doc_.tokens[end].span.end <= sen.span.end) ++end;
      }
      if (first > end) {
        return Fail(path, fmt::format("first_token {} is after end_token {}", first, end));
      }
      sen.first_token = static_cast<uint32_t>(first);
      sen.end_token = static_cast<uint32_t>(end);
    }
    return Status::Ok();
  }

  Status TimexAttributes(const Json& j, const std::string& path, Timex* t) const {
    for (auto [key, field] : {std::pair<const char*, std::string*>{"type", &t->type},
                              {"value", &t->value},
                              {"mod", &t->mod},
                              {"quant", &t->quant},
                              {"freq", &t->freq},
                              {"temporalFunction", &t->temporal_function},
                              {"anchorTimeID", &t->anchor_time_id},
                              {"beginPoint", &t->begin_point},
                              {"endPoint", &t->end_point},
                              {"functionInDocument", &t->function_in_document}}) {
      if (Status s = Str(j, key, path, field); !s.ok()) return s;
    }
    return Extra(j, "extra", path, &t->extra);
  }

  Status Extra(const Json& j, const char* key, const std::string& path,
               ExtraAttributes* out) const {
    const Json* v = Find(j, key);
    if (!v || v->is_null()) return Status::Ok();
    std::string p = fmt::format("{}.{}", path, key);
    if (!v->is_object()) return Fail(p, fmt::format("expected an object, got {}", Describe(*v)));
    for (const auto& [k, val] : v->items()) {
      if (!val.is_string()) {
        return Fail(fmt::format("{}.{}", p, k),
                    fmt::format("expected a string, got {}", Describe(val)));
      }
      out->emplace_back(k, val.get<std::string>());
    }
    return Status::Ok();
  }

  Status Timexes(const Json& root) {
    const Json* arr;
    if (Status s = Array(root, "timexes", &arr); !s.ok() || !arr) return s;
    doc_.timexes.reserve(arr->size());
    for (size_t i = 0; i < arr->size(); ++i) {
      const Json& j = (*arr)[i];
      std::string path = fmt::format("timexes[{}]", i);
      if (Status s = Item(j, path); !s.ok()) return s;
      Timex& t = doc_.timexes.emplace_back();
      if (Status s = Str(j, "id", path, &t.id); !s.ok()) return s;
      if (Status s = SpanOf(j, path, &t.span); !s.ok()) return s;
      if (Status s = TimexAttributes(j, path, &t); !s.ok()) return s;
    }
    return Status::Ok();
  }

  // Reads one instance's attributes; the id is under "instance".
  Status Instance(const Json& j, const std::string& path, const std::string& event_id,
                  const char* extra_key) {
    EventInstance ei;
    ei.event_id = event_id;
    for (auto [key, field] : {std::pair<const char*, std::string*>{"instance", &ei.id},
                              {"tense", &ei.tense},
                              {"aspect", &ei.aspect},
                              {"polarity", &ei.polarity},
                              {"modality", &ei.modality},
                              {"pos", &ei.pos},
                              {"cardinality", &ei.cardinality},
                              {"signal", &ei.signal_id}}) {
      if (Status s = Str(j, key, path, field); !s.ok()) return s;
    }
    if (Status s = Extra(j, extra_key, path, &ei.extra); !s.ok()) return s;
    if (ei.id.empty()) return Fail(path + ".instance", "an event instance needs an id");
    doc_.instances.push_back(std::move(ei));
    return Status::Ok();
  }

  Status Events(const Json& root) {
    const Json* arr;
    if (Status s = Array(root, "events", &arr); !s.ok() || !arr) return s;
    doc_.events.reserve(arr->size());
    for (size_t i = 0; i < arr->size(); ++i) {
      const Json& j = (*arr)[i];
      std::string path = fmt::format("events[{}]", i);
      if (Status s = Item(j, path); !s.ok()) return s;
      Event& e = doc_.events.emplace_back();
      if (Status s = Str(j, "id", path, &e.id); !s.ok()) return s;
      if (Status s = SpanOf(j, path, &e.span); !s.ok()) return s;
      if (Status s = Str(j, "class", path, &e.event_class); !s.ok()) return s;
      if (Status s = Extra(j, "extra", path, &e.extra); !s.ok()) return s;
      if (const Json* inst = Find(j, "instance"); inst && !inst->is_null()) {
        if (e.id.empty()) return Fail(path + ".id", "an event with an instance needs an id");
        if (Status s = Instance(j, path, e.id, "instanceExtra"); !s.ok()) return s;
        const Json* more = Find(j, "instances");
        if (more && !more->is_null()) {
          if (!more->is_array()) {
            return Fail(path + ".instances",
                        fmt::format("expected an array, got {}", Describe(*more)));
          }
          for (size_t k = 0; k < more->size(); ++k) {
            std::string ipath = fmt::format("{}.instances[{}]", path, k);
            if (Status s = Item((*more)[k], ipath); !s.ok()) return s;
            if (Status s = Instance((*more)[k], ipath, e.id, "extra"); !s.ok()) return s;
          }
        }
      }
    }
    return Status::Ok();
  }

  Status Signals(const Json& root) {
    const Json* arr;
    if (Status s = Array(root, "signals", &arr); !s.ok() || !arr) return s;
    for (size_t i = 0; i < arr->size(); ++i) {
      const Json& j = (*arr)[i];
      std::string path = fmt::format("signals[{}]", i);
      if (Status s = Item(j, path); !s.ok()) return s;
      Signal& g = doc_.signals.emplace_back();
      if (Status s = Str(j, "id", path, &g.id); !s.ok()) return s;
      if (Status s = SpanOf(j, path, &g.span); !s.ok()) return s;
    }
    return Status::Ok();
  }

  Status EndType(const Json& j, const char* key, const std::string& path, bool* is_event) const {
    std::string type = "event";
    if (Status s = Str(j, key, path, &type); !s.ok()) return s;
    if (type != "event" && type != "timex") {
      return Fail(fmt::format("{}.{}", path, key),
                  fmt::format("expected \"event\" or \"timex\", got \"{}\"", ShortMessage(type)));
    }
    *is_event = type == "event";
    return Status::Ok();
  }

  Status TLinks(const Json& root) {
    const Json* arr;
    if (Status s = Array(root, "tlinks", &arr); !s.ok() || !arr) return s;
    for (size_t i = 0; i < arr->size(); ++i) {
      const Json& j = (*arr)[i];
      std::string path = fmt::format("tlinks[{}]", i);
      if (Status s = Item(j, path); !s.ok()) return s;
      TLink& l = doc_.tlinks.emplace_back();
      for (auto [key, field] : {std::pair<const char*, std::string*>{"id", &l.id},
                                {"relType", &l.rel_type},
                                {"source", &l.source_id},
                                {"target", &l.target_id},
                                {"signal", &l.signal_id},
                                {"origin", &l.origin}}) {
        if (Status s = Str(j, key, path, field); !s.ok()) return s;
      }
      if (Status s = EndType(j, "sourceType", path, &l.source_is_event); !s.ok()) return s;
      if (Status s = EndType(j, "targetType", path, &l.target_is_event); !s.ok()) return s;
      if (Status s = Extra(j, "extra", path, &l.extra); !s.ok()) return s;
    }
    return Status::Ok();
  }

  template <typename Link>
  Status OtherLinks(const Json& root, const char* key, std::vector<Link>* out) {
    const Json* arr;
    if (Status s = Array(root, key, &arr); !s.ok() || !arr) return s;
    for (size_t i = 0; i < arr->size(); ++i) {
      const Json& j = (*arr)[i];
      std::string path = fmt::format("{}[{}]", key, i);
      if (Status s = Item(j, path); !s.ok()) return s;
      Link& l = out->emplace_back();
      std::string* target;
      if constexpr (std::is_same_v<Link, SLink>) {
        target = &l.subordinated_event_instance;
      } else {
        target = &l.related_to_event_instance;
      }
      for (auto [k, field] : {std::pair<const char*, std::string*>{"id", &l.id},
                              {"relType", &l.rel_type},
                              {"source", &l.event_instance_id},
                              {"target", target},
                              {"signal", &l.signal_id},
                              {"syntax", &l.syntax}}) {
        if (Status s = Str(j, k, path, field); !s.ok()) return s;
      }
      if (Status s = Extra(j, "extra", path, &l.extra); !s.ok()) return s;
    }
    return Status::Ok();
  }

  Status RawElements(const Json& root) {
    const Json* arr;
    if (Status s = Array(root, "rawElements", &arr); !s.ok() || !arr) return s;
    for (size_t i = 0; i < arr->size(); ++i) {
      const Json& j = (*arr)[i];
      std::string path = fmt::format("rawElements[{}]", i);
      if (Status s = Item(j, path); !s.ok()) return s;
      RawElement& r = doc_.raw_elements.emplace_back();
      if (Status s = Str(j, "xml", path, &r.xml); !s.ok()) return s;
      if (const Json* b = Find(j, "beforeText"); b && !b->is_null()) {
        if (!b->is_boolean()) {
          return Fail(path + ".beforeText",
                      fmt::format("expected true or false, got {}", Describe(*b)));
        }
        r.before_text = b->get<bool>();
      }
    }
    return Status::Ok();
  }

  // Hand-written input may leave ids out; number them after the largest one
  // in use so that they never collide.
  void NumberMissingIds() {
    auto fill = [&](auto& items, const char* prefix) {
      for (auto& x : items) {
        if (x.id.empty()) x.id = doc_.NextId(prefix);
      }
    };
    fill(doc_.timexes, "t");
    fill(doc_.events, "e");
    fill(doc_.signals, "s");
    fill(doc_.tlinks, "l");
    fill(doc_.slinks, "l");
    fill(doc_.alinks, "l");
  }

  std::string_view content_;
  const std::string& file_;
  int line_;
  Document doc_;
  std::optional<OffsetMap> map_;
  uint32_t cp_count_ = 0;
};

// Turns nlohmann's parse error into "file:line:col: invalid JSON: ...".
Error ParseError(const nlohmann::json::parse_error& e, std::string_view content,
                 const std::string& file_name, int line_no) {
  std::string what = e.what();
  // "[json.exception.parse_error.101] parse error at line 1, column 6: syntax
  // error while parsing value - ..." -> keep what follows the position.
  size_t at = what.find("column ");
  at = at == std::string::npos ? what.find("] ") : what.find(": ", at);
  std::string detail = at == std::string::npos ? what : what.substr(at + 2);
  size_t offset = e.byte > 0 ? e.byte - 1 : 0;
  if (offset > content.size()) offset = content.size();
  LineCol lc = LineColumnAt(content, offset);
  Error err = Error::Invalid(fmt::format("invalid JSON: {}", ShortMessage(detail)), file_name,
                             line_no > 0 ? line_no : lc.line, lc.column);
  std::string_view line = LineAt(content, offset);
  if (line.size() <= 200) err.source_line = Sanitized(line);
  return err;
}

}  // namespace

std::string WriteJson(const Document& doc, bool pretty) {
  std::string out;
  out.reserve(doc.text.size() * 2 + 64 * (doc.tokens.size() + doc.timexes.size() +
                                          doc.events.size() + doc.tlinks.size()) + 256);
  DocWriter(doc, pretty, &out).Write();
  return out;
}

Result<Document> ParseJson(std::string_view content, const std::string& file_name,
                           int line_no) {
  try {
    Json root = Json::parse(content.begin(), content.end());
    return DocParser(content, file_name, line_no).Parse(root);
  } catch (const nlohmann::json::parse_error& e) {
    return ParseError(e, content, file_name, line_no);
  } catch (const nlohmann::json::exception& e) {
    // Deeply nested input and the like; the checks above leave no other path.
    return Error::Invalid(fmt::format("invalid JSON: {}", ShortMessage(e.what())), file_name,
                          line_no);
  }
}

}  // namespace chronicle
