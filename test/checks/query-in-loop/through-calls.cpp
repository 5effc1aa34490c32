// RUN: %check_memlint '--checks=-*,memlint-query-in-loop' %s

// Loops that reach a query through calls: a virtual repository interface,
// helper chains, callbacks, recursion. The whole program is in this file,
// so the CLI and the plugin see the same call graph.
#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

class Db {
public:
  // The SQL comes from the caller (Effect::SqlParam).
  void select(const std::string &sql) {
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
    sqlite3_finalize(stmt);
  }
  void exec(const char *sql) { sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

private:
  sqlite3 *db_ = nullptr;
};

struct Item {
  int id;
  std::string name;
};

// A repository interface: the loop calls it, an override queries.
class Repo {
public:
  virtual ~Repo() = default;
  virtual Item find(int id) = 0;
};
class SqlRepo : public Repo {
public:
  Item find(int id) override {
    db_.select("SELECT name FROM items WHERE id = ?");
    return {id, ""};
  }

private:
  Db db_;
};

// An interface whose only override does not query.
class Cache {
public:
  virtual ~Cache() = default;
  virtual Item find(int id) = 0;
};
class MemCache : public Cache {
public:
  Item find(int id) override { return items_.at(static_cast<std::size_t>(id)); }

private:
  std::vector<Item> items_;
};

// A helper chain three calls deep, and one that never queries.
Db g_db;
Item fetch_row(int id) {
  g_db.select("SELECT * FROM items WHERE id = ?");
  return {id, ""};
}
Item fetch(int id) { return fetch_row(id); }
Item load(int id) { return fetch(id); }
int score(int id) { return id * 2; }
int rank(int id) { return score(id) + 1; }
int grade(int id) { return rank(id) - 1; }

// SQL handed down a chain of parameters: the call site's text decides.
void run(const std::string &sql) { g_db.select(sql); }
void run_all(const std::string &sql) { run(sql); }

// Recursion: a tree loaded node by node, and a walk that never queries.
struct Node {
  int id;
  std::vector<Node> kids;
};
void load_node(const Node &n) {
  g_db.exec("SELECT * FROM nodes WHERE id = 1");
  for (const Node &k : n.kids) load_node(k);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'load_node' runs a query ('sqlite3_exec') once for each element of 'n.kids' [memlint-query-in-loop]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the loop is here
  // CHECK-MESSAGES: :21:32: note: 'load_node' runs a query (via 'Db::exec' -> 'sqlite3_exec')
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: the number of queries grows with the collection (N+1 queries);{{.*}}
}
int depth(const Node &n) {
  int d = 0;
  for (const Node &k : n.kids) d = std::max(d, depth(k) + 1);
  return d;
}
// Mutual recursion: even() -> odd() -> even() queries.
bool odd(const Node &n);
bool even(const Node &n) {
  if (n.kids.empty()) {
    g_db.exec("SELECT 1 FROM nodes WHERE id = 2");
    return true;
  }
  return odd(n.kids.front());
}
bool odd(const Node &n) { return n.kids.empty() ? false : even(n.kids.back()); }

// A class holding a callback, called for each row.
class Importer {
public:
  void on_row(std::function<void(int)> f) { on_row_ = std::move(f); }
  void run(const std::vector<int> &ids) {
    for (int id : ids) on_row_(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Importer::on_row_' runs a query ('sqlite3_prepare_v2') once for each element of 'ids' [memlint-query-in-loop]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the loop is here
    // CHECK-MESSAGES: :18:5: note: 'Importer::on_row_' runs a query (via the lambda in 'wire' -> 'load' -> 'fetch' -> 'fetch_row' -> 'Db::select' -> 'sqlite3_prepare_v2')
  }

private:
  std::function<void(int)> on_row_;
};
void wire(Importer &imp) {
  imp.on_row([](int id) { load(id); });
}

// A callable parameter run per element.
void each(const std::vector<int> &ids, const std::function<void(int)> &fn) {
  for (int id : ids) fn(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'fn' runs a query ('sqlite3_prepare_v2') once for each element of 'ids' [memlint-query-in-loop]
}
void each_user(Repo &repo, const std::vector<int> &ids) {
  each(ids, [&repo](int id) { repo.find(id); });
}
// OK: the callables this one is given do not query.
void each_quiet(const std::vector<int> &ids, const std::function<void(int)> &fn) {
  for (int id : ids) fn(id);
}
void each_quiet_user(const std::vector<int> &ids) {
  each_quiet(ids, [](int id) { grade(id); });
}

// Positives.

std::vector<Item> items(Repo &repo, const std::vector<int> &ids) {
  std::vector<Item> out;
  for (int id : ids) out.push_back(repo.find(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'Repo::find' runs a query ('sqlite3_prepare_v2') once for each element of 'ids' [memlint-query-in-loop]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the loop is here
  // CHECK-MESSAGES: :18:5: note: 'Repo::find' runs a query (via 'SqlRepo::find' -> 'Db::select' -> 'sqlite3_prepare_v2')
  return out;
}

int chain(const std::vector<int> &ids) {
  int n = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) n += load(ids[i]).id;
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: 'load' runs a query ('sqlite3_prepare_v2') once for each element of 'ids' [memlint-query-in-loop]
  // CHECK-MESSAGES: :18:5: note: 'load' runs a query (via 'fetch' -> 'fetch_row' -> 'Db::select' -> 'sqlite3_prepare_v2')
  return n;
}

// The SQL passed down two parameters is per item.
void per_item(const std::vector<int> &ids) {
  for (int id : ids) run_all("SELECT * FROM t WHERE id = ?"), (void)id;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'run_all' runs a query ('sqlite3_prepare_v2') once for each element of 'ids' [memlint-query-in-loop]
}

// Through an algorithm's lambda.
void touch_all(Repo &repo, const std::vector<int> &ids) {
  std::for_each(ids.begin(), ids.end(), [&](int id) { repo.find(id); });
  // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: 'Repo::find' runs a query{{.*}} [memlint-query-in-loop]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the lambda runs once per element of this call
}

void parities(const std::vector<Node> &nodes) {
  for (const Node &n : nodes) even(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'even' runs a query ('sqlite3_exec'){{.*}} [memlint-query-in-loop]
}

// Near misses.

// OK: the only override does not query.
int cached(Cache &cache, const std::vector<int> &ids) {
  int n = 0;
  for (int id : ids) n += cache.find(id).id;
  return n;
}

// OK: a helper chain that does not query; a recursion that does not.
int grades(const std::vector<int> &ids, const std::vector<Node> &trees) {
  int n = 0;
  for (int id : ids) n += grade(id);
  for (const Node &t : trees) n += depth(t);
  return n;
}

// OK: the SQL handed down is a batch, or transaction control.
void batches(const std::vector<std::vector<int>> &chunks) {
  for (const auto &chunk : chunks) {
    run_all("DELETE FROM t WHERE id IN (SELECT value FROM carray(?))");
    (void)chunk;
  }
  for (std::size_t i = 0; i < chunks.size(); ++i)
    run("COMMIT");
}

// OK: a list of statements, one per element, through helpers.
void migrate(const std::vector<std::string> &steps) {
  for (const std::string &step : steps) run_all(step);
}

// OK: a retry loop ends on the helper's result.
bool try_load(int id) { return load(id).id != 0; }
void retry(int id) {
  while (!try_load(id)) {
  }
}
