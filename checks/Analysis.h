//===- Analysis.h - the one implementation every front end drives ---------===//
//
// The CLI and the clang-tidy plugin both call collect() on each translation
// unit and decide() on the facts they have, so the same source yields the
// same findings through either front end.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_ANALYSIS_H
#define MEMLINT_CHECKS_ANALYSIS_H

#include "CheckRegistry.h"
#include "facts/Facts.h"
#include "Finding.h"

#include <functional>
#include <string>

namespace clang {
class ASTContext;
}

namespace memlint {

struct RuleSet;

struct AnalysisOptions {
  const RuleSet *Rules = nullptr;
  CheckFilter Checks;
  /// Judge entities whose closed world cannot be proven (public members of
  /// classes in headers, extern globals) from the facts at hand.
  bool AssumeClosedWorld = false;
  /// The facts come from every translation unit of the project (the CLI on
  /// a whole compile database): every caller of a project function is seen,
  /// so a container reached through a public accessor is judged.
  bool WholeProgram = false;
  /// Tells test and benchmark files (VendoredFilter::testCode): what only
  /// they drive is low confidence, as findings in them are.
  std::function<bool(const std::string &File)> TestCode;
  /// Also list library calls no rule pack describes (--report-unmodeled).
  bool ReportUnmodeled = false;
};

/// A library call memlint has no vocabulary for: a method of a pack
/// container that its model does not list, or a library function called in
/// a loop that no pack entry names. What a user may want to teach memlint.
struct UnmodeledCall {
  std::string Name; // "std::vector::frobnicate", "sqlite3_blob_read"
  std::string Why;  // "container method" | "called in a loop"
  Loc At;
};

/// Facts and local (single-function) findings of one translation unit.
struct TUAnalysis {
  Facts TUFacts;
  std::vector<Finding> Local;
  std::vector<UnmodeledCall> Unmodeled;
};

/// Walks one parsed translation unit. The caller must not call this on a TU
/// that had compile errors (no guessing from a broken AST).
void collect(clang::ASTContext &Ctx, const AnalysisOptions &Opts,
             TUAnalysis &Out);

/// Rules a .memlint.yaml disables are off whatever \p Checks enables.
void applyConfiguration(const RuleSet &Rules, CheckFilter &Checks);

/// Whole-program verdicts over the facts of one or many translation units:
/// the entity rules, and the flow rules' shapes that cross calls; with
/// \p Local, the local findings of those translation units, every flow
/// finding ranked by what drives the function it is in
/// (program/FlowDrivers.h).
std::vector<Finding> decide(const Facts &F, const AnalysisOptions &Opts,
                            std::vector<Finding> Local = {});

} // namespace memlint

#endif
