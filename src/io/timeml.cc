#include "io/timeml.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <fmt/core.h>

#include "io/input_check.h"
#include "util/date.h"
#include "util/file.h"
#include "util/utf8.h"

namespace chronicle {
namespace {

// ---------------------------------------------------------------------------
// A small XML pull lexer for the subset TimeML uses: elements, attributes in
// single or double quotes, character data with the five predefined entities
// and character references, CDATA sections, comments, processing
// instructions and a DOCTYPE before the root. It checks well-formedness
// (every tag closed by its own name, one root, nothing but white space or
// comments after it) and keeps every position as a byte offset into the
// input, so messages can point at the spot. Text is handed out raw; the
// caller decodes only what it keeps. No allocation per token once warm.
// ---------------------------------------------------------------------------

struct Attr {
  std::string_view name;
  std::string_view raw;  // the value between the quotes, not decoded
  size_t name_pos = 0;
  size_t value_pos = 0;
};

enum class TokKind { kStart, kEnd, kText, kCdata, kEof };

struct Tok {
  TokKind kind = TokKind::kEof;
  size_t begin = 0;  // '<' of a tag, first byte of text
  size_t end = 0;    // one past '>' of a tag, one past the text
  std::string_view name;  // tags only
  bool self_closing = false;  // <X/>: no kEnd follows
  std::string_view text;  // kText (raw) and kCdata (literal) only
  size_t text_pos = 0;    // offset of text[0]
};

inline bool IsXmlSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

inline bool IsNameStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
}

inline bool IsNameChar(unsigned char c) {
  return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

size_t FirstNonSpace(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsXmlSpace(s[i])) ++i;
  return i;
}

class XmlLexer {
 public:
  XmlLexer(std::string_view content, SourcePositions* positions)
      : s_(content), positions_(positions) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // byte order mark
  }

  // Reads the next token into *t. Returns false on malformed XML; error()
  // then says what and where.
  bool Next(Tok* t);
  const std::vector<Attr>& attrs() const { return attrs_; }
  size_t depth() const { return open_.size(); }
  const Error& error() const { return *error_; }
  std::string LineCol(size_t pos) {
    Error e = positions_->At(pos, "");
    return fmt::format("{}:{}", e.line, e.column);
  }

 private:
  bool Fail(size_t pos, std::string message) {
    error_ = positions_->At(pos, std::move(message));
    return false;
  }
  bool StartsWith(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }
  // Moves pos_ past `terminator`, which must come before the end.
  bool SkipPast(std::string_view terminator, size_t start, std::string_view what);
  bool SkipDoctype(size_t start);
  size_t ScanName() {
    size_t b = pos_;
    if (pos_ < s_.size() && IsNameStart(static_cast<unsigned char>(s_[pos_]))) {
      ++pos_;
      while (pos_ < s_.size() && IsNameChar(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    }
    return pos_ - b;
  }
  void SkipSpace() {
    while (pos_ < s_.size() && IsXmlSpace(s_[pos_])) ++pos_;
  }
  bool StartTag(Tok* t);
  bool EndTag(Tok* t);

  std::string_view s_;
  SourcePositions* positions_;
  size_t pos_ = 0;
  bool root_done_ = false;
  std::vector<std::pair<std::string_view, size_t>> open_;  // name, '<' offset
  std::vector<Attr> attrs_;
  std::optional<Error> error_;
};

bool XmlLexer::SkipPast(std::string_view terminator, size_t start, std::string_view what) {
  size_t e = s_.find(terminator, pos_);
  if (e == std::string_view::npos) {
    return Fail(start, fmt::format("unclosed {}: expected \"{}\" before the end of the file",
                                   what, terminator));
  }
  pos_ = e + terminator.size();
  return true;
}

bool XmlLexer::SkipDoctype(size_t start) {
  // <!DOCTYPE name ... [internal subset] >: brackets nest once; quoted
  // strings may hold '>' or ']'.
  int bracket = 0;
  while (pos_ < s_.size()) {
    char c = s_[pos_++];
    if (c == '"' || c == '\'') {
      size_t q = s_.find(c, pos_);
      if (q == std::string_view::npos) break;
      pos_ = q + 1;
    } else if (c == '[') {
      ++bracket;
    } else if (c == ']') {
      --bracket;
    } else if (c == '>' && bracket <= 0) {
      return true;
    }
  }
  return Fail(start, "unclosed <!DOCTYPE: expected '>' before the end of the file");
}

bool XmlLexer::Next(Tok* t) {
  while (true) {
    t->self_closing = false;
    t->name = {};
    if (pos_ >= s_.size()) {
      if (!open_.empty()) {
        auto [name, at] = open_.back();
        return Fail(at, fmt::format("unclosed tag <{}>: expected </{}> before the end of the file",
                                    name, name));
      }
      if (!root_done_) return Fail(s_.size(), "no root element: expected <TimeML>");
      t->kind = TokKind::kEof;
      t->begin = t->end = s_.size();
      return true;
    }
    size_t start = pos_;
    if (s_[pos_] != '<') {
      const void* lt = std::memchr(s_.data() + pos_, '<', s_.size() - pos_);
      size_t e = lt ? static_cast<const char*>(lt) - s_.data() : s_.size();
      pos_ = e;
      std::string_view text = s_.substr(start, e - start);
      if (open_.empty()) {
        // Outside the root only white space may stand.
        size_t k = FirstNonSpace(text);
        if (k < text.size()) {
          return Fail(start + k, root_done_ ? "text after the root element </TimeML>"
                                            : "text before the root element");
        }
        continue;
      }
      t->kind = TokKind::kText;
      t->begin = start;
      t->end = e;
      t->text = text;
      t->text_pos = start;
      return true;
    }
    if (StartsWith("<!--")) {
      pos_ += 4;
      if (!SkipPast("-->", start, "comment")) return false;
      continue;
    }
    if (StartsWith("<![CDATA[")) {
      if (open_.empty()) return Fail(start, "CDATA section outside the root element");
      pos_ += 9;
      size_t b = pos_;
      if (!SkipPast("]]>", start, "CDATA section")) return false;
      t->kind = TokKind::kCdata;
      t->begin = start;
      t->end = pos_;
      t->text = s_.substr(b, pos_ - 3 - b);
      t->text_pos = b;
      return true;
    }
    if (StartsWith("<?")) {
      pos_ += 2;
      if (!SkipPast("?>", start, "processing instruction")) return false;
      continue;
    }
    if (StartsWith("<!")) {
      if (!open_.empty() || root_done_ || !StartsWith("<!DOCTYPE")) {
        return Fail(start, "unexpected \"<!\": only comments (<!-- -->) and CDATA sections "
                           "may start with \"<!\" here");
      }
      pos_ += 9;
      if (!SkipDoctype(start)) return false;
      continue;
    }
    if (StartsWith("</")) return EndTag(t);
    return StartTag(t);
  }
}

bool XmlLexer::StartTag(Tok* t) {
  size_t start = pos_++;
  size_t name_len = ScanName();
  if (name_len == 0) {
    return Fail(start, "'<' not followed by a tag name (write &lt; for a literal '<')");
  }
  std::string_view name = s_.substr(start + 1, name_len);
  if (open_.empty() && root_done_) {
    return Fail(start, fmt::format("element <{}> after the root element </TimeML>", name));
  }
  attrs_.clear();
  while (true) {
    size_t before_space = pos_;
    SkipSpace();
    if (pos_ >= s_.size()) {
      return Fail(start, fmt::format("unclosed tag <{}: expected '>' before the end of the file",
                                     name));
    }
    char c = s_[pos_];
    if (c == '>') {
      ++pos_;
      break;
    }
    if (c == '/') {
      if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '>') {
        pos_ += 2;
        t->self_closing = true;
        break;
      }
      return Fail(pos_, fmt::format("expected \"/>\" or '>' to end tag <{}>", name));
    }
    Attr a;
    a.name_pos = pos_;
    size_t attr_len = ScanName();
    if (attr_len == 0) {
      return Fail(pos_, fmt::format("unexpected character '{}' in tag <{}>", c, name));
    }
    if (before_space == a.name_pos) {
      return Fail(a.name_pos, fmt::format("expected white space before attribute in tag <{}>",
                                          name));
    }
    a.name = s_.substr(a.name_pos, attr_len);
    SkipSpace();
    if (pos_ >= s_.size() || s_[pos_] != '=') {
      return Fail(a.name_pos, fmt::format("attribute {} of <{}> has no value (write {}=\"...\")",
                                          a.name, name, a.name));
    }
    ++pos_;
    SkipSpace();
    if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) {
      return Fail(pos_, fmt::format("the value of attribute {} of <{}> must be in quotes",
                                    a.name, name));
    }
    char quote = s_[pos_++];
    size_t q = s_.find(quote, pos_);
    if (q == std::string_view::npos) {
      return Fail(pos_ - 1, fmt::format("unclosed value of attribute {} of <{}>", a.name, name));
    }
    a.value_pos = pos_;
    a.raw = s_.substr(pos_, q - pos_);
    size_t lt = a.raw.find('<');
    if (lt != std::string_view::npos) {
      return Fail(a.value_pos + lt,
                  fmt::format("'<' in the value of attribute {} of <{}> (write &lt;)", a.name,
                              name));
    }
    pos_ = q + 1;
    for (const Attr& other : attrs_) {
      if (other.name == a.name) {
        return Fail(a.name_pos, fmt::format("duplicate attribute {} in tag <{}>", a.name, name));
      }
    }
    attrs_.push_back(a);
  }
  t->kind = TokKind::kStart;
  t->begin = start;
  t->end = pos_;
  t->name = name;
  if (t->self_closing) {
    if (open_.empty()) root_done_ = true;
  } else {
    open_.emplace_back(name, start);
  }
  return true;
}

