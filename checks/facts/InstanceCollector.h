//===- InstanceCollector.h - where objects of user classes live -----------===//
//
// A member of a class is long-lived only if some instance of the class is:
// a static, a heap object, a member of a long-lived object, or a local of
// main(). This records every place an instance is made.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_FACTS_INSTANCECOLLECTOR_H
#define MEMLINT_CHECKS_FACTS_INSTANCECOLLECTOR_H

#include "Walk.h"

namespace memlint {
namespace facts {

class InstanceCollector {
public:
  explicit InstanceCollector(WalkContext &W) : W(W) {}

  void record(const clang::CXXRecordDecl *RD);
  void field(const clang::FieldDecl *FD);
  void varDecl(const clang::VarDecl *VD);
  void newExpr(const clang::CXXNewExpr *NE);
  void call(const clang::CallExpr *CE);

private:
  WalkContext &W;

  /// Records a heap object of type \p T that the expression at the top of
  /// the statement stack creates, where it is kept.
  void heapObject(clang::QualType T);
  bool ownedByLocal();
  /// The member the new object is stored into, or nullptr.
  const clang::FieldDecl *keptInField();
  /// Stored into a static or a global.
  bool keptInStatic();
  bool unconditional();
  bool escapes(const clang::Stmt *S, const clang::VarDecl *V);
  void addInstances(clang::QualType T, InstanceKind Kind,
                    const std::string &Owner, unsigned Depth = 0,
                    bool TemplateArgs = true);
};

} // namespace facts
} // namespace memlint

#endif
