//===- UnmodeledReport.h - `memlint check --report-unmodeled` -------------===//
#ifndef MEMLINT_DRIVER_UNMODELEDREPORT_H
#define MEMLINT_DRIVER_UNMODELEDREPORT_H

#include "Analysis.h"

namespace llvm {
class raw_ostream;
}

namespace memlint {
/// One line per unmodeled name: how often, why, and where first; most
/// frequent first.
void writeUnmodeled(llvm::raw_ostream &OS,
                    const std::vector<UnmodeledCall> &Calls);
} // namespace memlint

#endif
