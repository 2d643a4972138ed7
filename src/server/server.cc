#include "server/server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "pipeline/formats.h"
#include "pipeline/sentences.h"
#include "timeline/timeline.h"

namespace chronicle {
namespace {

constexpr std::string_view kRequestName = "request";

// The page at GET /: paste a text, see its annotation and its timeline. It
// only calls this server's own routes and loads nothing else.
constexpr std::string_view kIndexPage = R"html(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Chronicle</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:70em;padding:0 1em;color:#222}
textarea{width:100%;height:12em;font:14px/1.4 ui-monospace,monospace}
label{margin-right:1em}
button{font-size:15px;margin-right:.5em}
#out{width:100%;height:38em;border:1px solid #bbb;margin-top:1em}
#err{color:#a00;white-space:pre-wrap}
</style></head><body>
<h1>Chronicle</h1>
<p>Paste English news text. Time expressions get calendar values relative to
the document creation time (DCT); events are found and ordered.</p>
<textarea id="text" spellcheck="false" placeholder="The company said on Monday that production resumed last month."></textarea>
<p><label>DCT <input id="dct" type="date" required></label>
<button id="annotate">Annotate</button><button id="timeline">Timeline</button>
<button id="json">JSON</button></p>
<div id="err"></div>
<iframe id="out" title="result"></iframe>
<script>
const $ = id => document.getElementById(id);
$('dct').value = new Date().toISOString().slice(0, 10);
async function run(route, to) {
  $('err').textContent = '';
  const q = new URLSearchParams({dct: $('dct').value, to});
  const r = await fetch(route + '?' + q, {method: 'POST', body: $('text').value});
  const body = await r.text();
  if (!r.ok) { $('err').textContent = JSON.parse(body).error; return; }
  if (to === 'json') {
    const pre = document.createElement('pre');
    pre.textContent = body;
    $('out').srcdoc = pre.outerHTML;
  } else {
    $('out').srcdoc = body;
  }
}
$('annotate').onclick = () => run('/annotate', 'html');
$('timeline').onclick = () => run('/timeline', 'html');
$('json').onclick = () => run('/annotate', 'json');
</script></body></html>
)html";

HttpReply ErrorReply(int status, std::string_view message) {
  nlohmann::json j = {{"error", message}};
  return {status, "application/json", j.dump() + "\n"};
}

std::string_view ContentType(Format f) {
  switch (f) {
    case Format::kJson:
      return "application/json";
    case Format::kJsonl:
      return "application/x-ndjson";
    case Format::kTimeML:
      return "application/xml";
    case Format::kHtml:
      return "text/html; charset=utf-8";
    default:
      return "text/plain; charset=utf-8";
  }
}

std::string Param(const std::map<std::string, std::string>& params, const std::string& name,
                  std::string fallback = {}) {
  auto it = params.find(name);
  return it == params.end() || it->second.empty() ? fallback : it->second;
}

// Reads the request body as one document of the format `from` names.
Result<Document> ReadBody(const std::map<std::string, std::string>& params, std::string_view body) {
  Result<Format> from = ParseFormat(Param(params, "from", "text"));
  if (!from.ok()) return Error::Usage("from: " + from.error().message);
  Format f = from.value();
  if (f == Format::kAuto) f = Format::kText;
  if (f == Format::kJsonl || f == Format::kHtml) {
    return Error::Usage("from: one document a request: text, tml, json or conllu");
  }
  std::optional<std::string_view> dct;
  std::string dct_param = Param(params, "dct");
  if (!dct_param.empty()) dct = dct_param;
  std::vector<Error> warnings;
  Result<Document> doc = ReadDocument(body, std::string(kRequestName), f, dct, &warnings);
  if (!doc.ok()) return doc;
  Document d = std::move(doc).value();
  d.id = Param(params, "id", d.id.empty() ? std::string(kRequestName) : d.id);
  return d;
}

}  // namespace

Service::Service(const Pipeline* pipeline, size_t max_body_bytes)
    : pipeline_(pipeline), max_body_bytes_(max_body_bytes) {}

HttpReply Service::Handle(std::string_view method, std::string_view path,
                          const std::map<std::string, std::string>& params,
                          std::string_view body) const {
  bool get = method == "GET" || method == "HEAD";
  bool post = method == "POST";
  if (path == "/" || path == "/health") {
    if (!get) return ErrorReply(405, fmt::format("{} wants GET", path));
    if (path == "/") return {200, "text/html; charset=utf-8", std::string(kIndexPage)};
    nlohmann::json j = {{"status", "ok"}, {"stages", pipeline_->stages()}};
    return {200, "application/json", j.dump() + "\n"};
  }
  if (path == "/annotate" || path == "/timeline") {
    if (!post) return ErrorReply(405, fmt::format("{} wants POST with the document as the body", path));
    if (body.size() > max_body_bytes_) {
      return ErrorReply(413, fmt::format("request: {} bytes, over the limit of {}", body.size(),
                                         max_body_bytes_));
    }
    return path == "/annotate" ? Annotate(params, body) : Draw(params, body);
  }
  return ErrorReply(404, fmt::format("no route {}: try GET /, GET /health, POST /annotate, POST /timeline",
                                     path));
}

