#include <iostream>
#include <string>

#include "store.h"
void fc(int x);
void append(const std::string &s);
void reset_line();
int main() {
  for (int i = 0; i < 10; ++i) {
    g_store.add(i);
    fc(i);
  }
  g_store.drain();
  // The request loop: it runs until the input ends.
  for (std::string line; std::getline(std::cin, line);)
    append(line);
  reset_line();
}
