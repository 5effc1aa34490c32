//===- SharedPtrCycleCheck.h ----------------------------------------------------===//
#ifndef MEMLINT_CHECKS_SHAREDPTRCYCLECHECK_H
#define MEMLINT_CHECKS_SHAREDPTRCYCLECHECK_H

#include "Finding.h"

#include <vector>

namespace memlint {
class ProgramView;

/// shared-ptr-cycle: see docs/checks/shared-ptr-cycle.md.
void decideSharedPtrCycle(const ProgramView &View, std::vector<Finding> &Out);
} // namespace memlint

#endif