bool XmlLexer::EndTag(Tok* t) {
  size_t start = pos_;
  pos_ += 2;
  size_t name_len = ScanName();
  std::string_view name = s_.substr(start + 2, name_len);
  if (name_len == 0) return Fail(start, "\"</\" not followed by a tag name");
  SkipSpace();
  if (pos_ >= s_.size() || s_[pos_] != '>') {
    return Fail(pos_, fmt::format("expected '>' to end the closing tag </{}>", name));
  }
  ++pos_;
  if (open_.empty()) {
    return Fail(start, fmt::format("closing tag </{}> without an opening tag", name));
  }
  auto [open_name, open_at] = open_.back();
  if (open_name != name) {
    return Fail(start, fmt::format("mismatched tag: </{}> closes <{}> opened at {}", name,
                                   open_name, LineCol(open_at)));
  }
  open_.pop_back();
  if (open_.empty()) root_done_ = true;
  t->kind = TokKind::kEnd;
  t->begin = start;
  t->end = pos_;
  t->name = name;
  return true;
}

// ---------------------------------------------------------------------------
// The TimeML reader on top of the lexer.
// ---------------------------------------------------------------------------

enum class Kind { kTimex, kEvent, kSignal, kInstance, kTLink, kSLink, kALink };

// Attributes TimeML 1.2.1 (and the TimeBank 1.1 EVENT attributes) define
// but Document has no field for: kept in `extra` without a warning.
bool KnownWithoutField(Kind kind, std::string_view name) {
  if (name == "comment") return true;
  switch (kind) {
    case Kind::kTimex:
      return name == "valueFromFunction";
    case Kind::kEvent:
      return name == "stem" || name == "tense" || name == "aspect" || name == "pos" ||
             name == "polarity" || name == "modality" || name == "cardinality";
    case Kind::kTLink:
      return name == "syntax";
    case Kind::kSLink:
    case Kind::kALink:
      return name == "origin";
    default:
      return false;
  }
}

const char* TagName(Kind kind) {
  switch (kind) {
    case Kind::kTimex: return "TIMEX3";
    case Kind::kEvent: return "EVENT";
    case Kind::kSignal: return "SIGNAL";
    case Kind::kInstance: return "MAKEINSTANCE";
    case Kind::kTLink: return "TLINK";
    case Kind::kSLink: return "SLINK";
    case Kind::kALink: return "ALINK";
  }
  return "";
}

// The ids of one kind, with where each was defined (for the duplicate
// message).
using IdTable = std::unordered_map<std::string, size_t>;

class TimeMLParser {
 public:
  TimeMLParser(std::string_view content, const std::string& file_name,
               std::vector<Error>* warnings)
      : s_(content),
        file_name_(file_name),
        warnings_(warnings),
        positions_(content, file_name),
        lex_(content, &positions_) {}

  Result<Document> Parse();

 private:
  bool Fail(size_t pos, std::string message) {
    error_ = positions_.At(pos, std::move(message));
    return false;
  }
  bool LexFail() {
    error_ = lex_.error();
    return false;
  }
  void Warn(size_t pos, std::string message) {
    if (warnings_ != nullptr) warnings_->push_back(positions_.At(pos, std::move(message)));
  }
  bool Next(Tok* t) { return lex_.Next(t) || LexFail(); }

