//===- Interrupt.cpp ------------------------------------------------------===//
#include "Interrupt.h"

#include "ProcessTree.h"
#include "SafeIO.h"

#include "llvm/Support/Signals.h"

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

namespace memlint {
namespace interrupt {
namespace {

constexpr int Slots = 256;
enum SlotState { Free = 0, Writing = 1, Live = 2 };
enum SlotKind { File = 0, Directory = 1, Cgroup = 2 };

struct Slot {
  std::atomic<int> State{Free};
  int Kind = File;
  char Path[PATH_MAX];
};

Slot Table[Slots];
std::atomic<pid_t> Owner{0};
std::atomic<bool> Installed{false};

const int Signals[] = {SIGINT, SIGTERM, SIGHUP};

void writeAll(int FD, const char *S, size_t N) {
  while (N) {
    ssize_t K = write(FD, S, N);
    if (K < 0 && errno == EINTR)
      continue;
    if (K <= 0)
      return;
    S += K;
    N -= size_t(K);
  }
}

void killCgroup(const char *Dir) {
  char P[PATH_MAX + 16];
  size_t N = strlen(Dir);
  if (N + 13 >= sizeof P)
    return;
  memcpy(P, Dir, N);
  memcpy(P + N, "/cgroup.kill", 13);
  int FD = open(P, O_WRONLY | O_CLOEXEC);
  if (FD >= 0) {
    writeAll(FD, "1", 1);
    close(FD);
  }
}

void handler(int Sig) {
  if (getpid() != Owner.load()) {
    // A child that has not reset its handlers yet: just die of it.
    signal(Sig, SIG_DFL);
    raise(Sig);
    return;
  }
  static const char Msg[] = "memlint: interrupted; stopping every process it "
                            "started and removing its temporary files\n";
  writeAll(2, Msg, sizeof Msg - 1);
  cleanupAndExit(128 + Sig);
}

/// SIGPIPE on standard output (`memlint check | head -1`): the report could
/// not be written. Called from LLVM's signal handler.
void brokenPipe() {
  static const char Msg[] = "memlint: error: cannot write the output: Broken pipe\n";
  writeAll(2, Msg, sizeof Msg - 1);
  cleanupAndExit(ExitWriteError);
}

} // namespace

void cleanupAndExit(int Code) {
  if (Owner.load() && getpid() != Owner.load())
    _exit(Code); // a child: the registry is its parent's
  for (Slot &S : Table)
    if (S.State.load() == Live && S.Kind == Cgroup)
      killCgroup(S.Path);
  proc::killAllDescendants();
  for (Slot &S : Table) {
    if (S.State.load() != Live)
      continue;
    if (S.Kind == Cgroup) {
      // Empty once its (reaped) processes are gone; the kernel may lag.
      for (int I = 0; I < 200 && rmdir(S.Path) != 0 && errno == EBUSY; ++I) {
        struct timespec T = {0, 5000000};
        nanosleep(&T, nullptr);
      }
    }
    else if (S.Kind == Directory)
      removeTree(S.Path);
    else
      unlink(S.Path);
  }
  _exit(Code);
}

void install() {
  if (Installed.exchange(true))
    return;
  Owner = getpid();
  struct sigaction SA;
  memset(&SA, 0, sizeof SA);
  SA.sa_handler = handler;
  sigemptyset(&SA.sa_mask);
  for (int S : Signals)
    sigaddset(&SA.sa_mask, S); // one handler at a time
  llvm::sys::SetOneShotPipeSignalFunction(brokenPipe);
  for (int S : Signals) {
    // An ignored SIGHUP (nohup) stays ignored.
    struct sigaction Old;
    if (sigaction(S, nullptr, &Old) == 0 && Old.sa_handler == SIG_IGN)
      continue;
    sigaction(S, &SA, nullptr);
  }
}

SignalBlock::SignalBlock() {
  sigset_t Set;
  sigemptyset(&Set);
  for (int S : Signals)
    sigaddset(&Set, S);
  pthread_sigmask(SIG_BLOCK, &Set, &Old);
}

SignalBlock::~SignalBlock() { pthread_sigmask(SIG_SETMASK, &Old, nullptr); }

static Token add(const std::string &Path, int Kind) {
  if (Path.size() >= PATH_MAX)
    return 0;
  for (int I = 0; I < Slots; ++I) {
    int Expected = Free;
    if (Table[I].State.compare_exchange_strong(Expected, Writing)) {
      Table[I].Kind = Kind;
      memcpy(Table[I].Path, Path.c_str(), Path.size() + 1);
      Table[I].State.store(Live);
      return I + 1;
    }
  }
  return 0;
}

Token addPath(const std::string &Path, bool Dir) {
  return add(Path, Dir ? Directory : File);
}

Token addCgroup(const std::string &Path) { return add(Path, Cgroup); }

void remove(Token T) {
  if (T > 0 && T <= Slots)
    Table[T - 1].State.store(Free);
}

void inChild() {
  for (int S : Signals) {
    struct sigaction Old;
    if (sigaction(S, nullptr, &Old) == 0 && Old.sa_handler == SIG_IGN)
      continue;
    signal(S, SIG_DFL);
  }
  sigset_t Set;
  sigemptyset(&Set);
  for (int S : Signals)
    sigaddset(&Set, S);
  pthread_sigmask(SIG_UNBLOCK, &Set, nullptr);
}

} // namespace interrupt
} // namespace memlint
