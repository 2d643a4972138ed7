// Every TimeML document of the TempEval-3 corpus (TimeBank and AQUAINT) read
// with io/timeml.h goes through JSON and back unchanged: same JSON bytes on
// the second write, same entities and links, same TimeML written.
#include <iostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "io/json.h"
#include "io/timeml.h"
#include "util/file.h"

namespace chronicle {
namespace {

TEST(JsonCorpusTest, TimeMLDocumentsRoundTripThroughJson) {
  std::vector<std::string> files;
  for (const char* part : {"TimeBank", "AQUAINT"}) {
    Result<std::vector<std::string>> list =
        ListFiles(std::string(CHRONICLE_SHARED_DIR) + "/corpora/tbaq/" + part, {".tml"});
    ASSERT_TRUE(list.ok()) << list.error().ToString();
    files.insert(files.end(), list.value().begin(), list.value().end());
  }
  ASSERT_EQ(files.size(), 256u);
  size_t timexes = 0, events = 0, tlinks = 0, non_ascii = 0;
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    Result<std::string> content = ReadFile(path);
    ASSERT_TRUE(content.ok());
    std::vector<Error> warnings;
    Result<Document> doc = ParseTimeML(content.value(), path, &warnings);
    ASSERT_TRUE(doc.ok()) << doc.error().ToString();
    const Document& d = doc.value();
    for (bool pretty : {true, false}) {
      std::string json = WriteJson(d, pretty);
      Result<Document> back = ParseJson(json, path, 0);
      ASSERT_TRUE(back.ok()) << back.error().Pretty();
      const Document& b = back.value();
      EXPECT_EQ(WriteJson(b, pretty), json);
      EXPECT_EQ(b.id, d.id);
      EXPECT_EQ(b.text, d.text);
      EXPECT_EQ(b.dct, d.dct);
      EXPECT_EQ(b.dct_text, d.dct_text);
      EXPECT_EQ(b.timexes, d.timexes);
      EXPECT_EQ(b.events, d.events);
      EXPECT_EQ(b.instances.size(), d.instances.size());
      EXPECT_EQ(b.signals, d.signals);
      EXPECT_EQ(b.tlinks, d.tlinks);
      EXPECT_EQ(b.slinks, d.slinks);
      EXPECT_EQ(b.alinks, d.alinks);
      EXPECT_EQ(b.raw_elements, d.raw_elements);
      // TimeML from the JSON is the TimeML of the original, once the
      // original's MAKEINSTANCEs are in event order (the one thing JSON
      // does not keep).
      Document ordered = d;
      ordered.instances.clear();
      for (const Event& e : d.events) {
        for (const EventInstance& ei : d.instances) {
          if (ei.event_id == e.id) ordered.instances.push_back(ei);
        }
      }
      EXPECT_EQ(WriteTimeML(b), WriteTimeML(ordered));
    }
    timexes += d.timexes.size();
    events += d.events.size();
    tlinks += d.tlinks.size();
    for (unsigned char c : d.text) non_ascii += c >= 0x80;
  }
  // The corpus has annotations of every kind (so the loop above tested them).
  EXPECT_GT(timexes, 1000u);
  EXPECT_GT(events, 10000u);
  EXPECT_GT(tlinks, 5000u);
  std::cout << files.size() << " files, " << timexes << " TIMEX3, " << events << " EVENT, "
            << tlinks << " TLINK, " << non_ascii << " non-ASCII bytes\n";
}

}  // namespace
}  // namespace chronicle
