//===- Pipeline.h - the steps every analyzing subcommand shares -----------===//
//
//   settings (packs + .memlint.yaml + --checks)
//     -> compile commands -> per-TU results (TUWorker, maybe through the
//        facts cache, or read from .facts files)
//     -> decideAll(): merged facts -> verdicts, plus local findings
//     -> PostProcessor (NOLINT, filters, baseline) -> emitters
//
// `check` runs all of it; `check --facts-out` and `collect` stop after the
// per-TU results; `merge` starts from them; `lsp` runs it per saved file.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_DRIVER_PIPELINE_H
#define MEMLINT_DRIVER_PIPELINE_H

#include "Output.h"
#include "TUWorker.h"

#include "memlint/RuleSet.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tooling {
class CompilationDatabase;
}
namespace memlint::cli {
class OptionTable;
}

namespace memlint {

/// The effective configuration of a run. Analysis.Rules points into Rules,
/// so a RunSettings stays where it was loaded.
struct RunSettings {
  RuleSet Rules;
  AnalysisOptions Analysis;
  std::string ConfigPath; // the .memlint.yaml loaded; "" for none

  RunSettings() = default;
  RunSettings(const RunSettings &) = delete;
  RunSettings &operator=(const RunSettings &) = delete;
};

struct SettingsRequest {
  std::string Config;       // --config; "" to look for one
  /// Paths to look for .memlint.yaml above, in order, without --config.
  std::vector<std::string> DiscoverFrom;
  /// Without --config and DiscoverFrom: the current directory's (`check
  /// --dump-config`, as clang-tidy).
  bool DiscoverInCurrentDir = false;
  std::optional<std::string> ChecksGlobs; // --checks
  bool AssumeClosedWorld = false;
  bool ReportUnmodeled = false;
};

/// Loads the shipped packs and the configuration and applies --checks and
/// the configuration's `enabled:` settings. False with \p Error (exit code
/// 2): a bad --checks, or, with \p ConfigError set, the rule loader's
/// errors, one per line.
bool loadRunSettings(const std::string &Exe, const SettingsRequest &Req,
                     RunSettings &S, std::string &Error,
                     bool *ConfigError = nullptr);

/// loadRunSettings for a subcommand: std::nullopt when loaded; else the
/// exit code, after a bad --checks went to \p UsageError or the rule
/// loader's errors were printed ("invalid rule configuration", exit 2).
std::optional<int>
loadRunSettingsOrExit(const std::string &Exe, const SettingsRequest &Req,
                      RunSettings &S,
                      llvm::function_ref<int(const std::string &)> UsageError);

/// "no checks enabled (by ...)" when --checks and the configuration left
/// none on (a usage error, exit 2, as in clang-tidy); else "".
std::string noChecksError(const SettingsRequest &Req, const RunSettings &S);

/// Clang's resource directory for an executable at \p Exe.
std::string clangResourceDir(const std::string &Exe);

/// The compile database in \p BuildDir (compile_commands.json: a regular
/// file of bounded size and nesting, SafeCommands.h), with commands inferred
/// for files it lacks (new files, headers) as clangd does. \p Files gets the
/// files it lists, absolute. Null with \p Error when missing or unreadable.
std::unique_ptr<clang::tooling::CompilationDatabase>
openCompileDatabase(const std::string &BuildDir, std::string &Error,
                    std::vector<std::string> *Files = nullptr);

class PostProcessor;
struct ReportOptions;
struct AnalyzedInputs;

/// \p DB with \p Extra appended to every command (--extra-arg).
std::unique_ptr<clang::tooling::CompilationDatabase>
withExtraArgs(std::unique_ptr<clang::tooling::CompilationDatabase> DB,
              const std::vector<std::string> &Extra);

/// The findings of one run over \p Results: their facts merged and decided,
/// their local findings and errors, without excluded paths (said on stderr),
/// sorted and deduplicated, each with its configured severity.
Report decideAll(std::vector<TUResult> &Results, const RunSettings &S);

/// How the report is written: `check` and `merge` share these.
struct OutputOptions {
  std::string Output;          // -o; "" for stdout
  std::string ExportFixes;     // --export-fixes
  std::string Color = "auto";  // --color
  bool ShowConfidence = false; // --show-confidence
};

/// The options about what is reported and how, for `check` and `merge` (one
/// definition, one help text).
void addReportOptions(cli::OptionTable &T, ReportOptions &R, OutputOptions &O);
/// --cache-max-size, for every subcommand that keeps the facts cache.
void addCacheMaxSizeOption(cli::OptionTable &T, uint64_t &Bytes);

/// Post-processes \p R (vendored code, --min-confidence, NOLINT, filters,
/// baseline, --fix, --fail-on), writes --export-fixes and the report in the
/// format \p Post was made for, and reports input errors on stderr. Returns
/// the exit code; ExitUsage with \p Error for a usage error (a baseline or
/// --export-fixes that cannot be written), ExitWriteError with \p Error
/// empty when the report could not be written (already said on stderr).
int emitReport(Report &R, PostProcessor &Post, const AnalyzedInputs &In,
               const OutputOptions &O, std::string &Error);

} // namespace memlint

#endif
