//===- InstanceCollector.cpp ----------------------------------------------===//
#include "InstanceCollector.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

#include <functional>

using namespace clang;

namespace memlint {
namespace facts {

void InstanceCollector::record(const CXXRecordDecl *RD) {
  std::string Owner = stableId(patternOf(RD));
  // A base is a subobject; its template arguments are not (CRTP bases such
  // as RecursiveASTVisitor<Derived> name the derived class).
  for (const CXXBaseSpecifier &B : RD->bases())
    addInstances(B.getType(), InstanceKind::BaseOf, Owner, /*Depth=*/0,
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
    // A local of main() lives as long as the program does. One declared in
    // a loop lives for a turn; whether that is the program's life (a
    // server restarted in a loop) or one repetition (a test's stress loop)
    // is decided with the whole program: the file says which.
    const auto *Fn = dyn_cast<FunctionDecl>(VD->getDeclContext());
    if (Fn && Fn->isMain()) {
      K = InstanceKind::Static;
      if (!W.loopsAround().empty()) {
        size_t First = W.Out.Instances.size();
        addInstances(T, K, "");
        std::string File = W.Locs.make(VD->getLocation()).File;
        for (size_t I = First; I < W.Out.Instances.size(); ++I) {
          W.Out.Instances[I].InLoop = true;
          W.Out.Instances[I].File = File;
        }
        return;
      }
    }
  }
  addInstances(T, K, "");
}

void InstanceCollector::newExpr(const CXXNewExpr *NE) {
  heapObject(NE->getAllocatedType());
}

/// Does the class share ownership of itself (derive from
/// enable_shared_from_this)? Its async callbacks keep it alive.
static bool keepsItself(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  for (const CXXBaseSpecifier &B : RD->bases()) {
    const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl();
    if (!Base)
      continue;
    if (Base->getName() == "enable_shared_from_this" || keepsItself(Base))
      return true;
  }
  return false;
}

void InstanceCollector::heapObject(QualType T) {
  if (ownedByLocal())
    return addInstances(T, InstanceKind::Local, "");
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || W.inSystemHeader(RD->getLocation()))
    return addInstances(T, InstanceKind::Heap, "");
  std::string Class = stableId(patternOf(RD));
  Instance I;
  I.Class = Class;
  I.Kind = InstanceKind::Heap;
  I.KeepsItself = keepsItself(RD);
  if (const FieldDecl *FD = keptInField()) {
    if (const auto *Parent = dyn_cast<CXXRecordDecl>(FD->getParent()))
      I.Owner = stableId(patternOf(Parent));
    // Where it is made: a member given a new object each time the
    // function runs (`resolver_ = make_shared<Resolver>(...)`).
    I.Function = W.currentFunction();
    I.EveryRun = unconditional();
  } else if (!keptInStatic()) {
    I.Function = W.currentFunction();
    I.InLoop = !W.loopsAround().empty();
    if (!W.Stmts.empty())
      I.File = W.Locs.make(W.Stmts.back()->getBeginLoc()).File;
  }
  W.Out.Instances.push_back(std::move(I));
  // What it holds by value lives as long as it does.
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type)
        addInstances(A.getAsType(), InstanceKind::Heap, "", 1);
}

/// Is the expression being walked evaluated on every run of its function:
/// in no branch, loop body, ?: arm or right side of && and || (an early
/// return before it is no condition around it)?
bool InstanceCollector::unconditional() {
  const auto &Stmts = W.Stmts;
  for (size_t I = Stmts.size(); I-- > 1;) {
    const Stmt *Child = Stmts[I], *Parent = Stmts[I - 1];
    if (isa<LambdaExpr>(Parent))
      break;
    if (const auto *If = dyn_cast<IfStmt>(Parent)) {
      if (Child != If->getCond() && Child != If->getInit() &&
          Child != If->getConditionVariableDeclStmt())
        return false;
    } else if (isa<SwitchStmt>(Parent) || isa<CaseStmt>(Parent) ||
               isa<DefaultStmt>(Parent)) {
      if (!isa<SwitchStmt>(Parent) ||
          Child != cast<SwitchStmt>(Parent)->getCond())
        return false;
    } else if (loopBody(Parent)) {
      return false;
    } else if (const auto *CO = dyn_cast<AbstractConditionalOperator>(Parent)) {
      if (Child != CO->getCond())
        return false;
    } else if (const auto *BO = dyn_cast<BinaryOperator>(Parent)) {
      if (BO->isLogicalOp() && Child == BO->getRHS())
        return false;
    } else if (isa<CXXCatchStmt>(Parent)) {
      return false;
    }
  }
  return true;
}

/// The member an expression names (`f_`, `this->f_`, `f_[k]`), or nullptr.
static const FieldDecl *memberOf(const Expr *E) {
  for (unsigned Steps = 0; E && Steps < 8; ++Steps) {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (OCE->getOperator() != OO_Subscript || OCE->getNumArgs() < 1)
        return nullptr;
      E = OCE->getArg(0);
      continue;
    }
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
      E = ASE->getBase();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

/// `f_ = make_shared<C>()`, `f_[k] = ..`, `f_.push_back(new C)`,
/// `f_.emplace(k, make_shared<C>())`, `: f_(new C)`: through conversions
/// and temporaries, not through other calls (a function that takes the
/// pointer decides what keeps it).
const FieldDecl *InstanceCollector::keptInField() {
  const auto &Stmts = W.Stmts;
  for (size_t I = Stmts.size(); I-- > 1;) {
    const Stmt *Child = Stmts[I];
    const Stmt *Parent = Stmts[I - 1];
    if (const auto *BO = dyn_cast<BinaryOperator>(Parent))
      return BO->getOpcode() == BO_Assign && BO->getRHS() == Child
                 ? memberOf(BO->getLHS())
                 : nullptr;
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(Parent))
      return OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2 &&
                     OCE->getArg(1) == Child
                 ? memberOf(OCE->getArg(0))
                 : nullptr;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(Parent))
      return MCE->getImplicitObjectArgument() != Child
                 ? memberOf(MCE->getImplicitObjectArgument())
                 : nullptr;
    if (isa<CallExpr>(Parent) || !isa<Expr>(Parent))
      return nullptr;
  }
  // The whole expression initializes a member.
  return Stmts.empty() ? nullptr : W.MemberInit;
}

