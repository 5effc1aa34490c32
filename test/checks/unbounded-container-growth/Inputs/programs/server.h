#include <functional>
#include <string>
#include <vector>

bool next_request(std::string &r);

// Shared by both programs: it runs what each hands to on_start.
class Server {
public:
  void on_start(std::function<void()> f) { start_ = std::move(f); }
  void start() { start_(); }

private:
  std::function<void()> start_;
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
