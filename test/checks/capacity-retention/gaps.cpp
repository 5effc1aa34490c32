// RUN: %check_memlint '--checks=-*,memlint-capacity-retention' %s -- -std=c++20
//
// Cases found by writing the tests from the spec (helpers, lazy slots,
// derived keys, emptying forms, template specializations, callbacks).
#include <string>
#include <vector>
void release_capacity(std::vector<int> &v);
int read_into(char *p, unsigned n);

class Braces {
public:
  void add(int x) { v_.push_back(x); }
  void reset() { v_ = {}; }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Braces::v_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
private:
  std::vector<int> v_;
};
class Range {
public:
  void add(int x) { v_.push_back(x); }
  void reset() { v_.erase(v_.begin(), v_.end()); }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Range::v_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
private:
  std::vector<int> v_;
};
class SwapEmpty { // OK
public:
  void add(int x) { v_.push_back(x); }
  void reset() {
    v_.clear();
    std::vector<int>().swap(v_);
  }
private:
  std::vector<int> v_;
};
class Unknown { // OK
public:
  void add(int x) { v_.push_back(x); }
  void reset() {
    v_.clear();
    release_capacity(v_);
  }
private:
  std::vector<int> v_;
};
class Resized {
public:
  void read(unsigned len) {
    buf_.resize(len);
    read_into(buf_.data(), len);
    buf_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Resized::buf_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
  }
private:
  std::string buf_;
};
