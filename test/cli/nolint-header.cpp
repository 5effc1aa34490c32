// RUN: %check_memlint --tidy-config="{HeaderFilterRegex: '.*'}" %s
//
// A suppression comment in a header works for findings in that header, in
// both front ends (clang-tidy shows header findings only with a header
// filter; memlint check shows them all by default).
#include "Inputs/nolint/store.h"

// CHECK-MESSAGES: store.h:5:21: warning: container 'Store::log_' grows here {{.*}} [memlint-unbounded-container-growth]
// CHECK-MESSAGES: store.h:9:20: note: 'Store::log_' declared here

static Store s;
void feed(int x) {
  s.add(x);
  s.log(x);
}
