// RUN: %check_memlint --real-headers '--checks=-*,memlint-unbounded-queue,memlint-unbounded-container-growth' %s

// The moodycamel pack (rules/packs/moodycamel.yaml) against the real
// headers of Debian 12 (libconcurrentqueue-dev 1.0.3, libreaderwriterqueue-dev
// 1.0.6): ConcurrentQueue, BlockingConcurrentQueue and
// BlockingReaderWriterQueue pushed with enqueue from a request handler that
// main's loop drives, and drained by try_dequeue or wait_dequeue on a worker
// thread (or taken whole with moodycamel::swap), through unbounded-queue.
// Near misses: producers that only use try_enqueue (it fails when the
// preallocated room is used up), a queue filled only at setup, and the
// fixed-capacity BlockingReaderWriterCircularBuffer (a container of the
// pack, and a bounded type: used as a queue, it is never reported). A queue
// used with producer and consumer tokens is judged like the others.
#include <concurrentqueue/blockingconcurrentqueue.h>
#include <concurrentqueue/concurrentqueue.h>
#include <readerwritercircularbuffer.h>
#include <readerwriterqueue.h>

#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

bool next_request(std::string &req);
void handle(const std::string &job);

//===-- containers: unbounded-queue ---------------------------------------===//

class Server {
public:
  void on_request(const std::string &req) {
    jobs_.enqueue(req);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Server::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+5]]:11: note: 'Server::jobs_' is consumed here
  }
  void work() {
    std::string job;
    for (;;) {
      if (jobs_.try_dequeue(job))
        handle(job);
    }
  }

private:
  moodycamel::ConcurrentQueue<std::string> jobs_;
};
Server g_server;

class Batcher {
public:
  void on_batch(const std::vector<std::string> &reqs) {
    lines_.enqueue_bulk(reqs.begin(), reqs.size());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Batcher::lines_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+5]]:23: note: 'Batcher::lines_' is consumed here
  }
  void work() {
    std::string out[16];
    for (;;) {
      std::size_t n = lines_.wait_dequeue_bulk(out, 16);
      for (std::size_t i = 0; i < n; ++i)
        handle(out[i]);
    }
  }

private:
  moodycamel::BlockingConcurrentQueue<std::string> lines_;
};
Batcher g_batcher;

class Mailbox {
public:
  void on_request(const std::string &req) {
    inbox_.enqueue(req);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Mailbox::inbox_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+5]]:7: note: 'Mailbox::inbox_' is consumed here
  }
  void work() {
    std::string msg;
    for (;;) {
      inbox_.wait_dequeue(msg);
      handle(msg);
    }
  }

private:
  moodycamel::BlockingConcurrentQueue<std::string> inbox_;
};
Mailbox g_mailbox;

// The single-producer, single-consumer queue adds a block when the last one
// is full.
class Pipe {
public:
  void on_request(const std::string &req) {
    q_.emplace(req);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Pipe::q_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+5]]:11: note: 'Pipe::q_' is consumed here
  }
  void work() {
    std::string s;
    for (;;)
      if (q_.wait_dequeue_timed(s, 1000))
        handle(s);
  }

private:
  moodycamel::BlockingReaderWriterQueue<std::string> q_;
};
Pipe g_pipe;

//===-- container_functions: unbounded-queue ------------------------------===//

// The whole backlog taken at once with moodycamel::swap: a consumer too
// (swapping is not thread-safe: hence the lock).
class Journal {
public:
  void on_request(const std::string &req) {
    std::lock_guard<std::mutex> lock(mu_);
    backlog_.enqueue(req);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Journal::backlog_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+7]]:9: note: 'Journal::backlog_' is consumed here
  }
  void work() {
    for (;;) {
      moodycamel::ConcurrentQueue<std::string> batch;
      {
        std::lock_guard<std::mutex> lock(mu_);
        moodycamel::swap(batch, backlog_);
      }
      std::string line;
      while (batch.try_dequeue(line))
        handle(line);
    }
  }

private:
  std::mutex mu_;
  moodycamel::ConcurrentQueue<std::string> backlog_;
};
Journal g_journal;

//===-- near misses: try_enqueue, setup -----------------------------------===//

// OK: try_enqueue only uses the room allocated up front and fails when it
// is used up; the producer drops (or reports) what does not fit.
class Sampler {
public:
  bool on_request(const std::string &req) { return samples_.try_enqueue(req); }
  void on_burst(const std::vector<std::string> &reqs) {
    if (!samples_.try_enqueue_bulk(reqs.begin(), reqs.size()))
      ++dropped_;
  }
  void work() {
    std::string s;
    for (;;) {
      samples_.wait_dequeue(s);
      handle(s);
    }
  }

private:
  moodycamel::BlockingConcurrentQueue<std::string> samples_{1024};
  long dropped_ = 0;
};
Sampler g_sampler;

class Spsc {
public:
  void on_request(const std::string &req) {
    if (!q_.try_enqueue(req))
      ++dropped_;
  }
  void work() {
    std::string s;
    for (;;)
      if (q_.try_dequeue(s))
        handle(s);
  }

private:
  moodycamel::ReaderWriterQueue<std::string> q_{256};
  long dropped_ = 0;
};
Spsc g_spsc;

// OK: filled once at startup, before the request loop; the workers only
// take from it.
class Pool {
public:
  void seed(int n) {
    for (int i = 0; i < n; ++i)
      free_.enqueue(std::to_string(i));
  }
  void work() {
    std::string slot;
    for (;;)
      if (free_.try_dequeue(slot))
        handle(slot);
  }

private:
  moodycamel::ConcurrentQueue<std::string> free_;
};
Pool g_pool;

//===-- bounded_types: unbounded-queue ------------------------------------===//

// OK: a fixed capacity (bounded_types); wait_enqueue waits for room.
class Ring {
public:
  void on_request(const std::string &req) { ring_.wait_enqueue(req); }
  void work() {
    std::string s;
    for (;;) {
      ring_.wait_dequeue(s);
      handle(s);
    }
  }

private:
  moodycamel::BlockingReaderWriterCircularBuffer<std::string> ring_{64};
};
Ring g_ring;

// With tokens: the producer and consumer tokens are made from the queue by
// reference (a container function of the pack: no effect on its content),
// and the token overloads push and pop as the others do.
class Tokened {
public:
  void on_request(const std::string &req) {
    moodycamel::ProducerToken tok(jobs_);
    jobs_.enqueue(tok, req);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Tokened::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+6]]:11: note: 'Tokened::jobs_' is consumed here
  }
  void work() {
    moodycamel::ConsumerToken tok(jobs_);
    std::string job;
    for (;;) {
      if (jobs_.try_dequeue(tok, job))
        handle(job);
    }
  }

private:
  moodycamel::ConcurrentQueue<std::string> jobs_;
};
Tokened g_tokened;

void worker() {
  g_tokened.work();
  g_server.work();
  g_batcher.work();
  g_mailbox.work();
  g_pipe.work();
  g_journal.work();
  g_sampler.work();
  g_spsc.work();
  g_pool.work();
  g_ring.work();
}

int main() {
  g_pool.seed(64);
  std::thread t(worker);
  for (std::string req; next_request(req);) {
    g_server.on_request(req);
    g_tokened.on_request(req);
    g_batcher.on_batch({req, req});
    g_mailbox.on_request(req);
    g_pipe.on_request(req);
    g_journal.on_request(req);
    g_sampler.on_request(req);
    g_sampler.on_burst({req, req});
    g_spsc.on_request(req);
    g_ring.on_request(req);
  }
  t.join();
}
