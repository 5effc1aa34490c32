// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue' %s

// Without a lock, a swap is a queue's consumer when what it takes out is
// then processed: the backlog swapped into a batch (a local, or a second
// member the writer sends from) that the same function walks or hands to
// a call that reads it. A swap whose other side is only handed back or
// dropped is a reset, not a consumer.

#include <string>
#include <vector>

void write_all(const std::vector<std::string> &parts);
void write_one(const std::string &part);

// A connection's outgoing messages: queued by send(), swapped into the
// buffers being written when the previous write has finished. A slow
// reader makes the queue grow.
class Writer {
public:
  void send(const std::string &msg) {
    queued_.push_back(msg);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Writer::queued_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+19]]:28: note: 'Writer::queued_' declared here
    // CHECK-MESSAGES: :[[@LINE+11]]:5: note: 'Writer::queued_' is consumed here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'Writer::flush' consumes it, and when producers outrun the consumer it grows without limit; block the producer on a size limit (condition variable or semaphore), fail the push when full, or drop the oldest entry
    flush();
  }
  void on_written() {
    sending_.clear();
    flush();
  }
  void flush() {
    if (!sending_.empty() || queued_.empty())
      return;
    sending_.swap(queued_);
    for (const std::string &s : sending_)
      write_one(s);
  }

private:
  std::vector<std::string> sending_;
  std::vector<std::string> queued_;
};
Writer g_writer;

// The same with a local batch.
class Events {
public:
  void post(const std::string &e) { pending_.push_back(e); }
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: queue 'Events::pending_' is pushed here{{.*}} [memlint-unbounded-queue]
  void run_once() {
    std::vector<std::string> batch;
    batch.swap(pending_);
    for (const std::string &e : batch)
      write_one(e);
  }

private:
  std::vector<std::string> pending_;
};
Events g_events;

// Front and back buffers: drawing pushes commands, presenting swaps them
// into the front buffer and hands that to the writer.
class Frames {
public:
  void draw(const std::string &cmd) { back_.push_back(cmd); }
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: queue 'Frames::back_' is pushed here{{.*}} [memlint-unbounded-queue]
  void present() {
    front_.swap(back_);
    write_all(front_);
  }

private:
  std::vector<std::string> front_;
  std::vector<std::string> back_;
};
Frames g_frames;

// OK: swapped into a local that is handed back, or into an empty one that
// is dropped: a reset, not a consumer.
class Rows {
public:
  void add(const std::string &row) { rows_.push_back(row); }
  std::vector<std::string> take() {
    std::vector<std::string> out;
    out.swap(rows_);
    return out;
  }
  void reset() {
    std::vector<std::string> empty;
    rows_.swap(empty);
  }

private:
  std::vector<std::string> rows_;
};
Rows g_rows;
