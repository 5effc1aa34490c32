//===- Walk.cpp - what the collectors share: position and resolution ------===//
#include "Walk.h"
#include "WindowBuffer.h"
#include "LLVMCompat.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <functional>

using namespace clang;

namespace memlint {
namespace facts {

WalkContext::WalkContext(ASTContext &Ctx, const RuleSet &Rules, Facts &Out)
    : Ctx(Ctx), SM(Ctx.getSourceManager()), Rules(Rules), Out(Out),
      Locs(SM) {}

bool WalkContext::inSystemHeader(SourceLocation L) const {
  return L.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(L));
}

//===-- Where the walk is -------------------------------------------------===//

const LambdaExpr *WalkContext::currentLambda() const {
  for (size_t I = Stmts.size(); I-- > 0;)
    if (const auto *LE = dyn_cast<LambdaExpr>(Stmts[I])) {
      // Capture initializers run where the lambda is made, not in it.
      if (I + 1 < Stmts.size() && Stmts[I + 1] == LE->getBody())
        return LE;
      if (I + 1 == Stmts.size())
        return nullptr;
    }
  return nullptr;
}

std::string WalkContext::currentFunction() {
  if (const LambdaExpr *LE = currentLambda())
    return lambdaId(LE);
  return Fns.empty() ? std::string() : functionId(Fns.back());
}

std::string WalkContext::functionName(const FunctionDecl *FD) const {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    return recordPath(MD->getParent()) + "::" + MD->getNameAsString();
  return FD->getNameAsString();
}

const std::string &WalkContext::functionId(const FunctionDecl *FD) {
  const Decl *P = patternOf(FD);
  auto It = FunctionIds.find(P);
  if (It != FunctionIds.end())
    return It->second;
  std::string &Id = FunctionIds[P];
  Id = stableId(P);
  const auto *PF = cast<FunctionDecl>(P);
  Function &F = Out.Functions[Id];
  if (F.Id.empty()) {
    F.Id = Id;
    F.Name = functionName(PF);
    F.At = Locs.make(PF->getLocation());
  }
  if (const auto *MD = dyn_cast<CXXMethodDecl>(PF)) {
    F.Class = stableId(patternOf(MD->getParent()));
    if (MD->isVirtual())
      F.Traits |= FnVirtual;
    for (const CXXMethodDecl *O : MD->overridden_methods())
      F.Overrides.push_back(stableId(patternOf(O)));
  }
  if (isa<CXXConstructorDecl>(PF))
    F.Traits |= FnConstructor;
  if (isa<CXXDestructorDecl>(PF))
    F.Traits |= FnDestructor;
  if (PF->isMain())
    F.Traits |= FnMain;
  if (inSystemHeader(PF->getLocation()))
    F.Traits |= FnLibrary;
  // Callable from outside the project: visible outside this TU, declared
  // in a header, and (methods) public.
  bool Header = false;
  for (const FunctionDecl *R : PF->redecls())
    Header |= !SM.isInMainFile(SM.getExpansionLoc(R->getLocation()));
  bool Public = true;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(PF))
    Public = MD->getAccess() == AS_public;
  if (PF->isExternallyVisible() && Header && Public)
    F.Traits |= FnPublic;
  return Id;
}

const std::string &WalkContext::lambdaId(const LambdaExpr *LE) {
  auto It = LambdaIds.find(LE);
  if (It != LambdaIds.end())
    return It->second;
  std::string &Id = LambdaIds[LE];
  const CXXMethodDecl *Op = LE->getCallOperator();
  Id = stableId(patternOf(Op));
  Function &F = Out.Functions[Id];
  // Also when a call (`[] { ... }()`) registered the call operator first,
  // under its own name ("::operator()").
  if (F.Id.empty() || !(F.Traits & FnLambda)) {
    F.Id = Id;
    F.Name = Fns.empty() ? std::string("a lambda") : functionName(Fns.back());
    F.At = Locs.make(LE->getBeginLoc());
  }
  F.Traits |= FnLambda | FnDefined;
  if (F.Enclosing.empty() && !Fns.empty())
    F.Enclosing = functionId(Fns.back());
  return Id;
}

bool WalkContext::resultUsed() const {
  for (size_t I = Stmts.size(); I-- > 1;) {
    const Stmt *Child = Stmts[I], *Parent = Stmts[I - 1];
    if (isa<ImplicitCastExpr>(Parent) || isa<ExprWithCleanups>(Parent) ||
        isa<MaterializeTemporaryExpr>(Parent) ||
        isa<CXXBindTemporaryExpr>(Parent) || isa<ParenExpr>(Parent))
      continue;
    if (isa<CompoundStmt>(Parent))
      return false;
    if (const Stmt *Body = loopBody(Parent))
      return Child != Body;
    if (const auto *If = dyn_cast<IfStmt>(Parent))
      return Child != If->getThen() && Child != If->getElse();
    return true;
  }
  return false;
}

bool WalkContext::resultOnlyRead() const {
  for (size_t I = Stmts.size(); I-- > 1;) {
    const Stmt *Child = Stmts[I], *Parent = Stmts[I - 1];
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Parent)) {
      if (ICE->getCastKind() == CK_LValueToRValue)
        return true;
      if (ICE->getCastKind() == CK_NoOp)
        continue; // adds const
      return false;
    }
    if (isa<ParenExpr>(Parent) || isa<ExprWithCleanups>(Parent))
      continue;
    // `m[k].field` read, or `m[k].size()`: the member, then its use.
    if (const auto *ME = dyn_cast<MemberExpr>(Parent)) {
      if (ME->getBase()->IgnoreParenImpCasts() !=
          cast<Expr>(Child)->IgnoreParenImpCasts())
        return false;
      if (I >= 2)
        if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(Stmts[I - 2]);
            MCE && MCE->getCallee() == ME) {
          const CXXMethodDecl *MD = MCE->getMethodDecl();
          return MD && MD->isConst();
        }
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Parent))
      return CE->getNumArgs() >= 1 && CE->getArg(0) == Child &&
             CE->getConstructor()->isCopyConstructor();
    if (const auto *DS = dyn_cast<DeclStmt>(Parent)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->getInit() == Child) {
          QualType T = VD->getType();
          return T->isReferenceType() &&
                 T.getNonReferenceType().isConstQualified();
        }
      return false;
    }
    return false;
  }
  return false;
}

/// The case of a switch body \p Body that \p Child (a statement of the body)
/// runs under: 1 + the index of the last label before it; 0 before any.
static unsigned caseArm(const Stmt *Body, const Stmt *Child) {
  const auto *CS = dyn_cast_or_null<CompoundStmt>(Body);
  if (!CS)
    return 0;
  unsigned Labels = 0, Arm = 0;
  for (const Stmt *S : CS->body()) {
    if (isa<SwitchCase>(S))
      Arm = ++Labels;
    if (S == Child)
      return Arm;
  }
  return 0;
}

