// The pattern is parsed into a small syntax tree (byte sets, concatenation,
// alternation, repetition, \b and other assertions), then every path
// through it is expanded from the start with an explicit continuation list,
// tracking only four phases: before the first character, inside the first
// word, in the separators after it, inside the second word. Expansion
// stops as soon as the second word is known, so its cost is the number of
// (first word, second word) alternatives, not the size of the pattern.
#include "timex/trigger_index.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <deque>
#include <functional>
#include <set>
#include <unordered_set>

namespace chronicle {

namespace {


constexpr size_t kMaxWord = 16;

bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

const ByteSet& WordBytes() {
  static const ByteSet kSet = [] {
    ByteSet s;
    for (int c = 0; c < 256; ++c) s[c] = IsWordByte(static_cast<unsigned char>(c));
    return s;
  }();
  return kSet;
}

ByteSet NonAscii() {
  ByteSet s;
  for (int c = 0x80; c < 256; ++c) s[c] = true;
  return s;
}

// Adds the other case of every ASCII letter (the analysis ignores case).
ByteSet Fold(ByteSet s) {
  for (int c = 'a'; c <= 'z'; ++c) {
    if (s[c] || s[c - 32]) {
      s[c] = true;
      s[c - 32] = true;
    }
  }
  return s;
}

struct Node {
  enum Kind { kLit, kCat, kAlt, kRepeat, kEmpty, kWordBoundary, kOtherAssert } kind = kEmpty;
  ByteSet set;
  std::vector<int> kids;
  int min = 0, max = -1;  // kRepeat; max -1: unbounded
  bool nullable = false;
  bool nonword_only = true;  // no byte set inside holds a word byte
};

// Recursive-descent parser for the RE2 syntax the rule files use. Anything
// it does not know sets ok = false (the rule is then left untriggered).
class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p) {}

  int Parse() {
    int root = Alt(0);
    if (i_ != p_.size()) ok_ = false;
    return root;
  }
  bool ok() const { return ok_; }
  std::vector<Node>& nodes() { return nodes_; }

 private:
  int Add(Node n) {
    nodes_.push_back(std::move(n));
    return static_cast<int>(nodes_.size()) - 1;
  }
  int Lit(ByteSet s) {
    Node n;
    n.kind = Node::kLit;
    n.set = Fold(s);
    n.nonword_only = (n.set & WordBytes()).none();
    return Add(n);
  }
  int Simple(Node::Kind k) {
    Node n;
    n.kind = k;
    n.nullable = true;
    return Add(n);
  }

  int Alt(int depth) {
    if (depth > 200) {
      ok_ = false;
      return Simple(Node::kEmpty);
    }
    std::vector<int> alts{Cat(depth)};
    while (ok_ && i_ < p_.size() && p_[i_] == '|') {
      ++i_;
      alts.push_back(Cat(depth));
    }
    if (alts.size() == 1) return alts[0];
    Node n;
    n.kind = Node::kAlt;
    n.nullable = false;
    for (int a : alts) {
      n.nullable = n.nullable || nodes_[a].nullable;
      n.nonword_only = n.nonword_only && nodes_[a].nonword_only;
    }
    n.kids = std::move(alts);
    return Add(n);
  }

