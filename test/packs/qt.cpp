// RUN: %check_memlint --real-headers '--checks=-*,memlint-stream-accumulation,memlint-whole-collection-load,memlint-large-copy-into-send,memlint-query-in-loop' %s -- -I/usr/include/x86_64-linux-gnu/qt5 -I/usr/include/x86_64-linux-gnu/qt5/QtCore -I/usr/include/x86_64-linux-gnu/qt5/QtConcurrent -I/usr/include/x86_64-linux-gnu/qt5/QtSql -fPIC
// RUN: %check_memlint --real-headers '--checks=-*,memlint-stream-accumulation,memlint-whole-collection-load,memlint-large-copy-into-send,memlint-query-in-loop' %s -- -I/usr/include/x86_64-linux-gnu/qt6 -I/usr/include/x86_64-linux-gnu/qt6/QtCore -I/usr/include/x86_64-linux-gnu/qt6/QtConcurrent -I/usr/include/x86_64-linux-gnu/qt6/QtSql -fPIC

// The qt pack (rules/packs/qt.yaml) against the real Qt 5.15 and Qt 6.4 headers
// (qtbase5-dev): QFile (its atEnd is QFileDevice's, readAll and readLine
// QIODevice's), QTextStream, QDirIterator and QSqlQuery reads through
// stream-accumulation; readAll and entryInfoList through
// whole-collection-load; QtConcurrent::run, QThreadPool::start and
// QMetaObject::invokeMethod through large-copy-into-send; QSqlQuery::exec
// and prepare through query-in-loop. The containers are in qt-containers.cpp
// (this file's QTextStream and QtConcurrent headers crash the entity rules:
// mutually befriended classes, reported).
#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QDir>
#include <QtCore/QDirIterator>
#include <QtCore/QFile>
#include <QtCore/QStringList>
#include <QtCore/QTextStream>
#include <QtCore/QThreadPool>
#include <QtCore/QVector>
#include <QtSql/QSqlQuery>

#include <string>
#include <vector>

void handle(const QString &line);
void price(const std::vector<std::string> &skus);

//===-- stream_sources: stream-accumulation -------------------------------===//

QStringList lines_of(const QString &path) {
  QFile file(path);
  file.open(QIODevice::ReadOnly);
  QStringList lines;
  while (!file.atEnd())
    lines.append(QString::fromUtf8(file.readLine()));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'lines' is appended to on every iteration of a loop that streams 'QFileDevice::atEnd'{{.*}} [memlint-stream-accumulation]
  return lines;
}

QString text_of(QIODevice *dev) {
  QTextStream in(dev);
  QString all;
  QString line;
  while (in.readLineInto(&line))
    all += line;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'all' is appended to on every iteration of a loop that streams 'QTextStream::readLineInto'{{.*}} [memlint-stream-accumulation]
  return all;
}

QStringList tree(const QString &root) {
  QStringList files;
  QDirIterator it(root, QDirIterator::Subdirectories);
  while (it.hasNext())
    files << it.next();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'files' is appended to on every iteration of a loop that streams 'QDirIterator::hasNext'{{.*}} [memlint-stream-accumulation]
  return files;
}

QVector<int> ids(QSqlQuery &q) {
  QVector<int> out;
  while (q.next())
    out.append(q.value(0).toInt());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'QSqlQuery::next'{{.*}} [memlint-stream-accumulation]
  return out;
}

// Sorted after the loop (QStringList::sort: the pack's `sort` effect): a
// sorted listing needs every entry, so the finding is low, not shown here.
QStringList sorted_tree(const QString &root) {
  QStringList files;
  QDirIterator it(root, QDirIterator::Subdirectories);
  while (it.hasNext())
    files << it.next();
  files.sort();
  return files;
}

// A query's rows sorted in memory keep their confidence: the query can
// sort them (ORDER BY; QSqlQuery::next is `can_order`).
QStringList names(QSqlQuery &q) {
  QStringList out;
  while (q.next())
    out.append(q.value(0).toString());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'QSqlQuery::next'{{.*}} [memlint-stream-accumulation]
  out.sort();
  return out;
}

// OK: each line handled as it is read.
void each_line(QIODevice *dev) {
  QTextStream in(dev);
  QString line;
  while (in.readLineInto(&line))
    handle(line);
}

//===-- whole_loads: whole-collection-load --------------------------------===//

