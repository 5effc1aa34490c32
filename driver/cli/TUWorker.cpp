//===- TUWorker.cpp -------------------------------------------------------===//
#include "TUWorker.h"

#include "Console.h"

#include "FindingJSON.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstring>
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

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
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
  Consumer(const AnalysisOptions &Opts, TUAnalysis &Out) : Opts(Opts), Out(Out) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    collect(Ctx, Opts, Out);
  }

private:
  const AnalysisOptions &Opts;
  TUAnalysis &Out;
};

class Action : public ASTFrontendAction {
public:
  Action(const AnalysisOptions &Opts, TUAnalysis &Out) : Opts(Opts), Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<Consumer>(Opts, Out);
  }

private:
  const AnalysisOptions &Opts;
  TUAnalysis &Out;
};

class Factory : public tooling::FrontendActionFactory {
public:
  Factory(const AnalysisOptions &Opts, TUAnalysis &Out) : Opts(Opts), Out(Out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(Opts, Out);
  }

private:
  const AnalysisOptions &Opts;
  TUAnalysis &Out;
};

bool hasArg(const tooling::CommandLineArguments &Args, llvm::StringRef Prefix) {
  for (const std::string &A : Args)
    if (llvm::StringRef(A).starts_with(Prefix))
      return true;
  return false;
}

} // namespace

TUResult analyzeFile(const std::string &File, const WorkerOptions &Opts) {
  TUResult R;
  R.File = File;
  if (!llvm::sys::fs::exists(File)) {
    R.Errors.push_back({File, "no such file"});
    return R;
  }
  if (Opts.Database->getCompileCommands(File).empty()) {
    R.Errors.push_back({File, "no compile command for this file"});
    return R;
  }
  tooling::ClangTool Tool(*Opts.Database, {File});
  std::string ResourceDir = Opts.ResourceDir;
  Tool.appendArgumentsAdjuster(
      [ResourceDir](const tooling::CommandLineArguments &Args,
                    llvm::StringRef) {
        // Right after the compiler's name: a command may end in "-- file".
        // Compiler warnings are not findings, and -Werror must not fail a TU.
        tooling::CommandLineArguments Extra = {"-w", "-Qunused-arguments"};
        if (!ResourceDir.empty() && !hasArg(Args, "-resource-dir"))
          Extra.push_back("-resource-dir=" + ResourceDir);
        tooling::CommandLineArguments Out = Args;
        Out.insert(Out.begin() + (Out.empty() ? 0 : 1), Extra.begin(),
                   Extra.end());
        return Out;
      });
  ErrorCollector Errors;
  Tool.setDiagnosticConsumer(&Errors);
  Tool.setPrintErrorMessage(false);
  Factory F(Opts.Analysis, R.Analysis);
  int RC = Tool.run(&F);
  if (!Errors.Messages.empty() || RC != 0) {
    std::string Message;
    for (const std::string &M : Errors.Messages)
      Message += (Message.empty() ? "" : "\n") + M;
    if (Message.empty())
      Message = "the compiler could not process this file";
    R.Errors.push_back({File, "does not compile; no findings for it:\n" + Message});
    R.Analysis = TUAnalysis(); // nothing from a broken AST
  }
  return R;
}

//===-- Process isolation -------------------------------------------------===//

static std::string serialize(const TUResult &R) {
  llvm::json::Array Local, Errors;
  for (const Finding &F : R.Analysis.Local)
    Local.push_back(findingToJSON(F));
  for (const InputError &E : R.Errors)
    Errors.push_back(llvm::json::Object{{"file", E.File}, {"message", E.Message}});
  llvm::json::Array Unmodeled;
  for (const UnmodeledCall &U : R.Analysis.Unmodeled)
    Unmodeled.push_back(llvm::json::Array{U.Name, U.Why, U.At.File, U.At.Line,
                                          U.At.Column});
  llvm::json::Object Root{{"facts", toJSON(R.Analysis.TUFacts)},
                          {"local", std::move(Local)},
                          {"unmodeled", std::move(Unmodeled)},
                          {"errors", std::move(Errors)}};
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << llvm::json::Value(std::move(Root));
  return S;
}

