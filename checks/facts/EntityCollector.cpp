//===- EntityCollector.cpp - long-lived containers and their events -------===//
#include "EntityCollector.h"
#include "LLVMCompat.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <functional>

using namespace clang;

namespace memlint {
namespace facts {

static std::optional<EventKind> toEvent(ContainerEffect Effect) {
  switch (Effect) {
  case ContainerEffect::Grow: return EventKind::Grow;
  case ContainerEffect::Erase: return EventKind::Erase;
  case ContainerEffect::Pop: return EventKind::Pop;
  case ContainerEffect::PopLast: return EventKind::Pop;
  case ContainerEffect::Clear: return EventKind::Clear;
  case ContainerEffect::Resize: return EventKind::Resize;
  case ContainerEffect::Assign: return EventKind::Assign;
  case ContainerEffect::Consume: return EventKind::Consume;
  case ContainerEffect::Reserve: return EventKind::Reserve;
  case ContainerEffect::Release: return EventKind::Release;
  case ContainerEffect::Lookup: return EventKind::Lookup;
  case ContainerEffect::Size: return EventKind::Size;
  case ContainerEffect::Index:
  case ContainerEffect::Sort:
  case ContainerEffect::Read: return std::nullopt;
  }
  return std::nullopt;
}

/// What an event on an element is for the container holding it: growing an
/// element grows the container; emptying one (or moving its content out)
/// gives memory back; replacing it, or reading its size or keys, says
/// nothing about the container's size.
static std::optional<EventKind> onElement(EventKind K) {
  switch (K) {
  case EventKind::Grow:
    return EventKind::Grow;
  case EventKind::Erase:
  case EventKind::Pop:
  case EventKind::Clear:
  case EventKind::Consume:
    return EventKind::Erase;
  case EventKind::Escape:
    return EventKind::Escape;
  default:
    return std::nullopt;
  }
}

//===-- Recording ---------------------------------------------------------===//

int EntityCollector::record(const Target &T, EventKind K, SourceLocation At,
                            unsigned ExtraFlags) {
  if (!T)
    return -1;
  if (T.Element) {
    std::optional<EventKind> Outer = onElement(K);
    if (!Outer)
      return -1;
    K = *Outer;
    ExtraFlags = (ExtraFlags & ~(MemoFill | KeyFromInput)) | OnElement;
  }
  Event E;
  E.Entity = T.Id;
  E.Kind = K;
  E.At = W.Locs.make(At);
  E.Function = W.currentFunction();
  E.Flags = siteFlags(K == EventKind::Grow ? T.Id : std::string(),
                      K == EventKind::Grow ? &E.GuardCalls : nullptr) |
            ExtraFlags;
  E.Scopes = scopes(T.Id);
  E.Receiver = T.Receiver;
  W.Out.Events.push_back(std::move(E));
  return static_cast<int>(W.Out.Events.size() - 1);
}

//===-- Declarations ------------------------------------------------------===//

void EntityCollector::varDecl(const VarDecl *VD) {
  if (isa<ParmVarDecl>(VD))
    return;
  QualType T = VD->getType();
  if (const Expr *Init = VD->getInit())
    bindsReference(Init, T);
  if (VD->hasLocalStorage() && (T->isReferenceType() || T->isPointerType())) {
    if (const Expr *Init = VD->getInit()) {
      // `auto &v = items_;`, `Sink *s = &items_;`, `auto &row = by_key_[k];`
      // and `auto &c = registry();` alias the container.
      if (Target Tg = W.resolve(Init)) {
        W.addLocalAlias(VD, Tg);
        W.markHandled(Init);
      }
    }
    return;
  }
  if (!VD->hasLocalStorage() && isNonConstRefOrPtr(T)) {
    if (const Expr *Init = VD->getInit())
      if (Target Tg = W.resolve(Init)) {
        // A long-lived reference or pointer to it: anyone may change it.
        W.markHandled(Init);
        record(Tg, EventKind::Escape, Init->getBeginLoc());
      }
  }
}

void EntityCollector::varDeclDone(const VarDecl *VD) {
  // `auto &slot = cache_[key];` then `if (slot.empty()) slot = ...`.
  if (VD->hasLocalStorage() && VD->getType()->isReferenceType() &&
      VD->getInit())
    if (const auto *CE = dyn_cast<CallExpr>(strip(VD->getInit()))) {
      auto It = Subscripts.find(CE);
      if (It != Subscripts.end())
        LazySlots[VD] = It->second;
    }
}

void EntityCollector::ifDone(const IfStmt *If) {
  // `if (slot.empty())` on a slot, or `if (memo[n] == 0) memo[n] = ...`.
  if (const Expr *Cond = If->getCond())
    markLazySlotTests(Cond);
}

void EntityCollector::markLazySlotTests(const Stmt *S) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      auto It = LazySlots.find(VD);
      if (It != LazySlots.end())
        W.Out.Events[It->second].Flags |= MemoFill;
    }
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    auto It = Subscripts.find(CE);
    if (It != Subscripts.end())
      W.Out.Events[It->second].Flags |= MemoFill;
  }
  for (const Stmt *C : S->children())
    if (C && !isa<LambdaExpr>(C))
      markLazySlotTests(C);
}

void EntityCollector::forRange(const CXXForRangeStmt *FR) {
  if (Target T = W.resolve(FR->getRangeInit()); T && !T.Element)
    record(T, EventKind::Iterate, FR->getBeginLoc());
}

void EntityCollector::lambda(const LambdaExpr *LE) {
  // Containers the closure owns: `[cache = std::map<K, V>()]`, or a captured
  // `std::shared_ptr<std::map<K, V>>`.
  for (const LambdaCapture &C : LE->captures()) {
    if (!C.capturesVariable())
      continue;
    const auto *V = dyn_cast<VarDecl>(C.getCapturedVar());
    if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V))
      continue;
    if (LE->isInitCapture(&C)) {
      if (W.modelForType(V->getType()) ||
          !W.smartPointee(V->getType()).isNull())
        W.addCapture(V, LE);
    } else if (C.getCaptureKind() == LCK_ByCopy &&
               !W.smartPointee(V->getType()).isNull()) {
      W.addCapture(V, LE);
    }
  }
}

//===-- Calls -------------------------------------------------------------===//

