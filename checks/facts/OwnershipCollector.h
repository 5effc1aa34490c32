//===- OwnershipCollector.h - which classes own which (shared-ptr-cycle) --===//
//
// One ownership edge per field (or base) of a user class: by value, unique,
// shared, through library templates (containers, optional, variant) and
// lambda closures stored by value. Callbacks that keep something alive are
// derived later from the callables summaries record (program/), so that a
// setter in another translation unit counts too; here only stores into
// type-erased owners (`std::any`, `std::shared_ptr<void>`) are recorded.
// Smart pointer members let go (reset, released, swapped or moved out) are
// Releases: a cycle through them is broken there.
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
  /// Assignments into type-erased owners; smart pointer members reset,
  /// released, swapped or moved out.
  void call(const clang::CallExpr *CE);
  /// Smart pointer members moved into a new pointer.
  void construct(const clang::CXXConstructExpr *CE);

private:
  WalkContext &W;

  void ownedBy(const clang::CXXRecordDecl *Owner, const clang::FieldDecl *FD,
               clang::QualType T, OwnKind Kind, bool Many, unsigned Depth);
  void adopts(const clang::CXXRecordDecl *Holder, const clang::FieldDecl *FD,
              const clang::Expr *Value, clang::SourceLocation At);
  void addEdge(const clang::CXXRecordDecl *From, const clang::CXXRecordDecl *To,
               const clang::FieldDecl *FD, OwnKind Kind, bool Many,
               clang::SourceLocation At);
  const clang::FieldDecl *pointerField(const clang::Expr *E);
  const clang::FieldDecl *movedField(const clang::Expr *E);
  void release(const clang::FieldDecl *FD, ReleaseKind Kind,
               clang::SourceLocation At);
  bool typeErased(clang::QualType T);
};

} // namespace facts
} // namespace memlint

#endif