  // Appends the decoded form of raw text that starts at byte `pos` of the
  // input: entities resolved, CR LF and lone CR read as LF, and in attribute
  // values white space characters read as spaces (XML 1.0, 2.11 and 3.3.3).
  bool Decode(std::string_view raw, size_t pos, bool attribute, std::string* out);
  bool AttrValue(const Attr& a, std::string* out) {
    out->clear();
    return Decode(a.raw, a.value_pos, /*attribute=*/true, out);
  }
  // Reads the attributes of the current start tag into the entity of `kind`
  // (a Timex, Event, ... passed as void* to keep one loop).
  bool ReadAttributes(Kind kind, void* entity);
  // Registers an id; a duplicate is an error.
  bool AddId(IdTable* table, const std::string& id, size_t pos, const char* what);
  // Skips to the end of the element whose start tag was just read.
  bool SkipElement(const Tok& start, size_t* end);
  // Reads the text content of a simple element (DOCID, the DCT TIMEX3).
  bool ElementText(const Tok& start, std::string* text);
  bool ReadDct(const Tok& start);
  bool ReadText(const Tok& start);
  // MAKEINSTANCE and the links, inside or after <TEXT>.
  bool ReadLinkLike(Kind kind, const Tok& start);
  // Drops instances and links that name missing entities, with warnings.
  void ResolveReferences();

  std::string_view s_;
  const std::string& file_name_;
  std::vector<Error>* warnings_;
  SourcePositions positions_;
  XmlLexer lex_;
  std::optional<Error> error_;
  Document doc_;
  std::string value_;  // scratch for attribute values

  IdTable timex_ids_, event_ids_, signal_ids_, instance_ids_, link_ids_;
  // Where each entity's tag starts, parallel to the Document's vectors.
  std::vector<size_t> timex_pos_, event_pos_, signal_pos_, instance_pos_, tlink_pos_,
      slink_pos_, alink_pos_;
  // Entities dropped while reading <TEXT> (no id, no text).
  std::vector<bool> timex_drop_, event_drop_, signal_drop_;
  size_t dct_value_pos_ = 0;
};

bool TimeMLParser::Decode(std::string_view raw, size_t pos, bool attribute, std::string* out) {
  size_t i = 0, run = 0;
  const size_t n = raw.size();
  while (i < n) {
    char c = raw[i];
    if (c != '&' && c != '\r' && !(attribute && (c == '\n' || c == '\t'))) {
      ++i;
      continue;
    }
    out->append(raw.data() + run, i - run);
    if (c == '\r') {
      out->push_back(attribute ? ' ' : '\n');
      i += (i + 1 < n && raw[i + 1] == '\n') ? 2 : 1;
    } else if (c == '\n' || c == '\t') {
      out->push_back(' ');
      ++i;
    } else {
      size_t semi = raw.find(';', i + 1);
      if (semi == std::string_view::npos || semi - i > 12) {
        return Fail(pos + i, "bare '&' (write &amp; for a literal '&')");
      }
      std::string_view name = raw.substr(i + 1, semi - i - 1);
      if (name == "amp") {
        out->push_back('&');
      } else if (name == "lt") {
        out->push_back('<');
      } else if (name == "gt") {
        out->push_back('>');
      } else if (name == "quot") {
        out->push_back('"');
      } else if (name == "apos") {
        out->push_back('\'');
      } else if (name.size() >= 2 && name[0] == '#') {
        bool hex = name[1] == 'x';
        std::string_view digits = name.substr(hex ? 2 : 1);
        uint32_t cp = 0;
        bool ok = !digits.empty();
        for (char d : digits) {
          int v = (d >= '0' && d <= '9')            ? d - '0'
                  : hex && (d >= 'a' && d <= 'f')   ? d - 'a' + 10
                  : hex && (d >= 'A' && d <= 'F')   ? d - 'A' + 10
                                                    : -1;
          if (v < 0 || cp > 0x10FFFF) {
            ok = false;
            break;
          }
          cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
        }
        if (!ok || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          return Fail(pos + i, fmt::format("invalid character reference &{};", name));
        }
        AppendUtf8(static_cast<char32_t>(cp), out);
      } else {
        return Fail(pos + i, fmt::format("unknown entity &{}; (XML defines only &amp; &lt; &gt; "
                                         "&quot; &apos; and &#N;)", name));
      }
      i = semi + 1;
    }
    run = i;
  }
  out->append(raw.data() + run, n - run);
  return true;
}

bool TimeMLParser::AddId(IdTable* table, const std::string& id, size_t pos, const char* what) {
  auto [it, inserted] = table->emplace(id, pos);
  if (!inserted) {
    return Fail(pos, fmt::format("duplicate {} id \"{}\" (first defined at {})", what, id,
                                 lex_.LineCol(it->second)));
  }
  return true;
}

