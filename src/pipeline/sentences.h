// Sentences for a document drawn or shown as given (gold TimeML with its own
// TLINKs): runs a pipeline on a copy holding only the text, id and DCT (the
// stages would drop the input's annotations) and takes the copy's sentences.
//
//   AddSentences(tokens_pipeline, &doc);   // doc keeps every annotation
#ifndef CHRONICLE_PIPELINE_SENTENCES_H_
#define CHRONICLE_PIPELINE_SENTENCES_H_

#include <utility>

#include "pipeline/pipeline.h"

namespace chronicle {

// Fills doc->sentences from `pipeline` (which must run the tokens stage),
// leaving everything else of *doc as it was. Thread-safe as Pipeline::Run.
inline void AddSentences(const Pipeline& pipeline, Document* doc) {
  Document copy;
  copy.id = doc->id;
  copy.text = doc->text;
  copy.dct = doc->dct;
  pipeline.Run(&copy);
  if (copy.text == doc->text) doc->sentences = std::move(copy.sentences);
}

}  // namespace chronicle

#endif  // CHRONICLE_PIPELINE_SENTENCES_H_
