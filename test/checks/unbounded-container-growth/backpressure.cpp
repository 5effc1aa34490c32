// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s -- -std=c++20

#include <semaphore>
#include <string>
#include <vector>

// A call the packs list under `backpressure` (a semaphore's acquire) on the
// growth path bounds the container.

class Admitted { // OK: acquire() waits for one of 64 slots before growing
public:
  void add(const std::string &s) {
    slots_.acquire();
    items_.push_back(s);
  }

private:
  std::counting_semaphore<64> slots_{64};
  std::vector<std::string> items_;
};

class TryAdmitted { // OK: try_acquire() fails the add when no slot is free
public:
  bool add(int x) {
    if (!slots_.try_acquire())
      return false;
    items_.push_back(x);
    return true;
  }

private:
  std::counting_semaphore<16> slots_{16};
  std::vector<int> items_;
};

class Guarded { // OK: grows only when a slot was taken
public:
  void add(int x) {
    if (slots_.try_acquire())
      items_.push_back(x);
  }

private:
  std::counting_semaphore<16> slots_{16};
  std::vector<int> items_;
};

class ViaHelper { // OK: the acquire lives in a helper the growth path calls
public:
  void add(int x) {
    wait_for_slot();
    items_.push_back(x);
  }

private:
  void wait_for_slot() { slots_.acquire(); }
  std::counting_semaphore<8> slots_{8};
  std::vector<int> items_;
};

class Unused {
public:
  void add(int x) {
    items_.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Unused::items_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }
  void done() { slots_.release(); } // a semaphore the growth path never takes

private:
  std::counting_semaphore<8> slots_{8};
  std::vector<int> items_;
};
