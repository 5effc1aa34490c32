//===- LargeCopyIntoSendCheck.cpp -----------------------------------------===//
//
// A heap-owning object (a pack container, or a class holding one), or any
// object of at least `large-copy-bytes`, copied into
//
//  - the payload of a `sends` entry (std::thread, std::async, asio::post,
//    promise::set_value, ...): an lvalue argument is decay-copied, and a
//    lambda's by-value captures (`[rows]`, `[copy = member_]`, `[=]`,
//    `[*this]`) are copied with it;
//  - a user function that queues its callable parameter (a thread pool's
//    submit: the parameter is appended to a container), or a lambda
//    appended to a container of tasks directly;
//  - a long-lived queue (a member or global container) by an append of a
//    local lvalue that is never used again (a move would do).
//
// A send inside a loop that copies an object declared outside it is a
// fan-out: one copy per iteration.
//
// Through library calls: a container's in-place growth (`emplace_back(f,
// rows)`: a grow method of the container's model whose arguments are a
// forwarded pack) constructs the element from its arguments; when the
// element type's constructor is a `sends` entry (std::thread), the
// arguments are its payload, decay-copied as by the constructor itself.
//
// Through a user channel, across translation units: a function that stores
// its parameter into a container is summarized (ParamStore), and a call
// that hands it a large local that is not used again is recorded (Handoff);
// decideLargeCopyIntoSend() reports the call when the container is a
// long-lived queue that a consumer drains.
//
//===----------------------------------------------------------------------===//
#include "LargeCopyIntoSendCheck.h"

#include "ASTUtil.h"
#include "FlowUtil.h"
#include "LLVMCompat.h"
#include "program/ProgramView.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <map>
#include <optional>
#include <set>

using namespace clang;

namespace memlint {
namespace {

using namespace flow;

struct Copy {
  std::string Name;              // what is copied, for the message
  QualType Type;
  const ValueDecl *Decl = nullptr; // the copied object, when it has one
  const VarDecl *Root = nullptr;   // its local variable, if a field of one
  std::string How;               // "by the lambda's by-value capture"
  /// The argument, when it is a local's last use: `std::move(arg)` hands
  /// it over instead (a safe fix).
  const Expr *MoveArg = nullptr;
  /// The argument, when the thread is joined in this scope before anyone
  /// else touches it: `std::cref(arg)` shares it instead (a safe fix).
  const Expr *CrefArg = nullptr;
};

class Checker {
public:
  Checker(Apis &A, std::vector<Finding> &Out, Facts &Summaries)
      : Ctx(A.context()), A(A), Locs(Ctx.getSourceManager()), Out(Out),
        Summaries(Summaries),
        Threshold(A.rules().threshold("large-copy-bytes")) {}

  void run(const FunctionDecl *FD) {
    Body B(FD);
    for (const Stmt *S : B.all()) {
      if (!isa<CallExpr>(S) && !isa<CXXConstructExpr>(S))
        continue;
      std::optional<CallArgs> CA = callArgs(S);
      if (!CA || !CA->Callee)
        continue;
      if (const SendApi *SA = A.send(CA->Callee)) {
        packSend(B, S, CA->Args, CA->Callee, *SA, "'" + A.name(CA->Callee) + "'",
                 "");
        continue;
      }
      if (CA->Object && A.container(objectType(CA->Object))) {
        bool Sent = emplaceSend(B, S, *CA);
        containerPush(B, S, *CA, !Sent);
        storesParam(B, S, *CA);
        continue;
      }
      if (isa<CXXConstructorDecl>(CA->Callee) ||
          A.inSystemHeader(CA->Callee->getLocation()))
        continue;
      if (A.userDefined(CA->Callee))
        for (unsigned I = 0; I < CA->Args.size(); ++I)
          if (const LambdaExpr *LE = lambdaOf(CA->Args[I]))
            if (queuesParam(CA->Callee, I, 0))
              captures(B, S, LE, "'" + A.name(CA->Callee) + "'", "task");
      handoffs(B, S, *CA);
    }
  }

private:
  ASTContext &Ctx;
  Apis &A;
  LocMaker Locs;
  std::vector<Finding> &Out;
  Facts &Summaries;
  long long Threshold;
  std::map<std::pair<const FunctionDecl *, unsigned>, bool> Queues;

  //===-- Where copies happen ---------------------------------------------===//

