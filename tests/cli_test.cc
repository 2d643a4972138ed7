// End-to-end tests of the `chronicle` command line: they run the built
// binary the way a user does and check exit codes, messages and outputs.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

const std::string kBin = CHRONICLE_BIN;
const std::string kShared = CHRONICLE_SHARED_DIR;
const std::string kSeed = kShared + "/examples/seed-article.txt";

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("chronicle_cli_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `chronicle ARGS` with stdout and stderr captured to files.
  Outcome Chronicle(const std::string& args, const std::string& stdin_file = "/dev/null") {
    fs::path out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
    std::string cmd = kBin + " " + args + " <" + stdin_file + " >" + out.string() + " 2>" +
                      err.string();
    int status = std::system(cmd.c_str());
    Outcome r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = Slurp(out);
    r.err = Slurp(err);
    return r;
  }

  fs::path Write(const std::string& name, const std::string& content) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

  fs::path dir_;
};

TEST_F(CliTest, AnnotatesTheSeedArticleAsJson) {
  Outcome r = Chronicle("annotate " + kSeed + " --to json --stages tokens");
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["dct"], "2020-10-02");
  EXPECT_EQ(j["id"], "seed-article");
  EXPECT_GT(j["tokens"].size(), 400u);
  EXPECT_GT(j["sentences"].size(), 15u);
  // The first line (the DCT) is not part of the text; the blank line after it is.
  EXPECT_EQ(j["text"].get<std::string>().rfind("\nMission: Impossible 7", 0), 0u);
}

TEST_F(CliTest, OutputIsDeterministic) {
  Outcome a = Chronicle("annotate " + kSeed + " --to json");
  Outcome b = Chronicle("annotate " + kSeed + " --to json");
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
}

TEST_F(CliTest, HelpLeadsWithARunnableExample) {
  for (const char* cmd : {"--help", "annotate --help", "eval --help", "train --help"}) {
    Outcome r = Chronicle(cmd);
    EXPECT_EQ(r.code, 0) << cmd;
    size_t example = r.out.find("Example:");
    size_t options = r.out.find("Options:");
    ASSERT_NE(example, std::string::npos) << cmd << "\n" << r.out;
    EXPECT_LT(example, options == std::string::npos ? r.out.size() : options) << cmd;
  }
}

