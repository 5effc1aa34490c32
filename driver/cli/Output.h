//===- Output.h - the CLI's emitters --------------------------------------===//
#ifndef MEMLINT_DRIVER_OUTPUT_H
#define MEMLINT_DRIVER_OUTPUT_H

#include "Finding.h"

#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
}

namespace memlint {

struct Report {
  std::vector<Finding> Findings; // sorted, deduplicated
  std::vector<InputError> Errors;
};

/// Relative to the current directory when the file is below it, else as is.
std::string displayPath(const std::string &Path);

/// clang style: `file:line:col: warning: message [memlint-rule]`, then notes.
void writeText(llvm::raw_ostream &OS, const Report &R);
/// The versioned JSON report (docs/schema/memlint-report.schema.json).
void writeJSON(llvm::raw_ostream &OS, const Report &R, const char *Version);

} // namespace memlint

#endif
