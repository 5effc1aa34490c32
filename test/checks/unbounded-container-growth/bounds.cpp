// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s

#include <deque>
#include <map>
#include <queue>
#include <string>
#include <utility>
#include <vector>

void consume(std::vector<int> *v);
void publish(const std::vector<int> &v);

// Each class grows one container and bounds it one way: none is reported.
class EraseIt { // OK: member erase
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  void drop() { v_.erase(v_.begin()); }
};
class EraseValue { // OK: std::erase
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  void drop(int x) { std::erase(v_, x); }
};
class EraseIf { // OK: std::erase_if
  std::map<int, long> m_;
  void add(int k, long t) { m_[k] = t; }
  void expire(long now) { std::erase_if(m_, [now](const auto &kv) { return kv.second < now; }); }
};
class PopFront { // OK: pop_front
  std::deque<int> q_;
  void add(int x) { q_.push_back(x); }
  void take() { q_.pop_front(); }
};
class PopBack { // OK: pop_back
  std::vector<int> s_;
  void add(int x) { s_.push_back(x); }
  void take() { s_.pop_back(); }
};
class Pop { // OK: pop on an adaptor
  std::queue<int> q_;
  void add(int x) { q_.push(x); }
  void take() { q_.pop(); }
};
class Clear { // OK: clear
  std::string buf_;
  void add(const std::string &s) { buf_ += s; }
  void flush() { buf_.clear(); }
};
class Extract { // OK: extract
  std::map<int, std::string> m_;
  void add(int k, const std::string &v) { m_.emplace(k, v); }
  void take(int k) { m_.extract(k); }
};
class Resize { // OK: resize
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  void trim() { v_.resize(16); }
};
class Assign { // OK: assign
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  void reset() { v_.assign(4, 0); }
};
class SwapMember { // OK: member swap
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  void rotate() {
    std::vector<int> fresh;
    v_.swap(fresh);
  }
};
class SwapFree { // OK: std::swap
  std::vector<int> v_;
  std::vector<int> spare_;
  void add(int x) { v_.push_back(x); }
  void rotate() { std::swap(v_, spare_); }
};
class AssignEmpty { // OK: = {}
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  void reset() { v_ = {}; }
};
class AssignOther { // OK: = other
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  void load(const std::vector<int> &snapshot) { v_ = snapshot; }
};
class AssignMoved { // OK: = std::move(...)
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  void load(std::vector<int> next) { v_ = std::move(next); }
};
class MoveOut { // OK: moved out with std::move
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  std::vector<int> take() { return std::move(v_); }
};
class ExchangeOut { // OK: moved out with std::exchange
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  std::vector<int> take() { return std::exchange(v_, {}); }
};
class Unknown { // OK: handed by pointer to a function whose body is not visible
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  void done() { consume(&v_); }
};

// Not bounds.
class Reserved {
  std::vector<int> v_;
  void prepare() { v_.reserve(1024); }
  void add(int x) { v_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Reserved::v_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
};
class Shrunk {
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Shrunk::v_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void compact() { v_.shrink_to_fit(); }
};
class Published {
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Published::v_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void share() { publish(v_); }
};
class Copied {
  std::vector<int> v_;
  void add(int x) { v_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Copied::v_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  std::vector<int> snapshot() const { return v_; }
};
class ErasesAnother {
  std::vector<int> kept_;
  std::vector<int> scratch_;
  void add(int x) { kept_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'ErasesAnother::kept_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void tidy() { scratch_.clear(); }
};