int count_newlines(const QString &path) {
  QFile file(path);
  file.open(QIODevice::ReadOnly);
  const QByteArray data = file.readAll();
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: {{.*}}'QIODevice::readAll'{{.*}} [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: {{.*}}QIODevice::read(maxSize) or readLine() in a loop, processing each chunk
  int n = 0;
  for (char c : data)
    n += c == '\n';
  return n;
}

int count_words(QIODevice *dev) {
  QTextStream in(dev);
  const QString text = in.readAll();
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: {{.*}}'QTextStream::readAll'{{.*}} [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: {{.*}}QTextStream::readLine / readLineInto in a loop
  int n = 0;
  for (QChar c : text)
    n += c == QLatin1Char(' ');
  return n;
}

qint64 dir_bytes(const QDir &dir) {
  const QFileInfoList infos = dir.entryInfoList(QDir::Files);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'QDir::entryInfoList' loads the whole source into memory at once ('infos'), which is then read once front to back{{.*}} [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:31: note: {{.*}}QDirIterator, handling one entry at a time
  qint64 total = 0;
  for (const QFileInfo &fi : infos)
    total += fi.size();
  return total;
}

// OK: the data is needed whole (random access), or read in chunks.
char middle(const QString &path) {
  QFile file(path);
  file.open(QIODevice::ReadOnly);
  const QByteArray data = file.readAll();
  return data.isEmpty() ? '\0' : data[data.size() / 2];
}
qint64 chunked(QIODevice *dev) {
  qint64 total = 0;
  while (!dev->atEnd())
    total += dev->read(4096).size();
  return total;
}

//===-- sends: large-copy-into-send ---------------------------------------===//

void price_async(const std::vector<std::string> &skus) {
  QtConcurrent::run([skus] { price(skus); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'skus' (a 'std::vector<std::string>') is copied whole into the task [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it is copied by the lambda passed to 'QtConcurrent::run', which captures it by value;{{.*}}
}

void price_in_pool(QThreadPool *pool, const std::vector<std::string> &skus) {
  for (int shard = 0; shard < 4; ++shard)
    pool->start([skus, shard] { price(skus); (void)shard; });
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'skus' (a 'std::vector<std::string>') is copied whole into each of the 4 tasks this loop starts [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it is copied by the lambda passed to 'QThreadPool::start'{{.*}}
}

void price_later(QObject *ctx, const std::vector<std::string> &skus) {
  QMetaObject::invokeMethod(ctx, [skus] { price(skus); }, Qt::QueuedConnection);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'skus' (a 'std::vector<std::string>') is copied whole into the message [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it is copied by the lambda passed to 'QMetaObject::invokeMethod'{{.*}}
}

// OK: moved in, or passed by reference and waited for.
void price_moved(std::vector<std::string> skus) {
  QtConcurrent::run([skus = std::move(skus)] { price(skus); });
}
void price_and_wait(const std::vector<std::string> &skus) {
  QtConcurrent::run([&skus] { price(skus); }).waitForFinished();
}

// OK: Qt containers are implicitly shared (copy-on-write): capturing one
// copies a pointer and bumps a count (qt.yaml: implicitly_shared).
int count_names(const QStringList &names);
void count_in_background(const QStringList &names) {
  QtConcurrent::run([names] { count_names(names); });
}

//===-- queries: query-in-loop --------------------------------------------===//

QStringList names(const QVector<int> &ids) {
  QStringList out;
  QSqlQuery q;
  for (int id : ids) {
    q.exec(QStringLiteral("SELECT name FROM users WHERE id = %1").arg(id));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'QSqlQuery::exec' runs a query once for each element of 'ids'{{.*}} [memlint-query-in-loop]
    if (q.next())
      out << q.value(0).toString();
  }
  return out;
}

void count_each(const QStringList &tables) {
  for (const QString &t : tables) {
    QSqlQuery q;
    q.prepare("SELECT COUNT(*) FROM " + t);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'QSqlQuery::prepare' runs a query once for each element of 'tables'{{.*}} [memlint-query-in-loop]
  }
}

// OK: one query for all the ids (IN (...)); one batched insert.
QStringList names_at_once(const QStringList &ids) {
  QStringList out;
  QSqlQuery q;
  q.exec("SELECT name FROM users WHERE id IN (" + ids.join(',') + ")");
  while (q.next())
    handle(q.value(0).toString());
  return out;
}
void insert_all(const QStringList &names) {
  QSqlQuery q;
  q.prepare("INSERT INTO users (name) VALUES (?)");
  q.addBindValue(QVariant(names));
  q.execBatch();
}
