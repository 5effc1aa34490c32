//===- QueryInLoopCheck.h - memlint-query-in-loop -------------------------===//
//
// N+1 queries: a database query executed once per item of a collection
// (directly or through a helper).
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_QUERYINLOOPCHECK_H
#define MEMLINT_CHECKS_QUERYINLOOPCHECK_H

#include "Finding.h"

#include <vector>

namespace clang {
class ASTContext;
}

namespace memlint {
struct RuleSet;

/// Appends the findings of one translation unit to \p Out.
void collectQueryInLoop(clang::ASTContext &Ctx, const RuleSet &Rules,
                 std::vector<Finding> &Out);

} // namespace memlint

#endif
