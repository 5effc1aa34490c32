// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s

#include <map>
#include <memory>
#include <string>
#include <vector>

// A member is long-lived unless every visible instance of its class is a
// function-local variable or a by-value parameter.

// OK: every instance is a local or a by-value parameter.
class Scratch {
public:
  void add(int x) { parts_.push_back(x); }
  size_t size() const { return parts_.size(); }

private:
  std::vector<int> parts_;
};
size_t use_scratch(int n) {
  Scratch s;
  for (int i = 0; i < n; ++i)
    s.add(i);
  return s.size();
}
size_t by_value(Scratch s) { return s.size(); }

// OK: held only by a class whose instances are all locals.
class Part {
public:
  void add(int x) { bits_.push_back(x); }

private:
  std::vector<int> bits_;
};
class Assembly {
public:
  Part part;
};
void assemble(int x) {
  Assembly a;
  a.part.add(x);
}

// OK: only the base of a class whose instances are all locals.
class BaseLocal {
public:
  void note(const std::string &s) { notes_.push_back(s); }

private:
  std::vector<std::string> notes_;
};
class DerivedLocal : public BaseLocal {};
void derived_local(const std::string &s) {
  DerivedLocal d;
  d.note(s);
}

// Long-lived: some instance outlives a function call.
class Heaped {
public:
  void add(int x) { v_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Heaped::v_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: it grows for as long as its 'Heaped' object lives;{{.*}}

private:
  std::vector<int> v_;
};
Heaped *make_heaped() {
  Heaped local;
  local.add(1);
  Heaped *kept = new Heaped;
  kept->add(2);
  return kept;
}
// Grown again after it is built (a builder's product would only be read).
void add_more(Heaped *h, int x) { h->add(x); }

class Shared {
public:
  void add(int x) { v_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Shared::v_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<int> v_;
};
std::shared_ptr<Shared> make_shared_one() { return std::make_shared<Shared>(); }

class Owned {
public:
  void add(int x) { v_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Owned::v_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<int> v_;
};
std::unique_ptr<Owned> make_owned() { return std::make_unique<Owned>(); }

// An element of a (bounded) long-lived container.
class Conn {
public:
  void recv(const std::string &s) { inbox_ += s; }
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: container 'Conn::inbox_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:37: note: it grows for as long as its 'Conn' object lives;{{.*}}

private:
  std::string inbox_;
};
class Server {
public:
  void on_data(int fd, const std::string &s) { conns_[fd].recv(s); }
  void on_close(int fd) { conns_.erase(fd); }

private:
  std::map<int, Conn> conns_;
};

// A member of a class with no visible instance, and a base of a heap object.
class Stats {
public:
  void add(double d) { samples_.push_back(d); }
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: container 'Stats::samples_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<double> samples_;
};
class Monitor {
public:
  Stats stats;
};
class Base {
public:
  void note(int x) { seen_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: container 'Base::seen_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: it grows for as long as its 'Base' object lives;{{.*}}

private:
  std::vector<int> seen_;
};
class Derived : public Base {};
Derived *g_derived = new Derived;

// Static storage never depends on instances.
class LocalOnly {
public:
  void add(int x) { all_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'LocalOnly::all_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: it grows for as long as the program runs;{{.*}}
  static inline std::vector<int> all_;
};
void local_only(int x) {
  LocalOnly l;
  l.add(x);
}
void per_thread(int x) {
  thread_local std::vector<int> recent;
  recent.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'per_thread::recent' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it grows for as long as the program runs;{{.*}}
}

// OK: a CRTP base names the derived class as a template argument; that is not
// an instance (the only instance is a local).
template <class Derived> class VisitorBase {
public:
  void run() { static_cast<Derived *>(this)->visit(); }
};
class Collector : public VisitorBase<Collector> {
public:
  void visit() { found_.push_back(1); }

private:
  std::vector<int> found_;
};
int collect_once() {
  Collector C;
  C.run();
  return 0;
}
