//===- LargeCopyIntoSendCheck.h - memlint-large-copy-into-send ------------===//
//
// A heap-owning object copied into a thread, task, message or queue (by value,
// by lambda capture, or by decay-copy).
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_LARGECOPYINTOSENDCHECK_H
#define MEMLINT_CHECKS_LARGECOPYINTOSENDCHECK_H

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
void collectLargeCopyIntoSend(flow::Apis &A,
    const std::vector<const clang::FunctionDecl *> &Functions,
    std::vector<Finding> &Out);

} // namespace memlint

#endif
