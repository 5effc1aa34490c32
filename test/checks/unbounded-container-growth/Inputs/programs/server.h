#include <functional>
#include <string>

bool next_request(std::string &r);

// Shared by both programs: it runs what each hands to on_start.
class Server {
public:
  void on_start(std::function<void()> f) { start_ = std::move(f); }
  void start() { start_(); }

private:
  std::function<void()> start_;
};