  /// The lambda an argument passes, when passing it copies the closure: a
  /// lambda expression, or a local closure variable passed as an lvalue.
  static const LambdaExpr *lambdaOf(const Expr *Arg) {
    const Expr *E = strip(Arg);
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
      if (CE->getNumArgs() == 1)
        E = strip(CE->getArg(0));
    if (const auto *LE = dyn_cast<LambdaExpr>(E))
      return LE;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (DRE->isLValue())
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          if (!VD->getType()->isReferenceType() && VD->getInit())
            return dyn_cast<LambdaExpr>(strip(VD->getInit()));
    return nullptr;
  }

  /// The payload of a send: \p Args are the send's arguments, \p ParamsOf
  /// the function that takes them (nullptr when the send is a constructor
  /// a library call runs in place: \p InPlace then names what it builds).
  void packSend(const Body &B, const Stmt *S,
                llvm::ArrayRef<const Expr *> Args, const FunctionDecl *ParamsOf,
                const SendApi &SA, const std::string &Api,
                const std::string &InPlace) {
    for (unsigned I = 0; I < Args.size(); ++I) {
      bool Payload = false;
      for (unsigned P : SA.Payload)
        Payload |= SA.PayloadFromArg ? I >= P : I == P;
      if (!Payload || isa<CXXDefaultArgExpr>(Args[I]))
        continue;
      if (const LambdaExpr *LE = lambdaOf(Args[I])) {
        // A lambda built in place is a queued task (containerPush).
        if (InPlace.empty())
          captures(B, S, LE, Api, SA.Kind);
        continue;
      }
      // A non-const lvalue reference parameter takes the object itself.
      if (ParamsOf && I < ParamsOf->getNumParams()) {
        QualType PT = ParamsOf->getParamDecl(I)->getType();
        if (PT->isLValueReferenceType() &&
            !PT->getPointeeType().isConstQualified() &&
            SA.Kind != "thread" && SA.Kind != "task")
          continue;
      }
      const Expr *E = strip(Args[I]);
      if (!E->isLValue() || E->isTypeDependent())
        continue;
      ObjectRef O = designated(E);
      Copy C;
      C.Type = E->getType();
      C.Decl = O.Decl;
      C.Root = O.Root;
      C.Name = O ? displayName(O) : std::string("the argument");
      bool Decays = SA.Kind == "thread" || SA.Kind == "task";
      if (!InPlace.empty())
        C.How = Api + ", which constructs " + InPlace +
                (Decays ? " from its arguments, copying them even when the "
                          "callee takes a reference"
                        : " from a copy of its arguments");
      else
        C.How = Decays ? Api + ", which copies its arguments even when the "
                               "callee takes a reference"
                       : Api + ", which copies an lvalue";
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          if (V->hasLocalStorage() && !V->getType()->isReferenceType()) {
            if (!V->getType().isConstQualified() && !usedAfter(B, V, S))
              C.MoveArg = E;
            else if (SA.Kind == "thread" && InPlace.empty() &&
                     joinedBeforeNextUse(B, S, V, Args, I))
              C.CrefArg = E;
          }
      if (large(C))
        report(B, S, C, SA.Kind);
    }
  }

  void captures(const Body &B, const Stmt *S, const LambdaExpr *LE,
                const std::string &Api, const std::string &Kind) {
    for (const LambdaCapture &Cap : LE->captures()) {
      Copy C;
      if (Cap.getCaptureKind() == LCK_StarThis) {
        const auto *MD = dyn_cast<CXXMethodDecl>(B.function());
        if (!MD)
          continue;
        C.Type = compat::recordType(Ctx, MD->getParent());
        C.Name = "*this";
        C.How = "the lambda passed to " + Api + ", which captures '*this' "
                "by value";
        if (large(C))
          report(B, S, C, Kind);
        continue;
      }
      if (Cap.getCaptureKind() != LCK_ByCopy || !Cap.capturesVariable())
        continue;
      const auto *V = dyn_cast<VarDecl>(Cap.getCapturedVar());
      if (!V)
        continue;
      if (LE->isInitCapture(&Cap)) {
        // `[copy = member_]` copies; `[m = std::move(x)]` and
        // `[p = std::make_shared<...>(...)]` do not.
        const Expr *Init = V->getInit() ? strip(V->getInit()) : nullptr;
        if (!Init)
          continue;
        if (const auto *CE = dyn_cast<CXXConstructExpr>(Init)) {
          if (!CE->getConstructor() ||
              !CE->getConstructor()->isCopyConstructor() ||
              CE->getNumArgs() < 1)
            continue;
          Init = strip(CE->getArg(0));
        }
        if (!Init->isLValue())
          continue;
        ObjectRef O = designated(Init);
        C.Decl = O.Decl;
        C.Root = O.Root;
        C.Name = O ? displayName(O) : V->getNameAsString();
        C.Type = Init->getType();
        C.How = "the lambda passed to " + Api + ", whose capture '" +
                V->getNameAsString() + "' copies it";
      } else {
        C.Decl = V;
        C.Name = V->getNameAsString();
        C.Type = V->getType().getNonReferenceType();
        C.How = "the lambda passed to " + Api + ", which captures it by " +
                std::string(Cap.isImplicit() ? "value ([=])" : "value");
      }
      if (large(C))
        report(B, S, C, Kind);
    }
  }

