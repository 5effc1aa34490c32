//===- Pipeline.cpp -------------------------------------------------------===//
#include "Pipeline.h"

#include "Commands.h"
#include "CompileCommands.h"
#include "Console.h"
#include "ExportFixes.h"
#include "FactsCache.h"
#include "Options.h"
#include "PostProcess.h"
#include "SafeCommands.h"
#include "SafeIO.h"

#include "memlint/RuleLoader.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <tuple>

using namespace clang;

namespace memlint {

bool loadRunSettings(const std::string &Exe, const SettingsRequest &Req,
                     RunSettings &S, std::string &Error, bool *ConfigError) {
  if (Req.ChecksGlobs) {
    std::optional<CheckFilter> F = CheckFilter::parse(*Req.ChecksGlobs, Error);
    if (!F)
      return false;
    S.Analysis.Checks = *F;
  }
  S.ConfigPath = Req.Config;
  for (const std::string &From : Req.DiscoverFrom)
    if (S.ConfigPath.empty())
      S.ConfigPath = findUserConfig(From);
  // No input (--dump-config, --list-checks): the current directory's, as
  // clang-tidy.
  if (S.ConfigPath.empty() && Req.DiscoverFrom.empty() &&
      Req.DiscoverInCurrentDir)
    S.ConfigPath = findUserConfig(UserConfigFileName);
  std::vector<RuleError> RuleErrors;
  loadEffectiveRules(Exe, S.ConfigPath, S.Rules, RuleErrors);
  if (!RuleErrors.empty()) {
    for (const RuleError &E : RuleErrors)
      Error += (Error.empty() ? "" : "\n") + E.str();
    if (ConfigError)
      *ConfigError = true;
    return false;
  }
  S.Analysis.Rules = &S.Rules;
  S.Analysis.AssumeClosedWorld = Req.AssumeClosedWorld;
  S.Analysis.ReportUnmodeled = Req.ReportUnmodeled;
  applyConfiguration(S.Rules, S.Analysis.Checks);
  return true;
}

std::string noChecksError(const SettingsRequest &Req, const RunSettings &S) {
  // As clang-tidy: a run that can report nothing is a mistake, not a pass.
  if (!S.Analysis.Checks.enabledRules().empty())
    return "";
  std::string Why = Req.ChecksGlobs ? "--checks='" + *Req.ChecksGlobs + "'" : "";
  if (!S.Rules.ConfigFiles.empty())
    Why += (Why.empty() ? "" : " and ") + displayPath(S.Rules.ConfigFiles.back());
  return "no checks enabled" + (Why.empty() ? "" : " (by " + Why + ")") +
         "; 'memlint check --checks=* --list-checks' lists them";
}

std::string clangResourceDir(const std::string &Exe) {
  if (llvm::sys::fs::exists(MEMLINT_CLANG_RESOURCE_DIR "/include/stddef.h"))
    return MEMLINT_CLANG_RESOURCE_DIR;
  // Relocated install next to its own clang: <prefix>/lib/clang/<major>.
  llvm::SmallString<256> P(llvm::sys::path::parent_path(
      llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(P, "lib", "clang", std::to_string(LLVM_VERSION_MAJOR));
  return std::string(P.str());
}

std::unique_ptr<tooling::CompilationDatabase>
openCompileDatabase(const std::string &BuildDir, std::string &Error,
                    std::vector<std::string> *Files) {
  llvm::SmallString<256> JSON(BuildDir);
  llvm::sys::path::append(JSON, "compile_commands.json");
  if (!llvm::sys::fs::exists(JSON)) {
    Error = "no compile_commands.json in '" + BuildDir + "'";
    return nullptr;
  }
  // A regular file of bounded size and nesting (SafeCommands.h).
  std::unique_ptr<tooling::CompilationDatabase> JDB =
      loadCompileDatabase(BuildDir, Error);
  if (!JDB)
    return nullptr;
  if (Files)
    *Files = databaseFiles(*JDB);
  // Files not in the database (new files, headers) borrow the flags of
  // their nearest neighbour, like clangd does.
  return keepLanguage(tooling::inferMissingCompileCommands(std::move(JDB)));
}

std::unique_ptr<tooling::CompilationDatabase>
withExtraArgs(std::unique_ptr<tooling::CompilationDatabase> DB,
              const std::vector<std::string> &Extra) {
  if (Extra.empty())
    return DB;
  auto Adjusted =
      std::make_unique<tooling::ArgumentsAdjustingCompilations>(std::move(DB));
  Adjusted->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      Extra, tooling::ArgumentInsertPosition::END));
  return Adjusted;
}

Report decideAll(std::vector<TUResult> &Results, const RunSettings &S) {
  // Entity rules decide once every TU has been seen.
  auto MergeStart = std::chrono::steady_clock::now();
  Facts All;
  Report R;
  std::vector<Finding> Local;
  size_t FactBytes = 0;
  for (TUResult &T : Results) {
    if (verbosity() == Verbosity::Verbose) {
      std::string Text;
      llvm::raw_string_ostream OS(Text);
      OS << toJSON(T.Analysis.TUFacts);
      FactBytes += OS.str().size();
    }
    All.merge(T.Analysis.TUFacts);
    for (Finding &F : T.Analysis.Local)
      Local.push_back(std::move(F));
    for (InputError &E : T.Errors)
      R.Errors.push_back(std::move(E));
  }
  All.normalize();
  std::sort(R.Errors.begin(), R.Errors.end(),
            [](const InputError &A, const InputError &B) {
              return std::tie(A.File, A.Message) < std::tie(B.File, B.Message);
            });
  // The local findings too: decide() ranks them by what drives them.
  R.Findings = decide(All, S.Analysis, std::move(Local));
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
                                    return isExcluded(S.Rules, F.At.File);
                                  }),
                   R.Findings.end());
  if (size_t N = Before - R.Findings.size())
    info() << "memlint: " << N << (N == 1 ? " finding" : " findings")
           << " in paths excluded by "
           << (S.Rules.ConfigFiles.empty()
                   ? std::string()
                   : displayPath(S.Rules.ConfigFiles.back()))
           << " not reported\n";
  // The severity .memlint.yaml gives each rule (else the rule's default);
  // --fail-on and the CI formats read it.
  for (Finding &F : R.Findings)
    if (findCheck(F.Rule))
      F.Severity = toString(S.Rules.severity(F.Rule));
  R.Rules = S.Analysis.Checks.enabledRules();
  return R;
}

