// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s
// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// Whose object grows decides as much as what drives the growth: a member
// grown on an object the caller is building (a local, a fresh heap object
// it alone holds, a parameter every caller hands such an object) is filled
// once and then read, however long other objects of its class live.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

bool next_request(std::string &req);

//===-- a factory's product, parsed through its base class ----------------===//

// parse() and parseRaw() call each other on the same object: each is
// only run while the object is built as long as nothing else runs them.
class Field {
public:
  virtual ~Field() = default;
  virtual void parse(const std::string &raw) {
    parseRaw(raw.data(), raw.size());
  }
  virtual void parseRaw(const char *s, unsigned n) {
    parse(std::string(s, n));
  }
};

class Accept : public Field {
public:
  void parseRaw(const char *s, unsigned n) override {
    for (unsigned i = 0; i < n; ++i)
      ranges_.push_back(std::string(1, s[i]));
    // LOW: :[[@LINE-1]]:7: warning: container 'Accept::ranges_' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:7: note: 'Accept::parseRaw' is only called on an object being built, which is then read
  }

private:
  std::vector<std::string> ranges_;
};
// Some Accept lives as long as the program: its class is long-lived.
Accept g_default_accept;

// The same parse, but on an object the server keeps: every request adds.
class Cookie : public Field {
public:
  void parseRaw(const char *s, unsigned n) override {
    crumbs_.push_back(std::string(s, n));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Cookie::crumbs_' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:5: warning: container 'Cookie::crumbs_' grows here{{.*}} [memlint-unbounded-container-growth]
  }

private:
  std::vector<std::string> crumbs_;
};

std::unique_ptr<Field> make_field(const std::string &name) {
  if (name == "accept")
    return std::make_unique<Accept>();
  return nullptr;
}

struct Request {
  std::vector<std::shared_ptr<Field>> fields;
};

void parse_field(Request &req, const std::string &name,
                 const std::string &value) {
  std::shared_ptr<Field> f = make_field(name);
  f->parse(value);
  req.fields.push_back(f);
}

class Server {
public:
  void on_request(const std::string &raw) {
    Request req;
    parse_field(req, "accept", raw);
    jar_.parseRaw(raw.data(), raw.size());
  }

private:
  Cookie jar_;
};

//===-- a parameter every caller hands an object it is building -----------===//

struct Match {
  std::map<std::string, std::string> vars;
};
// Some Match lives as long as the program (the last one, for logs).
Match g_last_match;

bool match(const std::string &pattern, const std::string &url, Match &m) {
  if (pattern.empty())
    return false;
  m.vars[pattern] = url;
  // LOW: :[[@LINE-1]]:3: warning: container 'Match::vars' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:3: note: 'match' is only handed objects its callers are building, which are then read
  return true;
}

// Passed on through a helper's parameter, still the caller's local.
bool match_any(const std::vector<std::string> &patterns,
               const std::string &url, Match &out) {
  for (const std::string &p : patterns)
    if (match(p, url, out))
      return true;
  return false;
}

struct Tally {
  std::map<std::string, int> hits;
};

void count(const std::string &url, Tally &t) { t.hits[url] += 1; }
// CHECK-MESSAGES: :[[@LINE-1]]:48: warning: container 'Tally::hits' grows here{{.*}} [memlint-unbounded-container-growth]
// LOW: :[[@LINE-2]]:48: warning: container 'Tally::hits' grows here{{.*}} [memlint-unbounded-container-growth]

class Router {
public:
  void route(const std::string &url) {
    Match m;
    match_any(patterns_, url, m);
    Match exact;
    match(url, url, exact);
    // The tally the router keeps is handed over too: it grows per request.
    Tally local;
    count(url, local);
    count(url, totals_);
  }

private:
  std::vector<std::string> patterns_{"/a", "/b"};
  Tally totals_;
};

//===-- a member of a local object ----------------------------------------===//

struct Batch {
  std::vector<std::string> lines;
};
void flush(const Batch &b);

