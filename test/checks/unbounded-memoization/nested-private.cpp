// RUN: %check_memlint --real-headers '--checks=-*,memlint-unbounded-memoization,memlint-unbounded-container-growth' %s -- -std=c++11 -I %S/Inputs/nested

// Before C++17 a lookup's iterator converted to a const_iterator is copied
// once more (an elidable copy): the erase through it still erases the key
// that was looked up.
#include "store.h"

ItemPtr make(const std::string &key, const std::string &value);

// Every replacement re-adds the key it erased: the whole key set only
// grows; remove() drops only the key its caller names (invalidation).
void ShardedStore::set(const ItemPtr &item) {
  Shard &shard = shardOf(item->key);
  std::lock_guard<std::mutex> lock(shard.mu);
  ItemSet &items = shard.items;
  ItemSet::const_iterator it = items.find(item);
  if (it != items.end())
    items.erase(it);
  items.insert(item);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memo cache 'ShardedStore::Shard::items' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
  // CHECK-MESSAGES: store.h:36:13: note: 'ShardedStore::Shard::items' declared here
  // CHECK-MESSAGES: :[[@LINE-6]]:32: note: 'ShardedStore::Shard::items' is looked up here
  // CHECK-MESSAGES: :[[@LINE+13]]:3: note: 'ShardedStore::Shard::items' is also filled here
  // CHECK-MESSAGES: :[[@LINE+20]]:3: note: 'ShardedStore::remove' drops only the entry its caller names: invalidation, not eviction
}

// The entry replaced by a new version made from the one found: no bound.
bool ShardedStore::append(const ItemPtr &item) {
  Shard &shard = shardOf(item->key);
  std::lock_guard<std::mutex> lock(shard.mu);
  ItemSet::const_iterator it = shard.items.find(item);
  if (it == shard.items.end())
    return false;
  ItemPtr updated = make(item->key, (*it)->value + item->value);
  shard.items.erase(it);
  shard.items.insert(updated);
  return true;
}

void ShardedStore::remove(const std::string &key) {
  Shard &shard = shardOf(key);
  std::lock_guard<std::mutex> lock(shard.mu);
  ItemPtr probe = make(key, "");
  shard.items.erase(probe);
}

void PublicShards::set(const ItemPtr &item) { // OK: open world
  ItemSet::const_iterator it = shard_.items.find(item);
  if (it != shard_.items.end())
    shard_.items.erase(it);
  shard_.items.insert(item);
}

void ProtectedShards::set(const ItemPtr &item) { // OK: open world
  ItemSet::const_iterator it = shard_.items.find(item);
  if (it != shard_.items.end())
    shard_.items.erase(it);
  shard_.items.insert(item);
}

void LentShards::set(const ItemPtr &item) { // OK: open world
  ItemSet::const_iterator it = shard_.items.find(item);
  if (it != shard_.items.end())
    shard_.items.erase(it);
  shard_.items.insert(item);
}

// OK: the entry found gives way to one made from another key (a rotation):
// the erase is a bound.
class Rotation {
public:
  void put(const ItemPtr &item, const std::string &other) {
    ItemSet::const_iterator it = items_.find(item);
    if (it == items_.end()) {
      items_.insert(item);
      return;
    }
    ItemPtr fresh = make(other, "");
    items_.erase(it);
    items_.insert(fresh);
  }

private:
  ItemSet items_;
};

ItemPtr next_item();
bool keep_running();

int main() {
  ShardedStore store;
  PublicShards open;
  ProtectedShards prot;
  Rotation rotation;
  LentShards lent;
  while (keep_running()) {
    ItemPtr item = next_item();
    store.set(item);
    store.append(item);
    open.set(item);
    prot.set(item);
    rotation.put(item, item->value);
    lent.set(item);
    if (item->value.empty())
      store.remove(item->key);
  }
}
