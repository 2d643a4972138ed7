#include "syntax/clusters.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include <fmt/core.h>

#include "learn/hash.h"
#include "syntax/corpus.h"
#include "syntax/word_info.h"
#include "util/strings.h"
#include "util/file.h"

namespace chronicle {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// The text inside <TEXT>...</TEXT> (the whole input when there is none),
// with markup removed and the five XML entities decoded.
std::string TimeMlText(std::string_view xml) {
  size_t b = xml.find("<TEXT>");
  size_t e = xml.rfind("</TEXT>");
  if (b != std::string_view::npos && e != std::string_view::npos && e > b) {
    xml = xml.substr(b + 6, e - b - 6);
  }
  std::string out;
  out.reserve(xml.size());
  for (size_t i = 0; i < xml.size(); ++i) {
    char c = xml[i];
    if (c == '<') {
      size_t close = xml.find('>', i);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '&') {
      static const std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (auto [name, ch] : kEntities) {
        if (xml.substr(i, name.size()) == name) {
          out += ch;
          i += name.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += c;
  }
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::vector<std::string> ClusterTokens(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t j = i;
    while (j < text.size() && !IsSpace(text[j])) ++j;
    std::string_view w = text.substr(i, j - i);
    i = j;
    if (w.empty()) continue;
    static constexpr std::string_view kLead = "\"'([{`";
    static constexpr std::string_view kTrail = "\"'.,;:!?)]}";
    while (w.size() > 1 && kLead.find(w.front()) != std::string_view::npos) {
      out.emplace_back(w.substr(0, 1));
      w.remove_prefix(1);
    }
    std::vector<std::string> tail;
    while (w.size() > 1 && kTrail.find(w.back()) != std::string_view::npos) {
      // "U.S." keeps its final period.
      if (w.back() == '.' && w.substr(0, w.size() - 1).find('.') != std::string_view::npos) break;
      tail.emplace_back(w.substr(w.size() - 1));
      w.remove_suffix(1);
    }
    std::string lower = LowerAscii(w);
    size_t cut = w.size();
    if (lower.size() > 3 && lower.ends_with("n't")) {
      cut = w.size() - 3;
    } else {
      for (std::string_view c : {"'s", "'re", "'ve", "'ll", "'d", "'m"}) {
        if (lower.size() > c.size() && lower.ends_with(c)) {
          cut = w.size() - c.size();
          break;
        }
      }
    }
    if (cut > 0) out.emplace_back(w.substr(0, cut));
    if (cut < w.size()) out.emplace_back(w.substr(cut));
    for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.push_back(*it);
  }
  return out;
}

Result<std::string> LearnClusters(const ClusterOptions& o, std::ostream* progress) {
  // Sentences (or lines) of lowercased words.
  std::vector<std::vector<std::string>> sentences;
  for (const std::string& f : o.text_files) {
    Result<std::string> bytes = ReadFile(f);
    if (!bytes.ok()) return bytes.error();
    std::string text = TimeMlText(bytes.value());
    size_t start = 0;
    std::string_view line;
    while (NextLine(text, &start, &line)) {
      std::vector<std::string> toks = ClusterTokens(line);
      if (!toks.empty()) {
        for (std::string& t : toks) t = LowerAscii(t);
        sentences.push_back(std::move(toks));
      }
    }
  }
  for (const std::string& f : o.conllu_files) {
    Result<Document> doc = ReadConlluFile(f);
    if (!doc.ok()) return doc.error();
    const Document& d = doc.value();
    for (auto [first, end] : TokenRanges(d)) {
      std::vector<std::string> s;
      for (uint32_t t = first; t < end; ++t) s.push_back(LowerAscii(d.Text(d.tokens[t].span)));
      if (!s.empty()) sentences.push_back(std::move(s));
    }
  }
  std::map<std::string, int64_t> counts;
  int64_t tokens = 0;
  for (const auto& s : sentences) {
    for (const auto& w : s) ++counts[w];
    tokens += static_cast<int64_t>(s.size());
  }
  std::vector<std::pair<int64_t, std::string>> by_count;
  for (const auto& [w, c] : counts) {
    if (c >= o.min_count) by_count.emplace_back(-c, w);
  }
  std::sort(by_count.begin(), by_count.end());
  if (static_cast<int>(by_count.size()) > o.max_words) by_count.resize(o.max_words);
  const int n = static_cast<int>(by_count.size());
  const int kmax = *std::max_element(o.sizes.begin(), o.sizes.end());
  if (n < kmax) {
    return Error::Usage(fmt::format("word clusters: {} words seen {}+ times, fewer than {} clusters", n,
                                    o.min_count, kmax));
  }
  std::unordered_map<std::string, int> id;
  for (int i = 0; i < n; ++i) id.emplace(by_count[i].second, i);
  const int nctx = std::min(o.context_words, n);
  const int boundary = nctx;           // context id of a sentence edge
  const int dims = 2 * (nctx + 1);     // left contexts, then right contexts
  if (progress) {
    *progress << fmt::format("clusters: {} sentences, {} tokens, {} words, {} context words", sentences.size(),
                             tokens, n, nctx)
              << std::endl;
  }
  // Co-occurrence counts per word (ordered maps: deterministic).
  std::vector<std::map<int, float>> cooc(n);
  std::vector<double> ctx_total(dims, 0.0);
  std::vector<double> word_total(n, 0.0);
  double grand = 0;
  auto ctx_of = [&](const std::vector<std::string>& s, int j) {
    if (j < 0 || j >= static_cast<int>(s.size())) return boundary;
    auto it = id.find(s[j]);
    return it != id.end() && it->second < nctx ? it->second : -1;
  };
  for (const auto& s : sentences) {
    for (int j = 0; j < static_cast<int>(s.size()); ++j) {
      auto it = id.find(s[j]);
      if (it == id.end()) continue;
      int w = it->second;
      int l = ctx_of(s, j - 1), r = ctx_of(s, j + 1);
      if (l >= 0) {
        cooc[w][l] += 1;
        ctx_total[l] += 1;
        word_total[w] += 1;
        grand += 1;
      }
      if (r >= 0) {
        cooc[w][nctx + 1 + r] += 1;
        ctx_total[nctx + 1 + r] += 1;
        word_total[w] += 1;
        grand += 1;
      }
    }
  }
  // Sparse PPMI vectors, L2-normalized.
  std::vector<std::vector<std::pair<int, float>>> vec(n);
  for (int w = 0; w < n; ++w) {
    double norm = 0;
    for (const auto& [d, c] : cooc[w]) {
      double pmi = std::log(c * grand / (word_total[w] * ctx_total[d]));
      if (pmi <= 0) continue;
      vec[w].emplace_back(d, static_cast<float>(pmi));
      norm += pmi * pmi;
    }
    if (norm > 0) {
      float inv = static_cast<float>(1.0 / std::sqrt(norm));
      for (auto& [d, v] : vec[w]) v *= inv;
    }
  }
  cooc.clear();

  std::vector<std::array<uint16_t, kClusterLevels>> result(n);
  for (int level = 0; level < kClusterLevels; ++level) {
    const int k = o.sizes[level];
    // Centroids stored dimension-major: cent[d * k + c].
    std::vector<float> cent(static_cast<size_t>(dims) * k, 0.0f);
    for (int c = 0; c < k; ++c) {
      for (auto [d, v] : vec[c]) cent[static_cast<size_t>(d) * k + c] = v;
    }
    std::vector<int> assign(n, -1);
    std::vector<float> scores(k);
    for (int it = 0; it < o.iterations; ++it) {
      int changed = 0;
      for (int w = 0; w < n; ++w) {
        std::fill(scores.begin(), scores.end(), 0.0f);
        for (auto [d, v] : vec[w]) {
          const float* row = &cent[static_cast<size_t>(d) * k];
          for (int c = 0; c < k; ++c) scores[c] += v * row[c];
        }
        int best = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
        if (best != assign[w]) ++changed;
        assign[w] = best;
      }
      std::fill(cent.begin(), cent.end(), 0.0f);
      for (int w = 0; w < n; ++w) {
        for (auto [d, v] : vec[w]) cent[static_cast<size_t>(d) * k + assign[w]] += v;
      }
      std::vector<double> norm(k, 0.0);
      for (int d = 0; d < dims; ++d) {
        for (int c = 0; c < k; ++c) norm[c] += double(cent[size_t(d) * k + c]) * cent[size_t(d) * k + c];
      }
      for (int d = 0; d < dims; ++d) {
        for (int c = 0; c < k; ++c) {
          if (norm[c] > 0) cent[size_t(d) * k + c] = static_cast<float>(cent[size_t(d) * k + c] / std::sqrt(norm[c]));
        }
      }
      if (progress) {
        *progress << fmt::format("clusters: {} clusters, iteration {}/{}: {} words moved", k, it + 1,
                                 o.iterations, changed)
                  << std::endl;
      }
      if (changed == 0) break;
    }
    for (int w = 0; w < n; ++w) result[w][level] = static_cast<uint16_t>(assign[w]);
  }

  std::string out = fmt::format(
      "# word clusters (syntax/clusters.h): spherical k-means over positive-PMI vectors of left and "
      "right neighbours\n# min_count={} max_words={} context_words={} sizes={},{},{} iterations={}\n"
      "# {} sentences, {} tokens, {} words\n",
      o.min_count, o.max_words, o.context_words, o.sizes[0], o.sizes[1], o.sizes[2], o.iterations,
      sentences.size(), tokens, n);
  for (int w = 0; w < n; ++w) {
    out += by_count[w].second;
    for (int level = 0; level < kClusterLevels; ++level) out += fmt::format("\t{}", result[w][level]);
    out += '\n';
  }
  return out;
}

Status TrainClusters(const ClusterOptions& o, const std::string& output_path, std::ostream* progress) {
  Result<std::string> table = LearnClusters(o, progress);
  if (!table.ok()) return table.error();
  return WriteFileAtomic(output_path, table.value());
}

Result<WordClusters> WordClusters::Parse(std::string_view text, const std::string& file_name) {
  WordClusters c;
  int line_no = 0;
  size_t start = 0;
  std::string_view line;
  while (NextLine(text, &start, &line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) {
      return Error::Invalid("expected word<TAB>cluster ids, found no tab", file_name, line_no, 1);
    }
    std::array<uint16_t, kClusterLevels> ids{};
    size_t pos = tab;
    for (int level = 0; level < kClusterLevels; ++level) {
      if (pos >= line.size() || line[pos] != '\t') {
        return Error::Invalid(fmt::format("expected {} cluster ids", kClusterLevels), file_name, line_no,
                              static_cast<int>(pos) + 1);
      }
      ++pos;
      unsigned v = 0;
      auto [p, ec] = std::from_chars(line.data() + pos, line.data() + line.size(), v);
      if (ec != std::errc() || v > 65535) {
        return Error::Invalid("expected a cluster id (0-65535)", file_name, line_no, static_cast<int>(pos) + 1);
      }
      ids[level] = static_cast<uint16_t>(v);
      pos = static_cast<size_t>(p - line.data());
    }
    if (pos != line.size()) {
      return Error::Invalid("expected the end of the line after the cluster ids", file_name, line_no,
                            static_cast<int>(pos) + 1);
    }
    WordInfo info;
    ComputeWordInfo(line.substr(0, tab), &info);
    c.table[FeatureKey(info.lower)] = ids;
  }
  return c;
}

Result<WordClusters> WordClusters::Load(const std::string& path) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.error();
  return Parse(bytes.value(), path);
}

void ReadClusterTable(ModelReader* in, std::unordered_map<uint32_t, uint32_t>* out) {
  std::vector<uint32_t> keys = in->U32s("the word cluster keys");
  std::vector<uint32_t> values = in->U32s("the word clusters");
  if (in->ok() && keys.size() != values.size()) {
    in->Fail(fmt::format("expected {} word clusters, found {}", keys.size(), values.size()));
  }
  if (in->ok() && keys.empty()) in->Fail("expected word clusters, found none");
  for (size_t i = 0; in->ok() && i < keys.size(); ++i) out->emplace(keys[i], values[i]);
}

}  // namespace chronicle
