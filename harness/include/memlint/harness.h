/*===- memlint/harness.h - hooks a program may call under the tracker ----===*
 *
 * A program run by `memlint confirm` (under libmemlint-tracker.so) may call
 * memlint_harness_mark() at the end of its workload: the tracker snapshots
 * the live bytes of every allocation site at that moment, and `memlint
 * confirm` then measures what is *retained* after the workload instead of
 * the peak during it. Without the tracker the weak reference is null and
 * memlint_mark() does nothing, so a program can call it unconditionally.
 *
 *   #include "memlint/harness.h"
 *   ...
 *   run_workload(n);
 *   memlint_mark();
 *
 * Plain C, no dependencies; also valid C++.
 *===----------------------------------------------------------------------===*/
#ifndef MEMLINT_HARNESS_H
#define MEMLINT_HARNESS_H

#ifdef __cplusplus
extern "C" {
#endif

/* Defined by libmemlint-tracker.so; null when the tracker is not loaded. */
void memlint_harness_mark(void) __attribute__((weak));

static inline void memlint_mark(void) {
  if (memlint_harness_mark)
    memlint_harness_mark();
}

#ifdef __cplusplus
}
#endif

#endif
