// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' %s

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// Near misses: ownership graphs without a cycle of shared ownership.

// OK: the back edge is a weak_ptr.
struct Child;
struct Parent {
  std::vector<std::shared_ptr<Child>> children;
  void adopt(std::shared_ptr<Child> c) { children.push_back(std::move(c)); }
};
struct Child {
  std::weak_ptr<Parent> parent;
};

// OK: the back edge is a plain pointer or reference.
struct Leaf;
struct Branch {
  std::shared_ptr<Leaf> leaf;
};
struct Leaf {
  Branch *branch = nullptr;
  const Branch &root;
};

// OK: unique ownership forward, a plain pointer back.
struct Wheel;
struct Bike {
  std::unique_ptr<Wheel> front;
};
struct Wheel {
  Bike *bike = nullptr;
};

// OK: a DAG (a diamond) is not a cycle.
struct Config {
  std::string name;
};
struct Database {
  std::shared_ptr<Config> config;
};
struct Cache {
  std::shared_ptr<Config> config;
};
struct App {
  std::shared_ptr<Database> db;
  std::shared_ptr<Cache> cache;
};

// OK: unique ownership in both roles cannot keep itself alive through
// reference counts.
struct Chain {
  std::unique_ptr<Chain> next;
  std::unique_ptr<Chain> prev;
};

// OK: a template instantiated with a weak back edge.
template <class T> struct WeakRef {
  std::weak_ptr<T> target;
};
struct Editor;
struct Buffer {
  WeakRef<Editor> editor;
};
struct Editor {
  std::shared_ptr<Buffer> buffer;
};

// OK: two records pointing at the same third one, not at each other.
struct Logger {
  std::string path;
};
struct Frontend {
  std::shared_ptr<Logger> log;
};
struct Backend {
  std::shared_ptr<Logger> log;
  std::shared_ptr<Frontend> peer;
};