  /// `threads.emplace_back(worker, rows)`: a grow method whose arguments are
  /// a forwarded pack builds the element in place; if the element type's
  /// constructor is a send (std::thread), the pack is its payload.
  bool emplaceSend(const Body &B, const Stmt *S, const CallArgs &CA) {
    const ContainerModel *M = A.container(objectType(CA.Object));
    if (!M)
      return false;
    auto It = M->Methods.find(CA.Callee->getNameAsString());
    if (It == M->Methods.end() || It->second != ContainerEffect::Grow)
      return false;
    const FunctionDecl *Pattern = CA.Callee->getTemplateInstantiationPattern();
    if (!Pattern)
      return false;
    unsigned Pack = 0;
    while (Pack < Pattern->getNumParams() &&
           !Pattern->getParamDecl(Pack)->isParameterPack())
      ++Pack;
    if (Pack == Pattern->getNumParams() || Pack > CA.Args.size())
      return false;
    // The element type: the container's first template argument.
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        objectType(CA.Object).getCanonicalType()->getAsCXXRecordDecl());
    if (!Spec || Spec->getTemplateArgs().size() == 0 ||
        Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return false;
    QualType Elem = Spec->getTemplateArgs()[0].getAsType();
    const CXXRecordDecl *ER = Elem->getAsCXXRecordDecl();
    if (!ER || !ER->hasDefinition())
      return false;
    const SendApi *SA = nullptr;
    for (const CXXConstructorDecl *Ctor : ER->getDefinition()->ctors())
      if ((SA = A.send(Ctor)))
        break;
    if (!SA)
      return false;
    ObjectRef Q = designated(CA.Object);
    std::string Api = "'" + (Q ? displayName(Q) + "." : std::string()) +
                      CA.Callee->getNameAsString() + "'";
    packSend(B, S, llvm::ArrayRef<const Expr *>(CA.Args).drop_front(Pack),
             nullptr, *SA, Api, "a '" + T(Elem.getUnqualifiedType()) + "'");
    return true;
  }

  /// A lambda appended to a container of tasks, or a local lvalue appended
  /// to a long-lived queue and never used again (unless the container's
  /// elements are sends, whose payload emplaceSend() judged).
  void containerPush(const Body &B, const Stmt *S, const CallArgs &CA,
                     bool Channel) {
    ObjectRef Q = designated(CA.Object);
    if (!Q || !(A.effectOn(S, Q) & Grows))
      return;
    std::string Api =
        "'" + displayName(Q) + "." + CA.Callee->getNameAsString() + "'";
    for (const Expr *Arg : CA.Args)
      if (const LambdaExpr *LE = lambdaOf(Arg))
        captures(B, S, LE, Api, "queued task");
    // A producer/consumer queue: a member of a class shared between threads
    // (it holds a lock or a condition variable) that is consumed by popping.
    // Any other long-lived container is storage, not a channel.
    const auto *QF = dyn_cast_or_null<FieldDecl>(Q.Decl);
    if (!Channel || Q.Root || !QF ||
        !synchronizes(dyn_cast<CXXRecordDecl>(QF->getParent())))
      return;
    const ContainerModel *QM = A.container(objectType(CA.Object));
    if (!QM || llvm::none_of(QM->Methods, [](const auto &M) {
          return M.second == ContainerEffect::Pop;
        }))
      return;
    for (const Expr *Arg : CA.Args) {
      const auto *DRE = dyn_cast<DeclRefExpr>(strip(Arg));
      if (!DRE || !DRE->isLValue())
        continue;
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V || !V->hasLocalStorage() || V->getType()->isReferenceType())
        continue;
      if (usedAfter(B, V, S))
        continue;
      Copy C;
      C.Decl = V;
      C.Name = V->getNameAsString();
      C.Type = V->getType();
      C.How = Api + ", although '" + V->getNameAsString() +
              "' is not used afterwards (std::move would hand it over)";
      if (!V->getType().isConstQualified())
        C.MoveArg = DRE;
      if (large(C))
        report(B, S, C, "queue");
    }
  }

  //===-- User channels (decided over the whole program) -------------------===//

