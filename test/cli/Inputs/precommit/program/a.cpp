#include "store.h"
Store g_store;
void Store::add(int x) { items_.push_back(x); }
