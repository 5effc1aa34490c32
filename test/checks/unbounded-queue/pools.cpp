// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue' %s
// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// A pool of idle connections is taken from (the consumer) and given back
// (the push), and a connection that closes is taken out wherever it is:
// what the pool holds leaves when its connection ends. A queue of work has
// no such removal.

#include <list>
#include <string>

bool next_request(std::string &req);

class IdlePool {
public:
  bool take(int &fd) {
    if (idle_.empty())
      return false;
    fd = idle_.front();
    idle_.pop_front();
    return true;
  }
  void give_back(int fd) {
    idle_.push_back(fd);
    // LOW: :[[@LINE-1]]:5: warning: queue 'IdlePool::idle_' is pushed here{{.*}} [memlint-unbounded-queue]
    // LOW: note: 'IdlePool::closed' takes out a chosen element: what it holds also leaves when its subject ends (a pool or a registry of live objects)
  }
  void closed(int fd) {
    for (auto it = idle_.begin(); it != idle_.end(); ++it)
      if (*it == fd) {
        idle_.erase(it);
        return;
      }
  }

private:
  std::list<int> idle_;
};

// The same shape without the removal: a queue of work, reported.
class Jobs {
public:
  bool next(int &job) {
    if (jobs_.empty())
      return false;
    job = jobs_.front();
    jobs_.pop_front();
    return true;
  }
  void submit(int job) {
    jobs_.push_back(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Jobs::jobs_' is pushed here{{.*}} [memlint-unbounded-queue]
    // LOW: :[[@LINE-2]]:5: warning: queue 'Jobs::jobs_' is pushed here{{.*}} [memlint-unbounded-queue]
  }

private:
  std::list<int> jobs_;
};

IdlePool g_pool;
Jobs g_jobs;

int main() {
  for (std::string req; next_request(req);) {
    int fd = 0, job = 0;
    if (g_pool.take(fd))
      g_pool.give_back(fd);
    if (req == "close")
      g_pool.closed(fd);
    g_jobs.submit(int(req.size()));
    if (g_jobs.next(job))
      continue;
  }
}
