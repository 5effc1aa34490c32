#include "common.h"
#include "timer.h"
void Timer::start() {
  on_fire_ = [self = shared_from_this()] { (void)self; };
}
