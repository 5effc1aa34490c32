#include "caches.h"
void PriceCache::expire() { prices_.clear(); }
