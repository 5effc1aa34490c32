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
class FunctionDecl;
}

namespace memlint {
namespace flow {
class Apis;
}

/// Appends the findings in \p Functions (the user functions of one
/// translation unit) to \p Out; \p A is shared by every flow rule.
void collectQueryInLoop(flow::Apis &A,
    const std::vector<const clang::FunctionDecl *> &Functions,
    std::vector<Finding> &Out);

} // namespace memlint

#endif
