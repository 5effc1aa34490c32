//===- UnboundedMemoizationCheck.h ----------------------------------------------------===//
#ifndef MEMLINT_CHECKS_UNBOUNDEDMEMOIZATIONCHECK_H
#define MEMLINT_CHECKS_UNBOUNDEDMEMOIZATIONCHECK_H

#include "Finding.h"

#include <vector>

namespace memlint {
class ProgramView;

/// unbounded-memoization: see docs/checks/unbounded-memoization.md.
void decideUnboundedMemoization(const ProgramView &View, std::vector<Finding> &Out);
} // namespace memlint

#endif
