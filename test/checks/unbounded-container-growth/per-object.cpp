// RUN: %check_memlint --real-headers '--checks=-*,memlint-unbounded-container-growth' %s

// A member a method grows once per call is bounded per object when every
// call runs on an object its caller has just made, or checks the size
// first, also through a function the check calls (`if (a->may_retry())
// a->route(h);`) and where a callable that makes the call is handed over
// (`post(std::bind(&Client::launch, this, a))` under the check, or a
// lambda that calls it). The
// objects themselves stay long-lived: a client keeps them while pending.

#include <deque>
#include <functional>
#include <memory>
#include <vector>

class Loop {
public:
  void post(std::function<void()> f) { tasks_.push_back(std::move(f)); }
  void run() {
    while (!tasks_.empty()) {
      tasks_.front()();
      tasks_.pop_front();
    }
  }

private:
  std::deque<std::function<void()>> tasks_;
};

// Each attempt records the hosts it was routed to: at most two.
class Attempt { // OK: made anew for every send, re-routed only while may_retry()
public:
  void route(int host) { hosts_.push_back(host); }
  bool may_retry() const { return hosts_.size() < 2; }
  int host() const { return hosts_.empty() ? -1 : hosts_.back(); }

private:
  std::vector<int> hosts_;
};
using AttemptPtr = std::shared_ptr<Attempt>;

class Client {
public:
  explicit Client(Loop *loop) : loop_(loop) {}
  void send(int key) {
    AttemptPtr a = std::make_shared<Attempt>();
    a->route(key % 7);
    launch(a);
  }
  void send_all(const std::vector<int> &keys) {
    for (int k : keys) {
      AttemptPtr a = std::make_shared<Attempt>();
      a->route(k % 3);
      launch(a);
    }
  }
  // Every caller hands over an attempt it has just made, or one that may
  // still be retried.
  void launch(AttemptPtr &a) {
    a->route(0);
    pending_.push_back(a);
  }
  void on_timeout() {
    while (!pending_.empty()) {
      AttemptPtr a = pending_.front();
      pending_.pop_front();
      if (a->may_retry()) {
        a->route(a->host());
        loop_->post(std::bind(&Client::launch, this, a));
      }
    }
  }
  void on_expire(AttemptPtr a) {
    if (a->may_retry())
      loop_->post([this, a]() mutable { launch(a); });
  }

private:
  Loop *loop_;
  std::deque<AttemptPtr> pending_;
};

// The same record with one caller that re-routes a kept object behind a
// check that reads no size: each timeout adds a host to it.
class Probe {
public:
  void route(int host) { hosts_.push_back(host); }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: container 'Probe::hosts_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  bool may_retry() const { return hosts_.size() < 2; }
  bool alive() const { return alive_; }

private:
  std::vector<int> hosts_;
  bool alive_ = true;
};
using ProbePtr = std::shared_ptr<Probe>;

class Prober {
public:
  void start(int host) {
    ProbePtr p = std::make_shared<Probe>();
    p->route(host);
    probes_.push_back(p);
  }
  void on_timeout(int host) {
    for (ProbePtr &p : probes_)
      if (p->alive())
        p->route(host);
  }
  void on_reply() { probes_.pop_front(); }

private:
  std::deque<ProbePtr> probes_;
};

// A callable handed over without the check re-routes a kept object.
class Hop {
public:
  void route(int host) { hosts_.push_back(host); }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: container 'Hop::hosts_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  bool may_retry() const { return hosts_.size() < 2; }

private:
  std::vector<int> hosts_;
};
using HopPtr = std::shared_ptr<Hop>;

class Relay {
public:
  explicit Relay(Loop *loop) : loop_(loop) {}
  void send() {
    HopPtr h = std::make_shared<Hop>();
    forward(h);
  }
  void forward(HopPtr &h) {
    h->route(1);
    pending_.push_back(h);
  }
  void on_timeout() {
    while (!pending_.empty()) {
      HopPtr h = pending_.front();
      pending_.pop_front();
      loop_->post(std::bind(&Relay::forward, this, h));
    }
  }

private:
  Loop *loop_;
  std::deque<HopPtr> pending_;
};

int main() {
  Loop loop;
  Client client(&loop);
  Prober prober;
  Relay relay(&loop);
  std::vector<int> keys{1, 2, 3};
  for (;;) {
    client.send(1);
    client.send_all(keys);
    client.on_timeout();
    client.on_expire(std::make_shared<Attempt>());
    prober.start(2);
    prober.on_timeout(3);
    prober.on_reply();
    relay.send();
    relay.on_timeout();
    loop.run();
  }
}
