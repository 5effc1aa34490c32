//===- ProcessTree.h - the processes below this one -----------------------===//
//
// What `memlint confirm` and the signal handler need to keep a process tree
// in check: its members, their memory, and a way to kill all of them that
// does not miss a process that called setsid() or double-forked. With
// becomeSubreaper(), every orphan below this process is reparented to it
// (PR_SET_CHILD_SUBREAPER), so "all descendants" is always reachable from
// here, sessions and process groups notwithstanding.
//
// The functions marked async-signal-safe use only system calls (open, read,
// getdents64, kill, waitpid) and fixed buffers: the interrupt handler calls
// them.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_SUPPORT_PROCESSTREE_H
#define MEMLINT_SUPPORT_PROCESSTREE_H

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace memlint {
namespace proc {

/// Orphans below this process become its children. False where the kernel
/// does not support it.
bool becomeSubreaper();

/// Calls \p Fn(pid, Cookie) for every direct child of \p Parent (from
/// /proc/<pid>/task/*/children, else a scan of /proc). Async-signal-safe.
/// Returns the number of children seen.
unsigned forEachChild(pid_t Parent, void (*Fn)(pid_t, void *), void *Cookie);

/// Every process below \p Root (not \p Root itself), parents first.
std::vector<pid_t> descendants(pid_t Root);

/// Resident memory of a process that is its own (anonymous pages: what
/// /proc/<pid>/statm calls resident minus shared), in bytes; 0 when it is
/// gone.
uint64_t anonymousRss(pid_t Pid);

/// SIGKILLs every process below this one and reaps them, over as many rounds
/// as it takes (a killed parent's children are reparented to a subreaper)
/// or until \p MaxRounds. Async-signal-safe. Returns how many were killed.
unsigned killAllDescendants(unsigned MaxRounds = 64);

/// Reaps every child that has exited, without waiting. Async-signal-safe.
void reapExited();

} // namespace proc
} // namespace memlint

#endif
