//===- CheckCommand.cpp - `memlint check` ---------------------------------===//
#include "Commands.h"
#include "CompileCommands.h"
#include "Console.h"
#include "FactsFile.h"
#include "Incremental.h"
#include "Interrupt.h"
#include "Options.h"
#include "Output.h"
#include "Pipeline.h"
#include "PostProcess.h"
#include "SourceFiles.h"
#include "TUWorker.h"
#include "UnmodeledReport.h"

#include "memlint/RuleLoader.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

using namespace clang;

namespace memlint {
namespace {

struct CheckOptions {
  std::string BuildPath;
  std::optional<std::string> ChecksGlobs;
  bool ListChecks = false;
  ReportOptions Report; // --format and what is reported (PostProcess.h)
  OutputOptions Out;    // -o, --export-fixes, --color, --show-confidence
  unsigned Jobs = 0;
  unsigned TimeoutSeconds = 0;
  std::string Config;
  bool AssumeClosedWorld = false;
  bool DumpConfig = false;
  bool ReportUnmodeled = false;
  std::vector<std::string> Files;
  bool HasCompilerArgs = false;
  std::vector<std::string> CompilerArgs;
  bool FindCompileDb = false;          // --find-compile-db
  std::vector<std::string> ExtraArgs;  // --extra-arg
  bool Quiet = false, Verbose = false; // --quiet, -v
  bool Cache = false;                  // --cache
  std::string CacheDir;                // --cache-dir
  uint64_t CacheMaxBytes = FactsCache::DefaultMaxBytes; // --cache-max-size
  unsigned ShardIndex = 0, ShardCount = 0; // --shard i/N
  std::string FactsOut;                // --facts-out
};

/// The one option table of `memlint check` (Options.h says how to add one;
/// docs/cli.md lists them all).
cli::OptionTable checkTable(CheckOptions &O) {
  cli::OptionTable T("check", {"[options] <files...> [-- <compiler args>]"},
                     "lint C and C++ sources for memory anti-patterns");
  T.string("-p, --build-path", "<dir>",
           "read compile_commands.json from <dir>; with no files, analyze "
           "every file in it",
           O.BuildPath);
  T.string("--checks", "<globs>",
           "clang-tidy style globs, e.g. '-*,unbounded-*'", O.ChecksGlobs);
  T.flag("--list-checks", "list the enabled checks and exit", O.ListChecks);
  addReportOptions(T, O.Report, O.Out);
  T.flag("--find-compile-db",
         "(the default; kept for older pre-commit hooks) without -p and '--', "
         "use the nearest compile_commands.json above the first file",
         O.FindCompileDb);
  T.list("--extra-arg", "<arg>",
         "append <arg> to every compile command (repeatable)", O.ExtraArgs);
  T.number("-j, --jobs", "<n>", "translation units analyzed at once", O.Jobs,
           /*Min=*/1)
      .defaultText("the number of cores");
  // Generous: a hostile or broken translation unit (a constexpr loop, a
  // template explosion) must not hold a CI job forever (docs/security.md).
  T.number("--tu-timeout", "<secs>",
           "give up on a translation unit after <secs>; 0: never",
           O.TimeoutSeconds)
      .defaultValue("600");
  T.string("--config", "<file>", "a .memlint.yaml", O.Config)
      .defaultText("the nearest one above the first input");
  T.flag("--dump-config", "print the effective configuration and exit",
         O.DumpConfig);
  T.flag("--report-unmodeled",
         "list library calls no rule pack describes (in loops, or on pack "
         "containers) and exit",
         O.ReportUnmodeled);
  T.flag("--assume-closed-world",
         "judge members and globals other translation units could reach from "
         "the files analyzed",
         O.AssumeClosedWorld);
  T.flag("-q, --quiet",
         "print only findings, warnings and errors: no progress, no word on "
         "what was used or hidden",
         O.Quiet);
  T.flag("-v, --verbose",
         "also print the configuration, the compile command of each file "
         "and a progress line each",
         O.Verbose);
  T.flag("--cache",
         "keep each translation unit's results in the default cache "
         "directory ($XDG_CACHE_HOME/memlint, else ~/.cache/memlint) and "
         "analyze again only those whose compile command, configuration or "
         "sources (any file they include) changed; with files and a compile "
         "database, judge the files against the cached facts of the rest of "
         "the database",
         O.Cache);
  T.string("--cache-dir", "<dir>", "--cache, in <dir>", O.CacheDir);
  addCacheMaxSizeOption(T, O.CacheMaxBytes);
  T.custom("--shard", "<i/N>",
           "analyze only the i-th of N deterministic parts of the translation "
           "units (with --facts-out; `memlint merge` decides over all parts)",
           [&O](llvm::StringRef V) {
             std::string Error;
             parseShard(V, O.ShardIndex, O.ShardCount, Error);
             return Error;
           });
  T.string("--facts-out", "<file>",
           "write the translation units' facts, summaries and local findings "
           "to <file> for `memlint merge`, instead of a report",
           O.FactsOut);
  T.note("Without -p and without '--', C++ files are analyzed as C++17 and "
         "C files as C17.");
  T.note("NOLINT(memlint-<rule>), NOLINTNEXTLINE and NOLINTBEGIN/END "
         "comments suppress findings as in clang-tidy.");
  T.note("Exit codes: 0 no findings, 1 findings, 2 usage or configuration "
         "error, 3 some input could not be analyzed.");
  return T;
}

int usageError(const std::string &Message) {
  llvm::errs() << "memlint: error: " << Message << "\n"
               << "run 'memlint check --help' for usage\n";
  return ExitUsage;
}

/// Parses `check` arguments; returns an exit code on error or help.
std::optional<int> parseArgs(const std::vector<std::string> &Args,
                             CheckOptions &O) {
  cli::OptionTable T = checkTable(O);
  cli::ParsedArgs P;
  if (std::optional<int> Exit = T.parse(Args, P))
    return Exit;
  O.Files = std::move(P.Positionals);
  O.HasCompilerArgs = P.DashDash;
  O.CompilerArgs = std::move(P.AfterDashDash);
  if (O.Quiet && O.Verbose)
    return T.usageError("give either --quiet or --verbose, not both");
  setVerbosity(O.Quiet     ? Verbosity::Quiet
               : O.Verbose ? Verbosity::Verbose
                           : Verbosity::Normal);
  return std::nullopt;
}

/// Warns about each positive --checks glob that names no check (a typo that
/// would silently leave a check off).
void warnUnmatchedGlobs(llvm::StringRef Globs) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Globs.split(Parts, ',', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Ids;
  for (const RuleInfo &R : implementedRules())
    Ids.push_back(R.Id);
  for (llvm::StringRef G : Parts) {
    G = G.trim();
    if (G.empty() || G.starts_with("-"))
      continue;
    std::string Pattern = G.str();
    if (llvm::any_of(Ids, [&](const std::string &Id) {
          return globMatch(Pattern, Id) || globMatch(Pattern, "memlint-" + Id);
        }))
      continue;
    llvm::errs() << "memlint: warning: --checks glob '" << G
                 << "' matches no check";
    std::vector<std::string> Names = Ids;
    if (G.starts_with("memlint-"))
      for (std::string &Id : Names)
        Id = "memlint-" + Id;
    std::string Near = cli::closest(G.str(), Names);
    if (!Near.empty())
      llvm::errs() << "; did you mean '" << Near << "'?";
    llvm::errs() << "\n";
  }
}

/// Judging a few files against the cached facts of the rest of a program
/// (the pre-commit hook): what is found besides in those files is reported
/// only when the last run over the whole database did not find it, that
/// is, when their change caused it.
void keepWhatTheChangeCaused(Report &R, const std::vector<Finding> &Whole,
                             const std::set<std::string> &Checked) {
  std::set<std::tuple<std::string, unsigned, unsigned, std::string,
                      std::string>>
      Known;
  for (const Finding &F : Whole)
    Known.insert({F.At.File, F.At.Line, F.At.Column, F.Rule, F.Message});
  llvm::erase_if(R.Findings, [&](const Finding &F) {
    return !Checked.count(F.At.File) &&
           Known.count({F.At.File, F.At.Line, F.At.Column, F.Rule, F.Message});
  });
}

} // namespace

cli::OptionTable describeCheck() {
  static CheckOptions Unused; // the table only documents itself here
  return checkTable(Unused);
}

int runCheck(const std::vector<std::string> &Args, const std::string &Exe) {
  CheckOptions O;
  if (std::optional<int> Exit = parseArgs(Args, O))
    return *Exit;
  interrupt::install(); // workers and temporary files go on SIGINT/SIGTERM

  if (O.ChecksGlobs)
    warnUnmatchedGlobs(*O.ChecksGlobs);

  // API knowledge: the shipped packs, then the project's configuration.
  SettingsRequest Req;
  Req.Config = O.Config;
  if (!O.Files.empty())
    Req.DiscoverFrom.push_back(O.Files.front());
  if (!O.BuildPath.empty())
    Req.DiscoverFrom.push_back(O.BuildPath + "/compile_commands.json");
  Req.DiscoverInCurrentDir = true;
  Req.ChecksGlobs = O.ChecksGlobs;
  Req.AssumeClosedWorld = O.AssumeClosedWorld;
  Req.ReportUnmodeled = O.ReportUnmodeled;
  RunSettings S;
  if (std::optional<int> Exit = loadRunSettingsOrExit(Exe, Req, S, usageError))
    return *Exit;
  if (O.DumpConfig) {
    llvm::outs() << dumpConfig(S.Rules);
    return ExitClean;
  }
  if (std::string Error = noChecksError(Req, S); !Error.empty())
    return usageError(Error);
  if (O.ListChecks) {
    llvm::outs() << "Enabled checks:\n";
    for (const std::string &Id : S.Analysis.Checks.enabledRules())
      llvm::outs() << "    memlint-" << Id << "\n";
    return ExitClean;
  }
  if (O.ShardCount && O.FactsOut.empty())
    return usageError("--shard needs --facts-out: each part's facts are "
                      "decided together by `memlint merge`");
  if (!O.FactsOut.empty()) {
    const char *Conflict =
        O.ReportUnmodeled                  ? "--report-unmodeled"
        : O.Report.Fix                     ? "--fix"
        : !O.Out.Output.empty()            ? "--output"
        : !O.Out.ExportFixes.empty()       ? "--export-fixes"
        : !O.Report.Baseline.empty()       ? "--baseline"
        : !O.Report.WriteBaseline.empty()  ? "--write-baseline"
        : O.Report.ChangedLines            ? "--changed-lines"
                                           : nullptr;
    if (Conflict)
      return usageError(std::string("--facts-out writes facts, not a report: "
                                    "give ") +
                        Conflict + " to `memlint merge`");
  }

  // Without -p and '--', as clang-tidy: the nearest compile_commands.json
  // above the first file (or in a build/ there), within its git work tree.
  if (O.BuildPath.empty() && !O.HasCompilerArgs && !O.Files.empty()) {
    O.BuildPath = findCompileDatabaseDir(absolutePath(O.Files.front()));
    if (!O.BuildPath.empty())
      info() << "memlint: using " << displayPath(O.BuildPath)
             << "/compile_commands.json\n";
  }

  AnalyzedInputs Inputs; // for the post-processing
  Inputs.WholeDatabase = !O.BuildPath.empty() && O.Files.empty();
  // Every translation unit of the project is analyzed: every caller of a
  // function the project declares is seen. (Shards of a whole database
  // record it for `merge`.)
  S.Analysis.WholeProgram = Inputs.WholeDatabase;

  // Compile commands: -p, or '--', or a default C++17 command line.
  std::unique_ptr<tooling::CompilationDatabase> DB;
  std::vector<std::string> DatabaseFiles;
  if (!O.BuildPath.empty()) {
    if (O.HasCompilerArgs)
      return usageError("give either -p or '-- <compiler args>', not both");
    std::string Error;
    // Its list of files: the inputs when none are named, and with the cache
    // the rest of the program named files are judged with (reading every
    // command line of a large database costs CPU on each run).
    bool ListFiles = O.Files.empty() || O.Cache || !O.CacheDir.empty();
    DB = openCompileDatabase(O.BuildPath, Error,
                             ListFiles ? &DatabaseFiles : nullptr);
    if (!DB)
      return usageError(Error);
    if (O.Files.empty()) {
      O.Files = DatabaseFiles;
      if (O.Files.empty())
        return usageError("compile database '" + O.BuildPath +
                          "/compile_commands.json' lists no files: nothing "
                          "to analyze");
    }
  } else {
    if (O.Files.empty())
      return usageError("no input files");
    if (O.HasCompilerArgs) {
      DB = std::make_unique<tooling::FixedCompilationDatabase>(".",
                                                               O.CompilerArgs);
    } else {
      info() << "memlint: no compile database (-p) and no '--' compiler "
                "arguments; analyzing as '-std=c++17' (C files as '-x c "
                "-std=c17')\n";
      DB = defaultCompileCommands(O.Files);
    }
  }
  DB = withExtraArgs(std::move(DB), O.ExtraArgs);

  // Reads the baseline and the diff (stdin, or git) before any work.
  PostProcessor Post(O.Report);
  {
    std::string Error;
    if (!Post.prepare(Error))
      return usageError(Error);
  }
  // `exclude:` globs of .memlint.yaml: not analyzed, not reported.
  std::set<std::string> ExcludedFiles;
  auto Analyzed = [&](const std::vector<std::string> &In) {
    std::vector<std::string> Out;
    std::set<std::string> Seen;
    for (const std::string &F : In) {
      std::string A = absolutePath(F);
      if (isExcluded(S.Rules, A)) {
        ExcludedFiles.insert(A);
        continue;
      }
      if (Seen.insert(A).second)
        Out.push_back(A);
    }
    return Out;
  };
  std::vector<std::string> Files = Analyzed(O.Files);
  if (!ExcludedFiles.empty())
    info() << "memlint: " << ExcludedFiles.size()
           << (ExcludedFiles.size() == 1 ? " file" : " files")
           << " in paths excluded by "
           << (S.Rules.ConfigFiles.empty()
                   ? std::string()
                   : displayPath(S.Rules.ConfigFiles.back()))
           << " not analyzed\n";
  if (O.ShardCount)
    Files = shardOf(Files, O.ShardIndex, O.ShardCount);

  WorkerOptions W;
  W.Database = DB.get();
  W.Analysis = S.Analysis;
  W.ResourceDir = clangResourceDir(Exe);
  W.Jobs = O.Jobs ? O.Jobs : std::max(1u, std::thread::hardware_concurrency());
  W.TimeoutSeconds = O.TimeoutSeconds;
  if (verbosity() == Verbosity::Verbose) {
    verbose() << "memlint: configuration: "
              << (S.ConfigPath.empty() ? std::string("none (the shipped packs)")
                                       : displayPath(S.ConfigPath))
              << "\nmemlint: " << Files.size()
              << (Files.size() == 1 ? " file" : " files") << ", " << W.Jobs
              << (W.Jobs == 1 ? " job" : " jobs") << "\n";
    for (const std::string &F : Files)
      for (const tooling::CompileCommand &C : DB->getCompileCommands(F))
        verbose() << "memlint: " << displayPath(F) << ": "
                  << llvm::join(C.CommandLine, " ") << "\n";
  }
  Progress Bar(Files.size(), llvm::errs().is_displayed());
  W.OnDone = [&](const TUResult &R, double Seconds) {
    Bar.finished(R.File, Seconds, !R.Errors.empty());
  };

  // The facts cache: only TUs whose key changed are analyzed.
  std::unique_ptr<FactsCache> Cache;
  std::unique_ptr<CacheSession> Session;
  if (O.Cache || !O.CacheDir.empty()) {
    std::string Dir =
        O.CacheDir.empty() ? FactsCache::defaultDir() : absolutePath(O.CacheDir);
    if (Dir.empty())
      return usageError("--cache: neither XDG_CACHE_HOME nor HOME is set; "
                        "give --cache-dir");
    Cache = std::make_unique<FactsCache>(Dir, O.CacheMaxBytes);
    std::string Error;
    if (Cache->open(Error)) {
      Session = std::make_unique<CacheSession>(
          *Cache, settingsKey(Exe, S.Analysis, S.Rules, W.ResourceDir));
    } else {
      llvm::errs() << "memlint: warning: " << Error
                   << "; analyzing without the cache\n";
    }
  }
  std::vector<TUResult> Results =
      Session ? analyzeWithCache(Files, W, *Session) : analyzeAll(Files, W);
  Bar.finish();
  if (Session)
    reportCacheUse(*Session, Files.size());

  if (O.ReportUnmodeled) {
    std::vector<UnmodeledCall> All;
    std::vector<InputError> Errors;
    for (TUResult &T : Results) {
      All.insert(All.end(), T.Analysis.Unmodeled.begin(),
                 T.Analysis.Unmodeled.end());
      Errors.insert(Errors.end(), T.Errors.begin(), T.Errors.end());
    }
    writeUnmodeled(llvm::outs(), All);
    for (const InputError &E : Errors)
      llvm::errs() << displayPath(E.File) << ": error: " << E.Message << "\n";
    return Errors.empty() ? ExitClean : ExitInputError;
  }

  if (!O.FactsOut.empty()) {
    FactsFile F;
    F.Memlint = MEMLINT_VERSION;
    F.Settings = settingsKey(Exe, S.Analysis, S.Rules, W.ResourceDir);
    F.Config = S.ConfigPath.empty() ? "" : absolutePath(S.ConfigPath);
    F.Checks = S.Analysis.Checks.enabledRules();
    F.AssumeClosedWorld = S.Analysis.AssumeClosedWorld;
    F.WholeDatabase = Inputs.WholeDatabase;
    F.ShardIndex = O.ShardIndex;
    F.ShardCount = O.ShardCount;
    F.Root = absolutePath(".");
    F.TUs = std::move(Results);
    std::string Error;
    if (!writeFactsFile(O.FactsOut, F, Error))
      return usageError(Error);
    return ExitClean; // errors travel in the file; `merge` reports them
  }

  // With a cache, files named on a compile database are judged against the
  // cached facts of the rest of it.
  bool Context = Session && !DatabaseFiles.empty() && !Inputs.WholeDatabase;
  std::set<std::string> Checked(Files.begin(), Files.end());
  std::string BuildDir = O.BuildPath.empty() ? "" : absolutePath(O.BuildPath);
  if (Context) {
    std::vector<std::string> Others;
    for (const std::string &F : Analyzed(DatabaseFiles))
      if (!Checked.count(F))
        Others.push_back(F);
    unsigned Stale = 0, Missing = 0;
    std::vector<TUResult> Rest =
        cachedContext(Others, W, *Session, Stale, Missing);
    info() << "memlint: judged with the cached facts of " << Rest.size()
           << " other translation unit" << (Rest.size() == 1 ? "" : "s");
    if (Stale || Missing)
      info() << " (" << Stale << " older than their sources, " << Missing
             << " not cached)";
    info() << "\n";
    // Every other translation unit has cached facts: the whole program.
    S.Analysis.WholeProgram = Missing == 0;
    std::move(Rest.begin(), Rest.end(), std::back_inserter(Results));
  }

  S.Analysis.TestCode = Post.testCode(S.Rules);
  Report R = decideAll(Results, S);
  if (Session && Inputs.WholeDatabase && !O.ShardCount)
    recordWholeProgramFindings(*Session, BuildDir, R.Findings);
  if (Context)
    keepWhatTheChangeCaused(
        R,
        wholeProgramFindings(*Session, BuildDir).value_or(std::vector<Finding>()),
        Checked);

  // Vendored code, --min-confidence, NOLINT, --header-filter, --baseline,
  // --changed-lines, --fail-on; then the report.
  Inputs.MainFiles = Files;
  Inputs.Rules = &S.Rules;
  std::string Error;
  int Status = emitReport(R, Post, Inputs, O.Out, Error);
  if (Status == ExitUsage && !Error.empty())
    return usageError(Error);
  return Status;
}

} // namespace memlint