  /// The id of the function whose code runs at \p S: the innermost lambda
  /// around it, or the function.
  std::string runningHere(const Body &B, const Stmt *S) {
    if (const LambdaExpr *LE = B.enclosingLambda(S))
      return stableId(patternOf(LE->getCallOperator()));
    return stableId(patternOf(B.function()));
  }

  /// `q_.push_back(v)` in `Channel::push(const T &v)`: the parameter is
  /// copied (or moved) into a long-lived container. Recorded for
  /// decideLargeCopyIntoSend(), which judges the container.
  void storesParam(const Body &B, const Stmt *S, const CallArgs &CA) {
    if (B.enclosingLambda(S))
      return;
    ObjectRef Q = designated(CA.Object);
    if (!Q || Q.Root)
      return;
    const auto *QV = dyn_cast<VarDecl>(Q.Decl);
    if (!isa<FieldDecl>(Q.Decl) && !(QV && QV->hasGlobalStorage()))
      return;
    if (!(A.effectOn(S, Q) & Grows))
      return;
    for (const Expr *Arg : CA.Args) {
      const ParmVarDecl *P = passedParam(Arg, B.function());
      if (!P)
        continue;
      QualType PT = P->getType();
      bool ConstRef = PT->isLValueReferenceType() &&
                      PT->getPointeeType().isConstQualified();
      if (!(ConstRef || !PT->isReferenceType()) ||
          !PT.getNonReferenceType()->isRecordType())
        continue;
      ParamStore St;
      St.Function = stableId(patternOf(B.function()));
      St.Param = P->getFunctionScopeIndex();
      St.Entity = stableId(patternOf(Q.Decl));
      St.At = Locs.make(compat::beginLoc(S));
      Summaries.Stores.push_back(std::move(St));
    }
  }

  /// The parameter of \p FD that \p E is (through std::move, std::forward
  /// or a copy), or nullptr.
  static const ParmVarDecl *passedParam(const Expr *E, const FunctionDecl *FD) {
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(peelHandover(E));
    const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    return P && P->getDeclContext() == FD ? P : nullptr;
  }


