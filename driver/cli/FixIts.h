//===- FixIts.h - applying the safe fix-its of findings -------------------===//
#ifndef MEMLINT_DRIVER_FIXITS_H
#define MEMLINT_DRIVER_FIXITS_H

#include "Finding.h"

#include <string>
#include <vector>

namespace memlint {

class SourceFiles;

struct FixOutcome {
  std::vector<bool> Fixed; // per finding: its fix was applied
  unsigned Applied = 0;    // fixes applied
  unsigned Suggestions = 0; // fixes not safe, left alone
  unsigned Conflicts = 0;  // safe fixes that overlapped an earlier one
  std::vector<std::string> Files; // files rewritten
  std::vector<std::string> Problems;
};

/// Applies the safe fix-its of \p Findings (Finding::Fix, FixIsSafe) to the
/// files, all edits of one fix or none: a fix whose edits overlap an edit
/// already taken (findings in report order), or point outside the text
/// memlint analyzed, is skipped. Each file is rewritten once, through a
/// temporary file created exclusively next to it and a rename (a symlinked
/// source is fixed at its target, with the target's mode).
FixOutcome applyFixIts(const std::vector<Finding> &Findings,
                       SourceFiles &Sources);

} // namespace memlint

#endif
