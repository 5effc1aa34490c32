//===- SummaryCollector.cpp - calls, callables, returns, queries ----------===//
#include "SummaryCollector.h"
#include "LLVMCompat.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <functional>

using namespace clang;

namespace memlint {
namespace facts {

//===-- Functions ---------------------------------------------------------===//

/// The parameters of \p FD (bit i: parameter i, the first 32) that a
/// condition in its body reads: an if's, a loop's, a switch's, a ?:'s, an
/// operand of && or || (`if (!ec)`, `if (ec) return;`, `ok && go()`).
/// Lambdas written in it are functions of their own.
static unsigned testedParams(const FunctionDecl *FD) {
  const Stmt *Body = FD->getBody();
  unsigned N = std::min(FD->getNumParams(), 32u);
  if (!Body || N == 0)
    return 0;
  unsigned Out = 0;
  auto Test = [&](const Expr *Cond) {
    for (unsigned I = 0; I < N; ++I)
      if (!(Out & (1u << I)) && mentionsDecl(Cond, FD->getParamDecl(I)))
        Out |= 1u << I;
  };
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *If = dyn_cast<IfStmt>(S))
      Test(If->getCond());
    else if (const Expr *Loop = loopCondition(S))
      Test(Loop);
    else if (const auto *Sw = dyn_cast<SwitchStmt>(S))
      Test(Sw->getCond());
    else if (const auto *CO = dyn_cast<ConditionalOperator>(S))
      Test(CO->getCond());
    else if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isLogicalOp())
      Test(BO);
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Body);
  return Out;
}

void SummaryCollector::function(const FunctionDecl *FD) {
  if (!(FD->doesThisDeclarationHaveABody() || FD->isDefaulted() ||
        FD->isDeleted())) {
    // Declared only: a virtual method still says what it overrides (the
    // rest is recorded when a fact names it).
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->isVirtual())
      W.functionId(FD);
    return;
  }
  const std::string &Id = W.functionId(FD);
  W.Out.Functions[Id].Traits |= FnDefined;
  W.Out.Functions[Id].TestedParams |= testedParams(FD);
  // A filter callback that keeps nothing (scandir's): only what can be
  // handed over as a C callback is asked (a free or static function taking
  // an argument), not every function returning an integer.
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if ((!MD || MD->isStatic()) && FD->getNumParams() > 0 && !FD->isMain() &&
      FD->getReturnType()->isIntegerType() && !FD->isTemplateInstantiation() &&
      !FD->isDependentContext() && returnsZeroOnly(FD, W.Ctx))
    W.Out.Functions[Id].Traits |= FnReturnsZero;
  if (MD && !FD->isTemplateInstantiation() && returnsThisOnly(FD))
    W.Out.Functions[Id].Traits |= FnFluent;
  // `PathBuilder SubPath::route(...)`: hands its caller what it made, to
  // configure by chained calls.
  if (!FD->isTemplateInstantiation()) {
    QualType R = FD->getReturnType().getNonReferenceType();
    const CXXRecordDecl *RD = R->getAsCXXRecordDecl();
    if (RD && !W.inSystemHeader(RD->getLocation()) &&
        (!MD || RD->getCanonicalDecl() != MD->getParent()->getCanonicalDecl()) &&
        isBuilder(RD))
      W.Out.Functions[Id].Traits |= FnReturnsBuilder;
  }
  // `Event(std::function<void()> fn) : fn_(std::move(fn)) {}`: the
  // parameter flows into the field.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *I : Ctor->inits())
      if (I->isMemberInitializer() && I->getInit() &&
          W.callableType(I->getMember()->getType())) {
        // The walk has not reached the initializers yet: name the function.
        W.Fns.push_back(FD);
        std::string From = valueOf(I->getInit());
        W.Fns.pop_back();
        flow(From, stableId(patternOf(I->getMember())), I->getMember(),
             I->getSourceLocation());
      }
}

void SummaryCollector::lambda(const LambdaExpr *LE) {
  Function &F = W.Out.Functions[W.lambdaId(LE)];
  // The walk does not visit a lambda's call operator as a function.
  if (const CXXMethodDecl *Op = LE->getCallOperator())
    F.TestedParams |= testedParams(Op);
  for (const LambdaCapture &C : LE->captures()) {
    if (!C.capturesVariable() || C.getCaptureKind() != LCK_ByCopy)
      continue;
    if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar())) {
      // A local made right there (`auto data = std::make_shared<D>();`)
      // is a new object; anything else already existed.
      bool Fresh = V->hasLocalStorage() && !isa<ParmVarDecl>(V) &&
                   V->getInit() && W.freshObject(V->getInit());
      addSharedCapture(F, V->getType(), !Fresh);
    }
  }
}

