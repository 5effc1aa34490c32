// RUN: %check_memlint '--checks=-*,memlint-whole-collection-load' %s

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <numeric>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

std::vector<std::string_view> split_lines(std::string_view text);
void use(int);
void use(const std::string &);

// Positives.

// The whole file in one string, then split into lines and walked once.
void parse_config(const std::string &path) {
  std::ifstream in(path);
  const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'content' is filled from a whole 'std::istreambuf_iterator' range [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the loaded data is read once, front to back, here
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: the whole input is held in memory although it is then read once front to back; stream it instead: read line by line (while (std::getline(in, line))) or in fixed-size chunks, and process each piece as it arrives
  for (std::string_view line : split_lines(content))
    use(static_cast<int>(line.size()));
}

// A read-the-whole-file helper.
std::string slurp(std::istream &in) {
  std::string s{std::istreambuf_iterator<char>(in), {}};
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 's' is filled from a whole 'std::istreambuf_iterator' range{{.*}} [memlint-whole-collection-load]
  return s;
}

// Every number, then summed in one pass.
long sum_numbers(std::istream &in) {
  std::vector<long> values{std::istream_iterator<long>(in), std::istream_iterator<long>()};
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'values' is filled from a whole 'std::istream_iterator' range [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: {{.*}}stream it instead: extract and process one value at a time (while (in >> value))
  long total = 0;
  for (long v : values) total += v;
  return total;
}

// assign, and an algorithm writing through back_inserter.
void words(std::istream &in, std::istream &more) {
  std::vector<std::string> w;
  w.assign(std::istream_iterator<std::string>(in), std::istream_iterator<std::string>());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'w' is filled from a whole 'std::istream_iterator' range{{.*}} [memlint-whole-collection-load]
  for (const std::string &s : w) use(s);
  std::vector<int> n;
  std::copy(std::istream_iterator<int>(more), std::istream_iterator<int>(), std::back_inserter(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'n' is filled from a whole 'std::istream_iterator' range{{.*}} [memlint-whole-collection-load]
  for (int v : n) use(v);
}

// `ss << in.rdbuf()` into an in-memory stream.
std::string via_rdbuf(const std::string &path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: inserting 'std::basic_ifstream::rdbuf()' copies the whole stream into the in-memory stream 'ss' [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: memory grows with the input; stream it instead: read in chunks{{.*}}
  return ss.str();
}

// seekg/tellg, then one read of the whole size.
std::string whole_read(std::ifstream &in) {
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(in.tellg());
  in.seekg(0, std::ios::beg);
  std::string buf(size, '\0');
  in.read(&buf[0], static_cast<std::streamsize>(size));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this 'std::basic_istream::read' reads the whole file at once, in a size taken from 'std::basic_istream::tellg' [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-5]]:46: note: the size of the whole file is taken here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: memory grows with the file; stream it instead: read in fixed-size chunks{{.*}}
  return buf;
}

// fseek/ftell, then one fread.
std::vector<char> whole_fread(std::FILE *f) {
  std::fseek(f, 0, SEEK_END);
  long n = std::ftell(f);
  std::rewind(f);
  std::vector<char> data(static_cast<std::size_t>(n));
  std::fread(data.data(), 1, static_cast<std::size_t>(n), f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this 'fread' reads the whole file at once, in a size taken from 'ftell'{{.*}} [memlint-whole-collection-load]
  return data;
}

// list(range(n)): a vector of every index, walked once.
long iota_walk(int n) {
  std::vector<int> ids(n);
  std::iota(ids.begin(), ids.end(), 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ids' is filled with a whole generated sequence ('std::iota') only to be read once front to back [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: memory grows with its length; stream it instead: iterate the values directly{{.*}}
  long sum = 0;
  for (int i : ids) sum += i;
  return sum;
}

long counter_walk(std::size_t n) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < n; ++i) idx.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'idx' is filled with every value of the counter 'i' only to be read once front to back [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:39: note: memory grows with the count; iterate the counter directly instead
  long sum = 0;
  for (std::size_t k : idx) sum += static_cast<long>(k);
  return sum;
}

// In a template, through its instantiation.
template <typename T> T sum_all(std::istream &in) {
  std::vector<T> all(std::istream_iterator<T>(in), {});
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'all' is filled from a whole 'std::istream_iterator' range{{.*}} [memlint-whole-collection-load]
  T t{};
  for (const T &v : all) t += v;
  return t;
}
template double sum_all<double>(std::istream &);

// Near misses.

// OK: rdbuf() copied straight to an output stream.
void cat(const std::string &path) {
  std::ifstream in(path);
  std::cout << in.rdbuf();
  std::ofstream out(path + ".bak");
  out << in.rdbuf();
}

// OK: rdbuf() used to redirect a stream.
void redirect(std::ofstream &log) {
  std::streambuf *old = std::cout.rdbuf(log.rdbuf());
  std::cout.rdbuf(old);
}

// OK: sorted: needed whole.
std::vector<int> sorted(std::istream &in) {
  std::vector<int> v(std::istream_iterator<int>(in), {});
  std::sort(v.begin(), v.end());
  return v;
}

// OK: random access.
std::string median_word(std::istream &in) {
  const std::vector<std::string> w(std::istream_iterator<std::string>(in), {});
  return w.empty() ? std::string() : w[w.size() / 2];
}

// OK: random access through at() (the pack's `index` effect).
std::string middle_word(std::istream &in) {
  const std::vector<std::string> w(std::istream_iterator<std::string>(in), {});
  return w.empty() ? std::string() : w.at(w.size() / 2);
}

// OK: walked twice (mean, then variance).
double variance(std::istream &in) {
  const std::vector<double> v(std::istream_iterator<double>(in), {});
  double mean = 0, var = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  for (double x : v) var += (x - mean) * (x - mean);
  return var;
}

// OK: an index vector sorted by key (argsort) is needed whole.
std::vector<int> argsort(const std::vector<double> &keys) {
  std::vector<int> order(keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return keys[a] < keys[b]; });
  return order;
}

// OK: a compile-time-sized table.
long small_iota() {
  std::vector<int> t(16);
  std::iota(t.begin(), t.end(), 1);
  long s = 0;
  for (int v : t) s += v;
  return s;
}

// OK: fread in chunks, sized from ftell but bounded by the chunk.
void chunked(std::FILE *f, void (*sink)(const char *, std::size_t)) {
  std::fseek(f, 0, SEEK_END);
  long remaining = std::ftell(f);
  std::rewind(f);
  char buf[4096];
  while (remaining > 0) {
    std::size_t n = std::fread(buf, 1, sizeof buf, f);
    if (n == 0) break;
    sink(buf, n);
    remaining -= static_cast<long>(n);
  }
}

// OK: tellg only reports a position.
long position(std::ifstream &in) { return static_cast<long>(in.tellg()); }

// OK: streamed line by line.
long count_lines(std::istream &in) {
  long n = 0;
  std::string line;
  while (std::getline(in, line)) ++n;
  return n;
}

// OK: bytes copied from a stream to an output iterator, not into memory.
void copy_out(std::istream &in, std::ostream &out) {
  std::copy(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(),
            std::ostreambuf_iterator<char>(out));
}

// OK: indexes looked up at random after the counting fill.
int pick(std::size_t n, std::size_t k) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < n; ++i) idx.push_back(i);
  return static_cast<int>(idx[k]);
}