TEST_F(CliTest, TextWithoutDctSaysHowToGiveOne) {
  fs::path p = Write("nodct.txt", "Sales fell last month.\n");
  Outcome r = Chronicle("annotate " + p.string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("nodct.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--dct"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("date YYYY-MM-DD"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  Outcome ok = Chronicle("annotate " + p.string() + " --dct 2020-10-02 --to json");
  EXPECT_EQ(ok.code, 0) << ok.err;
}

TEST_F(CliTest, ImpossibleDctIsAnError) {
  fs::path p = Write("bad.txt", "date 2021-02-30\nSales fell last month.\n");
  Outcome r = Chronicle("annotate " + p.string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("bad.txt:1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("February 2021 has 28 days"), std::string::npos) << r.err;
}

TEST_F(CliTest, UnwritableOutputLeavesNothingBehind) {
  fs::path out = dir_ / "missing" / "dir" / "out.json";
  Outcome r = Chronicle("annotate " + kSeed + " -o " + out.string());
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find(out.string()), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out.parent_path()));
}

TEST_F(CliTest, FailedInputWritesNoOutputFile) {
  fs::path in = Write("broken.tml", "<TimeML><DOCID>x</DOCID><TEXT>unclosed");
  fs::path out = dir_ / "broken.out.tml";
  Outcome r = Chronicle("annotate " + in.string() + " -o " + out.string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("broken.tml:1:"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  for (const auto& e : fs::directory_iterator(dir_)) {
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << e.path();
  }
}

TEST_F(CliTest, DirectoryAsFileAndMissingFile) {
  Outcome r = Chronicle("annotate " + (dir_ / "nope.txt").string());
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("nope.txt: cannot open"), std::string::npos) << r.err;
  Outcome e = Chronicle("eval " + (dir_ / "nope.tml").string() + " " + kSeed);
  EXPECT_NE(e.code, 0);
}

TEST_F(CliTest, UnknownStageAndFormatAreUsageErrors) {
  Outcome r = Chronicle("annotate " + kSeed + " --stages tokens,dreams");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown stage \"dreams\""), std::string::npos) << r.err;
  Outcome f = Chronicle("annotate " + kSeed + " --to pdf");
  EXPECT_EQ(f.code, 2);
  EXPECT_NE(f.err.find("unknown format \"pdf\""), std::string::npos) << f.err;
}

TEST_F(CliTest, ReadsStandardInput) {
  Outcome r = Chronicle("annotate - --from text --to json --stages tokens", kSeed);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["dct"], "2020-10-02");
}

TEST_F(CliTest, KeepCarriesGoldEntitiesThroughAndEvalScoresThemPerfect) {
  std::string gold = kShared + "/corpora/tbaq/TimeBank/ABC19980108.1830.0711.tml";
  fs::path out = dir_ / "ABC19980108.1830.0711.tml";
  Outcome r = Chronicle("annotate --from tml --keep timex,event --stages tokens " + gold + " -o " +
                    out.string());
  ASSERT_EQ(r.code, 0) << r.err;
  Outcome e = Chronicle("eval " + gold + " " + out.string() + " --json");
  ASSERT_EQ(e.code, 0) << e.err;
  nlohmann::json j = nlohmann::json::parse(e.out);
  // Tasks A and B: every entity measure and every attribute is perfect.
  for (const char* entity : {"timex", "event"}) {
    for (const char* match : {"strict", "relaxed"}) {
      EXPECT_GT(j[entity][match]["gold"].get<int>(), 0) << entity;
      EXPECT_DOUBLE_EQ(j[entity][match]["f1"].get<double>(), 100.0) << entity << " " << match;
    }
    ASSERT_FALSE(j[entity]["attributes"].empty()) << entity;
    for (const auto& [name, attr] : j[entity]["attributes"].items()) {
      EXPECT_DOUBLE_EQ(attr["f1"].get<double>(), 100.0) << entity << " " << name;
    }
  }
  // The layout the TempEval-3 scorer reads: the same DOCID, DCT and TEXT.
  std::string written = Slurp(out);
  EXPECT_NE(written.find("<DOCID>ABC19980108.1830.0711</DOCID>"), std::string::npos);
  EXPECT_NE(written.find("functionInDocument=\"CREATION_TIME\">19980108</TIMEX3></DCT>"),
            std::string::npos);
  EXPECT_NE(written.find("<TEXT>\nOn the other hand, it's <EVENT eid=\"e1\" class=\"OCCURRENCE\">"
                         "turning</EVENT>"),
            std::string::npos);
}

TEST_F(CliTest, DirectoryInputWritesOneOutputPerFileSameWithThreads) {
  fs::create_directories(dir_ / "in");
  for (int i = 0; i < 4; ++i) {
    std::ofstream(dir_ / "in" / ("doc" + std::to_string(i) + ".txt"))
        << "date 2020-10-0" << (i + 1) << "\nProduction resumed last month in Norway.\n";
  }
  Outcome one = Chronicle("annotate " + (dir_ / "in").string() + " -o " + (dir_ / "out1").string());
  ASSERT_EQ(one.code, 0) << one.err;
  Outcome two = Chronicle("annotate " + (dir_ / "in").string() + " -o " + (dir_ / "out2").string() +
                      " --threads 2");
  ASSERT_EQ(two.code, 0) << two.err;
  for (int i = 0; i < 4; ++i) {
    std::string name = "doc" + std::to_string(i) + ".json";
    ASSERT_TRUE(fs::exists(dir_ / "out1" / name)) << name;
    EXPECT_EQ(Slurp(dir_ / "out1" / name), Slurp(dir_ / "out2" / name)) << name;
  }
}

TEST_F(CliTest, OversizedDocumentIsRefusedWithAHint) {
  // 2 MiB of text against a 1 MiB cap: refused before it is read whole.
  std::string big = "date 2020-10-02\n";
  while (big.size() < (2u << 20)) big += "Production resumed last month in Norway. ";
  fs::path p = Write("big.txt", big);
  fs::path out = dir_ / "big.json";
  Outcome r = Chronicle("annotate " + p.string() + " --max-document-mb 1 -o " + out.string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("big.txt: 2.0 MiB is more than the 1 MiB one document may have"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("JSON lines"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(CliTest, SeveralInputsWithoutOutputDirectoryIsAUsageError) {
  Outcome r = Chronicle("annotate " + kSeed + " " + kSeed);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("-o DIR"), std::string::npos) << r.err;
}

TEST_F(CliTest, SameNamesInSubfoldersKeepTheirFoldersAndEvalPairsThemByPath) {
  fs::create_directories(dir_ / "in" / "a");
  fs::create_directories(dir_ / "in" / "b");
  std::ofstream(dir_ / "in" / "a" / "x.txt") << "date 2020-10-02\nIt rained yesterday.\n";
  std::ofstream(dir_ / "in" / "b" / "x.txt") << "date 2020-10-02\nIt snowed last week.\n";
  Outcome r = Chronicle("annotate " + (dir_ / "in").string() + " --stages timex --to tml -o " +
                        (dir_ / "out").string());
  ASSERT_EQ(r.code, 0) << r.err;
  std::string a = Slurp(dir_ / "out" / "a" / "x.tml");
  std::string b = Slurp(dir_ / "out" / "b" / "x.tml");
  EXPECT_NE(a.find(">yesterday</TIMEX3>"), std::string::npos) << a;
  EXPECT_NE(b.find(">last week</TIMEX3>"), std::string::npos) << b;
  // Each gold file is scored against the system file at the same path.
  Outcome e = Chronicle("eval " + (dir_ / "out").string() + " " + (dir_ / "out").string() +
                        " --json");
  ASSERT_EQ(e.code, 0) << e.err;
  nlohmann::json j = nlohmann::json::parse(e.out);
  EXPECT_EQ(j["timex"]["strict"]["gold"].get<int>(), 2);
  EXPECT_DOUBLE_EQ(j["timex"]["strict"]["f1"].get<double>(), 100.0);
}

TEST_F(CliTest, TwoInputsForOneOutputPathAreRefusedBeforeWriting) {
  fs::create_directories(dir_ / "a");
  fs::create_directories(dir_ / "b");
  std::ofstream(dir_ / "a" / "x.txt") << "date 2020-10-02\nIt rained yesterday.\n";
  std::ofstream(dir_ / "b" / "x.txt") << "date 2020-10-02\nIt snowed last week.\n";
  Outcome r = Chronicle("annotate " + (dir_ / "a").string() + " " + (dir_ / "b").string() +
                        " -o " + (dir_ / "out").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("would both be written to " + (dir_ / "out" / "x.json").string()),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out" / "x.json"));
}

TEST_F(CliTest, EvalRefusesToGuessBetweenTwoSystemFilesOfOneName) {
  std::string gold = kShared + "/corpora/tbaq/TimeBank/ABC19980108.1830.0711.tml";
  fs::create_directories(dir_ / "gold");
  fs::copy_file(gold, dir_ / "gold" / "ABC19980108.1830.0711.tml");
  for (const char* sub : {"s/one", "s/two"}) {
    fs::create_directories(dir_ / sub);
    fs::copy_file(gold, dir_ / sub / "ABC19980108.1830.0711.tml");
  }
  Outcome e = Chronicle("eval " + (dir_ / "gold").string() + " " + (dir_ / "s").string());
  EXPECT_EQ(e.code, 2);
  EXPECT_NE(e.err.find("both match this gold file"), std::string::npos) << e.err;
}

TEST_F(CliTest, EvalMatresScoresStartPointsOfTheGivenPairs) {
  // Gold against itself: a MATRES pair that agrees with the document's own
  // BEFORE link is right, one that contradicts it is wrong, and pairs of
  // documents not given are counted as skipped.
  std::string gold = kShared + "/corpora/tbaq/TimeBank/ABC19980108.1830.0711.tml";
  fs::path pairs = Write("pairs.txt",
                         "ABC19980108.1830.0711\ta\tb\t377\t378\tBEFORE\n"
                         "ABC19980108.1830.0711\tc\td\t391\t388\tBEFORE\n"
                         "SomeOtherDocument\te\tf\t1\t2\tAFTER\n");
  Outcome e = Chronicle("eval " + gold + " " + gold + " --json --matres " + pairs.string());
  ASSERT_EQ(e.code, 0) << e.err;
  nlohmann::json m = nlohmann::json::parse(e.out)["matres"];
  EXPECT_EQ(m["pairs"].get<int>(), 2);
  EXPECT_EQ(m["skipped_pairs"].get<int>(), 1);
  EXPECT_DOUBLE_EQ(m["precision"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(m["recall"].get<double>(), 50.0);

  fs::path bad = Write("bad.txt", "ABC19980108.1830.0711\ta\tb\t377\n");
  Outcome b = Chronicle("eval " + gold + " " + gold + " --matres " + bad.string());
  EXPECT_NE(b.code, 0);
  EXPECT_NE(b.err.find("bad.txt:1:1: expected 6 fields"), std::string::npos) << b.err;
}

TEST_F(CliTest, RetrainedTaggerWithoutRetrainedEventsModelIsAWarning) {
  // A user retrains the tagger but not the events model that was trained on
  // its output: annotate still works, and says once what to retrain.
  fs::path models = dir_ / "models";
  fs::copy(fs::path(CHRONICLE_SOURCE_DIR) / "models", models);
  std::string treebank = Slurp(kShared + "/corpora/ud-english-ewt/en_ewt-ud-train.conllu");
  size_t end = 0;
  for (int i = 0; i < 10; ++i) end = treebank.find("\n\n", end) + 2;
  fs::path small = Write("small.conllu", treebank.substr(0, end));
  Outcome t = Chronicle("train tagger --train " + small.string() + " --dev " + small.string() +
                        " --iterations 1 -o " + (models / "tagger.model").string());
  ASSERT_EQ(t.code, 0) << t.err;
  Outcome r = Chronicle("annotate " + kSeed + " --models " + models.string() + " --to json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("events.model: warning: trained with tagger.model fingerprint"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("retrain it (chronicle train events)"), std::string::npos) << r.err;
  Outcome q = Chronicle("annotate " + kSeed + " --models " + models.string() + " --to json -q");
  EXPECT_EQ(q.code, 0) << q.err;
  EXPECT_EQ(q.err, "");
  // The shipped models are in step: no warning.
  Outcome shipped = Chronicle("annotate " + kSeed + " --to json");
  EXPECT_EQ(shipped.err.find("warning"), std::string::npos) << shipped.err;
}

// Documents are annotated in batches, stage by stage (Pipeline::RunBatch):
// the batch size and the thread count never change a byte of the output.
std::string ReadAll(const fs::path& dir) {
  std::string all;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    all += fs::relative(f, dir).string() + "\n" + Slurp(f) + "\n";
  }
  return all;
}

TEST_F(CliTest, BatchSizeAndThreadsDoNotChangeTheOutput) {
  // Six real TimeBank documents and five small texts of different lengths:
  // batches of 1, 4 (4 + 4 + 3) and the default, on one and two threads.
  fs::create_directories(dir_ / "in");
  std::vector<fs::path> gold;
  for (const auto& e : fs::directory_iterator(kShared + "/corpora/tbaq/TimeBank")) {
    gold.push_back(e.path());
  }
  std::sort(gold.begin(), gold.end());
  ASSERT_GE(gold.size(), 6u);
  for (size_t i = 0; i < 6; ++i) fs::copy_file(gold[i * 7], dir_ / "in" / gold[i * 7].filename());
  std::string sentence = "Production resumed last month in Norway, and the company said on Friday it "
                         "would hire 40 workers by March. ";
  for (int i = 0; i < 5; ++i) {
    std::string text = "date 2020-10-0" + std::to_string(i + 1) + "\n";
    for (int k = 0; k <= i * 3; ++k) text += sentence;
    Write("in/text" + std::to_string(i) + ".txt", text);
  }
  const std::string in = (dir_ / "in").string();
  std::string want;
  for (const char* to : {"json", "tml"}) {
    Outcome base = Chronicle("annotate " + in + " -q --to " + to + " --batch-size 1 -o " +
                             (dir_ / "b1").string());
    ASSERT_EQ(base.code, 0) << base.err;
    want = ReadAll(dir_ / "b1");
    if (std::string(to) == "tml") {
      ASSERT_NE(want.find("<TIMEX3"), std::string::npos);
      ASSERT_NE(want.find("<TLINK"), std::string::npos);
    } else {
      nlohmann::json j = nlohmann::json::parse(Slurp(dir_ / "b1" / "text4.json"));
      ASSERT_FALSE(j["timexes"].empty());
      ASSERT_FALSE(j["events"].empty());
    }
    for (const std::string& opts :
         {std::string("--batch-size 4"), std::string(""), std::string("--threads 2 --batch-size 4"),
          std::string("--threads 2")}) {
      fs::remove_all(dir_ / "bn");
      Outcome r = Chronicle("annotate " + in + " -q --to " + to + " " + opts + " -o " +
                            (dir_ / "bn").string());
      ASSERT_EQ(r.code, 0) << opts << "\n" << r.err;
      EXPECT_EQ(ReadAll(dir_ / "bn"), want) << to << " " << opts;
    }
    fs::remove_all(dir_ / "b1");
  }
}

TEST_F(CliTest, BadFileInTheMiddleOfABatchFailsAloneWithItsName) {
  fs::create_directories(dir_ / "in");
  for (const char* name : {"a", "c", "e"}) {
    Write(std::string("in/") + name + ".txt", "date 2020-10-02\nIt rained yesterday in " +
                                                   std::string(name) + ".\n");
  }
  Write("in/b.tml", "<TimeML><DOCID>x</DOCID><TEXT>unclosed");
  Write("in/d.txt", "It snowed last week, without a creation date.\n");
  for (const std::string& opts : {std::string("--batch-size 8"), std::string("--batch-size 2"),
                                  std::string("--threads 2 --batch-size 2")}) {
    fs::path out = dir_ / "out";
    fs::remove_all(out);
    Outcome r = Chronicle("annotate " + (dir_ / "in").string() + " --stages timex " + opts +
                          " -o " + out.string());
    EXPECT_EQ(r.code, 1) << opts << "\n" << r.err;
    EXPECT_NE(r.err.find("b.tml:1:"), std::string::npos) << opts << "\n" << r.err;
    EXPECT_NE(r.err.find("d.txt"), std::string::npos) << opts << "\n" << r.err;
    for (const char* name : {"a", "c", "e"}) {
      std::string written = Slurp(out / (std::string(name) + ".json"));
      EXPECT_NE(written.find("yesterday"), std::string::npos) << opts << " " << name;
      EXPECT_NE(written.find("\"timexes\""), std::string::npos) << opts << " " << name;
    }
    EXPECT_FALSE(fs::exists(out / "b.json")) << opts;
    EXPECT_FALSE(fs::exists(out / "d.json")) << opts;
    for (const auto& e : fs::directory_iterator(out)) {
      EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << e.path();
    }
  }
}

TEST_F(CliTest, JsonLinesGoThroughInBatchesInInputOrder) {
  // 75 lines: more than two default batches; batches of 1, 7 and the
  // default, one and two threads: the same lines in the same order.
  std::string lines;
  for (int i = 0; i < 75; ++i) {
    std::string text = "Doc " + std::to_string(i) + " was filed on March " +
                       std::to_string(i % 28 + 1) + ", 1998, and reviewed " +
                       std::to_string(i % 9 + 1) + " days later.";
    lines += "{\"id\": \"d" + std::to_string(i) + "\", \"dct\": \"1998-04-0" +
             std::to_string(i % 9 + 1) + "\", \"text\": \"" + text + "\"}\n";
    if (i % 10 == 3) lines += "\n";  // blank lines are skipped
  }
  fs::path in = Write("in.jsonl", lines);
  std::string want;
  for (const std::string& opts : {std::string("--batch-size 1"), std::string("--batch-size 7"),
                                  std::string(""), std::string("--threads 2 --batch-size 7"),
                                  std::string("--threads 2")}) {
    fs::path out = dir_ / "out.jsonl";
    Outcome r = Chronicle("annotate " + in.string() + " -q --stages events,timex " + opts +
                          " -o " + out.string());
    ASSERT_EQ(r.code, 0) << opts << "\n" << r.err;
    std::string got = Slurp(out);
    if (want.empty()) {
      want = got;
      std::istringstream ss(got);
      std::string line;
      int n = 0;
      while (std::getline(ss, line)) {
        nlohmann::json j = nlohmann::json::parse(line);
        EXPECT_EQ(j["id"], "d" + std::to_string(n)) << line;
        EXPECT_FALSE(j["timexes"].empty()) << line;
        ++n;
      }
      EXPECT_EQ(n, 75);
    } else {
      EXPECT_EQ(got, want) << opts;
    }
  }
  // A bad line fails the whole stream (no output), as before batching.
  fs::path bad = Write("bad.jsonl", lines + "{\"id\": \"x\"}\n" + lines);
  fs::path out = dir_ / "bad.out.jsonl";
  Outcome r = Chronicle("annotate " + bad.string() + " --stages tokens --threads 2 -o " +
                        out.string());
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("bad.jsonl:"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
