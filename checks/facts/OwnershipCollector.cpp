//===- OwnershipCollector.cpp ---------------------------------------------===//
#include "OwnershipCollector.h"
#include "LLVMCompat.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace memlint {
namespace facts {

void OwnershipCollector::record(const CXXRecordDecl *RD) {
  if (RD->isDependentContext() || RD->isLambda())
    return;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl()) {
      if (W.inSystemHeader(Base->getLocation()))
        continue;
      W.Out.Subclasses.push_back({stableId(RD), stableId(Base)});
      addEdge(RD, Base, "", OwnKind::Value, false, B.getBeginLoc());
    }
  for (const FieldDecl *FD : RD->fields())
    ownedBy(RD, FD, FD->getType(), OwnKind::Value, false, 0);
  // `: parent_(parent)` in a constructor this TU defines.
  for (const CXXConstructorDecl *Ctor : RD->ctors()) {
    const FunctionDecl *Def = Ctor->getDefinition();
    const auto *CD = dyn_cast_or_null<CXXConstructorDecl>(Def);
    if (!CD)
      continue;
    for (const CXXCtorInitializer *Init : CD->inits())
      if (Init->isMemberInitializer() && Init->isWritten())
        adopts(RD, Init->getMember(), Init->getInit(), Init->getSourceLocation());
  }
}

/// A shared_ptr field given an object that already exists (`parent_ =
/// parent;`, `: owner_(std::move(o))`), not one made right there (`splat_ =
/// std::make_shared<Node>()`) or none: the marker edge (To empty, Kind
/// Shared) the cycle rule asks for before it calls a single pointer a back
/// edge.
void OwnershipCollector::adopts(const CXXRecordDecl *Holder,
                                const FieldDecl *FD, const Expr *Value,
                                SourceLocation At) {
  if (!Holder || !FD || !Value)
    return;
  const CXXRecordDecl *RD = FD->getType().getCanonicalType()->getAsCXXRecordDecl();
  if (!RD || W.pointerKind(RD) != PointerKind::Shared)
    return;
  if (W.freshObject(Value))
    return;
  // Null, directly or through the pointer's constructor (`splat_(nullptr)`,
  // `parent_()`).
  Value = strip(Value);
  while (const auto *CE = dyn_cast<CXXConstructExpr>(Value)) {
    if (CE->getNumArgs() == 0)
      return;
    if (CE->getNumArgs() != 1)
      break;
    Value = strip(CE->getArg(0));
  }
  if (isNullValue(Value))
    return;
  OwnEdge Marker;
  Marker.From = stableId(Holder);
  Marker.Field = FD->getNameAsString();
  Marker.Kind = OwnKind::Shared;
  Marker.At = W.Locs.make(At);
  W.Out.Edges.push_back(std::move(Marker));
}

/// What a field of type \p T makes \p Owner own.
void OwnershipCollector::ownedBy(const CXXRecordDecl *Owner,
                                 const FieldDecl *FD, QualType T, OwnKind Kind,
                                 bool Many, unsigned Depth) {
  if (T.isNull() || Depth > 6)
    return;
  T = T.getCanonicalType();
  if (T->isReferenceType() || T->isPointerType())
    return;
  if (const ArrayType *AT = W.Ctx.getAsArrayType(T))
    return ownedBy(Owner, FD, AT->getElementType(), Kind, true, Depth + 1);
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return;
  switch (W.pointerKind(RD)) {
  case PointerKind::Weak:
    return;
  case PointerKind::Shared:
    return ownedBy(Owner, FD, W.firstTypeArg(RD), OwnKind::Shared, Many,
                   Depth + 1);
  case PointerKind::Unique:
    return ownedBy(Owner, FD, W.firstTypeArg(RD),
                   Kind == OwnKind::Shared ? Kind : OwnKind::Unique, Many,
                   Depth + 1);
  case PointerKind::None:
    break;
  }
  // A functor stored by value (`Holder<decltype(lambda)>`): the closure
  // owns what it captured by copy.
  if (RD->isLambda()) {
    for (const FieldDecl *Capture : RD->fields())
      ownedBy(Owner, FD, Capture->getType(),
              Kind == OwnKind::Value ? OwnKind::Callback : Kind, Many,
              Depth + 1);
    return;
  }
  if (!W.inSystemHeader(RD->getLocation())) {
    addEdge(Owner, RD, FD->getNameAsString(), Kind, Many, FD->getLocation());
    return;
  }
  // A library template (container, optional, variant, pair): it owns its
  // type arguments; a container owns many.
  bool Container = W.Rules.findContainer(qualifiedName(RD)) != nullptr;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray()) {
      if (A.getKind() == TemplateArgument::Type)
        ownedBy(Owner, FD, A.getAsType(), Kind, Many || Container, Depth + 1);
      else if (A.getKind() == TemplateArgument::Pack)
        for (const TemplateArgument &P : A.pack_elements())
          if (P.getKind() == TemplateArgument::Type)
            ownedBy(Owner, FD, P.getAsType(), Kind, Many || Container,
                    Depth + 1);
    }
}