void EntityCollector::call(const CallExpr *CE) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee && CE->isTypeDependent()) {
    dependentMethodCall(CE);
    return;
  }
  const Expr *Object = nullptr;
  unsigned FirstArg = 0;
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
    Object = MCE->getImplicitObjectArgument();
  } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE)) {
    if (Method && !Method->isStatic() && OCE->getNumArgs() > 0) {
      Object = OCE->getArg(0);
      FirstArg = 1;
    }
  }
  llvm::SmallVector<bool, 8> Done(CE->getNumArgs(), false);
  if (Object && Method)
    containerMethodCall(CE, Method, Object, Done);
  if (Callee && !Method) {
    llvm::SmallVector<const Expr *, 8> Args(CE->arguments());
    containerFunctionCall(Callee, Args, compat::beginLoc(CE), Done);
  }

  const FunctionProtoType *Proto = nullptr;
  if (!Callee)
    if (const auto *PT =
            CE->getCallee()->getType()->getPointeeOrArrayElementType())
      Proto = PT->getAs<FunctionProtoType>();
  for (unsigned I = FirstArg; I < CE->getNumArgs(); ++I) {
    unsigned ParamIndex = I - FirstArg;
    QualType PT;
    if (Callee && ParamIndex < Callee->getNumParams())
      PT = Callee->getParamDecl(ParamIndex)->getType();
    else if (Proto && ParamIndex < Proto->getNumParams())
      PT = Proto->getParamType(ParamIndex);
    bindsReference(CE->getArg(I), PT);
    if (!Done[I])
      passArgument(CE->getArg(I), PT, Callee, ParamIndex,
                   compat::beginLoc(CE));
  }
}

void EntityCollector::construct(const CXXConstructExpr *CE) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  if (!Ctor || Ctor->isCopyOrMoveConstructor())
    return;
  // A library constructor the packs' container functions describe (a
  // queue's producer token, made from the queue by reference): its effect
  // on the container, not an escape.
  llvm::SmallVector<const Expr *, 8> Args(CE->arguments());
  llvm::SmallVector<bool, 8> Done(Args.size(), false);
  containerFunctionCall(Ctor, Args, compat::beginLoc(CE), Done);
  for (unsigned I = 0; I < CE->getNumArgs() && I < Ctor->getNumParams(); ++I)
    bindsReference(CE->getArg(I), Ctor->getParamDecl(I)->getType());
  for (unsigned I = 0; I < CE->getNumArgs() && I < Ctor->getNumParams(); ++I)
    if (!Done[I])
      passArgument(CE->getArg(I), Ctor->getParamDecl(I)->getType(), Ctor, I,
                   compat::beginLoc(CE));
}

void EntityCollector::returnStmt(const ReturnStmt *RS) {
  const Expr *V = RS->getRetValue();
  if (!V || W.Fns.empty())
    return;
  // `Q *&queue() { return jobs_; }`
  const LambdaExpr *LE = W.currentLambda();
  bindsReference(V, LE ? LE->getCallOperator()->getReturnType()
                       : W.Fns.back()->getReturnType());
  if (W.insideLambda() || !isNonConstRefOrPtr(W.Fns.back()->getReturnType()))
    return;
  Target T = W.resolve(V);
  if (!T)
    return;
  W.markHandled(V);
  // A function that returns a reference to the container: its callers'
  // effects on the result are effects on the container. An element, or a
  // parameter handed back, goes where we do not follow.
  if (T.Element || isa_and_nonnull<ParmVarDecl>(T.Decl))
    record(T, EventKind::Escape, RS->getBeginLoc());
  else
    W.Out.Aliases.push_back({W.currentFunction() + "#ret", T.Id});
}

void EntityCollector::addressOf(const UnaryOperator *UO) {
  if (UO->getOpcode() != UO_AddrOf)
    return;
  // `&jobs_` of a pointer member (`&Class::jobs_` too): anything may be
  // stored into it through that address.
  if (Entity *E = pointerMember(UO->getSubExpr())) {
    E->Borrowed = true;
    return;
  }
  if (W.handled(UO))
    return;
  // Its address is taken and kept somewhere we do not follow.
  if (Target T = W.resolve(UO->getSubExpr()))
    record(T, EventKind::Escape, UO->getBeginLoc());
}

