#include "repo.h"
Item fetch(int id) { return fetch_row(id); }
int rank(int id) { return score(id) + 1; }
void run_sql(const std::string &sql) { db().select(sql); }
