//===- CheckCommand.cpp - `memlint check` ---------------------------------===//
#include "Commands.h"
#include "CompileCommands.h"
#include "Console.h"
#include "ExportFixes.h"
#include "Interrupt.h"
#include "Options.h"
#include "SafeCommands.h"
#include "SafeIO.h"
#include "Output.h"
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

using namespace clang;

namespace memlint {
namespace {

struct CheckOptions {
  std::string BuildPath;
  std::optional<std::string> ChecksGlobs;
  bool ListChecks = false;
  ReportOptions Report; // --format and what is reported (PostProcess.h)
  std::string Output;
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
  std::string ExportFixes;             // --export-fixes
  std::string Color;                   // --color
  bool ShowConfidence = false;         // --show-confidence
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
  T.choice("--format", "<format>",
           "text (clang style), json, sarif, codeclimate or github",
           O.Report.Format, reportFormats())
      .defaultValue(reportFormats().front());
  T.string("-o, --output", "<file>",
           "write the report to <file> instead of stdout", O.Output);
  T.choice("--color", "<when>",
           "text: colours as clang's, and each position's source line with a "
           "caret: auto (when the report goes to a terminal; no colour if "
           "NO_COLOR is set), always, or never (no colour; source lines on a "
           "terminal still)",
           O.Color, {"auto", "always", "never"})
      .defaultValue("auto");
  T.flag("--show-confidence",
         "text: say how sure each finding is (low, medium, high)",
         O.ShowConfidence);
  T.custom("--min-confidence", "<level>",
           "report only findings at least this sure: low, medium or high",
           [&O](llvm::StringRef V) -> std::string {
             if (!confidenceFromString(V.str(), O.Report.MinConfidence))
               return "--min-confidence must be 'low', 'medium' or 'high' "
                      "(got '" + V.str() + "')";
             return "";
           })
      .defaultValue("medium");
  T.choice("--fail-on", "<severity>",
           "exit 1 only for findings of that severity or higher: note (any "
           "finding), warning, error, or none (never)",
           O.Report.FailOn, failOnLevels())
      .defaultValue("note");
  T.string("--header-filter", "<regex>",
           "report findings in headers only when the header's path matches",
           O.Report.HeaderFilter)
      .defaultText("all headers");
  T.string("--exclude-header-filter", "<regex>",
           "... and does not match this", O.Report.ExcludeHeaderFilter);
  T.string("--baseline", "<file>",
           "report only findings not recorded in <file>", O.Report.Baseline);
  T.string("--write-baseline", "<file>",
           "record today's findings in <file> (exit 0)",
           O.Report.WriteBaseline);
  T.flag("--changed-lines",
         "report only findings on changed lines: of a unified diff on stdin, "
         "or of --diff-base",
         O.Report.ChangedLines);
  T.string("--diff-base", "<rev>",
           "git: the change since the merge base of <rev>", O.Report.DiffBase);
  T.flag("--find-compile-db",
         "(the default; kept for older pre-commit hooks) without -p and '--', "
         "use the nearest compile_commands.json above the first file",
         O.FindCompileDb);
  T.list("--extra-arg", "<arg>",
         "append <arg> to every compile command (repeatable)", O.ExtraArgs);
  T.flag("--fix", "apply the fix-its checks mark safe", O.Report.Fix);
  T.string("--export-fixes", "<file>",
           "write the reported findings and their safe fix-its to <file> as "
           "YAML for clang-apply-replacements, as clang-tidy does",
           O.ExportFixes);
  T.string("--project-root", "<dir>",
           "what paths in sarif/codeclimate/github output and fingerprints "
           "are relative to; findings outside it are not reported (vendored "
           "code)",
           O.Report.ProjectRoot)
      .defaultText("the git work tree around the current directory");
  T.flag("--include-vendored",
         "also report findings in vendored code: outside the project root, "
         "under third_party/, vendor/, deps/ and the like, in test-framework "
         "amalgamations (catch.hpp), and in `vendored:` paths",
         O.Report.IncludeVendored);
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

std::string absolute(const std::string &Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P.str());
}

std::string resourceDir(const std::string &Exe) {
  if (llvm::sys::fs::exists(MEMLINT_CLANG_RESOURCE_DIR "/include/stddef.h"))
    return MEMLINT_CLANG_RESOURCE_DIR;
  // Relocated install next to its own clang: <prefix>/lib/clang/<major>.
  llvm::SmallString<256> P(llvm::sys::path::parent_path(
      llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(P, "lib", "clang", std::to_string(LLVM_VERSION_MAJOR));
  return std::string(P.str());
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

  AnalysisOptions Analysis;
  if (O.ChecksGlobs) {
    std::string Error;
    std::optional<CheckFilter> F = CheckFilter::parse(*O.ChecksGlobs, Error);
    if (!F)
      return usageError(Error);
    Analysis.Checks = *F;
  }
  if (O.ChecksGlobs)
    warnUnmatchedGlobs(*O.ChecksGlobs);

  // API knowledge: the shipped packs, then the project's configuration.
  RuleSet Rules;
  std::vector<RuleError> RuleErrors;
  std::string Config = O.Config;
  if (Config.empty() && !O.Files.empty())
    Config = findUserConfig(O.Files.front());
  if (Config.empty() && !O.BuildPath.empty())
    Config = findUserConfig(O.BuildPath + "/compile_commands.json");
  // No input (--dump-config, --list-checks): the current directory's, as
  // clang-tidy.
  if (Config.empty() && O.Files.empty() && O.BuildPath.empty())
    Config = findUserConfig(UserConfigFileName);
  loadEffectiveRules(Exe, Config, Rules, RuleErrors);
  if (!RuleErrors.empty()) {
    for (const RuleError &E : RuleErrors)
      llvm::errs() << E.str() << "\n";
    llvm::errs() << "memlint: error: invalid rule configuration\n";
    return ExitUsage;
  }
  Analysis.Rules = &Rules;
  Analysis.AssumeClosedWorld = O.AssumeClosedWorld;
  Analysis.ReportUnmodeled = O.ReportUnmodeled;
  applyConfiguration(Rules, Analysis.Checks);
  if (O.DumpConfig) {
    llvm::outs() << dumpConfig(Rules);
    return ExitClean;
  }
  // As clang-tidy: a run that can report nothing is a mistake, not a pass.
  if (Analysis.Checks.enabledRules().empty()) {
    std::string Why = O.ChecksGlobs ? "--checks='" + *O.ChecksGlobs + "'" : "";
    if (!Rules.ConfigFiles.empty())
      Why += (Why.empty() ? "" : " and ") + displayPath(Rules.ConfigFiles.back());
    return usageError("no checks enabled" +
                      (Why.empty() ? "" : " (by " + Why + ")") +
                      "; 'memlint check --checks=* --list-checks' lists them");
  }
  if (O.ListChecks) {
    llvm::outs() << "Enabled checks:\n";
    for (const std::string &Id : Analysis.Checks.enabledRules())
      llvm::outs() << "    memlint-" << Id << "\n";
    return ExitClean;
  }

  // Without -p and '--', as clang-tidy: the nearest compile_commands.json
  // above the first file (or in a build/ there), within its git work tree.
  if (O.BuildPath.empty() && !O.HasCompilerArgs && !O.Files.empty()) {
    O.BuildPath = findCompileDatabaseDir(absolute(O.Files.front()));
    if (!O.BuildPath.empty())
      info() << "memlint: using " << displayPath(O.BuildPath)
             << "/compile_commands.json\n";
  }

  AnalyzedInputs Inputs; // for the post-processing
  Inputs.WholeDatabase = !O.BuildPath.empty() && O.Files.empty();
  // Every translation unit of the project is analyzed: every caller of a
  // function the project declares is seen.
  Analysis.WholeProgram = Inputs.WholeDatabase;

  // Compile commands: -p, or '--', or a default C++17 command line.
  std::unique_ptr<tooling::CompilationDatabase> DB;
  if (!O.BuildPath.empty()) {
    if (O.HasCompilerArgs)
      return usageError("give either -p or '-- <compiler args>', not both");
    std::string Error;
    llvm::SmallString<256> JSON(O.BuildPath);
    llvm::sys::path::append(JSON, "compile_commands.json");
    if (!llvm::sys::fs::exists(JSON))
      return usageError("no compile_commands.json in '" + O.BuildPath + "'");
    // A regular file of bounded size and nesting (SafeCommands.h).
    std::unique_ptr<tooling::CompilationDatabase> JDB =
        loadCompileDatabase(O.BuildPath, Error);
    if (!JDB)
      return usageError(Error);
    if (O.Files.empty()) {
      for (const std::string &F : databaseFiles(*JDB))
        O.Files.push_back(F);
      if (O.Files.empty())
        return usageError("compile database '" + JSON.str().str() +
                          "' lists no files: nothing to analyze");
    }
    // Files not in the database (new files, headers) borrow the flags of
    // their nearest neighbour, like clangd does.
    DB = keepLanguage(tooling::inferMissingCompileCommands(std::move(JDB)));
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
  if (!O.ExtraArgs.empty()) {
    auto Adjusted =
        std::make_unique<tooling::ArgumentsAdjustingCompilations>(std::move(DB));
    Adjusted->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        O.ExtraArgs, tooling::ArgumentInsertPosition::END));
    DB = std::move(Adjusted);
  }

  // Reads the baseline and the diff (stdin, or git) before any work.
  PostProcessor Post(O.Report);
  {
    std::string Error;
    if (!Post.prepare(Error))
      return usageError(Error);
  }
  std::vector<std::string> Files;
  std::set<std::string> Seen;
  std::set<std::string> ExcludedFiles;
  for (const std::string &F : O.Files) {
    std::string A = absolute(F);
    // `exclude:` globs of .memlint.yaml: not analyzed, not reported.
    if (isExcluded(Rules, A)) {
      ExcludedFiles.insert(A);
      continue;
    }
    if (Seen.insert(A).second)
      Files.push_back(A);
  }
  std::string ExcludedBy =
      Rules.ConfigFiles.empty() ? "" : displayPath(Rules.ConfigFiles.back());
  if (!ExcludedFiles.empty())
    info() << "memlint: " << ExcludedFiles.size()
           << (ExcludedFiles.size() == 1 ? " file" : " files")
           << " in paths excluded by " << ExcludedBy << " not analyzed\n";

  WorkerOptions W;
  W.Database = DB.get();
  W.Analysis = Analysis;
  W.ResourceDir = resourceDir(Exe);
  W.Jobs = O.Jobs ? O.Jobs : std::max(1u, std::thread::hardware_concurrency());
  W.TimeoutSeconds = O.TimeoutSeconds;
  if (verbosity() == Verbosity::Verbose) {
    verbose() << "memlint: configuration: "
              << (Config.empty() ? std::string("none (the shipped packs)")
                                 : displayPath(Config))
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
  std::vector<TUResult> Results = analyzeAll(Files, W);
  Bar.finish();

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

  // Entity rules decide once every TU has been seen.
  auto MergeStart = std::chrono::steady_clock::now();
  Facts All;
  Report R;
  size_t FactBytes = 0;
  for (TUResult &T : Results) {
    if (verbosity() == Verbosity::Verbose) {
      std::string S;
      llvm::raw_string_ostream OS(S);
      OS << toJSON(T.Analysis.TUFacts);
      FactBytes += OS.str().size();
    }
    All.merge(T.Analysis.TUFacts);
    for (Finding &F : T.Analysis.Local)
      R.Findings.push_back(std::move(F));
    for (InputError &E : T.Errors)
      R.Errors.push_back(std::move(E));
  }
  All.normalize();
  std::sort(R.Errors.begin(), R.Errors.end(),
            [](const InputError &A, const InputError &B) {
              return std::tie(A.File, A.Message) < std::tie(B.File, B.Message);
            });
  for (Finding &F : decide(All, Analysis))
    R.Findings.push_back(std::move(F));
  sortAndDedupe(R.Findings);
  if (verbosity() == Verbosity::Verbose)
    verbose() << llvm::formatv(
        "memlint: merged the facts of {0} files ({1:f1} KiB of JSON, {2} "
        "functions, {3} calls) and decided in {4:f3} s\n",
        Results.size(), FactBytes / 1024.0, All.Functions.size(),
        All.Calls.size(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                      MergeStart)
            .count());
  // Findings in excluded paths (headers of third-party code) are dropped.
  size_t Before = R.Findings.size();
  R.Findings.erase(std::remove_if(R.Findings.begin(), R.Findings.end(),
                                  [&](const Finding &F) {
                                    return isExcluded(Rules, F.At.File);
                                  }),
                   R.Findings.end());
  if (size_t N = Before - R.Findings.size())
    info() << "memlint: " << N << (N == 1 ? " finding" : " findings")
           << " in paths excluded by " << ExcludedBy << " not reported\n";
  // The severity .memlint.yaml gives each rule (else the rule's default);
  // --fail-on and the CI formats read it.
  for (Finding &F : R.Findings)
    if (findCheck(F.Rule))
      F.Severity = toString(Rules.severity(F.Rule));

  // NOLINT, --header-filter, --baseline, --changed-lines, --fail-on.
  Inputs.MainFiles = Files;
  Inputs.Rules = &Rules;
  R.Rules = Analysis.Checks.enabledRules();
  std::string PostError;
  int Status = Post.run(R, Inputs, PostError);
  if (Status == ExitUsage)
    return usageError(PostError);

  if (!O.ExportFixes.empty()) {
    SourceFiles Sources;
    std::string Error;
    if (!exportFixes(O.ExportFixes, R.Findings,
                     Files.empty() ? "" : Files.front(), Sources, Error))
      return usageError(Error);
  }

  std::error_code EC;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!O.Output.empty()) {
    File = std::make_unique<llvm::raw_fd_ostream>(O.Output, EC);
    if (EC)
      return usageError("cannot write '" + O.Output + "': " + EC.message());
  }
  llvm::raw_fd_ostream &OS = File ? *File : llvm::outs();
  TextStyle Style;
  bool Terminal = !File && llvm::outs().is_displayed();
  Style.Color = O.Color == "always" ||
                (O.Color == "auto" && Terminal && !std::getenv("NO_COLOR"));
  Style.SourceLines = O.Color == "always" || Terminal;
  Style.Confidence = O.ShowConfidence;
  // --write-baseline records the findings; printing them all too buries
  // what the run says (a report still goes to -o when one is asked for).
  if (O.Report.WriteBaseline.empty() || File)
    writeReport(OS, R, O.Report.Format, MEMLINT_VERSION, Style);
  // A report that did not reach its file is an error of its own (exit 2),
  // never "no findings" or "findings" (docs/cli.md).
  if (std::string WriteError; File ? !finishOutput(*File, WriteError)
                                   : (OS.flush(), OS.has_error())) {
    if (!File) {
      WriteError = OS.error().message();
      OS.clear_error();
    }
    llvm::errs() << "memlint: error: cannot write the report to "
                 << (File ? "'" + O.Output + "'" : std::string("standard output"))
                 << ": " << WriteError << "\n";
    return ExitWriteError;
  }

  for (const InputError &E : R.Errors)
    llvm::errs() << displayPath(E.File) << ": error: " << E.Message << "\n";
  if (!R.Errors.empty())
    return ExitInputError;
  return Status;
}

} // namespace memlint