void SummaryCollector::addSharedCapture(Function &F, QualType T, bool Kept) {
  const CXXRecordDecl *RD = T.getCanonicalType()->getAsCXXRecordDecl();
  if (!RD || W.pointerKind(RD) != PointerKind::Shared)
    return;
  QualType Target = WalkContext::firstTypeArg(RD);
  const CXXRecordDecl *TR =
      Target.isNull() ? nullptr : Target->getAsCXXRecordDecl();
  if (!TR || W.inSystemHeader(TR->getLocation()))
    return;
  F.SharedCaptures.push_back(W.recordId(TR));
  F.SharedCaptureNames.push_back(W.recordName(TR));
  if (Kept)
    F.KeptCaptures.push_back(stableId(TR));
}

//===-- Where a call sits -------------------------------------------------===//

/// Is a variable initialized from a direct call of fork() (or whatever
/// else the packs' `forks` section names)?
static bool forkResult(const VarDecl *VD, const RuleSet &Rules) {
  if (!VD->getInit() || Rules.Forks.empty())
    return false;
  const auto *CE = dyn_cast<CallExpr>(strip(VD->getInit()));
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  return FD && FD->getIdentifier() &&
         findFirst(Rules.Forks, qualifiedName(FD)) != nullptr;
}

/// `pid == 0`, `0 == pid`, `!pid` with pid = fork(): the child's branch.
bool SummaryCollector::forkChild(const Expr *Cond) {
  Cond = strip(Cond);
  const Expr *Var = nullptr;
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    Var = UO->getSubExpr();
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond);
      BO && BO->getOpcode() == BO_EQ) {
    auto Zero = [&](const Expr *E) {
      Expr::EvalResult R;
      return E->EvaluateAsInt(R, W.Ctx) && R.Val.getInt() == 0;
    };
    if (Zero(BO->getRHS()))
      Var = BO->getLHS();
    else if (Zero(BO->getLHS()))
      Var = BO->getRHS();
  }
  const auto *DRE = Var ? dyn_cast<DeclRefExpr>(strip(Var)) : nullptr;
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() && forkResult(VD, W.Rules);
}

unsigned SummaryCollector::siteFlags(Loc *Loop) {
  unsigned Flags = 0;
  bool Lambda = W.insideLambda();
  if (Lambda)
    Flags |= InLambda;
  if (!W.Fns.empty() && !Lambda) {
    if (isa<CXXConstructorDecl>(W.Fns.back()))
      Flags |= InConstructor;
    if (isa<CXXDestructorDecl>(W.Fns.back()))
      Flags |= InDestructor;
  }
  std::vector<const Stmt *> Loops = W.loopsAround();
  if (!Loops.empty()) {
    Flags |= InLoop;
    bool AllConstant = true;
    for (const Stmt *L : Loops) {
      if (WalkContext::untilLoop(L))
        Flags |= UntilLoop;
      if (!W.constantTripCount(L)) {
        AllConstant = false;
        if (Loop && !Loop->valid())
          *Loop = W.Locs.make(L->getBeginLoc());
      }
    }
    if (AllConstant)
      Flags |= ConstantLoop;
  }
  // The initializer of a static local runs once, on the first call (a
  // thread_local one once per thread, which may be per connection).
  for (size_t I = W.Stmts.size(); I-- > 1;) {
    const Stmt *Child = W.Stmts[I], *Parent = W.Stmts[I - 1];
    if (const auto *If = dyn_cast<IfStmt>(Parent);
        If && Child == If->getThen() && !Lambda && forkChild(If->getCond()))
      Flags |= ForkChild;
    if (isa<LambdaExpr>(Parent))
      break;
    if (const auto *DS = dyn_cast<DeclStmt>(Parent))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->isStaticLocal() && VD->getTLSKind() == VarDecl::TLS_None &&
              VD->getInit() == Child)
            Flags |= RunOnce;
  }
  if (W.runOnce())
    Flags |= OnceGuard;
  return Flags;
}

void SummaryCollector::addCall(const std::string &Callee, CallKind Kind,
                               SourceLocation At, const Expr *Object,
                               llvm::ArrayRef<const Expr *> Args) {
  if (Callee.empty())
    return;
  Call C;
  C.Caller = W.currentFunction();
  C.Callee = Callee;
  C.Kind = Kind;
  C.At = W.Locs.make(At);
  C.Flags = siteFlags(&C.Loop);
  // On an object the caller is building (`Zone z; z.add(t);`, `auto h =
  // std::make_unique<H>(); h->parse(s);`), or on its own object.
  if (Object) {
    bool Pointer = Object->getType()->isPointerType();
    unsigned Recv = W.objectOf(Object, Pointer);
    if (Recv == RecvLocal)
      C.Flags |= OnLocalObject;
    else if (Recv == RecvThis)
      C.Flags |= OnThisObject;
    else if (Recv >= RecvParam)
      C.ReceiverParam = static_cast<int>(Recv - RecvParam);
    if (Recv == RecvLocal && W.newObject(Object, Pointer))
      C.Flags |= OnNewObject;
  }
  C.SizeGuards = sizeGuards(C.GuardCalls);
  C.Branches = W.scopes(/*BranchesOnly=*/true);
  for (unsigned I = 0; I < Args.size(); ++I) {
    if (int P = paramOf(Args[I]); P >= 0) {
      C.ArgParams.resize(Args.size(), -1);
      C.ArgParams[I] = P;
    }
    // An object local to the caller, by reference or by address.
    if (I < 32 && Args[I] && W.objectOf(Args[I], Args[I]->getType()->isPointerType()) == RecvLocal)
      C.LocalArgs |= 1u << I;
    // One made in this run, also held by a smart pointer (`auto c =
    // std::make_shared<C>(); launch(c);`).
    if (I < 32 && Args[I]) {
      QualType T = Args[I]->getType().getNonReferenceType();
      if (W.newObject(Args[I], T->isPointerType() || W.isPointerLike(T), At))
        C.NewArgs |= 1u << I;
    }
  }
  W.Out.Calls.push_back(std::move(C));
}

