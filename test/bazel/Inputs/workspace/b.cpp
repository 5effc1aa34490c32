#include "store.h"
void Store::drain() {
  if (!items_.empty())
    items_.erase(items_.begin());
}