void EntityCollector::containerMethodCall(const CallExpr *CE,
                                          const CXXMethodDecl *Method,
                                          const Expr *Object,
                                          llvm::SmallVectorImpl<bool> &Done) {
  // The object's own type (past the implicit cast to the base that declares
  // an inherited method).
  QualType ObjectType = Object->IgnoreParenImpCasts()->getType();
  if (ObjectType->isPointerType())
    ObjectType = ObjectType->getPointeeType();
  const ContainerModel *M = W.modelForType(ObjectType);
  std::string MethodName = Method->getNameAsString();
  // `batch.swap(pending_)`: a whole-content exchange replaces the argument's
  // content too.
  if (M && !isa<CXXOperatorCallExpr>(CE)) {
    auto It = M->Methods.find(MethodName);
    if (It != M->Methods.end() && It->second == ContainerEffect::Assign)
      for (unsigned I = 0; I < CE->getNumArgs(); ++I)
        if (Target Other = W.resolve(CE->getArg(I));
            Other && !Other.Element && Other.Model == M) {
          Done[I] = true;
          W.markHandled(CE->getArg(I));
          record(Other, EventKind::Assign, compat::beginLoc(CE),
                 walkedAfter(Object, CE) ? Drained : 0u);
        }
  }
  Target T = W.resolve(Object);
  if (!T || !T.Model)
    return;
  W.markHandled(Object);
  // `items_.reset()` on a `std::unique_ptr<std::vector<T>>`: the smart
  // pointer's method, not the container's.
  if (!W.smartPointee(ObjectType).isNull()) {
    smartPointerCall(CE, Method, T, Done);
    return;
  }
  M = T.Model;
  auto It = M->Methods.find(MethodName);
  if (It == M->Methods.end())
    return;
  std::optional<EventKind> K = toEvent(It->second);
  if (!K)
    return;
  const std::string Id = T.Id;
  bool Operator = isa<CXXOperatorCallExpr>(CE);
  unsigned FirstArg = Operator ? 1 : 0;
  auto Arg = [&](unsigned I) -> const Expr * {
    return FirstArg + I < CE->getNumArgs() ? strip(CE->getArg(FirstArg + I))
                                           : nullptr;
  };
  unsigned Extra = It->second == ContainerEffect::PopLast ? Lifo : 0u;
  // `pending_.swap(batch); for (auto &j : batch) ...`: taken out to walk.
  if (*K == EventKind::Assign && !Operator && Arg(0) &&
      walkedAfter(Arg(0), CE))
    Extra |= Drained;
  if (*K == EventKind::Assign && Operator && Arg(0)) {
    // `s_ = s_ + x` assigns, but it grows; `v_ = {}` empties it.
    if (mentions(Arg(0), Id))
      K = EventKind::Grow;
    else if (isEmptyBraces(Arg(0)))
      K = EventKind::Clear;
  } else if (*K == EventKind::Resize && Arg(0)) {
    // resize(0) empties it; resize(kConstant) fills it to a fixed size.
    Expr::EvalResult R;
    if (!Arg(0)->isValueDependent() && Arg(0)->EvaluateAsInt(R, W.Ctx)) {
      if (R.Val.getInt() == 0)
        K = EventKind::Clear;
      else
        Extra |= ConstantLoop;
    }
  } else if (*K == EventKind::Erase && Arg(0) && Arg(1)) {
    // erase(v.begin(), v.end()) empties it.
    if (isWholeRange(Arg(0), Arg(1), Id))
      K = EventKind::Clear;
  }
  if ((*K == EventKind::Grow || *K == EventKind::Lookup ||
       *K == EventKind::Erase) &&
      M->Associative) {
    // An erase by iterator is positional (a sweep), not by a key.
    const CXXRecordDecl *ArgRD =
        Arg(0) ? strip(Arg(0))->getType()->getAsCXXRecordDecl() : nullptr;
    bool Iterator = ArgRD && ArgRD->hasDefinition() &&
                    hasMethod(ArgRD, "operator++") &&
                    hasMethod(ArgRD, "operator*");
    if (Arg(0) && !(Iterator && *K == EventKind::Erase) && fromInput(Arg(0)))
      Extra |= KeyFromInput;
    if (*K == EventKind::Grow && !Operator && W.resultUsed())
      Extra |= MemoFill; // `auto [it, fresh] = cache_.try_emplace(k)`
  }
  // `m[k]` where k is known to be a key already: a lookup.
  if (*K == EventKind::Grow && Operator && M->Associative && !T.Element &&
      Arg(0) && keyPresent(Id, keyDecl(Arg(0))))
    K = EventKind::Lookup;
  // `return m[k];`: a read that adds an empty entry for a missing key.
  else if (*K == EventKind::Grow && Operator && M->Associative &&
           !T.Element && W.resultOnlyRead())
    Extra |= ReadOnly;
  std::vector<const Expr *> Values;
  for (unsigned I = FirstArg; I < CE->getNumArgs(); ++I)
    Values.push_back(CE->getArg(I));
  if (*K == EventKind::Grow)
    Extra |= growthKind(Values, M, T.Element);
  const ValueDecl *Key = Arg(0) ? keyDecl(Arg(0)) : nullptr;
  // `auto it = items_.find(k); ... items_.erase(it);` erases k.
  if (*K == EventKind::Erase && Key)
    Key = foundKey(Key, Id);
  int Index = record(T, *K, compat::beginLoc(CE), Extra);
  // `items.erase(it); items.insert(it);`: a de-duplication, no bound. So
  // is the insert of an entry made from the erased key (`auto updated =
  // make(k, ...); items.erase(it); items.insert(updated);`, `it` found by
  // `k`): the entry replaced by its new version.
  if (Index >= 0 && Key && !T.Element) {
    if (*K == EventKind::Erase)
      Erased[std::make_pair(Id, Key)] = Index;
    else if (*K == EventKind::Grow) {
      const auto *Made = dyn_cast<VarDecl>(Key);
      const Expr *MadeFrom = Made && !isa<ParmVarDecl>(Made) &&
                                     Made->hasLocalStorage()
                                 ? Made->getInit()
                                 : nullptr;
      for (auto &[EK, EIndex] : Erased) {
        Event &Erase = W.Out.Events[EIndex];
        if (EK.first == Id &&
            (EK.second == Key || mentionsDecl(MadeFrom, EK.second)) &&
            Erase.Function == W.Out.Events[Index].Function)
          Erase.Flags |= Dedup;
      }
    }
  }
  if (Index >= 0 && *K == EventKind::Grow && Operator && M->Associative &&
      !T.Element)
    Subscripts[CE] = Index;
  if (Index >= 0 && *K == EventKind::Clear &&
      It->second == ContainerEffect::Clear && !Operator && !T.Element)
    W.Out.Events[Index].Fix = swapWithEmpty(CE, Object, T);
}

/// `q_.pop_front()` in a class template nothing instantiates: the call's
/// callee is unresolved, so the method is matched by name against the
/// container's model.
void EntityCollector::dependentMethodCall(const CallExpr *CE) {
  const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
  const Expr *Base = nullptr;
  std::string Name;
  if (const auto *DME = dyn_cast<CXXDependentScopeMemberExpr>(Callee)) {
    if (!DME->isImplicitAccess())
      Base = DME->getBase();
    Name = DME->getMember().getAsString();
  } else if (const auto *UME = dyn_cast<UnresolvedMemberExpr>(Callee)) {
    if (!UME->isImplicitAccess())
      Base = UME->getBase();
    Name = UME->getMemberName().getAsString();
  }
  if (!Base || Name.empty())
    return;
  Target T = W.resolve(Base);
  if (!T || !T.Model)
    return;
  auto It = T.Model->Methods.find(Name);
  if (It == T.Model->Methods.end())
    return;
  std::optional<EventKind> K = toEvent(It->second);
  if (!K)
    return;
  W.markHandled(Base);
  unsigned Extra = FromPattern;
  if (It->second == ContainerEffect::PopLast)
    Extra |= Lifo;
  if ((*K == EventKind::Grow || *K == EventKind::Lookup) &&
      T.Model->Associative && CE->getNumArgs() > 0 && fromInput(CE->getArg(0)))
    Extra |= KeyFromInput;
  record(T, *K, compat::beginLoc(CE), Extra);
}

void EntityCollector::smartPointerCall(const CallExpr *CE,
                                       const CXXMethodDecl *Method,
                                       const Target &T,
                                       llvm::SmallVectorImpl<bool> &Done) {
  std::string Name = Method->getNameAsString();
  unsigned First = isa<CXXOperatorCallExpr>(CE) ? 1 : 0;
  const Expr *Value = First < CE->getNumArgs() ? CE->getArg(First) : nullptr;
  SourceLocation At = compat::beginLoc(CE);
  if (Name == "release") {
    // Handed to whoever takes the raw pointer.
    record(T, EventKind::Escape, At);
  } else if (Name == "swap") {
    record(T, EventKind::Assign, At);
    if (Target Other = W.resolve(Value); Other && !Other.Element) {
      Done[First] = true;
      W.markHandled(Value);
      record(Other, EventKind::Assign, At);
    }
  } else if (Name == "operator=" || Name == "reset") {
    // The container it held is destroyed and replaced. A new one (or none)
    // given where its object is built is its construction (as `:
    // items_(new V)` is): Fresh, decided once builders are known.
    const Expr *V =
        Value && !isa<CXXDefaultArgExpr>(Value) ? strip(Value) : nullptr;
    bool New = !V || isNoObject(V, W.Ctx) || W.freshObject(V);
    record(T, EventKind::Assign, At, New ? Fresh : 0u);
  }
}

