//===- PostProcess.h - from decided findings to the reported ones ---------===//
//
// Between decide() and the emitters, over plain findings (notes kept):
//
//   fingerprints (of everything decided, so that filtering never renumbers)
//   -> vendored code -> --min-confidence -> NOLINT comments -> --header-filter -> --baseline -> --changed-lines
//   -> --fix applies the safe fix-its of what is left
//   -> --fail-on decides the exit code (a fixed finding does not count)
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_DRIVER_POSTPROCESS_H
#define MEMLINT_DRIVER_POSTPROCESS_H

#include "Baseline.h"
#include "ChangedLines.h"
#include "Output.h"
#include "SourceFiles.h"

#include "memlint/RuleSet.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace memlint {

/// The `memlint check` options about what is reported and how.
struct ReportOptions {
  std::string Format = "text";
  /// The lowest severity that makes the exit code 1; "none": never.
  std::string FailOn = "note";
  std::string ProjectRoot;                        // --project-root
  std::optional<std::string> HeaderFilter;        // --header-filter
  std::optional<std::string> ExcludeHeaderFilter; // --exclude-header-filter
  std::string Baseline;                           // --baseline
  std::string WriteBaseline;                      // --write-baseline
  bool ChangedLines = false;                      // --changed-lines
  std::string DiffBase; // --diff-base; without it the diff is read on stdin
  bool Fix = false;     // --fix: apply the safe fix-its of what is reported
  /// --min-confidence: findings below it are not reported.
  Confidence MinConfidence = Confidence::Medium;
  /// --include-vendored: report findings in vendored code (Vendored.h) too.
  bool IncludeVendored = false;
};

/// Values `--format` accepts, the default first.
const std::vector<std::string> &reportFormats();
/// Values `--fail-on` accepts: note, warning, error, none.
const std::vector<std::string> &failOnLevels();

/// What the analysis ran on: its main files (absolute) and whether they are
/// a whole compile database. Headers are what is not a main file; a baseline
/// entry counts as gone only where the run could have seen it.
struct AnalyzedInputs {
  std::vector<std::string> MainFiles;
  bool WholeDatabase = false;
  /// The configuration of the run: its `vendored:` globs.
  const RuleSet *Rules = nullptr;
};

class PostProcessor {
public:
  explicit PostProcessor(ReportOptions Options);

  /// Before the analysis: option combinations, the header filter regexes,
  /// the baseline and the diff (read now: stdin, or git). False and \p Error
  /// on a usage or configuration error.
  bool prepare(std::string &Error);

  /// Runs the pipeline over \p R (sorted, deduplicated), says on stderr what
  /// it hid, and returns ExitClean or ExitFindings per --fail-on; ExitUsage
  /// with \p Error when the baseline cannot be written.
  int run(Report &R, const AnalyzedInputs &In, std::string &Error);

  /// Tells test and benchmark files as run() marks them (after prepare()):
  /// for AnalysisOptions::TestCode, so that what only tests drive is low
  /// too. \p Rules must outlive the filter.
  std::function<bool(const std::string &File)>
  testCode(const RuleSet &Rules) const;

  const ReportOptions &options() const { return O; }
  const std::string &projectRoot() const { return Root; }

private:
  ReportOptions O;
  std::string Root;
  std::string VendorRoot; // "" when the project's extent is unknown
  SourceFiles Sources;
  std::vector<BaselineEntry> Known;
  ChangedLines Changes;
};

} // namespace memlint

#endif