  int Cat(int depth) {
    std::vector<int> items;
    while (ok_ && i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') items.push_back(Repeat(depth));
    if (items.size() == 1) return items[0];
    Node n;
    n.kind = Node::kCat;
    n.nullable = true;
    for (int a : items) {
      n.nullable = n.nullable && nodes_[a].nullable;
      n.nonword_only = n.nonword_only && nodes_[a].nonword_only;
    }
    n.kids = std::move(items);
    return Add(n);
  }

  int Repeat(int depth) {
    int atom = Atom(depth);
    while (ok_ && i_ < p_.size()) {
      int mn = 0, mx = -1;
      char c = p_[i_];
      if (c == '*') {
        ++i_;
      } else if (c == '+') {
        mn = 1;
        ++i_;
      } else if (c == '?') {
        mx = 1;
        ++i_;
      } else if (c == '{' && Counted(&mn, &mx)) {
      } else {
        break;
      }
      if (i_ < p_.size() && p_[i_] == '?') ++i_;  // lazy: same language
      if (mx == -1 && nodes_[atom].nullable) ok_ = false;  // empty iterations: not analyzed
      Node n;
      n.kind = Node::kRepeat;
      n.kids = {atom};
      n.min = mn;
      n.max = mx;
      n.nullable = mn == 0 || nodes_[atom].nullable;
      n.nonword_only = nodes_[atom].nonword_only;
      atom = Add(n);
    }
    return atom;
  }

  // {n}, {n,}, {n,m}; false (and nothing consumed) when not a repetition.
  bool Counted(int* mn, int* mx) {
    size_t j = i_ + 1;
    auto number = [&](int* out) {
      size_t b = j;
      int v = 0;
      while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9' && j - b < 4) v = v * 10 + (p_[j++] - '0');
      *out = v;
      return j > b;
    };
    if (!number(mn)) return false;
    *mx = *mn;
    if (j < p_.size() && p_[j] == ',') {
      ++j;
      if (!number(mx)) *mx = -1;
    }
    if (j >= p_.size() || p_[j] != '}') return false;
    i_ = j + 1;
    return true;
  }

  // Consumes one UTF-8 encoded character starting at a byte >= 0x80.
  void SkipUtf8() {
    ++i_;
    while (i_ < p_.size() && (static_cast<unsigned char>(p_[i_]) & 0xC0) == 0x80) ++i_;
  }

  int Atom(int depth) {
    unsigned char c = static_cast<unsigned char>(p_[i_]);
    if (c == '(') return Group(depth);
    if (c == '[') return Class();
    if (c == '\\') {
      ++i_;
      if (i_ >= p_.size()) {
        ok_ = false;
        return Simple(Node::kEmpty);
      }
      char e = p_[i_];
      if (e == 'b') {
        ++i_;
        return Simple(Node::kWordBoundary);
      }
      if (e == 'B' || e == 'A' || e == 'z') {
        ++i_;
        return Simple(Node::kOtherAssert);
      }
      ByteSet s;
      if (!Escape(&s)) {
        ok_ = false;
        return Simple(Node::kEmpty);
      }
      return Lit(s);
    }
    if (c == '^' || c == '$') {
      ++i_;
      return Simple(Node::kOtherAssert);
    }
    if (c == '.') {
      ++i_;
      ByteSet s;
      s.set();
      return Lit(s);
    }
    if (c == '*' || c == '+' || c == '?' || c == ')' || c == '|') {
      ok_ = false;
      return Simple(Node::kEmpty);
    }
    if (c >= 0x80) {
      SkipUtf8();
      return Lit(NonAscii());
    }
    ++i_;
    ByteSet s;
    s[c] = true;
    return Lit(s);
  }

  // After a backslash (at p_[i_]): a class or a literal byte.
  bool Escape(ByteSet* s) {
    char e = p_[i_++];
    auto range = [&](char a, char b) {
      for (int x = a; x <= b; ++x) (*s)[x] = true;
    };
    switch (e) {
      case 'd': range('0', '9'); return true;
      case 'D': s->set(); for (int x = '0'; x <= '9'; ++x) (*s)[x] = false; return true;
      case 's': for (char x : {'\t', '\n', '\v', '\f', '\r', ' '}) (*s)[static_cast<unsigned char>(x)] = true; return true;
      case 'S': s->set(); for (char x : {'\t', '\n', '\v', '\f', '\r', ' '}) (*s)[static_cast<unsigned char>(x)] = false; return true;
      case 'w': *s = WordBytes(); return true;
      case 'W': *s = ~WordBytes(); return true;
      case 'n': (*s)['\n'] = true; return true;
      case 't': (*s)['\t'] = true; return true;
      case 'r': (*s)['\r'] = true; return true;
      case 'f': (*s)['\f'] = true; return true;
      case 'v': (*s)['\v'] = true; return true;
      case 'p':
      case 'P':  // Unicode classes: anything
        if (i_ < p_.size() && p_[i_] == '{') {
          size_t close = p_.find('}', i_);
          if (close == std::string_view::npos) return false;
          i_ = close + 1;
        } else if (i_ < p_.size()) {
          ++i_;
        }
        s->set();
        return true;
      case 'x': {
        unsigned value = 0;
        if (i_ < p_.size() && p_[i_] == '{') {
          size_t close = p_.find('}', i_);
          if (close == std::string_view::npos) return false;
          for (size_t k = i_ + 1; k < close; ++k) value = value * 16 + HexValue(p_[k]);
          i_ = close + 1;
        } else {
          if (i_ + 2 > p_.size()) return false;
          value = HexValue(p_[i_]) * 16 + HexValue(p_[i_ + 1]);
          i_ += 2;
        }
        if (value < 0x80) {
          (*s)[value] = true;
        } else {
          *s |= NonAscii();
        }
        return true;
      }
      default:
        break;
    }
    unsigned char u = static_cast<unsigned char>(e);
    if (u >= 0x80) {
      --i_;
      SkipUtf8();
      *s |= NonAscii();
      return true;
    }
    if (IsWordByte(u)) return false;  // unknown escape (\Q, \C, backreferences...)
    (*s)[u] = true;                   // escaped punctuation
    return true;
  }

  static unsigned HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 0;
  }

