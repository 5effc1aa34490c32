#include "repo.h"
int items(Repo &repo, Cache &cache, const std::vector<int> &ids) {
  int n = 0;
  for (int id : ids) n += repo.find(id).id;
  for (int id : ids) n += cache.find(id).id;
  for (int id : ids) n += load(id).id;
  for (int id : ids) n += grade(id);
  return n;
}
void sql(const std::vector<int> &ids, const std::vector<std::string> &steps) {
  for (int id : ids) run_sql("SELECT * FROM t WHERE id = ?"), (void)id;
  for (int id : ids) run_sql("DELETE FROM t WHERE id IN (SELECT value FROM carray(?))"), (void)id;
  for (std::size_t i = 0; i < ids.size(); ++i) db().exec("COMMIT");
  for (const std::string &s : steps) run_sql(s);
}