  /// `chan.push(batch)`: a large local handed to a user function's
  /// parameter by const reference or by value, and not used afterwards.
  /// Recorded for decideLargeCopyIntoSend(), which knows what the callee
  /// does with it.
  void handoffs(const Body &B, const Stmt *S, const CallArgs &CA) {
    const FunctionDecl *Callee = CA.Callee;
    for (unsigned I = 0; I < CA.Args.size() && I < Callee->getNumParams();
         ++I) {
      QualType PT = Callee->getParamDecl(I)->getType();
      bool ByValue = !PT->isReferenceType();
      if (!ByValue && !(PT->isLValueReferenceType() &&
                        PT->getPointeeType().isConstQualified()))
        continue;
      if (!PT.getNonReferenceType()->isRecordType())
        continue;
      const Expr *E = strip(CA.Args[I]);
      if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
        if (ByValue && CE->getNumArgs() == 1 && CE->getConstructor() &&
            CE->getConstructor()->isCopyConstructor())
          E = strip(CE->getArg(0));
      const auto *DRE = dyn_cast<DeclRefExpr>(E);
      const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      if (!V || !DRE->isLValue() || !V->hasLocalStorage() ||
          V->getType()->isReferenceType())
        continue;
      Copy C;
      C.Decl = V;
      C.Name = V->getNameAsString();
      C.Type = V->getType();
      if (!large(C) || usedAfter(B, V, S))
        continue;
      Handoff H;
      H.Caller = runningHere(B, S);
      H.Callee = stableId(patternOf(Callee));
      if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee))
        if (MD->isVirtual() && !MD->hasAttr<FinalAttr>() &&
            !MD->getParent()->hasAttr<FinalAttr>())
          if (const auto *ME = dyn_cast<MemberExpr>(
                  cast<CallExpr>(S)->getCallee()->IgnoreParenImpCasts()))
            if (!ME->hasQualifier())
              H.Kind = CallKind::Virtual;
      H.Param = I;
      H.At = Locs.make(compat::beginLoc(S));
      H.Name = C.Name;
      H.Type = T(V->getType().getNonReferenceType().getUnqualifiedType());
      H.Decl = Locs.make(V->getLocation());
      H.ByValue = ByValue;
      H.RvalueOverload = !ByValue && rvalueOverload(Callee, I);
      if ((ByValue || H.RvalueOverload) && !V->getType().isConstQualified() &&
          !DRE->getBeginLoc().isMacroID() && !DRE->getEndLoc().isMacroID() &&
          stdDeclares("move")) {
        SourceLocation End = Lexer::getLocForEndOfToken(
            DRE->getEndLoc(), 0, Ctx.getSourceManager(), Ctx.getLangOpts());
        Loc Begin = Locs.make(DRE->getBeginLoc()), Stop = Locs.make(End);
        if (Begin.valid() && Stop.valid())
          H.Fix = {Replacement{Begin, Begin, "std::move("},
                   Replacement{Stop, Stop, ")"}};
      }
      Summaries.Handoffs.push_back(std::move(H));
    }
  }

  /// Does \p FD have an overload that takes an rvalue reference to the same
  /// type at \p Index, and the same types elsewhere (`push(T &&)` beside
  /// `push(const T &)`), so that `std::move` at the call picks it?
  static bool rvalueOverload(const FunctionDecl *FD, unsigned Index) {
    const DeclContext *DC = FD->getDeclContext();
    QualType Want =
        FD->getParamDecl(Index)->getType().getNonReferenceType().getUnqualifiedType().getCanonicalType();
    for (const NamedDecl *ND : DC->lookup(FD->getDeclName())) {
      const auto *O = dyn_cast<FunctionDecl>(ND);
      if (!O || O->getCanonicalDecl() == FD->getCanonicalDecl() ||
          O->getNumParams() != FD->getNumParams())
        continue;
      bool Same = true;
      for (unsigned I = 0; I < O->getNumParams() && Same; ++I) {
        QualType OT = O->getParamDecl(I)->getType().getCanonicalType();
        if (I == Index)
          Same = OT->isRValueReferenceType() &&
                 OT.getNonReferenceType().getUnqualifiedType() == Want;
        else
          Same = OT == FD->getParamDecl(I)->getType().getCanonicalType();
      }
      if (Same)
        return true;
    }
    return false;
  }

  /// `std::thread t(f, rows); ...; t.join();` in one block, with `rows`
  /// declared before the thread, untouched until the join, and `f` taking
  /// that argument by const reference or by value: passing std::cref(rows)
  /// means the same and copies nothing.
  bool joinedBeforeNextUse(const Body &B, const Stmt *S, const VarDecl *V,
                           llvm::ArrayRef<const Expr *> Args,
                           unsigned ArgIndex) {
    if (ArgIndex == 0 || Args.empty() || !stdDeclares("cref"))
      return false;
    // The callee and the parameter the argument reaches.
    const auto *FRef = dyn_cast<DeclRefExpr>(strip(Args[0]));
    const auto *F = FRef ? dyn_cast<FunctionDecl>(FRef->getDecl()) : nullptr;
    if (!F || ArgIndex - 1 >= F->getNumParams())
      return false;
    QualType PT = F->getParamDecl(ArgIndex - 1)->getType();
    if (PT->isReferenceType() && !(PT->isLValueReferenceType() &&
                                   PT->getPointeeType().isConstQualified()))
      return false;
    // The thread variable S initializes, in a block.
    const Stmt *Decl = S;
    while (Decl && !isa<DeclStmt>(Decl))
      Decl = B.parent(Decl);
    const auto *DS = dyn_cast_or_null<DeclStmt>(Decl);
    const auto *Block = DS ? dyn_cast_or_null<CompoundStmt>(B.parent(DS)) : nullptr;
    if (!DS || !DS->isSingleDecl() || !Block)
      return false;
    const auto *T = dyn_cast<VarDecl>(DS->getSingleDecl());
    const SourceManager &SM = Ctx.getSourceManager();
    if (!T || !SM.isBeforeInTranslationUnit(V->getLocation(), T->getLocation()))
      return false;
    // `t.join();` as a statement of the same block, and no use of V before.
    for (const Stmt *Item : Block->body()) {
      if (!SM.isBeforeInTranslationUnit(DS->getEndLoc(), Item->getBeginLoc()))
        continue;
      const auto *IE = dyn_cast<Expr>(Item);
      const auto *Join = IE ? dyn_cast<CXXMemberCallExpr>(strip(IE)) : nullptr;
      const auto *On = Join ? dyn_cast<DeclRefExpr>(strip(Join->getImplicitObjectArgument()))
                            : nullptr;
      if (Join && On && On->getDecl() == T && Join->getMethodDecl() &&
          Join->getMethodDecl()->getName() == "join")
        return true;
      if (mentionsDecl(Item, V))
        return false;
    }
    return false;
  }

  /// Is `std::<Name>` declared in this translation unit (its header is
  /// included), so a fix-it may use it?
  bool stdDeclares(llvm::StringRef Name) {
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (const auto *NS = dyn_cast<NamespaceDecl>(D))
        if (NS->getName() == "std")
          for (const NamedDecl *ND :
               NS->lookup(&Ctx.Idents.get(Name)))
            if (isa<FunctionTemplateDecl>(ND) || isa<FunctionDecl>(ND))
              return true;
    return false;
  }

  /// Is \p V read after \p S (later in the function, or again in a loop
  /// around S that it outlives)?
  bool usedAfter(const Body &B, const VarDecl *V, const Stmt *S) {
    for (const Stmt *L : B.loopsAround(S))
      if (!B.declaredIn(V, L))
        return true;
    const SourceManager &SM = Ctx.getSourceManager();
    for (const Stmt *T : B.all())
      if (const auto *DRE = dyn_cast<DeclRefExpr>(T))
        if (DRE->getDecl() == V && !B.contains(S, DRE) &&
            SM.isBeforeInTranslationUnit(S->getEndLoc(), DRE->getBeginLoc()))
          return true;
    return false;
  }

  /// Does user function \p FD append its parameter \p Index (a callable) to
  /// a container, directly or through a helper?
  bool queuesParam(const FunctionDecl *FD, unsigned Index, unsigned Depth) {
    const FunctionDecl *Def = nullptr;
    if (!FD->getBody(Def) || !Def || Index >= Def->getNumParams() ||
        Depth > 2)
      return false;
    auto Key = std::make_pair(Def, Index);
    auto It = Queues.find(Key);
    if (It != Queues.end())
      return It->second;
    Queues[Key] = false;
    const ParmVarDecl *P = Def->getParamDecl(Index);
    Body B(Def);
    bool Result = false;
    for (const Stmt *S : B.all()) {
      std::optional<CallArgs> CA =
          isa<CallExpr>(S) ? callArgs(S) : std::nullopt;
      if (!CA || !CA->Callee)
        continue;
      for (unsigned I = 0; I < CA->Args.size() && !Result; ++I) {
        if (!mentionsDecl(CA->Args[I], P))
          continue;
        if (CA->Object && A.container(objectType(CA->Object)) &&
            (A.effectOn(S, designated(CA->Object)) & Grows))
          Result = true;
        else if (A.userDefined(CA->Callee) && CA->Callee != Def)
          Result = queuesParam(CA->Callee, I, Depth + 1);
      }
      if (Result)
        break;
    }
    Queues[Key] = Result;
    return Result;
  }

  //===-- How large -------------------------------------------------------===//

  /// Bytes a local container is known to hold from its initializer (a
  /// constant count, an initializer list, a string literal), or -1.
  long long knownBytes(const Copy &C) {
    const auto *V = dyn_cast_or_null<VarDecl>(C.Decl);
    if (!V || C.Root || !V->hasLocalStorage() || !V->getInit())
      return -1;
    QualType Elem;
    if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            C.Type.getCanonicalType()->getAsCXXRecordDecl()))
      if (Spec->getTemplateArgs().size() > 0 &&
          Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
        Elem = Spec->getTemplateArgs()[0].getAsType();
    if (Elem.isNull() || Elem->isDependentType() || Elem->isIncompleteType() ||
        A.ownsContainer(Elem))
      return -1;
    long long ElemSize =
        static_cast<long long>(Ctx.getTypeSizeInChars(Elem).getQuantity());
    const Expr *Init = strip(V->getInit());
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Init)) {
      if (CE->getNumArgs() == 0)
        return 0;
      const Expr *First = strip(CE->getArg(0));
      if (const auto *SL = dyn_cast<StringLiteral>(First))
        return static_cast<long long>(SL->getByteLength());
      if (const auto *IL = dyn_cast<CXXStdInitializerListExpr>(First))
        if (const auto *L = dyn_cast<InitListExpr>(strip(IL->getSubExpr())))
          return L->getNumInits() * ElemSize;
      if (!First->isValueDependent() && First->getType()->isIntegerType())
        if (std::optional<llvm::APSInt> N =
                First->getIntegerConstantExpr(Ctx))
          return N->getExtValue() * ElemSize;
    }
    if (const auto *IL = dyn_cast<InitListExpr>(Init))
      return IL->getNumInits() * ElemSize;
    return -1;
  }

  bool large(const Copy &C) {
    QualType T = C.Type.getNonReferenceType();
    if (T.isNull() || T->isDependentType() || T->isIncompleteType() ||
        T->isPointerType())
      return false;
    // Copy-on-write containers (Qt's) copy a pointer and a count.
    if (const ContainerModel *M = A.container(T); M && M->ImplicitlyShared)
      return false;
    if (A.ownsContainer(T)) {
      long long Known = knownBytes(C);
      return Known < 0 || Known >= Threshold;
    }
    return static_cast<long long>(Ctx.getTypeSizeInChars(T).getQuantity()) >=
           Threshold;
  }

  //===-- Reporting -------------------------------------------------------===//

  void report(const Body &B, const Stmt *S, const Copy &C,
              const std::string &Kind) {
    // A fan-out: the send runs once per iteration of a loop that the copied
    // object outlives.
    const Stmt *FanOut = nullptr;
    unsigned long long Count = 0;
    const VarDecl *Local =
        C.Root ? C.Root : dyn_cast_or_null<VarDecl>(C.Decl);
    for (const Stmt *L : B.loopsAround(S)) {
      if (Local && B.declaredIn(Local, L))
        break;
      FanOut = L;
      if (!constantTripCount(L, Ctx, A, &Count))
        Count = 0;
      break;
    }
    std::string Noun = Kind == "promise" ? "shared state" : Kind;
    std::string Where;
    if (FanOut && Count > 1)
      Where = "each of the " + std::to_string(Count) + " " + Noun +
              "s this loop starts";
    else if (FanOut)
      Where = "every " + Noun + " this loop starts (one copy per iteration)";
    else
      Where = Kind == "queue" ? std::string("the queue") : "the " + Noun;
    std::string TypeName =
        T(C.Type.getNonReferenceType().getUnqualifiedType());
    Finding F;
    F.Rule = "large-copy-into-send";
    F.At = Locs.make(S->getBeginLoc());
    F.Message = "'" + C.Name + "' (a '" + TypeName +
                "') is copied whole into " + Where;
    if (FanOut)
      F.Notes.push_back({Locs.make(FanOut->getBeginLoc()),
                         "this loop copies it once per iteration"});
    const Expr *Wrap = C.MoveArg ? C.MoveArg : C.CrefArg;
    if (Wrap && !Wrap->getBeginLoc().isMacroID() &&
        !Wrap->getEndLoc().isMacroID() &&
        (C.CrefArg || stdDeclares("move"))) {
      const SourceManager &SM = Ctx.getSourceManager();
      SourceLocation End = Lexer::getLocForEndOfToken(Wrap->getEndLoc(), 0, SM,
                                                      Ctx.getLangOpts());
      Loc B = Locs.make(Wrap->getBeginLoc()), E = Locs.make(End);
      if (B.valid() && E.valid()) {
        F.Fix = {Replacement{B, B, C.MoveArg ? "std::move(" : "std::cref("},
                 Replacement{E, E, ")"}};
        F.FixIsSafe = true;
      }
    }
    if (C.Decl)
      F.Notes.push_back({Locs.make((C.Root ? static_cast<const ValueDecl *>(
                                                 C.Root)
                                           : C.Decl)
                                       ->getLocation()),
                         "'" + (C.Root ? C.Root->getNameAsString() : C.Name) +
                             "' declared here"});
    explain(F, "it is copied by " + C.How,
            "share one immutable copy (std::shared_ptr<const T>), pass it by "
            "reference (std::cref) and join in this scope, or std::move it "
            "if it is not needed afterwards");
    // A loop that starts one thread per iteration is part of the finding:
    // what repeats it is around that loop.
    placeFinding(F, B, FanOut ? FanOut : S, A);
    Out.push_back(std::move(F));
  }

  std::string T(QualType QT) {
    PrintingPolicy PP(Ctx.getLangOpts());
    PP.SuppressTagKeyword = true;
    return QT.getAsString(PP);
  }
};

