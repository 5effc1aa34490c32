//===- SafeCommands.cpp ---------------------------------------------------===//
#include "SafeCommands.h"

#include "SafeIO.h"

#include "clang/Frontend/CompilerInvocation.h"
#include "llvm/Config/llvm-config.h"
#include "clang/Lex/HeaderSearchOptions.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace memlint {

std::unique_ptr<clang::tooling::CompilationDatabase>
loadCompileDatabase(const std::string &Dir, std::string &Error) {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, "compile_commands.json");
  std::string Name(Path.str()), Why;
  std::unique_ptr<llvm::MemoryBuffer> Buf =
      readRegularFile(Name, MaxCompileDatabaseBytes, Why);
  if (!Buf) {
    Error = "cannot read compile database '" + Name + "': " + Why;
    return nullptr;
  }
  if (!checkJSONDepth(Buf->getBuffer(), MaxJSONDepth, Why)) {
    Error = "cannot read compile database '" + Name + "': " + Name + ":" + Why;
    return nullptr;
  }
  std::string ParseError;
  auto DB = clang::tooling::JSONCompilationDatabase::loadFromBuffer(
      Buf->getBuffer(), ParseError,
      clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB) {
    Error = "cannot read compile database '" + Name + "': " + ParseError;
    return nullptr;
  }
  return DB;
}

std::vector<std::string>
databaseFiles(const clang::tooling::CompilationDatabase &DB) {
  std::vector<std::string> Out;
  for (const clang::tooling::CompileCommand &C : DB.getAllCompileCommands()) {
    llvm::SmallString<256> P(C.Filename);
    if (llvm::sys::path::is_relative(P)) {
      P = C.Directory;
      llvm::sys::path::append(P, C.Filename);
    }
    llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    Out.push_back(std::string(P.str()));
  }
  return Out;
}

namespace {

/// How a driver flag takes its value.
enum class Takes { Nothing, NextArg, Joined, JoinedOrNext };

struct OutputFlag {
  const char *Spelling;
  Takes Value;
};

// Driver flags that make the compiler write a file (or that only matter for
// one); the front end's own options (-Xclang ...) are cleared on the
// invocation instead (sanitizeInvocation).
const OutputFlag OutputFlags[] = {
    {"-o", Takes::JoinedOrNext},
    {"--output", Takes::NextArg},
    {"--output=", Takes::Joined},
    {"--serialize-diagnostics", Takes::NextArg},
    {"-serialize-diagnostics", Takes::NextArg},
    {"-MJ", Takes::JoinedOrNext},
    {"-MF", Takes::JoinedOrNext},
    {"-MT", Takes::JoinedOrNext},
    {"-MQ", Takes::JoinedOrNext},
    {"-MD", Takes::Nothing},
    {"-MMD", Takes::Nothing},
    {"-M", Takes::Nothing},
    {"-MM", Takes::Nothing},
    {"-MG", Takes::Nothing},
    {"-MP", Takes::Nothing},
    {"-MV", Takes::Nothing},
    {"--write-dependencies", Takes::Nothing},
    {"--write-user-dependencies", Takes::Nothing},
    {"--dependencies", Takes::Nothing},
    {"--user-dependencies", Takes::Nothing},
    {"-dependency-file", Takes::NextArg},
    {"-dependency-dot", Takes::NextArg},
    {"-ftime-trace", Takes::Nothing},
    {"-ftime-trace=", Takes::Joined},
    {"-ftime-trace-granularity=", Takes::Joined},
    {"-save-temps", Takes::Nothing},
    {"-save-temps=", Takes::Joined},
    {"--save-temps", Takes::Nothing},
    {"-fcrash-diagnostics-dir=", Takes::Joined},
    {"-fproc-stat-report", Takes::Nothing},
    {"-fproc-stat-report=", Takes::Joined},
    {"-fplugin=", Takes::Joined},
    {"-fpass-plugin=", Takes::Joined},
    {"-fmodules-cache-path=", Takes::Joined},
    {"-fmodule-output", Takes::Nothing},
    {"-fmodule-output=", Takes::Joined},
};

// The same for the front end's own options, given through -Xclang (each
// value in an -Xclang of its own). They are cleared on the invocation anyway;
// removing them here keeps the command line well-formed for Clang's own
// argument adjusters, which would otherwise split the pairs.
const OutputFlag FrontEndOutputFlags[] = {
    {"-o", Takes::JoinedOrNext},
    {"-dependency-file", Takes::NextArg},
    {"-dependency-dot", Takes::NextArg},
    {"-header-include-file", Takes::NextArg},
    {"-serialize-diagnostic-file", Takes::NextArg},
    {"-diagnostic-log-file", Takes::NextArg},
    {"-module-dependency-dir", Takes::NextArg},
    {"-arcmt-migrate-report-output", Takes::NextArg},
    {"-MT", Takes::JoinedOrNext},
    {"-MQ", Takes::JoinedOrNext},
    {"-load", Takes::NextArg},
    {"-plugin", Takes::NextArg},
    {"-add-plugin", Takes::NextArg},
    {"-plugin-arg-", Takes::NextArg},
    {"-mllvm", Takes::NextArg},
    {"-stats-file=", Takes::Joined},
    {"-ftime-trace", Takes::Nothing},
    {"-ftime-trace=", Takes::Joined},
    {"-fmodules-cache-path=", Takes::Joined},
    {"-fmodule-output=", Takes::Joined},
    {"-sys-header-deps", Takes::Nothing},
    {"-module-file-deps", Takes::Nothing},
};

/// How many arguments \p A (with what follows) takes when it is one of
/// \p Flags: 0 when it is not, 1 for the flag alone, 2 with a separate value.
template <size_t N>
size_t matchFlag(llvm::StringRef A, const OutputFlag (&Flags)[N]) {
  for (const OutputFlag &F : Flags) {
    llvm::StringRef S(F.Spelling);
    bool Exact = A == S, Prefix = A.starts_with(S) && A.size() > S.size();
    // "-plugin-arg-<name> <value>" is a prefix that takes a value.
    if (S.ends_with("-") && A.starts_with(S))
      return 2;
    if (S == "-o" && A.starts_with("-obj"))
      continue; // -objcmt-*, -object: not an output
    if ((F.Value == Takes::Nothing && Exact) ||
        (F.Value == Takes::Joined && A.starts_with(S)) ||
        (F.Value == Takes::JoinedOrNext && Prefix))
      return 1;
    if ((F.Value == Takes::NextArg || F.Value == Takes::JoinedOrNext) && Exact)
      return 2;
  }
  return 0;
}

} // namespace

