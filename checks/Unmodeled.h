//===- Unmodeled.h - library calls no rule pack describes -----------------===//
#ifndef MEMLINT_CHECKS_UNMODELED_H
#define MEMLINT_CHECKS_UNMODELED_H

#include "Analysis.h"

namespace memlint {
void findUnmodeledCalls(clang::ASTContext &Ctx, const RuleSet &Rules,
                        std::vector<UnmodeledCall> &Out);
} // namespace memlint

#endif