/// A store of a parameter reached from a function: the function itself
/// stores it, or passes it on to one that does.
struct StoreWitness {
  const ParamStore *Store = nullptr;
  std::vector<std::string> Via; // the functions in between, outermost first
};

class Channels {
public:
  explicit Channels(const ProgramView &View) : View(View) {
    for (const ParamStore &S : View.facts().Stores)
      StoresOf[S.Function].push_back(&S);
  }

  /// Does calling \p Fn with a value for parameter \p Param put it into a
  /// long-lived queue that a consumer drains (directly or through the
  /// functions \p Fn hands the parameter on to)?
  std::optional<StoreWitness> store(const std::string &Fn, unsigned Param) {
    std::set<std::pair<std::string, unsigned>> Seen;
    return store(Fn, Param, Seen, 0);
  }

private:
  std::optional<StoreWitness>
  store(const std::string &Fn, unsigned Param,
        std::set<std::pair<std::string, unsigned>> &Seen, unsigned Depth) {
    if (Depth > 8 || !Seen.insert({Fn, Param}).second)
      return std::nullopt;
    auto It = StoresOf.find(Fn);
    if (It != StoresOf.end())
      for (const ParamStore *S : It->second)
        if (S->Param == Param && channel(S->Entity))
          return StoreWitness{S, {}};
    for (const CallEdge &E : View.graph().callees(Fn)) {
      const std::vector<int> &Args = E.Site->ArgParams;
      for (unsigned I = 0; I < Args.size(); ++I)
        if (Args[I] == static_cast<int>(Param))
          if (std::optional<StoreWitness> W = store(E.To, I, Seen, Depth + 1)) {
            W->Via.insert(W->Via.begin(), E.To);
            return W;
          }
    }
    return std::nullopt;
  }

