// RUN: %check_memlint '--checks=-*,memlint-large-copy-into-send' %s

// A user channel: push(const T &) copies its argument into a long-lived
// queue that a consumer drains. A large local handed to it and never used
// again is copied for nothing. The channels, their consumers and the
// producers are all in this file: a closed world for both front ends.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

struct Row {
  long id;
  std::string name;
};
using Batch = std::vector<Row>;
Batch read_batch();
void log_size(std::size_t);

template <typename T> class Channel {
public:
  void push(const T &v) {
    std::lock_guard<std::mutex> lk(mu_);
    q_.push_back(v);
    cv_.notify_one();
  }
  T pop() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return !q_.empty(); });
    T v = std::move(q_.front());
    q_.pop_front();
    return v;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<T> q_;
};
Channel<Batch> g_batches;
Channel<int> g_ints;

// A channel with an rvalue overload; the const& one copies through a
// helper.
class Mailbox {
public:
  void send(const Batch &b) { enqueue(b); }
  void send(Batch &&b) {
    std::lock_guard<std::mutex> lk(mu_);
    q_.push_back(std::move(b));
  }
  Batch take() {
    std::lock_guard<std::mutex> lk(mu_);
    Batch b = std::move(q_.front());
    q_.pop_front();
    return b;
  }

private:
  void enqueue(const Batch &b) {
    std::lock_guard<std::mutex> lk(mu_);
    q_.push_back(b);
  }
  std::mutex mu_;
  std::deque<Batch> q_;
};
Mailbox *g_mailbox = new Mailbox;

// A channel taking its value by value.
class Outbox {
public:
  void post(Batch b) {
    std::lock_guard<std::mutex> lk(mu_);
    q_.push_back(std::move(b));
  }
  void drain(std::deque<Batch> &out) {
    std::lock_guard<std::mutex> lk(mu_);
    out.swap(q_);
  }

private:
  std::mutex mu_;
  std::deque<Batch> q_;
};
Outbox g_outbox;

// Positives.

void produce() {
  Batch batch = read_batch();
  g_batches.push(batch);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'batch' (a 'Batch') is copied whole into the queue 'Channel::q_' [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :26:5: note: 'Channel::push' stores its argument in 'Channel::q_' here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: 'batch' declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: it is copied by 'Channel::push', which takes it by const reference and copies it into a long-lived queue that a consumer drains, although 'batch' is not used afterwards; std::move it into the call, and give 'Channel::push' an overload that takes an rvalue reference (T &&) and moves it into the queue
}

void mail() {
  Batch batch = read_batch();
  g_mailbox->send(batch);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'batch' (a 'Batch') is copied whole into the queue 'Mailbox::q_' [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :64:5: note: 'Mailbox::send' stores its argument in 'Mailbox::q_' here (via 'Mailbox::enqueue')
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: 'batch' declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: it is copied by 'Mailbox::send', which takes it by const reference and copies it into a long-lived queue that a consumer drains, although 'batch' is not used afterwards; std::move it into the call: 'Mailbox::send' has an overload that takes an rvalue reference
  // CHECK-FIXES: g_mailbox->send(std::move(batch));
}

void post() {
  Batch batch = read_batch();
  g_outbox.post(batch);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'batch' (a 'Batch') is copied whole into the queue 'Outbox::q_' [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: 'batch' declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: it is copied by 'Outbox::post', which takes it by value, into a long-lived queue that a consumer drains, although 'batch' is not used afterwards; std::move it into the call
  // CHECK-FIXES: g_outbox.post(std::move(batch));
}

// Near misses.

// OK: moved in, used afterwards, small, or reused by a loop.
void fine(int n) {
  Batch a = read_batch();
  g_batches.push(std::move(a));
  Batch b = read_batch();
  g_batches.push(b);
  log_size(b.size());
  int i = n;
  g_ints.push(i);
  Batch c = read_batch();
  for (int k = 0; k < n; ++k)
    g_batches.push(c);
}

// OK: storage, not a channel: nothing consumes it, and no lock shares it.
class Archive {
public:
  void keep(const Batch &b) { kept_.push_back(b); }
  std::size_t size() const { return kept_.size(); }

private:
  std::deque<Batch> kept_;
};
Archive g_archive;
void archive() {
  Batch batch = read_batch();
  g_archive.keep(batch);
}

// OK: the callee keeps only a field of its argument.
class Ids {
public:
  void add(const Row &r) {
    std::lock_guard<std::mutex> lk(mu_);
    ids_.push_back(r.id);
  }
  long next() {
    std::lock_guard<std::mutex> lk(mu_);
    long id = ids_.front();
    ids_.pop_front();
    return id;
  }

private:
  std::mutex mu_;
  std::deque<long> ids_;
};
Ids g_ids;
void ids() {
  Row r{1, std::string(1000, 'x')};
  g_ids.add(r);
}
