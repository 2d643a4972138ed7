// Lemmatizer: a lemma for every token, from its form and Penn Treebank tag
// (run the Tagger first; without tags it still gives a lemma).
//
//   Result<Lemmatizer> lem = Lemmatizer::Load("models/lemmatizer.model",
//                                             "/usr/share/wordnet");
//   if (!lem.ok()) return lem.error();
//   tagger.Tag(&doc);
//   lem.value().Lemmatize(&doc);   // fills Token::lemma
//
// Decision order for one token (form, XPOS):
//   1. the treebank's lemma table: the most frequent lemma of (form, XPOS)
//      in the training data, then of (lowercased form, XPOS) (a capitalized
//      proper noun known only in another casing keeps its own: "Ca" is not
//      "CA");
//   2. WordNet (wordnet-base): the exception lists (verb.exc, noun.exc,
//      adj.exc, adv.exc: "went" -> "go") for inflected tags, then WordNet's
//      morphy detachment rules, keeping the first candidate listed in
//      index.<pos> ("boxes" -> "box");
//   3. suffix rules learned from the treebank per XPOS (longest known suffix
//      of up to 6 characters: strip n characters, append a string), each
//      shown by at least three different words (so "Sept." -> "September"
//      does not make "Capt." "Captember");
//   4. the form itself (lowercased unless it is a proper noun);
//   5. when 2-4 give no known word for an unknown word of 4+ lowercase
//      ASCII letters (not tagged as a name, foreign word, number, symbol or
//      fragment) that no inflection rule makes a known word and that is no
//      known word with a derivational suffix ("hunky", "designees"), it is read as
//      a misspelling, as the treebank lemmatizes them: the lemma of the
//      training word one edit away (a letter deleted, inserted or replaced,
//      or two swapped, never the first) that is most frequent there, unless
//      two tie or its lemma is a name ("wrok" -> "work", "peopel" ->
//      "people"). Capitalized words are left alone (mostly names: "Coors"
//      is not "colors"). Needs WordNet and a model with a case model (its
//      word counts) of format version 3 (its word table).
// Proper nouns from 3-4 are then cased as the treebank cases proper nouns of
// the same shape (a learned table: "VISAKHA" -> "Visakha", "NASA" stays).
// Lemmatize (not LemmaOf, which has no context) then lets a case model
// overrule the tag on the case of capitalized nouns and adjectives: the tag's
// NN / NNP / JJ choice decides whether "Committee" keeps its capital, and it
// is often wrong there. The model (averaged perceptron: the tag and its
// neighbours, the word, its shape and its neighbours', how capitalized the
// sentence is, how common the word is in lowercase) is trained on tags
// predicted by jackknife taggers, so it learns where run-time tags fail;
// when it disagrees with the lemma's case, the lemma of the other tag
// (NN <-> NNP, NNS <-> NNPS, JJ -> NNP) is taken if it has the wanted case.
// Trained by TrainLemmatizer (syntax/train.h); the case model only when
// TrainOptions::jackknife_folds > 1 (it also reads clusters_path,
// jackknife_iterations, seed, and iterations = its epochs, 0 = 6). WordNet is
// read at load time.
// The model file has its own format version (3; version 2 files load
// without misspelling correction; version 1 files are refused with a
// message saying to rebuild them).
#ifndef CHRONICLE_SYNTAX_LEMMATIZER_H_
#define CHRONICLE_SYNTAX_LEMMATIZER_H_

#include <memory>
#include <string>
#include <string_view>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

struct LemmatizerModel;

class Lemmatizer {
 public:
  // Errors: kIo (unreadable model or WordNet file: index.{noun,verb,adj,adv}
  // and {noun,verb,adj,adv}.exc must exist in wordnet_dir), kModel (not a
  // lemmatizer model, unknown version, corrupt or truncated).
  static Result<Lemmatizer> Load(const std::string& model_path, const std::string& wordnet_dir);

  // Fills Token::lemma for every token from its form, its xpos and (case
  // model) its sentence's forms and tags. Thread-safe (read-only model).
  void Lemmatize(Document* doc) const;

  // The lemma of one word with the given XPOS ("" when unknown).
  std::string LemmaOf(std::string_view form, std::string_view xpos) const;

 private:
  std::shared_ptr<const LemmatizerModel> model_;
};

}  // namespace chronicle

#endif  // CHRONICLE_SYNTAX_LEMMATIZER_H_