HttpReply Service::Annotate(const std::map<std::string, std::string>& params,
                            std::string_view body) const {
  Result<Format> to = ParseFormat(Param(params, "to", "json"));
  if (!to.ok()) return ErrorReply(400, "to: " + to.error().message);
  if (to.value() == Format::kAuto || to.value() == Format::kText) {
    return ErrorReply(400, "to: json, tml, html, conllu or jsonl");
  }
  Result<Document> doc = ReadBody(params, body);
  if (!doc.ok()) return ErrorReply(400, doc.error().ToString());
  Document d = std::move(doc).value();
  pipeline_->Run(&d);
  return {200, std::string(ContentType(to.value())), WriteDocument(d, to.value())};
}

HttpReply Service::Draw(const std::map<std::string, std::string>& params,
                        std::string_view body) const {
  std::string to = Param(params, "to", "html");
  if (to != "html" && to != "json") return ErrorReply(400, "to: html or json");
  Result<Document> doc = ReadBody(params, body);
  if (!doc.ok()) return ErrorReply(400, doc.error().ToString());
  Document d = std::move(doc).value();
  if (d.tlinks.empty()) {
    pipeline_->Run(&d);
  } else if (d.sentences.empty()) {
    // Drawn as given (gold TimeML): the pipeline runs on a copy only to
    // split the sentences shown on hover.
    AddSentences(*pipeline_, &d);
  }
  Timeline timeline = BuildTimeline(d);
  if (to == "json") return {200, "application/json", WriteTimelineJson(d, timeline) + "\n"};
  return {200, "text/html; charset=utf-8", WriteTimelineHtml(d, timeline)};
}

struct HttpServer::Impl {
  const Service* service;
  ServeOptions options;
  httplib::Server server;
  bool bound = false;
};

HttpServer::HttpServer(const Service* service, ServeOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->service = service;
  impl_->options = std::move(options);
  size_t threads = impl_->options.threads > 0 ? static_cast<size_t>(impl_->options.threads)
                                              : std::max(1u, std::thread::hardware_concurrency());
  impl_->server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which lets a
  // second server bind the same port and silently take half the requests.
  impl_->server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // Answers go out at once: with Nagle's algorithm, a reply written in two
  // parts (headers, body) waits for the client's delayed ACK, ~40 ms each.
  impl_->server.set_tcp_nodelay(true);
  // httplib answers 413 itself past this size, before reading the body.
  impl_->server.set_payload_max_length(service->max_body_bytes());
  auto handler = [service](const httplib::Request& req, httplib::Response& res) {
    // Parameters come from the URL only: httplib also parses a body sent as
    // application/x-www-form-urlencoded (curl -d's default) into req.params,
    // and a news text must never set `to` or `dct`.
    std::map<std::string, std::string> params;
    size_t q = req.target.find('?');
    if (q != std::string::npos) {
      httplib::Params query;
      httplib::detail::parse_query_text(req.target.substr(q + 1), query);
      for (const auto& [k, v] : query) params.emplace(k, v);  // the first value wins
    }
    HttpReply reply = service->Handle(req.method, req.path, params, req.body);
    res.status = reply.status;
    res.set_content(std::move(reply.body), reply.content_type.c_str());
  };
  impl_->server.Get(".*", handler);
  impl_->server.Post(".*", handler);
  impl_->server.Put(".*", handler);
  impl_->server.Delete(".*", handler);
  impl_->server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    // Statuses httplib sets before any route runs (413 for a body over the
    // limit, 400 for a malformed request): give them the JSON error body.
    if (!res.body.empty()) return;
    std::string_view what = res.status == 413 ? "request body over the size limit" : "bad request";
    HttpReply r = ErrorReply(res.status, what);
    res.set_content(r.body, r.content_type.c_str());
  });
}

HttpServer::~HttpServer() { Stop(); }

Result<int> HttpServer::Bind() {
  const ServeOptions& o = impl_->options;
  int port = o.port;
  bool ok;
  if (port == 0) {
    port = impl_->server.bind_to_any_port(o.host);
    ok = port > 0;
  } else {
    ok = impl_->server.bind_to_port(o.host, port);
  }
  if (!ok) {
    return Error::Io(fmt::format("cannot listen on {}:{} (in use, not permitted, or unknown host)",
                                 o.host, o.port));
  }
  impl_->bound = true;
  return port;
}

Status HttpServer::Serve() {
  if (!impl_->bound) return Error::Io("serve: Bind() first");
  if (!impl_->server.listen_after_bind()) {
    return Error::Io(fmt::format("serving on {} stopped with an error", impl_->options.host));
  }
  return Status::Ok();
}

void HttpServer::Stop() { impl_->server.stop(); }

}  // namespace chronicle
