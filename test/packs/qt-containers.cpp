// RUN: %check_memlint --real-headers '--checks=-*,memlint-unbounded-container-growth,memlint-unbounded-queue,memlint-capacity-retention,memlint-unbounded-memoization' %s -- -I/usr/include/x86_64-linux-gnu/qt5 -I/usr/include/x86_64-linux-gnu/qt5/QtCore -fPIC
// RUN: %check_memlint --real-headers '--checks=-*,memlint-unbounded-container-growth,memlint-unbounded-queue,memlint-capacity-retention,memlint-unbounded-memoization' %s -- -I/usr/include/x86_64-linux-gnu/qt6 -I/usr/include/x86_64-linux-gnu/qt6/QtCore -fPIC

// The qt pack's containers (rules/packs/qt.yaml) against the real Qt 5.15 and Qt 6.4
// headers (qtbase5-dev): QVector, QStringList, QMap, QString, QQueue and
// QHash through the four entity rules; QCache as a bounded type. The
// pack's I/O, QtConcurrent and QtSql entries are in qt.cpp.
#include <QtCore/QCache>
#include <QtCore/QHash>
#include <QtCore/QMap>
#include <QtCore/QMutex>
#include <QtCore/QQueue>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QVector>

void send(const QVector<int> &batch);
QString fetch_title(const QString &url);
void handle(const QString &line);

//===-- containers: unbounded-container-growth ----------------------------===//

class History {
public:
  void visit(int page) {
    pages_.append(page);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'History::pages_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }
  void search(const QString &q) {
    queries_ << q;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'History::queries_' grows here and nothing erases{{.*}} [memlint-unbounded-container-growth]
  }
  void hit(const QString &host) {
    hits_[host] += 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'History::hits_' grows here and nothing erases{{.*}} [memlint-unbounded-container-growth]
  }
  void note(const QString &s) {
    log_ += s;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'History::log_' grows here and nothing erases{{.*}} [memlint-unbounded-container-growth]
  }

private:
  QVector<int> pages_;
  QStringList queries_;
  QMap<QString, int> hits_;
  QString log_;
};
History g_history;

// OK: bounded by removeFirst at a size limit, removed by key, a QCache
// (bounded_types: evicts by cost).
class Recent {
public:
  void visit(int page) {
    if (pages_.size() >= 100)
      pages_.removeFirst();
    pages_.append(page);
  }
  void open(const QString &k, int v) { open_.insert(k, v); }
  void close(const QString &k) { open_.remove(k); }
  void remember(const QString &url, const QString &title) { titles_.insert(url, new QString(title)); }

private:
  QVector<int> pages_;
  QHash<QString, int> open_;
  QCache<QString, QString> titles_{1000};
};
Recent g_recent;

//===-- containers: unbounded-queue ---------------------------------------===//

class Jobs {
public:
  void submit(const QString &job) {
    QMutexLocker lock(&mu_);
    queue_.enqueue(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Jobs::queue_' is pushed here with nothing on the push path that waits for room{{.*}} [memlint-unbounded-queue]
  }
  QString next() {
    QMutexLocker lock(&mu_);
    return queue_.dequeue();
  }

private:
  QMutex mu_;
  QQueue<QString> queue_;
};
Jobs g_jobs;

// OK: the producer drops the job when the queue is full.
class BoundedJobs {
public:
  bool submit(const QString &job) {
    QMutexLocker lock(&mu_);
    if (queue_.size() >= 1000)
      return false;
    queue_.enqueue(job);
    return true;
  }
  QString next() {
    QMutexLocker lock(&mu_);
    return queue_.dequeue();
  }

private:
  QMutex mu_;
  QQueue<QString> queue_;
};
BoundedJobs g_bounded_jobs;

//===-- containers: capacity-retention ------------------------------------===//

class Batch {
public:
  void add(int v) { items_.append(v); }
  void flush() {
    send(items_);
    items_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Batch::items_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
  }

private:
  QVector<int> items_;
};
Batch g_batch;

// OK: QString::clear() frees the buffer (not contiguous in the pack);
// squeeze() gives a QVector's capacity back.
class Buffers {
public:
  void add(const QString &s) { text_ += s; }
  void reset_text() {
    handle(text_);
    text_.clear();
  }
  void add(int v) { items_.append(v); }
  void flush() {
    send(items_);
    items_.clear();
    items_.squeeze();
  }

private:
  QString text_;
  QVector<int> items_;
};
Buffers g_buffers;

//===-- containers: unbounded-memoization ---------------------------------===//

class Titles {
public:
  QString title(const QString &url) {
    if (cache_.contains(url))
      return cache_.value(url);
    QString t = fetch_title(url);
    cache_.insert(url, t);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Titles::cache_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return t;
  }

private:
  QHash<QString, QString> cache_;
};
Titles g_titles;

// OK: a QCache memo evicts by cost.
class CachedTitles {
public:
  QString title(const QString &url) {
    if (QString *t = cache_.object(url))
      return *t;
    QString t = fetch_title(url);
    cache_.insert(url, new QString(t));
    return t;
  }

private:
  QCache<QString, QString> cache_{500};
};
CachedTitles g_cached_titles;