  int Class() {
    ++i_;  // '['
    bool negate = false;
    if (i_ < p_.size() && p_[i_] == '^') {
      negate = true;
      ++i_;
    }
    ByteSet s;
    bool first = true;
    while (ok_) {
      if (i_ >= p_.size()) {
        ok_ = false;
        break;
      }
      unsigned char c = static_cast<unsigned char>(p_[i_]);
      if (c == ']' && !first) {
        ++i_;
        break;
      }
      first = false;
      if (c == '[' && i_ + 1 < p_.size() && p_[i_ + 1] == ':') {
        size_t close = p_.find(":]", i_);
        if (close == std::string_view::npos) {
          ok_ = false;
          break;
        }
        s.set();  // POSIX class: anything (a superset)
        i_ = close + 2;
        continue;
      }
      int lo = -1;  // ASCII value of a single character, else -1
      if (c == '\\') {
        ++i_;
        if (i_ >= p_.size()) {
          ok_ = false;
          break;
        }
        ByteSet e;
        if (!Escape(&e)) {
          ok_ = false;
          break;
        }
        if (e.count() == 1) {
          for (int x = 0; x < 128; ++x) {
            if (e[x]) lo = x;
          }
        }
        s |= e;
      } else if (c >= 0x80) {
        SkipUtf8();
        s |= NonAscii();
      } else {
        ++i_;
        s[c] = true;
        lo = c;
      }
      // A range "a-z" (a '-' before ']' is a literal).
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        unsigned char h = static_cast<unsigned char>(p_[i_]);
        int hi = -1;
        if (h == '\\' && i_ + 1 < p_.size()) {
          ++i_;
          ByteSet e;
          if (!Escape(&e) || e.count() != 1) {
            ok_ = false;
            break;
          }
          for (int x = 0; x < 128; ++x) {
            if (e[x]) hi = x;
          }
        } else if (h >= 0x80) {
          SkipUtf8();
          s |= NonAscii();
          hi = 0x7F;
        } else {
          ++i_;
          hi = h;
        }
        if (lo < 0 || hi < 0) {
          s |= NonAscii();  // a range from or to a non-ASCII character
          if (lo < 0) lo = 0x7F;
        }
        for (int x = lo; x <= hi && x < 128; ++x) s[x] = true;
      }
    }
    if (negate) s = ~s;  // also holds every byte >= 0x80: a superset
    return Lit(s);
  }

  int Group(int depth) {
    ++i_;  // '('
    if (i_ < p_.size() && p_[i_] == '?') {
      ++i_;
      if (i_ < p_.size() && (p_[i_] == 'P' || p_[i_] == '<')) {
        if (p_[i_] == 'P') ++i_;
        size_t close = p_.find('>', i_);
        if (close == std::string_view::npos || p_[i_] != '<') {
          ok_ = false;
          return Simple(Node::kEmpty);
        }
        i_ = close + 1;
      } else {
        // Flags (i, m, s, U, with '-'): case is ignored anyway, the others do
        // not change which bytes can start a word.
        while (i_ < p_.size() && std::string_view("imsU-").find(p_[i_]) != std::string_view::npos) ++i_;
        if (i_ < p_.size() && p_[i_] == ')') {
          ++i_;
          return Simple(Node::kEmpty);
        }
        if (i_ >= p_.size() || p_[i_] != ':') {
          ok_ = false;
          return Simple(Node::kEmpty);
        }
        ++i_;
      }
    }
    int inner = Alt(depth + 1);
    if (i_ >= p_.size() || p_[i_] != ')') {
      ok_ = false;
      return inner;
    }
    ++i_;
    return inner;
  }

  std::string_view p_;
  size_t i_ = 0;
  bool ok_ = true;
  std::vector<Node> nodes_;
};

// A continuation: node `node` at repetition count `iter`, then `next`.
struct Cont {
  int node;
  int iter;
  const Cont* next;
};

struct PathState {
  int phase = 0;  // 0 before the match's first byte, 1 first word, 2 separators, 3 second word
  bool bounded = false;  // a \b was passed before the first byte
  WordShape cur;         // the word being read
};

std::string ShapeKey(const WordShape& w) {
  std::string k(1, w.complete ? 'c' : 'o');
  std::string lit = w.Literal();
  if (!lit.empty() || w.chars.empty()) return k + lit;
  k[0] = w.complete ? 'C' : 'O';
  for (const ByteSet& b : w.chars) k.append(reinterpret_cast<const char*>(b.words()), 32);
  return k;
}

// The second words that can follow once a first word is complete: the
// same for every first word reaching the same continuation, so computed once
// per continuation.
struct Seconds {
  bool any = false;
  std::vector<std::pair<std::string, WordShape>> shapes;  // (key, shape)
  // For the word automaton: each word with the continuation after it
  // (nullptr with accept: the match may end inside or right after it).
  struct Edge {
    WordShape shape;
    const Cont* next = nullptr;
    bool accept = false;
  };
  std::vector<Edge> edges;
  std::set<std::string> edge_keys;
  void AddEdge(const WordShape& w, const Cont* next, bool accept) {
    std::string key = ShapeKey(w);
    key.append(reinterpret_cast<const char*>(&next), sizeof next);
    key.push_back(accept ? 'a' : 'n');
    if (edge_keys.insert(std::move(key)).second) edges.push_back(Edge{w, next, accept});
  }
};

class Expander {
 public:
  Expander(const std::vector<Node>& nodes, int budget, PatternTriggers* out)
      : nodes_(nodes), budget_(budget), out_(out) {}

  bool Run(int root) {
    PathState st;
    Step(Push(root, 0, nullptr), st, 0);
    return ok_;
  }

 private:
  // Hash-consed: the same (node, iter, next) is the same pointer, so that
  // continuations can be memoized by address.
  const Cont* Push(int node, int iter, const Cont* next) {
    std::string key(reinterpret_cast<const char*>(&node), sizeof node);
    key.append(reinterpret_cast<const char*>(&iter), sizeof iter);
    key.append(reinterpret_cast<const char*>(&next), sizeof next);
    auto [it, fresh] = conts_.try_emplace(std::move(key), nullptr);
    if (fresh) {
      arena_.push_back(Cont{node, iter, next});
      it->second = &arena_.back();
    }
    return it->second;
  }

  PatternTriggers::Entry& EntryFor(const WordShape& first, size_t* index) {
    auto [it, fresh] = entry_by_first_.try_emplace(ShapeKey(first), out_->entries.size());
    if (fresh) {
      out_->entries.push_back(PatternTriggers::Entry{first, false, {}});
      second_keys_.emplace_back();
    }
    *index = it->second;
    return out_->entries[it->second];
  }

  void EmitAny(const WordShape& first) {
    initial_edges_.AddEdge(first, nullptr, true);
    size_t i;
    PatternTriggers::Entry& e = EntryFor(first, &i);
    e.any_second = true;
    e.second.clear();
  }

