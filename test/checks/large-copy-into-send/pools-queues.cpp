// RUN: %check_memlint '--checks=-*,memlint-large-copy-into-send' %s

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

// A user thread pool: submit() queues the callable it is given.
class Pool {
public:
  void submit(std::function<void()> task) {
    std::lock_guard<std::mutex> lk(mu_);
    tasks_.push_back(std::move(task));
  }
  // Forwards to submit().
  template <typename F> void post(F &&f) { submit(std::forward<F>(f)); }
  // Runs at once: nothing is queued.
  void run_now(const std::function<void()> &f) { f(); }

private:
  std::mutex mu_;
  std::deque<std::function<void()>> tasks_;
};

struct Message {
  std::string topic;
  std::vector<char> body;
};

void consume(const std::vector<std::string> &);

// Positives.

void fan_out(Pool &pool, const std::vector<std::string> &catalogue, int shards) {
  for (int s = 0; s < shards; ++s)
    pool.submit([catalogue, s] { consume(catalogue); (void)s; });
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'catalogue' (a 'std::vector<std::string>') is copied whole into every task this loop starts (one copy per iteration) [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it is copied by the lambda passed to 'Pool::submit', which captures it by value;{{.*}}
}

void through_post(Pool &pool, std::vector<std::string> names) {
  pool.post([names] { consume(names); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'names' (a 'std::vector<std::string>') is copied whole into the task [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it is copied by the lambda passed to 'Pool::post'{{.*}}
}

// A lambda appended to a container of tasks directly.
class Scheduler {
public:
  void later(const std::vector<std::string> &batch) {
    queue_.emplace_back([batch] { consume(batch); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'batch' (a 'std::vector<std::string>') is copied whole into the queued task [memlint-large-copy-into-send]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it is copied by the lambda passed to 'Scheduler::queue_.emplace_back'{{.*}}
  }

  // A message pushed onto a producer/consumer queue (a member of a class
  // that holds a lock, consumed by popping) and never used again.
  void publish(const std::string &topic, std::size_t size) {
    Message m{topic, std::vector<char>(size)};
    std::lock_guard<std::mutex> lock(mu_);
    inbox_.push_back(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' (a 'Message') is copied whole into the queue [memlint-large-copy-into-send]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it is copied by 'Scheduler::inbox_.push_back', although 'm' is not used afterwards (std::move would hand it over);{{.*}}
  }

private:
  std::mutex mu_;
  std::vector<std::function<void()>> queue_;
  std::deque<Message> inbox_;
};

// OK: storage, not a channel: nothing here is shared between threads.
class Archive {
public:
  void keep(const std::string &topic, std::size_t size) {
    Message m{topic, std::vector<char>(size)};
    kept_.push_back(m);
  }

private:
  std::deque<Message> kept_;
};

// Near misses.

// OK: one shared immutable snapshot.
void shared(Pool &pool, std::shared_ptr<const std::vector<std::string>> snap, int shards) {
  for (int s = 0; s < shards; ++s)
    pool.submit([snap] { consume(*snap); });
}

// OK: run at once, nothing queued.
void immediate(Pool &pool, const std::vector<std::string> &names) {
  pool.run_now([names] { consume(names); });
}

// OK: moved into the queue; or used after the push.
class Outbox {
public:
  void send(Message m) { queue_.push_back(std::move(m)); }
  std::size_t send_and_log(Message m) {
    queue_.push_back(m);
    return m.body.size();
  }
  // OK: a reference, not a local copy.
  void forward(const Message &m) { queue_.push_back(m); }

private:
  std::deque<Message> queue_;
};

// OK: a local vector of results, not a queue that outlives the function.
std::vector<Message> collect(const std::string &topic) {
  std::vector<Message> out;
  Message m{topic, {}};
  out.push_back(m);
  return out;
}

// OK: init-capture that moves.
void handoff(Pool &pool, std::vector<std::string> names) {
  pool.submit([n = std::move(names)] { consume(n); });
}
