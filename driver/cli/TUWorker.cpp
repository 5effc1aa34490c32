//===- TUWorker.cpp -------------------------------------------------------===//
#include "TUWorker.h"

#include "Console.h"
#include "SafeCommands.h"

#include "FactsCache.h"
#include "FindingJSON.h"
#include "Interrupt.h"
#include "SafeIO.h"
#include "LLVMCompat.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

using namespace clang;

namespace memlint {
namespace {

/// Keeps compiler errors (warnings are not memlint's business).
class ErrorCollector : public DiagnosticConsumer {
public:
  std::vector<std::string> Messages;
  /// A fatal error: among them an #include that was not found or could not
  /// be read (a FIFO), a file the dependency list then lacks.
  bool Fatal = false;

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
    Fatal |= Level == DiagnosticsEngine::Fatal;
    llvm::SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      const SourceManager &SM = Info.getSourceManager();
      PresumedLoc PL = SM.getPresumedLoc(SM.getFileLoc(Info.getLocation()));
      if (PL.isValid())
        Where = std::string(PL.getFilename()) + ":" +
                std::to_string(PL.getLine()) + ":" +
                std::to_string(PL.getColumn()) + ": ";
    }
    if (Messages.size() < 20)
      Messages.push_back(Where + (Level == DiagnosticsEngine::Fatal
                                      ? "fatal error: "
                                      : "error: ") +
                         std::string(Text.str()));
  }
};

class Consumer : public ASTConsumer {
public:
  Consumer(const WorkerOptions &Opts, TUResult &Out) : Opts(Opts), Out(Out) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    // A TU that does not compile depends on its files as much as one that
    // does: its errors are cached too.
    if (Opts.RecordDependencies)
      recordDependencies(Ctx.getSourceManager(), Out.Deps);
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    collect(Ctx, Opts.Analysis, Out.Analysis);
  }

private:
  const WorkerOptions &Opts;
  TUResult &Out;
};

class Action : public ASTFrontendAction {
public:
  Action(const WorkerOptions &Opts, TUResult &Out) : Opts(Opts), Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<Consumer>(Opts, Out);
  }

private:
  const WorkerOptions &Opts;
  TUResult &Out;
};

class Factory : public tooling::FrontendActionFactory {
public:
  Factory(const WorkerOptions &Opts, TUResult &Out) : Opts(Opts), Out(Out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(Opts, Out);
  }
  // FrontendActionFactory::runInvocation, except that every output the
  // compile command asked for is taken away before the front end starts
  // (CompileCommands.h), and that nothing is freed: as `clang -cc1
  // -disable-free`, the AST, Sema, the preprocessor and the source manager
  // are left to the worker's exit (freeing them costs CPU time, up to 1% of
  // a large translation unit's parse).
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCH,
                     DiagnosticConsumer *Diags) override {
    sanitizeInvocation(*Invocation, Opts.ScratchDir);
    Invocation->getFrontendOpts().DisableFree = true;
    CompilerInstance *Compiler = compat::newCompilerInstance(
        std::move(Invocation), Files, std::move(PCH), Diags);
    llvm::BuryPointer(Compiler);
    if (!Compiler->hasDiagnostics())
      return false;
    std::unique_ptr<FrontendAction> ToolAction = create();
    bool Ok = Compiler->ExecuteAction(*ToolAction);
    llvm::BuryPointer(std::move(ToolAction)); // it may refer to Compiler
    Files->clearStatCache();
    return Ok;
  }

private:
  const WorkerOptions &Opts;
  TUResult &Out;
};

bool hasArg(const tooling::CommandLineArguments &Args, llvm::StringRef Prefix) {
  for (const std::string &A : Args)
    if (llvm::StringRef(A).starts_with(Prefix))
      return true;
  return false;
}

/// Why the front end may not read a file that is not a regular file.
class NotRegularCategory : public std::error_category {
public:
  const char *name() const noexcept override { return "memlint"; }
  std::string message(int) const override {
    return "not a regular file (a FIFO, a socket or a device); memlint "
           "reads only regular files";
  }
};

