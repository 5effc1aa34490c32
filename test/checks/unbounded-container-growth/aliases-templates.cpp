// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s

#include <array>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

struct Msg {
  int id;
  std::string body;
};

// typedef and using aliases of containers.
typedef std::vector<Msg> MsgList;
using WordIndex = std::unordered_map<std::string, int>;
template <class T> using Bag = std::vector<T>;

class Mailbox {
public:
  void deliver(const Msg &m) { inbox_.push_back(m); }
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: container 'Mailbox::inbox_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE+7]]:11: note: 'Mailbox::inbox_' declared here
  void index(const std::string &w, int pos) { words_[w] = pos; }
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: container 'Mailbox::words_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void keep(double d) { kept_.push_back(d); }
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: container 'Mailbox::kept_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]

private:
  MsgList inbox_;
  WordIndex words_;
  Bag<double> kept_;
};

// A container reached through a template parameter.
template <class C> class Holder {
public:
  void add(int x) { c_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Holder::c_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]

private:
  C c_;
};
Holder<std::vector<int>> g_holder;
void feed_holder(int x) { g_holder.add(x); }

// A container member of a class template; only instantiated members count.
template <class T> class Buffer {
public:
  void put(const T &t) { data_.push_back(t); }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: container 'Buffer::data_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE+4]]:18: note: 'Buffer::data_' declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: it grows for as long as its 'Buffer' object lives;{{.*}}

private:
  std::vector<T> data_;
};
Buffer<int> g_ints;
void fill_ints(int i) { g_ints.put(i); }

// A container wrapped in a plain struct held as a member: the entity is the
// wrapper's field.
struct Inbox {
  std::vector<Msg> msgs;
};
class Postman {
public:
  void drop(const Msg &m) { box_.msgs.push_back(m); }
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: container 'Inbox::msgs' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-6]]:20: note: 'Inbox::msgs' declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: it grows for as long as its 'Inbox' object lives;{{.*}}

private:
  Inbox box_;
};

// Near misses.

// OK: Keeper is only instantiated with a type that is not a container.
struct Tally {
  void push_back(int v) { total += v; }
  int total = 0;
};
template <class C> class Keeper {
public:
  void add(int x) { c_.push_back(x); }

private:
  C c_;
};
Keeper<Tally> g_keeper;
void feed_keeper(int x) { g_keeper.add(x); }

// OK: never instantiated, so put() has no growth to judge.
template <class T> class Unused {
public:
  void put(const T &t) { v_.push_back(t); }

private:
  std::vector<T> v_;
};

// OK: the wrapper's container is cleared through the wrapper.
struct Outbox {
  std::vector<Msg> msgs;
};
class Courier {
public:
  void queue(const Msg &m) { out_.msgs.push_back(m); }
  void sent() { out_.msgs.clear(); }

private:
  Outbox out_;
};

// OK: std::array is not a growable container.
typedef std::array<int, 8> Octet;
class Register {
public:
  void set(int i, int v) { bits_[static_cast<size_t>(i)] = v; }

private:
  Octet bits_{};
};

// OK: an alias of a map whose entries are erased.
using Sessions = std::map<int, std::string>;
class Tracker {
public:
  void open(int id, const std::string &who) { live_[id] = who; }
  void close(int id) { live_.erase(id); }

private:
  Sessions live_;
};
