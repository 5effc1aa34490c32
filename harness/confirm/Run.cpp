//===- Run.cpp - run a command under the tracker, read and symbolize ------===//
#include "Confirm.h"

#include "Interrupt.h"
#include "ProcessTree.h"
#include "SafeIO.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <poll.h>
#include <set>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace memlint {
namespace harness {

const std::vector<std::string> &trackerQueryFunctions() {
  static const std::vector<std::string> Names = {
#define MEMLINT_QUERY_FN(name) name,
#include "query_functions.inc"
#undef MEMLINT_QUERY_FN
  };
  return Names;
}

std::string normalizePath(const std::string &Path, const std::string &Base) {
  static std::map<std::string, std::string> Cache;
  std::string Key = Base + '\0' + Path;
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P)) {
    llvm::SmallString<256> B(Base);
    if (B.empty())
      llvm::sys::fs::current_path(B);
    llvm::sys::path::append(B, P);
    P = B;
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  llvm::SmallString<256> Real;
  std::string Out = llvm::sys::fs::real_path(P, Real) ? std::string(P.str())
                                                      : std::string(Real.str());
  Cache[Key] = Out;
  return Out;
}

std::string defaultTracker(const std::string &Exe) {
  if (const char *E = std::getenv("MEMLINT_TRACKER"))
    return E;
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(llvm::sys::path::parent_path(Exe)));
  for (const char *Lib : {"lib", MEMLINT_INSTALL_LIBDIR}) {
    llvm::SmallString<256> P(Dir);
    llvm::sys::path::append(P, Lib, "libmemlint-tracker.so");
    if (llvm::sys::fs::exists(P))
      return std::string(P.str());
  }
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, "lib", "libmemlint-tracker.so");
  return std::string(P.str());
}

std::string defaultSymbolizer() {
  llvm::SmallString<256> P(MEMLINT_LLVM_TOOLS_DIR);
  llvm::sys::path::append(P, "llvm-symbolizer");
  if (llvm::sys::fs::can_execute(P))
    return std::string(P.str());
  for (const char *Name : {"llvm-symbolizer-19", "llvm-symbolizer"})
    if (auto Found = llvm::sys::findProgramByName(Name))
      return *Found;
  return "llvm-symbolizer";
}

bool isUnder(const std::string &Path, const std::string &Root) {
  llvm::StringRef P(Path), R(Root);
  while (R.size() > 1 && R.ends_with("/"))
    R = R.drop_back();
  if (R == "/")
    return P.starts_with("/");
  return P.starts_with(R) && (P.size() == R.size() || P[R.size()] == '/');
}

//===-- Tracker files -----------------------------------------------------===//

static bool num(llvm::StringRef S, uint64_t &V) {
  return !S.getAsInteger(0, V); // decimal, or 0x hex
}
static bool snum(llvm::StringRef S, int64_t &V) { return !S.getAsInteger(0, V); }