std::vector<Scope>
WalkContext::scopes(bool BranchesOnly,
                    llvm::function_ref<bool(const Expr *)> ReadsSize) {
  std::vector<Scope> Out;
  for (size_t I = 1; I < Stmts.size(); ++I) {
    const Stmt *Parent = Stmts[I - 1], *Child = Stmts[I];
    if (isa<LambdaExpr>(Parent)) {
      Out.clear();
      continue;
    }
    const Expr *Cond = nullptr;
    bool Conditional = false;
    unsigned Arm = 0;
    if (const auto *If = dyn_cast<IfStmt>(Parent)) {
      Conditional = Child == If->getThen() || Child == If->getElse();
      Arm = Child == If->getElse() ? 1 : 0;
      Cond = If->getCond();
    } else if (const auto *Sw = dyn_cast<SwitchStmt>(Parent)) {
      Conditional = Child == Sw->getBody();
      if (Conditional && I + 1 < Stmts.size())
        Arm = caseArm(Child, Stmts[I + 1]);
      Cond = Sw->getCond();
    } else if (const auto *CO = dyn_cast<ConditionalOperator>(Parent)) {
      Conditional = Child != CO->getCond();
      Arm = Child == CO->getFalseExpr() ? 1 : 0;
      Cond = CO->getCond();
    } else if (BranchesOnly) {
      continue;
    } else if (const auto *BO = dyn_cast<BinaryOperator>(Parent)) {
      Conditional = BO->isLogicalOp() && Child == BO->getRHS();
      Cond = BO->getLHS();
    } else if (const Stmt *Body = loopBody(Parent)) {
      Conditional = Child == Body;
      Cond = loopCondition(Parent);
    }
    if (Conditional)
      Out.push_back({Locs.make(Parent->getBeginLoc()),
                     Cond && ReadsSize && ReadsSize(Cond), Arm});
  }
  return Out;
}

std::vector<const Stmt *> WalkContext::loopsAround() const {
  std::vector<const Stmt *> Out;
  for (size_t I = Stmts.size(); I-- > 1;) {
    const Stmt *Child = Stmts[I], *Parent = Stmts[I - 1];
    if (isa<LambdaExpr>(Parent))
      break;
    if (!isLoop(Parent))
      continue;
    bool PerIteration = Child == loopBody(Parent) ||
                        Child == loopCondition(Parent);
    if (const auto *F = dyn_cast<ForStmt>(Parent))
      PerIteration |= Child == F->getInc();
    if (PerIteration)
      Out.push_back(Parent);
  }
  return Out;
}

/// A loop test that walks a container: an iterator compared with the end
/// (`it != c.end()`), or an index with its size (`i < v.size()`).
static bool walksContainer(const Expr *Cond) {
  if (!Cond)
    return false;
  Cond = Cond->IgnoreParenImpCasts();
  const Expr *L = nullptr, *R = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond);
      BO && BO->isComparisonOp()) {
    L = BO->getLHS();
    R = BO->getRHS();
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Cond);
             OC && OC->getNumArgs() == 2 &&
             (OC->getOperator() == OO_ExclaimEqual ||
              OC->getOperator() == OO_EqualEqual ||
              OC->getOperator() == OO_Less ||
              OC->getOperator() == OO_LessEqual)) {
    L = OC->getArg(0);
    R = OC->getArg(1);
  }
  if (!L || !R)
    return false;
  auto Named = [](const Expr *E, std::initializer_list<llvm::StringRef> Names) {
    const auto *CE = dyn_cast<CallExpr>(strip(E));
    const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
    if (!FD || !FD->getIdentifier())
      return false;
    for (llvm::StringRef N : Names)
      if (FD->getName() == N)
        return true;
    return false;
  };
  auto End = [&](const Expr *E) {
    return Named(E, {"end", "cend", "rend", "crend"});
  };
  if (End(L) || End(R))
    return true;
  auto Constant = [](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    return !E->isValueDependent() && isa<IntegerLiteral>(E);
  };
  return (Named(L, {"size"}) && !Constant(R)) ||
         (Named(R, {"size"}) && !Constant(L));
}

bool WalkContext::untilLoop(const Stmt *Loop) {
  // A while or do loop runs until something happens, unless it walks a
  // container (`while (it != c.end())`).
  if (const auto *W = dyn_cast<WhileStmt>(Loop))
    return !walksContainer(W->getCond());
  if (const auto *D = dyn_cast<DoStmt>(Loop))
    return !walksContainer(D->getCond());
  const auto *F = dyn_cast<ForStmt>(Loop);
  if (!F)
    return false; // a range-for walks a container
  const Expr *Cond = F->getCond();
  if (!Cond)
    return true;
  const Expr *C = Cond->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(C))
    return !BO->isComparisonOp();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C))
    return !(OC->getOperator() == OO_Less || OC->getOperator() == OO_LessEqual ||
             OC->getOperator() == OO_Greater ||
             OC->getOperator() == OO_GreaterEqual ||
             OC->getOperator() == OO_ExclaimEqual ||
             OC->getOperator() == OO_EqualEqual);
  return true; // `for (; next(x);)`, `for (; running_;)`
}

bool WalkContext::constantTripCount(const Stmt *Loop) {
  auto IsConstant = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    return !E->isValueDependent() && E->isIntegerConstantExpr(Ctx);
  };
  if (const auto *F = dyn_cast<ForStmt>(Loop)) {
    const auto *Cmp = dyn_cast_or_null<BinaryOperator>(
        F->getCond() ? F->getCond()->IgnoreParenImpCasts() : nullptr);
    if (!Cmp || !(Cmp->isRelationalOp() || Cmp->getOpcode() == BO_NE))
      return false;
    return IsConstant(Cmp->getLHS()) != IsConstant(Cmp->getRHS());
  }
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop)) {
    const Expr *Range = strip(R->getRangeInit());
    if (isa<InitListExpr>(Range) || isa<CXXStdInitializerListExpr>(Range))
      return true;
    QualType T = Range->getType().getCanonicalType();
    if (Ctx.getAsConstantArrayType(T))
      return true;
    if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
        return Spec->getTemplateArgs().size() == 2 &&
               Spec->getTemplateArgs()[1].getKind() ==
                   TemplateArgument::Integral &&
               !modelFor(RD); // a fixed-size array type, not a container
    return false;
  }
  return false;
}

//===-- Types -------------------------------------------------------------===//