static bool deserialize(llvm::StringRef Text, TUResult &R, std::string &Error) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V) {
    Error = llvm::toString(V.takeError());
    return false;
  }
  const auto *O = V->getAsObject();
  if (!O || !O->get("facts")) {
    Error = "no facts";
    return false;
  }
  if (!fromJSON(*O->get("facts"), R.Analysis.TUFacts, Error))
    return false;
  const auto *Local = O->getArray("local");
  const auto *Errors = O->getArray("errors");
  const auto *Unmodeled = O->getArray("unmodeled");
  if (!Local || !Errors || !Unmodeled) {
    Error = "missing sections";
    return false;
  }
  for (const auto &FV : *Local) {
    Finding F;
    if (!findingFromJSON(FV, F)) {
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
         Loc{File->str(), static_cast<unsigned>(*Line),
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
    R.Errors.push_back({File->str(), Msg->str()});
  }
  return true;
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
  struct Running {
    size_t Index;
    std::string Output;
    std::string Stderr;
    std::chrono::steady_clock::time_point Start;
  };
  std::map<pid_t, Running> Active;
  size_t Next = 0;
  unsigned Jobs = Opts.Jobs ? Opts.Jobs : 1;

  auto Done = [&](size_t Index, std::chrono::steady_clock::time_point Start) {
    if (Opts.OnDone)
      Opts.OnDone(Results[Index],
                  std::chrono::duration<double>(
                      std::chrono::steady_clock::now() - Start)
                      .count());
  };
  auto Spawn = [&](size_t Index) {
    auto Start = std::chrono::steady_clock::now();
    llvm::SmallString<128> Path, ErrPath;
    int FD = -1, ErrFD = -1;
    if (llvm::sys::fs::createTemporaryFile("memlint-tu", "json", FD, Path) ||
        llvm::sys::fs::createTemporaryFile("memlint-tu", "err", ErrFD,
                                           ErrPath)) {
      if (FD >= 0) {
        ::close(FD);
        llvm::sys::fs::remove(Path);
      }
      Results[Index].File = Files[Index];
      Results[Index].Errors.push_back(
          {Files[Index], "cannot create a temporary file"});
      Done(Index, Start);
      return;
    }
    ::close(FD);
    llvm::outs().flush();
    llvm::errs().flush();
    pid_t Pid = ::fork();
    if (Pid == 0) {
      // What Clang prints when it crashes goes to a file the parent reads.
      ::dup2(ErrFD, 2);
      ::close(ErrFD);
      if (Opts.TimeoutSeconds)
        ::alarm(Opts.TimeoutSeconds);
      TUResult R = analyzeFile(Files[Index], Opts);
      std::error_code EC;
      llvm::raw_fd_ostream OS(Path, EC);
      if (EC)
        ::_exit(70);
      OS << serialize(R);
      OS.close();
      ::_exit(OS.has_error() ? 71 : 0);
    }
    ::close(ErrFD);
    if (Pid < 0) {
      // No process to spare: analyze here, without isolation.
      llvm::sys::fs::remove(Path);
      llvm::sys::fs::remove(ErrPath);
      Results[Index] = analyzeFile(Files[Index], Opts);
      Done(Index, Start);
      return;
    }
    Active[Pid] = {Index, std::string(Path.str()), std::string(ErrPath.str()),
                   Start};
  };

  while (Next < Files.size() || !Active.empty()) {
    while (Next < Files.size() && Active.size() < Jobs)
      Spawn(Next++);
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
    R.File = Files[Finished.Index];
    if (WIFEXITED(Status) && WEXITSTATUS(Status) == 0) {
      auto Buf = llvm::MemoryBuffer::getFile(Finished.Output);
      std::string Error;
      if (!Buf || !deserialize((*Buf)->getBuffer(), R, Error))
        R.Errors.push_back({R.File, "cannot read the analysis result: " +
                                        (Buf ? Error : Buf.getError().message())});
    } else {
      R.Errors.push_back({R.File, describeStatus(Status, Opts.TimeoutSeconds) +
                                      crashContext(Finished.Stderr)});
    }
    if (WIFEXITED(Status))
      forwardStderr(Finished.Stderr);
    llvm::sys::fs::remove(Finished.Output);
    llvm::sys::fs::remove(Finished.Stderr);
    Done(Finished.Index, Finished.Start);
  }
  return Results;
}

} // namespace memlint
