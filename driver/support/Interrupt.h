//===- Interrupt.h - leave nothing behind on SIGINT, SIGTERM or SIGHUP ----===//
//
// memlint starts processes (one per translation unit; the program under
// test at each scale) and creates temporary files and directories. When it
// is interrupted, at any point, it must leave none of them behind, and exit
// 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP).
//
// Everything to clean up is registered here while it exists; the handler
// (async-signal-safe: system calls and fixed buffers only) kills every
// process below memlint (proc::killAllDescendants, after writing
// cgroup.kill of any registered cgroup), reaps them, removes the registered
// paths (directories recursively, never following a symlink), removes the
// registered cgroups, and exits. Registration happens with the signals
// blocked (SignalBlock), so nothing exists unregistered when the handler
// runs.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_SUPPORT_INTERRUPT_H
#define MEMLINT_SUPPORT_INTERRUPT_H

#include <csignal>
#include <string>

namespace memlint {
namespace interrupt {

/// Installs the handler for SIGINT, SIGTERM and SIGHUP, and makes a broken
/// pipe on standard output a write error (exit 2, after the same cleanup).
/// Once; later calls do nothing. Call it after llvm::InitLLVM and before
/// creating anything registered below.
void install();

/// Blocks SIGINT, SIGTERM and SIGHUP while in scope: create-and-register
/// (or fork-and-register) happens inside one.
class SignalBlock {
public:
  SignalBlock();
  ~SignalBlock();
  SignalBlock(const SignalBlock &) = delete;
  SignalBlock &operator=(const SignalBlock &) = delete;

private:
  sigset_t Old;
};

/// A registered path or cgroup; 0 when the table was full (the path is then
/// not removed on a signal: there are 256 slots).
using Token = int;

/// Registers a temporary file, or a directory that is removed with
/// everything in it.
Token addPath(const std::string &Path, bool Directory);
/// A cgroup directory: on a signal, "1" is written to its cgroup.kill and
/// the directory is removed.
Token addCgroup(const std::string &Path);
/// Forgets a registration (the caller removed it, or keeps it).
void remove(Token T);

/// Does what the handler does, then _exit(Code). Async-signal-safe.
[[noreturn]] void cleanupAndExit(int Code);

/// In a child right after fork(): default actions for the three signals
/// (unblocked), and the registry belongs to the parent only.
void inChild();

} // namespace interrupt
} // namespace memlint

#endif