const ContainerModel *WalkContext::modelFor(const CXXRecordDecl *RD,
                                            const TemplateArgumentList **Args) {
  if (Args)
    *Args = nullptr;
  if (!RD)
    return nullptr;
  RD = RD->getDefinition() ? RD->getDefinition() : RD;
  const ContainerModel *M = nullptr;
  auto It = Models.find(RD);
  if (It != Models.end()) {
    M = It->second;
  } else {
    M = Rules.findContainer(qualifiedName(RD));
    if (!M && RD->hasDefinition())
      for (const CXXBaseSpecifier &B : RD->bases())
        if ((M = modelFor(B.getType()->getAsCXXRecordDecl())))
          break;
    // A byte buffer of the project's own, read and written through two
    // indices: a model inferred from its code (WindowBuffer.h).
    if (!M && RD->hasDefinition() && !inSystemHeader(RD->getLocation())) {
      Models[RD] = nullptr; // a field of its own type while inferring
      if (std::optional<ContainerModel> Window = windowBufferModel(
              RD, [this](QualType T) { return modelForType(T); })) {
        Inferred.push_back(std::move(*Window));
        M = &Inferred.back();
      }
    }
    Models[RD] = M;
  }
  if (M && Args)
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      *Args = &Spec->getTemplateArgs();
  return M;
}

const ContainerModel *
WalkContext::modelForType(QualType T, const TemplateArgumentList **Args) {
  if (T.isNull())
    return nullptr;
  if (const CXXRecordDecl *RD = T.getCanonicalType()->getAsCXXRecordDecl())
    if (!isa<ClassTemplatePartialSpecializationDecl>(RD))
      return modelFor(RD, Args);
  if (Args)
    *Args = nullptr;
  // `std::deque<T>` inside a template: the template's own name.
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
      if (const auto *CTD = dyn_cast<ClassTemplateDecl>(TD))
        return modelFor(CTD->getTemplatedDecl());
  return nullptr;
}

QualType WalkContext::smartPointee(QualType T) {
  if (T.isNull())
    return QualType();
  const CXXRecordDecl *RD = T.getCanonicalType()->getAsCXXRecordDecl();
  if (!RD)
    return QualType();
  PointerKind K = pointerKind(RD);
  if (K != PointerKind::Shared && K != PointerKind::Unique)
    return QualType();
  return firstTypeArg(RD);
}

QualType WalkContext::containerTypeOf(const ValueDecl *D) {
  QualType T = D->getType();
  if (T->isReferenceType() || T->isPointerType())
    T = T->getPointeeType();
  if (!modelForType(T))
    if (QualType P = smartPointee(T); !P.isNull())
      return P;
  return T;
}

const ContainerModel *WalkContext::modelOfDecl(const ValueDecl *D) {
  return modelForType(containerTypeOf(D));
}

/// Smart pointers are recognized by shape, not by name, so boost's and
/// other libraries' work too: weak ones can lock() and tell expired();
/// owning ones have operator->, shared ones count their owners.
PointerKind WalkContext::pointerKind(const CXXRecordDecl *RD) {
  if (!RD)
    return PointerKind::None;
  auto It = PointerKinds.find(RD);
  if (It != PointerKinds.end())
    return It->second;
  PointerKind K = PointerKind::None;
  if (hasMethod(RD, "lock") && hasMethod(RD, "expired"))
    K = PointerKind::Weak;
  else if (hasMethod(RD, "operator->") && hasMethod(RD, "use_count"))
    K = PointerKind::Shared;
  else if (hasMethod(RD, "operator->") && hasMethod(RD, "release"))
    K = PointerKind::Unique;
  PointerKinds[RD] = K;
  return K;
}

bool WalkContext::isPointerLike(QualType T) {
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return RD && (pointerKind(RD) != PointerKind::None ||
                hasMethod(RD, "operator->"));
}

QualType WalkContext::firstTypeArg(const CXXRecordDecl *RD) {
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD))
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type)
        return A.getAsType();
  return QualType();
}

bool WalkContext::isCallableWrapper(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getCanonicalType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0)
    return false;
  const TemplateArgument &A = Spec->getTemplateArgs()[0];
  return A.getKind() == TemplateArgument::Type &&
         A.getAsType()->isFunctionProtoType();
}

bool WalkContext::boundedType(QualType T) {
  const CXXRecordDecl *RD = T.getCanonicalType()->getAsCXXRecordDecl();
  for (unsigned Depth = 0; RD && Depth < 8; ++Depth) {
    if (findFirst(Rules.BoundedTypes, qualifiedName(RD)))
      return true;
    if (!RD->hasDefinition() || RD->getDefinition()->getNumBases() != 1)
      return false;
    RD = RD->getDefinition()->bases_begin()->getType()->getAsCXXRecordDecl();
  }
  return false;
}

std::string WalkContext::recordId(const CXXRecordDecl *RD) {
  std::string Id = stableId(RD);
  if (const Decl *P = patternOf(RD); P != RD) {
    std::string Pattern = stableId(P);
    if (Pattern != Id)
      Out.Specializations.push_back({Id, std::move(Pattern)});
  }
  return Id;
}

std::string WalkContext::recordName(const CXXRecordDecl *RD) const {
  if (isa<ClassTemplateSpecializationDecl>(RD)) {
    PrintingPolicy P(Ctx.getLangOpts());
    P.SuppressScope = true;
    P.AnonymousTagLocations = false; // `Timer<(lambda)>`, not a path
    return compat::recordType(Ctx, RD).getAsString(P);
  }
  return recordPath(RD);
}

/// Can a value of this type hold a callable: a std::function-like wrapper,
/// a function pointer, a closure, a container of those, or a template
/// parameter?
bool WalkContext::callableType(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isDependentType())
    return T->isTemplateTypeParmType();
  if (T->isFunctionPointerType() || T->isFunctionType())
    return true;
  if (WalkContext::isCallableWrapper(T))
    return true;
  if (const CXXRecordDecl *RD = T.getCanonicalType()->getAsCXXRecordDecl()) {
    if (RD->isLambda())
      return true;
    if (modelForType(T))
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
        for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
          if (A.getKind() == TemplateArgument::Type &&
              (WalkContext::isCallableWrapper(A.getAsType()) ||
               A.getAsType()->isFunctionPointerType()))
            return true;
  }
  return false;
}

//===-- Entities ----------------------------------------------------------===//

