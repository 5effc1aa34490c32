// RUN: %check_memlint --real-headers '--checks=-*,memlint-stream-accumulation,memlint-whole-collection-load' %s -- -std=c++20

// The iostream pack (rules/packs/iostream.yaml) against the real libstdc++
// headers: iostream and filesystem stream sources through
// stream-accumulation, whole-file loads through whole-collection-load.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <list>
#include <map>
#include <ranges>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

void handle(const std::string &line);

//===-- stream_sources: stream-accumulation -------------------------------===//

std::vector<std::string> read_lines(const std::string &path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line))
    lines.push_back(line);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'lines' is appended to on every iteration of a loop that streams 'std::getline'{{.*}} [memlint-stream-accumulation]
  return lines;
}

std::vector<double> read_numbers(std::istream &in) {
  std::vector<double> values;
  double v;
  while (in >> v)
    values.push_back(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'values' is appended to on every iteration of a loop that streams 'std::basic_istream::operator>>'{{.*}} [memlint-stream-accumulation]
  return values;
}

void read_words(std::istream &in, std::vector<std::string> &out) {
  std::string w;
  while (in >> w)
    out.push_back(w);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'std::operator>>'{{.*}} [memlint-stream-accumulation]
}

std::string read_blocks(std::ifstream &in) {
  std::string all;
  char buf[4096];
  while (in.read(buf, sizeof buf) || in.gcount() > 0)
    all.append(buf, static_cast<std::size_t>(in.gcount()));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'all' is appended to on every iteration of a loop that streams 'std::basic_istream::read'{{.*}} [memlint-stream-accumulation]
  return all;
}

std::vector<fs::path> list_tree(const fs::path &root) {
  std::vector<fs::path> files;
  for (const fs::directory_entry &e : fs::recursive_directory_iterator(root))
    files.push_back(e.path());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'files' is appended to on every iteration of a loop that streams 'std::filesystem::recursive_directory_iterator'{{.*}} [memlint-stream-accumulation]
  return files;
}

std::vector<int> ints_view(std::istream &in) {
  std::vector<int> out;
  for (int v : std::views::istream<int>(in))
    out.push_back(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'std::ranges::basic_istream_view'{{.*}} [memlint-stream-accumulation]
  return out;
}

// Sorted as a whole after the loop (the std pack's `sort` entries:
// std::sort and std::stable_sort over begin()..end(), std::ranges::sort,
// list::sort): a sorted result needs every element, so the finding is low,
// not shown here; cut down to a top-n after the sort, it is shown.
std::vector<fs::path> sorted_dir(const fs::path &root) {
  std::vector<fs::path> files;
  for (const fs::directory_entry &e : fs::directory_iterator(root))
    files.push_back(e.path());
  std::ranges::sort(files);
  return files;
}
std::vector<std::string> sorted_lines(std::istream &in) {
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  std::stable_sort(std::begin(lines), std::end(lines));
  return lines;
}
std::list<std::string> sorted_words(std::istream &in) {
  std::list<std::string> words;
  std::string w;
  while (in >> w)
    words.push_back(w);
  words.sort();
  return words;
}
std::vector<std::string> longest(std::istream &in) {
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'lines' is appended to on every iteration of a loop that streams 'std::getline'{{.*}} [memlint-stream-accumulation]
  std::sort(lines.begin(), lines.end(), [](const std::string &a,
                                           const std::string &b) {
    return a.size() > b.size();
  });
  lines.resize(10);
  return lines;
}

// OK: each line is handled as it arrives, counted, or batched and flushed.
long count_lines(const std::string &path) {
  std::ifstream in(path);
  long n = 0;
  std::string line;
  while (std::getline(in, line)) {
    handle(line);
    ++n;
  }
  return n;
}
std::map<std::string, long> word_counts(std::istream &in) {
  std::map<std::string, long> counts;
  std::string w;
  while (in >> w)
    counts[w] += 1;
  return counts;
}
void batched(std::istream &in) {
  std::vector<std::string> batch;
  std::string line;
  while (std::getline(in, line)) {
    batch.push_back(line);
    if (batch.size() == 512) {
      for (const std::string &l : batch)
        handle(l);
      batch.clear();
    }
  }
}
long dir_bytes(const fs::path &dir) {
  long total = 0;
  for (const fs::directory_entry &e : fs::directory_iterator(dir))
    total += static_cast<long>(e.file_size());
  return total;
}

//===-- whole_loads: whole-collection-load --------------------------------===//

long count_words(const std::string &path) {
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'text' is filled from a whole 'std::istreambuf_iterator' range{{.*}} [memlint-whole-collection-load]
  long words = 0;
  for (char c : text)
    words += c == ' ';
  return words;
}

long sum_all(std::istream &in) {
  std::vector<long> values{std::istream_iterator<long>(in), std::istream_iterator<long>()};
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'values' is filled from a whole 'std::istream_iterator' range [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: {{.*}}extract and process one value at a time (while (in >> value))
  long total = 0;
  for (long v : values)
    total += v;
  return total;
}

std::string via_rdbuf(const std::string &path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: inserting 'std::basic_ifstream::rdbuf()' copies the whole stream into the in-memory stream 'ss'{{.*}} [memlint-whole-collection-load]
  return ss.str();
}

std::string whole_read(std::ifstream &in) {
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(in.tellg());
  in.seekg(0, std::ios::beg);
  std::string buf(size, '\0');
  in.read(&buf[0], static_cast<std::streamsize>(size));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this 'std::basic_istream::read' reads the whole file at once, in a size taken from 'std::basic_istream::tellg'{{.*}} [memlint-whole-collection-load]
  return buf;
}

std::vector<char> whole_file(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  std::vector<char> data(fs::file_size(p));
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this 'std::basic_istream::read' reads the whole file at once, in a size taken from 'std::filesystem::file_size'{{.*}} [memlint-whole-collection-load]
  return data;
}

// OK: rdbuf() copied to another stream, not to memory; the whole file is
// needed whole (random access); reads in fixed-size chunks.
void cat(const std::string &path) {
  std::ifstream in(path);
  std::cout << in.rdbuf();
}
char middle_char(const std::string &path) {
  std::ifstream in(path);
  std::string s{std::istreambuf_iterator<char>(in), {}};
  return s.empty() ? '\0' : s[s.size() / 2];
}
long chunked(std::ifstream &in) {
  in.seekg(0, std::ios::end);
  auto remaining = static_cast<long>(in.tellg());
  in.seekg(0, std::ios::beg);
  char buf[4096];
  long sum = 0;
  while (remaining > 0 && in.read(buf, std::min<long>(remaining, sizeof buf))) {
    remaining -= in.gcount();
    sum += buf[0];
  }
  return sum;
}
