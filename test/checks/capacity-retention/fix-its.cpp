// RUN: %check_memlint '--checks=-*,memlint-capacity-retention' %s

#include <string>
#include <vector>

// The safe fix swaps with an empty container: it empties it and gives the
// capacity back (shrink_to_fit is only a request).
class Batcher {
public:
  void add(int x) { batch_.push_back(x); }
  void flush() {
    batch_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Batcher::batch_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
    // CHECK-FIXES: {{^    }}decltype(batch_)().swap(batch_);{{$}}
  }

private:
  std::vector<int> batch_;
};

std::string g_line;
void append(const std::string &s) { g_line += s; }
void reset_line() {
  g_line.clear();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'g_line' is emptied here{{.*}} [memlint-capacity-retention]
  // CHECK-FIXES: {{^  }}decltype(g_line)().swap(g_line);{{$}}
}

// No fix through an alias (decltype would name a reference): a suggestion.
class Aliased {
public:
  void add(int x) { buf_.push_back(x); }
  void reset() {
    auto &b = buf_;
    b.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Aliased::buf_' is emptied here{{.*}} [memlint-capacity-retention]
    // CHECK-FIXES: {{^    }}b.clear();{{$}}
  }

private:
  std::vector<int> buf_;
};