  /// A long-lived queue a consumer drains: it outlives the call, a
  /// consumer takes entries out (ProgramView::consumer: a pop, or the
  /// backlog swapped, moved or read out and emptied), and (a member) its
  /// class is shared between threads (it holds a lock or a condition
  /// variable).
  bool channel(const std::string &Id) {
    auto Cached = IsChannel.find(Id);
    if (Cached != IsChannel.end())
      return Cached->second;
    bool Result = false;
    auto It = View.facts().Entities.find(Id);
    if (It != View.facts().Entities.end()) {
      const Entity &E = It->second;
      if (!E.isProxy() && !E.unowned() && View.longLived(E) &&
          (E.Kind != EntityKind::Field || E.Concurrent)) {
        std::vector<EffectiveEvent> Events = View.effectiveEvents(Id);
        Result = View.consumer(E, Events, ProgramView::growFunctions(Events)) !=
                 nullptr;
      }
    }
    return IsChannel[Id] = Result;
  }

  const ProgramView &View;
  std::map<std::string, std::vector<const ParamStore *>> StoresOf;
  std::map<std::string, bool> IsChannel;
};

} // namespace

void collectLargeCopyIntoSend(Apis &A, const std::vector<const FunctionDecl *> &Functions,
    std::vector<Finding> &Out, Facts &Summaries) {
  Checker C(A, Out, Summaries);
  for (const FunctionDecl *FD : Functions)
    C.run(FD);
}