void WalkContext::markHandled(const Expr *E) {
  E = strip(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      Handled.insert(UO);
}

void WalkContext::addCapture(const VarDecl *VD, const LambdaExpr *LE) {
  if (!Captures.count(VD))
    Captures[VD] = LE;
}

const std::string &WalkContext::entityId(const ValueDecl *D) {
  auto It = EntityIds.find(D);
  if (It != EntityIds.end())
    return It->second;
  std::string &Id = EntityIds[D];
  Entity E;
  if (!makeEntity(D, E))
    return Id;
  Id = E.Id;
  auto [Slot, Inserted] = Out.Entities.emplace(E.Id, E);
  if (!Inserted) {
    for (const std::string &L : E.Lambdas)
      Slot->second.Lambdas.push_back(L);
    mergeElements(Slot->second, E);
  }
  return Id;
}

QualType WalkContext::firstTypeArgOf(QualType T) {
  T = T.getCanonicalType();
  if (const auto *TST = T->getAs<TemplateSpecializationType>()) {
    for (const TemplateArgument &A : TST->template_arguments())
      if (A.getKind() == TemplateArgument::Type)
        return A.getAsType();
    return QualType();
  }
  return firstTypeArg(T->getAsCXXRecordDecl());
}

/// The class a type names, also for a dependent specialization
/// (`std::unique_ptr<T>` in a template: the primary template's pattern).
static const CXXRecordDecl *recordOf(QualType T) {
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    return RD;
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(
            TST->getTemplateName().getAsTemplateDecl()))
      return CTD->getTemplatedDecl();
  return nullptr;
}

bool WalkContext::handleType(QualType T, unsigned Depth) {
  T = T.getCanonicalType().getUnqualifiedType();
  if (T->isPointerType() || T->isMemberPointerType())
    return true;
  const CXXRecordDecl *RD = recordOf(T);
  // A container or a callable owns what it holds.
  if (!RD || modelFor(RD) || isCallableWrapper(T))
    return false;
  if (pointerKind(RD) != PointerKind::None)
    return true;
  // A small record of handles and scalars: a pointer and a size (a view),
  // an iterator, a pointer and a time stamp, two pointers.
  bool Handle = false;
  return Depth < 3 && !T->isDependentType() &&
         recordOfHandles(RD, Depth, Handle) && Handle &&
         Ctx.getTypeSize(T) <= 4 * Ctx.getTypeSize(Ctx.VoidPtrTy);
}

/// Every field of \p RD and of its bases is a handle or a scalar; \p Handle
/// is set when one is a handle.
bool WalkContext::recordOfHandles(const CXXRecordDecl *RD, unsigned Depth,
                                  bool &Handle) {
  if (!RD || !RD->hasDefinition() || Depth > 3)
    return false;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (!recordOfHandles(B.getType()->getAsCXXRecordDecl(), Depth + 1, Handle))
      return false;
  for (const FieldDecl *F : RD->fields()) {
    if (handleType(F->getType(), Depth + 1))
      Handle = true;
    else if (!scalarType(F->getType(), Depth + 1))
      return false;
  }
  return true;
}

/// Numbers and records of numbers (a time point, a duration).
bool WalkContext::scalarType(QualType T, unsigned Depth) {
  T = T.getCanonicalType();
  if (T->isArithmeticType() || T->isEnumeralType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || Depth > 3 || modelFor(RD))
    return false;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (!scalarType(B.getType(), Depth + 1))
      return false;
  for (const FieldDecl *F : RD->fields())
    if (!scalarType(F->getType(), Depth + 1))
      return false;
  return true;
}

bool WalkContext::fillModel(QualType T, Entity &E) {
  const TemplateArgumentList *Args = nullptr;
  const ContainerModel *M = modelForType(T, &Args);
  if (!M || boundedType(T))
    return false;
  E.Container = M->Id;
  E.Contiguous = M->Contiguous;
  if (M->Contiguous) {
    QualType Element = firstTypeArgOf(T);
    if (!Element.isNull() && Element->isDependentType())
      E.ElementsUnknown = true;
    else
      E.HandleElements = !Element.isNull() && handleType(Element, 0);
  }
  if (M->Associative && Args && M->KeyArg >= 0 &&
      static_cast<unsigned>(M->KeyArg) < Args->size()) {
    const TemplateArgument &Key = Args->get(M->KeyArg);
    if (Key.getKind() == TemplateArgument::Type) {
      QualType K = Key.getAsType().getCanonicalType();
      E.FiniteKey = K->isEnumeralType() || K->isBooleanType();
      E.PinsKeys = K->isPointerType() || isPointerLike(K);
    }
  }
  return true;
}

bool WalkContext::makeEntity(const ValueDecl *D, Entity &E) {
  if (inSystemHeader(D->getLocation()))
    return false;
  QualType T = D->getType();
  const auto *P = cast<ValueDecl>(patternOf(D));
  if (const auto *PVD = dyn_cast<ParmVarDecl>(D)) {
    if (!isNonConstRefOrPtr(T))
      return false;
    const auto *Fn = dyn_cast<FunctionDecl>(PVD->getDeclContext());
    if (!Fn)
      return false;
    T = T->getPointeeType();
    E.Kind = EntityKind::Param;
    E.Id = functionId(Fn) + "#" + std::to_string(PVD->getFunctionScopeIndex());
    E.Name = PVD->getNameAsString();
    E.AlwaysClosed = true;
  } else if (const auto *FD = dyn_cast<FieldDecl>(D)) {
    if (T->isReferenceType())
      return false;
    // A raw pointer to a container: the container, if the member owns it
    // (Entity::unowned() decides once every store into it is seen).
    if (T->isPointerType()) {
      T = T->getPointeeType();
      if (!modelForType(T))
        return false;
      E.Pointer = true;
    }
    // A C struct's field is no C++ container.
    const auto *Parent =
        dyn_cast<CXXRecordDecl>(cast<FieldDecl>(P)->getParent());
    const auto *Own = dyn_cast<CXXRecordDecl>(FD->getParent());
    if (!Parent || !Own)
      return false;
    E.Kind = EntityKind::Field;
    E.OwnerClass = stableId(patternOf(Parent));
    E.OwnerName = recordPath(Parent);
    E.Name = E.OwnerName + "::" + FD->getNameAsString();
    E.Type = cast<FieldDecl>(P)->getType().getAsString(Ctx.getPrintingPolicy());
    closedWorldForMember(cast<FieldDecl>(P), Parent, E);
    auto [Sync, New] = Synchronized.try_emplace(Own, false);
    if (New)
      Sync->second = synchronizes(Own);
    E.Concurrent = Sync->second;
  } else if (const auto *VD = dyn_cast<VarDecl>(D)) {
    if (T->isReferenceType() || T->isPointerType())
      return false;
    auto Cap = Captures.find(VD);
    if (Cap != Captures.end()) {
      // A container the lambda owns: an init-capture (`[cache =
      // std::map<...>()]`) or the pointee of a captured shared_ptr.
      const LambdaExpr *LE = Cap->second;
      E.Kind = EntityKind::Capture;
      E.Name = (Fns.empty() ? std::string() : functionName(Fns.back()) + "::") +
               "<lambda>::" + VD->getNameAsString();
      E.Lambdas.push_back(lambdaId(LE));
      E.AlwaysClosed = true;
      E.Id = stableId(VD);
      if (!VD->isInitCapture())
        E.Id += "#captured";
    } else if (VD->isStaticDataMember()) {
      const auto *Parent = dyn_cast<CXXRecordDecl>(VD->getDeclContext());
      if (!Parent)
        return false;
      E.Kind = EntityKind::StaticField;
      E.Name = recordPath(Parent) + "::" + VD->getNameAsString();
      closedWorldForMember(cast<VarDecl>(P), Parent, E);
    } else if (VD->isStaticLocal()) {
      E.Kind = EntityKind::StaticLocal;
      const auto *Fn = dyn_cast<FunctionDecl>(VD->getDeclContext());
      E.Name = (Fn ? functionName(Fn) + "::" : std::string()) +
               VD->getNameAsString();
      E.AlwaysClosed = true;
    } else if (VD->hasGlobalStorage() && VD->isFileVarDecl()) {
      E.Kind = EntityKind::Global;
      E.Name = qualifiedName(VD);
      // Internal linkage, or declared only in the main file: no other TU
      // can name it. Otherwise any TU including its header may.
      bool OnlyHere = true;
      for (const VarDecl *R : VD->redecls())
        OnlyHere &= SM.isInMainFile(SM.getExpansionLoc(R->getLocation()));
      E.AlwaysClosed = !VD->isExternallyVisible() || OnlyHere;
      E.OpenAccess = !E.AlwaysClosed;
    } else {
      return false;
    }
  } else {
    return false;
  }
  if (E.Id.empty())
    E.Id = stableId(P);
  // A smart pointer to a container owns it: `std::unique_ptr<std::vector<T>>
  // items_` is the vector.
  QualType CT = T;
  if (!modelForType(CT))
    if (QualType Pointee = smartPointee(CT); !Pointee.isNull())
      CT = Pointee;
  if (!fillModel(CT, E))
    return false;
  E.Decl = Locs.make(P->getLocation());
  return true;
}

