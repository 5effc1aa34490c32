// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue' %s

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <queue>
#include <semaphore>

constexpr std::size_t kCapacity = 1024;

// Every class below is a producer/consumer queue whose push path waits for
// room, fails or drops when the queue is full: none is reported.

class BlockingQueue { // OK: the producer waits on the size before pushing
public:
  void push(int job) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [this] { return jobs_.size() < kCapacity; });
    jobs_.push_back(job);
    not_empty_.notify_one();
  }
  int pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [this] { return !jobs_.empty(); });
    int job = jobs_.front();
    jobs_.pop_front();
    not_full_.notify_one();
    return job;
  }

private:
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<int> jobs_;
};

class TimedQueue { // OK: wait_for room, then drop the item
public:
  bool push(int job) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!not_full_.wait_for(lock, std::chrono::milliseconds(50),
                            [this] { return jobs_.size() < kCapacity; }))
      return false;
    jobs_.push_back(job);
    return true;
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop_front();
    return job;
  }

private:
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::deque<int> jobs_;
};

class DeadlineQueue { // OK: wait_until room, then drop the item
public:
  bool push(int job, std::chrono::steady_clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!not_full_.wait_until(lock, deadline,
                              [this] { return jobs_.size() < kCapacity; }))
      return false;
    jobs_.push(job);
    return true;
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop();
    return job;
  }

private:
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::queue<int> jobs_;
};

class TryPushQueue { // OK: try_push fails when full
public:
  bool try_push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (jobs_.size() >= kCapacity)
      return false;
    jobs_.push(job);
    return true;
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop();
    return job;
  }

private:
  std::mutex mutex_;
  std::queue<int> jobs_;
};

class DropOldest { // OK: evicts the oldest entry when full
public:
  void push(int sample) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (samples_.size() == kCapacity)
      samples_.pop_front();
    samples_.push_back(sample);
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int s = samples_.front();
    samples_.pop_front();
    return s;
  }

private:
  std::mutex mutex_;
  std::deque<int> samples_;
};

class DropNewest { // OK: pushes only while there is room, counts the rest
public:
  void push(int sample) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (samples_.size() < kCapacity)
      samples_.push_back(sample);
    else
      ++dropped_;
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int s = samples_.front();
    samples_.pop_front();
    return s;
  }

private:
  std::mutex mutex_;
  std::deque<int> samples_;
  long dropped_ = 0;
};

class WaitLoop { // OK: a loop on the size waits for room
public:
  void push(int job) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (jobs_.size() >= capacity_)
      not_full_.wait(lock);
    jobs_.push_back(job);
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop_front();
    not_full_.notify_one();
    return job;
  }

private:
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::size_t capacity_ = kCapacity;
  std::deque<int> jobs_;
};

class EvictLoop { // OK: a loop on the size evicts until there is room
public:
  void push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    while (jobs_.size() >= kCapacity)
      jobs_.pop_front();
    jobs_.push_back(job);
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop_front();
    return job;
  }

private:
  std::mutex mutex_;
  std::deque<int> jobs_;
};

// A semaphore counting free slots, acquired on the push path.
class SlotQueue { // OK: acquire() blocks the producer until a slot is free
public:
  void push(int job) {
    free_slots_.acquire();
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(job);
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop_front();
    free_slots_.release();
    return job;
  }

private:
  std::counting_semaphore<kCapacity> free_slots_{kCapacity};
  std::mutex mutex_;
  std::deque<int> jobs_;
};

class TrySlotQueue { // OK: try_acquire() fails the push when no slot is free
public:
  bool try_push(int job) {
    if (!free_slots_.try_acquire())
      return false;
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(job);
    return true;
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop_front();
    free_slots_.release();
    return job;
  }

private:
  std::counting_semaphore<kCapacity> free_slots_{kCapacity};
  std::mutex mutex_;
  std::deque<int> jobs_;
};

// The bound lives in a helper the push path calls.
class FullHelper { // OK: `if (full()) return false;`, full() reads the size
public:
  bool push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (full())
      return false;
    jobs_.push_back(job);
    return true;
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop_front();
    return job;
  }

private:
  bool full() const { return jobs_.size() >= capacity_; }
  std::mutex mutex_;
  std::size_t capacity_ = kCapacity;
  std::deque<int> jobs_;
};

class RoomHelper { // OK: a helper waits for room and reports a timeout
public:
  bool push(int job) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!wait_for_room(lock))
      return false;
    jobs_.push_back(job);
    return true;
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop_front();
    return job;
  }

private:
  bool wait_for_room(std::unique_lock<std::mutex> &lock) {
    return not_full_.wait_for(lock, std::chrono::seconds(1),
                              [this] { return jobs_.size() < kCapacity; });
  }
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::deque<int> jobs_;
};

class SlotHelper { // OK: a helper acquires a free slot before the push
public:
  void push(int job) {
    reserve_slot();
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(job);
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop_front();
    free_slots_.release();
    return job;
  }

private:
  void reserve_slot() { free_slots_.acquire(); }
  std::counting_semaphore<kCapacity> free_slots_{kCapacity};
  std::mutex mutex_;
  std::deque<int> jobs_;
};

void push_capped(std::deque<int> &q, int job) {
  if (q.size() >= kCapacity)
    q.pop_front();
  q.push_back(job);
}
class CappedByHelper { // OK: the push itself goes through a capping helper
public:
  void push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    push_capped(jobs_, job);
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop_front();
    return job;
  }

private:
  std::mutex mutex_;
  std::deque<int> jobs_;
};

// A fixed-size ring: no growable container at all.
template <class T, std::size_t N> class Ring { // OK: fixed-size ring buffer
public:
  bool push(const T &v) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_ == N)
      return false;
    slots_[(head_ + count_++) % N] = v;
    return true;
  }
  bool pop(T &out) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_ == 0)
      return false;
    out = slots_[head_];
    head_ = (head_ + 1) % N;
    --count_;
    return true;
  }

private:
  std::mutex mutex_;
  std::array<T, N> slots_{};
  std::size_t head_ = 0, count_ = 0;
};
Ring<int, 64> g_ring;
void ring_round_trip(int v) {
  int out;
  g_ring.push(v);
  g_ring.pop(out);
}