  void EmitSeconds(const WordShape& first, const Seconds& seconds) {
    size_t i;
    PatternTriggers::Entry& e = EntryFor(first, &i);
    if (e.any_second) return;
    if (seconds.any) {
      e.any_second = true;
      e.second.clear();
      return;
    }
    for (const auto& [key, shape] : seconds.shapes) {
      if (second_keys_[i].insert(key).second) e.second.push_back(shape);
    }
  }

  // A second word found while computing collector_.
  void Second(const WordShape* w, const Cont* next = nullptr, bool accept = true) {
    if (w == nullptr) {
      collector_->any = true;
      return;
    }
    collector_->AddEdge(*w, next, accept);
    std::string key = ShapeKey(*w);
    if (collector_keys_->insert(key).second) collector_->shapes.emplace_back(std::move(key), *w);
  }

  // Seconds of continuation `rest` (entered after a complete word).
  Seconds* SecondsOf(const Cont* rest, int depth) {
    auto it = seconds_memo_.find(rest);
    if (it != seconds_memo_.end()) return it->second;
    seconds_store_.emplace_back();
    Seconds* mine = &seconds_store_.back();
    std::set<std::string> keys;
    std::unordered_set<const Cont*> seen;
    Seconds* saved = collector_;
    std::set<std::string>* saved_keys = collector_keys_;
    std::unordered_set<const Cont*>* saved_seen = collector_seen_;
    collector_ = mine;
    collector_keys_ = &keys;
    collector_seen_ = &seen;
    PathState st;
    st.phase = 2;
    Step(rest, st, depth + 1);
    collector_ = saved;
    collector_keys_ = saved_keys;
    collector_seen_ = saved_seen;
    seconds_memo_.emplace(rest, mine);
    return mine;
  }

 public:
  // The rule as an automaton over words (see WordAutomaton); false when it
  // grows past the limits (the rule then has none).
  bool BuildAutomaton(WordAutomaton* out) {
    std::unordered_map<const Cont*, int> ids;
    std::vector<const Cont*> order;
    auto id_of = [&](const Cont* c) {
      auto [it, fresh] = ids.try_emplace(c, static_cast<int>(order.size()));
      if (fresh) order.push_back(c);
      return it->second;
    };
    for (const Seconds::Edge& e : initial_edges_.edges) {
      out->initial.push_back(WordAutomaton::Edge{e.shape, e.accept ? -1 : id_of(e.next)});
    }
    for (size_t i = 0; i < order.size(); ++i) {
      if (order.size() > 4000 || !ok_) return false;
      Seconds* sec = SecondsOf(order[i], 0);
      if (!ok_) return false;
      WordAutomaton::State state;
      state.can_end = sec->any;
      for (const Seconds::Edge& e : sec->edges) {
        state.edges.push_back(WordAutomaton::Edge{e.shape, e.accept ? -1 : id_of(e.next)});
      }
      out->states.push_back(std::move(state));
    }
    return true;
  }

 private:

  // The first word `first` is complete; `rest` follows.
  void FirstDone(WordShape first, const Cont* rest, int depth) {
    first.complete = true;
    initial_edges_.AddEdge(first, rest, false);
    EmitSeconds(first, *SecondsOf(rest, depth));
  }

  // The bytes that can come first from continuation k (every byte when the
  // match can end there).
  ByteSet FirstBytes(const Cont* k, int depth) {
    ByteSet all;
    all.set();
    if (k == nullptr || depth > 2000) return all;
    auto memo = first_bytes_memo_.find(k);
    if (memo != first_bytes_memo_.end()) return memo->second;
    const Node& n = nodes_[k->node];
    const Cont* rest = k->next;
    ByteSet out;
    switch (n.kind) {
      case Node::kEmpty:
      case Node::kOtherAssert:
      case Node::kWordBoundary:
        out = FirstBytes(rest, depth + 1);
        break;
      case Node::kLit:
        out = n.set;
        break;
      case Node::kCat: {
        const Cont* c = rest;
        for (size_t i = n.kids.size(); i-- > 0;) c = Push(n.kids[i], 0, c);
        out = FirstBytes(c, depth + 1);
        break;
      }
      case Node::kAlt:
        for (int kid : n.kids) out |= FirstBytes(Push(kid, 0, rest), depth + 1);
        break;
      case Node::kRepeat: {
        int next_iter = n.max == -1 ? std::min(k->iter + 1, n.min) : k->iter + 1;
        if (k->iter < n.min) {
          out = FirstBytes(Push(n.kids[0], 0, Push(k->node, k->iter + 1, rest)), depth + 1);
        } else {
          out = FirstBytes(rest, depth + 1);
          if (n.max == -1 || k->iter < n.max) {
            out |= FirstBytes(Push(n.kids[0], 0, Push(k->node, next_iter, rest)), depth + 1);
          }
        }
        break;
      }
    }
    first_bytes_memo_.emplace(k, out);
    return out;
  }

  void EndOfMatch(const PathState& st) {
    switch (st.phase) {
      case 0:
        ok_ = false;  // the pattern can match the empty string
        return;
      case 1: {
        WordShape w = st.cur;
        w.complete = false;  // the text's word may go on
        EmitAny(w);
        return;
      }
      case 2:
        Second(nullptr);
        return;
      default: {
        WordShape w = st.cur;
        w.complete = false;
        Second(&w);
        return;
      }
    }
  }

