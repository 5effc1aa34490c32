//===- InstanceCollector.cpp ----------------------------------------------===//
#include "InstanceCollector.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace memlint {
namespace facts {

void InstanceCollector::record(const CXXRecordDecl *RD) {
  std::string Owner = stableId(patternOf(RD));
  // A base is a subobject; its template arguments are not (CRTP bases such
  // as RecursiveASTVisitor<Derived> name the derived class).
  for (const CXXBaseSpecifier &B : RD->bases())
    addInstances(B.getType(), InstanceKind::MemberOf, Owner, /*Depth=*/0,
                 /*TemplateArgs=*/false);
}

void InstanceCollector::field(const FieldDecl *FD) {
  if (const auto *RD = dyn_cast<CXXRecordDecl>(FD->getParent()))
    addInstances(FD->getType(), InstanceKind::MemberOf,
                 stableId(patternOf(RD)));
}

void InstanceCollector::varDecl(const VarDecl *VD) {
  if (isa<ParmVarDecl>(VD)) {
    addInstances(VD->getType(), InstanceKind::Local, "");
    return;
  }
  QualType T = VD->getType();
  if (T->isReferenceType() || T->isPointerType())
    return;
  InstanceKind K = InstanceKind::Local;
  if (!VD->hasLocalStorage()) {
    K = InstanceKind::Static;
  } else {
    // A local of main() lives as long as the program does.
    const auto *Fn = dyn_cast<FunctionDecl>(VD->getDeclContext());
    if (Fn && Fn->isMain())
      K = InstanceKind::Static;
  }
  addInstances(T, K, "");
}

void InstanceCollector::newExpr(const CXXNewExpr *NE) {
  addInstances(NE->getAllocatedType(), InstanceKind::Heap, "");
}

/// `make_shared<Cache>(...)` and friends: a function template called with an
/// explicit class argument that returns a class owning that type.
void InstanceCollector::call(const CallExpr *CE) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee || !CE->getType()->isRecordType())
    return;
  const TemplateArgumentList *Args = Callee->getTemplateSpecializationArgs();
  if (!Args || Args->size() == 0 ||
      Args->get(0).getKind() != TemplateArgument::Type)
    return;
  QualType Made = Args->get(0).getAsType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      CE->getType()->getAsCXXRecordDecl());
  if (!Spec || !Made->isRecordType())
    return;
  for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
    if (A.getKind() == TemplateArgument::Type &&
        W.Ctx.hasSameType(A.getAsType(), Made))
      return addInstances(Made, InstanceKind::Heap, "");
}

/// Records where instances of the user classes in \p T live: the class
/// itself, array elements and template arguments (`vector<Session>`,
/// `unique_ptr<Cache>`). References and pointers own nothing.
void InstanceCollector::addInstances(QualType T, InstanceKind Kind,
                                     const std::string &Owner, unsigned Depth,
                                     bool TemplateArgs) {
  if (T.isNull() || Depth > 8)
    return;
  T = T.getCanonicalType();
  if (T->isReferenceType() || T->isPointerType())
    return;
  if (const ArrayType *AT = W.Ctx.getAsArrayType(T))
    return addInstances(AT->getElementType(), Kind, Owner, Depth + 1);
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return;
  if (!W.inSystemHeader(RD->getLocation()))
    W.Out.Instances.push_back({stableId(patternOf(RD)), Kind, Owner});
  if (!TemplateArgs)
    return;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type)
        addInstances(A.getAsType(), Kind, Owner, Depth + 1);
}

} // namespace facts
} // namespace memlint
