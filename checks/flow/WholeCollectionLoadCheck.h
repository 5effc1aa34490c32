//===- WholeCollectionLoadCheck.h - memlint-whole-collection-load ---------===//
//
// A single call or construct that materializes a whole file, result set or
// generated range where a streaming form exists.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_WHOLECOLLECTIONLOADCHECK_H
#define MEMLINT_CHECKS_WHOLECOLLECTIONLOADCHECK_H

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
void collectWholeCollectionLoad(flow::Apis &A,
    const std::vector<const clang::FunctionDecl *> &Functions,
    std::vector<Finding> &Out);

} // namespace memlint

#endif