  void Step(const Cont* k, PathState st, int depth) {
    if (!ok_) return;
    if (--budget_ < 0 || depth > 5000) {
      ok_ = false;
      return;
    }
    if (k == nullptr) {
      EndOfMatch(st);
      return;
    }
    // In the separators the state is the continuation alone: each is
    // explored once per collection (this also ends loops of separators).
    if (st.phase == 2 && !collector_seen_->insert(k).second) return;
    const Node& n = nodes_[k->node];
    const Cont* rest = k->next;
    switch (n.kind) {
      case Node::kEmpty:
      case Node::kOtherAssert:
        Step(rest, std::move(st), depth + 1);
        return;
      case Node::kCat: {
        const Cont* c = rest;
        for (size_t i = n.kids.size(); i-- > 0;) c = Push(n.kids[i], 0, c);
        Step(c, std::move(st), depth + 1);
        return;
      }
      case Node::kAlt:
        for (int kid : n.kids) Step(Push(kid, 0, rest), st, depth + 1);
        return;
      case Node::kRepeat: {
        int body = n.kids[0];
        int next_iter = n.max == -1 ? std::min(k->iter + 1, n.min) : k->iter + 1;
        if (st.phase == 2) {
          // Separators after the first word are not tracked: a repetition
          // of them is skipped; one of a byte set either ends (after any
          // number of separators) or starts the second word.
          if (n.nonword_only) {
            Step(rest, std::move(st), depth + 1);
            return;
          }
          const Node& b = nodes_[body];
          if (b.kind == Node::kLit) {
            ByteSet word = b.set & WordBytes();
            bool separators = (b.set & ~WordBytes()).any();
            // Leaving the loop here: it read only separators, or enough.
            if (separators || k->iter >= n.min) Step(rest, st, depth + 1);
            if (word.any() && (n.max == -1 || k->iter < n.max)) {
              st.phase = 3;
              st.cur.chars.assign(1, word);
              Step(Push(k->node, next_iter, rest), std::move(st), depth + 1);
            }
            return;
          }
        }
        if (k->iter < n.min) {
          Step(Push(body, 0, Push(k->node, k->iter + 1, rest)), std::move(st), depth + 1);
          return;
        }
        Step(rest, st, depth + 1);
        if (n.max == -1 || k->iter < n.max) {
          Step(Push(body, 0, Push(k->node, next_iter, rest)), std::move(st), depth + 1);
        }
        return;
      }
      case Node::kWordBoundary:
        if (st.phase == 0) {
          st.bounded = true;
        } else if (st.phase == 1) {
          FirstDone(st.cur, rest, depth);
          return;
        } else if (st.phase == 3) {
          WordShape w = st.cur;
          w.complete = true;
          Second(&w, rest, false);
          return;
        }
        Step(rest, std::move(st), depth + 1);
        return;
      case Node::kLit: {
        ByteSet word = n.set & WordBytes();
        ByteSet other = n.set & ~WordBytes();
        switch (st.phase) {
          case 0:
            if (other.any() || (word.any() && !st.bounded)) {
              out_->start_bytes |= other;
              if (!st.bounded) out_->start_bytes |= word;
              out_->after_start |= FirstBytes(rest, 0);
            }
            if (word.any()) {
              if (st.bounded) {
                st.phase = 1;
                st.cur.chars.assign(1, word);
                Step(rest, std::move(st), depth + 1);
              }
            }
            return;
          case 1:
          case 3:
            if (other.any()) {
              if (st.phase == 1) {
                FirstDone(st.cur, rest, depth);
              } else {
                WordShape w = st.cur;
                w.complete = true;
                Second(&w, rest, false);
              }
            }
            if (word.any()) {
              if (st.cur.chars.size() >= kMaxWord) {
                WordShape w = st.cur;
                w.complete = false;
                if (st.phase == 1) {
                  EmitAny(w);
                } else {
                  Second(&w);
                }
                return;
              }
              st.cur.chars.push_back(word);
              Step(rest, std::move(st), depth + 1);
            }
            return;
          default:  // 2
            if (other.any()) Step(rest, st, depth + 1);
            if (word.any()) {
              st.phase = 3;
              st.cur.chars.assign(1, word);
              Step(rest, std::move(st), depth + 1);
            }
            return;
        }
      }
    }
  }

  const std::vector<Node>& nodes_;
  int budget_;
  PatternTriggers* out_;
  bool ok_ = true;
  std::deque<Cont> arena_;
  std::unordered_map<std::string, const Cont*> conts_;
  std::unordered_map<std::string, size_t> entry_by_first_;
  std::vector<std::set<std::string>> second_keys_;
  std::unordered_map<const Cont*, Seconds*> seconds_memo_;
  std::unordered_map<const Cont*, ByteSet> first_bytes_memo_;
  std::deque<Seconds> seconds_store_;
  Seconds* collector_ = nullptr;
  std::set<std::string>* collector_keys_ = nullptr;
  std::unordered_set<const Cont*>* collector_seen_ = nullptr;
  Seconds initial_edges_;  // first words: edges of the automaton's start
};

}  // namespace

bool WordShape::Matches(std::string_view word) const {
  if (complete ? word.size() != chars.size() : word.size() < chars.size()) return false;
  for (size_t i = 0; i < chars.size(); ++i) {
    if (!chars[i][static_cast<unsigned char>(word[i])]) return false;
  }
  return true;
}

std::string WordShape::Literal() const {
  std::string out;
  out.reserve(chars.size());
  for (const ByteSet& b : chars) {
    size_t n = b.count();
    int c = b.first();
    bool letter = c >= 'A' && c <= 'Z';
    if (n == 2 ? !(letter && b[c + 32]) : n != 1) return "";
    out.push_back(static_cast<char>(letter ? c + 32 : c));
  }
  return out;
}