int SummaryCollector::paramOf(const Expr *E) {
  const LambdaExpr *LE = W.currentLambda();
  const FunctionDecl *Here =
      LE ? LE->getCallOperator() : (W.Fns.empty() ? nullptr : W.Fns.back());
  for (unsigned Depth = 0; E && Here && Depth < 4; ++Depth) {
    E = strip(E);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl());
      return P && P->getDeclContext() == Here
                 ? static_cast<int>(P->getFunctionScopeIndex())
                 : -1;
    }
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
      // `sql.c_str()`: the text of the string.
      QualType T = MCE->getType();
      if (MCE->getNumArgs() != 0 || !T->isPointerType() ||
          !T->getPointeeType()->isAnyCharacterType())
        return -1;
      E = MCE->getImplicitObjectArgument();
      continue;
    }
    if (const auto *CE = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (!Callee || CE->getNumArgs() != 1 ||
          !W.inSystemHeader(Callee->getLocation()) ||
          (Callee->getName() != "move" && Callee->getName() != "forward"))
        return -1;
      E = CE->getArg(0);
      continue;
    }
    // A copy or a conversion into the parameter's type.
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      if (CE->getNumArgs() != 1)
        return -1;
      E = CE->getArg(0);
      continue;
    }
    return -1;
  }
  return -1;
}

/// Entities whose size a condition guarding the top of the statement stack
/// reads: an enclosing if, or an earlier `if (...) return;` in a block.
/// \p Calls gets the user functions those conditions call.
std::vector<std::string>
SummaryCollector::sizeGuards(std::vector<std::string> &Calls) {
  std::vector<std::string> Out;
  std::function<void(const Stmt *)> Sizes = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S))
      if (Target T = W.resolve(MCE->getImplicitObjectArgument());
          T && !T.Element && T.Model && MCE->getMethodDecl()) {
        auto It = T.Model->Methods.find(MCE->getMethodDecl()->getNameAsString());
        if (It != T.Model->Methods.end() && It->second == ContainerEffect::Size)
          Out.push_back(T.Id);
      }
    for (const Stmt *C : S->children())
      Sizes(C);
  };
  const auto &Stmts = W.Stmts;
  for (size_t I = Stmts.size(); I-- > 1;) {
    const Stmt *Child = Stmts[I], *Parent = Stmts[I - 1];
    if (isa<LambdaExpr>(Parent))
      break;
    if (const auto *If = dyn_cast<IfStmt>(Parent))
      if (Child == If->getThen() || Child == If->getElse()) {
        Sizes(If->getCond());
        W.userCalls(If->getCond(), Calls);
      }
    if (const auto *CS = dyn_cast<CompoundStmt>(Parent))
      for (const Stmt *Before : CS->body()) {
        if (Before == Child)
          break;
        if (const auto *If = dyn_cast<IfStmt>(Before))
          if (exits(If->getThen())) {
            Sizes(If->getCond());
            W.userCalls(If->getCond(), Calls);
          }
      }
  }
  for (std::vector<std::string> *V : {&Out, &Calls}) {
    std::sort(V->begin(), V->end());
    V->erase(std::unique(V->begin(), V->end()), V->end());
  }
  return Out;
}

//===-- Callables ---------------------------------------------------------===//