//===-- Pointer members ---------------------------------------------------===//
//
// `std::deque<Job> *jobs_;` is the container it points to, if the class owns
// it: the entity is created like a member's (Entity::Pointer), with events
// through `jobs_->push_back(j)` and `(*jobs_)[k]`, and the stores into the
// member say whether it owns what it points to (Entity::unowned()). A
// `new` stored into it is its construction (no event), `delete jobs_`
// destroys the container (an Assign; in the destructor, its teardown).

Entity *EntityCollector::pointerMember(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParens();
  const ValueDecl *D = nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    D = ME->getMemberDecl();
  else if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    D = DRE->getDecl();
  const auto *FD = dyn_cast_or_null<FieldDecl>(D);
  if (!FD || !FD->getType()->isPointerType())
    return nullptr;
  const std::string &Id = W.entityId(FD);
  if (Id.empty())
    return nullptr;
  auto It = W.Out.Entities.find(Id);
  return It != W.Out.Entities.end() && It->second.Pointer ? &It->second
                                                          : nullptr;
}

void EntityCollector::storeInto(Entity &E, const Expr *Value) {
  const Expr *V = strip(Value);
  if (const auto *PL = dyn_cast_or_null<ParenListExpr>(V);
      PL && PL->getNumExprs() == 1)
    V = strip(PL->getExpr(0));
  if (const auto *IL = dyn_cast_or_null<InitListExpr>(V);
      IL && IL->getNumInits() == 1)
    V = strip(IL->getInit(0));
  if (!V)
    return;
  // A container of its own (an array of them is not one container).
  if (const auto *NE = dyn_cast<CXXNewExpr>(V); NE && !NE->isArray()) {
    E.Allocated = true;
    return;
  }
  // Nothing yet.
  if (isNoObject(V, W.Ctx))
    return;
  // The same member of another object of the class (a copy, a move): still
  // a container the class owns.
  if (Entity *From = pointerMember(V); From && From->Id == E.Id)
    return;
  // Anything else may point to a container that lives elsewhere, and that
  // one is now kept where its owner does not see it.
  E.Borrowed = true;
  if (Target T = W.resolve(V)) {
    W.markHandled(V);
    record(T, EventKind::Escape, V->getBeginLoc());
  }
}

void EntityCollector::bindsReference(const Expr *Arg, QualType ParamType) {
  if (ParamType.isNull() || !ParamType->isLValueReferenceType())
    return;
  QualType Pointee = ParamType->getPointeeType();
  if (!Pointee->isPointerType() || Pointee.isConstQualified())
    return;
  if (Entity *E = pointerMember(Arg))
    E->Borrowed = true;
}

void EntityCollector::assign(const BinaryOperator *BO) {
  if (BO->getOpcode() != BO_Assign)
    return;
  if (Entity *E = pointerMember(BO->getLHS()))
    storeInto(*E, BO->getRHS());
}

void EntityCollector::memberInit(const CXXCtorInitializer *Init) {
  if (!Init->isMemberInitializer() || !Init->isWritten())
    return;
  const FieldDecl *FD = Init->getMember();
  if (!FD->getType()->isPointerType())
    return;
  const std::string &Id = W.entityId(FD);
  auto It = Id.empty() ? W.Out.Entities.end() : W.Out.Entities.find(Id);
  if (It != W.Out.Entities.end() && It->second.Pointer)
    storeInto(It->second, Init->getInit());
}

void EntityCollector::field(const FieldDecl *FD) {
  const Expr *Init = FD->getInClassInitializer();
  if (!Init || !FD->getType()->isPointerType())
    return;
  const std::string &Id = W.entityId(FD);
  auto It = Id.empty() ? W.Out.Entities.end() : W.Out.Entities.find(Id);
  if (It != W.Out.Entities.end() && It->second.Pointer)
    storeInto(It->second, Init);
}

void EntityCollector::deleteExpr(const CXXDeleteExpr *DE) {
  const Expr *Arg = DE->getArgument();
  QualType PT = Arg ? strip(Arg)->getType() : QualType();
  if (PT.isNull() || !PT->isPointerType() ||
      !W.modelForType(PT->getPointeeType()))
    return;
  Target T = W.resolve(Arg);
  if (!T || T.Element)
    return;
  W.markHandled(Arg);
  // The container and its memory are gone, as when a new one replaces it.
  record(T, EventKind::Assign, DE->getBeginLoc());
}

void EntityCollector::containerFunctionCall(const FunctionDecl *Callee,
                                            llvm::ArrayRef<const Expr *> Args,
                                            SourceLocation At,
                                            llvm::SmallVectorImpl<bool> &Done) {
  if (W.Rules.ContainerFunctions.empty())
    return;
  std::string Name = qualifiedName(Callee);
  for (const ContainerFunction &CF : W.Rules.ContainerFunctions) {
    // Iterators are no container (and a sort leaves the size alone).
    if (CF.Iterators || !CF.Name.matches(Name))
      continue;
    for (unsigned A : CF.Args) {
      if (A >= Args.size())
        continue;
      Done[A] = true;
      Target T = W.resolve(Args[A]);
      if (!T)
        continue;
      W.markHandled(Args[A]);
      if (std::optional<EventKind> K = toEvent(CF.Effect))
        record(T, *K, At);
    }
  }
}

/// A container handed to a function by non-const reference or pointer: what
/// the callee does to its parameter happens to the container.
void EntityCollector::passArgument(const Expr *Arg, QualType ParamType,
                                   const FunctionDecl *Callee,
                                   unsigned ParamIndex, SourceLocation At) {
  Target T = W.resolve(Arg);
  if (!T)
    return;
  W.markHandled(Arg);
  if (ParamType.isNull() || !isNonConstRefOrPtr(ParamType)) {
    // By value or const: the whole content is read (`write(buf_)`), or is
    // the key of a map (`fields_[name_]`).
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
    const ContainerModel *Of =
        Method ? W.modelFor(Method->getParent()) : nullptr;
    bool Key = Of && Of->Associative && ParamIndex == 0;
    if (!T.Element)
      record(T, EventKind::Iterate, At, Key ? AsKey : 0u);
    return;
  }
  if (!Callee) {
    record(T, EventKind::Escape, At);
    return;
  }
  Flow F;
  F.From = T.Id;
  F.Callee = W.functionId(Callee);
  F.Param = ParamIndex;
  F.At = W.Locs.make(At);
  F.Function = W.currentFunction();
  F.Flags = siteFlags(T.Id) | (T.Element ? OnElement : 0u);
  F.Scopes = scopes(T.Id);
  W.Out.Flows.push_back(std::move(F));
}