bool TimeMLParser::ReadAttributes(Kind kind, void* entity) {
  for (const Attr& a : lex_.attrs()) {
    if (!AttrValue(a, &value_)) return false;
    std::string_view n = a.name;
    std::string* field = nullptr;
    ExtraAttributes* extra = nullptr;
    switch (kind) {
      case Kind::kTimex: {
        auto* t = static_cast<Timex*>(entity);
        extra = &t->extra;
        if (n == "tid") field = &t->id;
        else if (n == "type") field = &t->type;
        else if (n == "value") { field = &t->value; dct_value_pos_ = a.value_pos; }
        else if (n == "mod") field = &t->mod;
        else if (n == "quant") field = &t->quant;
        else if (n == "freq") field = &t->freq;
        else if (n == "temporalFunction") field = &t->temporal_function;
        else if (n == "functionInDocument") field = &t->function_in_document;
        else if (n == "anchorTimeID") field = &t->anchor_time_id;
        else if (n == "beginPoint") field = &t->begin_point;
        else if (n == "endPoint") field = &t->end_point;
        break;
      }
      case Kind::kEvent: {
        auto* e = static_cast<Event*>(entity);
        extra = &e->extra;
        if (n == "eid") field = &e->id;
        else if (n == "class") field = &e->event_class;
        break;
      }
      case Kind::kSignal: {
        auto* g = static_cast<Signal*>(entity);
        if (n == "sid") field = &g->id;
        break;
      }
      case Kind::kInstance: {
        auto* ei = static_cast<EventInstance*>(entity);
        extra = &ei->extra;
        if (n == "eiid") field = &ei->id;
        else if (n == "eventID") field = &ei->event_id;
        else if (n == "tense") field = &ei->tense;
        else if (n == "aspect") field = &ei->aspect;
        else if (n == "polarity") field = &ei->polarity;
        else if (n == "modality") field = &ei->modality;
        else if (n == "pos") field = &ei->pos;
        else if (n == "cardinality") field = &ei->cardinality;
        else if (n == "signalID") field = &ei->signal_id;
        break;
      }
      case Kind::kTLink: {
        auto* l = static_cast<TLink*>(entity);
        extra = &l->extra;
        if (n == "lid") field = &l->id;
        else if (n == "relType") field = &l->rel_type;
        else if (n == "signalID") field = &l->signal_id;
        else if (n == "origin") field = &l->origin;
        else if (n == "eventInstanceID" || n == "timeID") {
          // Both present is caught by ResolveReferences through the
          // recorded names; here the later one wins.
          if (!l->source_id.empty() && !value_.empty()) {
            Warn(a.name_pos, fmt::format("TLINK has both eventInstanceID and timeID; {} is used",
                                         n));
          }
          if (!value_.empty()) {
            l->source_id = value_;
            l->source_is_event = n == "eventInstanceID";
          }
          continue;
        } else if (n == "relatedToEventInstance" || n == "relatedToTime") {
          if (!l->target_id.empty() && !value_.empty()) {
            Warn(a.name_pos, fmt::format("TLINK has both relatedToEventInstance and "
                                         "relatedToTime; {} is used", n));
          }
          if (!value_.empty()) {
            l->target_id = value_;
            l->target_is_event = n == "relatedToEventInstance";
          }
          continue;
        }
        break;
      }
      case Kind::kSLink: {
        auto* l = static_cast<SLink*>(entity);
        extra = &l->extra;
        if (n == "lid") field = &l->id;
        else if (n == "relType") field = &l->rel_type;
        else if (n == "eventInstanceID") field = &l->event_instance_id;
        else if (n == "subordinatedEventInstance") field = &l->subordinated_event_instance;
        else if (n == "signalID") field = &l->signal_id;
        else if (n == "syntax") field = &l->syntax;
        break;
      }
      case Kind::kALink: {
        auto* l = static_cast<ALink*>(entity);
        extra = &l->extra;
        if (n == "lid") field = &l->id;
        else if (n == "relType") field = &l->rel_type;
        else if (n == "eventInstanceID") field = &l->event_instance_id;
        else if (n == "relatedToEventInstance") field = &l->related_to_event_instance;
        else if (n == "signalID") field = &l->signal_id;
        else if (n == "syntax") field = &l->syntax;
        break;
      }
    }
    if (field != nullptr) {
      field->swap(value_);
      continue;
    }
    if (!KnownWithoutField(kind, n)) {
      Warn(a.name_pos, fmt::format("unknown attribute {} on <{}> ({})", n, TagName(kind),
                                   extra != nullptr ? "kept" : "dropped"));
    }
    if (extra != nullptr) {
      extra->emplace_back(std::string(n), value_);
    }
  }
  return true;
}

bool TimeMLParser::SkipElement(const Tok& start, size_t* end) {
  *end = start.end;
  if (start.self_closing) return true;
  size_t depth = lex_.depth();
  Tok t;
  while (true) {
    if (!Next(&t)) return false;
    if (t.kind == TokKind::kEnd && lex_.depth() == depth - 1) {
      *end = t.end;
      return true;
    }
  }
}

bool TimeMLParser::ElementText(const Tok& start, std::string* text) {
  text->clear();
  if (start.self_closing) return true;
  size_t depth = lex_.depth();
  Tok t;
  while (true) {
    if (!Next(&t)) return false;
    switch (t.kind) {
      case TokKind::kText:
        if (!Decode(t.text, t.text_pos, false, text)) return false;
        break;
      case TokKind::kCdata:
        text->append(t.text);
        break;
      case TokKind::kStart:
        Warn(t.begin, fmt::format("unexpected tag <{}> inside <{}> ignored", t.name, start.name));
        break;
      case TokKind::kEnd:
        if (lex_.depth() == depth - 1) return true;
        break;
      case TokKind::kEof:
        return true;  // not reached: the lexer reports unclosed tags
    }
  }
}

bool TimeMLParser::ReadDct(const Tok& start) {
  if (doc_.dct) {
    Warn(start.begin, "second <DCT> ignored");
    size_t end;
    return SkipElement(start, &end);
  }
  if (start.self_closing) return true;
  size_t depth = lex_.depth();
  Tok t;
  std::string ignored;
  while (true) {
    if (!Next(&t)) return false;
    if (t.kind == TokKind::kEnd && lex_.depth() == depth - 1) break;
    if (t.kind == TokKind::kText) {
      size_t k = FirstNonSpace(t.text);
      if (k < t.text.size()) Warn(t.text_pos + k, "text in <DCT> outside its TIMEX3 ignored");
    } else if (t.kind == TokKind::kStart) {
      if (t.name != "TIMEX3" || doc_.dct) {
        Warn(t.begin, fmt::format("{} <{}> in <DCT> ignored",
                                  doc_.dct ? "second element" : "unexpected element", t.name));
        size_t end;
        if (!SkipElement(t, &end)) return false;
        continue;
      }
      Timex dct;
      dct_value_pos_ = std::string_view::npos;
      if (!ReadAttributes(Kind::kTimex, &dct)) return false;
      size_t value_pos = dct_value_pos_;
      if (dct.id.empty()) {
        Warn(t.begin, "the DCT TIMEX3 has no tid; \"t0\" is used");
        dct.id = "t0";
      }
      if (dct.value.empty()) {
        return Fail(value_pos == std::string_view::npos ? t.begin : value_pos,
                    "the DCT TIMEX3 has no value: write value=\"YYYY-MM-DD\"");
      }
      Result<Dct> parsed = ParseDct(dct.value);
      if (!parsed.ok()) return Fail(value_pos, parsed.error().message);
      if (!AddId(&timex_ids_, dct.id, t.begin, "TIMEX3")) return false;
      if (!ElementText(t, &ignored)) return false;
      doc_.dct_text = ignored;
      doc_.dct = std::move(dct);
    }
  }
  return true;
}

bool TimeMLParser::ReadLinkLike(Kind kind, const Tok& start) {
  // Reads one MAKEINSTANCE or link element into `out`; one without its id
  // attribute is dropped with a warning, a duplicate id is an error.
  auto read = [&](auto item, const char* what, const char* id_attr, IdTable* ids,
                  const char* id_kind, auto* out, std::vector<size_t>* positions) {
    if (!ReadAttributes(kind, &item)) return false;
    if (item.id.empty()) {
      Warn(start.begin, fmt::format("{} without {}; dropped", what, id_attr));
      return true;
    }
    if (!AddId(ids, item.id, start.begin, id_kind)) return false;
    out->push_back(std::move(item));
    positions->push_back(start.begin);
    return true;
  };
  switch (kind) {
    case Kind::kInstance:
      if (!read(EventInstance{}, "MAKEINSTANCE", "eiid", &instance_ids_, "MAKEINSTANCE",
                &doc_.instances, &instance_pos_)) {
        return false;
      }
      break;
    case Kind::kTLink:
      if (!read(TLink{}, "TLINK", "lid", &link_ids_, "link", &doc_.tlinks, &tlink_pos_)) {
        return false;
      }
      break;
    case Kind::kSLink:
      if (!read(SLink{}, "SLINK", "lid", &link_ids_, "link", &doc_.slinks, &slink_pos_)) {
        return false;
      }
      break;
    case Kind::kALink:
      if (!read(ALink{}, "ALINK", "lid", &link_ids_, "link", &doc_.alinks, &alink_pos_)) {
        return false;
      }
      break;
    default:
      break;
  }
  if (start.self_closing) return true;
  std::string content;
  if (!ElementText(start, &content)) return false;
  size_t k = FirstNonSpace(content);
  if (k < content.size()) {
    Warn(start.begin, fmt::format("text inside <{}> ignored", start.name));
  }
  return true;
}