/// The file system the front end sees: the real one, except that only
/// regular files are opened. A FIFO among the headers would block the open
/// forever, a link to /dev/zero would be read until memory runs out; both
/// become a compile error of that translation unit.
class RegularFilesOnly : public llvm::vfs::ProxyFileSystem {
public:
  using ProxyFileSystem::ProxyFileSystem;
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    llvm::ErrorOr<llvm::vfs::Status> S = status(Path);
    // Nothing there (most of what header search asks for): the open would
    // fail the same way, one system call later.
    if (!S)
      return S.getError();
    // A directory named like a header (`<random>` in a project whose
    // include path has a `random/` directory) is what header search steps
    // over to the next directory of the path, as the compiler does.
    if (S->getType() == llvm::sys::fs::file_type::directory_file)
      return std::make_error_code(std::errc::is_a_directory);
    if (S->getType() != llvm::sys::fs::file_type::regular_file) {
      static const NotRegularCategory Category;
      return std::error_code(1, Category);
    }
    return ProxyFileSystem::openFileForRead(Path);
  }
};

const char *fileKind(llvm::sys::fs::file_type T) {
  switch (T) {
  case llvm::sys::fs::file_type::directory_file:
    return "a directory";
  case llvm::sys::fs::file_type::fifo_file:
    return "a FIFO";
  case llvm::sys::fs::file_type::character_file:
    return "a character device";
  case llvm::sys::fs::file_type::block_file:
    return "a block device";
  case llvm::sys::fs::file_type::socket_file:
    return "a socket";
  default:
    return "not a regular file";
  }
}

} // namespace

TUResult analyzeFile(const std::string &File, const WorkerOptions &Opts) {
  TUResult R;
  R.File = File;
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(File, Status)) {
    R.Errors.push_back({File, EC == std::errc::no_such_file_or_directory
                                  ? std::string("no such file")
                                  : "cannot read: " + EC.message()});
    return R;
  }
  if (Status.type() != llvm::sys::fs::file_type::regular_file) {
    R.Errors.push_back(
        {File, std::string("not a regular file (") + fileKind(Status.type()) +
                   "); memlint analyzes only regular files"});
    return R;
  }
  std::vector<tooling::CompileCommand> Commands =
      Opts.Database->getCompileCommands(File);
  if (Commands.empty()) {
    R.Errors.push_back({File, "no compile command for this file"});
    return R;
  }
  // ClangTool would abort on a directory it cannot enter, and rewrite a
  // backslash in the file's name to '/'; the commands run here directly.
  auto FS = llvm::makeIntrusiveRefCnt<RegularFilesOnly>(
      llvm::vfs::getRealFileSystem());
  ErrorCollector Errors;
  Factory F(Opts, R);
  bool Ok = true;
  std::string Problem;
  for (tooling::CompileCommand &C : Commands) {
    if (!llvm::sys::fs::is_directory(C.Directory)) {
      Problem = "the directory of its compile command, '" + C.Directory +
                "', does not exist";
      break;
    }
    if (std::error_code EC = FS->setCurrentWorkingDirectory(C.Directory)) {
      Problem = "cannot enter the directory of its compile command, '" +
                C.Directory + "': " + EC.message();
      break;
    }
    tooling::CommandLineArguments Args = stripOutputFlags(C.CommandLine);
    for (const tooling::ArgumentsAdjuster &A :
         {tooling::getClangStripOutputAdjuster(),
          tooling::getClangSyntaxOnlyAdjuster(),
          tooling::getClangStripDependencyFileAdjuster()})
      Args = A(Args, C.Filename);
    // Right after the compiler's name: a command may end in "-- file".
    // Compiler warnings are not findings, and -Werror must not fail a TU.
    tooling::CommandLineArguments Extra = {"-w", "-Qunused-arguments"};
    if (!Opts.ResourceDir.empty() && !hasArg(Args, "-resource-dir"))
      Extra.push_back("-resource-dir=" + Opts.ResourceDir);
    Args.insert(Args.begin() + (Args.empty() ? 0 : 1), Extra.begin(),
                Extra.end());
    auto Files = llvm::makeIntrusiveRefCnt<FileManager>(FileSystemOptions(), FS);
    tooling::ToolInvocation Invocation(std::move(Args), &F, Files.get(),
                                       std::make_shared<PCHContainerOperations>());
    Invocation.setDiagnosticConsumer(&Errors);
    Ok &= Invocation.run();
  }
  if (!Problem.empty()) {
    R.Errors.push_back({File, Problem + "; no findings for it"});
    R.Analysis = TUAnalysis();
    R.Deps.clear();
    return R;
  }
  if (!Errors.Messages.empty() || !Ok) {
    std::string Message;
    for (const std::string &M : Errors.Messages)
      Message += (Message.empty() ? "" : "\n") + M;
    if (Message.empty())
      Message = "the compiler could not process this file";
    R.Errors.push_back({File, "does not compile; no findings for it:\n" + Message});
    R.Analysis = TUAnalysis(); // nothing from a broken AST
    // Cacheable only when the compiler's own errors say why, with every
    // file it looked for found and read.
    if (Errors.Fatal || Errors.Messages.empty())
      R.Deps.clear();
  }
  normalizeDependencies(R.Deps);
  return R;
}