bool parseTrackerFile(const std::string &Text, TrackerProcess &P,
                      std::string &Error) {
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(Text).split(Lines, '\n', -1, false);
  if (Lines.empty() || !Lines[0].starts_with("memlint-tracker 1")) {
    Error = "not a memlint tracker file (version 1)";
    return false;
  }
  bool Ended = false;
  for (size_t I = 1; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I];
    auto [Key, Rest] = L.split(' ');
    uint64_t U = 0;
    int64_t S = 0;
    if (Key == "end") {
      Ended = true;
      break;
    }
    if (Key == "pid" && num(Rest, U)) {
      P.Pid = static_cast<long>(U);
    } else if (Key == "ppid" && num(Rest, U)) {
      P.ParentPid = static_cast<long>(U);
    } else if (Key == "event") {
      P.Event = Rest.str();
    } else if (Key == "marks" && num(Rest, U)) {
      P.Marks = static_cast<unsigned>(U);
    } else if (Key == "exe") {
      P.Exe = Rest.str();
    } else if (Key == "cmdline") {
      P.CommandLine = Rest.str();
    } else if (Key == "allocs" && num(Rest, U)) {
      P.Allocs = U;
    } else if (Key == "walks_fp" && num(Rest, U)) {
      P.WalksFP = U;
    } else if (Key == "walks_libunwind" && num(Rest, U)) {
      P.WalksLibunwind = U;
    } else if (Key == "total_live" && snum(Rest, S)) {
      P.TotalLive = S;
    } else if (Key == "peak_rss" && num(Rest, U)) {
      P.PeakRss = U;
    } else if (Key == "query") {
      auto [Name, Count] = Rest.split(' ');
      if (num(Count, U))
        P.Queries[Name.str()] = U;
    } else if (Key == "probes") {
      auto [Set, Count] = Rest.split(' ');
      if (num(Set, U))
        P.ProbesSet = U == 1;
    } else if (Key == "probe") {
      auto [Addr, Hit] = Rest.split(' ');
      uint64_t A;
      if (num(Addr, A) && num(Hit, U))
        P.ProbeHits[A] = U != 0;
    } else if (Key == "module") {
      llvm::SmallVector<llvm::StringRef, 4> F;
      Rest.split(F, ' ', 3);
      TrackerModule M;
      if (F.size() != 4 || !num(F[0], M.Bias) || !num(F[1], M.Lo) ||
          !num(F[2], M.Hi)) {
        Error = "line " + std::to_string(I + 1) + ": bad module line";
        return false;
      }
      M.Path = F[3].str();
      P.Modules.push_back(std::move(M));
    } else if (Key == "site") {
      llvm::SmallVector<llvm::StringRef, 48> F;
      Rest.split(F, ' ', -1, false);
      TrackerSite Site;
      uint64_t Id, Depth;
      // site id allocs live peak live_objs mark_live mark_objs queries depth frames...
      if (F.size() < 9 || !num(F[0], Id) || !num(F[1], Site.Allocs) ||
          !snum(F[2], Site.Live) || !snum(F[3], Site.Peak) ||
          !snum(F[4], Site.LiveObjects) || !snum(F[5], Site.MarkLive) ||
          !snum(F[6], Site.MarkObjects) || !num(F[7], Site.Queries) ||
          !num(F[8], Depth) || F.size() != 9 + Depth) {
        Error = "line " + std::to_string(I + 1) + ": bad site line";
        return false;
      }
      for (size_t K = 0; K < Depth; ++K) {
        uint64_t A;
        if (!num(F[9 + K], A)) {
          Error = "line " + std::to_string(I + 1) + ": bad frame";
          return false;
        }
        Site.Frames.push_back(A);
      }
      P.Sites.push_back(std::move(Site));
    }
    // Unknown keys are ignored: newer trackers may add lines.
  }
  if (!Ended) {
    Error = "truncated tracker file (no 'end' line)";
    return false;
  }
  return true;
}

static std::string tail(const std::string &Path, size_t Max) {
  std::string Error;
  auto Buf = readRegularFile(Path, 64 << 20, Error);
  if (!Buf)
    return "";
  llvm::StringRef T = Buf->getBuffer();
  if (T.size() > Max)
    T = T.take_back(Max);
  return T.trim().str();
}

/// A fresh file of ours at \p Path: whatever is there (a symlink planted in a
/// --keep directory) is removed first, and the new one is created
/// exclusively.
static std::error_code freshFile(const std::string &Path, int &FD) {
  if (unlink(Path.c_str()) != 0 && errno != ENOENT)
    return std::error_code(errno, std::generic_category());
  return llvm::sys::fs::openFileForWrite(Path, FD, llvm::sys::fs::CD_CreateNew);
}

//===-- Running -----------------------------------------------------------===//

static std::string replaceAll(std::string S, const std::string &From,
                              const std::string &To) {
  for (size_t At = S.find(From); At != std::string::npos;
       At = S.find(From, At + To.size()))
    S.replace(At, From.size(), To);
  return S;
}

static bool readSmallFile(const std::string &Path, std::string &Out) {
  std::string Error;
  auto Buf = readRegularFile(Path, 1 << 20, Error);
  if (!Buf)
    return false;
  Out = Buf->getBuffer().str();
  return true;
}

static bool writeSmallFile(const std::string &Path, llvm::StringRef Text) {
  int FD = open(Path.c_str(), O_WRONLY | O_CLOEXEC);
  if (FD < 0)
    return false;
  bool Ok = write(FD, Text.data(), Text.size()) == ssize_t(Text.size());
  close(FD);
  return Ok;
}

