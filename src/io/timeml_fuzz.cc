// libFuzzer target for the TimeML and text+DCT readers (not built by CMake:
// files ending in _fuzz.cc are left out of the libraries). Whatever the
// bytes, the readers return a Document or an Error; a Document they return
// passes Document::Validate and survives WriteTimeML -> ParseTimeML with the
// same text.
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
//     src/io/timeml_fuzz.cc src/io/timeml.cc src/io/input_check.cc \
//     src/io/text_reader.cc src/doc/document.cc src/util/{error,utf8,file,date}.cc \
//     -lfmt -o timeml_fuzz
//   ./timeml_fuzz -max_total_time=60 ../shared/corpora/tbaq/TimeBank
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "io/text_reader.h"
#include "io/timeml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chronicle;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<Error> warnings;
  Result<Document> doc = ParseTimeML(input, "fuzz.tml", &warnings);
  if (doc.ok()) {
    if (!doc.value().Validate().ok()) std::abort();
    Result<Document> again = ParseTimeML(WriteTimeML(doc.value()), "fuzz.tml", nullptr);
    if (!again.ok() || again.value().text != doc.value().text) std::abort();
  } else if (doc.error().ToString().empty()) {
    std::abort();
  }
  Result<Document> text = ParseTextWithDct(input, "fuzz.txt", "2020-10-02");
  if (text.ok()) {
    Result<Document> again = ParseTimeML(WriteTimeML(text.value()), "fuzz.tml", nullptr);
    if (!again.ok() || again.value().text != text.value().text) std::abort();
  }
  return 0;
}
