//===- StreamAccumulationCheck.h - memlint-stream-accumulation ------------===//
//
// A loop that streams a source (a stream call in its condition, a range
// over a stream iterator, a body that stops when a read fails) and appends
// every element, or something derived from each, to a container declared
// outside the loop: the stream is re-materialized in memory.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_STREAMACCUMULATIONCHECK_H
#define MEMLINT_CHECKS_STREAMACCUMULATIONCHECK_H

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
void collectStreamAccumulation(flow::Apis &A,
    const std::vector<const clang::FunctionDecl *> &Functions,
    std::vector<Finding> &Out);

} // namespace memlint

#endif
