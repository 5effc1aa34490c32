// A channel whose push is defined in one file, the helpers it calls in two
// others, and its consumer in a fourth.
#include <deque>
#include <mutex>
#include <string>
#include <vector>

struct Row {
  long id;
  std::string name;
};
using Batch = std::vector<Row>;
Batch read_batch();

class BatchChannel {
public:
  void push(const Batch &b); // push.cpp -> enqueue.cpp -> store.cpp
  Batch pop();               // consumer.cpp

private:
  void enqueue(const Batch &b);
  void store(const Batch &b);
  std::mutex mu_;
  std::deque<Batch> q_;
};
extern BatchChannel g_channel; // consumer.cpp

// Storage, not a channel: nothing consumes it (journal.cpp).
class Journal {
public:
  void append(const Batch &b);

private:
  std::mutex mu_;
  std::deque<Batch> entries_;
};
extern Journal g_journal;

// A sink interface: one override queues (sinks.cpp), one drops.
class Sink {
public:
  virtual ~Sink() = default;
  virtual void put(const Batch &b) = 0;
};
class QueueSink : public Sink {
public:
  void put(const Batch &b) override;
  Batch next();

private:
  std::mutex mu_;
  std::deque<Batch> pending_;
};
class NullSink : public Sink {
public:
  void put(const Batch &b) override;
};

// An interface whose only override keeps nothing (sinks.cpp).
class Counter {
public:
  virtual ~Counter() = default;
  virtual void count(const Batch &b) = 0;
};
class SizeCounter : public Counter {
public:
  void count(const Batch &b) override;

private:
  std::size_t total_ = 0;
};
