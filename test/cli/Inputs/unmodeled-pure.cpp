#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include <lib.h> // a library the packs do not know (a system header)

int pure_calls(std::string_view text, const std::array<int, 4> &a) {
  int n = 0;
  for (int i = 0; i < 10; ++i) {
    n += int(text.size() + a.size()) + int(text.empty()); // accessors
    lib_notify(std::to_string(i));                          // a conversion
    n = std::max(n, i);                                     // arithmetic
  }
  return n;
}
