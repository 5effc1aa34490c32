// RUN: %check_memlint %s
//
// Suppression comments: both front ends (memlint check and clang-tidy with
// the plugin) must agree on every case; check_memlint fails on any
// difference, and on any warning not expected below. In the comments of
// this file the directives are spelled "no-lint" so that only the code
// lines carry real ones.

#include <vector>

static std::vector<int> a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s;

// Same line: all checks, the check by name, a glob, a list with blanks.
void all(int x) { a.push_back(x); } // NOLINT
void named(int x) { b.push_back(x); } // NOLINT(memlint-unbounded-container-growth)
void glob(int x) { c.push_back(x); } // NOLINT(memlint-*)
void list(int x) { d.push_back(x); } // NOLINT( bugprone-*, memlint-unbounded-* )

// Same line, but not for this check: reported.
void other(int x) { e.push_back(x); } // NOLINT(bugprone-*)
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'e' grows here {{.*}} [memlint-unbounded-container-growth]
// CHECK-MESSAGES: :11:37: note: 'e' declared here
void empty(int x) { f.push_back(x); } // NOLINT()
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'f' grows here {{.*}} [memlint-unbounded-container-growth]
// CHECK-MESSAGES: :11:40: note: 'f' declared here
// Negative globs are ignored, so this one suppresses nothing.
void negative(int x) { g.push_back(x); } // NOLINT(-memlint-*)
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: container 'g' grows here {{.*}} [memlint-unbounded-container-growth]
// CHECK-MESSAGES: :11:43: note: 'g' declared here
// Check names carry the memlint- prefix, as in clang-tidy.
void bare(int x) { h.push_back(x); } // NOLINT(unbounded-container-growth)
// CHECK-MESSAGES: :[[@LINE-1]]:20: warning: container 'h' grows here {{.*}} [memlint-unbounded-container-growth]
// CHECK-MESSAGES: :11:46: note: 'h' declared here
// Case matters.
void lower(int x) { i.push_back(x); } // nolint
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'i' grows here {{.*}} [memlint-unbounded-container-growth]
// CHECK-MESSAGES: :11:49: note: 'i' declared here

// The next line, and only the next line.
// NOLINTNEXTLINE(memlint-unbounded-container-growth)
void next(int x) { j.push_back(x); }
// NOLINTNEXTLINE(memlint-unbounded-container-growth)

void afterBlank(int x) { k.push_back(x); }
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: container 'k' grows here {{.*}} [memlint-unbounded-container-growth]
// CHECK-MESSAGES: :11:55: note: 'k' declared here
// A same-line directive on the line before does not reach this one.
void prevLine(int x) { // NOLINT
  l.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'l' grows here {{.*}} [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :11:58: note: 'l' declared here
}

// Blocks, nested; the end must name what the begin named.
// NOLINTBEGIN(memlint-unbounded-container-growth)
void block1(int x) { m.push_back(x); }
// NOLINTBEGIN
void block2(int x) { n.push_back(x); }
// NOLINTEND
void block3(int x) { o.push_back(x); }
// NOLINTEND(memlint-unbounded-container-growth)
void afterBlock(int x) { p.push_back(x); }
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: container 'p' grows here {{.*}} [memlint-unbounded-container-growth]
// CHECK-MESSAGES: :11:70: note: 'p' declared here

// A block for other checks only.
// NOLINTBEGIN(bugprone-*)
void otherBlock(int x) { q.push_back(x); }
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: container 'q' grows here {{.*}} [memlint-unbounded-container-growth]
// CHECK-MESSAGES: :11:73: note: 'q' declared here
// NOLINTEND(bugprone-*)

// Only the finding's own line decides whether it is reported; a directive
// at one of its notes drops that note and the notes after it (clang-tidy
// passes notes through the same test).
void twice(int x) {
  r.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'r' grows here {{.*}} [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :11:76: note: 'r' declared here
  r.push_back(x + 1); // NOLINT
  r.push_back(x + 2);
}
