//===- UnboundedContainerGrowthCheck.h ------------------------------------===//
#ifndef MEMLINT_CHECKS_UNBOUNDEDCONTAINERGROWTHCHECK_H
#define MEMLINT_CHECKS_UNBOUNDEDCONTAINERGROWTHCHECK_H

#include "Finding.h"

#include <vector>

namespace memlint {
class ProgramView;

/// unbounded-container-growth: a long-lived container grown somewhere and
/// never erased, popped, cleared, reassigned, moved out or size-bounded
/// anywhere that can reach it. See docs/checks/unbounded-container-growth.md.
void decideUnboundedContainerGrowth(const ProgramView &View,
                                    std::vector<Finding> &Out);
} // namespace memlint

#endif
