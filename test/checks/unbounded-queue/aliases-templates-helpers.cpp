// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue' %s

#include <condition_variable>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <queue>
#include <string>
#include <utility>

struct Message {
  int to;
  std::string body;
};

// typedef and using aliases.
using Task = std::function<void()>;
using TaskQueue = std::deque<Task>;
typedef std::queue<Message> Inbox;

class Executor {
public:
  void post(Task t) {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_.push_back(std::move(t));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Executor::tasks_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Executor::run_one' consumes it{{.*}}
  }
  void deliver(const Message &m) {
    std::lock_guard<std::mutex> lock(mutex_);
    inbox_.push(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Executor::inbox_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Executor::receive' consumes it{{.*}}
  }
  void run_one() {
    Task t;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      t = std::move(tasks_.front());
      tasks_.pop_front();
    }
    t();
  }
  Message receive() {
    std::lock_guard<std::mutex> lock(mutex_);
    Message m = inbox_.front();
    inbox_.pop();
    return m;
  }

private:
  std::mutex mutex_;
  TaskQueue tasks_;
  Inbox inbox_;
};

// A channel class template: judged through its instantiations, reported once
// for all of them, named after the template.
template <class T> class Channel {
public:
  void send(T v) {
    std::lock_guard<std::mutex> lock(mutex_);
    buffer_.push_back(std::move(v));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Channel::buffer_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Channel::recv' consumes it{{.*}}
    ready_.notify_one();
  }
  T recv() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return !buffer_.empty(); });
    T v = std::move(buffer_.front());
    buffer_.pop_front();
    return v;
  }

private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<T> buffer_;
};
Channel<int> g_numbers;
Channel<Message> g_messages;
void produce(int n, const Message &m) {
  g_numbers.send(n);
  g_messages.send(m);
}
void consume() {
  g_numbers.recv();
  g_messages.recv();
}

// The queue is a template parameter.
template <class Q> class Mailbox {
public:
  void put(int v) {
    std::lock_guard<std::mutex> lock(mutex_);
    q_.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Mailbox::q_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Mailbox::get' consumes it{{.*}}
  }
  int get() {
    std::lock_guard<std::mutex> lock(mutex_);
    int v = q_.front();
    q_.pop_front();
    return v;
  }

private:
  std::mutex mutex_;
  Q q_;
};
Mailbox<std::list<int>> g_mailbox;
void use_mailbox(int v) {
  g_mailbox.put(v);
  g_mailbox.get();
}

// A wrapper struct held as a member: the entity is the wrapper's field.
struct Backlog {
  std::deque<Message> items;
};
class Actor {
public:
  void tell(const Message &m) {
    std::lock_guard<std::mutex> lock(mutex_);
    backlog_.items.push_back(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Backlog::items' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Actor::step' consumes it{{.*}}
  }
  void step() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!backlog_.items.empty())
      backlog_.items.pop_front();
  }

private:
  std::mutex mutex_;
  Backlog backlog_;
};
Actor g_actor;

// Through local references and pointers.
class ByReference {
public:
  void push(int v) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto &q = pending_;
    q.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'ByReference::pending_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'ByReference::pop' consumes it{{.*}}
  }
  void push_ptr(int v) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::deque<int> *q = &urgent_;
    q->push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'ByReference::urgent_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'ByReference::pop' consumes it{{.*}}
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    auto &u = urgent_;
    if (!u.empty()) {
      int v = u.front();
      u.pop_front();
      return v;
    }
    int v = pending_.front();
    pending_.pop_front();
    return v;
  }

private:
  std::mutex mutex_;
  std::deque<int> pending_;
  std::deque<int> urgent_;
};

// Helpers that take the queue by reference: the push is reported at the
// call of the helper; a helper may also be the consumer.
void append_job(std::deque<int> &q, int job) { q.push_back(job); }
int take_front(std::deque<int> &q) {
  int v = q.front();
  q.pop_front();
  return v;
}
class Helped {
public:
  void submit(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    append_job(jobs_, job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Helped::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Helped::next' consumes it{{.*}}
  }
  int next() {
    std::lock_guard<std::mutex> lock(mutex_);
    return take_front(jobs_);
  }

private:
  std::mutex mutex_;
  std::deque<int> jobs_;
};

// A queue in a base class, pushed through a derived class.
class QueueBase {
public:
  int take() {
    std::lock_guard<std::mutex> lock(mutex_);
    int v = items_.front();
    items_.pop_front();
    return v;
  }

protected:
  void put(int v) {
    std::lock_guard<std::mutex> lock(mutex_);
    items_.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'QueueBase::items_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'QueueBase::take' consumes it{{.*}}
  }

private:
  std::mutex mutex_;
  std::deque<int> items_;
};
class SensorFeed : public QueueBase {
public:
  void on_reading(int v) { put(v); }
};
SensorFeed g_feed;