//===-- Process isolation -------------------------------------------------===//

llvm::json::Value resultToJSON(const TUResult &R) {
  llvm::json::Array Local, Errors;
  // Paths in the lossless wire encoding (FindingJSON.h): a file name that
  // is not UTF-8 must come back as the same bytes.
  for (const Finding &F : R.Analysis.Local)
    Local.push_back(findingToWire(F));
  for (const InputError &E : R.Errors)
    Errors.push_back(llvm::json::Object{{"file", encodeWirePath(E.File)},
                                        {"message", E.Message}});
  llvm::json::Array Unmodeled;
  for (const UnmodeledCall &U : R.Analysis.Unmodeled)
    Unmodeled.push_back(llvm::json::Array{U.Name, U.Why, encodeWirePath(U.At.File),
                                          U.At.Line, U.At.Column});
  return llvm::json::Object{{"facts", toJSON(R.Analysis.TUFacts)},
                            {"local", std::move(Local)},
                            {"unmodeled", std::move(Unmodeled)},
                            {"errors", std::move(Errors)},
                            {"deps", dependenciesToJSON(R.Deps)}};
}

std::string serializeResult(const TUResult &R) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << resultToJSON(R);
  return S;
}

bool resultFromJSON(const llvm::json::Value &V, TUResult &R,
                    std::string &Error) {
  const auto *O = V.getAsObject();
  if (!O || !O->get("facts")) {
    Error = "no facts";
    return false;
  }
  if (!fromJSON(*O->get("facts"), R.Analysis.TUFacts, Error))
    return false;
  const auto *Local = O->getArray("local");
  const auto *Errors = O->getArray("errors");
  const auto *Unmodeled = O->getArray("unmodeled");
  const auto *Deps = O->getArray("deps");
  if (!Local || !Errors || !Unmodeled || !Deps) {
    Error = "missing sections";
    return false;
  }
  if (!dependenciesFromJSON(*Deps, R.Deps)) {
    Error = "bad dependency list";
    return false;
  }
  for (const auto &FV : *Local) {
    Finding F;
    if (!findingFromWire(FV, F)) {
      Error = "bad finding";
      return false;
    }
    R.Analysis.Local.push_back(std::move(F));
  }
  for (const auto &UV : *Unmodeled) {
    const auto *A = UV.getAsArray();
    UnmodeledCall U;
    auto Name = A && A->size() == 5 ? (*A)[0].getAsString() : std::nullopt;
    auto Why = A && A->size() == 5 ? (*A)[1].getAsString() : std::nullopt;
    auto File = A && A->size() == 5 ? (*A)[2].getAsString() : std::nullopt;
    auto Line = A && A->size() == 5 ? (*A)[3].getAsInteger() : std::nullopt;
    auto Col = A && A->size() == 5 ? (*A)[4].getAsInteger() : std::nullopt;
    if (!Name || !Why || !File || !Line || !Col) {
      Error = "bad unmodeled call";
      return false;
    }
    R.Analysis.Unmodeled.push_back(
        {Name->str(), Why->str(),
         Loc{decodeWirePath(*File), static_cast<unsigned>(*Line),
             static_cast<unsigned>(*Col), 0}});
  }
  for (const auto &EV : *Errors) {
    const auto *EO = EV.getAsObject();
    auto File = EO ? EO->getString("file") : std::nullopt;
    auto Msg = EO ? EO->getString("message") : std::nullopt;
    if (!File || !Msg) {
      Error = "bad error";
      return false;
    }
    R.Errors.push_back({decodeWirePath(*File), Msg->str()});
  }
  return true;
}

