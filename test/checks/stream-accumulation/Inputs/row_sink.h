// A sink class declared in a header, its methods defined in the including
// file (helpers-sinks.cpp).
#include <string>
#include <vector>

class RowSink {
public:
  void add(const std::string &row);
  void add_bounded(const std::string &row);
  void flush();
  std::size_t size() const { return rows_.size(); }

private:
  std::vector<std::string> rows_;
};