PatternTriggers AnalyzePattern(std::string_view pattern, int budget) {
  PatternTriggers out;
  Parser parser(pattern);
  int root = parser.Parse();
  if (!parser.ok()) return out;
  Expander expander(parser.nodes(), budget, &out);
  if (!expander.Run(root)) return PatternTriggers{};
  if (out.start_bytes.none()) {
    out.has_automaton = expander.BuildAutomaton(&out.automaton);
    if (!out.has_automaton) out.automaton = WordAutomaton{};
  }
  out.analyzed = true;
  return out;
}

bool TriggerIndex::Pack(std::string_view word, uint32_t tag, PackedKey* out) {
  if (word.size() > 16) return false;
  uint64_t part[2] = {0, 0};
  static_assert(std::endian::native == std::endian::little, "packing assumes little-endian");
  std::memcpy(part, word.data(), word.size());  // byte i at bits 8 * (i % 8)
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  for (uint64_t& x : part) {
    // Lower-cases the bytes 'A'..'Z' eight at a time (words are ASCII).
    uint64_t low7 = x & (0x7F * kOnes);
    uint64_t ge_a = low7 + (0x80 - 'A') * kOnes;
    uint64_t gt_z = low7 + (0x80 - 'Z' - 1) * kOnes;
    uint64_t upper = ge_a & ~gt_z & ~x & (0x80 * kOnes);
    x |= upper >> 2;
  }
  out->a = part[0];
  out->b = part[1];
  out->len = static_cast<uint32_t>(word.size());
  out->tag = tag;
  return true;
}

namespace {

constexpr uint64_t kBloomBits = uint64_t{1} << 17;  // 16 KB

uint64_t HashKey(uint64_t a, uint64_t b, uint64_t len, uint64_t tag) {
  uint64_t h = a * 0x9E3779B97F4A7C15ULL;
  h ^= (b + (len << 56) + (tag << 32)) * 0xC2B2AE3D27D4EB4FULL;
  return h ^ (h >> 29);
}

}  // namespace

void TriggerIndex::FlatMap::Build(const std::vector<std::pair<PackedKey, int32_t>>& items) {
  size_t size = 16;
  while (size < 3 * items.size()) size *= 2;
  slots_.assign(size, Slot{});
  mask_ = size - 1;
  bloom_.assign(kBloomBits / 64, 0);
  for (const auto& [key, value] : items) {
    uint64_t full = HashKey(key.a, key.b, key.len, key.tag);
    uint64_t bit = (full >> 40) & (kBloomBits - 1);
    bloom_[bit >> 6] |= uint64_t{1} << (bit & 63);
    uint64_t h = full & mask_;
    while (slots_[h].value >= 0 && !(slots_[h].key == key)) h = (h + 1) & mask_;
    slots_[h].key = key;
    slots_[h].value = value;
  }
}

int32_t TriggerIndex::FlatMap::Find(const PackedKey& k) const {
  if (slots_.empty()) return -1;
  uint64_t full = HashKey(k.a, k.b, k.len, k.tag);
  uint64_t bit = (full >> 40) & (kBloomBits - 1);
  if (!((bloom_[bit >> 6] >> (bit & 63)) & 1)) return -1;
  uint64_t h = full & mask_;
  while (true) {
    const Slot& s = slots_[h];
    if (s.value < 0) return -1;
    if (s.key == k) return s.value;
    h = (h + 1) & mask_;
  }
}

namespace {

// Builds the index's tables; the keys of the maps are ShapeKey strings.
struct Builder {
  std::unordered_map<std::string, uint32_t> follow_of_word;   // literal first word
  std::unordered_map<std::string, uint32_t> group_of_shape;   // first-word shape key
  std::vector<std::unordered_map<std::string, size_t>> second_index;  // per follow: shape key -> slot
  std::unordered_map<std::string, int32_t> pair_ids;          // "follow second"
};

void AddRule(std::vector<int>* rules, int rule) {
  if (rules->empty() || rules->back() != rule) rules->push_back(rule);
}

}  // namespace

