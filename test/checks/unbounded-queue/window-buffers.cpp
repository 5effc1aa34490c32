// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue,memlint-unbounded-container-growth' %s

// A connection's byte buffer, written at one index and read at another
// (muduo's and trantor's Buffer, and many hand-written ones), is a queue
// of bytes: memlint infers its model from its own code (append advances
// the write index: a push; retrieve advances the read index: a pop;
// retrieve_all sets both back: a clear; readable reads them: a size) and
// judges the member that holds one. An output buffer that every send
// appends to and the writable event drains, with nothing that stops the
// sender, grows as long as the peer reads slower than the program writes.

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

bool next_event(std::string &e);
long write_some(const char *p, std::size_t n);
void deliver(const char *p, std::size_t n);

class Buffer {
public:
  std::size_t readable() const { return w_ - r_; }
  std::size_t writable() const { return buf_.size() - w_; }
  const char *peek() const { return buf_.data() + r_; }
  void append(const char *d, std::size_t n) {
    ensure(n);
    std::copy(d, d + n, buf_.begin() + w_);
    w_ += n;
  }
  void append(const std::string &s) { append(s.data(), s.size()); }
  void retrieve(std::size_t n) {
    if (n < readable())
      r_ += n;
    else
      retrieve_all();
  }
  void retrieve_all() { r_ = w_ = 0; }
  void swap(Buffer &other) { buf_.swap(other.buf_); }

private:
  // Compaction and growing the vector change no window.
  void ensure(std::size_t n) {
    if (writable() < n)
      buf_.resize(w_ + n);
  }
  std::vector<char> buf_;
  std::size_t r_ = 0, w_ = 0;
};

class Conn {
public:
  void send(const std::string &m) {
    out_.append(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Conn::out_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+5]]:7: note: 'Conn::out_' is consumed here
  }
  void on_writable() {
    long n = write_some(out_.peek(), out_.readable());
    if (n > 0)
      out_.retrieve(static_cast<std::size_t>(n));
  }

private:
  Buffer out_;
};

// Near miss: a batch, handed whole to a call whenever it reaches its size.
class Batcher {
public:
  void add(const std::string &m) { // OK: flushed at its size
    batch_.append(m);
    if (batch_.readable() >= 4096)
      flush(&batch_);
  }
  void close() { flush(&batch_); }

private:
  static void flush(Buffer *b) {
    deliver(b->peek(), b->readable());
    b->retrieve_all();
  }
  Buffer batch_;
};

// The positive the batch must not swallow: a size check that only looks
// at the buffer (a const reference) flushes nothing.
void warn_big(const Buffer &b);
class Journal {
public:
  void add(const std::string &m) {
    pending_.append(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Journal::pending_' is pushed here{{.*}} [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+6]]:5: note: 'Journal::pending_' is consumed here
    if (pending_.readable() >= 4096)
      warn_big(pending_);
  }
  void on_writable() {
    long n = write_some(pending_.peek(), pending_.readable());
    pending_.retrieve(n > 0 ? static_cast<std::size_t>(n) : 0);
  }

private:
  Buffer pending_;
};

// Near miss: a response built by a helper and taken whole by the function
// that called the helper: one operation makes and takes it.
class Pages {
public:
  void serve(const std::string &q) { // OK: built and taken in one request
    build(q);
    deliver(page_.peek(), page_.readable());
    page_.retrieve(page_.readable());
  }

private:
  void build(const std::string &q) {
    page_.retrieve_all();
    page_.append("<html>");
    page_.append(q);
  }
  Buffer page_;
};

// Near miss: one vector and two counters, but no window over it (nothing
// subtracts a counter from its size): no buffer, nothing to judge.
class Tally {
public:
  void add(std::size_t n) { seen_ += n; }
  void drop(std::size_t n) { gone_ += n; }
  std::size_t live() const { return seen_ - gone_; }

private:
  std::vector<int> marks_;
  std::size_t seen_ = 0, gone_ = 0;
};
class Meter {
public:
  void in(const std::string &m) { t_.add(m.size()); } // OK: Tally is no container
  void out(std::size_t n) { t_.drop(n); }

private:
  Tally t_;
};

Conn g_conn;
Journal g_journal;
Batcher g_batcher;
Pages g_pages;
Meter g_meter;
int main() {
  for (std::string e; next_event(e);) {
    g_conn.send(e);
    g_conn.on_writable();
    g_journal.add(e);
    g_journal.on_writable();
    g_batcher.add(e);
    g_pages.serve(e);
    g_meter.in(e);
    g_meter.out(e.size());
  }
  g_batcher.close();
}
