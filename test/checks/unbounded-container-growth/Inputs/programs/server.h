#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

bool next_request(std::string &r);

// Shared by both programs: it runs what each hands to on_start.
class Server {
public:
  void on_start(std::function<void()> f) { start_ = std::move(f); }
  void start() { start_(); }
  // A public API none of the programs calls: in the whole program nothing
  // runs it (low), and none of them reads a file whole through load().
  void alias(const std::string &name) { aliases_.push_back(name); }
  std::string load(const char *path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

private:
  std::function<void()> start_;
  std::vector<std::string> aliases_;
};

// Shared code that hands the server a callable of its own: it runs only in
// a program that makes an Inspector (routes.cpp, at setup), not in every
// program whose server starts.
class Inspector {
public:
  explicit Inspector(Server &s) {
    s.on_start([this] { commands_.push_back("help"); });
  }

private:
  std::vector<std::string> commands_;
};

// Nothing calls these either. A walk of a container in code nothing runs
// drives nothing; a loop that runs until something happens there (an event
// loop reached through a C callback table the call graph does not follow)
// still drives what it calls.
class Index {
public:
  void note(const std::string &k) { seen_.push_back(k); }
  void rebuild(const std::vector<std::string> &keys) {
    for (const std::string &k : keys)
      note(k);
  }

private:
  std::vector<std::string> seen_;
};
inline Index g_index;
class Pump {
public:
  void take(const std::string &m) { got_.push_back(m); }
  void run() {
    for (std::string m; next_request(m);)
      take(m);
  }

private:
  std::vector<std::string> got_;
};
inline Pump g_pump;
