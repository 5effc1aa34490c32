//===- ContainerFacts.h - facts about long-lived containers in one TU -----===//
#ifndef MEMLINT_CHECKS_CONTAINERFACTS_H
#define MEMLINT_CHECKS_CONTAINERFACTS_H

#include "Facts.h"

namespace clang {
class ASTContext;
}

namespace memlint {
struct RuleSet;

/// Records entities, events, flows, instances and defined functions of the
/// user code in \p Ctx (system headers are skipped).
void collectContainerFacts(clang::ASTContext &Ctx, const RuleSet &Rules,
                           Facts &Out);
} // namespace memlint

#endif
