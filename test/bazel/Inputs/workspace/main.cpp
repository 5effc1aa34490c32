#include "store.h"
void fc(int x);
int main() {
  for (int i = 0; i < 10; ++i) {
    g_store.add(i);
    fc(i);
  }
  g_store.drain();
}
