#pragma once
#include <vector>

// Two classes that befriend each other: who can reach A::v_ is A's and B's
// member functions (collected once each).
class B;
class A {
  friend class B;
  std::vector<int> v_;

public:
  void add(int x);
};
class B {
  friend class A;

public:
  void drop(A &a);
};