std::string SummaryCollector::holderOf(const Expr *E, const FieldDecl **Field,
                                       unsigned Depth) {
  E = strip(E);
  if (!E || Depth > 6)
    return "";
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *M = ME->getMemberDecl();
    if (const auto *FD = dyn_cast<FieldDecl>(M)) {
      if (Field)
        *Field = cast<FieldDecl>(patternOf(FD));
      return stableId(patternOf(FD));
    }
    if (isa<VarDecl>(M))
      return stableId(patternOf(M));
    return "";
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return "";
    if (const auto *P = dyn_cast<ParmVarDecl>(VD)) {
      const auto *Fn = dyn_cast<FunctionDecl>(P->getDeclContext());
      return Fn ? W.functionId(Fn) + "#" +
                      std::to_string(P->getFunctionScopeIndex())
                : "";
    }
    auto It = RangeOf.find(VD);
    if (It != RangeOf.end())
      return holderOf(It->second, Field, Depth + 1);
    if (VD->hasLocalStorage() && VD->getType()->isReferenceType() &&
        VD->getInit())
      return holderOf(VD->getInit(), Field, Depth + 1);
    return stableId(patternOf(VD));
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_AddrOf)
      return holderOf(UO->getSubExpr(), Field, Depth + 1);
  // An element of a container of callables: `handlers_[k]`, `.at(k)`,
  // `.front()`.
  if (const auto *CE = dyn_cast<CXXOperatorCallExpr>(E))
    if (CE->getOperator() == OO_Subscript && CE->getNumArgs() > 0)
      return holderOf(CE->getArg(0), Field, Depth + 1);
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *MD = MCE->getMethodDecl())
      if (MD->getName() == "at" || MD->getName() == "front" ||
          MD->getName() == "back" || MD->getName() == "second")
        return holderOf(MCE->getImplicitObjectArgument(), Field, Depth + 1);
  // A function that returns a callable.
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = CE->getDirectCallee())
      if (!W.inSystemHeader(Callee->getLocation()) &&
          W.callableType(Callee->getReturnType()))
        return W.functionId(Callee) + "#ret";
  return "";
}

/// The call operators of a user class (its own, else its bases'), each
/// as the declaration its body is written in: `custom_handler<H>` with a
/// member template `operator()(Args...)` gives that template's pattern.
static void callOperators(const CXXRecordDecl *RD,
                          llvm::SmallVectorImpl<const FunctionDecl *> &Out,
                          unsigned Depth = 0) {
  if (!RD || !RD->hasDefinition() || Depth > 4)
    return;
  RD = RD->getDefinition();
  DeclarationName Name =
      RD->getASTContext().DeclarationNames.getCXXOperatorName(OO_Call);
  for (const NamedDecl *ND : RD->lookup(Name)) {
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(ND)) {
      while (const FunctionTemplateDecl *From =
                 FTD->getInstantiatedFromMemberTemplate())
        FTD = From;
      Out.push_back(FTD->getTemplatedDecl());
    } else if (const auto *MD = dyn_cast<CXXMethodDecl>(ND)) {
      if (!MD->isDeleted())
        Out.push_back(MD);
    }
  }
  if (!Out.empty())
    return;
  for (const CXXBaseSpecifier &B : RD->bases())
    callOperators(B.getType()->getAsCXXRecordDecl(), Out, Depth + 1);
}

std::string SummaryCollector::functorValue(QualType T) {
  if (T.isNull() || T->isDependentType())
    return "";
  const CXXRecordDecl *RD =
      T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  if (!RD || RD->isLambda() || W.inSystemHeader(RD->getLocation()) ||
      W.modelForType(T.getNonReferenceType()))
    return "";
  llvm::SmallVector<const FunctionDecl *, 2> Ops;
  callOperators(RD, Ops);
  if (Ops.empty())
    return "";
  if (Ops.size() == 1)
    return "fn:" + W.functionId(Ops.front());
  // Several overloads: the object runs whichever the arguments select, so
  // it stands for a callable that may call any of them.
  const Decl *P = patternOf(RD);
  std::string Id = "functor@" + stableId(P);
  Function &F = W.Out.Functions[Id];
  if (F.Id.empty()) {
    F.Id = Id;
    F.Name = W.recordName(cast<CXXRecordDecl>(P)) + "::operator()";
    F.At = W.Locs.make(P->getLocation());
    F.Traits |= FnCallable | FnDefined;
    for (const FunctionDecl *Op : Ops) {
      Call C;
      C.Caller = Id;
      C.Callee = W.functionId(Op);
      C.At = W.Locs.make(Op->getLocation());
      W.Out.Calls.push_back(std::move(C));
    }
  }
  return "fn:" + Id;
}

bool SummaryCollector::callableArgument(const FunctionDecl *Callee,
                                        unsigned I, const Expr *Arg,
                                        bool Objects) {
  QualType PT = I < Callee->getNumParams() ? Callee->getParamDecl(I)->getType()
                                           : Arg->getType();
  return W.callableType(PT) || W.callableType(Arg->getType()) ||
         (Objects && !functorValue(Arg->getType()).empty());
}

