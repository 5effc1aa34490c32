// RUN: %check_memlint '--checks=-*,memlint-capacity-retention' %s
// RUN: %check_memlint '--checks=-*,memlint-capacity-retention' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// What counts as a burst. A clear that is the reset at the start of a fill
// empties nothing after a burst: the fill that follows reuses the capacity.
// The fill may follow in the same function, in a function called after the
// clear, or after every call of a helper that clears. A clear with any way
// out that does not refill (another caller, the other arm of an if, the
// next round of an event loop) still empties after a burst and is
// reported. A fill whose every caller checks the size first is bounded.
// The near misses stay silent at every confidence (LOW sees what
// CHECK-MESSAGES sees).

#include <functional>
#include <string>
#include <vector>

void consume(const std::string &line);
void send_all(const std::vector<int> &v);
void send_parts(const std::vector<std::string> &parts);
void async_read(std::function<void(const char *, int)> on_data);

//===-- the fill in a function called after the clear ---------------------===//

class WeightTable { // OK: rebuild() refills what init() just reset
public:
  void init(int total) {
    table_.clear();
    rebuild(total);
  }

private:
  void rebuild(int total) {
    for (int i = 0; i < total; ++i)
      table_.push_back(i % 7);
  }
  std::vector<int> table_;
};
WeightTable g_weights;

class Outbox {
public:
  void add_all(const std::vector<int> &in) {
    for (int v : in)
      out_.push_back(v);
  }
  void flush() {
    send_all(out_);
    out_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Outbox::out_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
    // CHECK-MESSAGES: :[[@LINE-6]]:7: note: 'Outbox::out_' is filled here
    // LOW: :[[@LINE-3]]:5: warning: 'Outbox::out_' is emptied here{{.*}}
    log_flush();
  }

private:
  void log_flush() { ++flushes_; } // fills nothing: the clear ends a burst
  int flushes_ = 0;
  std::vector<int> out_;
};
Outbox g_outbox;

//===-- a clear that the container's use follows ---------------------------===//

// The page is reset before the caller walks it: the clear starts a use (an
// empty page here), it does not end one, as send-then-clear does (Outbox).
class Report { // OK: every clear comes before the page is sent
public:
  void serve(bool full, const std::vector<std::string> &rows) {
    if (full)
      full_page(rows);
    else
      empty_page();
    for (const std::string &line : page_)
      consume(line);
  }

private:
  void full_page(const std::vector<std::string> &rows) {
    page_.clear();
    for (const std::string &r : rows)
      page_.push_back(r);
  }
  void empty_page() { page_.clear(); }
  std::vector<std::string> page_;
};
Report g_report;

//===-- an assignment that clears, then refills from its source ------------===//

class Samples { // OK: operator= resets, then copies the source's samples
public:
  Samples &operator=(const Samples &other) {
    values_.clear();
    for (int v : other.values_)
      values_.push_back(v);
    return *this;
  }
  void add_all(const std::vector<int> &in) {
    for (int v : in)
      values_.push_back(v);
  }

private:
  std::vector<int> values_;
};
Samples g_samples;

//===-- a clear in a helper, refilled after every call of it --------------===//

class ServerList { // OK: every reset() is followed by a load()
public:
  void reset() { servers_.clear(); }
  void load(const std::vector<std::string> &in) {
    for (const std::string &s : in)
      servers_.push_back(s);
  }

private:
  std::vector<std::string> servers_;
};
class Reloader {
public:
  void reload(bool primary, const std::vector<std::string> &in) {
    if (primary)
      a_.reset();
    else
      b_.reset();
    (primary ? a_ : b_).load(in);
  }

private:
  ServerList a_, b_;
};
Reloader *g_reloader = new Reloader;

class Batch {
public:
  void reset() {
    rows_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Batch::rows_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
    // CHECK-MESSAGES: :[[@LINE+5]]:7: note: 'Batch::rows_' is filled here
    // LOW: :[[@LINE-3]]:5: warning: 'Batch::rows_' is emptied here{{.*}}
  }
  void add(const std::vector<int> &in) {
    for (int v : in)
      rows_.push_back(v);
  }

private:
  std::vector<int> rows_;
};
Batch g_batch;
void cycle(const std::vector<int> &in) {
  g_batch.reset();
  g_batch.add(in);
}
void drop() { g_batch.reset(); } // emptied after the burst: reported

