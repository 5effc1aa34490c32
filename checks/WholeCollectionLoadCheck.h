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
class ASTContext;
}

namespace memlint {
struct RuleSet;

/// Appends the findings of one translation unit to \p Out.
void collectWholeCollectionLoad(clang::ASTContext &Ctx, const RuleSet &Rules,
                 std::vector<Finding> &Out);

} // namespace memlint

#endif
