// A repository declared in a header; its methods are defined in
// sqlite.cpp, which includes this.
#include <sqlite3.h>

#include <string>
#include <vector>

class Repository {
public:
  long long price(const std::string &sku);
  long long count(const std::string &sku);
  void exec(const char *sql);

private:
  sqlite3 *db_ = nullptr;
};
