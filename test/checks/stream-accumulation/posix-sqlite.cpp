// RUN: %check_memlint '--checks=-*,memlint-stream-accumulation' %s

// C stdio, POSIX reads and SQLite (the real sqlite3.h).
#include <dirent.h>
#include <sqlite3.h>
#include <sys/socket.h>

#include <cstdio>
#include <string>
#include <vector>

// Positives.

std::vector<std::string> ids(sqlite3_stmt *stmt) {
  std::vector<std::string> out;
  while (sqlite3_step(stmt) == SQLITE_ROW)
    out.push_back(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'sqlite3_step'{{.*}} [memlint-stream-accumulation]
  return out;
}

// A step loop written as `for (;;)` with a break.
void rows_into(sqlite3_stmt *stmt, std::vector<long long> &out) {
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) break;
    out.push_back(sqlite3_column_int64(stmt, 0));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'sqlite3_step'{{.*}} [memlint-stream-accumulation]
  }
}

std::string read_file(std::FILE *f) {
  std::string all;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
    all.append(buf, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'all' is appended to on every iteration of a loop that streams 'fread'{{.*}} [memlint-stream-accumulation]
  return all;
}

std::vector<char> receive_all(int fd) {
  std::vector<char> data;
  char buf[1024];
  for (;;) {
    long n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    data.insert(data.end(), buf, buf + n);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'data' is appended to on every iteration of a loop that streams 'recv'{{.*}} [memlint-stream-accumulation]
  }
  return data;
}

std::vector<std::string> list_dir(DIR *d) {
  std::vector<std::string> names;
  while (dirent *e = readdir(d))
    names.emplace_back(e->d_name);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'names' is appended to on every iteration of a loop that streams 'readdir'{{.*}} [memlint-stream-accumulation]
  return names;
}

// One character at a time, with no delimiter: the whole file.
std::string read_chars(std::FILE *f) {
  std::string all;
  char ch;
  while (std::fread(&ch, 1, 1, f))
    all += ch;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'all' is appended to on every iteration of a loop that streams 'fread'{{.*}} [memlint-stream-accumulation]
  return all;
}

// A sentinel line ends a section, not one line: every line before it.
std::vector<std::string> section(std::FILE *f) {
  std::vector<std::string> lines;
  char buf[256];
  while (std::fgets(buf, sizeof buf, f)) {
    if (buf[0] == '.')
      break;
    lines.emplace_back(buf);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'lines' is appended to on every iteration of a loop that streams 'fgets'{{.*}} [memlint-stream-accumulation]
  }
  return lines;
}

// Near misses.

// OK: one character at a time up to a delimiter is one line (libhv's
// HFile::readline), bounded by the line, not the stream.
bool read_line(std::FILE *f, std::string &line) {
  line.clear();
  char ch;
  while (std::fread(&ch, 1, 1, f)) {
    if (ch == '\n')
      return true;
    line += ch;
  }
  return !line.empty();
}
std::string read_word(std::FILE *f) {
  std::string word;
  char ch;
  while (std::fread(&ch, 1, 1, f) && ch != ' ')
    word.push_back(ch);
  return word;
}

// OK: aggregated while streaming (the example's stock totals).
long long sum_rows(sqlite3_stmt *stmt) {
  long long total = 0;
  while (sqlite3_step(stmt) == SQLITE_ROW) total += sqlite3_column_int64(stmt, 0);
  return total;
}

// OK: each chunk is written on.
void copy_file(std::FILE *in, std::FILE *out) {
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) std::fwrite(buf, 1, n, out);
}

// OK: a single-row lookup is not a loop.
std::string one(sqlite3_stmt *stmt) {
  std::vector<std::string> out;
  if (sqlite3_step(stmt) == SQLITE_ROW)
    out.push_back(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
  return out.empty() ? std::string() : out.front();
}

// OK: a bounded batch of received messages, handed on and cleared.
void forward(const std::vector<std::string> &batch);
void batches(int fd) {
  std::vector<std::string> batch;
  char buf[512];
  for (;;) {
    long n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    batch.emplace_back(buf, static_cast<std::size_t>(n));
    if (batch.size() >= 64) {
      forward(batch);
      batch.clear();
    }
  }
}