Containment probeContainment() {
  Containment C;
  if (const char *No = std::getenv("MEMLINT_CONFIRM_NO_CGROUP"); No && *No && strcmp(No, "0"))
    return C;
  // The cgroup v2 mount and this process's cgroup in it ("0::/path").
  std::string MountInfo, Self;
  if (!readSmallFile("/proc/self/mountinfo", MountInfo) ||
      !readSmallFile("/proc/self/cgroup", Self))
    return C;
  std::string Mount;
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  llvm::StringRef(MountInfo).split(Lines, '\n', -1, false);
  for (llvm::StringRef L : Lines) {
    // "id parent maj:min root mountpoint options ... - fstype source opts"
    auto [Left, Right] = L.split(" - ");
    if (!Right.starts_with("cgroup2 "))
      continue;
    llvm::SmallVector<llvm::StringRef, 8> F;
    Left.split(F, ' ', -1, false);
    if (F.size() >= 5 && F[3] == "/") {
      Mount = F[4].str();
      break;
    }
  }
  std::string Path;
  Lines.clear();
  llvm::StringRef(Self).split(Lines, '\n', -1, false);
  for (llvm::StringRef L : Lines)
    if (L.consume_front("0::"))
      Path = L.str();
  if (Mount.empty() || Path.empty())
    return C;
  std::string Dir = Mount + (Path == "/" ? "" : Path);
  // Can we make one? (Root, or a delegated subtree.)
  std::string Probe = Dir + "/memlint-probe-" + std::to_string(getpid());
  if (mkdir(Probe.c_str(), 0755) != 0)
    return C;
  bool Usable = llvm::sys::fs::exists(Probe + "/cgroup.kill") &&
                llvm::sys::fs::exists(Probe + "/cgroup.procs");
  std::string Controllers;
  readSmallFile(Probe + "/cgroup.controllers", Controllers);
  rmdir(Probe.c_str());
  if (!Usable)
    return C;
  C.CgroupParent = Dir;
  // memory.max needs the memory controller enabled for the children; only
  // the root cgroup may enable it while it holds processes.
  llvm::SmallVector<llvm::StringRef, 8> Names;
  llvm::StringRef(Controllers).split(Names, ' ', -1, false);
  for (llvm::StringRef N : Names)
    C.CgroupMemory |= N.trim() == "memory";
  if (!C.CgroupMemory && Path == "/") {
    std::string Available;
    readSmallFile(Dir + "/cgroup.controllers", Available);
    if (llvm::StringRef(Available).contains("memory") &&
        writeSmallFile(Dir + "/cgroup.subtree_control", "+memory"))
      C.CgroupMemory = true;
  }
  return C;
}

std::string Containment::describe(uint64_t MemoryLimitMB) const {
  std::string S = "each run in a session";
  S += CgroupParent.empty() ? " of its own, followed through /proc"
                            : " and a cgroup v2 of its own (" + CgroupParent + ")";
  S += "; --timeout and the end of a run kill every process in it";
  if (MemoryLimitMB) {
    S += "; --memory-limit " + std::to_string(MemoryLimitMB) + " MB over all of its processes: ";
    S += CgroupMemory ? "cgroup memory.max"
                      : "their summed anonymous RSS, polled every 20 ms (no cgroup v2 "
                        "memory controller here), and RLIMIT_DATA per process";
  }
  return S;
}

static const char RunDirMarker[] = ".memlint-confirm";

