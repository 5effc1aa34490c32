// A closed world for the plugin: the interface, its override, the query
// and the loop are all in this file.
#include <sqlite3.h>

#include <vector>

namespace {
class Store {
public:
  virtual ~Store() = default;
  virtual int get(int id) = 0;
};
class SqliteStore : public Store {
public:
  int get(int id) override {
    sqlite3_exec(db_, "SELECT v FROM kv WHERE k = 1", nullptr, nullptr, nullptr);
    return id;
  }

private:
  sqlite3 *db_ = nullptr;
};
class NullStore : public Store {
public:
  int get(int id) override { return id; }
};
class Quiet {
public:
  virtual ~Quiet() = default;
  virtual int get(int id) = 0;
};
class NullQuiet : public Quiet {
public:
  int get(int id) override { return id; }
};
} // namespace

int sum(Store &s, Quiet &q, const std::vector<int> &ids) {
  int n = 0;
  for (int id : ids) n += s.get(id);
  for (int id : ids) n += q.get(id);
  return n;
}