/// Does \p T name the class \p RD: itself, through pointers, references
/// and arrays, or as a template argument (`std::vector<Shard> &`)?
static bool namesClass(QualType T, const CXXRecordDecl *RD, unsigned Depth = 0) {
  if (T.isNull() || Depth > 8)
    return false;
  T = T.getCanonicalType();
  if (T->isPointerType() || T->isReferenceType())
    return namesClass(T->getPointeeType(), RD, Depth + 1);
  if (const ArrayType *AT = T->getAsArrayTypeUnsafe())
    return namesClass(AT->getElementType(), RD, Depth + 1);
  const CXXRecordDecl *Named = T->getAsCXXRecordDecl();
  if (!Named)
    return false;
  if (Named->getCanonicalDecl() == RD->getCanonicalDecl())
    return true;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Named))
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type &&
          namesClass(A.getAsType(), RD, Depth + 1))
        return true;
  return false;
}

/// Does \p Outer hand its nested class \p Nested to code outside it: a
/// public (or, in a class that is not final, protected) member function
/// that returns or takes one, or such a data member of its type
/// (`public: Shard &shard(int i);`)?
static bool handsOut(const CXXRecordDecl *Outer, const CXXRecordDecl *Nested) {
  const CXXRecordDecl *Def = Outer->getDefinition();
  if (!Def)
    return true;
  auto Open = [&](const Decl *D) {
    AccessSpecifier AS = D->getAccess();
    return AS == AS_public ||
           (AS == AS_protected && !Def->hasAttr<FinalAttr>());
  };
  for (const Decl *D : Def->decls()) {
    if (D->isImplicit() || !Open(D))
      continue;
    const Decl *Inner = D;
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      Inner = FTD->getTemplatedDecl();
    if (const auto *FD = dyn_cast<FunctionDecl>(Inner)) {
      if (namesClass(FD->getReturnType(), Nested))
        return true;
      for (const ParmVarDecl *P : FD->parameters())
        if (namesClass(P->getType(), Nested))
          return true;
    } else if (const auto *VD = dyn_cast<ValueDecl>(Inner)) {
      if (namesClass(VD->getType(), Nested))
        return true;
    }
  }
  return false;
}

/// Who can reach a class member: its own member functions, those of nested
/// classes, and friends. Public (and non-final protected) members of a
/// class other TUs can see are open to anyone, unless the class is itself
/// a private member of another (`struct Shard { std::map<K, V> items; };`
/// in a private section) that no public member function or data member
/// hands out: then only the enclosing class can name it, and the reachers
/// are that class's.
void WalkContext::closedWorldForMember(const ValueDecl *Member,
                                       const CXXRecordDecl *RD, Entity &E) {
  if (RD->isInAnonymousNamespace() || RD->isLocalClass() ||
      SM.isInMainFile(SM.getExpansionLoc(RD->getLocation()))) {
    E.AlwaysClosed = true;
    return;
  }
  AccessSpecifier AS = Member->getAccess();
  while (AS == AS_public ||
         (AS == AS_protected && !RD->hasAttr<FinalAttr>())) {
    const auto *Outer = dyn_cast<CXXRecordDecl>(RD->getDeclContext());
    if (!Outer || handsOut(Outer, RD)) {
      E.OpenAccess = true;
      return;
    }
    AS = RD->getAccess();
    RD = Outer;
  }
  std::set<std::string> Reachers;
  std::set<const CXXRecordDecl *> Visited;
  if (!collectReachers(RD, Reachers, Visited)) {
    E.OpenAccess = true;
    return;
  }
  E.Reachers.assign(Reachers.begin(), Reachers.end());
}

bool WalkContext::collectReachers(const CXXRecordDecl *RD,
                                  std::set<std::string> &Out,
                                  std::set<const CXXRecordDecl *> &Visited) {
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    return false;
  // Classes that befriend each other (or nest and befriend): once each.
  if (!Visited.insert(Def).second)
    return true;
  for (const Decl *D : Def->decls()) {
    if (D->isImplicit())
      continue;
    const Decl *Inner = D;
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      Inner = FTD->getTemplatedDecl();
    if (const auto *FD = dyn_cast<FunctionDecl>(Inner)) {
      if (!compat::isPureVirtual(FD))
        Out.insert(stableId(patternOf(FD)));
    } else if (const auto *Nested = dyn_cast<CXXRecordDecl>(Inner)) {
      if (!collectReachers(Nested, Out, Visited))
        return false;
    } else if (const auto *Friend = dyn_cast<FriendDecl>(D)) {
      if (const NamedDecl *FND = Friend->getFriendDecl()) {
        if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(FND))
          FND = FTD->getTemplatedDecl();
        if (const auto *FFD = dyn_cast<FunctionDecl>(FND))
          Out.insert(stableId(patternOf(FFD)));
      } else if (const TypeSourceInfo *TSI = Friend->getFriendType()) {
        const CXXRecordDecl *FC = TSI->getType()->getAsCXXRecordDecl();
        if (!FC || !collectReachers(FC, Out, Visited))
          return false;
      }
    }
  }
  return true;
}

