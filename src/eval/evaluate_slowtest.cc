// The whole TBAQ corpus (TimeBank + AQUAINT, 256 files) scored against
// itself must give 100 on every measure, also when the system copy renames
// every id and lists its TLINKs in reverse order (so links are mapped by
// span and verified by closure, not by id or file order).
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include "eval/evaluate.h"
#include "io/timeml.h"
#include "util/file.h"

namespace chronicle {
namespace {

std::vector<Document> LoadCorpus() {
  std::vector<Document> docs;
  for (const char* part : {"TimeBank", "AQUAINT"}) {
    std::string dir = std::string(CHRONICLE_SHARED_DIR) + "/corpora/tbaq/" + part;
    Result<std::vector<std::string>> files = ListFiles(dir, {".tml"});
    EXPECT_TRUE(files.ok()) << dir;
    if (!files.ok()) continue;
    for (const std::string& f : files.value()) {
      Result<std::string> bytes = ReadFile(f);
      EXPECT_TRUE(bytes.ok()) << f;
      if (!bytes.ok()) continue;
      Result<Document> d = ParseTimeML(bytes.value(), f, nullptr);
      EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().ToString());
      if (d.ok()) docs.push_back(std::move(d).value());
    }
  }
  return docs;
}

const std::vector<Document>& Corpus() {
  static const std::vector<Document> docs = LoadCorpus();
  return docs;
}

void ExpectPerfect(const PrfCounts& c, const std::string& what) {
  EXPECT_EQ(c.system, c.gold) << what;
  EXPECT_EQ(c.system_correct, c.system) << what;
  EXPECT_EQ(c.gold_correct, c.gold) << what;
  EXPECT_DOUBLE_EQ(c.F1(), 1.0) << what;
}

void ExpectAllPerfect(const EvalReport& r) {
  for (const auto* e : {&r.timex, &r.event}) {
    ExpectPerfect(e->strict, "strict");
    ExpectPerfect(e->relaxed, "relaxed");
    for (const AttributeScore& a : e->attributes) ExpectPerfect(a.prf, a.name);
  }
  ExpectPerfect(r.tlink.awareness, "tlink");
}

// Renames t<N> (not the DCT) to tx<N>, e<N> to ex<N>, ei<N> to eix<N>, and
// reverses the TLINK order.
Document Renamed(const Document& d) {
  Document s = d;
  auto tid = [&](const std::string& id) { return s.dct && id == s.dct->id ? id : "tx" + id; };
  for (Timex& t : s.timexes) t.id = tid(t.id);
  for (Event& e : s.events) e.id = "x" + e.id;
  for (EventInstance& i : s.instances) {
    i.id = "x" + i.id;
    i.event_id = "x" + i.event_id;
  }
  for (TLink& l : s.tlinks) {
    l.source_id = l.source_is_event ? "x" + l.source_id : tid(l.source_id);
    l.target_id = l.target_is_event ? "x" + l.target_id : tid(l.target_id);
  }
  std::reverse(s.tlinks.begin(), s.tlinks.end());
  return s;
}

TEST(EvaluateCorpus, TbaqAgainstItselfIsPerfect) {
  const std::vector<Document>& docs = Corpus();
  ASSERT_EQ(docs.size(), 256u);
  std::vector<std::pair<const Document*, const Document*>> pairs;
  for (const Document& d : docs) pairs.emplace_back(&d, &d);
  Result<EvalReport> r = Evaluate(pairs);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r.value().documents, 256);
  ExpectAllPerfect(r.value());
  std::cout << FormatReport(r.value());
}

TEST(EvaluateCorpus, RenamedIdsAndReorderedLinksStillPerfect) {
  const std::vector<Document>& docs = Corpus();
  std::vector<Document> renamed;
  renamed.reserve(docs.size());
  for (const Document& d : docs) renamed.push_back(Renamed(d));
  std::vector<std::pair<const Document*, const Document*>> pairs;
  for (size_t i = 0; i < docs.size(); ++i) pairs.emplace_back(&docs[i], &renamed[i]);
  Result<EvalReport> r = Evaluate(pairs);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const EvalReport& rep = r.value();
  ExpectPerfect(rep.timex.strict, "timex");
  ExpectPerfect(rep.event.strict, "event");
  for (const AttributeScore& a : rep.event.attributes) ExpectPerfect(a.prf, a.name);
  // The reduced sets differ in size (the reduction is greedy in link order:
  // reversed, other links come out redundant), but each side verifies all of
  // the other.
  const PrfCounts& t = rep.tlink.awareness;
  EXPECT_EQ(t.system_correct, t.system);
  EXPECT_EQ(t.gold_correct, t.gold);
  EXPECT_NE(t.system, t.gold);
  EXPECT_EQ(rep.tlink.system_links_unmatched, 0);
}

TEST(EvaluateCorpus, DroppingLinksLowersRecallOnly) {
  // Keep every other TLINK in the system copy: each kept link is gold, so
  // precision stays 100, and recall must fall (not every dropped link is
  // implied by the kept ones).
  const std::vector<Document>& docs = Corpus();
  std::vector<Document> halves;
  for (const Document& d : docs) {
    Document h = d;
    h.tlinks.clear();
    for (size_t i = 0; i < d.tlinks.size(); i += 2) h.tlinks.push_back(d.tlinks[i]);
    halves.push_back(std::move(h));
  }
  std::vector<std::pair<const Document*, const Document*>> pairs;
  for (size_t i = 0; i < docs.size(); ++i) pairs.emplace_back(&docs[i], &halves[i]);
  Result<EvalReport> r = Evaluate(pairs);
  ASSERT_TRUE(r.ok());
  const PrfCounts& t = r.value().tlink.awareness;
  EXPECT_DOUBLE_EQ(t.Precision(), 1.0);
  EXPECT_LT(t.Recall(), 0.9);
  EXPECT_GT(t.Recall(), 0.3);
  std::cout << "every other TLINK: P " << 100 * t.Precision() << " R " << 100 * t.Recall()
            << " F1 " << 100 * t.F1() << "\n";
}

}  // namespace
}  // namespace chronicle
