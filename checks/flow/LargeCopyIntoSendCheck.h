//===- LargeCopyIntoSendCheck.h - memlint-large-copy-into-send ------------===//
//
// A heap-owning object copied into a thread, task, message or queue (by value,
// by lambda capture, or by decay-copy).
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_LARGECOPYINTOSENDCHECK_H
#define MEMLINT_CHECKS_LARGECOPYINTOSENDCHECK_H

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

/// Appends the findings in \p Functions (the user functions of one
/// translation unit) to \p Out, and records on \p Summaries (the TU's
/// facts) what the whole-program step needs for a user channel: which
/// functions store a parameter into a container, and which calls hand a
/// large local that is not used again to a parameter. \p A is shared by
/// every flow rule.
void collectLargeCopyIntoSend(flow::Apis &A,
    const std::vector<const clang::FunctionDecl *> &Functions,
    std::vector<Finding> &Out, Facts &Summaries);

/// Reports the calls that copy a large local into a user channel: the
/// callee (through any chain of calls) stores the parameter into a
/// long-lived queue that a consumer drains.
void decideLargeCopyIntoSend(const ProgramView &View,
                             std::vector<Finding> &Out);

} // namespace memlint

#endif