std::vector<std::string> stripOutputFlags(const std::vector<std::string> &Args,
                                          std::vector<std::string> *Removed) {
  std::vector<std::string> Out;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (I == 0 || A == "--") {
      // The compiler's name; after "--" only inputs follow.
      if (A == "--") {
        Out.insert(Out.end(), Args.begin() + I, Args.end());
        break;
      }
      Out.push_back(Args[I]);
      continue;
    }
    size_t Take; // arguments removed, the flag included
    if (A == "-Xclang" && I + 1 < Args.size()) {
      // -Xclang <option> [-Xclang <value>]
      size_t F = matchFlag(Args[I + 1], FrontEndOutputFlags);
      Take = F == 0 ? 0 : F == 1 ? 2 : 4;
      if (!Take) {
        Out.push_back(Args[I]);
        Out.push_back(Args[++I]);
        continue;
      }
    } else {
      Take = matchFlag(A, OutputFlags);
    }
    if (!Take) {
      Out.push_back(Args[I]);
      continue;
    }
    for (size_t K = 0; K < Take && I + K < Args.size(); ++K)
      if (Removed)
        Removed->push_back(Args[I + K]);
    I += Take - 1;
  }
  return Out;
}

void sanitizeInvocation(clang::CompilerInvocation &CI,
                        const std::string &ScratchDir) {
  clang::DependencyOutputOptions &Dep = CI.getDependencyOutputOpts();
  Dep.OutputFile.clear();
  Dep.HeaderIncludeOutputFile.clear();
  Dep.DOTOutputFile.clear();
  Dep.ModuleDependencyOutputDir.clear();
  Dep.Targets.clear();
  Dep.ShowHeaderIncludes = false;
  Dep.ShowIncludesDest = clang::ShowIncludesDestination::None;

  clang::DiagnosticOptions &Diag = CI.getDiagnosticOpts();
  Diag.DiagnosticSerializationFile.clear();
  Diag.DiagnosticLogFile.clear();

  clang::FrontendOptions &FE = CI.getFrontendOpts();
  FE.OutputFile.clear();
  FE.StatsFile.clear();
  FE.TimeTracePath.clear();
#if LLVM_VERSION_MAJOR >= 17
  FE.ModuleOutputPath.clear();
  FE.SymbolGraphOutputDir.clear();
#endif
#if LLVM_VERSION_MAJOR < 21 // ARCMT is gone in LLVM 21
  FE.ARCMTMigrateReportOut.clear();
  FE.MTMigrateDir.clear();
#endif
  FE.Plugins.clear();
  FE.AddPluginActions.clear();
  FE.PluginArgs.clear();
  FE.ActionName.clear();
  FE.LLVMArgs.clear();
  FE.ShowStats = false;

  CI.getCodeGenOpts().PassPlugins.clear();

  // Implicit modules are built into the cache: ours, removed with the run.
  clang::HeaderSearchOptions &HS = CI.getHeaderSearchOpts();
  HS.ModuleUserBuildPath.clear();
  if (ScratchDir.empty()) {
#if LLVM_VERSION_MAJOR >= 18
    CI.getLangOpts().ImplicitModules = false;
#else
    CI.getLangOpts()->ImplicitModules = false;
#endif
    HS.ModuleCachePath.clear();
  } else {
    llvm::SmallString<256> Cache(ScratchDir);
    llvm::sys::path::append(Cache, "modules");
    HS.ModuleCachePath = std::string(Cache.str());
  }
}

std::vector<clang::tooling::CompileCommand>
SanitizedDatabase::getCompileCommands(llvm::StringRef File) const {
  std::vector<clang::tooling::CompileCommand> Commands =
      Base.getCompileCommands(File);
  for (clang::tooling::CompileCommand &C : Commands)
    C.CommandLine = stripOutputFlags(C.CommandLine);
  return Commands;
}

} // namespace memlint