/// Is what \p E names (a local, or a member of this object) read after \p At
/// in the function (or lambda) being walked, by a range-for or handed to a
/// call by value or const reference (`write(sending_)`): the contents a
/// swap hands it are taken out to be processed?
bool EntityCollector::walkedAfter(const Expr *E, const Stmt *At) {
  auto DeclOf = [](const Expr *X) -> const ValueDecl * {
    X = X ? strip(X) : nullptr;
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(X))
      return DRE->getDecl();
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(X))
      if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
        return ME->getMemberDecl();
    return nullptr;
  };
  const ValueDecl *D = DeclOf(E);
  if (!D || !At)
    return false;
  const Stmt *Body = nullptr;
  if (const LambdaExpr *LE = W.currentLambda())
    Body = LE->getBody();
  else if (!W.Fns.empty())
    Body = W.Fns.back()->getBody();
  bool Found = false;
  std::function<void(const Stmt *)> Scan = [&](const Stmt *S) {
    if (!S || Found || isa<LambdaExpr>(S))
      return;
    bool After =
        W.SM.isBeforeInTranslationUnit(At->getBeginLoc(), S->getBeginLoc());
    if (const auto *FR = dyn_cast<CXXForRangeStmt>(S);
        FR && After && DeclOf(FR->getRangeInit()) == D) {
      Found = true;
      return;
    }
    if (const auto *CE = dyn_cast<CallExpr>(S); CE && After) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      // A member operator's object is argument 0.
      unsigned First =
          isa<CXXOperatorCallExpr>(CE) && isa_and_nonnull<CXXMethodDecl>(Callee)
              ? 1
              : 0;
      for (unsigned I = First; Callee && I < CE->getNumArgs(); ++I) {
        unsigned P = I - First;
        if (DeclOf(CE->getArg(I)) == D && P < Callee->getNumParams() &&
            !isNonConstRefOrPtr(Callee->getParamDecl(P)->getType())) {
          Found = true;
          return;
        }
      }
    }
    for (const Stmt *C : S->children())
      Scan(C);
  };
  Scan(Body);
  return Found;
}

/// `buf_.clear()` -> `decltype(buf_)().swap(buf_)`: empties it and gives its
/// capacity back, whatever the implementation does with shrink_to_fit. Only
/// where the object is named directly (an alias would make decltype a
/// reference) and no macro is involved.
std::vector<Replacement> EntityCollector::swapWithEmpty(const CallExpr *CE,
                                                        const Expr *Object,
                                                        const Target &T) {
  const Expr *O = strip(Object);
  const ValueDecl *Named = nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(O))
    Named = ME->getMemberDecl();
  else if (const auto *DRE = dyn_cast<DeclRefExpr>(O))
    Named = DRE->getDecl();
  const ValueDecl *D = T.Decl;
  if (!D || Named != D || isa<ParmVarDecl>(D) ||
      D->getType()->isReferenceType() || !W.modelForType(D->getType()))
    return {};
  SourceLocation Begin = compat::beginLoc(CE), Last = CE->getEndLoc();
  if (Begin.isMacroID() || Last.isMacroID() || O->getBeginLoc().isMacroID())
    return {};
  const LangOptions &LO = W.Ctx.getLangOpts();
  std::string Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(O->getSourceRange()),
                           W.SM, LO)
          .str();
  SourceLocation End = Lexer::getLocForEndOfToken(Last, 0, W.SM, LO);
  if (Text.empty() || End.isInvalid())
    return {};
  return {Replacement{W.Locs.make(Begin), W.Locs.make(End),
                      "decltype(" + Text + ")().swap(" + Text + ")"}};
}

/// `begin()`/`end()` of the same container, in that order.
bool EntityCollector::isWholeRange(const Expr *First, const Expr *Last,
                                   const std::string &Id) {
  auto Ends = [&](const Expr *E, llvm::StringRef Name) {
    // iterator -> const_iterator is a converting constructor.
    while (const auto *CCE = dyn_cast<CXXConstructExpr>(E)) {
      if (CCE->getNumArgs() != 1)
        return false;
      E = strip(CCE->getArg(0));
    }
    const auto *MCE = dyn_cast<CXXMemberCallExpr>(E);
    if (!MCE || !MCE->getMethodDecl() ||
        MCE->getMethodDecl()->getName() != Name)
      return false;
    return isEntity(W.resolve(MCE->getImplicitObjectArgument()), Id);
  };
  return (Ends(First, "begin") || Ends(First, "cbegin")) &&
         (Ends(Last, "end") || Ends(Last, "cend"));
}

bool EntityCollector::mentions(const Stmt *S, const std::string &Id) {
  if (!S || Id.empty())
    return false;
  if (const auto *E = dyn_cast<Expr>(S))
    if (isa<DeclRefExpr>(E) || isa<MemberExpr>(E))
      if (W.resolve(E).Id == Id)
        return true;
  for (const Stmt *C : S->children())
    if (mentions(C, Id))
      return true;
  return false;
}

/// The counter \p S steps (`c++`, `--c`, an atomic's `++c` or
/// `c.fetch_add(n)`), or nullptr.
static const Expr *counterStep(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->isIncrementDecrementOp())
    return UO->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E);
      OCE && OCE->getNumArgs() >= 1 &&
      (OCE->getOperator() == OO_PlusPlus || OCE->getOperator() == OO_MinusMinus))
    return OCE->getArg(0)->IgnoreParenImpCasts();
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *MD = MCE->getMethodDecl();
        MD && MD->getIdentifier() &&
        (MD->getName() == "fetch_add" || MD->getName() == "fetch_sub"))
      return MCE->getImplicitObjectArgument()->IgnoreParenImpCasts();
  return nullptr;
}

/// A counter that outlives the call: a member of the object the function
/// runs on, or a variable of static storage.
static bool persistentCounter(const Expr *C) {
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(C))
    return isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(C))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return !VD->hasLocalStorage();
  return false;
}

