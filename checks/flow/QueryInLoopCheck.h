//===- QueryInLoopCheck.h - memlint-query-in-loop -------------------------===//
//
// N+1 queries: a database query executed once per item of a collection,
// directly in the loop or through any chain of calls (helpers, virtual
// methods, callbacks) in any translation unit.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_QUERYINLOOPCHECK_H
#define MEMLINT_CHECKS_QUERYINLOOPCHECK_H

#include "Finding.h"
#include "facts/Facts.h"

#include <vector>

namespace clang {
class FunctionDecl;
}

namespace memlint {
namespace flow {
class Apis;
}
class ProgramView;

/// Appends the findings of query calls in collection loops of \p Functions
/// (the user functions of one translation unit) to \p Out, and records on
/// \p Summaries (the TU's facts) what the whole-program step needs: which
/// other calls sit in a collection loop, and what SQL text calls and
/// queries carry. \p A is shared by every flow rule.
void collectQueryInLoop(flow::Apis &A,
                        const std::vector<const clang::FunctionDecl *> &Functions,
                        std::vector<Finding> &Out, Facts &Summaries);

/// Reports the calls in collection loops that run a query through the call
/// graph, with the path in a note.
void decideQueryInLoop(const ProgramView &View, std::vector<Finding> &Out);

} // namespace memlint

#endif