bool deserializeResult(llvm::StringRef Text, TUResult &R, std::string &Error) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V) {
    Error = llvm::toString(V.takeError());
    return false;
  }
  return resultFromJSON(*V, R, Error);
}

static std::string describeStatus(int Status, unsigned Timeout) {
  if (WIFSIGNALED(Status)) {
    int Sig = WTERMSIG(Status);
    if (Sig == SIGALRM && Timeout)
      return "analysis timed out after " + std::to_string(Timeout) +
             " s (--tu-timeout); no findings for it";
    return std::string("analysis crashed (signal ") + std::to_string(Sig) +
           ": " + strsignal(Sig) + "); no findings for it";
  }
  return "analysis failed (exit code " + std::to_string(WEXITSTATUS(Status)) +
         "); no findings for it";
}

/// The "current parser token" style lines of Clang's crash report: they say
/// where in the source the front end was.
static std::string crashContext(const std::string &StderrPath) {
  auto Buf = llvm::MemoryBuffer::getFile(StderrPath);
  if (!Buf)
    return "";
  std::string Out;
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  (*Buf)->getBuffer().split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    // "1.\t<file>:<line>:<col>: current parser token 'x'"
    size_t Tab = L.find(".\t");
    if (Tab == llvm::StringRef::npos || Tab == 0 || Tab > 3 ||
        !llvm::all_of(L.take_front(Tab), llvm::isDigit))
      continue;
    llvm::StringRef What = L.drop_front(Tab + 2);
    if (What.starts_with("Program arguments"))
      continue;
    Out += "\n  while: " + What.str();
  }
  return Out;
}

/// A child that finished normally may still have had something to say.
static void forwardStderr(const std::string &StderrPath) {
  auto Buf = llvm::MemoryBuffer::getFile(StderrPath);
  if (Buf && !(*Buf)->getBuffer().empty()) {
    clearStatusLine();
    llvm::errs() << (*Buf)->getBuffer();
  }
}

