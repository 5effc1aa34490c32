// RUN: %check_memlint '--checks=-*,memlint-stream-accumulation' %s -- -I %S/Inputs

#include "row_sink.h"

#include <cstdio>
#include <istream>
#include <string>
#include <vector>

void RowSink::add(const std::string &row) { rows_.push_back(row); }
void RowSink::add_bounded(const std::string &row) {
  if (rows_.size() < 1000) rows_.push_back(row);
}
void RowSink::flush() { rows_.clear(); }

// Positives.

// A helper that appends to its reference parameter, called per element.
void append_row(std::vector<std::string> &out, const std::string &row) { out.push_back(row + ";"); }

std::vector<std::string> through_helper(std::istream &in) {
  std::vector<std::string> rows;
  std::string line;
  while (std::getline(in, line))
    append_row(rows, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'rows' is appended to on every iteration of a loop that streams 'std::getline'{{.*}} [memlint-stream-accumulation]
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: the loop streams 'std::getline' here
  // CHECK-MESSAGES: :[[@LINE-9]]:74: note: appended here (through 'append_row')
  return rows;
}

// Two helpers deep.
void add_twice(std::vector<std::string> &out, const std::string &row) { append_row(out, row); }
void nested_helper(std::istream &in, std::vector<std::string> &all) {
  std::string line;
  while (std::getline(in, line)) add_twice(all, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'all' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
}

// A sink object whose method appends to one of its fields (declared in a
// header, defined above).
void into_sink(std::istream &in, RowSink &sink) {
  std::string line;
  while (std::getline(in, line))
    sink.add(line);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sink.add' appends to 'RowSink::rows_' on every iteration of a loop that streams 'std::getline' [memlint-stream-accumulation]
  // CHECK-MESSAGES: :10:45: note: appended here (through 'RowSink::add')
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'RowSink::rows_' ends up holding every element of the stream in memory;{{.*}}
}

// Appends through a field of a local struct.
struct Report {
  std::vector<std::string> lines;
};
Report lambda_and_struct(std::FILE *f) {
  Report r;
  char buf[256];
  while (std::fgets(buf, sizeof buf, f)) {
    r.lines.emplace_back(buf);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'r.lines' is appended to on every iteration of a loop that streams 'fgets'{{.*}} [memlint-stream-accumulation]
  }
  return r;
}

// Near misses.

// OK: the sink bounds itself (a size check before it appends).
void bounded_sink(std::istream &in, RowSink &sink) {
  std::string line;
  while (std::getline(in, line)) sink.add_bounded(line);
}

// OK: the sink is flushed in the loop.
void flushed_sink(std::istream &in, RowSink &sink) {
  std::string line;
  while (std::getline(in, line)) {
    sink.add(line);
    if (sink.size() > 100) sink.flush();
  }
}

// OK: a helper that clears what it is given.
void drain(std::vector<std::string> &v) { v.clear(); }
void helper_clears(std::istream &in) {
  std::vector<std::string> pending;
  std::string line;
  while (std::getline(in, line)) {
    pending.push_back(line);
    drain(pending);
  }
}

// OK: the helper copies its argument: nothing outside grows.
void by_value(std::vector<std::string> v, const std::string &s) { v.push_back(s); }
void copies(std::istream &in) {
  std::vector<std::string> keep;
  std::string line;
  while (std::getline(in, line)) by_value(keep, line);
}

// OK: the visitor is handed each row; nothing is appended.
void visit_rows(std::istream &in, void (*visit)(const std::string &)) {
  std::string line;
  while (std::getline(in, line)) visit(line);
}
