// RUN: %check_memlint --cli-arg=--exclude-header-filter=third_party --tidy-config="{HeaderFilterRegex: '.*', ExcludeHeaderFilterRegex: 'third_party'}" %s
//
// --exclude-header-filter as clang-tidy 19's: headers matching it are left
// out (memlint's header filter defaults to every header). A note in an
// excluded header stays with its finding.
#include "Inputs/headers/include/inc.h"
#include "Inputs/headers/third_party/ext.h"

// CHECK-MESSAGES: inc.h:3:26: warning: container 'g_inc' grows here {{.*}} [memlint-unbounded-container-growth]
// CHECK-MESSAGES: inc.h:2:25: note: 'g_inc' declared here

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