TriggerIndex TriggerIndex::Build(const std::vector<std::string>& patterns) {
  TriggerIndex index;
  Builder bd;
  std::unordered_map<std::string, int32_t> auto_lits;  // "state word" -> auto_targets_
  auto new_follow = [&]() {
    index.follows_.emplace_back();
    bd.second_index.emplace_back();
    return static_cast<uint32_t>(index.follows_.size() - 1);
  };
  for (size_t r = 0; r < patterns.size(); ++r) {
    int rule = static_cast<int>(r);
    const std::string& pat = patterns[r];
    index.text_anchor_.push_back(pat.find_first_of("^$") != std::string::npos ||
                                 pat.find("\\A") != std::string::npos ||
                                 pat.find("\\z") != std::string::npos);
    PatternTriggers t = AnalyzePattern(patterns[r]);
    index.auto_start_.push_back(-1);
    if (!t.analyzed) {
      index.untriggered_.push_back(rule);
      continue;
    }
    if (t.has_automaton) {
      // Global ids: start, then the states in order.
      int base = static_cast<int>(index.auto_states_.size());
      index.auto_start_.back() = base;
      const WordAutomaton& a = t.automaton;
      auto add_state = [&](int gid, bool can_end, const std::vector<WordAutomaton::Edge>& edges) {
        index.auto_states_[gid].can_end = can_end;
        for (const WordAutomaton::Edge& e : edges) {
          int target = e.next < 0 ? -1 : base + 1 + e.next;
          std::string lit = e.shape.complete ? e.shape.Literal() : std::string();
          if (lit.empty() || lit.size() > 16) {
            AutoState& as = index.auto_states_[gid];
            if (!e.shape.complete) {
              as.open.emplace_back(e.shape, target);
            } else {
              size_t len = e.shape.chars.size();
              if (as.by_length.size() <= len) as.by_length.resize(len + 1);
              as.by_length[len].emplace_back(e.shape, target);
            }
            continue;
          }
          auto [it, fresh] = auto_lits.try_emplace(std::to_string(gid) + ' ' + lit,
                                                   static_cast<int32_t>(index.auto_targets_.size()));
          if (fresh) index.auto_targets_.emplace_back();
          index.auto_targets_[it->second].push_back(target);
        }
      };
      index.auto_states_.resize(base + 1 + a.states.size());
      add_state(base, false, a.initial);
      for (size_t i = 0; i < a.states.size(); ++i) {
        add_state(base + 1 + static_cast<int>(i), a.states[i].can_end, a.states[i].edges);
      }
    }
    for (int b = 0; b < 256; ++b) {
      if (t.start_bytes[b]) {
        index.byte_rules_[b].push_back(ByteRule{rule, t.after_start});
        index.has_byte_rules_[b] = true;
      }
    }
    for (PatternTriggers::Entry& e : t.entries) {
      ++index.entry_count_;
      std::string first = e.first.complete ? e.first.Literal() : std::string();
      uint32_t follow;
      if (!first.empty()) {
        auto [it, fresh] = bd.follow_of_word.try_emplace(first, 0);
        if (fresh) it->second = new_follow();
        follow = it->second;
      } else {
        auto [it, fresh] = bd.group_of_shape.try_emplace(ShapeKey(e.first), 0);
        if (fresh) {
          it->second = static_cast<uint32_t>(index.shape_groups_.size());
          uint32_t f = new_follow();
          index.shape_groups_.push_back(ShapeGroup{e.first, f});
          uint32_t id = it->second;
          const WordShape& shape = index.shape_groups_[id].first;
          size_t len = shape.chars.size();
          for (int b = 0; b < 256; ++b) {
            if (!shape.chars[0][b]) continue;
            ByteBucket& bucket = index.shapes_[b];
            index.has_shapes_[b] = true;
            if (shape.complete) {
              if (bucket.complete_by_length.size() <= len) {
                bucket.complete_by_length.resize(len + 1);
                bucket.complete_union.resize(len + 1);
              }
              bucket.complete_by_length[len].push_back(id);
              std::vector<ByteSet>& u = bucket.complete_union[len];
              u.resize(len);
              for (size_t i = 0; i < len; ++i) u[i] |= shape.chars[i];
            } else {
              bucket.open.push_back(id);
            }
          }
        }
        follow = index.shape_groups_[it->second].follow;
      }
      Follow& fo = index.follows_[follow];
      if (e.any_second) {
        AddRule(&fo.any_rules, rule);
        continue;
      }
      for (WordShape& s : e.second) {
        std::string second = s.complete ? s.Literal() : std::string();
        if (!second.empty()) {
          std::string key = std::to_string(follow) + ' ' + second;
          auto [pit, pfresh] = bd.pair_ids.try_emplace(key, static_cast<int32_t>(index.pair_rules_.size()));
          if (pfresh) index.pair_rules_.emplace_back();
          AddRule(&index.pair_rules_[pit->second], rule);
          fo.has_pairs = true;
          continue;
        }
        std::string key = ShapeKey(s);
        auto& slots = bd.second_index[follow];
        auto [sit, sfresh] = slots.try_emplace(key, 0);
        std::vector<SecondShape>* list;
        if (s.complete) {
          size_t len = s.chars.size();
          if (fo.by_length.size() <= len) fo.by_length.resize(len + 1);
          list = &fo.by_length[len];
        } else {
          list = &fo.open;
        }
        if (sfresh) {
          sit->second = list->size();
          list->push_back(SecondShape{std::move(s), {}});
        }
        AddRule(&(*list)[sit->second].rules, rule);
      }
    }
  }
  std::vector<std::pair<PackedKey, int32_t>> items;
  for (const auto& [word, id] : bd.follow_of_word) {
    PackedKey k;
    if (Pack(word, 0, &k)) items.emplace_back(k, static_cast<int32_t>(id));
  }
  index.words_.Build(items);
  items.clear();
  for (const auto& [key, id] : bd.pair_ids) {
    size_t space = key.find(' ');
    PackedKey k;
    uint32_t follow = static_cast<uint32_t>(std::stoul(key.substr(0, space)));
    if (Pack(std::string_view(key).substr(space + 1), follow + 1, &k)) items.emplace_back(k, id);
  }
  index.pairs_.Build(items);
  items.clear();
  for (const auto& [key, id] : auto_lits) {
    size_t space = key.find(' ');
    PackedKey k;
    uint32_t state = static_cast<uint32_t>(std::stoul(key.substr(0, space)));
    if (Pack(std::string_view(key).substr(space + 1), state + 1, &k)) items.emplace_back(k, id);
  }
  index.auto_words_.Build(items);
  return index;
}

