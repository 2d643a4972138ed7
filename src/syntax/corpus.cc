#include "syntax/corpus.h"

#include "io/conllu.h"
#include "util/file.h"

namespace chronicle {

Result<Document> ReadConlluFile(const std::string& path) {
  Result<std::string> content = ReadFile(path);
  if (!content.ok()) return content.error();
  return ParseConllu(content.value(), path);
}

Result<Document> ReadConlluFiles(const std::string& first, const std::vector<std::string>& more) {
  if (more.empty()) return ReadConlluFile(first);
  std::vector<std::string> paths = {first};
  paths.insert(paths.end(), more.begin(), more.end());
  std::vector<std::string> contents;
  std::string all;
  for (const std::string& path : paths) {
    Result<std::string> content = ReadFile(path);
    if (!content.ok()) return content.error();
    all += content.value();
    // A file's last sentence must end before the next file's first one.
    if (!all.empty() && all.back() != '\n') all += '\n';
    all += '\n';
    contents.push_back(std::move(content.value()));
  }
  Result<Document> doc = ParseConllu(all, first + " + ...");
  if (doc.ok()) return doc;
  // Only on failure: parse the files alone, so that the error carries the
  // name and line of the file it is in.
  for (size_t i = 0; i < paths.size(); ++i) {
    Result<Document> alone = ParseConllu(contents[i], paths[i]);
    if (!alone.ok()) return alone.error();
  }
  return doc;
}

std::vector<std::pair<uint32_t, uint32_t>> TokenRanges(const Document& doc) {
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  std::vector<std::pair<uint32_t, uint32_t>> out;
  std::vector<bool> covered(n, false);
  for (const Sentence& s : doc.sentences) {
    uint32_t e = std::min(s.end_token, n);
    if (s.first_token >= e) continue;
    out.emplace_back(s.first_token, e);
    for (uint32_t i = s.first_token; i < e; ++i) covered[i] = true;
  }
  for (uint32_t i = 0; i < n;) {
    if (covered[i]) {
      ++i;
      continue;
    }
    uint32_t j = i;
    while (j < n && !covered[j]) ++j;
    out.emplace_back(i, j);
    i = j;
  }
  return out;
}

std::string TrainingDataNote(const std::string& train_path) {
  std::string name = BaseName(train_path);
  if (name.find("en_ewt") != std::string::npos) {
    name += " (Universal Dependencies English Web Treebank, CC BY-SA 4.0)";
  }
  return name;
}

std::string TrainingDataNote(const std::string& first, const std::vector<std::string>& more) {
  std::string note = TrainingDataNote(first);
  for (const std::string& path : more) note += " + " + TrainingDataNote(path);
  return note;
}

std::string SettingLine(const std::string& key, const std::string& value) {
  std::string v = value;
  for (char& c : v) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return key + "=" + v + "\n";
}

Document SubDocument(const Document& doc, const std::vector<std::pair<uint32_t, uint32_t>>& ranges,
                     const std::vector<size_t>& which) {
  Document out;
  for (size_t r : which) {
    auto [first, end] = ranges[r];
    if (first == end) continue;
    if (!out.text.empty()) out.text += ' ';
    const uint32_t begin = doc.tokens[first].span.begin;
    const uint32_t stop = doc.tokens[end - 1].span.end;
    const uint32_t base = static_cast<uint32_t>(out.text.size());
    out.text.append(doc.text, begin, stop - begin);
    Sentence s;
    s.span = Span{base, base + (stop - begin)};
    s.first_token = static_cast<uint32_t>(out.tokens.size());
    for (uint32_t i = first; i < end; ++i) {
      Token t = doc.tokens[i];
      t.span = Span{t.span.begin - begin + base, t.span.end - begin + base};
      if (t.head >= 0) t.head = t.head - static_cast<int32_t>(first) + static_cast<int32_t>(s.first_token);
      out.tokens.push_back(std::move(t));
    }
    s.end_token = static_cast<uint32_t>(out.tokens.size());
    out.sentences.push_back(s);
  }
  return out;
}

}  // namespace chronicle
