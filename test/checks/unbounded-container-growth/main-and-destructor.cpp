// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s

#include <string>
#include <vector>

// A local of main() lives as long as the program: its members are long-lived.
class Server {
public:
  void serve(const std::string &req) {
    handled_.push_back(req);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Server::handled_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it grows for as long as its 'Server' object lives;{{.*}}
  }

private:
  std::vector<std::string> handled_;
};

// Clearing in the destructor bounds nothing while the object lives.
class Recorder {
public:
  ~Recorder() { events_.clear(); }
  void on_event(int e) {
    events_.push_back(e);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Recorder::events_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }

private:
  std::vector<int> events_;
};

// OK: every instance is a local of an ordinary function.
class Batch {
public:
  void add(int x) { rows_.push_back(x); }
  int size() const { return static_cast<int>(rows_.size()); }

private:
  std::vector<int> rows_;
};

int process(int n) {
  Batch b;
  for (int i = 0; i < n; ++i)
    b.add(i);
  return b.size();
}

// OK: cleared in a regular member function, not only in the destructor.
class Window {
public:
  ~Window() { frames_.clear(); }
  void push(int f) { frames_.push_back(f); }
  void reset() { frames_.clear(); }

private:
  std::vector<int> frames_;
};

bool next_request(std::string &req);

int main() {
  Server s;
  Recorder r;
  for (std::string req; next_request(req);) {
    s.serve(req);
    r.on_event(1);
  }
  Window w;
  w.push(1);
  w.reset();
  return process(3);
}