/// `static T *p = new T;`, `g = make_shared<T>()` for a global.
bool InstanceCollector::keptInStatic() {
  const auto &Stmts = W.Stmts;
  for (size_t I = Stmts.size(); I-- > 1;) {
    const Stmt *Parent = Stmts[I - 1];
    if (const auto *DS = dyn_cast<DeclStmt>(Parent)) {
      const auto *VD = DS->isSingleDecl()
                           ? dyn_cast<VarDecl>(DS->getSingleDecl())
                           : nullptr;
      return VD && !VD->hasLocalStorage();
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(Parent)) {
      if (BO->getOpcode() != BO_Assign || BO->getRHS() != Stmts[I])
        return false;
      const auto *DRE =
          dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      return VD && !VD->hasLocalStorage();
    }
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(Parent)) {
      if (OCE->getOperator() != OO_Equal || OCE->getNumArgs() != 2 ||
          OCE->getArg(1) != Stmts[I])
        return false;
      const auto *DRE =
          dyn_cast<DeclRefExpr>(OCE->getArg(0)->IgnoreParenImpCasts());
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      return VD && !VD->hasLocalStorage();
    }
    if (isa<CallExpr>(Parent) || !isa<Expr>(Parent))
      return false;
  }
  // At file scope (a global's initializer): static.
  return W.Fns.empty();
}

/// Does the expression at the top of the statement stack initialize a
/// local (pointer or smart pointer) that nothing keeps: the object is used
/// through it and dies with the operation (`auto req =
/// std::make_shared<Request>(); handle(*req);`)?
bool InstanceCollector::ownedByLocal() {
  const VarDecl *Local = nullptr;
  const auto &Stmts = W.Stmts;
  for (size_t I = Stmts.size(); I-- > 1;) {
    const Stmt *Parent = Stmts[I - 1];
    if (const auto *DS = dyn_cast<DeclStmt>(Parent)) {
      if (DS->isSingleDecl())
        Local = dyn_cast<VarDecl>(DS->getSingleDecl());
      break;
    }
    if (!isa<Expr>(Parent))
      return false;
    if (isa<CallExpr>(Parent) && !isa<CXXConstructExpr>(Parent)) {
      // Only the factory call itself (make_shared<T>(...)) may sit between.
      if (I + 1 != Stmts.size() && I + 2 != Stmts.size())
        return false;
    }
  }
  if (!Local || !Local->hasLocalStorage() || isa<ParmVarDecl>(Local) ||
      W.Fns.empty() || Local->getType()->isReferenceType())
    return false;
  const Stmt *Body = W.Fns.back()->getBody();
  return Body && !escapes(Body, Local);
}

/// Is \p V used in \p S other than to reach its object (`v->f()`, `*v`,
/// `delete v`, a test against null)?
bool InstanceCollector::escapes(const Stmt *S, const VarDecl *V) {
  std::vector<const Stmt *> Path;
  std::function<bool(const Stmt *)> Walk = [&](const Stmt *N) {
    if (!N)
      return false;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(N); DRE && DRE->getDecl() == V) {
      // The use: the first ancestor that is not a cast or parentheses.
      const Stmt *Use = nullptr;
      for (size_t I = Path.size(); I-- > 0;) {
        if (isa<ImplicitCastExpr>(Path[I]) || isa<ParenExpr>(Path[I]))
          continue;
        Use = Path[I];
        break;
      }
      if (!Use)
        return true;
      if (const auto *ME = dyn_cast<MemberExpr>(Use))
        return !ME->isArrow(); // p->f(): through it
      if (const auto *UO = dyn_cast<UnaryOperator>(Use))
        return UO->getOpcode() != UO_Deref && UO->getOpcode() != UO_LNot;
      if (isa<CXXDeleteExpr>(Use))
        return false;
      if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(Use))
        return !(OCE->getOperator() == OO_Arrow ||
                 OCE->getOperator() == OO_Star ||
                 OCE->getOperator() == OO_ExclaimEqual ||
                 OCE->getOperator() == OO_EqualEqual);
      if (const auto *BO = dyn_cast<BinaryOperator>(Use))
        return !BO->isComparisonOp();
      if (isa<IfStmt>(Use) || isa<WhileStmt>(Use))
        return false; // `if (p)`
      return true;
    }
    Path.push_back(N);
    for (const Stmt *C : N->children())
      if (Walk(C)) {
        Path.pop_back();
        return true;
      }
    Path.pop_back();
    return false;
  };
  return Walk(S);
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
      return heapObject(Made);
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
  if (!W.inSystemHeader(RD->getLocation())) {
    Instance I;
    I.Class = stableId(patternOf(RD));
    I.Kind = Kind;
    I.Owner = Owner;
    W.Out.Instances.push_back(std::move(I));
  }
  if (!TemplateArgs)
    return;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type)
        addInstances(A.getAsType(), Kind, Owner, Depth + 1);
}

} // namespace facts
} // namespace memlint
