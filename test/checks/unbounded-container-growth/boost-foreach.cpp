// RUN: %check_memlint --real-headers '--checks=-*,memlint-unbounded-container-growth' %s

// BOOST_FOREACH (the real Boost 1.74 headers, libboost-dev) hands the
// container to boost::foreach_detail_ helpers by reference and takes its
// address to iterate it. The boost pack says those helpers only read it
// (container_functions, effect read): iterating is no escape, so the growth
// is still judged.
#include <boost/foreach.hpp>

#include <map>
#include <string>
#include <vector>

void use(const std::string &);

// Positives.

class Audit {
public:
  void record(const std::string &line) { lines_.push_back(line); }
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: container 'Audit::lines_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE+12]]:28: note: 'Audit::lines_' declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:42: note: it grows for as long as its 'Audit' object lives;{{.*}}
  void dump() const {
    BOOST_FOREACH (const std::string &l, lines_)
      use(l);
  }
  void dump_reversed() {
    BOOST_REVERSE_FOREACH (std::string &l, lines_)
      use(l);
  }

private:
  std::vector<std::string> lines_;
};
Audit *g_audit = new Audit;

class Index {
public:
  void add(int k, const std::string &v) { by_key_[k] = v; }
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: container 'Index::by_key_' grows here{{.*}} [memlint-unbounded-container-growth]
  void print() {
    typedef std::map<int, std::string>::value_type Entry;
    BOOST_FOREACH (const Entry &e, by_key_)
      use(e.second);
  }

private:
  std::map<int, std::string> by_key_;
};
Index g_index;

// Near misses.

// OK: emptied after the BOOST_FOREACH that consumes it.
class Batch {
public:
  void add(const std::string &s) { pending_.push_back(s); }
  void flush() {
    BOOST_FOREACH (const std::string &s, pending_)
      use(s);
    pending_.clear();
  }

private:
  std::vector<std::string> pending_;
};
Batch g_batch;

// OK: a real escape (its address handed to code memlint cannot see) still
// counts as a possible bound.
void keep(std::vector<std::string> *);
class Shared {
public:
  void add(const std::string &s) { items_.push_back(s); }
  void share() {
    BOOST_FOREACH (const std::string &s, items_)
      use(s);
    keep(&items_);
  }

private:
  std::vector<std::string> items_;
};
Shared g_shared;