/// Does \p E depend on the enclosing function's input (its parameters or the
/// object it is called on)?
bool EntityCollector::fromInput(const Stmt *E, unsigned Depth) const {
  if (!E || W.Fns.empty() || Depth > 4)
    return false;
  if (isa<CXXThisExpr>(E))
    return true;
  // A fresh id, the next value of a counter of the object's or the
  // program's (`next_id_++`, `++count_`, `seq_.fetch_add(1)`): each is
  // new, so no input chooses it and no lookup asked for it before.
  if (persistentCounter(counterStep(E)))
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
      return P->getDeclContext() == W.Fns.back() ||
             isa<CXXMethodDecl>(P->getDeclContext()); // lambda parameters
    // A key computed into a local first: `auto key = dir + "/" + file;`.
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (V->hasLocalStorage() && V->getInit())
        return fromInput(V->getInit(), Depth + 1);
  }
  for (const Stmt *C : E->children())
    if (fromInput(C, Depth))
      return true;
  return false;
}

/// A lookup of entity \p Id (`items_.find(k)`, `count`, `contains`: the
/// model's `lookup` methods): the call, else nullptr.
const CXXMemberCallExpr *EntityCollector::lookupOf(const Expr *E,
                                                   const std::string &Id) {
  const auto *MCE = dyn_cast_or_null<CXXMemberCallExpr>(E ? strip(E) : nullptr);
  if (!MCE || !MCE->getMethodDecl() || MCE->getNumArgs() == 0)
    return nullptr;
  Target T = W.resolve(MCE->getImplicitObjectArgument());
  if (!isEntity(T, Id) || !T.Model)
    return nullptr;
  auto It = T.Model->Methods.find(MCE->getMethodDecl()->getNameAsString());
  return It != T.Model->Methods.end() && It->second == ContainerEffect::Lookup
             ? MCE
             : nullptr;
}

/// \p Key, or, for a local iterator initialized by a lookup of entity \p Id
/// (`auto it = items_.find(k);`), the key it was looked up by.
const ValueDecl *EntityCollector::foundKey(const ValueDecl *Key,
                                           const std::string &Id) {
  const auto *VD = dyn_cast<VarDecl>(Key);
  if (!VD || !VD->hasLocalStorage() || !VD->getInit())
    return Key;
  // Through the conversion of an iterator to a const_iterator, and before
  // C++17 the elidable copy of that temporary as well.
  const CXXMemberCallExpr *MCE = lookupOf(peelHandover(VD->getInit()), Id);
  const ValueDecl *Looked = MCE ? keyDecl(MCE->getArg(0)) : nullptr;
  return Looked ? Looked : Key;
}

/// The declaration a key or value expression names (`k`, `it`, `req.id`),
/// to tell that two calls use the same one.
const ValueDecl *EntityCollector::keyDecl(const Expr *E) {
  E = strip(E);
  while (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    if (CE->getNumArgs() != 1)
      return nullptr;
    E = strip(CE->getArg(0));
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl();
  return nullptr;
}

/// What a growth adds: configuration (callables, literals, constants) or
/// what the function was given; one element or many at once.
unsigned EntityCollector::growthKind(llvm::ArrayRef<const Expr *> Values,
                                     const ContainerModel *M, bool Element) {
  unsigned Flags = 0;
  bool AllConfig = !Values.empty(), AnyInput = false;
  unsigned Iterators = 0, Pointers = 0, Counts = 0, Containers = 0;
  for (const Expr *V : Values) {
    if (isa<CXXDefaultArgExpr>(V))
      continue;
    AllConfig &= configValue(V, 0);
    AnyInput |= fromInput(V);
    QualType T = strip(V)->getType().getNonReferenceType().getCanonicalType();
    if (T->isPointerType() && !W.callableType(T))
      ++Pointers;
    else if (T->isIntegerType() && !T->isAnyCharacterType()) {
      Expr::EvalResult R;
      if (V->isValueDependent() || !V->EvaluateAsInt(R, W.Ctx))
        ++Counts;
    } else if (W.modelForType(T))
      ++Containers;
    else if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
             RD && hasMethod(RD, "operator++") && hasMethod(RD, "operator*"))
      ++Iterators;
  }
  if (AllConfig)
    Flags |= ValueConfig;
  else if (AnyInput)
    Flags |= ValueFromInput;
  // Many at once: another container, an iterator range, a pointer and a
  // length, or a count that is not a constant.
  if (!Element &&
      (Containers || Iterators >= 2 || Pointers >= 2 || (Pointers && Counts) ||
       Counts))
    Flags |= Bulk;
  (void)M;
  return Flags;
}

/// Configuration rather than input: a callable, a literal, a constant, an
/// enumerator, or a value built only from those.
bool EntityCollector::configValue(const Expr *E, unsigned Depth) {
  E = strip(E);
  if (!E || Depth > 6)
    return false;
  if (W.callableType(E->getType()))
    return true;
  if (isa<StringLiteral>(E) || isa<IntegerLiteral>(E) ||
      isa<FloatingLiteral>(E) || isa<CharacterLiteral>(E) ||
      isa<CXXBoolLiteralExpr>(E) || isa<CXXNullPtrLiteralExpr>(E))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (isa<EnumConstantDecl>(DRE->getDecl()) || isa<FunctionDecl>(DRE->getDecl()))
      return true;
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return VD->getType().isConstQualified() && VD->hasGlobalStorage();
    return false;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    for (const Expr *A : CE->arguments())
      if (!isa<CXXDefaultArgExpr>(A) && !configValue(A, Depth + 1))
        return false;
    return true;
  }
  if (const auto *IL = dyn_cast<InitListExpr>(E)) {
    for (const Expr *A : IL->inits())
      if (!configValue(A, Depth + 1))
        return false;
    return true;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_AddrOf && isa<DeclRefExpr>(strip(UO->getSubExpr())) &&
           isa<FunctionDecl>(cast<DeclRefExpr>(strip(UO->getSubExpr()))->getDecl());
  return false;
}