std::string SummaryCollector::valueOf(const Expr *E, unsigned Depth) {
  E = strip(E);
  if (!E || Depth > 6)
    return "";
  if (const auto *LE = dyn_cast<LambdaExpr>(E))
    return "fn:" + W.lambdaId(LE);
  // An object of a user class with a call operator (a hand-written
  // handler, whatever expression makes it): its operator() runs.
  if (std::string V = functorValue(E->getType()); !V.empty())
    return V;
  // No callable: `nullptr`, or an empty wrapper (`{}`, `Handler()`).
  if (isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E) ||
      (isNullValue(E) && (E->getType()->isNullPtrType() ||
                          WalkContext::isCallableWrapper(E->getType()))))
    return EmptyCallable;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    // std::function from a lambda, a copy or a move of a callable.
    if (CE->getNumArgs() >= 1)
      return valueOf(CE->getArg(0), Depth + 1);
    return "";
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      return W.inSystemHeader(FD->getLocation()) ? ""
                                                  : "fn:" + W.functionId(FD);
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(UO->getSubExpr())))
        if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
          return W.inSystemHeader(FD->getLocation())
                     ? ""
                     : "fn:" + W.functionId(FD);
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = CE->getDirectCallee()) {
      llvm::StringRef N = Callee->getName();
      // std::move, std::forward and friends hand the callable on.
      if ((N == "move" || N == "forward") && CE->getNumArgs() == 1 &&
          W.inSystemHeader(Callee->getLocation()))
        return valueOf(CE->getArg(0), Depth + 1);
      if (const CallableApi *A = callableApi(Callee); A && A->Kind == "bind")
        return bindValue(CE, *A);
    }
  return holderOf(E, nullptr);
}

/// N for a placeholder `_N` of the bind entry \p A (its `placeholders`
/// name a class template whose one integer argument is N), else 0.
static int placeholderIndex(QualType T, const CallableApi &A) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!A.Placeholders || !Spec || Spec->getTemplateArgs().size() != 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Integral ||
      !A.Placeholders->matches(qualifiedName(Spec)))
    return 0;
  return static_cast<int>(Spec->getTemplateArgs()[0].getAsIntegral().getExtValue());
}

/// `std::bind(&Conn::on_timer, shared_from_this())`: a callable that calls
/// the bound function and keeps the bound arguments alive.
std::string SummaryCollector::bindValue(const CallExpr *CE,
                                        const CallableApi &A) {
  unsigned Target = A.Callable >= 0 ? static_cast<unsigned>(A.Callable) : 0;
  if (Target >= CE->getNumArgs())
    return "";
  Loc At = W.Locs.make(compat::beginLoc(CE));
  std::string Id = "bind@" + At.File + ":" + std::to_string(At.Line) + ":" +
                   std::to_string(At.Column);
  Function &F = W.Out.Functions[Id];
  F.Id = Id;
  F.Name = W.Fns.empty() ? std::string("std::bind")
                         : W.functionName(W.Fns.back());
  F.At = At;
  F.Traits |= FnCallable | FnDefined;
  for (unsigned I = 0; I < CE->getNumArgs(); ++I)
    if (I != Target)
      addSharedCapture(F, CE->getArg(I)->getType());
  std::string Called = valueOf(CE->getArg(Target));
  if (llvm::StringRef(Called).starts_with("fn:")) {
    Call C;
    C.Caller = Id;
    C.Callee = Called.substr(3);
    C.At = At;
    // `std::bind(&S::on_read, self, _1, _2)`: the bound function's
    // parameter k is the callable's parameter N - 1 where placeholder _N is
    // bound (after the object, for a member function).
    const FunctionDecl *Bound = nullptr;
    const Expr *TE = strip(CE->getArg(Target));
    if (const auto *UO = dyn_cast<UnaryOperator>(TE); UO && UO->getOpcode() == UO_AddrOf)
      TE = strip(UO->getSubExpr());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(TE))
      Bound = dyn_cast<FunctionDecl>(DRE->getDecl());
    if (Bound) {
      const auto *BMD = dyn_cast<CXXMethodDecl>(Bound);
      unsigned First = Target + 1 + (BMD && !BMD->isStatic() ? 1 : 0);
      std::string BoundId = W.functionId(Bound);
      for (unsigned I = First; I < CE->getNumArgs(); ++I) {
        const Expr *Arg = CE->getArg(I);
        if (int N = placeholderIndex(Arg->getType(), A); N > 0) {
          C.ArgParams.resize(I - First + 1, -1);
          C.ArgParams[I - First] = N - 1;
          continue;
        }
        // A bound callable (`bind(&C::done, self, handler, _1)`) is the
        // bound function's parameter whenever the bind runs.
        unsigned K = I - First;
        if (!callableArgument(Bound, K, Arg))
          continue;
        // The bind hands it over when it runs, not the function that
        // makes the bind (which only keeps it).
        flow(valueOf(Arg), BoundId + "#" + std::to_string(K), nullptr,
             compat::beginLoc(CE), false, Id);
      }
    }
    W.Out.Calls.push_back(std::move(C));
  }
  return "fn:" + Id;
}

void SummaryCollector::flow(const std::string &From, const std::string &To,
                            const FieldDecl *Field, SourceLocation At,
                            bool EndsOnClose, llvm::StringRef In) {
  if (From.empty() || To.empty() || From == To)
    return;
  CallableFlow C;
  C.From = From;
  C.To = To;
  if (Field)
    if (const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent())) {
      C.ToClass = stableId(RD);
      C.ToClassName = W.recordName(RD);
      C.ToField = Field->getNameAsString();
    }
  C.At = W.Locs.make(At);
  C.Function = In.empty() ? W.currentFunction() : In.str();
  C.Flags = siteFlags(nullptr) & (InLoop | ConstantLoop | UntilLoop);
  C.EndsOnClose = EndsOnClose;
  W.Out.Callables.push_back(std::move(C));
}

