#include "io/conllu.h"

#include <charconv>
#include <optional>

#include <fmt/core.h>

#include "util/file.h"
#include "util/utf8.h"

namespace chronicle {
namespace {

// One non-comment line of a sentence block, split into its ten columns.
// Views point into the input, which outlives the parse.
struct Line {
  int number = 0;              // 1-based line number in the file
  std::string_view text;       // the whole line, without the newline
  std::string_view col[10];
  bool is_range = false;       // "a-b" multiword token
  int id = 0;                  // word ID, or the range's first ID
  int range_end = 0;           // last ID of a range
};

struct Block {
  std::vector<Line> lines;
  std::optional<std::string_view> text;  // `# text =`
  bool newpar = false;
  bool newdoc = false;
  std::string_view newdoc_id;
  int first_line = 0;
};

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && *out >= 0;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool HasSpaceAfterNo(std::string_view misc) {
  while (!misc.empty()) {
    size_t bar = misc.find('|');
    std::string_view item = misc.substr(0, bar);
    if (item == "SpaceAfter=No") return true;
    if (bar == std::string_view::npos) break;
    misc.remove_prefix(bar + 1);
  }
  return false;
}

// Whitespace between tokens in `# text`: ASCII spaces and the Unicode
// space separators (EWT has U+00A0 where MISC says SpacesAfter=\u00A0).
bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

std::string Column(std::string_view s) { return s == "_" ? std::string() : std::string(s); }

class Reader {
 public:
  Reader(std::string_view content, const std::string& file_name, bool split)
      : content_(content), file_(file_name), split_(split) {}