bool TimeMLParser::ReadText(const Tok& start) {
  std::string& text = doc_.text;
  text.reserve(s_.size() / 2);
  if (start.self_closing) return true;
  // The tags open at this point: which entity (kind, index) each starts.
  struct Open {
    int kind;  // 0 TIMEX3, 1 EVENT, 2 SIGNAL, -1 other
    size_t index;
  };
  std::vector<Open> open;
  size_t depth = lex_.depth();
  Tok t;
  while (true) {
    if (!Next(&t)) return false;
    switch (t.kind) {
      case TokKind::kText:
        if (!Decode(t.text, t.text_pos, false, &text)) return false;
        break;
      case TokKind::kCdata: {
        // Literal, but end-of-line handling still applies.
        for (size_t i = 0; i < t.text.size(); ++i) {
          char c = t.text[i];
          if (c == '\r') {
            text.push_back('\n');
            if (i + 1 < t.text.size() && t.text[i + 1] == '\n') ++i;
          } else {
            text.push_back(c);
          }
        }
        break;
      }
      case TokKind::kStart: {
        const uint32_t begin = static_cast<uint32_t>(text.size());
        Open o{-1, 0};
        // Opens one inline TIMEX3 / EVENT / SIGNAL at `begin`; one without
        // its id attribute is dropped later with a warning (its text stays).
        auto open_entity = [&](auto item, Kind kind, int which, const char* what, const char* id_attr,
                        IdTable* ids, auto* out, std::vector<bool>* drop,
                        std::vector<size_t>* positions) {
          if (!ReadAttributes(kind, &item)) return false;
          item.span = {begin, begin};
          o = {which, out->size()};
          if (item.id.empty()) {
            Warn(t.begin, fmt::format("{} without {}; dropped (its text is kept)", what, id_attr));
          } else if (!AddId(ids, item.id, t.begin, what)) {
            return false;
          }
          drop->push_back(item.id.empty());
          out->push_back(std::move(item));
          positions->push_back(t.begin);
          return true;
        };
        if (t.name == "TIMEX3") {
          if (!open_entity(Timex{}, Kind::kTimex, 0, "TIMEX3", "tid", &timex_ids_, &doc_.timexes,
                    &timex_drop_, &timex_pos_)) {
            return false;
          }
        } else if (t.name == "EVENT") {
          if (!open_entity(Event{}, Kind::kEvent, 1, "EVENT", "eid", &event_ids_, &doc_.events,
                    &event_drop_, &event_pos_)) {
            return false;
          }
        } else if (t.name == "SIGNAL") {
          if (!open_entity(Signal{}, Kind::kSignal, 2, "SIGNAL", "sid", &signal_ids_, &doc_.signals,
                    &signal_drop_, &signal_pos_)) {
            return false;
          }
        } else if (t.name == "MAKEINSTANCE" || t.name == "TLINK" || t.name == "SLINK" ||
                   t.name == "ALINK") {
          Kind k = t.name == "MAKEINSTANCE" ? Kind::kInstance
                   : t.name == "TLINK"      ? Kind::kTLink
                   : t.name == "SLINK"      ? Kind::kSLink
                                            : Kind::kALink;
          if (!ReadLinkLike(k, t)) return false;
          break;
        } else {
          Warn(t.begin, fmt::format("unknown tag <{}> inside <TEXT> ignored (its text is kept)",
                                    t.name));
        }
        if (t.self_closing) {
          // Close at once: handled like an end tag below.
          open.push_back(o);
        } else {
          open.push_back(o);
          break;
        }
        [[fallthrough]];
      }
      case TokKind::kEnd: {
        if (t.kind == TokKind::kEnd && lex_.depth() == depth - 1) return true;  // </TEXT>
        Open o = open.back();
        open.pop_back();
        if (o.kind < 0) break;
        const uint32_t end = static_cast<uint32_t>(text.size());
        Span* span;
        const std::string* id;
        const char* what;
        size_t pos;
        std::vector<bool>* drop;
        if (o.kind == 0) {
          span = &doc_.timexes[o.index].span;
          id = &doc_.timexes[o.index].id;
          what = "TIMEX3";
          pos = timex_pos_[o.index];
          drop = &timex_drop_;
        } else if (o.kind == 1) {
          span = &doc_.events[o.index].span;
          id = &doc_.events[o.index].id;
          what = "EVENT";
          pos = event_pos_[o.index];
          drop = &event_drop_;
        } else {
          span = &doc_.signals[o.index].span;
          id = &doc_.signals[o.index].id;
          what = "SIGNAL";
          pos = signal_pos_[o.index];
          drop = &signal_drop_;
        }
        span->end = end;
        if ((*drop)[o.index]) break;
        if (span->empty()) {
          Warn(pos, fmt::format("{} {} has no text; dropped", what, *id));
          (*drop)[o.index] = true;
        } else if (IsXmlSpace(text[span->begin])) {
          Warn(pos, fmt::format("text of {} {} starts with white space", what, *id));
        } else if (IsXmlSpace(text[span->end - 1])) {
          Warn(pos, fmt::format("text of {} {} ends with white space", what, *id));
        }
        break;
      }
      case TokKind::kEof:
        return true;  // not reached: the lexer reports the unclosed <TEXT>
    }
  }
}

// Removes the entries of `v` whose flag is set, keeping the parallel
// position vector in step.
template <typename T>
void EraseDropped(std::vector<T>* v, std::vector<size_t>* pos, const std::vector<bool>& drop) {
  size_t out = 0;
  for (size_t i = 0; i < v->size(); ++i) {
    if (drop[i]) continue;
    if (out != i) {
      (*v)[out] = std::move((*v)[i]);
      (*pos)[out] = (*pos)[i];
    }
    ++out;
  }
  v->resize(out);
  pos->resize(out);
}