/// The user constructor a library factory or emplace forwards \p N
/// arguments to: the class is the factory's first template argument, or
/// the element type of the container an emplace is called on; the
/// constructor is the one taking \p N parameters (none when ambiguous).
const CXXConstructorDecl *
SummaryCollector::forwardedConstructor(const FunctionDecl *Callee,
                                       const Expr *Object, unsigned N) {
  QualType Made;
  if (Object) {
    QualType OT = strip(Object)->getType();
    if (OT->isPointerType())
      OT = OT->getPointeeType();
    if (const ContainerModel *M = W.modelForType(OT)) {
      auto It = M->Methods.find(Callee->getNameAsString());
      if (It == M->Methods.end() || It->second != ContainerEffect::Grow ||
          !llvm::StringRef(Callee->getName()).starts_with("emplace"))
        return nullptr;
      Made = WalkContext::firstTypeArg(OT.getCanonicalType()->getAsCXXRecordDecl());
    }
  } else if (const TemplateArgumentList *TA =
                 Callee->getTemplateSpecializationArgs()) {
    if (TA->size() > 0 && TA->get(0).getKind() == TemplateArgument::Type)
      Made = TA->get(0).getAsType();
  }
  const CXXRecordDecl *RD =
      Made.isNull() ? nullptr : Made.getCanonicalType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || W.inSystemHeader(RD->getLocation()))
    return nullptr;
  const CXXConstructorDecl *Found = nullptr;
  for (const CXXConstructorDecl *C : RD->getDefinition()->ctors()) {
    if (C->isCopyOrMoveConstructor() || C->getNumParams() != N)
      continue;
    if (Found)
      return nullptr;
    Found = C;
  }
  return Found;
}

const CallableApi *SummaryCollector::callableApi(const FunctionDecl *FD) {
  if (W.Rules.Callables.empty() || !FD)
    return nullptr;
  FD = FD->getCanonicalDecl();
  auto It = Apis.find(FD);
  if (It != Apis.end())
    return It->second;
  const CallableApi *A = findFirst(W.Rules.Callables, qualifiedName(FD));
  Apis[FD] = A;
  return A;
}

void SummaryCollector::arguments(const FunctionDecl *Callee,
                                 const Expr *Object,
                                 llvm::ArrayRef<const Expr *> Args,
                                 SourceLocation At) {
  if (!Callee)
    return;
  bool Library = W.inSystemHeader(Callee->getLocation());
  const CallableApi *Api = callableApi(Callee);
  if (Api && Api->Kind == "bind")
    return;
  // `std::make_shared<Event>(fn)`, `events_.emplace_back(fn)`: a library
  // call that constructs a user class from its arguments hands them to the
  // constructor.
  const CXXConstructorDecl *Forward =
      Library && !Api ? forwardedConstructor(Callee, Object, Args.size())
                      : nullptr;
  // The constructor runs there, as a call of the caller's: what it
  // registers (a callback handed to a C API) is handed over when the
  // caller runs.
  if (Forward)
    addCall(W.functionId(Forward), CallKind::Direct, At, nullptr, Args);
  for (unsigned I = 0; I < Args.size(); ++I) {
    const Expr *Arg = Args[I];
    // An object with a call operator handed to a library function that
    // is no callback API of the packs (`v.push_back(m)`, `std::swap`) is
    // data, not a handler it runs.
    if (!callableArgument(Callee, I, Arg, !Library || Api))
      continue;
    std::string V = valueOf(Arg);
    if (V.empty())
      continue;
    if (!Library) {
      flow(V, W.functionId(Callee) + "#" + std::to_string(I), nullptr, At);
      continue;
    }
    if (Forward) {
      flow(V, W.functionId(Forward) + "#" + std::to_string(I), nullptr, At);
      continue;
    }
    bool Held = Api && (Api->Callable < 0 ? I + 1 == Args.size()
                                          : static_cast<int>(I) == Api->Callable);
    if (!Held) {
      // A library algorithm runs it now, as part of this call.
      if (llvm::StringRef(V).starts_with("fn:"))
        addCall(V.substr(3), CallKind::Direct, At);
      continue;
    }
    // An async API, a timer, a signal, a thread: it runs later, and the
    // object it is registered on holds it until then.
    const Expr *HolderExpr = nullptr;
    if (Api->Holder == "object")
      HolderExpr = Object;
    else if (Api->Holder == "arg" && Api->HolderArg >= 0 &&
             static_cast<unsigned>(Api->HolderArg) < Args.size())
      HolderExpr = Args[Api->HolderArg];
    const FieldDecl *Field = nullptr;
    std::string Holder = HolderExpr ? holderOf(HolderExpr, &Field) : "";
    std::string Prefix = Api->Kind == "thread" ? "thread:" : "async:";
    flow(V, Prefix + Holder, Field, At, Api->EndsOnClose);
  }
}

