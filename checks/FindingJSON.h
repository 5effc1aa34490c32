//===- FindingJSON.h - findings to and from JSON --------------------------===//
#ifndef MEMLINT_CHECKS_FINDINGJSON_H
#define MEMLINT_CHECKS_FINDINGJSON_H

#include "Finding.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/JSON.h"

namespace memlint {

/// The shape of one finding in `--format=json` (docs/schema). \p Path maps
/// the stored absolute path to the one to print.
llvm::json::Value
findingToJSON(const Finding &F,
              llvm::function_ref<std::string(const std::string &)> Path =
                  [](const std::string &P) { return P; });
bool findingFromJSON(const llvm::json::Value &V, Finding &F);

} // namespace memlint

#endif
