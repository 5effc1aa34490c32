// RUN: %check_memlint '--checks=-*,memlint-capacity-retention' %s

#include <cstddef>
#include <deque>
#include <list>
#include <map>
#include <string>
#include <utility>
#include <vector>

constexpr std::size_t kMax = 4096;
void send(const std::vector<int> &v);
void send_owned(std::vector<int> v);

// Near misses: emptied containers that keep no peak capacity, or whose
// capacity is bounded or released.

// Node-based containers free their nodes on clear().
class Pending { // OK: list
public:
  void add(int v) { items_.push_back(v); }
  void reset() { items_.clear(); }

private:
  std::list<int> items_;
};
Pending g_pending;
class Index { // OK: map
public:
  void add(int k) { by_id_[k] = 1; }
  void reset() { by_id_.clear(); }

private:
  std::map<int, int> by_id_;
};
Index g_index;
class Backlog { // OK: deque (not contiguous)
public:
  void add(int v) { q_.push_back(v); }
  void reset() { q_.clear(); }

private:
  std::deque<int> q_;
};
Backlog g_backlog;

// Deliberate buffer reuse: the fill is bounded.
class Capped { // OK: the fill is bounded by a size check
public:
  void add(int v) {
    if (buf_.size() < kMax)
      buf_.push_back(v);
  }
  void reset() { buf_.clear(); }

private:
  std::vector<int> buf_;
};
Capped g_capped;
class FixedBurst { // OK: the fill has a compile-time constant size
public:
  void fill() {
    for (int i = 0; i < 64; ++i)
      buf_.push_back(i);
  }
  void reset() { buf_.clear(); }

private:
  std::vector<int> buf_;
};
FixedBurst g_fixed;
class Prefilled { // OK: filled only by the constructor
public:
  explicit Prefilled(const std::vector<int> &in) {
    for (int v : in)
      buf_.push_back(v);
  }
  void reset() { buf_.clear(); }

private:
  std::vector<int> buf_;
};
Prefilled *g_prefilled = new Prefilled({1, 2, 3});

// OK: clearing a moved-from container frees nothing; it holds nothing.
class Handoff {
public:
  void add(int v) { out_.push_back(v); }
  void flush() {
    send_owned(std::move(out_));
    out_.clear();
  }

private:
  std::vector<int> out_;
};
Handoff g_handoff;

// OK: a function-local buffer dies with the call.
void local_buffer(const std::vector<int> &in) {
  std::vector<int> tmp;
  for (int v : in)
    tmp.push_back(v * 2);
  send(tmp);
  tmp.clear();
}

// A release on every path after the clear.
class Shrunk { // OK: shrink_to_fit right after the clear
public:
  void add(int v) { buf_.push_back(v); }
  void reset() {
    buf_.clear();
    buf_.shrink_to_fit();
  }

private:
  std::vector<int> buf_;
};
Shrunk g_shrunk;
class SwappedMember { // OK: swapped with an empty vector
public:
  void add(int v) { buf_.push_back(v); }
  void reset() {
    buf_.clear();
    std::vector<int> empty;
    buf_.swap(empty);
  }

private:
  std::vector<int> buf_;
};
SwappedMember g_swapped_member;
class SwappedStd { // OK: std::swap with an empty vector
public:
  void add(int v) { buf_.push_back(v); }
  void reset() {
    std::vector<int> empty;
    buf_.clear();
    std::swap(buf_, empty);
  }

private:
  std::vector<int> buf_;
};
SwappedStd g_swapped_std;
class Reassigned { // OK: assigned a fresh empty string
public:
  void add(const std::string &s) { text_ += s; }
  void reset() {
    text_.clear();
    text_ = std::string();
  }

private:
  std::string text_;
};
Reassigned g_reassigned;

// The release lives in a helper.
void release_capacity(std::vector<int> &v) { v.shrink_to_fit(); }
void wipe(std::vector<int> &v) {
  v.clear();
  v.shrink_to_fit();
}
class ReleasedByHelper { // OK: a helper shrinks after the clear
public:
  void add(int v) { buf_.push_back(v); }
  void reset() {
    buf_.clear();
    release_capacity(buf_);
  }

private:
  std::vector<int> buf_;
};
ReleasedByHelper g_released;
class WipedByHelper { // OK: the helper clears and shrinks
public:
  void add(int v) { buf_.push_back(v); }
  void reset() { wipe(buf_); }

private:
  std::vector<int> buf_;
};
WipedByHelper g_wiped;

// OK: a shrink guarded by a capacity threshold is a deliberate cap.
class Thresholded {
public:
  void add(int v) { buf_.push_back(v); }
  void reset() {
    buf_.clear();
    if (buf_.capacity() > kMax)
      buf_.shrink_to_fit();
  }

private:
  std::vector<int> buf_;
};
Thresholded g_thresholded;

// OK: every instance is a local of an ordinary function.
class Scratch {
public:
  void add(int v) { buf_.push_back(v); }
  void reset() { buf_.clear(); }

private:
  std::vector<int> buf_;
};
void use_scratch(int n) {
  Scratch s;
  for (int i = 0; i < n; ++i)
    s.add(i);
  s.reset();
}

// OK: cleared only in the destructor.
class Dying {
public:
  ~Dying() { buf_.clear(); }
  void add(int v) { buf_.push_back(v); }

private:
  std::vector<int> buf_;
};
Dying g_dying;
