//===- Sarif.h - the one SARIF writer, for `check` and `confirm` ----------===//
#ifndef MEMLINT_DRIVER_SARIF_H
#define MEMLINT_DRIVER_SARIF_H

#include "Output.h"

#include "llvm/Support/JSON.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace memlint {

/// What a caller other than `memlint check` adds to the report: `memlint
/// confirm` judges every finding by measurement and says so in each result.
struct SarifExtras {
  /// One per finding of the report, or none.
  struct Result {
    std::string Level;       // "warning", "note", ...; empty: from severity
    std::string Measured;    // a sentence appended to the message
    llvm::json::Object Properties;
  };
  std::vector<Result> Results;
  /// Rules that are not checks (confirm's growing-site): id -> summary and
  /// the docs page that explains them.
  struct RuleDoc {
    std::string Summary, Page;
  };
  std::map<std::string, RuleDoc> ExtraRules;
  std::optional<bool> ExecutionSuccessful; // default: no input errors
  std::vector<std::string> CommandLine;
};

/// SARIF 2.1.0 as GitHub code scanning ingests it (Sarif.cpp).
void writeSarif(llvm::raw_ostream &OS, const Report &R, const char *Version,
                const SarifExtras &Extras);

/// Where the docs pages are (SARIF helpUri, informationUri), ending in '/':
/// $MEMLINT_DOCS_URL, else the base compiled in (the repository's docs/
/// folder), else the pages installed next to memlint as a file:// URI.
std::string docsBaseUrl();

} // namespace memlint

#endif
