// A journal that grows at two lines: one entry when it opens, one per event
// afterwards. The finding is about the container, so `memlint confirm`
// measures both lines (the second is the finding's note marked "also").
#include <cstdlib>
#include <string>
#include <vector>

class Journal {
public:
  void open(const std::string &name) {
    entries_.push_back("opened " + name + " for the whole run"); // OPEN
  }
  void record(long i) {
    entries_.push_back("event number " + std::to_string(i) + " recorded"); // RECORD
  }
  std::size_t size() const { return entries_.size(); }

private:
  std::vector<std::string> entries_;
};

int main(int argc, char **argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 1000;
  static Journal journal;
  journal.open(argc > 2 ? argv[2] : "journal");
  for (long i = 0; i < n; ++i)
    journal.record(i);
  return journal.size() == std::size_t(n) + 1 ? 0 : 1;
}