void on_lines(const std::vector<std::string> &in) {
  Batch b;
  for (const std::string &l : in)
    b.lines.push_back(l);
  // LOW: :[[@LINE-1]]:5: warning: container 'Batch::lines' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:5: note: it grows in an object local to 'on_lines', which is built there and then read
  flush(b);
}

// Some batch lives as long as the program.
Batch g_empty_batch;

// A batch kept across requests does grow.
struct Pending {
  std::vector<std::string> lines;
};
Pending g_pending;
void on_line(const std::string &l) { g_pending.lines.push_back(l); }
// CHECK-MESSAGES: :[[@LINE-1]]:38: warning: container 'Pending::lines' grows here{{.*}} [memlint-unbounded-container-growth]
// LOW: :[[@LINE-2]]:38: warning: container 'Pending::lines' grows here{{.*}} [memlint-unbounded-container-growth]

//===-- an object given a fresh value per request -------------------------===//

// A middleware's per-request context, a base of the connection's context,
// which starts over for every request: what it collects goes with it.
struct CookieContext {
  std::vector<std::string> to_add;
  void set_cookie(const std::string &c) { to_add.push_back(c); }
};
struct SessionContext {
  std::vector<std::string> touched;
  void touch(const std::string &k) { touched.push_back(k); }
};
struct AllContexts : CookieContext {
  SessionContext session;
};

// The same contexts in a connection that never starts them over.
struct TraceContext {
  std::vector<std::string> spans;
  void span(const std::string &s) { spans.push_back(s); }
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: container 'TraceContext::spans' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:37: warning: container 'TraceContext::spans' grows here{{.*}} [memlint-unbounded-container-growth]
};

class Connection {
public:
  void handle(const std::string &req) {
    ctx_ = AllContexts();
    ctx_.set_cookie(req);
    ctx_.session.touch(req);
    trace_.span(req);
  }

private:
  AllContexts ctx_;
  TraceContext trace_;
};
Connection g_conn;

//===-- an object local to one turn of a loop, and one kept across turns ---===//

struct Frame {
  std::vector<std::string> parts;
  void add(const std::string &p) { parts.push_back(p); }
  // LOW: :[[@LINE-1]]:36: warning: container 'Frame::parts' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:36: note: 'Frame::add' is only called on an object being built, which is then read
};
Frame g_idle_frame;
struct Session {
  std::vector<std::string> lines;
  void add(const std::string &l) { lines.push_back(l); }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: container 'Session::lines' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:36: warning: container 'Session::lines' grows here{{.*}} [memlint-unbounded-container-growth]
};
Session g_idle_session;
void send(const Frame &f);

void serve_connection() {
  Session s;
  for (std::string line; next_request(line);) {
    Frame f;
    for (size_t i = 0; i < line.size(); i += 4)
      f.add(line.substr(i, 4));
    send(f);
    s.add(line);
  }
}

// A local that a kept callback captures lives as long as the callback
// runs: a session the loop's message handler fills per message grows.
struct Transcript {
  std::vector<std::string> said;
  void add(const std::string &m) { said.push_back(m); }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: container 'Transcript::said' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:36: warning: container 'Transcript::said' grows here{{.*}} [memlint-unbounded-container-growth]
};
Transcript g_idle_transcript;
class MessageLoop {
public:
  void on_message(std::function<void(const std::string &)> h) {
    handler_ = std::move(h);
  }
  void run() {
    for (std::string m; next_request(m);)
      handler_(m);
  }

private:
  std::function<void(const std::string &)> handler_;
};
void chat(MessageLoop &loop) {
  Transcript t;
  loop.on_message([&t](const std::string &m) { t.add(m); });
  loop.run();
}

int main() {
  Server server;
  Router router;
  for (std::string req; next_request(req);) {
    server.on_request(req);
    router.route(req);
    on_lines({req});
    on_line(req);
    g_conn.handle(req);
  }
  serve_connection();
  MessageLoop loop;
  chat(loop);
}