void TimeMLParser::ResolveReferences() {
  EraseDropped(&doc_.timexes, &timex_pos_, timex_drop_);
  EraseDropped(&doc_.events, &event_pos_, event_drop_);
  EraseDropped(&doc_.signals, &signal_pos_, signal_drop_);
  // Ids as they stand after the drops (the tables also hold dropped ones).
  // The sets view strings inside doc_, so each is filled only after the
  // last EraseDropped of its vector.
  std::unordered_set<std::string_view> times, events, signals, instances;
  if (doc_.dct) times.insert(doc_.dct->id);
  for (const Timex& x : doc_.timexes) times.insert(x.id);
  for (const Event& e : doc_.events) events.insert(e.id);
  for (const Signal& g : doc_.signals) signals.insert(g.id);

  auto check_signal = [&](const std::string& id, const char* what, const std::string& owner,
                          size_t pos) {
    if (!id.empty() && !signals.count(id)) {
      Warn(pos, fmt::format("{} {} refers to missing SIGNAL \"{}\" (kept)", what, owner, id));
    }
  };
  for (size_t i = 0; i < doc_.timexes.size(); ++i) {
    const Timex& x = doc_.timexes[i];
    for (auto [attr, ref] : {std::pair{"anchorTimeID", &x.anchor_time_id},
                             std::pair{"beginPoint", &x.begin_point},
                             std::pair{"endPoint", &x.end_point}}) {
      if (!ref->empty() && !times.count(*ref)) {
        Warn(timex_pos_[i], fmt::format("TIMEX3 {} {} refers to missing TIMEX3 \"{}\" (kept)",
                                        x.id, attr, *ref));
      }
    }
  }

  std::vector<bool> drop(doc_.instances.size(), false);
  for (size_t i = 0; i < doc_.instances.size(); ++i) {
    const EventInstance& ei = doc_.instances[i];
    if (!events.count(ei.event_id)) {
      Warn(instance_pos_[i], fmt::format("MAKEINSTANCE {} refers to missing EVENT \"{}\"; dropped",
                                         ei.id, ei.event_id));
      drop[i] = true;
      continue;
    }
    check_signal(ei.signal_id, "MAKEINSTANCE", ei.id, instance_pos_[i]);
  }
  EraseDropped(&doc_.instances, &instance_pos_, drop);
  // Only now: the sets hold views of the strings, which EraseDropped moves.
  for (const EventInstance& ei : doc_.instances) instances.insert(ei.id);

  // A link survives when both ends exist; the message names the first
  // missing end.
  auto missing = [&](const std::string& id, bool is_event, size_t pos, const char* what,
                     const std::string& owner, const char* end_name) {
    if (id.empty()) {
      Warn(pos, fmt::format("{} {} has no {}; dropped", what, owner, end_name));
      return true;
    }
    if (!(is_event ? instances : times).count(id)) {
      Warn(pos, fmt::format("{} {} refers to missing {} \"{}\"; dropped", what, owner,
                            is_event ? "event instance" : "TIMEX3", id));
      return true;
    }
    return false;
  };
  drop.assign(doc_.tlinks.size(), false);
  for (size_t i = 0; i < doc_.tlinks.size(); ++i) {
    const TLink& l = doc_.tlinks[i];
    size_t pos = tlink_pos_[i];
    drop[i] = missing(l.source_id, l.source_is_event, pos, "TLINK", l.id,
                      "eventInstanceID or timeID") ||
              missing(l.target_id, l.target_is_event, pos, "TLINK", l.id,
                      "relatedToEventInstance or relatedToTime");
    if (!drop[i] && l.rel_type.empty()) {
      Warn(pos, fmt::format("TLINK {} has no relType; dropped", l.id));
      drop[i] = true;
    }
    if (!drop[i]) check_signal(l.signal_id, "TLINK", l.id, pos);
  }
  EraseDropped(&doc_.tlinks, &tlink_pos_, drop);

  drop.assign(doc_.slinks.size(), false);
  for (size_t i = 0; i < doc_.slinks.size(); ++i) {
    const SLink& l = doc_.slinks[i];
    size_t pos = slink_pos_[i];
    drop[i] = missing(l.event_instance_id, true, pos, "SLINK", l.id, "eventInstanceID") ||
              missing(l.subordinated_event_instance, true, pos, "SLINK", l.id,
                      "subordinatedEventInstance");
    if (!drop[i]) check_signal(l.signal_id, "SLINK", l.id, pos);
  }
  EraseDropped(&doc_.slinks, &slink_pos_, drop);

  drop.assign(doc_.alinks.size(), false);
  for (size_t i = 0; i < doc_.alinks.size(); ++i) {
    const ALink& l = doc_.alinks[i];
    size_t pos = alink_pos_[i];
    drop[i] = missing(l.event_instance_id, true, pos, "ALINK", l.id, "eventInstanceID") ||
              missing(l.related_to_event_instance, true, pos, "ALINK", l.id,
                      "relatedToEventInstance");
    if (!drop[i]) check_signal(l.signal_id, "ALINK", l.id, pos);
  }
  EraseDropped(&doc_.alinks, &alink_pos_, drop);
}

