// RUN: %check_memlint '--checks=-*,memlint-stream-accumulation' %s

#include <fstream>
#include <iterator>
#include <map>
#include <queue>
#include <set>
#include <sstream>
#include <string>
#include <vector>

// Positives: a loop that streams, and a container that outlives it.

std::vector<std::string> read_lines(std::istream &in) {
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'lines' is appended to on every iteration of a loop that streams 'std::getline' [memlint-stream-accumulation]
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: the loop streams 'std::getline' here
    // CHECK-MESSAGES: :[[@LINE-6]]:28: note: 'lines' declared here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: it ends up holding every element of the stream in memory; process each element as it arrives, or flush and clear 'lines' in bounded batches, instead of collecting them all
  }
  return lines;
}

// Something derived from each element, conditionally: still every element.
std::vector<int> lengths(std::istream &in) {
  std::vector<int> out;
  std::string word;
  while (in >> word)
    if (!word.empty())
      out.push_back(static_cast<int>(word.size()));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'out' is appended to on every iteration of a loop that streams 'std::operator>>'{{.*}} [memlint-stream-accumulation]
  return out;
}

// Arithmetic extraction is a member operator>>.
std::deque<double> samples(std::istream &in) {
  std::deque<double> values;
  double v = 0;
  while (in >> v) values.push_front(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'values' is appended to on every iteration of a loop that streams 'std::basic_istream::operator>>'{{.*}} [memlint-stream-accumulation]
  return values;
}

// A string re-built from every line: a slurp in a loop.
std::string slurp(std::ifstream &in) {
  std::string text, line;
  while (std::getline(in, line)) {
    text += line;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'text' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
    text += '\n';
  }
  return text;
}

// A body that stops when the read fails.
std::vector<std::string> until_eof(std::istream &in) {
  std::vector<std::string> rows;
  for (;;) {
    std::string row;
    if (!std::getline(in, row))
      break;
    rows.emplace_back(row);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'rows' is appended to on every iteration of a loop that streams 'std::getline'{{.*}} [memlint-stream-accumulation]
  }
  return rows;
}

// A stream iterator loop.
std::set<int> distinct(std::istream &in) {
  std::set<int> seen;
  for (std::istream_iterator<int> it(in), end; it != end; ++it)
    seen.insert(*it);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'seen' is appended to on every iteration of a loop that streams 'std::istream_iterator'{{.*}} [memlint-stream-accumulation]
  return seen;
}

// Through an alias, an out-parameter and a pointer.
void collect_into(std::istream &in, std::vector<std::string> &out) {
  std::string line;
  while (std::getline(in, line)) {
    auto &sink = out;
    sink.push_back(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
  }
}

void collect_ptr(std::istream &in, std::vector<std::string> *out) {
  std::string line;
  while (std::getline(in, line))
    out->push_back(line);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
}

// A member of the object doing the reading.
class Loader {
public:
  void load(std::istream &in) {
    std::string line;
    while (std::getline(in, line))
      rows_.push_back(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Loader::rows_' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
  }

private:
  std::vector<std::string> rows_;
};

// In a template, through its instantiation.
template <typename Container> Container read_all(std::istream &in) {
  Container c;
  typename Container::value_type v;
  while (in >> v)
    c.push_back(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'c' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
  return c;
}
template std::vector<int> read_all<std::vector<int>>(std::istream &);

// Near misses.

// OK: aggregates (sum, count, max) are scalars.
long total(std::istream &in) {
  long sum = 0, count = 0, max = 0, v = 0;
  while (in >> v) {
    sum += v;
    ++count;
    if (v > max) max = v;
  }
  return sum + count + max;
}

// OK: top-k in a bounded heap (popped as soon as it exceeds k).
std::priority_queue<int> top_k(std::istream &in, unsigned k) {
  std::priority_queue<int> heap;
  int v = 0;
  while (in >> v) {
    heap.push(v);
    if (heap.size() > k) heap.pop();
  }
  return heap;
}

// OK: bounded batches, flushed and cleared.
void write_batch(const std::vector<std::string> &batch);
void batched(std::istream &in) {
  std::vector<std::string> batch;
  std::string line;
  while (std::getline(in, line)) {
    batch.push_back(line);
    if (batch.size() == 100) {
      write_batch(batch);
      batch.clear();
    }
  }
  write_batch(batch);
}

// OK: a per-line temporary declared inside the loop.
void per_line(std::istream &in, std::ostream &out) {
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::istringstream split(line);
    std::string f;
    while (split >> f) fields.push_back(f);
    out << fields.size() << '\n';
  }
}

// OK: transformed and written on, nothing kept.
void upper(std::istream &in, std::ostream &out) {
  std::string line;
  while (std::getline(in, line)) {
    std::string copy = line;
    copy += "!";
    out << copy << '\n';
  }
}

// OK: a framing buffer consumed as it fills.
void frames(std::istream &in, void (*handle)(const std::string &)) {
  std::string buf, chunk;
  while (std::getline(in, chunk)) {
    buf += chunk;
    while (buf.size() >= 16) {
      handle(buf.substr(0, 16));
      buf.erase(0, 16);
    }
  }
}

// OK: counting per key is an aggregate bounded by the keys.
std::map<std::string, int> word_counts(std::istream &in) {
  std::map<std::string, int> counts;
  std::string w;
  while (in >> w) counts[w] += 1;
  return counts;
}

// OK: the string read into is overwritten by every read.
std::size_t longest(std::istream &in) {
  std::string line;
  std::size_t best = 0;
  while (std::getline(in, line)) {
    line += ' ';
    if (line.size() > best) best = line.size();
  }
  return best;
}

// OK: returns at the first match.
std::string find_key(std::istream &in, const std::string &key) {
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return line;
  return {};
}

// OK: capped by a size check in the loop.
std::vector<std::string> head(std::istream &in, std::size_t n) {
  std::vector<std::string> lines;
  std::string line;
  while (lines.size() < n && std::getline(in, line))
    lines.push_back(line);
  return lines;
}

// OK: the loop walks a container, it does not stream.
std::vector<int> doubled(const std::vector<int> &in) {
  std::vector<int> out;
  for (int v : in) out.push_back(v * 2);
  return out;
}

// OK: handed each time to code that may flush it.
void maybe_flush(std::vector<std::string> &pending);
void unknown_flush(std::istream &in) {
  std::vector<std::string> pending;
  std::string line;
  while (std::getline(in, line)) {
    pending.push_back(line);
    maybe_flush(pending);
  }
}