std::vector<TUResult> analyzeAll(const std::vector<std::string> &Files,
                                 const WorkerOptions &Opts) {
  std::vector<TUResult> Results(Files.size());
  for (size_t I = 0; I < Files.size(); ++I)
    Results[I].File = Files[I];
  struct Running {
    size_t Index;
    std::string Output;
    std::string Stderr;
    std::chrono::steady_clock::time_point Start;
  };
  std::map<pid_t, Running> Active;
  unsigned Jobs = Opts.Jobs ? Opts.Jobs : 1;

  auto Done = [&](size_t Index, std::chrono::steady_clock::time_point Start) {
    if (Opts.OnDone)
      Opts.OnDone(Results[Index],
                  std::chrono::duration<double>(
                      std::chrono::steady_clock::now() - Start)
                      .count());
  };

  // One scratch directory for the run: the workers' results and stderr, and
  // an implicit module cache. Registered with the interrupt handler, which
  // removes it (and kills the workers) on SIGINT or SIGTERM.
  WorkerOptions W = Opts;
  interrupt::Token ScratchToken = 0;
  {
    interrupt::SignalBlock Block;
    llvm::SmallString<128> Dir;
    if (std::error_code EC =
            llvm::sys::fs::createUniqueDirectory("memlint-check", Dir)) {
      for (size_t I = 0; I < Files.size(); ++I) {
        Results[I].Errors.push_back({Files[I], "not analyzed: cannot create a "
                                               "temporary directory: " +
                                                   EC.message()});
        Done(I, std::chrono::steady_clock::now());
      }
      return Results;
    }
    W.ScratchDir = std::string(Dir.str());
    ScratchToken = interrupt::addPath(W.ScratchDir, /*Directory=*/true);
  }

  // Files still to analyze, in order; a file whose worker could not be
  // started goes back to the front.
  std::deque<size_t> Pending;
  for (size_t I = 0; I < Files.size(); ++I)
    Pending.push_back(I);
  unsigned ForkFailures = 0;

  // Starts a worker for Pending.front(); false when no process could be
  // started (the file stays pending).
  auto Spawn = [&]() -> bool {
    size_t Index = Pending.front();
    auto Start = std::chrono::steady_clock::now();
    std::string Base = W.ScratchDir + "/tu-" + std::to_string(Index);
    std::string Path = Base + ".json", ErrPath = Base + ".err";
    int FD = -1, ErrFD = -1;
    if (llvm::sys::fs::openFileForWrite(Path, FD, llvm::sys::fs::CD_CreateAlways) ||
        llvm::sys::fs::openFileForWrite(ErrPath, ErrFD, llvm::sys::fs::CD_CreateAlways)) {
      if (FD >= 0)
        ::close(FD);
      Pending.pop_front();
      Results[Index].Errors.push_back(
          {Files[Index], "not analyzed: cannot create a temporary file"});
      Done(Index, Start);
      return true;
    }
    ::close(FD);
    llvm::outs().flush();
    llvm::errs().flush();
    pid_t Pid;
    {
      interrupt::SignalBlock Block; // the handler sees the worker, or none
      Pid = ::fork();
      if (Pid == 0) {
        interrupt::inChild();
        // What Clang prints when it crashes goes to a file the parent
        // reads; nothing a worker does may reach memlint's stdout.
        ::dup2(ErrFD, 2);
        ::close(ErrFD);
        int Null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (Null >= 0)
          ::dup2(Null, 1);
        if (W.TimeoutSeconds)
          ::alarm(W.TimeoutSeconds);
        TUResult R = analyzeFile(Files[Index], W);
        std::error_code EC;
        llvm::raw_fd_ostream OS(Path, EC);
        if (EC)
          ::_exit(70);
        OS << serializeResult(R);
        OS.close();
        ::_exit(OS.has_error() ? 71 : 0);
      }
      if (Pid > 0)
        Active[Pid] = {Index, Path, ErrPath, Start};
    }
    int ForkErrno = errno;
    ::close(ErrFD);
    if (Pid < 0) {
      // No process to spare (RLIMIT_NPROC, a full process table). Never
      // analyze in this process instead: a crash there would take the whole
      // report down, and --tu-timeout could not apply.
      llvm::sys::fs::remove(Path);
      llvm::sys::fs::remove(ErrPath);
      if (!Active.empty())
        return false; // retry once a worker is done
      if (++ForkFailures <= 3) {
        ::usleep(100000 * ForkFailures);
        return false;
      }
      Pending.pop_front();
      Results[Index].Errors.push_back(
          {Files[Index], std::string("not analyzed: cannot start a worker "
                                     "process to analyze it in isolation (fork: ") +
                             strerror(ForkErrno) + ")"});
      Done(Index, Start);
      ForkFailures = 0;
      return true;
    }
    ForkFailures = 0;
    Pending.pop_front();
    return true;
  };

  while (!Pending.empty() || !Active.empty()) {
    while (!Pending.empty() && Active.size() < Jobs)
      if (!Spawn()) {
        // Fewer at once from now on: the system has no more to give.
        if (!Active.empty())
          Jobs = std::max<unsigned>(1, unsigned(Active.size()));
        break;
      }
    if (Active.empty())
      continue;
    int Status = 0;
    pid_t Pid = ::waitpid(-1, &Status, 0);
    if (Pid < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    auto It = Active.find(Pid);
    if (It == Active.end())
      continue;
    Running Finished = It->second;
    Active.erase(It);
    TUResult &R = Results[Finished.Index];
    if (WIFEXITED(Status) && WEXITSTATUS(Status) == 0) {
      auto Buf = llvm::MemoryBuffer::getFile(Finished.Output);
      std::string Error;
      if (!Buf || !deserializeResult((*Buf)->getBuffer(), R, Error))
        R.Errors.push_back({R.File, "cannot read the analysis result: " +
                                        (Buf ? Error : Buf.getError().message())});
    } else {
      R.Errors.push_back({R.File, describeStatus(Status, W.TimeoutSeconds) +
                                      crashContext(Finished.Stderr)});
    }
    if (WIFEXITED(Status))
      forwardStderr(Finished.Stderr);
    llvm::sys::fs::remove(Finished.Output);
    llvm::sys::fs::remove(Finished.Stderr);
    Done(Finished.Index, Finished.Start);
  }
  removeTree(W.ScratchDir.c_str());
  interrupt::remove(ScratchToken);
  return Results;
}

} // namespace memlint
