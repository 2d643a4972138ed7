// Chronicle over HTTP: `chronicle serve` answers annotation and timeline
// requests from one loaded Pipeline, so a search or newsroom service pays
// the model loading once instead of once a document.
//
//   Result<Pipeline> p = Pipeline::Create(options);
//   Service service(&p.value());
//   HttpServer server(&service, {.host = "127.0.0.1", .port = 8080});
//   Result<int> port = server.Bind();   // port 0 picks a free port
//   if (!port.ok()) { report(port.error()); }
//   server.Serve();                       // blocks until Stop()
//
//   curl --data-binary @article.txt 'http://127.0.0.1:8080/annotate?dct=2020-10-02'
//
// Routes (docs/server.md has the full contract):
//   GET  /            a page to paste a text and see its highlighted
//                     annotation and its timeline
//   GET  /health      {"status": "ok", "stages": [...]}
//   POST /annotate    the body is one document; query parameters `from`
//                     (text, tml, json, conllu; default text), `to` (json,
//                     tml, html, conllu, jsonl; default json), `dct`
//                     (YYYY-MM-DD, for inputs without one), `id`
//   POST /timeline    the body is one document (`from`, `dct`, `id` as
//                     above); answers the timeline page, or its data with
//                     to=json
// A request that cannot be served gets a JSON body {"error": "..."} with a
// one-line message (`request:LINE:COL: what is wrong` for a bad document)
// and status 400 (bad document or parameter), 404 (unknown route), 405
// (wrong method) or 413 (body over the size limit).
#ifndef CHRONICLE_SERVER_SERVER_H_
#define CHRONICLE_SERVER_SERVER_H_

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "pipeline/pipeline.h"
#include "util/error.h"

namespace chronicle {

struct HttpReply {
  int status = 200;
  std::string content_type;
  std::string body;
};

// The routes above as a pure function of the request, without sockets: the
// server calls it, and tests call it directly. Thread-safe: Handle only
// reads the Pipeline (which must outlive the Service).
class Service {
 public:
  explicit Service(const Pipeline* pipeline, size_t max_body_bytes = size_t{16} << 20);

  // Never fails: every problem is an HttpReply with an error status.
  HttpReply Handle(std::string_view method, std::string_view path,
                   const std::map<std::string, std::string>& params,
                   std::string_view body) const;

  size_t max_body_bytes() const { return max_body_bytes_; }

 private:
  HttpReply Annotate(const std::map<std::string, std::string>& params, std::string_view body) const;
  HttpReply Draw(const std::map<std::string, std::string>& params, std::string_view body) const;

  const Pipeline* pipeline_;
  size_t max_body_bytes_;
};

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (Bind returns it)
  int threads = 0;  // requests answered at once; 0: one per hardware thread
};

// An HTTP/1.1 server (cpp-httplib, a thread pool) in front of a Service.
// Bind, then Serve on one thread; Stop may be called from any other thread.
class HttpServer {
 public:
  HttpServer(const Service* service, ServeOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Returns the bound port. Errors: kIo naming host:port when it cannot be
  // bound (in use, no permission, unknown host).
  Result<int> Bind();
  // Answers requests until Stop(). Errors: kIo if Bind did not succeed.
  Status Serve();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chronicle

#endif  // CHRONICLE_SERVER_SERVER_H_