void OwnershipCollector::addEdge(const CXXRecordDecl *From,
                                 const CXXRecordDecl *To,
                                 const std::string &Field, OwnKind Kind,
                                 bool Many, SourceLocation At) {
  if (!To || W.inSystemHeader(To->getLocation()))
    return;
  OwnEdge E;
  E.From = stableId(From);
  E.To = stableId(To);
  E.FromName = W.recordName(From);
  E.ToName = W.recordName(To);
  E.Field = Field;
  E.Kind = Kind;
  E.Collection = Many;
  E.At = W.Locs.make(At);
  W.Out.Edges.push_back(std::move(E));
}

/// `std::any`, `boost::any` (the packs' `type_erased` section) and
/// `std::shared_ptr<void>`: whatever is stored keeps living with the owner.
bool OwnershipCollector::typeErased(QualType T) {
  const CXXRecordDecl *RD = T.getCanonicalType()->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (W.pointerKind(RD) == PointerKind::Shared) {
    QualType P = W.firstTypeArg(RD);
    return !P.isNull() && P->isVoidType();
  }
  return findFirst(W.Rules.TypeErased, qualifiedName(RD)) != nullptr;
}

void OwnershipCollector::call(const CallExpr *CE) {
  const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE);
  if (!OCE || OCE->getOperator() != OO_Equal || OCE->getNumArgs() != 2)
    return;
  const auto *ME = dyn_cast<MemberExpr>(strip(OCE->getArg(0)));
  const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!FD)
    return;
  const auto *Holder = dyn_cast<CXXRecordDecl>(FD->getParent());
  const Expr *Value = strip(OCE->getArg(1));
  QualType FT = FD->getType();
  adopts(Holder, FD, Value, compat::beginLoc(OCE));
  if (WalkContext::isCallableWrapper(FT) && isNullValue(Value)) {
    // `on_fire_ = nullptr;`: the callback is let go once it has run.
    OwnEdge Reset;
    Reset.From = stableId(Holder);
    Reset.Field = FD->getNameAsString();
    Reset.Kind = OwnKind::Callback;
    Reset.At = W.Locs.make(compat::beginLoc(OCE));
    W.Out.Edges.push_back(std::move(Reset)); // To == "": a reset
    return;
  }
  // `keepalive_ = shared_from_this();` into a std::any or shared_ptr<void>.
  if (Holder && typeErased(FT)) {
    QualType VT = Value->getType();
    while (const auto *CCE = dyn_cast<CXXConstructExpr>(Value)) {
      if (CCE->getNumArgs() != 1)
        break;
      Value = strip(CCE->getArg(0));
      VT = Value->getType();
    }
    const CXXRecordDecl *VRD = VT.getCanonicalType()->getAsCXXRecordDecl();
    if (VRD && W.pointerKind(VRD) == PointerKind::Shared)
      if (QualType P = W.firstTypeArg(VRD); !P.isNull())
        addEdge(Holder, P->getAsCXXRecordDecl(), FD->getNameAsString(),
                OwnKind::Shared, false, compat::beginLoc(OCE));
  }
}

} // namespace facts
} // namespace memlint