/// The value of a lookup condition: true when the branch it guards runs only
/// if the key is present (`m.count(k)`, `m.find(k) != m.end()`,
/// `m.contains(k)`), false when only if it is absent, nullopt when the
/// condition says nothing about key \p Key of entity \p Id.
std::optional<bool> EntityCollector::keyTest(const Expr *Cond,
                                             const std::string &Id,
                                             const ValueDecl *Key) {
  Cond = strip(Cond);
  if (!Cond)
    return std::nullopt;
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond); UO && UO->getOpcode() == UO_LNot)
    if (std::optional<bool> R = keyTest(UO->getSubExpr(), Id, Key))
      return !*R;
  auto IsLookup = [&](const Expr *E) {
    const CXXMemberCallExpr *MCE = lookupOf(E, Id);
    return MCE && keyDecl(MCE->getArg(0)) == Key;
  };
  auto IsEnd = [&](const Expr *E) {
    const auto *MCE = dyn_cast<CXXMemberCallExpr>(strip(E));
    if (const auto *CCE = dyn_cast<CXXConstructExpr>(strip(E)); CCE && CCE->getNumArgs() == 1)
      MCE = dyn_cast<CXXMemberCallExpr>(strip(CCE->getArg(0)));
    return MCE && MCE->getMethodDecl() &&
           MCE->getMethodDecl()->getName().ends_with("end") &&
           isEntity(W.resolve(MCE->getImplicitObjectArgument()), Id);
  };
  if (IsLookup(Cond))
    return true; // count(k), contains(k): nonzero when present
  const Expr *L = nullptr, *R = nullptr;
  bool Equal = false;
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond);
      BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    L = BO->getLHS(), R = BO->getRHS(), Equal = BO->getOpcode() == BO_EQ;
  } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(Cond);
             OCE && OCE->getNumArgs() == 2 &&
             (OCE->getOperator() == OO_EqualEqual ||
              OCE->getOperator() == OO_ExclaimEqual)) {
    L = OCE->getArg(0), R = OCE->getArg(1);
    Equal = OCE->getOperator() == OO_EqualEqual;
  }
  if (!L)
    return std::nullopt;
  if ((IsLookup(L) && IsEnd(R)) || (IsLookup(R) && IsEnd(L)))
    return !Equal; // find(k) != end(): present
  auto IsZero = [](const Expr *E) {
    const auto *IL = dyn_cast<IntegerLiteral>(strip(E));
    return IL && IL->getValue() == 0;
  };
  if ((IsLookup(L) && IsZero(R)) || (IsLookup(R) && IsZero(L)))
    return !Equal; // count(k) != 0: present
  return std::nullopt;
}

/// Does \p S assign \p Key a constant (`code = 500;`)? After `if
/// (!m.count(code)) code = 500;` the key is one that is there or that one
/// constant: `m[code]` adds at most one entry.
bool EntityCollector::setsConstant(const Stmt *S, const ValueDecl *Key) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->getOpcode() == BO_Assign && keyDecl(BO->getLHS()) == Key) {
    const Expr *R = strip(BO->getRHS());
    return isa<StringLiteral>(R) ||
           (!R->isValueDependent() && R->isEvaluatable(W.Ctx));
  }
  for (const Stmt *C : S->children())
    if (setsConstant(C, Key))
      return true;
  return false;
}

/// Is key \p Key of entity \p Id known to be present at the top of the
/// statement stack: inside a branch that runs only when it is, or after an
/// early exit taken when it is not?
bool EntityCollector::keyPresent(const std::string &Id, const ValueDecl *Key) {
  if (!Key)
    return false;
  const auto &Stmts = W.Stmts;
  for (size_t I = Stmts.size(); I-- > 1;) {
    const Stmt *Child = Stmts[I], *Parent = Stmts[I - 1];
    if (isa<LambdaExpr>(Parent))
      break;
    if (const auto *If = dyn_cast<IfStmt>(Parent)) {
      std::optional<bool> T = keyTest(If->getCond(), Id, Key);
      if (T && ((Child == If->getThen() && *T) ||
                (Child == If->getElse() && !*T)))
        return true;
    }
    if (const auto *CS = dyn_cast<CompoundStmt>(Parent))
      for (const Stmt *Before : CS->body()) {
        if (Before == Child)
          break;
        if (const auto *If = dyn_cast<IfStmt>(Before))
          if (std::optional<bool> T = keyTest(If->getCond(), Id, Key);
              T && !*T &&
              (exits(If->getThen()) || setsConstant(If->getThen(), Key)))
            return true;
      }
  }
  return false;
}

//===-- Where a growth happens --------------------------------------------===//

/// Flags for an event at the top of the statement stack. With \p GrowthOf
/// set, also looks for a size check on the path that bounds that entity.
unsigned EntityCollector::siteFlags(const std::string &GrowthOf,
                                    std::vector<std::string> *GuardCalls) {
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
  if (GrowthOf.empty())
    return Flags;
  bool AnyLoop = false, AllConstant = true;
  const auto &Stmts = W.Stmts;
  for (size_t I = Stmts.size(); I-- > 1;) {
    const Stmt *Child = Stmts[I], *Parent = Stmts[I - 1];
    if (isa<LambdaExpr>(Parent))
      break;
    if (const Stmt *Body = loopBody(Parent); Body && Body == Child) {
      AnyLoop = true;
      AllConstant &= W.constantTripCount(Parent);
      if (WalkContext::untilLoop(Parent))
        Flags |= UntilLoop;
      if (const Expr *Cond = loopCondition(Parent))
        if (readsSize(Cond, GrowthOf, 0))
          Flags |= SizeGuarded;
    }
    if (const auto *If = dyn_cast<IfStmt>(Parent))
      if (Child == If->getThen() || Child == If->getElse()) {
        if (readsSize(If->getCond(), GrowthOf, 0) ||
            backpressure(If->getCond(), 0))
          Flags |= SizeGuarded;
        else if (GuardCalls)
          W.userCalls(If->getCond(), *GuardCalls);
      }
    if (const auto *CO = dyn_cast<ConditionalOperator>(Parent))
      if (Child != CO->getCond() && readsSize(CO->getCond(), GrowthOf, 0))
        Flags |= SizeGuarded;
    if (const auto *CS = dyn_cast<CompoundStmt>(Parent)) {
      bool After = false;
      for (const Stmt *S : CS->body()) {
        if (S == Child) {
          After = true;
          continue;
        }
        if (After) {
          // `buf_.push_back(x); if (buf_.size() >= kBatch) flush(buf_);`:
          // a batch, emptied whenever it reaches its size.
          if (flushesAtSize(S, GrowthOf))
            Flags |= SizeGuarded;
          continue;
        }
        if (boundsLater(S, GrowthOf))
          Flags |= SizeGuarded;
        else if (const auto *If = dyn_cast<IfStmt>(S);
                 If && GuardCalls &&
                 (exits(If->getThen()) || exits(If->getElse())))
          W.userCalls(If->getCond(), *GuardCalls);
      }
    }
  }
  if (AnyLoop)
    Flags |= InLoop;
  if (AnyLoop && AllConstant)
    Flags |= ConstantLoop;
  if (W.runOnce())
    Flags |= RunOnce;
  return Flags;
}

/// The conditional statements around the top of the statement stack,
/// outermost first, up to the function or lambda boundary.
std::vector<Scope> EntityCollector::scopes(const std::string &Id) {
  return W.scopes(/*BranchesOnly=*/false,
                  [&](const Expr *Cond) { return readsSize(Cond, Id, 0); });
}

