#include "repo.h"
void load_tree(const Node &n) {
  db().exec("SELECT * FROM nodes WHERE id = 1");
  for (const Node &k : n.kids) load_tree(k);
}
int depth(const Node &n) {
  int d = 0;
  for (const Node &k : n.kids) {
    int kd = depth(k) + 1;
    if (kd > d) d = kd;
  }
  return d;
}