//===-- arms of one conditional -------------------------------------------===//

// The fill in the other arm does not follow the clear: on a newline the
// line is emptied after its burst of characters. Nor does the fill run in
// the call that empties: the line is gathered over many calls, one
// character each, which is a burst, not a scratch buffer's use.
class LineReader {
public:
  void feed(char c) {
    if (c == '\n') {
      consume(line_);
      line_.clear();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'LineReader::line_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
      // CHECK-MESSAGES: :[[@LINE+3]]:7: note: 'LineReader::line_' is filled here{{$}}
      // LOW: :[[@LINE-3]]:7: warning: 'LineReader::line_' is emptied here{{.*}}
    } else {
      line_.push_back(c);
    }
  }
  void feed_all(const std::string &in) {
    for (char c : in)
      feed(c);
  }

private:
  std::string line_;
};
LineReader g_lines;

class Tokenizer {
public:
  void on(int kind, const std::string &text) {
    switch (kind) {
    case 0:
      word_ += text;
      break;
    case 1:
      consume(word_);
      word_.clear();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Tokenizer::word_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
      // CHECK-MESSAGES: :[[@LINE-6]]:7: note: 'Tokenizer::word_' is filled here
      // LOW: :[[@LINE-3]]:7: warning: 'Tokenizer::word_' is emptied here{{.*}}
      break;
    case 2:
      word_ += "?";
      break;
    }
  }

private:
  std::string word_;
};
Tokenizer g_tokens;

//===-- the next round of an event loop -----------------------------------===//

// The frame is filled in a read callback, handled, and the next read is
// started: the call after the clear is the loop's next round, not a refill.
class Connection {
public:
  void start() { do_read(); }

private:
  void do_read() {
    async_read([this](const char *p, int n) {
      frame_.insert(frame_.end(), p, p + n);
      handle();
      do_read();
    });
  }
  void handle() {
    consume(frame_);
    frame_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Connection::frame_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
    // CHECK-MESSAGES: :[[@LINE-9]]:7: note: 'Connection::frame_' is filled here
    // LOW: :[[@LINE-3]]:5: warning: 'Connection::frame_' is emptied here{{.*}}
  }

  std::string frame_;
};
Connection *g_conn = new Connection;

//===-- a helper that clears, then fills --------------------------------===//

void render_pieces(std::vector<std::string> &out,
                   const std::vector<std::string> &parts) {
  out.clear();
  for (const std::string &p : parts)
    out.push_back(p);
}
class Page { // OK: the helper's clear is the reset at the start of its fill
public:
  void prepare(const std::vector<std::string> &parts) {
    render_pieces(pieces_, parts);
  }
  const std::vector<std::string> &pieces() const { return pieces_; }

private:
  std::vector<std::string> pieces_;
};
Page g_page;

//===-- a size check in every caller ---------------------------------------===//

class Assembler { // OK: every call of add() checks the size first
public:
  void on_part(const std::string &p) {
    if (parts_.size() >= 64)
      return;
    add(p);
  }
  void done() {
    send_parts(parts_);
    parts_.clear();
  }

private:
  void add(const std::string &p) { parts_.push_back(p); }
  std::vector<std::string> parts_;
};
Assembler g_assembler;

class LooseAssembler {
public:
  void on_part(const std::string &p) {
    if (parts_.size() >= 64)
      return;
    add(p);
  }
  void on_urgent(const std::string &p) { add(p); } // no check
  void done() {
    send_parts(parts_);
    parts_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'LooseAssembler::parts_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
    // LOW: :[[@LINE-2]]:5: warning: 'LooseAssembler::parts_' is emptied here{{.*}}
  }

private:
  void add(const std::string &p) { parts_.push_back(p); }
  std::vector<std::string> parts_;
};
LooseAssembler g_loose;
