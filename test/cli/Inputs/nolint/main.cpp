#include "store.h"
static Store s;
void feed(int x) {
  s.add(x);
  s.log(x);
}
