#pragma once
#include <condition_variable>
#include <deque>
#include <mutex>
#include <queue>
#include <string>

// Drops the oldest job when full; defined in capped.cpp.
void push_capped(std::deque<int> &q, int job);

// Pushed in producer.cpp through push_capped (capped.cpp), popped in
// consumer.cpp: bounded, but only a run that sees capped.cpp can tell.
class JobQueue {
public:
  void push(int job);
  int pop();

private:
  std::mutex mutex_;
  std::deque<int> jobs_;
};

// Pushed in producer.cpp, popped in consumer.cpp, bounded nowhere: only a
// run that sees both files knows it is a producer/consumer queue.
class EventQueue {
public:
  void post(int e);
  int next();

private:
  std::mutex mutex_;
  std::deque<int> events_;
};

// Every member function is defined in mailbox.cpp: that file alone is a
// closed world for inbox_.
class Mailbox {
public:
  void deliver(const std::string &m);
  std::string receive();

private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::queue<std::string> inbox_;
};

// Public: any file including this header may bound it.
struct Bus {
  std::mutex mutex;
  std::deque<int> pending;
  void publish(int e);
  int take();
};
