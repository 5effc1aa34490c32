// RUN: %check_memlint --real-headers '--checks=-*,memlint-unbounded-container-growth,memlint-unbounded-queue,memlint-capacity-retention' --cli-arg=--config=%S/Inputs/boost-containers.yaml '--tidy-config={CheckOptions: {memlint-unbounded-container-growth.ConfigFile: "%S/Inputs/boost-containers.yaml", memlint-unbounded-queue.ConfigFile: "%S/Inputs/boost-containers.yaml", memlint-capacity-retention.ConfigFile: "%S/Inputs/boost-containers.yaml"}}' %s

// The boost pack (rules/packs/boost.yaml) against the real Boost 1.74
// headers (libboost-dev): circular_buffer, lockfree::spsc_queue and
// container::static_vector are bounded_types. No shipped pack models them
// as containers, so Inputs/boost-containers.yaml does (as a project might):
// members of these types, and of classes derived from them, must still never
// be reported, while the same code on a std::deque is. BOOST_FOREACH's
// helpers are container_functions that only read: iterating with it is no
// escape.
#include <boost/circular_buffer.hpp>
#include <boost/foreach.hpp>
#include <boost/container/static_vector.hpp>
#include <boost/lockfree/spsc_queue.hpp>

#include <deque>
#include <mutex>
#include <string>

struct Sample {
  long ts;
  double value;
};

//===-- bounded_types: unbounded-container-growth -------------------------===//

// OK: a ring that overwrites its oldest sample, a fixed-capacity vector, and
// a class derived from a ring.
class Recent : public boost::circular_buffer<std::string> {
public:
  Recent() : boost::circular_buffer<std::string>(64) {}
};
class Telemetry {
public:
  void record(const Sample &s) {
    window_.push_back(s);
    spans_.push_front(s.ts);
    last_.push_back(std::to_string(s.ts));
  }
  void mark(int id) { marks_.push_back(id); }

private:
  boost::circular_buffer<Sample> window_{1024};
  boost::circular_buffer_space_optimized<long> spans_{256};
  Recent last_;
  boost::container::static_vector<int, 32> marks_;
};
Telemetry g_telemetry;

// The same growth on an unbounded container is reported.
class UnboundedTelemetry {
public:
  void record(const Sample &s) {
    window_.push_back(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'UnboundedTelemetry::window_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }

private:
  std::deque<Sample> window_;
};
UnboundedTelemetry g_unbounded_telemetry;

//===-- bounded_types: unbounded-queue ------------------------------------===//

// OK: spsc_queue::push fails when the ring is full.
class Feed {
public:
  bool publish(const Sample &s) { return ring_.push(s); }
  bool next(Sample &out) { return ring_.pop(out); }

private:
  boost::lockfree::spsc_queue<Sample, boost::lockfree::capacity<4096>> ring_;
};
Feed g_feed;

// OK: a circular_buffer used as a queue drops its oldest entry when full.
class History {
public:
  void push(const std::string &line) {
    std::lock_guard<std::mutex> lock(mu_);
    lines_.push_back(line);
  }
  std::string pop() {
    std::lock_guard<std::mutex> lock(mu_);
    std::string l = lines_.front();
    lines_.pop_front();
    return l;
  }

private:
  std::mutex mu_;
  boost::circular_buffer<std::string> lines_{512};
};
History g_history;

class UnboundedHistory {
public:
  void push(const std::string &line) {
    std::lock_guard<std::mutex> lock(mu_);
    lines_.push_back(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'UnboundedHistory::lines_' is pushed here with nothing on the push path that waits for room{{.*}} [memlint-unbounded-queue]
  }
  std::string pop() {
    std::lock_guard<std::mutex> lock(mu_);
    std::string l = lines_.front();
    lines_.pop_front();
    return l;
  }

private:
  std::mutex mu_;
  std::deque<std::string> lines_;
};
UnboundedHistory g_unbounded_history;

//===-- bounded_types: capacity-retention ---------------------------------===//

// OK: a static_vector's capacity is fixed in place.
class Staging {
public:
  void add(int v) { items_.push_back(v); }
  void flush() { items_.clear(); }

private:
  boost::container::static_vector<int, 128> items_;
};
Staging g_staging;

//===-- container_functions: BOOST_FOREACH reads ---------------------------===//

void show(int);
class Tally {
public:
  void add(int v) { seen_.push_back(v); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Tally::seen_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void print() {
    BOOST_FOREACH (int v, seen_)
      show(v);
  }

private:
  std::deque<int> seen_;
};
Tally g_tally;
