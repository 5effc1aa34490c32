// A service whose loops reach queries through other translation units.
#include <sqlite3.h>

#include <functional>
#include <string>
#include <vector>

class Db {
public:
  void select(const std::string &sql); // db.cpp: the SQL is the caller's
  void exec(const char *sql);          // db.cpp

private:
  sqlite3 *db_ = nullptr;
};
Db &db();

struct Item {
  int id;
};

// A repository interface; its only override (sql_repo.cpp) queries.
class Repo {
public:
  virtual ~Repo() = default;
  virtual Item find(int id) = 0;
};
class SqlRepo : public Repo {
public:
  Item find(int id) override;
};

// An interface whose only override (mem_cache.cpp) does not query.
class Cache {
public:
  virtual ~Cache() = default;
  virtual Item find(int id) = 0;
};
class MemCache : public Cache {
public:
  Item find(int id) override;

private:
  std::vector<Item> items_;
};

// Helper chains, one function per file: load -> fetch -> fetch_row ->
// Db::select; grade -> rank -> score never queries.
Item load(int id);      // chain_a.cpp
Item fetch(int id);     // chain_b.cpp
Item fetch_row(int id); // chain_c.cpp
int grade(int id);      // chain_a.cpp
int rank(int id);       // chain_b.cpp
int score(int id);      // chain_c.cpp

// SQL handed down: run_sql (chain_b.cpp) -> Db::select.
void run_sql(const std::string &sql);

// A callback stored by a setter (importer.cpp), set in wire.cpp.
class Importer {
public:
  void on_row(std::function<void(int)> f);
  void run(const std::vector<int> &ids);

private:
  std::function<void(int)> on_row_;
};

// A tree loaded node by node (tree.cpp), recursively.
struct Node {
  int id;
  std::vector<Node> kids;
};
void load_tree(const Node &n);
int depth(const Node &n);