Result<Document> TimeMLParser::Parse() {
  if (s_.empty()) return Error::Invalid("empty document", file_name_);
  if (Status st = CheckInputBytes(s_, file_name_); !st.ok()) return st.error();
  doc_.source_name = file_name_;

  Tok t;
  // The prolog: the lexer skips the declaration, comments and DOCTYPE.
  if (!Next(&t)) return *error_;
  if (t.kind != TokKind::kStart) return positions_.At(t.begin, "expected the root <TimeML>");
  if (t.name != "TimeML") {
    return positions_.At(t.begin, fmt::format("the root element is <{}>; a TimeML document "
                                              "has the root <TimeML>", t.name));
  }
  for (const Attr& a : lex_.attrs()) {
    if (a.name != "xmlns:xsi" && a.name != "xsi:noNamespaceSchemaLocation" &&
        a.name != "xmlns") {
      Warn(a.name_pos, fmt::format("attribute {} of <TimeML> is not kept", a.name));
    }
  }
  size_t text_pos = std::string_view::npos;
  size_t root_end_pos = t.begin;
  bool have_docid = false;
  if (!t.self_closing) {
    while (true) {
      if (!Next(&t)) return *error_;
      if (t.kind == TokKind::kEnd) {  // </TimeML>
        root_end_pos = t.begin;
        break;
      }
      if (t.kind == TokKind::kText || t.kind == TokKind::kCdata) {
        size_t k = FirstNonSpace(t.text);
        if (k < t.text.size()) Warn(t.text_pos + k, "text outside any element ignored");
        continue;
      }
      if (t.kind != TokKind::kStart) break;
      bool ok = true;
      if (t.name == "DOCID") {
        std::string id;
        ok = ElementText(t, &id);
        if (have_docid) {
          Warn(t.begin, "second <DOCID> ignored");
        } else {
          size_t b = FirstNonSpace(id), e = id.size();
          while (e > b && IsXmlSpace(id[e - 1])) --e;
          doc_.id = id.substr(b, e - b);
          have_docid = true;
        }
      } else if (t.name == "DCT") {
        ok = ReadDct(t);
      } else if (t.name == "TEXT") {
        if (text_pos != std::string_view::npos) {
          return positions_.At(t.begin, fmt::format("second <TEXT> element (the first is at {})",
                                                    lex_.LineCol(text_pos)));
        }
        text_pos = t.begin;
        ok = ReadText(t);
      } else if (t.name == "MAKEINSTANCE") {
        ok = ReadLinkLike(Kind::kInstance, t);
      } else if (t.name == "TLINK") {
        ok = ReadLinkLike(Kind::kTLink, t);
      } else if (t.name == "SLINK") {
        ok = ReadLinkLike(Kind::kSLink, t);
      } else if (t.name == "ALINK") {
        ok = ReadLinkLike(Kind::kALink, t);
      } else {
        if (t.name == "TIMEX3" || t.name == "EVENT" || t.name == "SIGNAL") {
          Warn(t.begin, fmt::format("<{}> outside <TEXT> is kept as raw XML, not as an annotation",
                                    t.name));
        }
        size_t end;
        size_t begin = t.begin;
        ok = SkipElement(t, &end);
        doc_.raw_elements.push_back(
            RawElement{std::string(s_.substr(begin, end - begin)), text_pos == std::string_view::npos});
      }
      if (!ok) return *error_;
    }
  }
  // Anything after the root is checked by the lexer.
  if (!Next(&t)) return *error_;

  if (text_pos == std::string_view::npos) {
    return positions_.At(root_end_pos, "no <TEXT> element: put the document text inside "
                                       "<TEXT>...</TEXT>");
  }
  if (!doc_.dct) {
    return positions_.At(text_pos, "no DCT: add <DCT><TIMEX3 tid=\"t0\" type=\"DATE\" "
                                   "value=\"YYYY-MM-DD\" functionInDocument=\"CREATION_TIME\">"
                                   "</TIMEX3></DCT> before <TEXT>");
  }
  if (!have_docid) doc_.id = Stem(file_name_);
  ResolveReferences();
  return std::move(doc_);
}

// ---------------------------------------------------------------------------
// The writer.
// ---------------------------------------------------------------------------

// Escapes for element content (& < and the > of "]]>") or for an attribute
// value in double quotes (also " and the white space characters that
// attribute-value normalization would turn into spaces). CR is written as a
// reference in both so that it survives end-of-line handling; other control
// characters, which XML 1.0 forbids, are written as references too.
void AppendEscaped(std::string_view s, bool attribute, std::string* out) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    const char* rep = nullptr;
    char buf[8];
    if (c == '&') {
      rep = "&amp;";
    } else if (c == '<') {
      rep = "&lt;";
    } else if (c == '>') {
      if (attribute || (i >= 2 && s[i - 1] == ']' && s[i - 2] == ']')) rep = "&gt;";
    } else if (c == '"') {
      if (attribute) rep = "&quot;";
    } else if (c < 0x20 && (attribute || (c != '\n' && c != '\t'))) {
      std::snprintf(buf, sizeof buf, "&#%u;", c);
      rep = buf;
    }
    if (rep == nullptr) continue;
    out->append(s.data() + run, i - run);
    out->append(rep);
    run = i + 1;
  }
  out->append(s.data() + run, s.size() - run);
}

void AppendAttr(std::string_view name, std::string_view value, std::string* out) {
  if (value.empty()) return;
  out->push_back(' ');
  out->append(name);
  out->append("=\"");
  AppendEscaped(value, true, out);
  out->push_back('"');
}

void AppendExtra(const ExtraAttributes& extra, std::string* out) {
  for (const auto& [name, value] : extra) {
    // An empty value is written too: it was there.
    out->push_back(' ');
    out->append(name);
    out->append("=\"");
    AppendEscaped(value, true, out);
    out->push_back('"');
  }
}

void AppendTimexTag(const Timex& x, std::string* out) {
  out->append("<TIMEX3");
  AppendAttr("tid", x.id, out);
  AppendAttr("type", x.type, out);
  AppendAttr("value", x.value, out);
  AppendAttr("mod", x.mod, out);
  AppendAttr("quant", x.quant, out);
  AppendAttr("freq", x.freq, out);
  AppendAttr("temporalFunction", x.temporal_function, out);
  AppendAttr("functionInDocument", x.function_in_document, out);
  AppendAttr("anchorTimeID", x.anchor_time_id, out);
  AppendAttr("beginPoint", x.begin_point, out);
  AppendAttr("endPoint", x.end_point, out);
  AppendExtra(x.extra, out);
  out->push_back('>');
}

// One inline tag of <TEXT>.
struct InlineTag {
  Span span;
  int kind;  // 0 TIMEX3, 1 EVENT, 2 SIGNAL: the outer one on equal spans
  size_t index;
};

bool Writable(const Document& doc, Span s) {
  return s.begin <= s.end && s.end <= doc.text.size() && IsCharBoundary(doc.text, s.begin) &&
         IsCharBoundary(doc.text, s.end);
}

}  // namespace

