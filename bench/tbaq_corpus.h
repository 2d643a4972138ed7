// The benchmarks' corpus: all 256 TBAQ documents (TimeBank, then AQUAINT),
// each reduced to its text and DCT as `chronicle annotate` would see it.
// Exits with a message when the corpus is missing. Loaded once; thread-safe
// after the first call.
#ifndef CHRONICLE_BENCH_TBAQ_CORPUS_H_
#define CHRONICLE_BENCH_TBAQ_CORPUS_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "io/timeml.h"
#include "util/file.h"

namespace chronicle {

inline const std::vector<Document>& TbaqDocuments() {
  static const std::vector<Document> docs = [] {
    std::vector<Document> out;
    for (const char* sub : {"/corpora/tbaq/TimeBank", "/corpora/tbaq/AQUAINT"}) {
      auto files = ListFiles(std::string(CHRONICLE_SHARED_DIR) + sub, {".tml"});
      if (!files.ok()) continue;
      for (const auto& f : files.value()) {
        auto content = ReadFile(f);
        if (!content.ok()) continue;
        auto doc = ParseTimeML(content.value(), f, nullptr);
        if (!doc.ok()) continue;
        Document d = std::move(doc).value();
        d.ClearAnnotations();
        out.push_back(std::move(d));
      }
    }
    if (out.empty()) {
      std::fprintf(stderr, "no TBAQ documents under %s/corpora/tbaq\n", CHRONICLE_SHARED_DIR);
      std::exit(1);
    }
    return out;
  }();
  return docs;
}

// The bytes of text of TbaqDocuments().
inline int64_t TbaqBytes() {
  int64_t n = 0;
  for (const Document& d : TbaqDocuments()) n += static_cast<int64_t>(d.text.size());
  return n;
}

}  // namespace chronicle

#endif  // CHRONICLE_BENCH_TBAQ_CORPUS_H_
