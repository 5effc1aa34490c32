// RUN: %check_memlint --cli-arg=--header-filter=include/ --tidy-config="{HeaderFilterRegex: 'include/'}" %s
//
// --header-filter as clang-tidy's: findings in headers are reported only
// when the header's path matches; findings in the main file always; notes
// wherever they are. Both front ends must agree.
#include "Inputs/headers/include/inc.h"
#include "Inputs/headers/third_party/ext.h"

// CHECK-MESSAGES: inc.h:3:26: warning: container 'g_inc' grows here {{.*}} [memlint-unbounded-container-growth]
// CHECK-MESSAGES: inc.h:2:25: note: 'g_inc' declared here
// Not reported: third_party/ext.h:3:26 (g_ext), the filter does not match.

void use(int x) {
  inc(x);
  ext(x);
  g_decl.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'g_decl' grows here {{.*}} [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: inc.h:4:25: note: 'g_decl' declared here
  g_ext_decl.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'g_ext_decl' grows here {{.*}} [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: ext.h:4:25: note: 'g_ext_decl' declared here
}
