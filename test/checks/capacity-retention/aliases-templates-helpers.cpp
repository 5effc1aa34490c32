// RUN: %check_memlint '--checks=-*,memlint-capacity-retention' %s

#include <string>
#include <vector>

// typedef and using aliases.
using Bytes = std::vector<unsigned char>;
typedef std::string Text;

class Connection {
public:
  void on_read(const unsigned char *p, int n) { rx_.insert(rx_.end(), p, p + n); }
  void on_message_done() {
    rx_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Connection::rx_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it keeps that memory for as long as its 'Connection' object lives;{{.*}}
  }
  void on_line(const Text &line) { line_ += line; }
  void on_line_done() {
    line_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Connection::line_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
  }

private:
  Bytes rx_;
  Text line_;
};
Connection g_conn;

// A class template: judged through its instantiations, reported once.
template <class T> class Accumulator {
public:
  void add(const T &v) { items_.push_back(v); }
  void reset() {
    items_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Accumulator::items_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it keeps that memory for as long as its 'Accumulator' object lives;{{.*}}
  }

private:
  std::vector<T> items_;
};
Accumulator<double> g_samples;
Accumulator<std::string> g_names;
void use_accumulators(double d, const std::string &s) {
  g_samples.add(d);
  g_samples.reset();
  g_names.add(s);
  g_names.reset();
}

// The container type is a template parameter.
template <class Buf> class Staging {
public:
  void put(char c) { buf_.push_back(c); }
  void commit() {
    buf_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Staging::buf_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
  }

private:
  Buf buf_;
};
Staging<std::string> g_staging;
void use_staging(char c) {
  g_staging.put(c);
  g_staging.commit();
}

// A wrapper struct held as a member: the entity is the wrapper's field.
struct Frame {
  std::vector<int> pixels;
};
class Renderer {
public:
  void draw(const std::vector<int> &px) {
    for (int p : px)
      frame_.pixels.push_back(p);
  }
  void present() {
    frame_.pixels.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Frame::pixels' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it keeps that memory for as long as its 'Frame' object lives;{{.*}}
  }

private:
  Frame frame_;
};
Renderer g_renderer;

// Through local references and pointers.
class Aliased {
public:
  void add(int v) {
    auto &r = refd_;
    r.push_back(v);
    std::vector<int> *p = &ptrd_;
    p->push_back(v);
  }
  void reset() {
    auto &r = refd_;
    r.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Aliased::refd_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
    std::vector<int> *p = &ptrd_;
    p->clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Aliased::ptrd_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
  }

private:
  std::vector<int> refd_;
  std::vector<int> ptrd_;
};
Aliased g_aliased;

// Helpers that fill or empty a container by reference: reported at the call.
void fill_from(std::vector<int> &out, const std::vector<int> &in) {
  for (int v : in)
    out.push_back(v);
}
void reset_buffer(std::vector<int> &buf) { buf.clear(); }
class Helped {
public:
  void load(const std::vector<int> &in) { fill_from(values_, in); }
  void done() {
    reset_buffer(values_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Helped::values_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
  }

private:
  std::vector<int> values_;
};
Helped g_helped;

// A buffer in a base class, used through a derived class.
class LineBuffer {
protected:
  void put(char c) { line_.push_back(c); }
  void end_line() {
    line_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'LineBuffer::line_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
  }

private:
  std::string line_;
};
class Terminal : public LineBuffer {
public:
  void feed(char c) {
    if (c == '\n')
      end_line();
    else
      put(c);
  }
};
Terminal g_terminal;
