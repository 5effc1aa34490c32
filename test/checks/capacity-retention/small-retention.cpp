// RUN: %check_memlint '--checks=-*,memlint-capacity-retention' %s
// RUN: %check_memlint '--checks=-*,memlint-capacity-retention' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// A burst emptied and kept is medium, unless what is kept is small: the
// elements are pointers or handles (a few bytes each, pointing at memory
// freed or held elsewhere), the content is moved out elsewhere (its buffer
// goes with it), or the buffer assembles one key at a time. Those are low
// (shown with --min-confidence=low), each with a note that says why.

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Conn;
struct Row {
  int id;
  std::string text;
};
void poll(const std::vector<Conn *> &ready);
void send_rows(const std::vector<Row> &rows);
void write_views(const void *views, std::size_t n);
void deliver(std::string body);
void handle(const std::string &text);

//===-- handles ------------------------------------------------------------===//

// Raw pointers: the vector keeps 8 bytes per connection of its largest
// burst; the connections themselves live elsewhere.
class Poller {
public:
  void collect(const std::vector<Conn *> &all) {
    for (Conn *c : all)
      ready_.push_back(c);
  }
  void dispatch() {
    poll(ready_);
    ready_.clear();
    // LOW: :[[@LINE-1]]:5: warning: 'Poller::ready_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
    // LOW: :[[@LINE+4]]:23: note: its elements are pointers or handles: it keeps a few bytes per element of its largest fill, while what they point to is freed or held elsewhere
  }

private:
  std::vector<Conn *> ready_;
};
Poller g_poller;

// Views (a pointer and a size) and owning smart pointers are handles too.
struct View {
  const char *data;
  std::size_t size;
};
class Gather {
public:
  void add(const std::vector<std::string> &parts) {
    for (const std::string &p : parts)
      views_.push_back(View{p.data(), p.size()});
  }
  void flush() {
    write_views(views_.data(), views_.size());
    views_.clear();
    // LOW: :[[@LINE-1]]:5: warning: 'Gather::views_' is emptied here{{.*}}
    // LOW: :[[@LINE+4]]:21: note: its elements are pointers or handles{{.*}}
  }

private:
  std::vector<View> views_;
};
Gather g_gather;

// In a class template the element type is dependent (`typename C::ptr`):
// the instantiations say what it is. A shared_ptr is a handle (low); a
// string is not (near miss, medium), whichever instantiation shows it.
struct Message {
  std::string payload;
};
struct ByPointer {
  typedef std::shared_ptr<Message> ptr;
};
struct ByValue {
  typedef std::string ptr;
};
template <typename C> class Batcher {
public:
  void add(const std::vector<typename C::ptr> &items) {
    for (const auto &i : items)
      batch_.push_back(i);
  }
  void flush() {
    write_batch(batch_.size());
    batch_.clear();
    // LOW: :[[@LINE-1]]:5: warning: 'Batcher::batch_' is emptied here{{.*}}
    // LOW: :[[@LINE+5]]:32: note: its elements are pointers or handles{{.*}}
  }

private:
  void write_batch(std::size_t n);
  std::vector<typename C::ptr> batch_;
};
template <typename C> class Spooler {
public:
  void add(const std::vector<typename C::ptr> &items) {
    for (const auto &i : items)
      spool_.push_back(i);
  }
  void flush() {
    write_spool(spool_.size());
    spool_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Spooler::spool_' is emptied here{{.*}}
    // LOW: :[[@LINE-2]]:5: warning: 'Spooler::spool_' is emptied here{{.*}}
  }

private:
  void write_spool(std::size_t n);
  std::vector<typename C::ptr> spool_;
};
Batcher<ByPointer> g_batcher;
Spooler<ByValue> g_spooler;
void pump(const std::vector<std::shared_ptr<Message>> &messages,
          const std::vector<std::string> &lines) {
  g_batcher.add(messages);
  g_batcher.flush();
  g_spooler.add(lines);
  g_spooler.flush();
}

class Jobs {
public:
  void add_all(const std::vector<int> &ids) {
    for (int id : ids)
      jobs_.push_back(std::make_unique<int>(id));
  }
  void run_all() {
    jobs_.clear();
    // LOW: :[[@LINE-1]]:5: warning: 'Jobs::jobs_' is emptied here{{.*}}
    // LOW: :[[@LINE+4]]:37: note: its elements are pointers or handles{{.*}}
  }

private:
  std::vector<std::unique_ptr<int>> jobs_;
};
Jobs g_jobs;

// Elements that own or hold their data are kept whole: reported.
class Rows {
public:
  void add_all(const std::vector<Row> &in) {
    for (const Row &r : in)
      rows_.push_back(r);
  }
  void flush() {
    send_rows(rows_);
    rows_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Rows::rows_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
    // LOW: :[[@LINE-2]]:5: warning: 'Rows::rows_' is emptied here{{.*}}
  }

private:
  std::vector<Row> rows_;
};
Rows g_rows;