std::string WriteTimeML(const Document& doc) {
  std::string out;
  out.reserve(doc.text.size() * 2 + 1024 + 128 * (doc.instances.size() + doc.tlinks.size()));
  out.append(
      "<?xml version=\"1.0\" ?>\n"
      "<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n\n");
  out.append("<DOCID>");
  AppendEscaped(doc.id, false, &out);
  out.append("</DOCID>\n\n");
  if (doc.dct) {
    out.append("<DCT>");
    AppendTimexTag(*doc.dct, &out);
    AppendEscaped(doc.dct_text.empty() ? doc.dct->value : doc.dct_text, false, &out);
    out.append("</TIMEX3></DCT>\n\n");
  }
  for (const RawElement& r : doc.raw_elements) {
    if (!r.before_text) continue;
    out.append(r.xml);
    out.append("\n\n");
  }

  // Inline tags in document order; a tag that would cross one still open
  // cannot be written as XML and is left out, with what refers to it.
  std::vector<InlineTag> tags;
  tags.reserve(doc.timexes.size() + doc.events.size() + doc.signals.size());
  for (size_t i = 0; i < doc.timexes.size(); ++i) {
    if (Writable(doc, doc.timexes[i].span)) tags.push_back({doc.timexes[i].span, 0, i});
  }
  for (size_t i = 0; i < doc.events.size(); ++i) {
    if (Writable(doc, doc.events[i].span)) tags.push_back({doc.events[i].span, 1, i});
  }
  for (size_t i = 0; i < doc.signals.size(); ++i) {
    if (Writable(doc, doc.signals[i].span)) tags.push_back({doc.signals[i].span, 2, i});
  }
  std::sort(tags.begin(), tags.end(), [](const InlineTag& a, const InlineTag& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    if (a.span.end != b.span.end) return a.span.end > b.span.end;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.index < b.index;
  });
  std::vector<bool> written_timex(doc.timexes.size(), false);
  std::vector<bool> written_event(doc.events.size(), false);
  std::vector<bool> written_signal(doc.signals.size(), false);

  static constexpr const char* kClose[] = {"</TIMEX3>", "</EVENT>", "</SIGNAL>"};
  out.append("<TEXT>");
  std::string_view text = doc.text;
  uint32_t pos = 0;
  std::vector<const InlineTag*> open;
  auto close_top = [&] {
    const InlineTag* top = open.back();
    AppendEscaped(text.substr(pos, top->span.end - pos), false, &out);
    pos = top->span.end;
    out.append(kClose[top->kind]);
    open.pop_back();
  };
  for (const InlineTag& tag : tags) {
    while (!open.empty() && open.back()->span.end <= tag.span.begin) close_top();
    if (!open.empty() && tag.span.end > open.back()->span.end) continue;  // crossing
    AppendEscaped(text.substr(pos, tag.span.begin - pos), false, &out);
    pos = tag.span.begin;
    switch (tag.kind) {
      case 0:
        AppendTimexTag(doc.timexes[tag.index], &out);
        written_timex[tag.index] = true;
        break;
      case 1: {
        const Event& e = doc.events[tag.index];
        out.append("<EVENT");
        AppendAttr("eid", e.id, &out);
        AppendAttr("class", e.event_class, &out);
        AppendExtra(e.extra, &out);
        out.push_back('>');
        written_event[tag.index] = true;
        break;
      }
      default:
        out.append("<SIGNAL");
        AppendAttr("sid", doc.signals[tag.index].id, &out);
        out.push_back('>');
        written_signal[tag.index] = true;
        break;
    }
    open.push_back(&tag);
  }
  while (!open.empty()) close_top();
  AppendEscaped(text.substr(pos), false, &out);
  out.append("</TEXT>\n\n");

  for (const RawElement& r : doc.raw_elements) {
    if (r.before_text) continue;
    out.append(r.xml);
    out.append("\n\n");
  }

  // What was left out above takes its instances and links with it, so the
  // file never names a missing id.
  std::unordered_set<std::string_view> lost_times, lost_events, lost_instances, lost_signals;
  for (size_t i = 0; i < doc.timexes.size(); ++i) {
    if (!written_timex[i]) lost_times.insert(doc.timexes[i].id);
  }
  for (size_t i = 0; i < doc.events.size(); ++i) {
    if (!written_event[i]) lost_events.insert(doc.events[i].id);
  }
  for (size_t i = 0; i < doc.signals.size(); ++i) {
    if (!written_signal[i]) lost_signals.insert(doc.signals[i].id);
  }
  auto signal_of = [&](const std::string& id) -> std::string_view {
    return lost_signals.count(id) ? std::string_view() : std::string_view(id);
  };
  for (const EventInstance& ei : doc.instances) {
    if (lost_events.count(ei.event_id)) {
      lost_instances.insert(ei.id);
      continue;
    }
    out.append("<MAKEINSTANCE");
    AppendAttr("eventID", ei.event_id, &out);
    AppendAttr("eiid", ei.id, &out);
    AppendAttr("tense", ei.tense, &out);
    AppendAttr("aspect", ei.aspect, &out);
    AppendAttr("polarity", ei.polarity, &out);
    AppendAttr("pos", ei.pos, &out);
    AppendAttr("modality", ei.modality, &out);
    AppendAttr("cardinality", ei.cardinality, &out);
    AppendAttr("signalID", signal_of(ei.signal_id), &out);
    AppendExtra(ei.extra, &out);
    out.append(" />\n");
  }
  auto lost = [&](const std::string& id, bool is_event) {
    return is_event ? lost_instances.count(id) > 0 : lost_times.count(id) > 0;
  };
  for (const TLink& l : doc.tlinks) {
    if (lost(l.source_id, l.source_is_event) || lost(l.target_id, l.target_is_event)) continue;
    out.append("<TLINK");
    AppendAttr("lid", l.id, &out);
    AppendAttr("relType", l.rel_type, &out);
    AppendAttr(l.source_is_event ? "eventInstanceID" : "timeID", l.source_id, &out);
    AppendAttr(l.target_is_event ? "relatedToEventInstance" : "relatedToTime", l.target_id, &out);
    AppendAttr("signalID", signal_of(l.signal_id), &out);
    AppendAttr("origin", l.origin, &out);
    AppendExtra(l.extra, &out);
    out.append(" />\n");
  }
  for (const SLink& l : doc.slinks) {
    if (lost(l.event_instance_id, true) || lost(l.subordinated_event_instance, true)) continue;
    out.append("<SLINK");
    AppendAttr("lid", l.id, &out);
    AppendAttr("relType", l.rel_type, &out);
    AppendAttr("eventInstanceID", l.event_instance_id, &out);
    AppendAttr("subordinatedEventInstance", l.subordinated_event_instance, &out);
    AppendAttr("signalID", signal_of(l.signal_id), &out);
    AppendAttr("syntax", l.syntax, &out);
    AppendExtra(l.extra, &out);
    out.append(" />\n");
  }
  for (const ALink& l : doc.alinks) {
    if (lost(l.event_instance_id, true) || lost(l.related_to_event_instance, true)) continue;
    out.append("<ALINK");
    AppendAttr("lid", l.id, &out);
    AppendAttr("relType", l.rel_type, &out);
    AppendAttr("eventInstanceID", l.event_instance_id, &out);
    AppendAttr("relatedToEventInstance", l.related_to_event_instance, &out);
    AppendAttr("signalID", signal_of(l.signal_id), &out);
    AppendAttr("syntax", l.syntax, &out);
    AppendExtra(l.extra, &out);
    out.append(" />\n");
  }
  out.append("\n</TimeML>\n");
  return out;
}

Result<Document> ParseTimeML(std::string_view content, const std::string& file_name,
                             std::vector<Error>* warnings) {
  TimeMLParser parser(content, file_name, warnings);
  return parser.Parse();
}

}  // namespace chronicle
