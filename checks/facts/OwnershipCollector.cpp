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
      W.Out.Subclasses.push_back({W.recordId(RD), W.recordId(Base)});
      addEdge(RD, Base, nullptr, OwnKind::Value, false, B.getBeginLoc());
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
    addEdge(Owner, RD, FD, Kind, Many, FD->getLocation());
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
                                 const CXXRecordDecl *To, const FieldDecl *FD,
                                 OwnKind Kind, bool Many, SourceLocation At) {
  if (!To || W.inSystemHeader(To->getLocation()))
    return;
  OwnEdge E;
  E.From = W.recordId(From);
  E.To = W.recordId(To);
  E.FromName = W.recordName(From);
  E.ToName = W.recordName(To);
  if (FD) {
    E.Field = FD->getNameAsString();
    E.Holder = stableId(patternOf(FD));
  }
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

/// The smart pointer member \p E names (`p_`, `this->p_`, `o.p_`), or
/// nullptr.
const FieldDecl *OwnershipCollector::pointerField(const Expr *E) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(E ? strip(E) : nullptr);
  const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!FD)
    return nullptr;
  const CXXRecordDecl *RD = FD->getType().getCanonicalType()->getAsCXXRecordDecl();
  if (!RD)
    return nullptr;
  PointerKind K = W.pointerKind(RD);
  return K == PointerKind::Shared || K == PointerKind::Unique ? FD : nullptr;
}

/// The smart pointer member moved out by \p E (`std::move(p_)`), or nullptr.
const FieldDecl *OwnershipCollector::movedField(const Expr *E) {
  const auto *CE = dyn_cast_or_null<CallExpr>(E ? strip(E) : nullptr);
  const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
  if (!Callee || Callee->getName() != "move" || CE->getNumArgs() != 1 ||
      !W.inSystemHeader(Callee->getLocation()))
    return nullptr;
  return pointerField(CE->getArg(0));
}

/// No object: `nullptr`, `{}`, a default argument (`reset()`), directly or
/// through a pointer's constructor (`p_ = nullptr` makes a null shared_ptr).
static bool noObject(const Expr *E, ASTContext &Ctx) {
  E = strip(E);
  while (true) {
    if (isa<CXXDefaultArgExpr>(E))
      E = strip(cast<CXXDefaultArgExpr>(E)->getExpr());
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
             CE && CE->getNumArgs() == 1)
      E = strip(CE->getArg(0));
    else
      break;
  }
  return isNoObject(E, Ctx);
}

/// A local variable (not a reference): what it takes leaves with it.
static bool localVariable(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(strip(E));
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType();
}

/// What the other side of a swap is: a local or a temporary, whose value
/// leaves with it.
static bool localOrTemporary(const Expr *E) {
  E = strip(E);
  return localVariable(E) || isa<CXXConstructExpr>(E) || isa<CallExpr>(E);
}

void OwnershipCollector::release(const FieldDecl *FD, ReleaseKind Kind,
                                 SourceLocation At) {
  if (!FD)
    return;
  Release R;
  R.Holder = stableId(patternOf(FD));
  R.Kind = Kind;
  R.At = W.Locs.make(At);
  R.Function = W.currentFunction();
  if (W.insideLambda())
    R.Flags |= InLambda;
  else if (!W.Fns.empty() && isa<CXXConstructorDecl>(W.Fns.back()))
    R.Flags |= InConstructor;
  else if (!W.Fns.empty() && isa<CXXDestructorDecl>(W.Fns.back()))
    R.Flags |= InDestructor;
  W.Out.Releases.push_back(std::move(R));
}

void OwnershipCollector::call(const CallExpr *CE) {
  SourceLocation At = compat::beginLoc(CE);
  // `p_.reset()`, `u_.release()`, `p_.swap(tmp)`.
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    const FieldDecl *FD = pointerField(MCE->getImplicitObjectArgument());
    if (!MD || !FD || !MD->getIdentifier())
      return;
    llvm::StringRef N = MD->getName();
    if (N == "reset" &&
        (MCE->getNumArgs() == 0 || noObject(MCE->getArg(0), W.Ctx)))
      release(FD, ReleaseKind::Reset, At);
    else if (N == "release" && MCE->getNumArgs() == 0)
      release(FD, ReleaseKind::Release, At);
    else if (N == "swap" && MCE->getNumArgs() == 1 &&
             localOrTemporary(MCE->getArg(0)))
      release(FD, ReleaseKind::Swap, At);
    return;
  }
  // `std::swap(p_, tmp)`.
  if (const FunctionDecl *Callee = CE->getDirectCallee();
      Callee && Callee->getIdentifier() && Callee->getName() == "swap" &&
      CE->getNumArgs() == 2 && W.inSystemHeader(Callee->getLocation())) {
    for (unsigned I = 0; I < 2; ++I)
      if (localOrTemporary(CE->getArg(1 - I)))
        release(pointerField(CE->getArg(I)), ReleaseKind::Swap, At);
    return;
  }
  const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE);
  if (!OCE || OCE->getOperator() != OO_Equal || OCE->getNumArgs() != 2)
    return;
  // `p = std::move(p_);` into a local (into another member, it moves on).
  if (localVariable(OCE->getArg(0)))
    release(movedField(OCE->getArg(1)), ReleaseKind::Move, At);
  const auto *ME = dyn_cast<MemberExpr>(strip(OCE->getArg(0)));
  const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!FD)
    return;
  const auto *Holder = dyn_cast<CXXRecordDecl>(FD->getParent());
  const Expr *Value = strip(OCE->getArg(1));
  QualType FT = FD->getType();
  adopts(Holder, FD, Value, At);
  // `p_ = nullptr;`, `p_ = {};`
  if (noObject(Value, W.Ctx)) {
    release(pointerField(OCE->getArg(0)), ReleaseKind::Reset, At);
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
        addEdge(Holder, P->getAsCXXRecordDecl(), FD, OwnKind::Shared, false,
                At);
  }
}

/// `auto p = std::move(p_);`: the member is null afterwards, what it held
/// leaves with the local. (Moved into another member or handed to a
/// function, it moves on.)
void OwnershipCollector::construct(const CXXConstructExpr *CE) {
  if (CE->getNumArgs() != 1 || !CE->getConstructor() ||
      !CE->getConstructor()->isMoveConstructor())
    return;
  // The initializer of a local variable, through what wraps it.
  for (size_t I = W.Stmts.size(); I-- > 0;) {
    const Stmt *S = W.Stmts[I];
    if (S == CE || isa<ExprWithCleanups>(S) || isa<ImplicitCastExpr>(S) ||
        isa<MaterializeTemporaryExpr>(S) || isa<CXXBindTemporaryExpr>(S))
      continue;
    const auto *DS = dyn_cast<DeclStmt>(S);
    const auto *VD =
        DS && DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
    if (VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
        VD->getInit() && strip(VD->getInit()) == strip(CE))
      release(movedField(CE->getArg(0)), ReleaseKind::Move,
              compat::beginLoc(CE));
    return;
  }
}

} // namespace facts
} // namespace memlint