//===-- Calls -------------------------------------------------------------===//

/// `ctx_ = Context();`, `state_ = {};` with the class's own (implicit or
/// defaulted) assignment: the object starts over.
void SummaryCollector::reset(const CallExpr *CE, const CXXMethodDecl *MD) {
  const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE);
  if (!OCE || !MD || OCE->getOperator() != OO_Equal ||
      OCE->getNumArgs() != 2 ||
      !(MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator()) ||
      !(MD->isDefaulted() || MD->isImplicit()) ||
      W.inSystemHeader(MD->getParent()->getLocation()) ||
      !isNullValue(strip(OCE->getArg(1))))
    return;
  Reset R;
  R.Class = stableId(patternOf(MD->getParent()));
  R.At = W.Locs.make(OCE->getBeginLoc());
  R.Function = W.currentFunction();
  W.Out.Resets.push_back(std::move(R));
}

void SummaryCollector::call(const CallExpr *CE) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Callee);
  const Expr *Object = nullptr;
  llvm::SmallVector<const Expr *, 8> Args;
  unsigned First = 0;
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
    Object = MCE->getImplicitObjectArgument();
  } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE)) {
    if (MD && !MD->isStatic() && OCE->getNumArgs() > 0) {
      Object = OCE->getArg(0);
      First = 1;
    }
  }
  for (unsigned I = First; I < CE->getNumArgs(); ++I)
    Args.push_back(CE->getArg(I));
  reset(CE, MD);

  if (!Callee) {
    // A call through a function pointer.
    if (!CE->isTypeDependent())
      addCall(holderOf(CE->getCallee(), nullptr), CallKind::Indirect,
              compat::beginLoc(CE), nullptr, Args);
    return;
  }
  bool Library = W.inSystemHeader(Callee->getLocation());
  if (Library) {
    query(CE, Callee);
    if (MD && Object && MD->getOverloadedOperator() == OO_Call &&
        W.callableType(Object->getType())) {
      // `on_done_(x)`: whatever flowed into the holder runs.
      addCall(holderOf(Object, nullptr), CallKind::Indirect,
              compat::beginLoc(CE), nullptr, Args);
    } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE);
               OCE && OCE->getOperator() == OO_Equal && Object) {
      // `cb_ = [this] { ... };`, `handlers_[k] = std::move(h);`
      const FieldDecl *Field = nullptr;
      std::string To = holderOf(Object, &Field);
      if (!To.empty() && W.callableType(Object->getType()) && !Args.empty())
        flow(valueOf(Args[0]), To, Field, compat::beginLoc(CE));
    } else if (Object && MD && !Args.empty()) {
      // `handlers_.push_back(h)` into a container of callables.
      const FieldDecl *Field = nullptr;
      if (W.callableType(strip(Object)->getType()))
        if (const ContainerModel *M = W.modelForType(strip(Object)->getType())) {
          auto It = M->Methods.find(MD->getNameAsString());
          if (It != M->Methods.end() && It->second == ContainerEffect::Grow) {
            std::string To = holderOf(Object, &Field);
            flow(valueOf(Args.back()), To, Field, compat::beginLoc(CE));
            return;
          }
        }
      arguments(Callee, Object, Args, compat::beginLoc(CE));
    } else {
      arguments(Callee, Object, Args, compat::beginLoc(CE));
    }
    return;
  }
  // A user function (a project's own database API may be a query).
  query(CE, Callee);
  CallKind Kind = CallKind::Direct;
  if (MD && MD->isVirtual() && !MD->hasAttr<FinalAttr>() &&
      !MD->getParent()->hasAttr<FinalAttr>())
    if (const auto *ME =
            dyn_cast<MemberExpr>(CE->getCallee()->IgnoreParenImpCasts()))
      if (!ME->hasQualifier())
        Kind = CallKind::Virtual;
  addCall(W.functionId(Callee), Kind, compat::beginLoc(CE), Object, Args);
  arguments(Callee, Object, Args, compat::beginLoc(CE));
}

void SummaryCollector::construct(const CXXConstructExpr *CE) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  if (!Ctor || CE->isTypeDependent())
    return;
  llvm::SmallVector<const Expr *, 8> Args(CE->arguments());
  if (W.inSystemHeader(Ctor->getLocation())) {
    // `std::thread t(fn, args...)`: a thread runs the callable.
    if (callableApi(Ctor))
      arguments(Ctor, nullptr, Args, compat::beginLoc(CE));
    return;
  }
  if (Ctor->isCopyOrMoveConstructor() && Ctor->isDefaulted())
    return;
  addCall(W.functionId(Ctor), CallKind::Direct, compat::beginLoc(CE), nullptr,
          Args);
  arguments(Ctor, nullptr, Args, compat::beginLoc(CE));
}

