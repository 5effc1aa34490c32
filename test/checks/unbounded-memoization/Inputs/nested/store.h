#pragma once
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>

struct Item {
  std::string key, value;
};
typedef std::shared_ptr<Item> ItemPtr;
typedef std::shared_ptr<const Item> ConstItemPtr;
struct ItemHash {
  std::size_t operator()(const ConstItemPtr &i) const {
    return std::hash<std::string>()(i->key);
  }
};
struct ItemEqual {
  bool operator()(const ConstItemPtr &a, const ConstItemPtr &b) const {
    return a->key == b->key;
  }
};
typedef std::unordered_set<ConstItemPtr, ItemHash, ItemEqual> ItemSet;

// A sharded key-value store. Shard is a private nested type: its public
// member is reachable only by ShardedStore's own code, all of it defined
// in store.cpp, so that file is a closed world for Shard::items.
class ShardedStore {
public:
  void set(const ItemPtr &item);
  bool append(const ItemPtr &item);
  void remove(const std::string &key);

private:
  struct Shard {
    ItemSet items;
    std::mutex mu;
  };
  Shard &shardOf(const std::string &key) {
    return shards_[std::hash<std::string>()(key) % 16];
  }
  Shard shards_[16];
};

// Near misses: a nested type anyone may name (public), or a subclass may
// (protected in a class that is not final): any file including this
// header may evict from their containers.
class PublicShards {
public:
  struct Shard {
    ItemSet items;
  };
  void set(const ItemPtr &item);

private:
  Shard shard_;
};

class ProtectedShards {
public:
  void set(const ItemPtr &item);

protected:
  struct Shard {
    ItemSet items;
  };
  Shard shard_;
};

// Private, but handed out by a public member function: a caller may keep
// the shard and erase from it.
class LentShards {
public:
  void set(const ItemPtr &item);

private:
  struct Shard {
    ItemSet items;
  };
  Shard shard_;

public:
  Shard &shard() { return shard_; }
};
