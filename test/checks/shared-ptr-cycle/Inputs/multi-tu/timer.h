#pragma once
#include <functional>
#include <memory>

// The callback that keeps the timer alive is stored in timer.cpp.
class Timer : public std::enable_shared_from_this<Timer> {
public:
  void start();

private:
  std::function<void()> on_fire_;
};
