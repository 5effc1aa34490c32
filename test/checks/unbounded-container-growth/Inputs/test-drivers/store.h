#include <fstream>
#include <iterator>
#include <string>
#include <vector>

bool next_request(std::string &r);

// Grown only by the tests' loop.
class Journal {
public:
  void record(const std::string &e) { entries_.push_back(e); }

private:
  std::vector<std::string> entries_;
};

// Grown by the tests' loop and by the program's request loop.
class Audit {
public:
  void record(const std::string &e) { entries_.push_back(e); }

private:
  std::vector<std::string> entries_;
};

inline std::string load(const std::string &path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
}

// A library's worker runs whatever task it is given, once per request.
struct Task {
  virtual ~Task() = default;
  virtual void run(const std::string &r) = 0;
};
inline void serve_tasks(Task &t) {
  for (std::string r; next_request(r);)
    t.run(r);
}

