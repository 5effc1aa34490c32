// RUN: %check_memlint '--checks=-*,memlint-stream-accumulation' %s
// RUN: %check_memlint '--checks=-*,memlint-stream-accumulation' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// A container sorted as a whole after the loop (the packs' `sort` effect: a
// member sort(), std::sort or std::stable_sort over begin()..end()) needs
// every element: "process each element as it arrives" cannot be followed,
// so the finding is low, with a note at the sort. Unless the source can
// sort them itself (a database query: ORDER BY), or the sorted container
// is then cut down to a top-n (a bounded heap streams that).

#include <dirent.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <list>
#include <set>
#include <string>
#include <vector>

struct Entry {
  char name[256];
};
bool by_name(const Entry &a, const Entry &b);

// Positives: kept at the default level.

// Nothing sorts it.
std::vector<std::string> names(DIR *d) {
  std::vector<std::string> out;
  while (dirent *e = readdir(d))
    out.emplace_back(e->d_name);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'readdir' [memlint-stream-accumulation]
  // LOW: :[[@LINE-2]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'readdir' [memlint-stream-accumulation]
  return out;
}

// The rows of a query sorted in memory: the query can sort them (ORDER BY)
// and each row be handled as it arrives.
std::vector<std::string> users(sqlite3_stmt *stmt) {
  std::vector<std::string> out;
  while (sqlite3_step(stmt) == SQLITE_ROW)
    out.push_back(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'sqlite3_step' [memlint-stream-accumulation]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it ends up holding every element of the stream in memory; process each element as it arrives, {{.*}}
  // LOW: :[[@LINE-3]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'sqlite3_step' [memlint-stream-accumulation]
  std::sort(out.begin(), out.end());
  return out;
}

// A top-n: sorted, then cut down to its first ten (a bounded heap of ten
// streams it).
std::vector<std::string> first_ten(std::FILE *f) {
  std::vector<std::string> out;
  char buf[256];
  while (std::fgets(buf, sizeof buf, f))
    out.emplace_back(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'fgets' [memlint-stream-accumulation]
  // LOW: :[[@LINE-2]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'fgets' [memlint-stream-accumulation]
  std::sort(out.begin(), out.end());
  out.resize(10);
  return out;
}

// Part of it sorted, not the whole.
std::vector<std::string> tail_sorted(std::FILE *f) {
  std::vector<std::string> out;
  char buf[256];
  while (std::fgets(buf, sizeof buf, f))
    out.emplace_back(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'fgets' [memlint-stream-accumulation]
  // LOW: :[[@LINE-2]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'fgets' [memlint-stream-accumulation]
  std::sort(out.begin() + 1, out.end());
  return out;
}

// Another container sorted; and one sorted before the loop.
std::vector<std::string> other(std::FILE *f, std::vector<std::string> &seen) {
  std::vector<std::string> out;
  std::sort(out.begin(), out.end());
  char buf[256];
  while (std::fgets(buf, sizeof buf, f))
    out.emplace_back(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'fgets' [memlint-stream-accumulation]
  // LOW: :[[@LINE-2]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'fgets' [memlint-stream-accumulation]
  std::sort(seen.begin(), seen.end());
  return out;
}

// An ordered set is no sort: it may be there for lookups.
std::set<std::string> index_of(std::FILE *f) {
  std::set<std::string> out;
  char buf[256];
  while (std::fgets(buf, sizeof buf, f))
    out.insert(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'fgets' [memlint-stream-accumulation]
  // LOW: :[[@LINE-2]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'fgets' [memlint-stream-accumulation]
  return out;
}

// Near misses: low, with a note at the sort.

// A directory listed for an index page, sorted by name (libhv's listdir).
int listdir(DIR *dp, std::list<Entry> &dirs) {
  Entry tmp;
  struct dirent *result = nullptr;
  while ((result = readdir(dp))) {
    std::snprintf(tmp.name, sizeof tmp.name, "%s", result->d_name);
    dirs.push_back(tmp);
    // LOW: :[[@LINE-1]]:5: warning: 'dirs' is appended to on every iteration of a loop that streams 'readdir' [memlint-stream-accumulation]
    // LOW: :[[@LINE-4]]:20: note: the loop streams 'readdir' here
    // LOW: :[[@LINE-8]]:40: note: 'dirs' declared here
    // LOW: :[[@LINE+4]]:3: note: 'dirs' is sorted here: a sorted result needs every element of the stream
    // LOW: :[[@LINE-5]]:5: note: it ends up holding every element of the stream in memory; a sorted result cannot be streamed: bound the input or page it instead
  }
  closedir(dp);
  dirs.sort(by_name);
  return static_cast<int>(dirs.size());
}

std::vector<std::string> sorted_lines(std::FILE *f) {
  std::vector<std::string> out;
  char buf[256];
  while (std::fgets(buf, sizeof buf, f))
    out.emplace_back(buf);
  // LOW: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'fgets' [memlint-stream-accumulation]
  // LOW: :[[@LINE+2]]:3: note: 'out' is sorted here: a sorted result needs every element of the stream
  // LOW: :[[@LINE-3]]:5: note: it ends up holding {{.*}}; a sorted result cannot be streamed: bound the input or page it instead
  std::stable_sort(std::begin(out), std::end(out));
  return out;
}

// Descending, through the reverse iterators; deduplicated after the sort
// (still the whole sorted listing).
std::vector<std::string> newest_first(DIR *d) {
  std::vector<std::string> out;
  while (dirent *e = readdir(d))
    out.emplace_back(e->d_name);
  // LOW: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'readdir' [memlint-stream-accumulation]
  // LOW: :[[@LINE+1]]:3: note: 'out' is sorted here: {{.*}}
  std::sort(out.rbegin(), out.rend());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}
