// Word clusters learned from unlabeled text, used as tagger features (words
// unseen in the treebank still get the cluster of the words they share
// contexts with).
//
//   ClusterOptions o;
//   o.text_files = ListFiles("../shared/corpora/te3-silver", {".tml"}).value();
//   o.conllu_files = {"en_ewt-ud-train.conllu"};
//   Result<std::string> table = LearnClusters(o, &std::cerr);  // file contents
//   Result<WordClusters> c = WordClusters::Load("models/clusters.tsv");
//
// Method (deterministic, single-threaded): words are ASCII-lowercased; each
// word seen at least min_count times (at most max_words of them) gets a
// vector of positive PMI with its left and right neighbours among the
// context_words most frequent words (plus a sentence boundary), L2
// normalized; spherical k-means, started from the most frequent words, then
// groups them into each of `sizes` clusters. The file has one line per word:
// "word<TAB>c0<TAB>c1<TAB>c2" (one cluster id per size), after '#' comment
// lines that record the settings.
#ifndef CHRONICLE_SYNTAX_CLUSTERS_H_
#define CHRONICLE_SYNTAX_CLUSTERS_H_

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "learn/model_file.h"
#include "util/error.h"

namespace chronicle {

inline constexpr int kClusterLevels = 3;

struct ClusterOptions {
  std::vector<std::string> text_files;    // TimeML/XML: the text of <TEXT>, tags stripped
  std::vector<std::string> conllu_files;  // the forms of every sentence
  int min_count = 2;
  int max_words = 60000;
  int context_words = 1000;
  std::array<int, kClusterLevels> sizes = {64, 256, 1024};
  int iterations = 10;
};

// Learns the clusters and returns the file's contents. Errors: kIo from
// reading the inputs, kUsage when there are fewer words than clusters.
Result<std::string> LearnClusters(const ClusterOptions& o, std::ostream* progress);

// LearnClusters, then writes the file atomically to output_path.
Status TrainClusters(const ClusterOptions& o, const std::string& output_path, std::ostream* progress);

// Splits raw running text into word tokens (whitespace, edge punctuation,
// English clitics n't 's 're 've 'll 'd 'm). Exposed for tests.
std::vector<std::string> ClusterTokens(std::string_view text);

// A loaded cluster table: key = FeatureKey(WordInfo::lower) of the word.
struct WordClusters {
  std::unordered_map<uint32_t, std::array<uint16_t, kClusterLevels>> table;
  // Errors: kIo, kInvalidInput (file:line: what was expected and found).
  static Result<WordClusters> Load(const std::string& path);
  static Result<WordClusters> Parse(std::string_view text, const std::string& file_name);
};

// Reads the packed cluster table a tagger or parser model file stores
// (written with ModelWriter::U32Map: key -> the word's clusters packed in
// one word). On failure (arrays of different lengths, no entry) records the
// error in `in`: check in->ok().
void ReadClusterTable(ModelReader* in, std::unordered_map<uint32_t, uint32_t>* out);

}  // namespace chronicle

#endif  // CHRONICLE_SYNTAX_CLUSTERS_H_
