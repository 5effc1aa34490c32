// RUN: %check_memlint '--checks=-*,memlint-capacity-retention' %s

#include <string>
#include <vector>

struct Row {
  int id;
  std::string text;
};
void send(const std::vector<Row> &rows);
void write_out(const std::string &s);

// Filled in bursts whose size the data decides, then emptied: the vector
// keeps the capacity of its largest burst. One finding, at the clear, with
// notes at the declaration and the fill; every other clear is a note.
class Batcher {
public:
  void add_all(const std::vector<Row> &rows) {
    for (const Row &r : rows)
      batch_.push_back(r);
  }
  void flush() {
    send(batch_);
    batch_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Batcher::batch_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
    // CHECK-MESSAGES: :[[@LINE+8]]:20: note: 'Batcher::batch_' declared here
    // CHECK-MESSAGES: :[[@LINE-7]]:7: note: 'Batcher::batch_' is filled here
    // CHECK-MESSAGES: :[[@LINE+3]]:18: note: 'Batcher::batch_' is also emptied here
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: it keeps that memory for as long as its 'Batcher' object lives; swap it with an empty container after emptying it (shrink_to_fit is only a request) or cap the capacity it keeps
  }
  void abort() { batch_.clear(); }

private:
  std::vector<Row> batch_;
};
Batcher g_batcher;

// Strings keep their capacity too; resize(0) empties like clear().
class Response {
public:
  void append(const std::string &chunk) { body_ += chunk; }
  void send_and_reset() {
    write_out(body_);
    body_.resize(0);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Response::body_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it keeps that memory for as long as its 'Response' object lives;{{.*}}
  }

private:
  std::string body_;
};
Response g_response;

// erase(begin, end) empties it as well.
class Frames {
public:
  void add(int f) { frames_.push_back(f); }
  void drop_all() {
    frames_.erase(frames_.cbegin(), frames_.cend());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Frames::frames_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
  }

private:
  std::vector<int> frames_;
};
Frames g_frames;

// Filled and emptied in the same function: a scratch buffer kept between
// calls.
class Encoder {
public:
  std::string encode(const std::vector<int> &values) {
    for (int v : values)
      scratch_.push_back(static_cast<char>(v));
    std::string out(scratch_.begin(), scratch_.end());
    scratch_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Encoder::scratch_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
    return out;
  }

private:
  std::vector<char> scratch_;
};
Encoder g_encoder;

// Namespace-scope, static member and static local buffers live as long as
// the program.
std::vector<char> g_packet;
void on_bytes(const char *p, int n) {
  for (int i = 0; i < n; ++i)
    g_packet.push_back(p[i]);
}
void on_packet_done() {
  g_packet.clear();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'g_packet' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it keeps that memory for as long as the program runs;{{.*}}
}

class Tracer {
public:
  static void span(const std::string &s) { spans_.push_back(s); }
  static void export_all() {
    spans_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Tracer::spans_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it keeps that memory for as long as the program runs;{{.*}}
  }

private:
  static inline std::vector<std::string> spans_;
};

void render(const std::vector<float> &points) {
  static std::vector<float> vertices;
  for (float p : points)
    vertices.push_back(p * 2);
  vertices.clear();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'render::vertices' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it keeps that memory for as long as the program runs;{{.*}}
}

// A shrink on an unrelated path (only when memory is low) leaves the
// finding: on the usual path the capacity is kept.
class Cache {
public:
  void load(const std::vector<int> &rows) { rows_.insert(rows_.end(), rows.begin(), rows.end()); }
  void reset() {
    rows_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Cache::rows_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
    if (low_memory_)
      rows_.shrink_to_fit();
  }

private:
  std::vector<int> rows_;
  bool low_memory_ = false;
};
Cache g_cache;

// A shrink before the clear releases nothing that the next burst keeps.
class ShrinkFirst {
public:
  void add(int v) { values_.push_back(v); }
  void reset() {
    values_.shrink_to_fit();
    values_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ShrinkFirst::values_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
  }

private:
  std::vector<int> values_;
};
ShrinkFirst g_shrink_first;