void decideLargeCopyIntoSend(const ProgramView &View,
                             std::vector<Finding> &Out) {
  const Facts &F = View.facts();
  if (F.Handoffs.empty() || F.Stores.empty())
    return;
  Channels Ch(View);
  for (const Handoff &H : F.Handoffs) {
    for (const std::string &Target :
         View.graph().dispatch(H.Callee, H.Kind == CallKind::Virtual)) {
      std::optional<StoreWitness> W = Ch.store(Target, H.Param);
      if (!W)
        continue;
      const Entity &Queue = F.Entities.at(W->Store->Entity);
      std::string Callee = "'" + View.functionName(H.Callee) + "'";
      Finding Fd;
      Fd.Rule = "large-copy-into-send";
      Fd.At = H.At;
      // Ranked by the drivers of the calling function and the loops around
      // the call there (rankByDrivers).
      Fd.Function = H.Caller;
      for (const Call &C : F.Calls)
        if (C.At == H.At && C.Caller == H.Caller) {
          Fd.SiteFlags = C.Flags & (InLoop | ConstantLoop | UntilLoop);
          break;
        }
      Fd.Message = "'" + H.Name + "' (a '" + H.Type +
                   "') is copied whole into the queue '" + Queue.Name + "'";
      std::string Via;
      if (Target != H.Callee)
        W->Via.insert(W->Via.begin(), Target);
      for (const std::string &V : W->Via)
        Via += (Via.empty() ? " (via '" : "' -> '") + View.functionName(V);
      if (!Via.empty())
        Via += "')";
      Fd.Notes.push_back({W->Store->At, Callee + " stores its argument in '" +
                                            Queue.Name + "' here" + Via});
      if (H.Decl.valid())
        Fd.Notes.push_back({H.Decl, "'" + H.Name + "' declared here"});
      std::string Why =
          "it is copied by " + Callee +
          (H.ByValue ? ", which takes it by value,"
                     : ", which takes it by const reference and copies it") +
          " into a long-lived queue that a consumer drains, although '" +
          H.Name + "' is not used afterwards";
      std::string Fix =
          H.ByValue ? "std::move it into the call"
          : H.RvalueOverload
              ? "std::move it into the call: " + Callee +
                    " has an overload that takes an rvalue reference"
              : "std::move it into the call, and give " + Callee +
                    " an overload that takes an rvalue reference (T &&) and "
                    "moves it into the queue";
      explain(Fd, Why, Fix);
      if (!H.Fix.empty()) {
        Fd.Fix = H.Fix;
        Fd.FixIsSafe = true;
      }
      Out.push_back(std::move(Fd));
      break;
    }
  }
}

} // namespace memlint
