#pragma once
// A library (included as a system header) whose template starts a task with
// an argument it was given: a copy in the library's own code, instantiated
// for the user's types.
#include <future>

namespace spawnlib {
template <class F, class Arg> auto spawn(F f, Arg &arg) {
  return std::async(f, arg);
}
} // namespace spawnlib
