// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s -- -I %S/Inputs

#include "mutual-friends.h"

// Every member function of A and of its friend B is defined here: this file
// is a closed world for A::v_.
void A::add(int x) {
  v_.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'A::v_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
}
void B::drop(A &a) { (void)a; }
