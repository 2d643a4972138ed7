// Checks on the whole TBAQ corpus (256 files): every file reads, passes
// Document::Validate, writes and reads back to the same Document, and the
// written <TEXT> holds the same characters as the original's by an
// independent tag-stripping; random truncations and byte flips of corpus
// files never crash the reader.
#include <random>
#include <regex>

#include <gtest/gtest.h>

#include "io/timeml.h"
#include "util/file.h"

namespace chronicle {
namespace {

std::vector<std::string> CorpusFiles() {
  Result<std::vector<std::string>> files =
      ListFiles(std::string(CHRONICLE_SHARED_DIR) + "/corpora/tbaq", {".tml"});
  EXPECT_TRUE(files.ok());
  return files.ok() ? files.value() : std::vector<std::string>{};
}

// The content of <TEXT> by a different road than the reader's: a regular
// expression drops the tags, then the entities are replaced.
std::string StrippedText(const std::string& xml) {
  size_t b = xml.find("<TEXT>");
  size_t e = xml.find("</TEXT>");
  if (b == std::string::npos || e == std::string::npos) return "<no TEXT>";
  std::string inner = xml.substr(b + 6, e - b - 6);
  inner = std::regex_replace(inner, std::regex("<[^>]*>"), "");
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (auto [from, to] : kEntities) {
    inner = std::regex_replace(inner, std::regex(from), to);
  }
  return inner;
}

void ExpectSameAnnotations(const Document& a, const Document& b, const std::string& path) {
  EXPECT_EQ(a.id, b.id) << path;
  EXPECT_EQ(a.text, b.text) << path;
  EXPECT_EQ(a.dct, b.dct) << path;
  EXPECT_EQ(a.dct_text, b.dct_text) << path;
  EXPECT_EQ(a.timexes, b.timexes) << path;
  EXPECT_EQ(a.events, b.events) << path;
  EXPECT_EQ(a.instances, b.instances) << path;
  EXPECT_EQ(a.signals, b.signals) << path;
  EXPECT_EQ(a.tlinks, b.tlinks) << path;
  EXPECT_EQ(a.slinks, b.slinks) << path;
  EXPECT_EQ(a.alinks, b.alinks) << path;
  EXPECT_EQ(a.raw_elements, b.raw_elements) << path;
}

TEST(TimeMLCorpusTest, AllFilesRoundTrip) {
  std::vector<std::string> files = CorpusFiles();
  ASSERT_EQ(files.size(), 256u);
  size_t timexes = 0, events = 0, instances = 0, signals = 0, tlinks = 0, slinks = 0,
         alinks = 0, warned_files = 0;
  for (const std::string& path : files) {
    Result<std::string> bytes = ReadFile(path);
    ASSERT_TRUE(bytes.ok()) << path;
    std::vector<Error> warnings;
    Result<Document> doc = ParseTimeML(bytes.value(), path, &warnings);
    ASSERT_TRUE(doc.ok()) << doc.error().Pretty();
    for (const Error& w : warnings) std::cout << "corpus warning: " << w.ToString() << "\n";
    warned_files += !warnings.empty();
    const Document& d = doc.value();
    Status valid = d.Validate();
    EXPECT_TRUE(valid.ok()) << (valid.ok() ? "" : valid.error().ToString());
    EXPECT_EQ(d.id, Stem(path));
    ASSERT_TRUE(d.dct.has_value());
    EXPECT_EQ(d.dct->function_in_document, "CREATION_TIME") << path;
    EXPECT_FALSE(d.raw_elements.empty()) << path;  // every file has an EXTRAINFO or so
    timexes += d.timexes.size();
    events += d.events.size();
    instances += d.instances.size();
    signals += d.signals.size();
    tlinks += d.tlinks.size();
    slinks += d.slinks.size();
    alinks += d.alinks.size();

    // The reader's text equals an independent strip of the original.
    EXPECT_EQ(d.text, StrippedText(bytes.value())) << path;
    // Every span's text is the tag content of the original.
    for (const Timex& x : d.timexes) EXPECT_FALSE(x.span.empty()) << path << " " << x.id;

    std::string written = WriteTimeML(d);
    EXPECT_EQ(StrippedText(written), StrippedText(bytes.value())) << path;
    std::vector<Error> warnings2;
    Result<Document> again = ParseTimeML(written, path, &warnings2);
    ASSERT_TRUE(again.ok()) << again.error().Pretty() << "\n" << written;
    ExpectSameAnnotations(d, again.value(), path);
    // The written file raises exactly the warnings the original did, minus
    // those about references the reader already dropped.
    EXPECT_LE(warnings2.size(), warnings.size()) << path;
    // Writing is deterministic and a fixed point after one round.
    EXPECT_EQ(WriteTimeML(again.value()), written) << path;
  }
  std::cout << "timexes " << timexes << " events " << events << " instances " << instances
            << " signals " << signals << " tlinks " << tlinks << " slinks " << slinks
            << " alinks " << alinks << " files with warnings " << warned_files << "\n";
  // The corpus README: ~1,820 TIMEX3 in text, ~11,100 EVENT, ~11,100 TLINK.
  EXPECT_EQ(timexes, 1822u);
  EXPECT_EQ(events, 11129u);
  EXPECT_EQ(signals, 268u);
  EXPECT_GT(tlinks, 11000u);
}

TEST(TimeMLCorpusTest, TruncationsAndFlipsNeverCrash) {
  std::vector<std::string> files = CorpusFiles();
  ASSERT_FALSE(files.empty());
  std::mt19937 rng(20130614);
  static const char kBytes[] = "<>/&;\"'= \nTEXTIMX3#x0a";
  size_t ok = 0, failed = 0;
  for (int round = 0; round < 400; ++round) {
    const std::string& path = files[rng() % files.size()];
    Result<std::string> bytes = ReadFile(path);
    ASSERT_TRUE(bytes.ok());
    std::string s = bytes.value();
    if (round % 2 == 0) {
      s.resize(rng() % (s.size() + 1));
    } else {
      int flips = 1 + static_cast<int>(rng() % 8);
      for (int k = 0; k < flips; ++k) {
        s[rng() % s.size()] = kBytes[rng() % (sizeof kBytes - 1)];
      }
    }
    std::vector<Error> warnings;
    Result<Document> doc = ParseTimeML(s, path, &warnings);
    if (doc.ok()) {
      ++ok;
      // Whatever was read writes and reads back.
      Result<Document> again = ParseTimeML(WriteTimeML(doc.value()), path, nullptr);
      ASSERT_TRUE(again.ok()) << again.error().ToString();
      EXPECT_EQ(again.value().text, doc.value().text);
    } else {
      ++failed;
      EXPECT_FALSE(doc.error().message.empty());
      EXPECT_GT(doc.error().line, 0) << doc.error().ToString();
    }
  }
  std::cout << ok << " read, " << failed << " refused\n";
  EXPECT_GT(failed, 0u);
  EXPECT_GT(ok, 0u);
}

}  // namespace
}  // namespace chronicle
