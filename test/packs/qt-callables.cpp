// RUN: %check_memlint --real-headers '--checks=-*,memlint-shared-ptr-cycle,memlint-unbounded-container-growth' %s -- -isystem /usr/include/x86_64-linux-gnu/qt5 -isystem /usr/include/x86_64-linux-gnu/qt5/QtCore -isystem /usr/include/x86_64-linux-gnu/qt5/QtConcurrent -fPIC
// RUN: %check_memlint --real-headers '--checks=-*,memlint-shared-ptr-cycle,memlint-unbounded-container-growth' %s -- -isystem /usr/include/x86_64-linux-gnu/qt6 -isystem /usr/include/x86_64-linux-gnu/qt6/QtCore -isystem /usr/include/x86_64-linux-gnu/qt6/QtConcurrent -fPIC

// The qt pack's `callables` (rules/packs/qt.yaml) against the real Qt 5.15
// and Qt 6.4 headers, included as system headers as CMake and qmake do: a
// connection keeps its functor in the sender, a queued invokeMethod in the
// context object, singleShot in a hidden timer; QtConcurrent::run,
// QThread::create and QThreadPool::start run theirs on another thread. A
// functor that captures shared_from_this() in an object the class owns
// closes a cycle; what a kept functor captures and grows is long-lived.
#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QObject>
#include <QtCore/QThread>
#include <QtCore/QThreadPool>
#include <QtCore/QTimer>

#include <memory>
#include <set>
#include <vector>

struct Feed {
  bool next(long &id);
};

//===-- connect and invokeMethod: held by the sender and the context ------===//

class Poller : public QObject, public std::enable_shared_from_this<Poller> {
public:
  void wire() {
    QObject::connect(timer_, &QTimer::timeout, this, [self = shared_from_this()] { self->poll(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Poller::timer_' here keeps a shared_ptr to 'Poller', closing the ownership cycle 'Poller' -> 'Poller' [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Poller::timer_' keeps a shared_ptr to 'Poller'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it keep each other alive{{.*}}
  }
  void poll() {}

private:
  QTimer *timer_ = new QTimer(this);
};

class Relay : public QObject, public std::enable_shared_from_this<Relay> {
public:
  void forward() {
    QMetaObject::invokeMethod(worker_, [self = shared_from_this()] { self->done(); }, Qt::QueuedConnection);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Relay::worker_' here keeps a shared_ptr to 'Relay'{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Relay::worker_' keeps a shared_ptr to 'Relay'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }
  void done() {}

private:
  QObject *worker_ = new QObject(this);
};

// A connection runs its functor on every emission.
void log_ticks(QTimer *timer) {
  QObject::connect(timer, &QTimer::timeout, timer, [ticks = std::vector<long>()]() mutable { ticks.push_back(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:94: warning: container 'log_ticks::<lambda>::ticks' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:53: note: 'log_ticks::<lambda>::ticks' declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:94: note: it grows for as long as the lambda that owns it is kept{{.*}}
}

//===-- singleShot and threads: what the functor owns is long-lived -------===//

void later(Feed &feed) {
  QTimer::singleShot(100, [seen = std::set<long>(), &feed]() mutable {
    long id;
    while (feed.next(id))
      seen.insert(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'later::<lambda>::seen' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-5]]:28: note: 'later::<lambda>::seen' declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: it grows for as long as the lambda that owns it is kept{{.*}}
  });
}
void in_pool(Feed &feed) {
  QtConcurrent::run([seen = std::set<long>(), &feed]() mutable {
    long id;
    while (feed.next(id))
      seen.insert(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'in_pool::<lambda>::seen' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-5]]:22: note: 'in_pool::<lambda>::seen' declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: it grows for as long as the lambda that owns it is kept{{.*}}
  });
}
void on_thread(Feed &feed) {
  QThread *t = QThread::create([seen = std::set<long>(), &feed]() mutable {
    long id;
    while (feed.next(id))
      seen.insert(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'on_thread::<lambda>::seen' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-5]]:33: note: 'on_thread::<lambda>::seen' declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: it grows for as long as the lambda that owns it is kept{{.*}}
  });
  t->start();
}
void on_global_pool(Feed &feed) {
  QThreadPool::globalInstance()->start([seen = std::set<long>(), &feed]() mutable {
    long id;
    while (feed.next(id))
      seen.insert(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'on_global_pool::<lambda>::seen' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-5]]:41: note: 'on_global_pool::<lambda>::seen' declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: it grows for as long as the lambda that owns it is kept{{.*}}
  });
}

//===-- near misses -------------------------------------------------------===//

// OK: a weak_ptr capture; a functor called in place.
class WeakPoller : public QObject, public std::enable_shared_from_this<WeakPoller> {
public:
  void wire() {
    QObject::connect(timer_, &QTimer::timeout, this, [w = weak_from_this()] {
      if (auto self = w.lock())
        self->poll();
    });
  }
  void poll() {}

private:
  QTimer *timer_ = new QTimer(this);
};
long count_here(Feed &feed) {
  auto count = [seen = std::set<long>(), &feed]() mutable {
    long id;
    while (feed.next(id))
      seen.insert(id);
    return static_cast<long>(seen.size());
  };
  return count();
}

// Not covered by the pack: connect(sender, &Signal, functor), without a
// context object, has its functor third, and an entry names one argument.
class Bare : public QObject, public std::enable_shared_from_this<Bare> {
public:
  void wire() {
    QObject::connect(timer_, &QTimer::timeout, [self = shared_from_this()] { self->poll(); });
  }
  void poll() {}

private:
  QTimer *timer_ = new QTimer(this);
};
