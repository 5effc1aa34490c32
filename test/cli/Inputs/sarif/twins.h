#include <vector>
class A {
public:
  void add(int x) { items_.push_back(x); }
private:
  std::vector<int> items_;
};
class B {
public:
  void add(int x) { items_.push_back(x); }
private:
  std::vector<int> items_;
};
static A a;
static B b;
inline void feed(int x) { a.add(x); b.add(x); }