Target WalkContext::targetOfDecl(const ValueDecl *D) {
  Target T;
  T.Id = entityId(D);
  if (T.Id.empty())
    return {};
  T.Model = modelOfDecl(D);
  T.Decl = D;
  return T;
}

Target WalkContext::proxy(const std::string &Id, EntityKind Kind,
                          const std::string &Name, QualType Type,
                          SourceLocation DeclLoc) {
  Target T;
  auto It = Out.Entities.find(Id);
  if (It == Out.Entities.end()) {
    Entity E;
    E.Id = Id;
    E.Kind = Kind;
    E.Name = Name;
    E.AlwaysClosed = true;
    if (!fillModel(Type, E))
      return {};
    E.Decl = Locs.make(DeclLoc);
    Out.Entities.emplace(Id, std::move(E));
  }
  T.Id = Id;
  T.Model = modelForType(Type);
  return T.Model ? T : Target();
}

Target WalkContext::resolve(const Expr *E) { return resolveImpl(E, 0); }

Target WalkContext::resolveImpl(const Expr *E, unsigned Depth) {
  E = strip(E);
  if (!E || Depth > 8)
    return {};
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *M = ME->getMemberDecl();
    if (isa<VarDecl>(M))
      return targetOfDecl(M);
    if (isa<FieldDecl>(M)) {
      Target T = targetOfDecl(M);
      if (T)
        T.Receiver = objectOf(ME->getBase(), ME->isArrow());
      return T;
    }
    return {};
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return {};
    auto It = LocalAliases.find(VD);
    if (It != LocalAliases.end())
      return It->second;
    if (isa<ParmVarDecl>(VD) || VD->hasGlobalStorage() || Captures.count(VD))
      return targetOfDecl(VD);
    return {};
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref)
      return resolveImpl(UO->getSubExpr(), Depth + 1);
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_PtrMemD || BO->getOpcode() == BO_PtrMemI) {
      // `(this->*member).push_back(x)`: any field of that class and type
      // whose address as a member pointer is taken.
      const auto *MPT = BO->getRHS()->getType()->getAs<MemberPointerType>();
      if (!MPT || !MPT->getMostRecentCXXRecordDecl())
        return {};
      const CXXRecordDecl *RD = MPT->getMostRecentCXXRecordDecl();
      QualType Pointee = MPT->getPointeeType();
      return proxy("mptr:" + stableId(patternOf(RD)) + ":" +
                       Pointee.getCanonicalType().getAsString(),
                   EntityKind::MemberPtr,
                   recordPath(RD) + "::*" , Pointee, BO->getBeginLoc());
    }
  if (const auto *CE = dyn_cast<CallExpr>(E))
    return resolveCall(CE, Depth);
  return {};
}

unsigned WalkContext::objectOf(const Expr *E, bool Pointer, unsigned Depth,
                               const VarDecl **Local, SourceLocation At) {
  E = strip(E);
  if (!E || Depth > 6)
    return RecvOther;
  if (isa<CXXThisExpr>(E))
    return RecvThis;
  if (Pointer) {
    // `&m`: the object m.
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf)
      return objectOf(UO->getSubExpr(), false, Depth + 1, Local, At);
    // `p.get()` of a smart pointer.
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E))
      if (MCE->getMethodDecl() && MCE->getMethodDecl()->getIdentifier() &&
          MCE->getMethodDecl()->getName() == "get" &&
          MCE->getNumArgs() == 0)
        return objectOf(MCE->getImplicitObjectArgument(), true, Depth + 1, Local, At);
  } else {
    // `*p`, `p->` of a smart pointer (`(*p).items_`, `p->items_` are
    // written on what p points to).
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_Deref)
      return objectOf(UO->getSubExpr(), true, Depth + 1, Local, At);
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E);
        OCE && OCE->getOperator() == OO_Star && OCE->getNumArgs() == 1)
      return objectOf(OCE->getArg(0), true, Depth + 1, Local, At);
    // A part of an object by value: `part_.items_` is this object's.
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      QualType T = ME->getMemberDecl()->getType();
      if (isa<FieldDecl>(ME->getMemberDecl()) && !T->isReferenceType() &&
          !T->isPointerType() && !isPointerLike(T))
        return objectOf(ME->getBase(), ME->isArrow(), Depth + 1, Local, At);
      return RecvOther;
    }
  }
  if (Pointer)
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E);
        OCE && OCE->getOperator() == OO_Arrow && OCE->getNumArgs() == 1)
      return objectOf(OCE->getArg(0), true, Depth + 1, Local, At);
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->hasLocalStorage())
    return RecvOther;
  const LambdaExpr *LE = currentLambda();
  const FunctionDecl *Here =
      LE ? LE->getCallOperator() : (Fns.empty() ? nullptr : Fns.back());
  const auto *Owner = dyn_cast<FunctionDecl>(VD->getDeclContext());
  if (!Here || !Owner)
    return RecvOther;
  bool Captured = Owner != Here; // an enclosing function's variable
  if (const auto *P = dyn_cast<ParmVarDecl>(VD))
    return Captured ? RecvOther : receiverParam(P->getFunctionScopeIndex());
  QualType T = VD->getType();
  if (T->isReferenceType())
    return RecvOther; // an alias of anything
  bool PointerVar = T->isPointerType() || isPointerLike(T);
  if (Pointer != PointerVar)
    return RecvOther;
  // One kept across the turns of a loop that runs until something happens
  // (a session in a thread's event loop) is no object being built.
  for (const Stmt *Loop : loopsAround())
    if (untilLoop(Loop) &&
        !(SM.isBeforeInTranslationUnit(Loop->getBeginLoc(), VD->getLocation()) &&
          SM.isBeforeInTranslationUnit(VD->getLocation(), Loop->getEndLoc())))
      return RecvOther;
  // An object local to this function or, used in a lambda, to the one
  // around it; main's lives as long as the program.
  if (Local)
    *Local = VD;
  if (!PointerVar)
    return T->isRecordType() && !Owner->isMain() ? RecvLocal : RecvOther;
  if (Captured)
    return RecvOther;
  return VD->getInit() && freshObject(VD->getInit()) &&
                 !escapedBefore(VD, At.isValid() ? At : E->getBeginLoc())
             ? RecvLocal
             : RecvOther;
}

