//===- Run.cpp - run a command under the tracker, read and symbolize ------===//
#include "Confirm.h"

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
#include <set>
#include <sys/resource.h>
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

//===-- Running -----------------------------------------------------------===//

static std::string replaceAll(std::string S, const std::string &From,
                              const std::string &To) {
  for (size_t At = S.find(From); At != std::string::npos;
       At = S.find(From, At + To.size()))
    S.replace(At, From.size(), To);
  return S;
}

static std::string tail(const std::string &Path, size_t Max) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return "";
  llvm::StringRef T = (*Buf)->getBuffer();
  if (T.size() > Max)
    T = T.take_back(Max);
  return T.trim().str();
}

RunResult runAtScale(const RunOptions &O, uint64_t N) {
  RunResult R;
  R.N = N;
  std::string Dir = O.WorkDir + "/n" + std::to_string(N);
  llvm::sys::fs::remove_directories(Dir);
  llvm::sys::fs::create_directories(Dir);
  const std::string NS = std::to_string(N);

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

  std::string OutPath = Dir + "/stdout.txt", ErrPath = Dir + "/stderr.txt";
  int Out = open(OutPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int Err = open(ErrPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int In = open("/dev/null", O_RDONLY | O_CLOEXEC);
  int ExecPipe[2] = {-1, -1};
  if (pipe2(ExecPipe, O_CLOEXEC) != 0 || Out < 0 || Err < 0 || In < 0) {
    R.Status = "exec-failed";
    R.StderrTail = std::string("cannot set up the run: ") + strerror(errno);
    return R;
  }
  auto Start = std::chrono::steady_clock::now();
  pid_t Pid = fork();
  if (Pid == 0) {
    setpgid(0, 0);
    dup2(In, 0);
    dup2(Out, 1);
    dup2(Err, 2);
    if (O.MemoryLimitMB) {
      rlim_t Bytes = static_cast<rlim_t>(O.MemoryLimitMB) << 20;
      struct rlimit RL = {Bytes, Bytes};
      setrlimit(RLIMIT_DATA, &RL);
    }
    execvpe(Argv[0], Argv.data(), Envp.data());
    int E = errno;
    (void)!write(ExecPipe[1], &E, sizeof E);
    _exit(127);
  }
  close(ExecPipe[1]);
  close(Out);
  close(Err);
  close(In);
  if (Pid < 0) {
    close(ExecPipe[0]);
    R.Status = "exec-failed";
    R.StderrTail = std::string("fork failed: ") + strerror(errno);
    return R;
  }
  setpgid(Pid, Pid);
  int ExecErrno = 0;
  bool ExecFailed = read(ExecPipe[0], &ExecErrno, sizeof ExecErrno) == sizeof ExecErrno;
  close(ExecPipe[0]);

  int St = 0;
  bool TimedOut = false;
  for (unsigned Sleep = 1;;) {
    pid_t W = waitpid(Pid, &St, WNOHANG);
    if (W == Pid)
      break;
    if (W < 0 && errno != EINTR)
      break;
    double Elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    if (O.TimeoutSeconds && Elapsed > O.TimeoutSeconds) {
      kill(-Pid, SIGKILL);
      kill(Pid, SIGKILL);
      waitpid(Pid, &St, 0);
      TimedOut = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(Sleep));
    if (Sleep < 20)
      Sleep *= 2;
  }
  R.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  kill(-Pid, SIGKILL); // stragglers of the process group

  if (ExecFailed) {
    R.Status = "exec-failed";
    R.StderrTail = "cannot run '" + Args[0] + "': " + strerror(ExecErrno);
    return R;
  }
  if (TimedOut) {
    R.Status = "timeout";
  } else if (WIFSIGNALED(St)) {
    R.Status = "signal";
    R.Signal = WTERMSIG(St);
  } else if (WIFEXITED(St) && WEXITSTATUS(St) != 0) {
    R.Status = "exit-code";
    R.ExitCode = WEXITSTATUS(St);
  }
  if (R.Status != "ok")
    R.StderrTail = tail(ErrPath, 2000);

  std::error_code EC;
  std::vector<std::string> Files;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; !EC && It != End;
       It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".trk"))
      Files.push_back(It->path());
  std::sort(Files.begin(), Files.end());
  for (const std::string &F : Files) {
    auto Buf = llvm::MemoryBuffer::getFile(F);
    if (!Buf)
      continue;
    TrackerProcess P;
    std::string Error;
    if (!parseTrackerFile((*Buf)->getBuffer().str(), P, Error)) {
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
                   tail(ErrPath, 1000);
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
      std::error_code EC;
      llvm::raw_fd_ostream OS(In, EC);
      if (EC) {
        Error = "cannot write " + In + ": " + EC.message();
        return false;
      }
      for (const auto &[Path, Addr] : Queries)
        OS << '"' << Path << "\" 0x" << llvm::utohexstr(Addr) << "\n";
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
