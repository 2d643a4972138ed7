// Corpus checks of the relation stage on TimeBank (the training split): each
// sieve on its own, and the shipped model on the training documents.
#include <iostream>

#include <gtest/gtest.h>

#include "io/timeml.h"
#include "reason/temporal_graph.h"
#include "relation/relation_tagger.h"
#include "util/file.h"

namespace chronicle {
namespace {

const std::string kSource = CHRONICLE_SOURCE_DIR;
const std::string kTimeBank = std::string(CHRONICLE_SHARED_DIR) + "/corpora/tbaq/TimeBank";

// Prints the table of docs/benchmarks/relations.md and holds every sieve to
// the precision that justifies running it before the classifier.
TEST(RelationCorpusTest, EachSieveOnTimeBank) {
  Result<std::vector<std::string>> files = ListFiles(kTimeBank, {".tml"});
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files.value().size(), 183u);
  std::vector<SieveMeasure> m;
  Status s = MeasureSieves(files.value(), kSource + "/data", &std::cout, &m);
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  ASSERT_EQ(m.size(), 5u);
  for (const SieveMeasure& x : m) {
    SCOPED_TRACE(x.sieve);
    EXPECT_GT(x.decided, 50);
    ASSERT_GT(x.correct + x.wrong, 0);
    EXPECT_GE(double(x.correct) / double(x.correct + x.wrong), 0.65);
  }
}

// The shipped model on TimeBank documents: output always consistent and
// reduced, ids unique, every link between entities of the document.
TEST(RelationCorpusTest, ShippedModelGivesConsistentReducedGraphs) {
  Result<RelationTagger> t =
      RelationTagger::Load(kSource + "/models/relations.model", kSource + "/data");
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  Result<std::vector<std::string>> files = ListFiles(kTimeBank, {".tml"});
  ASSERT_TRUE(files.ok());
  int64_t links = 0;
  for (const std::string& f : files.value()) {
    Result<Document> d = ParseTimeML(ReadFile(f).value(), f, nullptr);
    ASSERT_TRUE(d.ok());
    Document doc = std::move(d).value();
    doc.tlinks.clear();
    t.value().Annotate(&doc);
    ASSERT_TRUE(doc.Validate().ok()) << f << ": " << doc.Validate().error().ToString();
    std::vector<Link> l;
    for (const TLink& x : doc.tlinks) l.push_back({x.source_id, *ParseTimeMLRel(x.rel_type), x.target_id});
    EXPECT_FALSE(FindConflict(l)) << f;
    EXPECT_EQ(Reduce(l).kept.size(), l.size()) << f;
    links += static_cast<int64_t>(l.size());
  }
  EXPECT_GT(links, 1000);
}

}  // namespace
}  // namespace chronicle