bool WalkContext::newObject(const Expr *E, bool Pointer, SourceLocation At) {
  const VarDecl *VD = nullptr;
  if (!E || objectOf(E, Pointer, 0, &VD, At) != RecvLocal || !VD)
    return false;
  // Not one a lambda captured: the lambda may run many times on it.
  const LambdaExpr *LE = currentLambda();
  const DeclContext *Here =
      LE ? LE->getCallOperator() : (Fns.empty() ? nullptr : Fns.back());
  if (!Here || VD->getDeclContext() != Here)
    return false;
  // Declared inside every counted loop around E: a new one each turn.
  for (const Stmt *Loop : loopsAround())
    if (!constantTripCount(Loop) &&
        !(SM.isBeforeInTranslationUnit(Loop->getBeginLoc(), VD->getLocation()) &&
          SM.isBeforeInTranslationUnit(VD->getLocation(), Loop->getEndLoc())))
      return false;
  return true;
}

void WalkContext::userCalls(const Stmt *S, std::vector<std::string> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = CE->getDirectCallee())
      if (!inSystemHeader(Callee->getLocation()))
        Out.push_back(functionId(Callee));
  for (const Stmt *C : S->children())
    userCalls(C, Out);
}

/// Does \p E pass on what \p VD holds: `p`, `std::move(p)`, a copy of p,
/// `p.get()`?
static bool passesOn(const Expr *E, const VarDecl *VD) {
  E = peelHandover(E);
  if (const auto *MCE = dyn_cast_or_null<CXXMemberCallExpr>(E))
    if (MCE->getMethodDecl() && MCE->getMethodDecl()->getIdentifier() &&
        MCE->getMethodDecl()->getName() == "get")
      E = peelHandover(MCE->getImplicitObjectArgument());
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
  return DRE && DRE->getDecl() == VD;
}

bool WalkContext::escapedBefore(const VarDecl *VD, SourceLocation At) {
  auto It = Escapes.find(VD);
  if (It == Escapes.end()) {
    llvm::SmallVector<SourceLocation, 2> Out;
    const auto *FD = dyn_cast<FunctionDecl>(VD->getDeclContext());
    std::function<void(const Stmt *)> Scan = [&](const Stmt *S) {
      if (!S)
        return;
      if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
        for (const Expr *Init : LE->capture_inits())
          if (Init && passesOn(Init, VD))
            Out.push_back(LE->getBeginLoc());
        return; // its body runs elsewhere
      }
      if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(S)) {
        // `p->f()`, `*p` use it; `x = p` and `p = q` hand on or replace it.
        bool Assign = OCE->getOperator() == OO_Equal;
        for (unsigned I = 0; I < OCE->getNumArgs(); ++I)
          if ((I > 0 || Assign) && passesOn(OCE->getArg(I), VD))
            Out.push_back(OCE->getBeginLoc());
      } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
        for (const Expr *Arg : CE->arguments())
          if (passesOn(Arg, VD))
            Out.push_back(CE->getBeginLoc());
      } else if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
        for (const Expr *Arg : CE->arguments())
          if (passesOn(Arg, VD))
            Out.push_back(CE->getBeginLoc());
      } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
        if (BO->isAssignmentOp() &&
            (passesOn(BO->getRHS(), VD) || passesOn(BO->getLHS(), VD)))
          Out.push_back(BO->getBeginLoc());
      }
      for (const Stmt *C : S->children())
        Scan(C);
    };
    if (FD)
      Scan(FD->getBody());
    It = Escapes.try_emplace(VD, std::move(Out)).first;
  }
  for (SourceLocation L : It->second)
    if (L.isValid() && At.isValid() && SM.isBeforeInTranslationUnit(L, At))
      return true;
  return false;
}

bool WalkContext::freshObject(const Expr *Init) {
  for (unsigned Depth = 0; Init && Depth < 6; ++Depth) {
    Init = strip(Init);
    if (isa<CXXNewExpr>(Init))
      return true;
    // `std::shared_ptr<H> h = makeHeader(name);`, `unique_ptr<T> p(new T)`.
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Init)) {
      if (CE->getNumArgs() != 1)
        return false;
      Init = CE->getArg(0);
      continue;
    }
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(Init)) {
      Init = FC->getSubExpr();
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(Init);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee)
      return false;
    if (Callee->isInStdNamespace() && Callee->getIdentifier() &&
        (Callee->getName() == "make_unique" ||
         Callee->getName() == "make_shared" ||
         Callee->getName() == "allocate_shared"))
      return true;
    // A unique_ptr returned by value: the caller alone owns what it points
    // to (a factory's product).
    QualType Ret = Callee->getReturnType();
    const CXXRecordDecl *RD = Ret->getAsCXXRecordDecl();
    return !Ret->isReferenceType() && RD &&
           pointerKind(RD) == PointerKind::Unique;
  }
  return false;
}

Target WalkContext::resolveCall(const CallExpr *CE, unsigned Depth) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return {};
  QualType Ret = CE->getCallReturnType(Ctx);
  const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
  const Expr *Object = nullptr;
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
    Object = MCE->getImplicitObjectArgument();
  else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE);
           OCE && MD && !MD->isStatic() && OCE->getNumArgs() > 0)
    Object = OCE->getArg(0);
  if (Object && MD) {
    QualType ObjType = strip(Object)->getType();
    if (ObjType->isPointerType())
      ObjType = ObjType->getPointeeType();
    const CXXRecordDecl *ObjRD = ObjType.getCanonicalType()->getAsCXXRecordDecl();
    // Through a smart pointer: `cache_->find(k)`, `(*cache_)[k]`, `p.get()`.
    if (ObjRD && pointerKind(ObjRD) != PointerKind::None &&
        pointerKind(ObjRD) != PointerKind::Weak) {
      llvm::StringRef N = MD->getName();
      if (MD->getOverloadedOperator() == OO_Arrow ||
          MD->getOverloadedOperator() == OO_Star || N == "get")
        return resolveImpl(Object, Depth + 1);
      return {};
    }
    // An element of a container: `by_key_[k]`, `rows_.at(i)`, `q_.back()`.
    if (isNonConstRefOrPtr(Ret)) {
      QualType Elem = Ret->getPointeeType();
      if (const ContainerModel *EM = modelForType(Elem)) {
        Target Outer = resolveImpl(Object, Depth + 1);
        if (Outer && Outer.Model) {
          Outer.Model = EM;
          Outer.Decl = nullptr;
          Outer.Element = true;
          return Outer;
        }
      }
    }
  }
  // A user function that returns a reference or pointer to a container:
  // `registry().push_back(x)`, `items()` of a member.
  if (!inSystemHeader(Callee->getLocation()) && isNonConstRefOrPtr(Ret)) {
    QualType Pointee = Ret->getPointeeType();
    if (modelForType(Pointee)) {
      const std::string &Fn = functionId(Callee);
      return proxy(Fn + "#ret", EntityKind::Return,
                   functionName(cast<FunctionDecl>(patternOf(Callee))) + "()",
                   Pointee, Callee->getLocation());
    }
  }
  return {};
}

