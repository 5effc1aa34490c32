//===- IncrementalCommands.cpp - `memlint merge`, `collect`, `lsp` --------===//
//
// The per-TU step and the whole-program step of `memlint check`, run apart:
// `collect` (one source, explicit flags: a Bazel action) and `check --shard
// --facts-out` (a CI matrix job) write .facts files; `merge` decides and
// reports over them exactly as one `check` would. `lsp` runs both steps per
// saved file for an editor.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "FactsFile.h"
#include "Incremental.h"
#include "LspServer.h"
#include "Options.h"
#include "Pipeline.h"
#include "PostProcess.h"
#include "SourceFiles.h"

#include "memlint/RuleLoader.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>

using namespace clang;

namespace memlint {
namespace {

//===-- merge -------------------------------------------------------------===//

struct MergeOptions {
  std::string Config;
  ReportOptions Report;
  OutputOptions Out;
};

cli::OptionTable mergeTable(MergeOptions &O) {
  cli::OptionTable T("merge", {"[options] <file.facts>..."},
                     "decide and report over the facts of shards "
                     "(check --shard --facts-out) or collected sources");
  T.description(
      "Reads the .facts files of `memlint check --shard i/N --facts-out` (all "
      "N of them) or of `memlint collect`, merges what every translation "
      "unit says, decides the whole-program rules and reports: the same "
      "report, byte for byte, as one `memlint check` over all the sources. "
      "Run it where the sources are (NOLINT comments, fingerprints and "
      "columns are read from them); paths below the directory a facts file "
      "was written from are taken relative to the current directory.");
  T.string("--config", "<file>", "a .memlint.yaml", O.Config)
      .defaultText("the one the facts were collected with");
  addReportOptions(T, O.Report, O.Out);
  T.note("Exit codes: 0 no findings, 1 findings, 2 usage error or facts files "
         "that do not belong together (a missing shard, another memlint or "
         "configuration), 3 some input could not be analyzed.");
  return T;
}

//===-- collect -----------------------------------------------------------===//

struct CollectOptions {
  std::string Output;
  std::string BuildPath;
  std::string Config;
  std::optional<std::string> ChecksGlobs;
  bool AssumeClosedWorld = false;
  std::vector<std::string> ExtraArgs;
  unsigned TimeoutSeconds = 0;
};

cli::OptionTable collectTable(CollectOptions &O) {
  cli::OptionTable T(
      "collect", {"[options] -o <file.facts> <source>... [-- <compiler args>]"},
      "analyze sources and write their facts for `memlint merge` (the "
      "per-source step of a build system such as Bazel)");
  T.description("Analyzes each source with the given compiler arguments (or "
                "its command in -p's compile database) and writes its facts, "
                "summaries, local findings and errors to one .facts file. "
                "A source that does not compile is recorded as an error for "
                "`memlint merge` to report; the exit code is 0 whenever the "
                "file was written.");
  T.string("-o, --output", "<file>", "the .facts file to write", O.Output);
  T.string("-p, --build-path", "<dir>", "read compile_commands.json from <dir>",
           O.BuildPath);
  T.string("--config", "<file>", "a .memlint.yaml", O.Config)
      .defaultText("the nearest one above the first source");
  T.string("--checks", "<globs>",
           "clang-tidy style globs, e.g. '-*,unbounded-*'", O.ChecksGlobs);
  T.flag("--assume-closed-world",
         "recorded for `memlint merge`: judge members and globals other "
         "translation units could reach",
         O.AssumeClosedWorld);
  T.list("--extra-arg", "<arg>",
         "append <arg> to every compile command (repeatable)", O.ExtraArgs);
  T.number("--tu-timeout", "<secs>",
           "give up on a source after <secs>; 0: never", O.TimeoutSeconds)
      .defaultValue("600");
  T.note("Without -p and without '--', sources are analyzed as C++17.");
  return T;
}

//===-- lsp ---------------------------------------------------------------===//

cli::OptionTable lspTable(LspOptions &O) {
  cli::OptionTable T("lsp", {"[options]"},
                     "a language server for editors (LSP over stdin/stdout)");
  T.description(
      "Speaks the Language Server Protocol on stdin and stdout. When a file "
      "is opened or saved, analyzes its translation unit with the compile "
      "database's flags, takes the rest of the program from the facts cache, "
      "and publishes diagnostics for it and for other open files whose "
      "whole-program findings changed. Fix-its are code actions. See "
      "docs/editors.md.");
  T.string("-p, --build-path", "<dir>", "read compile_commands.json from <dir>",
           O.BuildPath)
      .defaultText("the nearest one above each file, or in a build/ there");
  T.string("--cache-dir", "<dir>",
           "the facts cache (shared with `memlint check --cache`)",
           O.CacheDir)
      .defaultText("$XDG_CACHE_HOME/memlint, else ~/.cache/memlint");
  T.flag("--no-cache",
         "keep facts only in memory: whole-program verdicts see only files "
         "opened in this session",
         O.NoCache);
  addCacheMaxSizeOption(T, O.CacheMaxBytes);
  T.string("--config", "<file>", "a .memlint.yaml", O.Config)
      .defaultText("the nearest one above each file");
  T.string("--checks", "<globs>",
           "clang-tidy style globs, e.g. '-*,unbounded-*'", O.ChecksGlobs);
  T.flag("--assume-closed-world",
         "judge members and globals other translation units could reach",
         O.AssumeClosedWorld);
  T.number("--tu-timeout", "<secs>",
           "give up on a translation unit after <secs>; 0: never",
           O.TimeoutSeconds)
      .defaultValue("600");
  return T;
}

} // namespace

cli::OptionTable describeMerge() {
  static MergeOptions Unused;
  return mergeTable(Unused);
}

int runMerge(const std::vector<std::string> &Args, const std::string &Exe) {
  MergeOptions O;
  cli::OptionTable T = mergeTable(O);
  cli::ParsedArgs P;
  if (std::optional<int> Exit = T.parse(Args, P))
    return *Exit;
  if (P.DashDash)
    return T.usageError("merge takes no compiler arguments");
  if (P.Positionals.empty())
    return T.usageError("no facts files");

  // Paths below each file's root are read relative to here.
  std::string Root = absolutePath(".");
  std::vector<FactsFile> Files(P.Positionals.size());
  for (size_t I = 0; I < Files.size(); ++I) {
    std::string Error;
    if (!readFactsFile(P.Positionals[I], Root, Files[I], Error))
      return T.usageError(Error);
  }
  {
    std::string Error;
    if (!checkFactsFilesAgree(P.Positionals, Files, Error))
      return T.usageError(Error);
  }
  const FactsFile &First = Files.front();

  // The configuration the facts were collected with (or --config), and the
  // checks and closed-world choice they were collected for.
  SettingsRequest Req;
  Req.Config = O.Config.empty() ? First.Config : O.Config;
  Req.ChecksGlobs = "-*";
  for (const std::string &C : First.Checks)
    *Req.ChecksGlobs += "," + C;
  Req.AssumeClosedWorld = First.AssumeClosedWorld;
  RunSettings S;
  if (std::optional<int> Exit = loadRunSettingsOrExit(Exe, Req, S, [&T](const std::string &E) { return T.usageError(E); }))
    return *Exit;
  // Shards of a whole compile database are the whole program.
  S.Analysis.WholeProgram = First.WholeDatabase;
  if (settingsKey(Exe, S.Analysis, S.Rules, clangResourceDir(Exe)) !=
      First.Settings)
    return T.usageError(
        P.Positionals.front() +
        " was collected by another memlint build, or with another "
        "configuration (rule packs, thresholds, enabled checks) than " +
        (Req.Config.empty() ? std::string("no .memlint.yaml")
                            : "'" + Req.Config + "'") +
        "; merge with the memlint and the configuration that collected it");

  PostProcessor Post(O.Report);
  {
    std::string Error;
    if (!Post.prepare(Error))
      return T.usageError(Error);
  }
  std::vector<TUResult> Results;
  AnalyzedInputs Inputs;
  Inputs.WholeDatabase = First.WholeDatabase;
  for (FactsFile &F : Files)
    for (TUResult &R : F.TUs) {
      Inputs.MainFiles.push_back(R.File);
      Results.push_back(std::move(R));
    }
  S.Analysis.TestCode = Post.testCode(S.Rules);
  Report R = decideAll(Results, S);
  std::string Error;
  Inputs.Rules = &S.Rules;
  int Status = emitReport(R, Post, Inputs, O.Out, Error);
  if (Status == ExitUsage && !Error.empty())
    return T.usageError(Error);
  return Status;
}

cli::OptionTable describeCollect() {
  static CollectOptions Unused;
  return collectTable(Unused);
}

int runCollect(const std::vector<std::string> &Args, const std::string &Exe) {
  CollectOptions O;
  cli::OptionTable T = collectTable(O);
  cli::ParsedArgs P;
  if (std::optional<int> Exit = T.parse(Args, P))
    return *Exit;
  if (O.Output.empty())
    return T.usageError("-o <file.facts> is required");
  if (P.Positionals.empty())
    return T.usageError("no source files");
  if (!O.BuildPath.empty() && P.DashDash)
    return T.usageError("give either -p or '-- <compiler args>', not both");

  SettingsRequest Req;
  Req.Config = O.Config;
  Req.DiscoverFrom = {P.Positionals.front()};
  Req.ChecksGlobs = O.ChecksGlobs;
  Req.AssumeClosedWorld = O.AssumeClosedWorld;
  RunSettings S;
  if (std::optional<int> Exit = loadRunSettingsOrExit(Exe, Req, S, [&T](const std::string &E) { return T.usageError(E); }))
    return *Exit;
  if (std::string Error = noChecksError(Req, S); !Error.empty())
    return T.usageError(Error);

  std::unique_ptr<tooling::CompilationDatabase> DB;
  if (!O.BuildPath.empty()) {
    std::string Error;
    DB = openCompileDatabase(O.BuildPath, Error);
    if (!DB)
      return T.usageError(Error);
  } else {
    std::vector<std::string> CompilerArgs = P.AfterDashDash;
    if (!P.DashDash)
      CompilerArgs = {"-std=c++17"};
    DB = std::make_unique<tooling::FixedCompilationDatabase>(".", CompilerArgs);
  }
  DB = withExtraArgs(std::move(DB), O.ExtraArgs);

  std::vector<std::string> Files;
  for (const std::string &F : P.Positionals)
    if (!llvm::is_contained(Files, absolutePath(F)))
      Files.push_back(absolutePath(F));
  WorkerOptions W;
  W.Database = DB.get();
  W.Analysis = S.Analysis;
  W.ResourceDir = clangResourceDir(Exe);
  W.Jobs = 1;
  W.TimeoutSeconds = O.TimeoutSeconds;

  FactsFile F;
  F.Memlint = MEMLINT_VERSION;
  F.Settings = settingsKey(Exe, S.Analysis, S.Rules, W.ResourceDir);
  F.Config = S.ConfigPath.empty() ? "" : absolutePath(S.ConfigPath);
  F.Checks = S.Analysis.Checks.enabledRules();
  F.AssumeClosedWorld = S.Analysis.AssumeClosedWorld;
  F.Root = absolutePath(".");
  F.TUs = analyzeAll(Files, W);
  for (const TUResult &R : F.TUs)
    for (const InputError &E : R.Errors)
      llvm::errs() << displayPath(E.File) << ": error: " << E.Message << "\n";
  std::string Error;
  if (!writeFactsFile(O.Output, F, Error))
    return T.usageError(Error);
  return ExitClean;
}

cli::OptionTable describeLsp() {
  static LspOptions Unused;
  return lspTable(Unused);
}

int runLsp(const std::vector<std::string> &Args, const std::string &Exe) {
  LspOptions O;
  cli::OptionTable T = lspTable(O);
  cli::ParsedArgs P;
  if (std::optional<int> Exit = T.parse(Args, P))
    return *Exit;
  if (!P.Positionals.empty() || P.DashDash)
    return T.usageError("lsp takes no files: the editor opens them");
  if (!O.CacheDir.empty() && O.NoCache)
    return T.usageError("give either --cache-dir or --no-cache, not both");
  {
    std::string Error;
    if (O.ChecksGlobs && !CheckFilter::parse(*O.ChecksGlobs, Error))
      return T.usageError(Error);
  }
  return runLspServer(O, Exe, stdin, llvm::outs());
}

} // namespace memlint
