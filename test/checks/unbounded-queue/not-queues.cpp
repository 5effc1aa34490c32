// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue' %s

#include <deque>
#include <map>
#include <mutex>
#include <queue>
#include <string>
#include <vector>

// Near misses: containers pushed and popped that are not producer/consumer
// queues, or whose producers cannot outrun a consumer.

// OK: a function-local BFS frontier.
int reachable(const std::vector<std::vector<int>> &adj, int start) {
  std::vector<bool> seen(adj.size());
  std::queue<int> frontier;
  frontier.push(start);
  int n = 0;
  while (!frontier.empty()) {
    int v = frontier.front();
    frontier.pop();
    ++n;
    for (int w : adj[v])
      if (!seen[w]) {
        seen[w] = true;
        frontier.push(w);
      }
  }
  return n;
}

// OK: a member work list pushed and popped by the same function.
class Solver {
public:
  int solve(int start) {
    work_.push_back(start);
    int steps = 0;
    while (!work_.empty()) {
      int v = work_.front();
      work_.pop_front();
      if (v > 1)
        work_.push_back(v / 2);
      ++steps;
    }
    return steps;
  }

private:
  std::deque<int> work_;
};
Solver g_solver;

// OK: nobody consumes it (unbounded-container-growth's concern, not a queue).
class Recorder {
public:
  void record(int e) {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(e);
  }

private:
  std::mutex mutex_;
  std::deque<int> events_;
};
Recorder g_recorder;

// OK: popped only when the object dies.
class Drained {
public:
  ~Drained() {
    while (!q_.empty())
      q_.pop_front();
  }
  void push(int v) {
    std::lock_guard<std::mutex> lock(mutex_);
    q_.push_back(v);
  }

private:
  std::mutex mutex_;
  std::deque<int> q_;
};
Drained g_drained;

// OK: erasing chosen entries is bookkeeping, not consuming.
class Pending {
public:
  void add(int id) {
    std::lock_guard<std::mutex> lock(mutex_);
    ids_.push_back(id);
  }
  void cancel(int id) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::erase(ids_, id);
  }

private:
  std::mutex mutex_;
  std::vector<int> ids_;
};
Pending g_pending;

// OK: without threads, swapping the contents out is a reset.
class Batch {
public:
  void add(int v) { rows_.push_back(v); }
  std::vector<int> take() {
    std::vector<int> out;
    rows_.swap(out);
    return out;
  }
  void reset() {
    std::vector<int> empty;
    rows_.swap(empty);
  }

private:
  std::vector<int> rows_;
};
Batch g_batch;

// OK: every instance is a local of an ordinary function.
class LocalQueue {
public:
  void push(int v) {
    std::lock_guard<std::mutex> lock(mutex_);
    q_.push_back(v);
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int v = q_.front();
    q_.pop_front();
    return v;
  }

private:
  std::mutex mutex_;
  std::deque<int> q_;
};
int use_local_queue(int n) {
  LocalQueue q;
  for (int i = 0; i < n; ++i)
    q.push(i);
  return q.pop();
}

// OK: handed to code memlint cannot see, which may bound it.
void register_queue(std::deque<int> &q);
class Registered {
public:
  Registered() { register_queue(q_); }
  void push(int v) {
    std::lock_guard<std::mutex> lock(mutex_);
    q_.push_back(v);
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int v = q_.front();
    q_.pop_front();
    return v;
  }

private:
  std::mutex mutex_;
  std::deque<int> q_;
};
Registered g_registered;

// OK: a free list filled once by the constructor and popped afterwards.
class SlotPool {
public:
  explicit SlotPool(int n) {
    for (int i = 0; i < n; ++i)
      free_.push_back(i);
  }
  int acquire() {
    std::lock_guard<std::mutex> lock(mutex_);
    int s = free_.front();
    free_.pop_front();
    return s;
  }

private:
  std::mutex mutex_;
  std::deque<int> free_;
};
SlotPool g_slots(16);

// OK: pushed only in a loop with a constant trip count.
class Warmup {
public:
  void prime() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (int i = 0; i < 8; ++i)
      tokens_.push_back(i);
  }
  int take() {
    std::lock_guard<std::mutex> lock(mutex_);
    int t = tokens_.front();
    tokens_.pop_front();
    return t;
  }

private:
  std::mutex mutex_;
  std::deque<int> tokens_;
};
Warmup g_warmup;

// OK: its address is kept by someone else.
class Exposed {
public:
  void push(int v) {
    std::lock_guard<std::mutex> lock(mutex_);
    q_.push_back(v);
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int v = q_.front();
    q_.pop_front();
    return v;
  }
  std::deque<int> &raw() { return q_; }

private:
  std::mutex mutex_;
  std::deque<int> q_;
};
Exposed g_exposed;
std::deque<int> *g_exposed_queue = &g_exposed.raw();

// OK: a map is not a queue, and a memo cache is unbounded-memoization's.
class Table {
public:
  std::string get(int k) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = rows_.find(k);
    if (it != rows_.end())
      return it->second;
    std::string v = std::to_string(k);
    rows_.emplace(k, v);
    return v;
  }
  void drop_oldest() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!rows_.empty())
      rows_.erase(rows_.begin());
  }

private:
  std::mutex mutex_;
  std::map<int, std::string> rows_;
};
Table g_table;