void TriggerIndex::Follows(uint32_t follow, std::string_view second, size_t p,
                           std::vector<uint64_t>* out) const {
  const Follow& fo = follows_[follow];
  auto emit = [&](const std::vector<int>& rules) {
    for (int r : rules) out->push_back((static_cast<uint64_t>(r) << 32) | p);
  };
  emit(fo.any_rules);
  if (second.empty()) return;
  PackedKey pair;
  if (fo.has_pairs && Pack(second, follow + 1, &pair)) {
    int32_t pid = pairs_.Find(pair);
    if (pid >= 0) emit(pair_rules_[pid]);
  }
  if (second.size() < fo.by_length.size()) {
    for (const SecondShape& s : fo.by_length[second.size()]) {
      if (s.shape.Matches(second)) emit(s.rules);
    }
  }
  for (const SecondShape& s : fo.open) {
    if (s.shape.Matches(second)) emit(s.rules);
  }
}

namespace {

bool FitsUnion(const std::vector<ByteSet>& u, std::string_view word) {
  for (size_t i = 1; i < u.size(); ++i) {
    if (!u[i][static_cast<unsigned char>(word[i])]) return false;
  }
  return true;
}

}  // namespace

bool TriggerIndex::WordsMayMatch(int rule, std::string_view chunk, size_t p) const {
  int start = auto_start_[rule];
  if (start < 0) return true;
  const size_t n = chunk.size();
  const unsigned char* t = reinterpret_cast<const unsigned char*>(chunk.data());
  // At most a handful of states are alive at once.
  constexpr int kMaxAlive = 32;
  int cur[kMaxAlive], next[kMaxAlive];
  int ncur = 1, nnext = 0;
  cur[0] = start;
  size_t e = p;
  for (int step = 0; step < 8; ++step) {
    size_t b = e;
    while (b < n && !IsWordByte(t[b])) ++b;
    if (b >= n) return true;  // the text ends: let RE2 decide
    e = b;
    while (e < n && IsWordByte(t[e])) ++e;
    std::string_view word(chunk.data() + b, e - b);
    PackedKey key;
    bool packed = Pack(word, 0, &key);
    nnext = 0;
    auto push = [&](int target) {
      if (target < 0) return false;
      for (int k = 0; k < nnext; ++k) {
        if (next[k] == target) return true;
      }
      if (nnext == kMaxAlive) return false;  // too many: give up (may match)
      next[nnext++] = target;
      return true;
    };
    for (int k = 0; k < ncur; ++k) {
      const AutoState& st = auto_states_[cur[k]];
      if (packed) {
        key.tag = static_cast<uint32_t>(cur[k]) + 1;
        int32_t id = auto_words_.Find(key);
        if (id >= 0) {
          for (int target : auto_targets_[id]) {
            if (!push(target)) return true;
          }
        }
      }
      if (word.size() < st.by_length.size()) {
        for (const auto& [shape, target] : st.by_length[word.size()]) {
          if (shape.Matches(word) && !push(target)) return true;
        }
      }
      for (const auto& [shape, target] : st.open) {
        if (shape.Matches(word) && !push(target)) return true;
      }
    }
    if (nnext == 0) return false;
    for (int k = 0; k < nnext; ++k) {
      if (auto_states_[next[k]].can_end) return true;
      cur[k] = next[k];
    }
    ncur = nnext;
  }
  return true;
}

void TriggerIndex::Collect(std::string_view chunk, std::vector<uint64_t>* out) const {
  const size_t n = chunk.size();
  const unsigned char* t = reinterpret_cast<const unsigned char*>(chunk.data());
  bool prev_word = false;
  size_t next_b = n + 1, next_e = 0;  // the word found as "second" last time
  for (size_t p = 0; p < n; ++p) {
    unsigned char c = t[p];
    if (has_byte_rules_[c]) {
      // An ASCII start byte must be followed by a byte the pattern allows.
      int next = c < 0x80 && p + 1 < n ? t[p + 1] : -1;
      for (const ByteRule& br : byte_rules_[c]) {
        if (next < 0 || br.after[next]) out->push_back((static_cast<uint64_t>(br.rule) << 32) | p);
      }
    }
    bool is_word = IsWordByte(c);
    if (!is_word || prev_word) {
      prev_word = is_word;
      continue;
    }
    prev_word = true;
    size_t e;
    if (p == next_b) {
      e = next_e;
    } else {
      e = p + 1;
      while (e < n && IsWordByte(t[e])) ++e;
    }
    std::string_view word(chunk.data() + p, e - p);
    // The next word (empty at the end of the chunk).
    size_t b2 = e;
    while (b2 < n && !IsWordByte(t[b2])) ++b2;
    size_t e2 = b2;
    while (e2 < n && IsWordByte(t[e2])) ++e2;
    next_b = b2;
    next_e = e2;
    std::string_view second(chunk.data() + b2, e2 - b2);
    PackedKey key;
    if (Pack(word, 0, &key)) {
      int32_t id = words_.Find(key);
      if (id >= 0) Follows(static_cast<uint32_t>(id), second, p, out);
    }
    if (has_shapes_[c]) {
      const ByteBucket& bucket = shapes_[c];
      if (word.size() < bucket.complete_by_length.size() &&
          FitsUnion(bucket.complete_union[word.size()], word)) {
        for (uint32_t id : bucket.complete_by_length[word.size()]) {
          const ShapeGroup& g = shape_groups_[id];
          if (g.first.Matches(word)) Follows(g.follow, second, p, out);
        }
      }
      for (uint32_t id : bucket.open) {
        const ShapeGroup& g = shape_groups_[id];
        if (g.first.Matches(word)) Follows(g.follow, second, p, out);
      }
    }
  }
}

}  // namespace chronicle
