// JSON lines: one Document a line, in the compact form of io/json.h, read
// and written as a stream so that a corpus of any size goes through in
// constant memory (one line and one Document at a time).
//
//   std::ifstream in("corpus.jsonl");
//   JsonlReader reader(&in, "corpus.jsonl");
//   Document doc;
//   for (;;) {
//     Result<bool> more = reader.Next(&doc);
//     if (!more.ok()) { std::cerr << more.error().ToString() << "\n"; break; }
//     if (!more.value()) break;  // end of input
//     Annotate(&doc);
//     writer.Write(doc);         // JsonlWriter over std::cout
//   }
//
// Blank lines (only spaces, tabs or a CR) are skipped; a UTF-8 byte order
// mark at the start of the stream is ignored. Neither class is thread-safe;
// use one per stream.
#ifndef CHRONICLE_IO_JSONL_H_
#define CHRONICLE_IO_JSONL_H_

#include <istream>
#include <ostream>
#include <string>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

class JsonlReader {
 public:
  // `in` must outlive the reader; `file_name` names the stream in errors and
  // becomes each Document's source_name.
  JsonlReader(std::istream* in, std::string file_name);

  // Reads the next non-blank line into *doc (replacing its contents).
  // Returns true when a document was read, false at the end of the input.
  // Errors: kInvalidInput "file:line[:col]: ..." for a bad line (see
  // ParseJson), kIo when the stream fails other than at its end. After an
  // error the reader stays usable: the next call reads the following line.
  Result<bool> Next(Document* doc);

  // The 1-based number of the last line read (0 before the first call).
  int line_no() const { return line_no_; }

 private:
  std::istream* in_;
  std::string file_name_;
  std::string line_;  // reused between calls
  int line_no_ = 0;
};

// Writes one compact JSON line (WriteJson(doc, false) + "\n") per document.
class JsonlWriter {
 public:
  // `out` must outlive the writer.
  explicit JsonlWriter(std::ostream* out);

  // Appends `doc` as one line. Errors: kIo when the stream has failed.
  Status Write(const Document& doc);

 private:
  std::ostream* out_;
  std::string buffer_;  // reused between calls
};

}  // namespace chronicle

#endif  // CHRONICLE_IO_JSONL_H_
