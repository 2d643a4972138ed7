#include "event/instance_rules.h"

#include <sstream>

#include <gtest/gtest.h>

namespace chronicle {
namespace {

// Builds a one-sentence document from "word/TAG word/TAG ..." (a bare word
// has no tag); the event is the token written with a leading '*'. Returns
// the event's token index in *event.
Document Tagged(const std::string& spec, uint32_t* event) {
  Document doc;
  std::istringstream in(spec);
  std::string item;
  while (in >> item) {
    if (!item.empty() && item[0] == '*') {
      *event = static_cast<uint32_t>(doc.tokens.size());
      item = item.substr(1);
    }
    std::string word = item, tag;
    size_t slash = item.rfind('/');
    if (slash != std::string::npos && slash > 0) {
      word = item.substr(0, slash);
      tag = item.substr(slash + 1);
    }
    if (!doc.text.empty()) doc.text += ' ';
    Token t;
    t.span = {static_cast<uint32_t>(doc.text.size()),
              static_cast<uint32_t>(doc.text.size() + word.size())};
    t.xpos = tag;
    doc.text += word;
    doc.tokens.push_back(t);
  }
  doc.sentences.push_back({{0, static_cast<uint32_t>(doc.text.size())}, 0,
                           static_cast<uint32_t>(doc.tokens.size())});
  return doc;
}

InstanceRules Rules() {
  Result<InstanceRules> r =
      InstanceRules::Load(std::string(CHRONICLE_SOURCE_DIR) + "/data/en/event/verb_group.txt");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
  return std::move(r).value();
}

struct Case {
  const char* spec;
  const char* tense;
  const char* aspect;
  const char* polarity;
  const char* modality;
  const char* pos;
};

// Expectations written by hand from the TimeML guidelines and TimeBank.
const Case kCases[] = {
    {"Sales/NNS *fell/VBD sharply/RB", "PAST", "NONE", "POS", "", "VERB"},
    {"He/PRP *says/VBZ so/RB", "PRESENT", "NONE", "POS", "", "VERB"},
    {"They/PRP *say/VBP so/RB", "PRESENT", "NONE", "POS", "", "VERB"},
    {"It/PRP will/MD *rise/VB", "FUTURE", "NONE", "POS", "", "VERB"},
    {"It/PRP 'll/MD *rise/VB", "FUTURE", "NONE", "POS", "", "VERB"},
    {"It/PRP wo/MD n't/RB *rise/VB", "FUTURE", "NONE", "NEG", "", "VERB"},
    {"It/PRP would/MD *rise/VB", "NONE", "NONE", "POS", "would", "VERB"},
    {"It/PRP could/MD not/RB *rise/VB", "NONE", "NONE", "NEG", "could", "VERB"},
    {"It/PRP would/MD have/VB *risen/VBN", "NONE", "PERFECTIVE", "POS", "would", "VERB"},
    {"It/PRP has/VBZ *risen/VBN", "PRESENT", "PERFECTIVE", "POS", "", "VERB"},
    {"It/PRP had/VBD already/RB *risen/VBN", "PAST", "PERFECTIVE", "POS", "", "VERB"},
    {"It/PRP is/VBZ *rising/VBG", "PRESENT", "PROGRESSIVE", "POS", "", "VERB"},
    {"They/PRP were/VBD not/RB *rising/VBG", "PAST", "PROGRESSIVE", "NEG", "", "VERB"},
    {"It/PRP has/VBZ been/VBN *rising/VBG", "PRESENT", "PERFECTIVE_PROGRESSIVE", "POS", "",
     "VERB"},
    {"It/PRP 's/VBZ been/VBN *rising/VBG", "PRESENT", "PERFECTIVE_PROGRESSIVE", "POS", "",
     "VERB"},
    {"It/PRP was/VBD *sold/VBN", "PAST", "NONE", "POS", "", "VERB"},
    {"It/PRP is/VBZ being/VBG *sold/VBN", "PRESENT", "PROGRESSIVE", "POS", "", "VERB"},
    {"It/PRP has/VBZ not/RB been/VBN *sold/VBN", "PRESENT", "PERFECTIVE", "NEG", "", "VERB"},
    {"He/PRP did/VBD n't/RB *say/VB", "PAST", "NONE", "NEG", "", "VERB"},
    {"He/PRP never/RB *said/VBD that/DT", "PAST", "NONE", "NEG", "", "VERB"},
    {"plans/VBZ to/TO *buy/VB it/PRP", "INFINITIVE", "NONE", "POS", "", "VERB"},
    {"expected/VBN to/TO be/VB *completed/VBN", "INFINITIVE", "NONE", "POS", "", "VERB"},
    {"is/VBZ going/VBG to/TO *buy/VB", "FUTURE", "NONE", "POS", "", "VERB"},
    {"he/PRP is/VBZ *going/VBG home/NN", "PRESENT", "PROGRESSIVE", "POS", "", "VERB"},
    {"bombs/NNS exploded/VBD ,/, *killing/VBG dozens/NNS", "PRESPART", "NONE", "POS", "",
     "VERB"},
    {"hundreds/NNS *injured/VBN ,/,", "PAST", "NONE", "POS", "", "VERB"},
    {"there/EX was/VBD no/DT *agreement/NN", "NONE", "NONE", "NEG", "", "NOUN"},
    {"the/DT company/NN 's/POS *announcement/NN", "NONE", "NONE", "POS", "", "NOUN"},
    {"the/DT *production/NN of/IN cars/NNS", "NONE", "NONE", "POS", "", "NOUN"},
    {"it/PRP will/MD be/VB *ready/JJ", "FUTURE", "NONE", "POS", "", "ADJECTIVE"},
    {"he/PRP was/VBD not/RB *ill/JJ", "PAST", "NONE", "NEG", "", "ADJECTIVE"},
    {"a/DT *strong/JJ economy/NN", "NONE", "NONE", "POS", "", "ADJECTIVE"},
    {"It/PRP must/MD be/VB *sold/VBN", "NONE", "NONE", "POS", "must", "VERB"},
    // Without tags the word's ending stands in for the tag.
    {"it was *sold", "PAST", "NONE", "POS", "", "VERB"},
    {"it will not *rise", "FUTURE", "NONE", "NEG", "", "VERB"},
    {"the *agreement", "NONE", "NONE", "POS", "", "NOUN"},
};

TEST(InstanceRulesTest, TableOfVerbGroups) {
  InstanceRules rules = Rules();
  for (const Case& c : kCases) {
    uint32_t event = 0;
    Document doc = Tagged(c.spec, &event);
    InstanceAttributes a = rules.Infer(doc, 0, event);
    SCOPED_TRACE(c.spec);
    EXPECT_EQ(a.tense, c.tense);
    EXPECT_EQ(a.aspect, c.aspect);
    EXPECT_EQ(a.polarity, c.polarity);
    EXPECT_EQ(a.modality, c.modality);
    EXPECT_EQ(a.pos, c.pos);
  }
}

TEST(InstanceRulesTest, ChainStopsAtSentenceStart) {
  InstanceRules rules = Rules();
  uint32_t event = 0;
  Document doc = Tagged("It/PRP will/MD . *Rising/VBG prices/NNS", &event);
  InstanceAttributes a = rules.Infer(doc, 3, event);
  EXPECT_EQ(a.tense, "PRESPART");
}

TEST(InstanceRulesTest, BadFilesNameTheLine) {
  Result<InstanceRules> r = InstanceRules::Parse("will future\nwould modal\n", "vg.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(), "vg.txt:2: role \"modal\" needs =VALUE");
  r = InstanceRules::Parse("is be=NOW\n", "vg.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(),
            "vg.txt:1: \"NOW\" is not a tense (PRESENT, PAST, INFINITIVE, PRESPART, PASTPART)");
  r = InstanceRules::Parse("is be=PRESENT\nis be=PAST\n", "vg.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(), "vg.txt:2: duplicate form \"is\"");
  r = InstanceRules::Parse("# comment\nis frob\n", "vg.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(), "vg.txt:2: unknown role \"frob\"");
}

TEST(InstanceRulesTest, TimeMLPos) {
  EXPECT_EQ(TimeMLPos("VBD", ""), "VERB");
  EXPECT_EQ(TimeMLPos("NNS", ""), "NOUN");
  EXPECT_EQ(TimeMLPos("JJR", ""), "ADJECTIVE");
  EXPECT_EQ(TimeMLPos("IN", ""), "PREPOSITION");
  EXPECT_EQ(TimeMLPos("RB", ""), "OTHER");
  EXPECT_EQ(TimeMLPos("", "NOUN"), "NOUN");
  EXPECT_EQ(TimeMLPos("", ""), "");
}

}  // namespace
}  // namespace chronicle
