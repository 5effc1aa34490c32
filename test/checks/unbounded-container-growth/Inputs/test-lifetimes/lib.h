#include <memory>
#include <string>
#include <vector>

bool next_message(std::string &m);

class Part {
public:
  void add(const std::string &s) { items_.push_back(s); }

private:
  std::vector<std::string> items_;
};
class Log {
public:
  void add(const std::string &s) { items_.push_back(s); }

private:
  std::vector<std::string> items_;
};
class Chunk {
public:
  void add(const std::string &s) { items_.push_back(s); }

private:
  std::vector<std::string> items_;
};
class Journal {
public:
  void add(const std::string &s) { items_.push_back(s); }

private:
  std::vector<std::string> items_;
};

// The library's own loops: they feed what they are given until the input
// ends.
void pump(std::shared_ptr<Part> part, std::shared_ptr<Log> log);
void pump_chunks(std::shared_ptr<Chunk> chunk, std::shared_ptr<Journal> journal);
std::shared_ptr<Chunk> make_chunk();
std::shared_ptr<Journal> make_journal();
