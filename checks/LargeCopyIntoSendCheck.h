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
class ASTContext;
}

namespace memlint {
struct RuleSet;

/// Appends the findings of one translation unit to \p Out.
void collectLargeCopyIntoSend(clang::ASTContext &Ctx, const RuleSet &Rules,
                 std::vector<Finding> &Out);

} // namespace memlint

#endif