std::optional<int>
loadRunSettingsOrExit(const std::string &Exe, const SettingsRequest &Req,
                      RunSettings &S,
                      llvm::function_ref<int(const std::string &)> UsageError) {
  std::string Error;
  bool ConfigError = false;
  if (loadRunSettings(Exe, Req, S, Error, &ConfigError))
    return std::nullopt;
  if (!ConfigError)
    return UsageError(Error);
  llvm::errs() << Error << "\nmemlint: error: invalid rule configuration\n";
  return ExitUsage;
}

void addCacheMaxSizeOption(cli::OptionTable &T, uint64_t &Bytes) {
  T.custom("--cache-max-size", "<size>",
           "the cache's bound, in bytes or with K, M or G: least recently "
           "used entries are evicted beyond it",
           [&Bytes](llvm::StringRef V) {
             return parseByteSize(V, Bytes)
                        ? std::string()
                        : "--cache-max-size needs a size such as 512M or 2G "
                          "(got '" + V.str() + "')";
           })
      .defaultText("1G");
}

void addReportOptions(cli::OptionTable &T, ReportOptions &R, OutputOptions &O) {
  T.choice("--format", "<format>",
           "text (clang style), json, sarif, codeclimate or github",
           R.Format, reportFormats())
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
           [&R](llvm::StringRef V) -> std::string {
             if (!confidenceFromString(V.str(), R.MinConfidence))
               return "--min-confidence must be 'low', 'medium' or 'high' "
                      "(got '" + V.str() + "')";
             return "";
           })
      .defaultValue("medium");
  T.choice("--fail-on", "<severity>",
           "exit 1 only for findings of that severity or higher: note (any "
           "finding), warning, error, or none (never)",
           R.FailOn, failOnLevels())
      .defaultValue("note");
  T.string("--header-filter", "<regex>",
           "report findings in headers only when the header's path matches",
           R.HeaderFilter)
      .defaultText("all headers");
  T.string("--exclude-header-filter", "<regex>",
           "... and does not match this", R.ExcludeHeaderFilter);
  T.string("--baseline", "<file>",
           "report only findings not recorded in <file>", R.Baseline);
  T.string("--write-baseline", "<file>",
           "record today's findings in <file> (exit 0)", R.WriteBaseline);
  T.flag("--changed-lines",
         "report only findings on changed lines: of a unified diff on stdin, "
         "or of --diff-base",
         R.ChangedLines);
  T.string("--diff-base", "<rev>",
           "git: the change since the merge base of <rev>", R.DiffBase);
  T.flag("--fix", "apply the fix-its checks mark safe", R.Fix);
  T.string("--export-fixes", "<file>",
           "write the reported findings and their safe fix-its to <file> as "
           "YAML for clang-apply-replacements, as clang-tidy does",
           O.ExportFixes);
  T.string("--project-root", "<dir>",
           "what paths in sarif/codeclimate/github output and fingerprints "
           "are relative to; findings outside it are not reported (vendored "
           "code)",
           R.ProjectRoot)
      .defaultText("the git work tree around the current directory");
  T.flag("--include-vendored",
         "also report findings in vendored code: outside the project root, "
         "under third_party/, vendor/, deps/ and the like, in test-framework "
         "amalgamations (catch.hpp), and in `vendored:` paths",
         R.IncludeVendored);
}

int emitReport(Report &R, PostProcessor &Post, const AnalyzedInputs &In,
               const OutputOptions &O, std::string &Error) {
  // Vendored code, --min-confidence, NOLINT, --header-filter, --baseline,
  // --changed-lines, --fix, --fail-on.
  int Status = Post.run(R, In, Error);
  if (Status == ExitUsage)
    return ExitUsage;

  if (!O.ExportFixes.empty()) {
    SourceFiles Sources;
    if (!exportFixes(O.ExportFixes, R.Findings,
                     In.MainFiles.empty() ? "" : In.MainFiles.front(), Sources,
                     Error))
      return ExitUsage;
  }

  std::error_code EC;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!O.Output.empty()) {
    File = std::make_unique<llvm::raw_fd_ostream>(O.Output, EC);
    if (EC) {
      Error = "cannot write '" + O.Output + "': " + EC.message();
      return ExitUsage;
    }
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
  if (Post.options().WriteBaseline.empty() || File)
    writeReport(OS, R, Post.options().Format, MEMLINT_VERSION, Style);
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
    Error.clear();
    return ExitWriteError;
  }

  for (const InputError &E : R.Errors)
    llvm::errs() << displayPath(E.File) << ": error: " << E.Message << "\n";
  if (!R.Errors.empty())
    return ExitInputError;
  return Status;
}

} // namespace memlint