const TestAndSetCall *
WalkContext::testAndSetEntry(const CXXMethodDecl *MD) {
  auto [It, New] = TestAndSetEntries.try_emplace(MD, nullptr);
  // `Class::method`, Class the one that declares it (std::atomic<int>'s
  // exchange is libstdc++'s std::__atomic_base::exchange).
  if (New)
    It->second = findFirst(Rules.TestAndSet, qualifiedName(MD));
  return It->second;
}

/// `flag.exchange(true)`, `flag.test_and_set()`, `started_.getAndSet(1)`:
/// the flag's old value, setting it; \p Negated: the test is for its being
/// unset (`!f.exchange(true)`, `f.getAndSet(1) == 0`). Which methods set a
/// flag, and which of their arguments is the value stored, is the packs'
/// `test_and_set` section.
bool WalkContext::testAndSet(const Expr *Cond, bool &Negated) {
  Cond = strip(Cond);
  Negated = false;
  auto Zero = [&](const Expr *E) {
    Expr::EvalResult R;
    if (E->EvaluateAsInt(R, Ctx))
      return R.Val.getInt() == 0;
    bool B = true;
    return E->EvaluateAsBooleanCondition(B, Ctx) && !B;
  };
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot) {
    Negated = true;
    Cond = strip(UO->getSubExpr());
  } else if (const auto *BO = dyn_cast<BinaryOperator>(Cond);
             BO && BO->getOpcode() == BO_EQ) {
    Negated = true;
    if (Zero(BO->getRHS()))
      Cond = strip(BO->getLHS());
    else if (Zero(BO->getLHS()))
      Cond = strip(BO->getRHS());
    else
      return false;
  }
  const auto *MCE = dyn_cast<CXXMemberCallExpr>(Cond);
  const CXXMethodDecl *MD = MCE ? MCE->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier())
    return false;
  const Expr *Obj = strip(MCE->getImplicitObjectArgument());
  if (!isa<MemberExpr>(Obj) && !isa<DeclRefExpr>(Obj))
    return false;
  const TestAndSetCall *T = testAndSetEntry(MD);
  if (!T)
    return false;
  if (T->Value < 0) // atomic_flag::test_and_set: always sets
    return true;
  // `exchange(false)` clears the flag: no guard.
  return unsigned(T->Value) < MCE->getNumArgs() &&
         !Zero(MCE->getArg(unsigned(T->Value)));
}

/// Behind a run-once guard: a flag tested and set (`if (!loaded_) { ...;
/// loaded_ = true; }`, or `if (loaded_) return; loaded_ = true;`), or
/// tested and set in one step (`if (!started_.exchange(true))`, `if
/// (started_.getAndSet(1) == 0)`, `if (done_.exchange(true)) return;`).
bool WalkContext::runOnce() {
  auto FlagOf = [](const Expr *E) -> const ValueDecl * {
    E = strip(E);
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot)
      E = strip(UO->getSubExpr());
    if (!E->getType()->isBooleanType())
      return nullptr;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return DRE->getDecl();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return ME->getMemberDecl();
    return nullptr;
  };
  std::function<bool(const Stmt *, const ValueDecl *)> Sets =
      [&](const Stmt *S, const ValueDecl *Flag) {
        if (!S || isa<LambdaExpr>(S))
          return false;
        if (const auto *BO = dyn_cast<BinaryOperator>(S);
            BO && BO->getOpcode() == BO_Assign && FlagOf(BO->getLHS()) == Flag)
          if (const auto *B = dyn_cast<CXXBoolLiteralExpr>(strip(BO->getRHS())))
            return B->getValue();
        for (const Stmt *C : S->children())
          if (Sets(C, Flag))
            return true;
        return false;
      };
  const auto &Stmts = this->Stmts;
  for (size_t I = Stmts.size(); I-- > 1;) {
    const Stmt *Child = Stmts[I], *Parent = Stmts[I - 1];
    if (isa<LambdaExpr>(Parent))
      break;
    bool Negated = false;
    if (const auto *If = dyn_cast<IfStmt>(Parent)) {
      if (Child == If->getThen())
        if (const ValueDecl *Flag = FlagOf(If->getCond()))
          if (Sets(If->getThen(), Flag))
            return true;
      if (Child == If->getThen() && testAndSet(If->getCond(), Negated) &&
          Negated)
        return true;
    }
    if (const auto *CS = dyn_cast<CompoundStmt>(Parent))
      for (const Stmt *Before : CS->body()) {
        if (Before == Child)
          break;
        if (const auto *If = dyn_cast<IfStmt>(Before)) {
          if (const ValueDecl *Flag = FlagOf(If->getCond()))
            if (exits(If->getThen()) && Sets(CS, Flag))
              return true;
          if (exits(If->getThen()) && testAndSet(If->getCond(), Negated) &&
              !Negated)
            return true;
        }
      }
  }
  return false;
}

//===-- Small helpers -----------------------------------------------------===//

bool isEmptyBraces(const Expr *E) {
  if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E))
    E = strip(SIL->getSubExpr());
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) // initializer_list{}
    return CE->isListInitialization() && CE->getNumArgs() == 0;
  const auto *IL = dyn_cast<InitListExpr>(E);
  return IL && IL->getNumInits() == 0;
}

bool isNullValue(const Expr *E) {
  return isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E) ||
         isEmptyBraces(E) ||
         (isa<CXXConstructExpr>(E) &&
          cast<CXXConstructExpr>(E)->getNumArgs() == 0);
}

bool isNoObject(const Expr *E, ASTContext &Ctx) {
  return isNullValue(E) || isa<ImplicitValueInitExpr>(E) ||
         isa<CXXScalarValueInitExpr>(E) ||
         (!E->isValueDependent() &&
          E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull));
}

bool exits(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<ReturnStmt>(S) || isa<CXXThrowExpr>(S) || isa<BreakStmt>(S) ||
      isa<ContinueStmt>(S) || isa<GotoStmt>(S))
    return true;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *FD = CE->getDirectCallee())
      if (FD->isNoReturn())
        return true;
  for (const Stmt *C : S->children())
    if (exits(C))
      return true;
  return false;
}

const LambdaExpr *findLambda(const Stmt *S, unsigned Depth) {
  if (!S || Depth > 6)
    return nullptr;
  if (const auto *L = dyn_cast<LambdaExpr>(S))
    return L;
  for (const Stmt *C : S->children())
    if (const LambdaExpr *L = findLambda(C, Depth + 1))
      return L;
  return nullptr;
}

} // namespace facts
} // namespace memlint
