//===- OwnershipCollector.h - which classes own which (shared-ptr-cycle) --===//
//
// One ownership edge per field (or base) of a user class: by value, unique,
// shared, through library templates (containers, optional, variant) and
// lambda closures stored by value. Callbacks that keep something alive are
// derived later from the callables summaries record (program/), so that a
// setter in another translation unit counts too; here only their resets
// (`cb_ = nullptr`) and stores into type-erased owners (`std::any`,
// `std::shared_ptr<void>`) are recorded.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_FACTS_OWNERSHIPCOLLECTOR_H
#define MEMLINT_CHECKS_FACTS_OWNERSHIPCOLLECTOR_H

#include "Walk.h"

namespace memlint {
namespace facts {

class OwnershipCollector {
public:
  explicit OwnershipCollector(WalkContext &W) : W(W) {}

  void record(const clang::CXXRecordDecl *RD);
  /// Assignments: callback resets and stores into type-erased owners.
  void call(const clang::CallExpr *CE);

private:
  WalkContext &W;

  void ownedBy(const clang::CXXRecordDecl *Owner, const clang::FieldDecl *FD,
               clang::QualType T, OwnKind Kind, bool Many, unsigned Depth);
  void adopts(const clang::CXXRecordDecl *Holder, const clang::FieldDecl *FD,
              const clang::Expr *Value, clang::SourceLocation At);
  void addEdge(const clang::CXXRecordDecl *From, const clang::CXXRecordDecl *To,
               const std::string &Field, OwnKind Kind, bool Many,
               clang::SourceLocation At);
  bool typeErased(clang::QualType T);
};

} // namespace facts
} // namespace memlint

#endif
