#include "io/conllu.h"

#include <string>

#include <gtest/gtest.h>

#include "util/file.h"

namespace chronicle {
namespace {

constexpr char kSample[] =
    "# newdoc id = d1\n"
    "# sent_id = 1\n"
    "# text = I don't know, Bob.\n"
    "1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n"
    "5\t,\t,\tPUNCT\t,\t_\t6\tpunct\t6:punct\t_\n"
    "6\tBob\tBob\tPROPN\tNNP\t_\t4\tvocative\t4:vocative\tSpaceAfter=No\n"
    "7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n"
    "\n"
    "# sent_id = 2\n"
    "# text = Yes.\n"
    "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t0:root\tSpaceAfter=No\n"
    "2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t1:punct\t_\n"
    "\n"
    "# newdoc id = d2\n"
    "# sent_id = 3\n"
    "1\tNo\tno\tINTJ\tUH\t_\t0\troot\t0:root\tSpaceAfter=No\n"
    "2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t1:punct\t_\n"
    "\n";

TEST(ConlluTest, ReadsTokensSpansAndLayers) {
  Result<Document> r = ParseConllu(kSample, "dir/sample.conllu");
  ASSERT_TRUE(r.ok()) << r.error().Pretty();
  const Document& d = r.value();
  EXPECT_EQ(d.id, "sample");
  EXPECT_EQ(d.text, "I don't know, Bob. Yes.\nNo!");
  ASSERT_EQ(d.sentences.size(), 3u);
  ASSERT_EQ(d.tokens.size(), 11u);
  EXPECT_EQ(d.Text(d.tokens[1].span), "do");
  EXPECT_EQ(d.Text(d.tokens[2].span), "n't");
  EXPECT_FALSE(d.tokens[1].space_after);
  EXPECT_TRUE(d.tokens[2].space_after);
  EXPECT_FALSE(d.tokens[3].space_after);
  EXPECT_EQ(d.tokens[2].lemma, "not");
  EXPECT_EQ(d.tokens[0].upos, "PRON");
  EXPECT_EQ(d.tokens[0].xpos, "PRP");
  EXPECT_EQ(d.tokens[0].feats, "Case=Nom");
  EXPECT_EQ(d.tokens[1].feats, "");
  EXPECT_EQ(d.tokens[0].head, 3);
  EXPECT_EQ(d.tokens[3].head, kRootHead);
  EXPECT_EQ(d.tokens[3].deprel, "root");
  EXPECT_EQ(d.tokens[8].head, 7);  // second sentence: "." -> "Yes"
  EXPECT_EQ(d.Text(d.sentences[1].span), "Yes.");
  EXPECT_EQ(d.sentences[2].first_token, 9u);
  EXPECT_EQ(d.Text(d.sentences[2].span), "No!");  // built from SpaceAfter
  EXPECT_TRUE(d.Validate().ok());
}

TEST(ConlluTest, SplitsDocumentsAtNewdoc) {
  Result<std::vector<Document>> r = ParseConlluDocuments(kSample, "sample.conllu");
  ASSERT_TRUE(r.ok()) << r.error().Pretty();
  ASSERT_EQ(r.value().size(), 2u);
  EXPECT_EQ(r.value()[0].id, "d1");
  EXPECT_EQ(r.value()[1].id, "d2");
  EXPECT_EQ(r.value()[0].text, "I don't know, Bob. Yes.");
  EXPECT_EQ(r.value()[1].text, "No!");
  EXPECT_EQ(r.value()[1].tokens[1].head, 0);
}

TEST(ConlluTest, NonConcatenatingMultiwordTokenSharesTheSurfaceSpan) {
  std::string in =
      "# text = del mar\n"
      "1-2\tdel\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "1\tde\tde\tADP\t_\t_\t3\tcase\t_\t_\n"
      "2\tel\tel\tDET\t_\t_\t3\tdet\t_\t_\n"
      "3\tmar\tmar\tNOUN\t_\t_\t0\troot\t_\t_\n\n";
  Result<Document> r = ParseConllu(in, "x.conllu");
  ASSERT_TRUE(r.ok()) << r.error().Pretty();
  const Document& d = r.value();
  ASSERT_EQ(d.tokens.size(), 3u);
  EXPECT_EQ(d.tokens[0].span, d.tokens[1].span);
  EXPECT_EQ(d.Text(d.tokens[0].span), "del");
  std::string out = WriteConllu(d);
  EXPECT_NE(out.find("1-2\tdel\t"), std::string::npos) << out;
  Result<Document> again = ParseConllu(out, "x.conllu");
  ASSERT_TRUE(again.ok()) << again.error().Pretty();
  EXPECT_EQ(again.value().tokens[0].span, d.tokens[0].span);
  EXPECT_EQ(again.value().tokens[1].lemma, "el");
}

TEST(ConlluTest, WritesLayersAndRoundTrips) {
  Result<Document> r = ParseConllu(kSample, "sample.conllu");
  ASSERT_TRUE(r.ok());
  std::string out = WriteConllu(r.value());
  EXPECT_NE(out.find("# text = I don't know, Bob.\n"), std::string::npos) << out;
  EXPECT_NE(out.find("2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\tSpaceAfter=No\n"), std::string::npos)
      << out;
  Result<Document> again = ParseConllu(out, "sample.conllu");
  ASSERT_TRUE(again.ok()) << again.error().Pretty();
  EXPECT_EQ(WriteConllu(again.value()), out);
}

TEST(ConlluTest, WritesUnsetLayersAsUnderscore) {
  Document d;
  d.text = "Hi there";
  d.tokens.push_back(Token{.span = {0, 2}});
  d.tokens.push_back(Token{.span = {3, 8}});
  d.sentences.push_back(Sentence{{0, 8}, 0, 2});
  EXPECT_EQ(WriteConllu(d),
            "# sent_id = 1\n# text = Hi there\n"
            "1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n"
            "2\tthere\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
}

TEST(ConlluTest, ErrorsNameFileLineAndColumn) {
  struct Case {
    std::string input;
    std::string message;
  } cases[] = {
      {"1\tA\ta\tX\tX\t_\t0\troot\t_\n",
       "f.conllu:1:21: expected 10 tab-separated columns, found 9"},
      {"1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n3\tB\tb\tX\tX\t_\t1\tdep\t_\t_\n",
       "f.conllu:2:1: word ID 3 where 2 was expected"},
      {"1\tA\ta\tX\tX\t_\t7\troot\t_\t_\n", "f.conllu:1:13: HEAD \"7\" is not 0..1 or _"},
      {"# text = Hello\n1\tHallo\ta\tX\tX\t_\t0\troot\t_\t_\n",
       "f.conllu:2:3: FORM \"Hallo\" does not match the sentence text at \"Hello\""},
      {"x\tA\ta\tX\tX\t_\t0\troot\t_\t_\n", "f.conllu:1:1: bad word ID \"x\""},
      {"1\t\ta\tX\tX\t_\t0\troot\t_\t_\n", "f.conllu:1:3: empty FORM"},
  };
  for (const Case& c : cases) {
    Result<Document> r = ParseConllu(c.input, "f.conllu");
    ASSERT_FALSE(r.ok()) << c.input;
    EXPECT_EQ(r.error().ToString(), c.message);
    EXPECT_EQ(r.error().kind, Error::Kind::kInvalidInput);
  }
}

TEST(ConlluTest, SkipsEmptyNodesAndHandlesCrlf) {
  std::string in =
      "# text = a b\r\n"
      "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\r\n"
      "1.1\tgone\tgo\tX\tX\t_\t_\t_\t0:root\t_\r\n"
      "2\tb\tb\tX\tX\t_\t1\tdep\t_\t_\r\n\r\n";
  Result<Document> r = ParseConllu(in, "f.conllu");
  ASSERT_TRUE(r.ok()) << r.error().Pretty();
  EXPECT_EQ(r.value().text, "a b");
  EXPECT_EQ(r.value().tokens.size(), 2u);
}

TEST(ConlluTest, UnicodeSpacesSeparateTokens) {
  std::string in =
      "# text = have\xc2\xa0" "been\n"
      "1\thave\thave\tAUX\tVBP\t_\t0\troot\t_\tSpacesAfter=\\u00A0\n"
      "2\tbeen\tbe\tAUX\tVBN\t_\t1\taux\t_\t_\n\n";
  Result<Document> r = ParseConllu(in, "f.conllu");
  ASSERT_TRUE(r.ok()) << r.error().Pretty();
  EXPECT_EQ(r.value().Text(r.value().tokens[1].span), "been");
}

TEST(ConlluTest, EwtTrainAndTestParse) {
  for (std::string name : {"train", "test"}) {
    std::string path = std::string(CHRONICLE_SHARED_DIR) + "/corpora/ud-english-ewt/en_ewt-ud-" +
                       name + ".conllu";
    Result<std::string> content = ReadFile(path);
    ASSERT_TRUE(content.ok()) << content.error().ToString();
    Result<Document> r = ParseConllu(content.value(), path);
    ASSERT_TRUE(r.ok()) << r.error().Pretty();
    EXPECT_TRUE(r.value().Validate().ok());
  }
}

TEST(ConlluTest, EwtDevRoundTrips) {
  std::string path = std::string(CHRONICLE_SHARED_DIR) +
                     "/corpora/ud-english-ewt/en_ewt-ud-dev.conllu";
  Result<std::string> content = ReadFile(path);
  ASSERT_TRUE(content.ok()) << content.error().ToString();
  Result<Document> r = ParseConllu(content.value(), path);
  ASSERT_TRUE(r.ok()) << r.error().Pretty();
  const Document& d = r.value();
  EXPECT_EQ(d.sentences.size(), 2001u);
  EXPECT_TRUE(d.Validate().ok());
  std::string out = WriteConllu(d);
  Result<Document> again = ParseConllu(out, path);
  ASSERT_TRUE(again.ok()) << again.error().Pretty();
  const Document& e = again.value();
  EXPECT_EQ(e.text, d.text);
  ASSERT_EQ(e.tokens.size(), d.tokens.size());
  ASSERT_EQ(e.sentences.size(), d.sentences.size());
  for (size_t i = 0; i < d.sentences.size(); ++i) {
    EXPECT_EQ(e.Text(e.sentences[i].span), d.Text(d.sentences[i].span));
  }
  for (size_t i = 0; i < d.tokens.size(); ++i) {
    const Token& a = d.tokens[i];
    const Token& b = e.tokens[i];
    ASSERT_EQ(e.Text(b.span), d.Text(a.span)) << i;
    EXPECT_EQ(b.upos, a.upos);
    EXPECT_EQ(b.xpos, a.xpos);
    EXPECT_EQ(b.lemma, a.lemma);
    EXPECT_EQ(b.feats, a.feats);
    EXPECT_EQ(b.head, a.head);
    EXPECT_EQ(b.deprel, a.deprel);
    EXPECT_EQ(b.space_after, a.space_after) << i;
  }
  EXPECT_EQ(WriteConllu(e), out);
}

}  // namespace
}  // namespace chronicle
