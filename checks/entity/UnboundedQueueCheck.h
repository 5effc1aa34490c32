//===- UnboundedQueueCheck.h ----------------------------------------------------===//
#ifndef MEMLINT_CHECKS_UNBOUNDEDQUEUECHECK_H
#define MEMLINT_CHECKS_UNBOUNDEDQUEUECHECK_H

#include "Finding.h"

#include <vector>

namespace memlint {
class ProgramView;

/// unbounded-queue: see docs/checks/unbounded-queue.md.
void decideUnboundedQueue(const ProgramView &View, std::vector<Finding> &Out);
} // namespace memlint

#endif
