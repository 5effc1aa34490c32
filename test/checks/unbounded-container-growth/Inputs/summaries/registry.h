#pragma once
#include <deque>
#include <map>
#include <string>
#include <vector>

// Accessors that hand out containers by reference, declared here and
// defined in registry.cpp: any file may change them.
std::map<std::string, int> &hits();
std::map<std::string, int> &sessions();

// A virtual hook that gets the container; its overrides live elsewhere.
class Policy {
public:
  virtual ~Policy() = default;
  virtual void admit(std::deque<int> &q) = 0;
};
Policy *make_policy();

class Cache {
public:
  void put(int x);
  void seen(int x);

private:
  std::deque<int> recent_;
  std::deque<int> log_;
};

// A helper chain across files.
void keep(std::deque<int> &q);
