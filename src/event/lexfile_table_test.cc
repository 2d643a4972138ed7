#include "event/lexfile_table.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "util/file.h"

namespace chronicle {
namespace {

TEST(LexfileTableTest, BuildsFromWordNet) {
  if (!std::filesystem::exists("/usr/share/wordnet/index.noun")) {
    GTEST_SKIP() << "WordNet (Debian wordnet-base) is not installed";
  }
  Result<LexfileTable> t = LexfileTable::Build("/usr/share/wordnet");
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  // data.noun: "00912960 04 n 01 production" (noun.act is file 04),
  // "07006951 10 n 01 production" (noun.communication).
  const LexfileTable::Entry* e = t.value().Find("production");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->noun_first, 4);
  EXPECT_TRUE(e->noun_mask & (uint64_t{1} << 10));
  EXPECT_EQ(e->verb_first, LexfileTable::kNone);
  // Derivational pointers: "00912960 04 n 01 production 0 008 ... + 02157118
  // v 0101" leads to "02157118 39 v 03 produce" (verb.perception), and back
  // from the verb to noun.act.
  EXPECT_EQ(e->deriv_verb_mask, uint64_t{1} << 39);
  EXPECT_EQ(e->deriv_noun_mask, 0u);
  ASSERT_NE(t.value().Find("produce"), nullptr);
  EXPECT_TRUE(t.value().Find("produce")->deriv_noun_mask & (uint64_t{1} << 4));
  EXPECT_EQ(t.value().Find("dog")->deriv_verb_mask & (uint64_t{1} << 39), 0u);
  // data.verb: "00974385 32 v 02 announce" (verb.communication is 32).
  e = t.value().Find("announce");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->verb_first, 32);
  EXPECT_EQ(t.value().Find("notawordxyz"), nullptr);
  EXPECT_EQ(t.value().Find("united_states"), nullptr);  // multiword lemmas are left out
  // Irregular forms from verb.exc / noun.exc, and morphy's detachment rules.
  ASSERT_NE(t.value().Find("went"), nullptr);
  EXPECT_EQ(t.value().Find("went")->verb_first, t.value().Find("go")->verb_first);
  EXPECT_EQ(t.value().FindInflected("announced"), t.value().Find("announce"));
  EXPECT_EQ(t.value().FindInflected("talks"), t.value().Find("talks"));  // a noun lemma itself
  EXPECT_EQ(t.value().FindInflected("bombings"), t.value().Find("bombing"));
  EXPECT_EQ(t.value().FindInflected("xyzzying"), nullptr);
}

TEST(LexfileTableTest, RoundTrip) {
  LexfileTable::Entry a;
  a.noun_first = 4;
  a.noun_mask = (1u << 4) | (1u << 10);
  LexfileTable::Entry b;
  b.verb_first = 32;
  b.verb_mask = uint64_t{1} << 32;
  b.deriv_noun_mask = uint64_t{1} << 4;
  LexfileTable t = LexfileTable::FromEntries({{"zeta", b}, {"alpha", a}});
  ModelWriter w;
  t.Write(&w);
  ModelReader r(w.bytes(), "test.model");
  LexfileTable back = LexfileTable::Read(&r);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_EQ(back.size(), 2u);
  ASSERT_NE(back.Find("alpha"), nullptr);
  EXPECT_EQ(back.Find("alpha")->noun_mask, a.noun_mask);
  EXPECT_EQ(back.Find("zeta")->verb_first, 32);
  EXPECT_EQ(back.Find("zeta")->noun_first, LexfileTable::kNone);
  EXPECT_EQ(back.Find("zeta")->deriv_noun_mask, b.deriv_noun_mask);
  EXPECT_EQ(back.Find("alpha")->deriv_verb_mask, 0u);
  ModelReader cut(std::string_view(w.bytes()).substr(0, w.bytes().size() - 2), "test.model");
  (void)LexfileTable::Read(&cut);
  EXPECT_FALSE(cut.ok());
}

TEST(LexfileTableTest, MissingDirectoryIsAnIoError) {
  Result<LexfileTable> t = LexfileTable::Build("/nonexistent/wordnet");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().kind, Error::Kind::kIo);
}

}  // namespace
}  // namespace chronicle
