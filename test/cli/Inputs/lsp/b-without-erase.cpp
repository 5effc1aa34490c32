#include "store.h"
void Store::drain() {
  if (!items_.empty())
    (void)items_.front();
}
