#include "repo.h"
Item SqlRepo::find(int id) {
  db().select("SELECT * FROM items WHERE id = ?");
  return {id};
}