/// An earlier statement that bounds what follows: a size check that drops
/// (returns, throws, breaks), a loop on the size (wait or evict until there
/// is room), or a wait whose predicate reads the size.
bool EntityCollector::boundsLater(const Stmt *S, const std::string &Id) {
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    bool Drops = exits(If->getThen()) || exits(If->getElse());
    if (readsSize(If->getCond(), Id, 0) &&
        (Drops || evicts(If->getThen(), Id) || evicts(If->getElse(), Id)))
      return true;
    // `if (!slots_.try_acquire()) return false;`
    if (Drops && backpressure(If->getCond(), 0))
      return true;
  }
  // `slots_.acquire();` waits for room.
  if (backpressure(S, 0))
    return true;
  // `wait_for_room(lk);`: a helper that waits (or loops) on the size.
  if (helperBlocksOnSize(S, Id, 0))
    return true;
  if (const Expr *Cond = loopCondition(S))
    return readsSize(Cond, Id, 0);
  return waitsOnSize(S, Id);
}

bool EntityCollector::flushesAtSize(const Stmt *S, const std::string &Id) {
  const auto *If = dyn_cast<IfStmt>(S);
  if (!If || !readsSize(If->getCond(), Id, 0))
    return false;
  // Emptied there, or handed whole to a call that may empty it: by
  // pointer or reference to non-const (`conn_->send(&buffer_)`); a const
  // one only reads it (`warn(batch_)`, a size check that only logs).
  std::function<bool(const Stmt *)> HandsOver = [&](const Stmt *N) {
    if (!N || isa<LambdaExpr>(N))
      return false;
    if (const auto *CE = dyn_cast<CallExpr>(N))
      for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (!Callee || I >= Callee->getNumParams())
          continue;
        QualType PT = Callee->getParamDecl(I)->getType();
        if (!(PT->isPointerType() || PT->isLValueReferenceType()) ||
            PT->getPointeeType().isConstQualified())
          continue;
        const Expr *Arg = strip(CE->getArg(I));
        if (const auto *UO = dyn_cast<UnaryOperator>(Arg);
            UO && UO->getOpcode() == UO_AddrOf)
          Arg = strip(UO->getSubExpr());
        if (Target T = W.resolve(Arg); isEntity(T, Id) && !T.Element)
          return true;
      }
    for (const Stmt *C : N->children())
      if (HandsOver(C))
        return true;
    return false;
  };
  return evicts(If->getThen(), Id) || HandsOver(If->getThen());
}

bool EntityCollector::helperBlocksOnSize(const Stmt *S, const std::string &Id,
                                         unsigned Depth) {
  if (!S || isa<LambdaExpr>(S) || Depth > 1)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = CE->getDirectCallee())
      if (!W.inSystemHeader(Callee->getLocation()))
        if (const FunctionDecl *Def = Callee->getDefinition())
          if (const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody()))
            for (const Stmt *Inner : Body->body()) {
              if (waitsOnSize(Inner, Id))
                return true;
              if (const Expr *Cond = loopCondition(Inner))
                if (readsSize(Cond, Id, 0))
                  return true;
              if (helperBlocksOnSize(Inner, Id, Depth + 1))
                return true;
            }
  for (const Stmt *C : S->children())
    if (helperBlocksOnSize(C, Id, Depth))
      return true;
  return false;
}

bool EntityCollector::waitsOnSize(const Stmt *S, const std::string &Id) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    for (const Expr *A : CE->arguments())
      if (const auto *L = dyn_cast<LambdaExpr>(strip(A)))
        if (readsSize(L->getBody(), Id, 0))
          return true;
  for (const Stmt *C : S->children())
    if (waitsOnSize(C, Id))
      return true;
  return false;
}

/// Calls something the packs say waits for room or fails when a capacity is
/// used up (a semaphore's acquire), directly or in a helper it calls.
bool EntityCollector::backpressure(const Stmt *S, unsigned Depth) {
  if (!S || isa<LambdaExpr>(S) || W.Rules.Backpressure.empty())
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = CE->getDirectCallee()) {
      if (findFirst(W.Rules.Backpressure, qualifiedName(Callee)))
        return true;
      if (Depth < 2 && !W.inSystemHeader(Callee->getLocation()))
        if (const FunctionDecl *Def = Callee->getDefinition())
          if (Def->hasBody() && backpressure(Def->getBody(), Depth + 1))
            return true;
    }
  for (const Stmt *C : S->children())
    if (backpressure(C, Depth))
      return true;
  return false;
}

/// Removes from the container (drop-oldest when full).
bool EntityCollector::evicts(const Stmt *S, const std::string &Id) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S))
    if (Target T = W.resolve(MCE->getImplicitObjectArgument());
        isEntity(T, Id) && T.Model) {
      auto It = T.Model->Methods.find(MCE->getMethodDecl()->getNameAsString());
      if (It != T.Model->Methods.end() &&
          (It->second == ContainerEffect::Pop ||
           It->second == ContainerEffect::Erase ||
           It->second == ContainerEffect::Clear))
        return true;
    }
  for (const Stmt *C : S->children())
    if (evicts(C, Id))
      return true;
  return false;
}

/// Does \p S read the size of entity \p Id, directly or through a function
/// it calls (`if (full()) return;`)?
bool EntityCollector::readsSize(const Stmt *S, const std::string &Id,
                                unsigned Depth) {
  if (!S)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
      if (Target T = W.resolve(MCE->getImplicitObjectArgument());
          isEntity(T, Id) && T.Model) {
        auto It =
            T.Model->Methods.find(MCE->getMethodDecl()->getNameAsString());
        if (It != T.Model->Methods.end() && It->second == ContainerEffect::Size)
          return true;
      }
    } else if (Callee) {
      std::string Name = qualifiedName(Callee);
      for (const ContainerFunction &CF : W.Rules.ContainerFunctions)
        if (CF.Effect == ContainerEffect::Size && CF.Name.matches(Name))
          for (unsigned A : CF.Args)
            if (A < CE->getNumArgs() && isEntity(W.resolve(CE->getArg(A)), Id))
              return true;
    }
    if (Callee && Depth < 2 && !W.inSystemHeader(Callee->getLocation()))
      if (const FunctionDecl *Def = Callee->getDefinition())
        if (Def->hasBody()) {
          auto Key = std::make_pair(Def, Id);
          auto It = SizeReaders.find(Key);
          if (It != SizeReaders.end()) {
            if (It->second)
              return true;
          } else {
            SizeReaders[Key] = false; // cuts recursion
            bool R = readsSize(Def->getBody(), Id, Depth + 1);
            SizeReaders[Key] = R;
            if (R)
              return true;
          }
        }
  }
  for (const Stmt *C : S->children())
    if (readsSize(C, Id, Depth))
      return true;
  return false;
}

} // namespace facts
} // namespace memlint
