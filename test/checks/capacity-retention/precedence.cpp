// RUN: %check_memlint '--checks=-*,memlint-unbounded-*,memlint-capacity-retention' %s

#include <string>
#include <vector>

void write_out(const std::string &s);

// Only the most specific rule reports an entity: a buffer that is cleared
// is bounded for unbounded-container-growth; capacity-retention reports the
// capacity it keeps.
class Output {
public:
  void put(const std::string &s) { buf_ += s; }
  void flush() {
    write_out(buf_);
    buf_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Output::buf_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
  }

private:
  std::string buf_;
};
Output g_output;

// OK: cleared and released: no rule reports it.
class Released {
public:
  void put(int v) { buf_.push_back(v); }
  void flush() {
    buf_.clear();
    buf_.shrink_to_fit();
  }

private:
  std::vector<int> buf_;
};
Released g_released;

// A buffer that is never emptied is unbounded-container-growth's.
class Journal {
public:
  void put(int v) {
    entries_.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Journal::entries_' grows here{{.*}} [memlint-unbounded-container-growth]
  }

private:
  std::vector<int> entries_;
};
Journal g_journal;