// A pointer with an inline buffer is no handle: the buffer is the data.
struct Slot {
  const char *name;
  char inline_data[64];
};
class Slots {
public:
  void add_all(const std::vector<const char *> &names) {
    for (const char *n : names)
      slots_.push_back(Slot{n, {}});
  }
  void reset() {
    slots_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Slots::slots_' is emptied here{{.*}}
    // LOW: :[[@LINE-2]]:5: warning: 'Slots::slots_' is emptied here{{.*}}
  }

private:
  std::vector<Slot> slots_;
};
Slots g_slots;

//===-- moved out elsewhere --------------------------------------------------===//

// The body is handed over whole when it is complete; the clear on an error
// keeps only what a cut-short request filled.
class BodyReader {
public:
  void on_chunk(const std::string &chunk) { body_ += chunk; }
  void on_complete() { deliver(std::move(body_)); }
  void on_error() {
    body_.clear();
    // LOW: :[[@LINE-1]]:5: warning: 'BodyReader::body_' is emptied here{{.*}}
    // LOW: :[[@LINE-4]]:32: note: 'BodyReader::body_' is moved out here, which hands its buffer over with its content: a clear keeps only what was filled since
  }

private:
  std::string body_;
};
BodyReader g_body;

// Copied out instead: the clear empties the whole body, and keeps it.
class CopyingReader {
public:
  void on_chunk(const std::string &chunk) { body_ += chunk; }
  void on_complete() {
    handle(body_);
    body_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'CopyingReader::body_' is emptied here{{.*}}
    // LOW: :[[@LINE-2]]:5: warning: 'CopyingReader::body_' is emptied here{{.*}}
  }

private:
  std::string body_;
};
CopyingReader g_copying;

// A move assignment moves another object's buffer out (one about to die);
// this one keeps its own.
class Packet {
public:
  Packet &operator=(Packet &&other) {
    data_ = std::move(other.data_);
    return *this;
  }
  void append(const std::string &s) { data_ += s; }
  void reset() {
    data_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Packet::data_' is emptied here{{.*}}
    // LOW: :[[@LINE-2]]:5: warning: 'Packet::data_' is emptied here{{.*}}
  }

private:
  std::string data_;
};
Packet g_packet;

//===-- one key at a time ----------------------------------------------------===//

// A header name assembled from chunks, then used as the key of the
// header map: one key, not a burst.
class HeaderParser {
public:
  void on_name(const std::string &chunk) { name_ += chunk; }
  void on_value(const std::string &value) {
    fields_[name_] = value;
    name_.clear();
    // LOW: :[[@LINE-1]]:5: warning: 'HeaderParser::name_' is emptied here{{.*}}
    // LOW: :[[@LINE-3]]:5: note: 'HeaderParser::name_' is used whole as a key here before it is emptied: it holds one key at a time, not a burst of elements
  }

private:
  std::string name_;
  std::map<std::string, std::string> fields_;
};
HeaderParser g_headers;

// A message assembled from frames and handed to a handler: the burst is
// the message, and the connection keeps its capacity.
class MessageReader {
public:
  void on_frame(const std::string &frame) { message_ += frame; }
  void on_final() {
    handle(message_);
    message_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'MessageReader::message_' is emptied here{{.*}}
    // LOW: :[[@LINE-2]]:5: warning: 'MessageReader::message_' is emptied here{{.*}}
  }

private:
  std::string message_;
};
MessageReader g_messages;

//===-- an owner made per operation ------------------------------------------===//

// A request made once per request and handed to the caller: what its body
// keeps goes with it (low, as for growth).
class Request {
public:
  void add(const std::string &chunk) { body_ += chunk; }
  void done() {
    handle(body_);
    body_.clear();
    // LOW: :[[@LINE-1]]:5: warning: 'Request::body_' is emptied here{{.*}}
    // LOW: :[[@LINE-5]]:40: note: the object that owns it is created once per operation (by 'read_request') and handed on, not kept
  }

private:
  std::string body_;
};
void feed(Request &r, const std::vector<std::string> &chunks) {
  for (const std::string &c : chunks)
    r.add(c);
}
std::shared_ptr<Request> read_request(const std::vector<std::string> &chunks) {
  auto r = std::make_shared<Request>();
  feed(*r, chunks);
  return r;
}
bool next_chunks(std::vector<std::string> &chunks);
void serve_one(std::shared_ptr<Request> r);
void serve() {
  std::vector<std::string> chunks;
  while (next_chunks(chunks))
    serve_one(read_request(chunks));
}

// Made per connection and kept by a long-lived server: it lives on.
class Session {
public:
  void add(const std::string &chunk) { body_ += chunk; }
  void done() {
    handle(body_);
    body_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Session::body_' is emptied here{{.*}}
    // LOW: :[[@LINE-2]]:5: warning: 'Session::body_' is emptied here{{.*}}
  }

private:
  std::string body_;
};
class Server {
public:
  void accept(int id) { sessions_[id] = std::make_shared<Session>(); }

private:
  std::map<int, std::shared_ptr<Session>> sessions_;
};
Server g_server;
