#include "registry.h"
void Cache::put(int x) {
  recent_.push_back(x);
  make_policy()->admit(recent_);
}
void Cache::seen(int x) {
  log_.push_back(x);
  keep(log_);
}
Cache g_cache;
