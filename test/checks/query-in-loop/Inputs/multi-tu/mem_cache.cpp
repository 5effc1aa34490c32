#include "repo.h"
Item MemCache::find(int id) { return items_.at(static_cast<std::size_t>(id)); }