  Result<std::vector<Document>> Run() {
    size_t pos = 0;
    int line_no = 0;
    Block block;
    bool in_block = false;
    while (pos <= content_.size()) {
      if (pos == content_.size()) {
        if (in_block) {
          if (Status s = Finish(&block); !s.ok()) return s.error();
        }
        break;
      }
      size_t nl = content_.find('\n', pos);
      if (nl == std::string_view::npos) nl = content_.size();
      std::string_view line = content_.substr(pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_no;
      pos = nl + 1;
      if (nl == content_.size()) pos = content_.size();
      if (Trim(line).empty()) {
        if (in_block) {
          if (Status s = Finish(&block); !s.ok()) return s.error();
          block = Block();
          in_block = false;
        }
        continue;
      }
      if (!in_block) {
        in_block = true;
        block.first_line = line_no;
      }
      if (line[0] == '#') {
        if (!block.lines.empty()) continue;  // stray comment inside a sentence
        std::string_view body = Trim(line.substr(1));
        auto key_value = [&](std::string_view key, std::string_view* value) {
          if (body.substr(0, key.size()) != key) return false;
          std::string_view rest = body.substr(key.size());
          if (!rest.empty() && rest[0] != ' ' && rest[0] != '=' && rest[0] != '\t') return false;
          rest = Trim(rest);
          if (!rest.empty() && rest[0] == '=') {
            rest.remove_prefix(1);
            if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
          }
          *value = rest;
          return true;
        };
        std::string_view value;
        if (key_value("text", &value)) {
          // Keep the text exactly, but drop a trailing carriage return.
          block.text = value;
        } else if (key_value("newdoc", &value)) {
          block.newdoc = true;
          std::string_view v = Trim(value);
          if (v.substr(0, 2) == "id") {
            v = Trim(v.substr(2));
            if (!v.empty() && v[0] == '=') v = Trim(v.substr(1));
            block.newdoc_id = v;
          }
        } else if (key_value("newpar", &value)) {
          block.newpar = true;
        }
        continue;
      }
      Line l;
      l.number = line_no;
      l.text = line;
      size_t start = 0;
      int n = 0;
      while (true) {
        size_t tab = line.find('\t', start);
        if (n == 10) {
          return Fail(l, start, fmt::format("expected 10 tab-separated columns, found more"));
        }
        l.col[n++] = line.substr(start, tab == std::string_view::npos ? std::string_view::npos
                                                                     : tab - start);
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      if (n != 10) {
        return Fail(l, line.size(),
                    fmt::format("expected 10 tab-separated columns, found {}", n));
      }
      std::string_view id = l.col[0];
      if (id.find('.') != std::string_view::npos) continue;  // empty node
      size_t dash = id.find('-');
      if (dash != std::string_view::npos) {
        int a = 0, b = 0;
        if (!ParseInt(id.substr(0, dash), &a) || !ParseInt(id.substr(dash + 1), &b) || a < 1 ||
            b < a) {
          return Fail(l, 0, fmt::format("bad multiword token range \"{}\"", id));
        }
        l.is_range = true;
        l.id = a;
        l.range_end = b;
      } else if (!ParseInt(id, &l.id) || l.id < 1) {
        return Fail(l, 0, fmt::format("bad word ID \"{}\"", id));
      }
      block.lines.push_back(l);
    }
    if (!current_started_ && docs_.empty()) docs_.push_back(NewDocument({}));
    if (current_started_) docs_.push_back(std::move(current_));
    return std::move(docs_);
  }

 private:
  Error Fail(const Line& l, size_t byte_in_line, std::string message) const {
    int column = static_cast<int>(CodePointCount(l.text.substr(0, byte_in_line))) + 1;
    Error e = Error::Invalid(std::move(message), file_, l.number, column);
    e.source_line = std::string(l.text);
    return e;
  }
  // Byte offset of column `c` within its line.
  static size_t ColumnOffset(const Line& l, int c) {
    return static_cast<size_t>(l.col[c].data() - l.text.data());
  }

  Document NewDocument(std::string_view id) {
    Document d;
    d.source_name = file_;
    if (!split_) {
      d.id = Stem(file_);
    } else if (!id.empty()) {
      d.id = std::string(id);
    } else if (docs_.empty()) {
      d.id = Stem(file_);
    } else {
      d.id = fmt::format("{}-{}", Stem(file_), docs_.size() + 1);
    }
    return d;
  }

  Status Finish(Block* b) {
    if (b->lines.empty()) {
      // Comments only (e.g. a file header); remember a pending newdoc/newpar.
      pending_newdoc_ = pending_newdoc_ || b->newdoc;
      pending_newpar_ = pending_newpar_ || b->newpar;
      if (b->newdoc) pending_newdoc_id_ = b->newdoc_id;
      return Status::Ok();
    }
    bool newdoc = b->newdoc || pending_newdoc_;
    bool newpar = b->newpar || pending_newpar_;
    std::string_view newdoc_id = b->newdoc ? b->newdoc_id : pending_newdoc_id_;
    pending_newdoc_ = pending_newpar_ = false;
    pending_newdoc_id_ = {};
    if (!current_started_) {
      current_ = NewDocument(newdoc_id);
      current_started_ = true;
    } else if (split_ && newdoc) {
      docs_.push_back(std::move(current_));
      current_ = NewDocument(newdoc_id);
    }
    Document& doc = current_;

    // Check the IDs: words 1..n in order, ranges announcing the next words.
    int expected = 1;
    int range_until = 0;
    for (const Line& l : b->lines) {
      if (l.is_range) {
        if (l.id != expected || range_until >= expected) {
          return Fail(l, 0, fmt::format("multiword token range \"{}\" where word {} was expected",
                                        l.col[0], expected));
        }
        range_until = l.range_end;
      } else {
        if (l.id != expected) {
          return Fail(l, 0, fmt::format("word ID {} where {} was expected", l.id, expected));
        }
        ++expected;
      }
      if (l.col[1].empty()) return Fail(l, ColumnOffset(l, 1), "empty FORM");
    }
    if (range_until >= expected) {
      return Fail(b->lines.back(), 0,
                  fmt::format("multiword token range ends at word {} but the sentence has {}",
                              range_until, expected - 1));
    }
    const int n_words = expected - 1;

    // The sentence text: `# text =`, or forms joined by SpaceAfter.
    std::string built;
    std::string_view sentence_text;
    if (b->text) {
      sentence_text = *b->text;
    } else {
      int skip_until = 0;
      for (size_t i = 0; i < b->lines.size(); ++i) {
        const Line& l = b->lines[i];
        if (!l.is_range && l.id <= skip_until) continue;
        if (l.is_range) skip_until = l.range_end;
        built += l.col[1];
        bool last = l.is_range ? l.range_end == n_words : l.id == n_words;
        if (!last && !HasSpaceAfterNo(l.col[9])) built += ' ';
      }
      sentence_text = built;
    }
    if (!doc.text.empty()) doc.text += (newdoc || newpar) ? '\n' : ' ';
    const uint32_t base = static_cast<uint32_t>(doc.text.size());
    doc.text += sentence_text;
    const uint32_t first_token = static_cast<uint32_t>(doc.tokens.size());

    // Align forms with the text.
    size_t cursor = 0;
    auto find_form = [&](const Line& l) -> Result<size_t> {
      while (cursor < sentence_text.size()) {
        size_t next = cursor;
        if (!IsSpace(DecodeUtf8(sentence_text, &next))) break;
        cursor = next;
      }
      std::string_view form = l.col[1];
      if (sentence_text.substr(cursor, form.size()) != form) {
        return Fail(l, ColumnOffset(l, 1),
                    fmt::format("FORM \"{}\" does not match the sentence text at \"{}\"", form,
                                sentence_text.substr(cursor, 20)));
      }
      size_t at = cursor;
      cursor += form.size();
      return at;
    };
    auto add_token = [&](const Line& l, Span span, bool space_after) {
      Token t;
      t.span = span;
      t.space_after = space_after;
      t.lemma = Column(l.col[2]);
      if (l.col[2] == "_" && l.col[1] == "_") t.lemma.assign(1, '_');
      t.upos = Column(l.col[3]);
      t.xpos = Column(l.col[4]);
      t.feats = Column(l.col[5]);
      t.deprel = Column(l.col[7]);
      doc.tokens.push_back(std::move(t));
    };
    for (size_t i = 0; i < b->lines.size(); ++i) {
      const Line& l = b->lines[i];
      if (!l.is_range) {
        Result<size_t> at = find_form(l);
        if (!at.ok()) return at.error();
        uint32_t begin = base + static_cast<uint32_t>(at.value());
        add_token(l, Span{begin, begin + static_cast<uint32_t>(l.col[1].size())},
                  !HasSpaceAfterNo(l.col[9]));
        continue;
      }
      Result<size_t> at = find_form(l);
      if (!at.ok()) return at.error();
      const uint32_t sbegin = base + static_cast<uint32_t>(at.value());
      const uint32_t send = sbegin + static_cast<uint32_t>(l.col[1].size());
      const bool surface_space = !HasSpaceAfterNo(l.col[9]);
      size_t nw = static_cast<size_t>(l.range_end - l.id + 1);
      // Words follow the range line directly (IDs were checked above).
      std::string concat;
      for (size_t k = 1; k <= nw; ++k) concat += b->lines[i + k].col[1];
      bool inside = concat == l.col[1];
      uint32_t off = sbegin;
      for (size_t k = 1; k <= nw; ++k) {
        const Line& w = b->lines[i + k];
        bool last = k == nw;
        if (inside) {
          uint32_t e = off + static_cast<uint32_t>(w.col[1].size());
          add_token(w, Span{off, e}, last ? surface_space : false);
          off = e;
        } else {
          add_token(w, Span{sbegin, send}, last ? surface_space : false);
        }
      }
      i += nw;
    }

    // Heads, now that the token indexes are known.
    size_t word = 0;
    for (const Line& l : b->lines) {
      if (l.is_range) continue;
      Token& t = doc.tokens[first_token + word++];
      std::string_view h = l.col[6];
      if (h == "_") {
        t.head = kNoHead;
        continue;
      }
      int hv = 0;
      if (!ParseInt(h, &hv) || hv > n_words) {
        return Fail(l, ColumnOffset(l, 6),
                    fmt::format("HEAD \"{}\" is not 0..{} or _", h, n_words));
      }
      t.head = hv == 0 ? kRootHead : static_cast<int32_t>(first_token) + hv - 1;
    }
    Sentence s;
    s.span = Span{base, static_cast<uint32_t>(doc.text.size())};
    s.first_token = first_token;
    s.end_token = static_cast<uint32_t>(doc.tokens.size());
    doc.sentences.push_back(s);
    return Status::Ok();
  }

  std::string_view content_;
  std::string file_;
  bool split_;
  std::vector<Document> docs_;
  Document current_;
  bool current_started_ = false;
  bool pending_newdoc_ = false;
  bool pending_newpar_ = false;
  std::string_view pending_newdoc_id_;
};

std::string Sanitize(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

void AppendField(std::string* out, std::string_view v) {
  if (v.empty()) {
    *out += '_';
    return;
  }
  for (char c : v) *out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
}

}  // namespace

Result<Document> ParseConllu(std::string_view content, const std::string& file_name) {
  Result<std::vector<Document>> docs = Reader(content, file_name, false).Run();
  if (!docs.ok()) return docs.error();
  return std::move(docs.value().front());
}

Result<std::vector<Document>> ParseConlluDocuments(std::string_view content,
                                                   const std::string& file_name) {
  return Reader(content, file_name, true).Run();
}

std::string WriteConllu(const Document& doc) {
  std::string out;
  std::vector<Sentence> sentences = doc.sentences;
  // Tokens outside every sentence still get written, one pseudo-sentence each
  // run, so no layer is silently dropped.
  {
    std::vector<bool> covered(doc.tokens.size(), false);
    for (const Sentence& s : sentences) {
      for (uint32_t i = s.first_token; i < s.end_token && i < doc.tokens.size(); ++i) {
        covered[i] = true;
      }
    }
    for (uint32_t i = 0; i < doc.tokens.size();) {
      if (covered[i]) {
        ++i;
        continue;
      }
      uint32_t j = i;
      while (j < doc.tokens.size() && !covered[j]) ++j;
      sentences.push_back(Sentence{Span{doc.tokens[i].span.begin, doc.tokens[j - 1].span.end}, i, j});
      i = j;
    }
  }
  int sent_id = 0;
  uint32_t prev_end = 0;
  for (const Sentence& s : sentences) {
    uint32_t end = std::min<uint32_t>(s.end_token, static_cast<uint32_t>(doc.tokens.size()));
    if (s.first_token >= end) continue;
    // A line break between sentences marks a new paragraph, so the text
    // rebuilds the same when read back.
    if (sent_id > 0 && prev_end <= s.span.begin && s.span.begin <= doc.text.size() &&
        doc.text.substr(prev_end, s.span.begin - prev_end).find('\n') != std::string::npos) {
      out += "# newpar\n";
    }
    prev_end = s.span.end;
    out += fmt::format("# sent_id = {}\n", ++sent_id);
    if (s.span.end <= doc.text.size() && s.span.begin <= s.span.end) {
      out += "# text = ";
      out += Sanitize(doc.Text(s.span));
      out += '\n';
    }
    for (uint32_t i = s.first_token; i < end;) {
      // A run of tokens sharing one span is a multiword token.
      uint32_t j = i + 1;
      while (j < end && doc.tokens[j].span == doc.tokens[i].span) ++j;
      const Token& first = doc.tokens[i];
      auto no_space = [&](uint32_t k) {
        const Token& t = doc.tokens[k];
        return !t.space_after ||
               (k + 1 < end && doc.tokens[k + 1].span.begin == t.span.end &&
                !(doc.tokens[k + 1].span == t.span));
      };
      bool mwt = j - i >= 2;
      if (mwt) {
        out += fmt::format("{}-{}\t", i - s.first_token + 1, j - s.first_token);
        AppendField(&out, doc.Text(first.span));
        out += "\t_\t_\t_\t_\t_\t_\t_\t";
        out += no_space(j - 1) ? "SpaceAfter=No" : "_";
        out += '\n';
      }
      for (uint32_t k = i; k < j; ++k) {
        const Token& t = doc.tokens[k];
        out += fmt::format("{}\t", k - s.first_token + 1);
        AppendField(&out, doc.Text(t.span));
        out += '\t';
        AppendField(&out, t.lemma);
        out += '\t';
        AppendField(&out, t.upos);
        out += '\t';
        AppendField(&out, t.xpos);
        out += '\t';
        AppendField(&out, t.feats);
        out += '\t';
        if (t.head == kRootHead) {
          out += '0';
        } else if (t.head >= static_cast<int32_t>(s.first_token) &&
                   t.head < static_cast<int32_t>(end)) {
          out += fmt::format("{}", t.head - static_cast<int32_t>(s.first_token) + 1);
        } else {
          out += '_';
        }
        out += '\t';
        AppendField(&out, t.deprel);
        out += "\t_\t";
        // Inside a multiword token the range line carries SpaceAfter.
        out += !mwt && no_space(k) ? "SpaceAfter=No" : "_";
        out += '\n';
      }
      i = j;
    }
    out += '\n';
  }
  return out;
}

}  // namespace chronicle
