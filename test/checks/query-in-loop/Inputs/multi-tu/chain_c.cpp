#include "repo.h"
Item fetch_row(int id) {
  db().select("SELECT * FROM rows WHERE id = ?");
  return {id};
}
int score(int id) { return id * 2; }
