#include <vector>
class Store {
public:
  void add(int x);
  void drain();
private:
  std::vector<int> items_;
};
extern Store g_store;