bool prepareRunDirs(const std::string &WorkDir, const std::vector<uint64_t> &Scales,
                    std::string &Error) {
  for (uint64_t N : Scales) {
    std::string Dir = WorkDir + "/n" + std::to_string(N);
    struct stat St;
    if (lstat(Dir.c_str(), &St) == 0) {
      std::string Marker = Dir + "/" + RunDirMarker;
      struct stat MSt;
      if (!S_ISDIR(St.st_mode)) {
        Error = "refusing to use '" + Dir + "': it is " +
                (S_ISLNK(St.st_mode) ? "a symbolic link" : "not a directory") +
                ", not a run directory memlint made";
        return false;
      }
      if (lstat(Marker.c_str(), &MSt) != 0 || !S_ISREG(MSt.st_mode)) {
        Error = "refusing to reuse '" + Dir + "': memlint did not make it (it has no " +
                RunDirMarker + " marker); remove it or choose another --keep directory";
        return false;
      }
      if (!removeTree(Dir.c_str())) {
        Error = "cannot empty '" + Dir + "': " + strerror(errno);
        return false;
      }
    } else if (errno != ENOENT) {
      Error = "cannot use '" + Dir + "': " + strerror(errno);
      return false;
    }
    if (mkdir(Dir.c_str(), 0755) != 0) {
      Error = "cannot create '" + Dir + "': " + strerror(errno);
      return false;
    }
    int FD = open((Dir + "/" + RunDirMarker).c_str(),
                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (FD < 0) {
      Error = "cannot create '" + Dir + "/" + RunDirMarker + "': " + strerror(errno);
      return false;
    }
    static const char Text[] = "made by memlint confirm; it may empty this directory\n";
    (void)!write(FD, Text, sizeof Text - 1);
    close(FD);
  }
  return true;
}

namespace {

/// The last Cap bytes of a stream, and how many there were.
struct Tail {
  uint64_t Cap;
  uint64_t Total = 0;
  std::string Data; // at most 2 * Cap before trimming
  explicit Tail(uint64_t Cap) : Cap(Cap) {}
  void add(const char *P, size_t N) {
    Total += N;
    Data.append(P, N);
    if (Data.size() > 2 * Cap)
      Data.erase(0, Data.size() - Cap);
  }
  llvm::StringRef kept() const {
    llvm::StringRef D(Data);
    return D.size() > Cap ? D.take_back(Cap) : D;
  }
  bool capped() const { return Total > Cap; }
};

/// A run's cgroup: created before the fork, killed and removed after.
class RunCgroup {
public:
  bool create(const Containment &C, uint64_t N, uint64_t LimitBytes, std::string &Error) {
    if (C.CgroupParent.empty())
      return true;
    Path = C.CgroupParent + "/memlint-confirm-" + std::to_string(getpid()) + "-n" +
           std::to_string(N);
    {
      interrupt::SignalBlock Block;
      if (mkdir(Path.c_str(), 0755) != 0) {
        Error = "cannot create the cgroup " + Path + ": " + strerror(errno);
        Path.clear();
        return false;
      }
      Token = interrupt::addCgroup(Path);
    }
    if (C.CgroupMemory && LimitBytes) {
      Memory = writeSmallFile(Path + "/memory.max", std::to_string(LimitBytes)) &&
               writeSmallFile(Path + "/memory.oom.group", "1");
      writeSmallFile(Path + "/memory.swap.max", "0");
    }
    ProcsFD = open((Path + "/cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC);
    if (ProcsFD < 0) {
      Error = "cannot open " + Path + "/cgroup.procs: " + strerror(errno);
      return false;
    }
    return true;
  }
  /// In the child, before exec: join the cgroup.
  bool join() const {
    if (ProcsFD < 0)
      return true;
    char Buf[24];
    int Len = snprintf(Buf, sizeof Buf, "%d", int(getpid()));
    return write(ProcsFD, Buf, size_t(Len)) == Len;
  }
  void kill() const {
    if (!Path.empty())
      writeSmallFile(Path + "/cgroup.kill", "1");
  }
  bool oomKilled() const {
    if (Path.empty() || !Memory)
      return false;
    std::string Events;
    readSmallFile(Path + "/memory.events", Events);
    size_t At = Events.find("oom_kill ");
    uint64_t K = 0;
    return At != std::string::npos &&
           !llvm::StringRef(Events).substr(At + 9).take_while(llvm::isDigit).getAsInteger(10, K) &&
           K > 0;
  }
  ~RunCgroup() {
    if (ProcsFD >= 0)
      close(ProcsFD);
    if (Path.empty())
      return;
    // Emptied by the caller; the kernel may take a moment to notice.
    for (int I = 0; I < 200 && rmdir(Path.c_str()) != 0 && errno == EBUSY; ++I) {
      kill();
      proc::reapExited();
      usleep(5000);
    }
    interrupt::remove(Token);
  }

private:
  std::string Path;
  int ProcsFD = -1;
  interrupt::Token Token = 0;
  bool Memory = false;
};

uint64_t treeRss() {
  uint64_t Sum = 0;
  for (pid_t P : proc::descendants(getpid()))
    Sum += proc::anonymousRss(P);
  return Sum;
}

} // namespace

std::string outputCapNote(const RunResult &R, const RunOptions &O) {
  return "[memlint: the command wrote " + std::to_string(R.OutputBytes) +
         " bytes of output; only the last " + std::to_string(O.OutputCapBytes >> 10) +
         " KiB of each of stdout and stderr were kept]";
}

RunResult runAtScale(const RunOptions &O, uint64_t N) {
  RunResult R;
  R.N = N;
  std::string Dir = O.WorkDir + "/n" + std::to_string(N);
  const std::string NS = std::to_string(N);
  const uint64_t LimitBytes = O.MemoryLimitMB << 20;
  // Orphans of the run (a daemon that called setsid and double-forked) are
  // reparented to memlint, so they can be found and killed.
  static const bool Subreaper = proc::becomeSubreaper();
  (void)Subreaper;

  std::vector<std::string> Args;
  for (const std::string &A : O.Command)
    Args.push_back(replaceAll(A, "{N}", NS));
  std::vector<std::string> Env;
  std::string Preload = O.Tracker;
  for (char **E = environ; *E; ++E) {
    llvm::StringRef V(*E);
    if (V.starts_with("LD_PRELOAD=")) {
      llvm::StringRef Old = V.drop_front(strlen("LD_PRELOAD="));
      if (!Old.empty())
        Preload += ":" + Old.str();
      continue;
    }
    // Ours to set; MEMLINT_TRACKER_UNWIND and the like pass through.
    if (V.starts_with("MEMLINT_TRACKER_OUT=") || V.starts_with("MEMLINT_N=") ||
        V.starts_with("MEMLINT_TRACKER_PROBE") ||
        V.starts_with("MEMLINT_QUERY_FUNCTIONS=") ||
        (O.Depth && V.starts_with("MEMLINT_TRACKER_DEPTH=")))
      continue;
    Env.push_back(V.str());
  }
  Env.push_back("LD_PRELOAD=" + Preload);
  Env.push_back("MEMLINT_TRACKER_OUT=" + Dir);
  Env.push_back("MEMLINT_N=" + NS);
  if (O.Depth)
    Env.push_back("MEMLINT_TRACKER_DEPTH=" + std::to_string(O.Depth));
  Env.push_back("MEMLINT_QUERY_FUNCTIONS=" + llvm::join(O.QueryFunctions, ","));
  Env.insert(Env.end(), O.ExtraEnv.begin(), O.ExtraEnv.end());
  std::vector<char *> Argv, Envp;
  for (std::string &A : Args)
    Argv.push_back(A.data());
  Argv.push_back(nullptr);
  for (std::string &E : Env)
    Envp.push_back(E.data());
  Envp.push_back(nullptr);

  RunCgroup Group;
  std::string SetupError;
  if (!Group.create(O.Contain, N, LimitBytes, SetupError)) {
    R.Status = "exec-failed";
    R.StderrTail = SetupError;
    return R;
  }
  int OutPipe[2] = {-1, -1}, ErrPipe[2] = {-1, -1}, ExecPipe[2] = {-1, -1};
  int In = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (pipe2(OutPipe, O_CLOEXEC) != 0 || pipe2(ErrPipe, O_CLOEXEC) != 0 ||
      pipe2(ExecPipe, O_CLOEXEC) != 0 || In < 0) {
    R.Status = "exec-failed";
    R.StderrTail = std::string("cannot set up the run: ") + strerror(errno);
    for (int FD : {OutPipe[0], OutPipe[1], ErrPipe[0], ErrPipe[1], ExecPipe[0], ExecPipe[1], In})
      if (FD >= 0)
        close(FD);
    return R;
  }
  auto Start = std::chrono::steady_clock::now();
  pid_t Pid;
  {
    interrupt::SignalBlock Block; // the handler sees the child or no child
    Pid = fork();
    if (Pid == 0) {
      interrupt::inChild();
      setsid();
      if (!Group.join()) {
        int E = errno;
        (void)!write(ExecPipe[1], &E, sizeof E);
        _exit(127);
      }
      dup2(In, 0);
      dup2(OutPipe[1], 1);
      dup2(ErrPipe[1], 2);
      if (O.MemoryLimitMB) {
        // A backstop per process; the limit over the tree is the cgroup's
        // or the polled sum below.
        rlim_t Bytes = static_cast<rlim_t>(LimitBytes);
        struct rlimit RL = {Bytes, Bytes};
        setrlimit(RLIMIT_DATA, &RL);
      }
      execvpe(Argv[0], Argv.data(), Envp.data());
      int E = errno;
      (void)!write(ExecPipe[1], &E, sizeof E);
      _exit(127);
    }
  }
  int ForkErrno = errno;
  close(ExecPipe[1]);
  close(OutPipe[1]);
  close(ErrPipe[1]);
  close(In);
  if (Pid < 0) {
    close(ExecPipe[0]);
    close(OutPipe[0]);
    close(ErrPipe[0]);
    R.Status = "exec-failed";
    R.StderrTail = std::string("fork failed: ") + strerror(ForkErrno);
    return R;
  }
  int ExecErrno = 0;
  bool ExecFailed = read(ExecPipe[0], &ExecErrno, sizeof ExecErrno) == sizeof ExecErrno;
  close(ExecPipe[0]);

  Tail Out(O.OutputCapBytes), Err(O.OutputCapBytes);
  struct pollfd Fds[2] = {{OutPipe[0], POLLIN, 0}, {ErrPipe[0], POLLIN, 0}};
  auto Drain = [&](int TimeoutMs) {
    int Open = 0;
    for (auto &F : Fds)
      Open += F.fd >= 0;
    if (!Open) {
      if (TimeoutMs > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(TimeoutMs));
      return;
    }
    if (poll(Fds, 2, TimeoutMs) <= 0)
      return;
    char Buf[1 << 16];
    for (int I = 0; I < 2; ++I) {
      if (Fds[I].fd < 0 || !(Fds[I].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      ssize_t K = read(Fds[I].fd, Buf, sizeof Buf);
      if (K > 0) {
        (I ? Err : Out).add(Buf, size_t(K));
      } else if (K == 0 || (errno != EINTR && errno != EAGAIN)) {
        close(Fds[I].fd);
        Fds[I].fd = -1;
      }
    }
  };

  int St = 0;
  bool TimedOut = false, OverMemory = false, Exited = false;
  uint64_t PeakTree = 0;
  auto LastRss = Start;
  while (!Exited) {
    pid_t W = waitpid(Pid, &St, WNOHANG);
    if (W == Pid || (W < 0 && errno != EINTR)) {
      Exited = W == Pid;
      break;
    }
    auto Now = std::chrono::steady_clock::now();
    double Elapsed = std::chrono::duration<double>(Now - Start).count();
    if (O.TimeoutSeconds && Elapsed > O.TimeoutSeconds) {
      TimedOut = true;
      break;
    }
    if (LimitBytes && !O.Contain.CgroupMemory &&
        Now - LastRss >= std::chrono::milliseconds(20)) {
      LastRss = Now;
      uint64_t Sum = treeRss();
      PeakTree = std::max(PeakTree, Sum);
      if (Sum > LimitBytes) {
        OverMemory = true;
        break;
      }
    }
    Drain(5);
  }
  R.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  // Whatever is left of the run goes: the command's own process if it is
  // still there, and every process it started, in any session.
  Group.kill();
  proc::killAllDescendants();
  if (!Exited && waitpid(Pid, &St, WNOHANG) == Pid)
    Exited = true;
  // The pipes end once their last writer is gone.
  for (int I = 0; I < 400 && (Fds[0].fd >= 0 || Fds[1].fd >= 0); ++I)
    Drain(5);
  for (auto &F : Fds)
    if (F.fd >= 0)
      close(F.fd);
  OverMemory |= Group.oomKilled();

  // What the command wrote, capped: the tail of each stream.
  R.OutputBytes = Out.Total + Err.Total;
  R.OutputCapped = Out.capped() || Err.capped();
  for (auto [Name, T] : {std::make_pair("stdout.txt", &Out), std::make_pair("stderr.txt", &Err)}) {
    int FD = -1;
    if (freshFile(Dir + "/" + Name, FD))
      continue;
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    if (T->capped())
      OS << "[memlint: output capped: the first " << T->Total - T->kept().size() << " of "
         << T->Total << " bytes were dropped]\n";
    OS << T->kept();
    std::string Ignored;
    finishOutput(OS, Ignored);
  }

  if (ExecFailed) {
    R.Status = "exec-failed";
    R.StderrTail = "cannot run '" + Args[0] + "': " + strerror(ExecErrno);
    return R;
  }
  llvm::StringRef ErrTail = Err.kept();
  if (ErrTail.size() > 2000)
    ErrTail = ErrTail.take_back(2000);
  if (TimedOut) {
    R.Status = "timeout";
  } else if (OverMemory) {
    R.Status = "memory-limit";
  } else if (Exited && WIFSIGNALED(St)) {
    R.Status = "signal";
    R.Signal = WTERMSIG(St);
  } else if (Exited && WIFEXITED(St) && WEXITSTATUS(St) != 0) {
    R.Status = "exit-code";
    R.ExitCode = WEXITSTATUS(St);
  }
  if (R.Status != "ok")
    R.StderrTail = ErrTail.trim().str();
  if (R.Status == "memory-limit")
    R.StderrTail = "the run's processes went over --memory-limit " +
                   std::to_string(O.MemoryLimitMB) + " MB together (" +
                   (O.Contain.CgroupMemory
                        ? std::string("cgroup memory.max")
                        : "summed anonymous RSS " + std::to_string(PeakTree >> 20) + " MB") +
                   "); every process of the run was killed" +
                   (R.StderrTail.empty() ? "" : "\n" + R.StderrTail);
  if (R.OutputCapped)
    R.StderrTail += std::string(R.StderrTail.empty() ? "" : "\n") + outputCapNote(R, O);

  std::error_code EC;
  std::vector<std::string> Files;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; !EC && It != End;
       It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".trk"))
      Files.push_back(It->path());
  std::sort(Files.begin(), Files.end());
  for (const std::string &F : Files) {
    std::string Error;
    auto Buf = readRegularFile(F, 1ull << 30, Error);
    if (!Buf) {
      R.StderrTail += "\n" + F + ": " + Error;
      continue;
    }
    TrackerProcess P;
    if (!parseTrackerFile(Buf->getBuffer().str(), P, Error)) {
      R.StderrTail += "\n" + F + ": " + Error;
      continue;
    }
    R.Processes.push_back(std::move(P));
  }
  // The process the command started comes first.
  std::stable_sort(R.Processes.begin(), R.Processes.end(),
                   [&](const TrackerProcess &A, const TrackerProcess &B) {
                     return (A.Pid == Pid) > (B.Pid == Pid);
                   });
  if (R.Processes.empty() && R.Status == "ok") {
    R.Status = "no-data";
    R.StderrTail = "the program wrote no tracker data (was it linked "
                   "statically, or does it end with _exit?)\n" +
                   ErrTail.take_back(1000).trim().str();
  }
  return R;
}

//===-- Symbolizing -------------------------------------------------------===//

static bool systemModule(llvm::StringRef P) {
  for (const char *Prefix : {"/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/"})
    if (P.starts_with(Prefix))
      return true;
  return P.contains("libmemlint-tracker");
}

bool symbolize(const std::vector<RunResult> &Runs, const std::string &Symbolizer,
               const std::string &SourceRoot, const std::string &WorkDir,
               SymbolizedStacks &Out, std::string &Error) {
  // Unique (module, address) pairs, in first-seen order.
  std::map<std::pair<std::string, uint64_t>, size_t> Index;
  std::vector<std::pair<std::string, uint64_t>> Queries;
  struct Ref {
    size_t Query = SIZE_MAX; // into Queries
    const TrackerModule *M = nullptr;
  };
  // Per return-address query, the query of the function its call went to
  // (a tail call's only trace: SourceFrame::Callee*).
  std::map<size_t, size_t> CalleeOf;
  std::vector<std::vector<std::vector<std::vector<Ref>>>> Refs(Runs.size());
  for (size_t R = 0; R < Runs.size(); ++R) {
    for (const TrackerProcess &P : Runs[R].Processes) {
      Refs[R].emplace_back();
      for (const TrackerSite &S : P.Sites) {
        Refs[R].back().emplace_back();
        for (uint64_t A : S.Frames) {
          Ref F;
          for (const TrackerModule &M : P.Modules)
            if (A > M.Lo && A <= M.Hi) {
              F.M = &M;
              break;
            }
          if (F.M && !systemModule(F.M->Path)) {
            auto Key = std::make_pair(F.M->Path, A - F.M->Bias - 1);
            auto [It, New] = Index.emplace(Key, Queries.size());
            if (New) {
              Queries.push_back(Key);
              uint64_t Target;
              if (directCallTarget(F.M->Path, A - F.M->Bias, Target)) {
                auto TKey = std::make_pair(F.M->Path, Target);
                auto [TIt, TNew] = Index.emplace(TKey, Queries.size());
                if (TNew)
                  Queries.push_back(TKey);
                CalleeOf[It->second] = TIt->second;
              }
            }
            F.Query = It->second;
          }
          Refs[R].back().back().push_back(F);
        }
      }
    }
  }

  std::vector<std::vector<SourceFrame>> Answers(Queries.size());
  if (!Queries.empty()) {
    std::string In = WorkDir + "/symbolize.in", OutFile = WorkDir + "/symbolize.out",
                Err = WorkDir + "/symbolize.err";
    {
      int FD = -1;
      for (const std::string *P : {&OutFile, &Err}) {
        if (std::error_code EC = freshFile(*P, FD)) {
          Error = "cannot write " + *P + ": " + EC.message();
          return false;
        }
        close(FD);
      }
      if (std::error_code EC = freshFile(In, FD)) {
        Error = "cannot write " + In + ": " + EC.message();
        return false;
      }
      llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
      for (const auto &[Path, Addr] : Queries)
        OS << '"' << Path << "\" 0x" << llvm::utohexstr(Addr) << "\n";
      std::string WriteError;
      if (!finishOutput(OS, WriteError)) {
        Error = "cannot write " + In + ": " + WriteError;
        return false;
      }
    }
    llvm::StringRef Argv[] = {Symbolizer, "--inlining", "--output-style=JSON",
                              "--functions=linkage", "--demangle"};
    std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(In),
                                                  llvm::StringRef(OutFile),
                                                  llvm::StringRef(Err)};
    std::string ErrMsg;
    int RC = llvm::sys::ExecuteAndWait(Symbolizer, Argv, std::nullopt, Redirects,
                                       0, 0, &ErrMsg);
    if (RC != 0) {
      Error = "llvm-symbolizer failed (" + Symbolizer + "): " +
              (ErrMsg.empty() ? tail(Err, 500) : ErrMsg);
      return false;
    }
    auto Buf = llvm::MemoryBuffer::getFile(OutFile);
    if (!Buf) {
      Error = "cannot read the symbolizer's output";
      return false;
    }
    llvm::SmallVector<llvm::StringRef, 0> Lines;
    (*Buf)->getBuffer().split(Lines, '\n', -1, false);
    size_t Q = 0;
    for (llvm::StringRef Line : Lines) {
      if (Q >= Queries.size())
        break;
      auto V = llvm::json::parse(Line);
      if (!V) {
        llvm::consumeError(V.takeError());
        continue;
      }
      const llvm::json::Object *O = V->getAsObject();
      const llvm::json::Array *Syms = O ? O->getArray("Symbol") : nullptr;
      std::vector<SourceFrame> &Frames = Answers[Q++];
      if (!Syms)
        continue;
      for (const llvm::json::Value &SV : *Syms) {
        const llvm::json::Object *SO = SV.getAsObject();
        if (!SO)
          continue;
        SourceFrame F;
        F.InlineDepth = unsigned(Frames.size());
        if (auto Fn = SO->getString("FunctionName"))
          F.Function = Fn->str();
        if (auto File = SO->getString("FileName"); File && !File->empty())
          F.File = normalizePath(File->str());
        F.Line = static_cast<unsigned>(SO->getInteger("Line").value_or(0));
        F.Column = static_cast<unsigned>(SO->getInteger("Column").value_or(0));
        F.StartLine = static_cast<unsigned>(SO->getInteger("StartLine").value_or(0));
        F.UnderRoot = !F.File.empty() && F.Line && isUnder(F.File, SourceRoot);
        Frames.push_back(std::move(F));
      }
    }
  }

  for (const auto &[Q, Callee] : CalleeOf)
    if (!Answers[Q].empty() && !Answers[Callee].empty()) {
      const SourceFrame &Fn = Answers[Callee].back(); // the function itself
      Answers[Q].front().CalleeFile = Fn.File;
      Answers[Q].front().CalleeFunction = Fn.Function;
      Answers[Q].front().CalleeStartLine = Fn.StartLine;
    }

  Out.assign(Runs.size(), {});
  for (size_t R = 0; R < Runs.size(); ++R) {
    for (auto &PRefs : Refs[R]) {
      Out[R].emplace_back();
      for (auto &SRefs : PRefs) {
        std::vector<SourceFrame> Stack;
        for (const Ref &F : SRefs) {
          if (F.Query != SIZE_MAX && !Answers[F.Query].empty()) {
            Stack.insert(Stack.end(), Answers[F.Query].begin(), Answers[F.Query].end());
          } else {
            SourceFrame U;
            U.Function = F.M ? llvm::sys::path::filename(F.M->Path).str() : "??";
            Stack.push_back(std::move(U));
          }
        }
        Out[R].back().push_back(std::move(Stack));
      }
    }
  }
  return true;
}

} // namespace harness
} // namespace memlint
