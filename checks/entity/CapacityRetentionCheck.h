//===- CapacityRetentionCheck.h ----------------------------------------------------===//
#ifndef MEMLINT_CHECKS_CAPACITYRETENTIONCHECK_H
#define MEMLINT_CHECKS_CAPACITYRETENTIONCHECK_H

#include "Finding.h"

#include <vector>

namespace memlint {
class ProgramView;

/// capacity-retention: see docs/checks/capacity-retention.md.
void decideCapacityRetention(const ProgramView &View, std::vector<Finding> &Out);
} // namespace memlint

#endif