void SummaryCollector::assign(const BinaryOperator *BO) {
  // `handler_ = &on_event;` into a function pointer.
  if (BO->getOpcode() != BO_Assign || !W.callableType(BO->getLHS()->getType()))
    return;
  const FieldDecl *Field = nullptr;
  std::string To = holderOf(BO->getLHS(), &Field);
  flow(valueOf(BO->getRHS()), To, Field, BO->getBeginLoc());
}

void SummaryCollector::varDecl(const VarDecl *VD) {
  if (isa<ParmVarDecl>(VD) || !VD->getInit() ||
      VD->getType()->isReferenceType() || !W.callableType(VD->getType()))
    return;
  // `auto f = [..] {..};`, `static std::function<int(int)> memo = [..]..`.
  flow(valueOf(VD->getInit()), stableId(patternOf(VD)), nullptr,
       VD->getLocation());
  if (VD->hasGlobalStorage() && !W.Out.Callables.empty() &&
      W.Out.Callables.back().To == stableId(patternOf(VD)))
    W.Out.Callables.back().ToStatic = true;
}

void SummaryCollector::initList(const InitListExpr *ILE) {
  // Each pair of forms once: the syntactic one is visited (the semantic
  // one too when implicit code is), the fields are read off the semantic.
  if (ILE->isSemanticForm() && ILE->getSyntacticForm())
    return;
  if (const InitListExpr *Sem = ILE->getSemanticForm())
    ILE = Sem;
  QualType T = ILE->getType();
  if (T.isNull() || T->isDependentType())
    return;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || RD->isUnion() || !RD->hasDefinition() ||
      W.inSystemHeader(RD->getLocation()))
    return;
  // The semantic form initializes the bases, then every named field.
  unsigned I = RD->getNumBases();
  for (const FieldDecl *FD : RD->fields()) {
    if (FD->isBitField() && !FD->getIdentifier())
      continue;
    if (I >= ILE->getNumInits())
      break;
    const Expr *Init = ILE->getInit(I++);
    if (Init && W.callableType(FD->getType())) {
      size_t Before = W.Out.Callables.size();
      flow(valueOf(Init), stableId(patternOf(FD)), FD, Init->getBeginLoc());
      if (W.Out.Callables.size() > Before)
        W.Out.Callables.back().Initializes = true;
    }
  }
}

void SummaryCollector::returnStmt(const ReturnStmt *RS) {
  if (!RS->getRetValue() || W.Fns.empty() || W.insideLambda())
    return;
  const FunctionDecl *FD = W.Fns.back();
  if (!W.callableType(FD->getReturnType()))
    return;
  flow(valueOf(RS->getRetValue()), W.functionId(FD) + "#ret", nullptr,
       RS->getBeginLoc());
}

void SummaryCollector::addressOf(const UnaryOperator *UO) {
  // `&Service::items_`: a pointer to that member may designate it.
  if (UO->getOpcode() != UO_AddrOf)
    return;
  const auto *DRE = dyn_cast<DeclRefExpr>(strip(UO->getSubExpr()));
  const auto *FD = DRE ? dyn_cast<FieldDecl>(DRE->getDecl()) : nullptr;
  const auto *MPT = UO->getType()->getAs<MemberPointerType>();
  if (!FD || !MPT || !MPT->getMostRecentCXXRecordDecl())
    return;
  const std::string &Id = W.entityId(FD);
  if (Id.empty())
    return;
  W.Out.Aliases.push_back(
      {"mptr:" + stableId(patternOf(MPT->getMostRecentCXXRecordDecl())) + ":" +
           MPT->getPointeeType().getCanonicalType().getAsString(),
       Id});
}

void SummaryCollector::forRange(const CXXForRangeStmt *FR) {
  if (const VarDecl *V = FR->getLoopVariable())
    RangeOf[V] = FR->getRangeInit();
}

//===-- Queries -----------------------------------------------------------===//

void SummaryCollector::query(const CallExpr *CE, const FunctionDecl *Callee) {
  if (W.Rules.Queries.empty())
    return;
  const FunctionDecl *Canon = Callee->getCanonicalDecl();
  auto Cached = Queries.find(Canon);
  const QueryApi *Q =
      Cached != Queries.end()
          ? Cached->second
          : (Queries[Canon] = findFirst(W.Rules.Queries, qualifiedName(Callee)));
  if (!Q)
    return;
  Effect E;
  E.Function = W.currentFunction();
  E.Kind = EffectKind::Query;
  E.Api = qualifiedName(Callee);
  E.At = W.Locs.make(compat::beginLoc(CE));
  // The SQL comes from the function's caller: `Db::select(sql)`.
  unsigned First = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee);
  if (Q->SqlArg >= 0 && First + Q->SqlArg < CE->getNumArgs())
    E.SqlParam = paramOf(CE->getArg(First + Q->SqlArg));
  W.Out.Effects.push_back(std::move(E));
}

} // namespace facts
} // namespace memlint
