// A closed world for the plugin: the channel, its consumer and the
// producer are all in this file.
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace {
using Lines = std::vector<std::string>;
Lines read_lines();

class Pipe {
public:
  void write(const Lines &l) { put(l); }
  Lines read() {
    std::lock_guard<std::mutex> lk(mu_);
    Lines l = std::move(q_.front());
    q_.pop_front();
    return l;
  }

private:
  void put(const Lines &l) {
    std::lock_guard<std::mutex> lk(mu_);
    q_.push_back(l);
  }
  std::mutex mu_;
  std::deque<Lines> q_;
};
Pipe g_pipe;
} // namespace

void pump() {
  Lines lines = read_lines();
  g_pipe.write(lines);
}
Lines drain() { return g_pipe.read(); }
