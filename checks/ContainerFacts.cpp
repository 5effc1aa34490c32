//===- ContainerFacts.cpp - per-TU facts about long-lived containers ------===//
//
// One walk over the user code of a translation unit (system headers are
// skipped) that records, for every long-lived container it touches, how it is
// touched: grown, erased, popped, cleared, looked up, handed to a helper,
// escaped. Where a growth happens is recorded too (constructor, size-guarded,
// constant loop), and where instances of each class live. The verdicts in
// Verdicts.cpp read only these facts.
//
//===----------------------------------------------------------------------===//
#include "ContainerFacts.h"

#include "ASTUtil.h"
#include "memlint/RuleSet.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"

#include <functional>
#include <map>

using namespace clang;

namespace memlint {
namespace {

class Collector : public RecursiveASTVisitor<Collector> {
  using Base = RecursiveASTVisitor<Collector>;

public:
  Collector(ASTContext &Ctx, const RuleSet &Rules, Facts &Out)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Rules(Rules), Out(Out),
        Locs(SM) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) && inSystemHeader(D->getLocation()))
      return true;
    auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD)
      return Base::TraverseDecl(D);
    Fns.push_back(FD);
    std::vector<const Stmt *> Saved;
    Saved.swap(Stmts);
    bool Result = Base::TraverseDecl(D);
    Stmts.swap(Saved);
    Fns.pop_back();
    return Result;
  }

  bool dataTraverseStmtPre(Stmt *S) {
    Stmts.push_back(S);
    return true;
  }
  bool dataTraverseStmtPost(Stmt *S) {
    if (!Stmts.empty())
      Stmts.pop_back();
    return true;
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() || FD->isDefaulted() ||
        FD->isDeleted()) {
      std::string Id = stableId(patternOf(FD));
      Out.DefinedFunctions.insert(Id);
      Out.FunctionNames.emplace(Id, functionName(FD));
    }
    return true;
  }

  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (!RD->hasDefinition() || RD != RD->getDefinition())
      return true;
    std::string Owner = stableId(patternOf(RD));
    // A base is a subobject; its template arguments are not (CRTP bases such
    // as RecursiveASTVisitor<Derived> name the derived class).
    for (const CXXBaseSpecifier &B : RD->bases())
      addInstances(B.getType(), InstanceKind::MemberOf, Owner,
                   /*Depth=*/0, /*TemplateArgs=*/false);
    if (!RD->isDependentContext() && !RD->isLambda())
      ownershipEdges(RD);
    return true;
  }

  bool VisitFieldDecl(FieldDecl *FD) {
    if (const auto *RD = dyn_cast<CXXRecordDecl>(FD->getParent()))
      addInstances(FD->getType(), InstanceKind::MemberOf,
                   stableId(patternOf(RD)));
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (auto *PVD = dyn_cast<ParmVarDecl>(VD)) {
      addInstances(PVD->getType(), InstanceKind::Local, "");
      return true;
    }
    QualType T = VD->getType();
    if (VD->hasLocalStorage() && (T->isReferenceType() || T->isPointerType())) {
      if (const Expr *Init = VD->getInit()) {
        // `auto &v = items_;` and `Sink *s = &items_;` alias the container.
        if (const ValueDecl *Target = resolve(Init)) {
          Aliases[VD] = Target;
          markHandled(Init);
        }
      }
      return true;
    }
    if (!VD->hasLocalStorage() && isNonConstRefOrPtr(T)) {
      if (const Expr *Init = VD->getInit())
        if (const ValueDecl *Target = resolve(Init)) {
          // A long-lived reference or pointer to it: anyone may change it.
          markHandled(Init);
          record(Target, EventKind::Escape, Init->getBeginLoc());
        }
      return true;
    }
    addInstances(T, instanceKindOf(VD), "");
    return true;
  }

  // Lazily filled memo slots are recognized after their parts were visited
  // (pre-order visits a declaration before its initializer).
  bool TraverseVarDecl(VarDecl *VD) {
    if (!Base::TraverseVarDecl(VD))
      return false;
    // `auto &slot = cache_[key];` then `if (slot.empty()) slot = ...`.
    if (VD->hasLocalStorage() && VD->getType()->isReferenceType() &&
        VD->getInit())
      if (const auto *CE = dyn_cast<CallExpr>(strip(VD->getInit()))) {
        auto It = Subscripts.find(CE);
        if (It != Subscripts.end())
          LazySlots[VD] = It->second;
      }
    return true;
  }

  bool TraverseIfStmt(IfStmt *If, DataRecursionQueue * = nullptr) {
    // No queue: the children are traversed now, so their events exist when
    // the condition is inspected below.
    if (!Base::TraverseIfStmt(If, nullptr))
      return false;
    // `if (slot.empty())` on a slot, or `if (memo[n] == 0) memo[n] = ...`.
    if (const Expr *Cond = If->getCond())
      markLazySlotTests(Cond);
    return true;
  }

  void markLazySlotTests(const Stmt *S) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
        auto It = LazySlots.find(VD);
        if (It != LazySlots.end())
          Out.Events[It->second].Flags |= MemoFill;
      }
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      auto It = Subscripts.find(CE);
      if (It != Subscripts.end())
        Out.Events[It->second].Flags |= MemoFill;
    }
    for (const Stmt *C : S->children())
      if (C && !isa<LambdaExpr>(C))
        markLazySlotTests(C);
  }

  bool VisitCXXNewExpr(CXXNewExpr *NE) {
    addInstances(NE->getAllocatedType(), InstanceKind::Heap, "");
    return true;
  }

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    const Expr *Object = nullptr;
    unsigned FirstArg = 0;
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
    if (auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
      Object = MCE->getImplicitObjectArgument();
    } else if (auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE)) {
      if (Method && !Method->isStatic() && OCE->getNumArgs() > 0) {
        Object = OCE->getArg(0);
        FirstArg = 1;
      }
    }
    llvm::SmallVector<bool, 8> Done(CE->getNumArgs(), false);
    if (Object && Method)
      containerMethodCall(CE, Method, Object, Done);
    if (Method)
      callbackStore(CE);

    if (Callee && !Method)
      containerFunctionCall(CE, Callee, Done);
    heapFactory(CE, Callee);

    const FunctionProtoType *Proto = nullptr;
    if (!Callee)
      if (const auto *PT = CE->getCallee()->getType()->getPointeeOrArrayElementType())
        Proto = PT->getAs<FunctionProtoType>();
    for (unsigned I = FirstArg; I < CE->getNumArgs(); ++I) {
      if (Done[I])
        continue;
      unsigned ParamIndex = I - FirstArg;
      QualType PT;
      if (Callee && ParamIndex < Callee->getNumParams())
        PT = Callee->getParamDecl(ParamIndex)->getType();
      else if (Proto && ParamIndex < Proto->getNumParams())
        PT = Proto->getParamType(ParamIndex);
      passArgument(CE->getArg(I), PT, Callee, ParamIndex, CE->getBeginLoc());
    }
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (!Ctor || Ctor->isCopyOrMoveConstructor())
      return true;
    for (unsigned I = 0; I < CE->getNumArgs() && I < Ctor->getNumParams(); ++I)
      passArgument(CE->getArg(I), Ctor->getParamDecl(I)->getType(), Ctor, I,
                   CE->getBeginLoc());
    return true;
  }

  bool VisitReturnStmt(ReturnStmt *RS) {
    const Expr *V = RS->getRetValue();
    if (!V || Fns.empty() || insideLambda())
      return true;
    if (!isNonConstRefOrPtr(Fns.back()->getReturnType()))
      return true;
    if (const ValueDecl *Target = resolve(V)) {
      markHandled(V);
      record(Target, EventKind::Escape, RS->getBeginLoc());
    }
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->getOpcode() != UO_AddrOf || Handled.count(UO))
      return true;
    // Its address is taken and kept somewhere we do not follow.
    if (const ValueDecl *Target = resolve(UO->getSubExpr()))
      record(Target, EventKind::Escape, UO->getBeginLoc());
    return true;
  }

private:
  enum class PointerKind { None, Shared, Weak, Unique };

  ASTContext &Ctx;
  SourceManager &SM;
  const RuleSet &Rules;
  Facts &Out;
  LocMaker Locs;

  std::vector<const FunctionDecl *> Fns;
  std::vector<const Stmt *> Stmts; // path from the function body down
  llvm::DenseMap<const VarDecl *, const ValueDecl *> Aliases;
  llvm::DenseSet<const Expr *> Handled; // address-ofs already accounted for
  // std::map: entityId() hands out references that must survive later
  // insertions (a DenseMap would move them when it grows).
  std::map<const ValueDecl *, std::string> EntityIds;
  llvm::DenseMap<const CXXRecordDecl *, const ContainerModel *> Models;
  llvm::DenseMap<const CXXRecordDecl *, PointerKind> PointerKinds;
  std::map<std::pair<const FunctionDecl *, std::string>, bool> SizeReaders;
  /// `map[key]` growths by call, and references bound to such slots.
  llvm::DenseMap<const Expr *, int> Subscripts;
  llvm::DenseMap<const VarDecl *, int> LazySlots;

  bool inSystemHeader(SourceLocation L) const {
    return L.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(L));
  }

  void markHandled(const Expr *E) {
    E = strip(E);
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      if (UO->getOpcode() == UO_AddrOf)
        Handled.insert(UO);
  }

  //===-- Naming ----------------------------------------------------------===//

  std::string functionName(const FunctionDecl *FD) const {
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      return recordPath(MD->getParent()) + "::" + MD->getNameAsString();
    return FD->getNameAsString();
  }

  //===-- Container types -------------------------------------------------===//

  const ContainerModel *modelFor(const CXXRecordDecl *RD,
                                 const TemplateArgumentList **Args = nullptr) {
    if (!RD)
      return nullptr;
    RD = RD->getDefinition() ? RD->getDefinition() : RD;
    if (Args)
      *Args = nullptr;
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
      Models[RD] = M;
    }
    if (M && Args)
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
        *Args = &Spec->getTemplateArgs();
    return M;
  }

  const ContainerModel *modelForType(QualType T,
                                     const TemplateArgumentList **Args = nullptr) {
    return modelFor(T.getCanonicalType()->getAsCXXRecordDecl(), Args);
  }

  //===-- Entities --------------------------------------------------------===//

  /// The container an expression designates or points to, if any.
  const ValueDecl *resolve(const Expr *E) {
    E = strip(E);
    if (!E)
      return nullptr;
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      const ValueDecl *M = ME->getMemberDecl();
      if (isa<FieldDecl>(M) || isa<VarDecl>(M))
        return M;
      return nullptr;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (!VD)
        return nullptr;
      auto It = Aliases.find(VD);
      if (It != Aliases.end())
        return It->second;
      if (isa<ParmVarDecl>(VD) || VD->hasGlobalStorage())
        return VD;
      return nullptr;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref)
        return resolve(UO->getSubExpr());
    return nullptr;
  }

  InstanceKind instanceKindOf(const VarDecl *VD) const {
    if (!VD->hasLocalStorage())
      return InstanceKind::Static;
    // A local of main() lives as long as the program does.
    const auto *Fn = dyn_cast<FunctionDecl>(VD->getDeclContext());
    if (Fn && Fn->isMain())
      return InstanceKind::Static;
    return InstanceKind::Local;
  }

  /// The entity id of a long-lived container (or helper parameter), creating
  /// the entity on first sight; "" when the declaration is not one.
  const std::string &entityId(const ValueDecl *D) {
    auto It = EntityIds.find(D);
    if (It != EntityIds.end())
      return It->second;
    std::string &Id = EntityIds[D];
    Entity E;
    if (!makeEntity(D, E))
      return Id;
    Id = E.Id;
    Out.Entities.emplace(E.Id, std::move(E));
    return Id;
  }

  bool makeEntity(const ValueDecl *D, Entity &E) {
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
      E.Id = stableId(patternOf(Fn)) + "#" +
             std::to_string(PVD->getFunctionScopeIndex());
      E.Name = PVD->getNameAsString();
      E.AlwaysClosed = true;
    } else if (const auto *FD = dyn_cast<FieldDecl>(D)) {
      if (T->isReferenceType() || T->isPointerType())
        return false;
      const auto *Parent = cast<CXXRecordDecl>(cast<FieldDecl>(P)->getParent());
      E.Kind = EntityKind::Field;
      E.OwnerClass = stableId(patternOf(Parent));
      E.OwnerName = recordPath(Parent);
      E.Name = E.OwnerName + "::" + FD->getNameAsString();
      closedWorldForMember(cast<FieldDecl>(P), Parent, E);
      E.Concurrent = synchronizes(cast<CXXRecordDecl>(FD->getParent()));
    } else if (const auto *VD = dyn_cast<VarDecl>(D)) {
      if (T->isReferenceType() || T->isPointerType())
        return false;
      if (VD->isStaticDataMember()) {
        const auto *Parent = cast<CXXRecordDecl>(VD->getDeclContext());
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
    const TemplateArgumentList *Args = nullptr;
    const ContainerModel *M = modelForType(T, &Args);
    if (!M || boundedType(T))
      return false;
    E.Container = M->Id;
    E.Contiguous = M->Contiguous;
    if (M->Associative && Args && M->KeyArg >= 0 &&
        static_cast<unsigned>(M->KeyArg) < Args->size()) {
      const TemplateArgument &Key = Args->get(M->KeyArg);
      if (Key.getKind() == TemplateArgument::Type) {
        QualType K = Key.getAsType().getCanonicalType();
        E.FiniteKey = K->isEnumeralType() || K->isBooleanType();
        E.PinsKeys = K->isPointerType() || isPointerLike(K);
      }
    }
    E.Decl = Locs.make(P->getLocation());
    return true;
  }

  /// Who can reach a class member: its own member functions, those of nested
  /// classes, and friends. Public (and non-final protected) members of a
  /// class other TUs can see are open to anyone.
  void closedWorldForMember(const ValueDecl *Member, const CXXRecordDecl *RD,
                            Entity &E) {
    if (RD->isInAnonymousNamespace() || RD->isLocalClass() ||
        SM.isInMainFile(SM.getExpansionLoc(RD->getLocation()))) {
      E.AlwaysClosed = true;
      return;
    }
    AccessSpecifier AS = Member->getAccess();
    if (AS == AS_public || (AS == AS_protected && !RD->hasAttr<FinalAttr>())) {
      E.OpenAccess = true;
      return;
    }
    std::set<std::string> Reachers;
    std::set<const CXXRecordDecl *> Visited;
    if (!collectReachers(RD, Reachers, Visited)) {
      E.OpenAccess = true;
      return;
    }
    E.Reachers.assign(Reachers.begin(), Reachers.end());
  }

  bool collectReachers(const CXXRecordDecl *RD, std::set<std::string> &Out,
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
        if (!FD->isPureVirtual())
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

  /// A type the packs say bounds itself (an LRU cache, a ring buffer), or a
  /// class derived from one.
  bool boundedType(QualType T) {
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

  //===-- Ownership (shared-ptr-cycle) ------------------------------------===//

  /// Smart pointers are recognized by shape, not by name, so boost's and
  /// other libraries' work too: weak ones can lock() and tell expired();
  /// owning ones have operator->, shared ones count their owners.
  PointerKind pointerKind(const CXXRecordDecl *RD) {
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

  bool isPointerLike(QualType T) {
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    return RD && (pointerKind(RD) != PointerKind::None ||
                  hasMethod(RD, "operator->"));
  }

  static QualType firstTypeArg(const CXXRecordDecl *RD) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
        if (A.getKind() == TemplateArgument::Type)
          return A.getAsType();
    return QualType();
  }

  std::string recordName(const CXXRecordDecl *RD) const {
    if (isa<ClassTemplateSpecializationDecl>(RD)) {
      PrintingPolicy P(Ctx.getLangOpts());
      P.SuppressScope = true;
      return Ctx.getRecordType(RD).getAsString(P);
    }
    return recordPath(RD);
  }

  void ownershipEdges(const CXXRecordDecl *RD) {
    for (const CXXBaseSpecifier &B : RD->bases())
      if (const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl()) {
        if (inSystemHeader(Base->getLocation()))
          continue;
        Out.Subclasses.push_back({stableId(RD), stableId(Base)});
        addEdge(RD, Base, "", OwnKind::Value, false, B.getBeginLoc());
      }
    for (const FieldDecl *FD : RD->fields())
      ownedBy(RD, FD, FD->getType(), OwnKind::Value, false, 0);
  }

  /// What a field of type \p T makes \p Owner own.
  void ownedBy(const CXXRecordDecl *Owner, const FieldDecl *FD, QualType T,
               OwnKind Kind, bool Many, unsigned Depth) {
    if (T.isNull() || Depth > 6)
      return;
    T = T.getCanonicalType();
    if (T->isReferenceType() || T->isPointerType())
      return;
    if (const ArrayType *AT = Ctx.getAsArrayType(T))
      return ownedBy(Owner, FD, AT->getElementType(), Kind, true, Depth + 1);
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD)
      return;
    switch (pointerKind(RD)) {
    case PointerKind::Weak:
      return;
    case PointerKind::Shared:
      return ownedBy(Owner, FD, firstTypeArg(RD), OwnKind::Shared, Many,
                     Depth + 1);
    case PointerKind::Unique:
      return ownedBy(Owner, FD, firstTypeArg(RD),
                     Kind == OwnKind::Shared ? Kind : OwnKind::Unique, Many,
                     Depth + 1);
    case PointerKind::None:
      break;
    }
    if (!inSystemHeader(RD->getLocation())) {
      addEdge(Owner, RD, FD->getNameAsString(), Kind, Many, FD->getLocation());
      return;
    }
    // A library template (container, optional, variant, pair): it owns its
    // type arguments; a container owns many.
    bool Container = Rules.findContainer(qualifiedName(RD)) != nullptr;
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

  void addEdge(const CXXRecordDecl *From, const CXXRecordDecl *To,
               const std::string &Field, OwnKind Kind, bool Many,
               SourceLocation At) {
    if (!To || inSystemHeader(To->getLocation()))
      return;
    OwnEdge E;
    E.From = stableId(From);
    E.To = stableId(To);
    E.FromName = recordName(From);
    E.ToName = recordName(To);
    E.Field = Field;
    E.Kind = Kind;
    E.Collection = Many;
    E.At = Locs.make(At);
    Out.Edges.push_back(std::move(E));
  }

  /// `cb_ = [self = shared_from_this()] { ... }`: the object whose field
  /// stores the callback owns whatever the lambda captured by shared
  /// ownership.
  void callbackStore(const CallExpr *CE) {
    // `cb_ = lambda` or `handlers_.push_back(lambda)` into a callable field.
    const FieldDecl *FD = nullptr;
    const Expr *Value = nullptr;
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE);
        OCE && OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2) {
      FD = callableField(OCE->getArg(0));
      Value = OCE->getArg(1);
      if (FD && isNull(strip(Value))) {
        // `on_fire_ = nullptr;`: the callback is let go once it has run.
        OwnEdge Reset;
        Reset.From = stableId(cast<CXXRecordDecl>(FD->getParent()));
        Reset.Field = FD->getNameAsString();
        Reset.Kind = OwnKind::Callback;
        Reset.At = Locs.make(OCE->getBeginLoc());
        Out.Edges.push_back(std::move(Reset)); // To == "": a reset
        return;
      }
    } else if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE);
               MCE && MCE->getNumArgs() > 0) {
      if (const FieldDecl *Field = callableField(MCE->getImplicitObjectArgument()))
        if (const ContainerModel *M = modelForType(Field->getType())) {
          auto It = M->Methods.find(MCE->getMethodDecl()->getNameAsString());
          if (It != M->Methods.end() && It->second == ContainerEffect::Grow) {
            FD = Field;
            Value = MCE->getArg(MCE->getNumArgs() - 1);
          }
        }
    }
    if (FD && Value)
      if (const LambdaExpr *L = findLambda(Value, 0))
        callbackEdges(cast<CXXRecordDecl>(FD->getParent()), FD, L,
                      CE->getBeginLoc());
    // `socket_->set_on_read(lambda)` where the setter stores its parameter.
    if (const FunctionDecl *Callee = CE->getDirectCallee())
      for (unsigned I = 0; I < CE->getNumArgs(); ++I)
        if (const LambdaExpr *L = findLambda(CE->getArg(I), 0))
          if (const FieldDecl *Stored = storedParam(Callee, I))
            callbackEdges(cast<CXXRecordDecl>(Stored->getParent()), Stored, L,
                          CE->getBeginLoc());
  }

  static bool isNull(const Expr *E) {
    return isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E) ||
           isEmptyBraces(E) ||
           (isa<CXXConstructExpr>(E) && cast<CXXConstructExpr>(E)->getNumArgs() == 0);
  }

  /// The field an expression names if it stores callbacks (a callable, or
  /// a container of them).
  const FieldDecl *callableField(const Expr *E) {
    const auto *ME = dyn_cast_or_null<MemberExpr>(strip(E));
    const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (!FD)
      return nullptr;
    QualType T = FD->getType();
    if (isCallableWrapper(T))
      return FD;
    if (modelForType(T))
      if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
              T.getCanonicalType()->getAsCXXRecordDecl()))
        for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
          if (A.getKind() == TemplateArgument::Type &&
              isCallableWrapper(A.getAsType()))
            return FD;
    return nullptr;
  }

  /// A setter: the field of its class into which \p Callee stores its
  /// parameter \p Index (`cb_ = std::move(cb);`, `handlers_.push_back(h);`).
  const FieldDecl *storedParam(const FunctionDecl *Callee, unsigned Index) {
    const FunctionDecl *Def = Callee->getDefinition();
    if (!Def || !Def->hasBody() || Index >= Def->getNumParams() ||
        inSystemHeader(Def->getLocation()))
      return nullptr;
    const ParmVarDecl *P = Def->getParamDecl(Index);
    const FieldDecl *Found = nullptr;
    std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
      if (!S || Found)
        return;
      const FieldDecl *FD = nullptr;
      const Expr *Value = nullptr;
      if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(S);
          OCE && OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2) {
        FD = callableField(OCE->getArg(0));
        Value = OCE->getArg(1);
      } else if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S);
                 MCE && MCE->getNumArgs() > 0) {
        FD = callableField(MCE->getImplicitObjectArgument());
        Value = MCE->getArg(MCE->getNumArgs() - 1);
      }
      if (FD && Value && mentionsDecl(Value, P)) {
        Found = FD;
        return;
      }
      for (const Stmt *C : S->children())
        Walk(C);
    };
    Walk(Def->getBody());
    return Found;
  }

  static bool mentionsDecl(const Stmt *S, const ValueDecl *D) {
    if (!S)
      return false;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (DRE->getDecl() == D)
        return true;
    for (const Stmt *C : S->children())
      if (mentionsDecl(C, D))
        return true;
    return false;
  }

  void callbackEdges(const CXXRecordDecl *Holder, const FieldDecl *FD,
                     const LambdaExpr *L, SourceLocation At) {
    for (const LambdaCapture &C : L->captures()) {
      if (!C.capturesVariable() || C.getCaptureKind() != LCK_ByCopy)
        continue;
      const auto *V = dyn_cast<VarDecl>(C.getCapturedVar());
      const CXXRecordDecl *RD =
          V ? V->getType().getCanonicalType()->getAsCXXRecordDecl() : nullptr;
      if (!RD || pointerKind(RD) != PointerKind::Shared)
        continue;
      QualType Target = firstTypeArg(RD);
      if (!Target.isNull())
        addEdge(Holder, Target->getAsCXXRecordDecl(), FD->getNameAsString(),
                OwnKind::Callback, false, At);
    }
  }

  /// A type-erased callable: a class template over a function type
  /// (std::function, boost::function, absl::AnyInvocable, ...).
  static bool isCallableWrapper(QualType T) {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T.getCanonicalType()->getAsCXXRecordDecl());
    if (!Spec || Spec->getTemplateArgs().size() == 0)
      return false;
    const TemplateArgument &A = Spec->getTemplateArgs()[0];
    return A.getKind() == TemplateArgument::Type &&
           A.getAsType()->isFunctionProtoType();
  }

  static const LambdaExpr *findLambda(const Stmt *S, unsigned Depth) {
    if (!S || Depth > 6)
      return nullptr;
    if (const auto *L = dyn_cast<LambdaExpr>(S))
      return L;
    for (const Stmt *C : S->children())
      if (const LambdaExpr *L = findLambda(C, Depth + 1))
        return L;
    return nullptr;
  }

  //===-- Instances -------------------------------------------------------===//

  /// Records where instances of the user classes in \p T live: the class
  /// itself, array elements and template arguments (`vector<Session>`,
  /// `unique_ptr<Cache>`). References and pointers own nothing.
  void addInstances(QualType T, InstanceKind Kind, const std::string &Owner,
                    unsigned Depth = 0, bool TemplateArgs = true) {
    if (T.isNull() || Depth > 8)
      return;
    T = T.getCanonicalType();
    if (T->isReferenceType() || T->isPointerType())
      return;
    if (const ArrayType *AT = Ctx.getAsArrayType(T))
      return addInstances(AT->getElementType(), Kind, Owner, Depth + 1);
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD)
      return;
    if (!inSystemHeader(RD->getLocation()))
      Out.Instances.push_back({stableId(patternOf(RD)), Kind, Owner});
    if (!TemplateArgs)
      return;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
        if (A.getKind() == TemplateArgument::Type)
          addInstances(A.getAsType(), Kind, Owner, Depth + 1);
  }

  /// `make_shared<Cache>(...)` and friends: a function template called with
  /// an explicit class argument that returns a class owning that type.
  void heapFactory(const CallExpr *CE, const FunctionDecl *Callee) {
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
          Ctx.hasSameType(A.getAsType(), Made))
        return addInstances(Made, InstanceKind::Heap, "");
  }

  //===-- Events ----------------------------------------------------------===//

  std::string currentFunction() const {
    return Fns.empty() ? std::string() : stableId(patternOf(Fns.back()));
  }

  bool insideLambda() const {
    for (const Stmt *S : Stmts)
      if (isa<LambdaExpr>(S))
        return true;
    return false;
  }

  /// Records an event on \p D; returns its index in Out.Events, or -1.
  int record(const ValueDecl *D, EventKind K, SourceLocation At,
             unsigned ExtraFlags = 0) {
    const std::string &Id = entityId(D);
    if (Id.empty())
      return -1;
    Event E;
    E.Entity = Id;
    E.Kind = K;
    E.At = Locs.make(At);
    E.Function = currentFunction();
    E.Flags = siteFlags(K == EventKind::Grow ? Id : std::string(),
                        K == EventKind::Grow ? &E.GuardCalls : nullptr) |
              ExtraFlags;
    if (K != EventKind::Grow)
      E.Scopes = scopes(Id);
    Out.Events.push_back(std::move(E));
    return static_cast<int>(Out.Events.size() - 1);
  }

  /// The conditional statements around the top of the statement stack,
  /// outermost first, up to the function or lambda boundary.
  std::vector<Scope> scopes(const std::string &Id) {
    std::vector<Scope> Out;
    for (size_t I = 1; I < Stmts.size(); ++I) {
      const Stmt *Parent = Stmts[I - 1], *Child = Stmts[I];
      if (isa<LambdaExpr>(Parent)) {
        Out.clear();
        continue;
      }
      const Expr *Cond = nullptr;
      bool Conditional = false;
      if (const auto *If = dyn_cast<IfStmt>(Parent)) {
        Conditional = Child == If->getThen() || Child == If->getElse();
        Cond = If->getCond();
      } else if (const auto *Sw = dyn_cast<SwitchStmt>(Parent)) {
        Conditional = Child == Sw->getBody();
        Cond = Sw->getCond();
      } else if (const auto *CO = dyn_cast<ConditionalOperator>(Parent)) {
        Conditional = Child != CO->getCond();
        Cond = CO->getCond();
      } else if (const auto *BO = dyn_cast<BinaryOperator>(Parent)) {
        Conditional = BO->isLogicalOp() && Child == BO->getRHS();
        Cond = BO->getLHS();
      } else if (const Stmt *Body = loopBody(Parent)) {
        Conditional = Child == Body;
        Cond = loopCondition(Parent);
      }
      if (Conditional)
        Out.push_back({Locs.make(Parent->getBeginLoc()),
                       Cond && readsSize(Cond, Id, 0)});
    }
    return Out;
  }

  /// Is the expression at the top of the statement stack's value used?
  bool resultUsed() const {
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

  /// Does \p E depend on the enclosing function's input (its parameters or
  /// the object it is called on)?
  bool fromInput(const Stmt *E, unsigned Depth = 0) const {
    if (!E || Fns.empty() || Depth > 4)
      return false;
    if (isa<CXXThisExpr>(E))
      return true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
        return P->getDeclContext() == Fns.back() ||
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

  static std::optional<EventKind> toEvent(ContainerEffect Effect) {
    switch (Effect) {
    case ContainerEffect::Grow: return EventKind::Grow;
    case ContainerEffect::Erase: return EventKind::Erase;
    case ContainerEffect::Pop: return EventKind::Pop;
    case ContainerEffect::Clear: return EventKind::Clear;
    case ContainerEffect::Resize: return EventKind::Resize;
    case ContainerEffect::Assign: return EventKind::Assign;
    case ContainerEffect::Consume: return EventKind::Consume;
    case ContainerEffect::Reserve: return EventKind::Reserve;
    case ContainerEffect::Release: return EventKind::Release;
    case ContainerEffect::Lookup: return EventKind::Lookup;
    case ContainerEffect::Size: return EventKind::Size;
    case ContainerEffect::Index:
    case ContainerEffect::Read: return std::nullopt;
    }
    return std::nullopt;
  }

  const ContainerModel *modelOfEntity(const ValueDecl *D) {
    QualType T = D->getType();
    if (T->isReferenceType() || T->isPointerType())
      T = T->getPointeeType();
    return modelForType(T);
  }

  void containerMethodCall(const CallExpr *CE, const CXXMethodDecl *Method,
                           const Expr *Object, llvm::SmallVectorImpl<bool> &Done) {
    // The object's own type (past the implicit cast to the base that
    // declares an inherited method).
    QualType ObjectType = Object->IgnoreParenImpCasts()->getType();
    if (ObjectType->isPointerType())
      ObjectType = ObjectType->getPointeeType();
    const ContainerModel *M = modelForType(ObjectType);
    auto It = M ? M->Methods.find(Method->getNameAsString())
                : decltype(M->Methods.end())();
    // `batch.swap(pending_)`, `tmp = std::move(...)`: a whole-content
    // exchange replaces the argument's content too.
    if (M && It != M->Methods.end() && It->second == ContainerEffect::Assign)
      for (unsigned I = isa<CXXOperatorCallExpr>(CE) ? 1 : 0;
           I < CE->getNumArgs(); ++I)
        if (const ValueDecl *Other = resolve(CE->getArg(I));
            Other && !entityId(Other).empty() &&
            modelOfEntity(Other) == M && !isa<CXXOperatorCallExpr>(CE)) {
          Done[I] = true;
          markHandled(CE->getArg(I));
          record(Other, EventKind::Assign, CE->getBeginLoc());
        }
    const ValueDecl *D = resolve(Object);
    if (!D)
      return;
    markHandled(Object);
    M = modelOfEntity(D);
    if (!M)
      return;
    It = M->Methods.find(Method->getNameAsString());
    if (It == M->Methods.end())
      return;
    std::optional<EventKind> K = toEvent(It->second);
    if (!K)
      return;
    const std::string &Id = entityId(D);
    bool Operator = isa<CXXOperatorCallExpr>(CE);
    unsigned FirstArg = Operator ? 1 : 0;
    auto Arg = [&](unsigned I) -> const Expr * {
      return FirstArg + I < CE->getNumArgs() ? strip(CE->getArg(FirstArg + I))
                                             : nullptr;
    };
    unsigned Extra = 0;
    if (*K == EventKind::Assign && Operator && Arg(0)) {
      // `s_ = s_ + x` assigns, but it grows; `v_ = {}` empties it.
      if (mentions(Arg(0), Id))
        K = EventKind::Grow;
      else if (isEmptyBraces(Arg(0)))
        K = EventKind::Clear;
    } else if (*K == EventKind::Resize && Arg(0)) {
      // resize(0) empties it; resize(kConstant) fills it to a fixed size.
      Expr::EvalResult R;
      if (!Arg(0)->isValueDependent() && Arg(0)->EvaluateAsInt(R, Ctx)) {
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
    if ((*K == EventKind::Grow || *K == EventKind::Lookup) && M->Associative) {
      if (Arg(0) && fromInput(Arg(0)))
        Extra |= KeyFromInput;
      if (*K == EventKind::Grow && !Operator && resultUsed())
        Extra |= MemoFill; // `auto [it, fresh] = cache_.try_emplace(k)`
    }
    int Index = record(D, *K, CE->getBeginLoc(), Extra);
    if (Index >= 0 && *K == EventKind::Grow && Operator && M->Associative)
      Subscripts[CE] = Index;
    if (Index >= 0 && *K == EventKind::Clear && It->second == ContainerEffect::Clear &&
        !Operator)
      Out.Events[Index].Fix = swapWithEmpty(CE, Object, D);
  }

  /// `buf_.clear()` -> `decltype(buf_)().swap(buf_)`: empties it and gives
  /// its capacity back, whatever the implementation does with
  /// shrink_to_fit. Only where the object is named directly (an alias would
  /// make decltype a reference) and no macro is involved.
  std::vector<Replacement> swapWithEmpty(const CallExpr *CE, const Expr *Object,
                                         const ValueDecl *D) {
    const Expr *O = strip(Object);
    const ValueDecl *Named = nullptr;
    if (const auto *ME = dyn_cast<MemberExpr>(O))
      Named = ME->getMemberDecl();
    else if (const auto *DRE = dyn_cast<DeclRefExpr>(O))
      Named = DRE->getDecl();
    if (Named != D || isa<ParmVarDecl>(D) || D->getType()->isReferenceType())
      return {};
    SourceLocation Begin = CE->getBeginLoc(), Last = CE->getEndLoc();
    if (Begin.isMacroID() || Last.isMacroID() || O->getBeginLoc().isMacroID())
      return {};
    const LangOptions &LO = Ctx.getLangOpts();
    std::string Text = Lexer::getSourceText(
                           CharSourceRange::getTokenRange(O->getSourceRange()),
                           SM, LO)
                           .str();
    SourceLocation End = Lexer::getLocForEndOfToken(Last, 0, SM, LO);
    if (Text.empty() || End.isInvalid())
      return {};
    return {Replacement{Locs.make(Begin), Locs.make(End),
                        "decltype(" + Text + ")().swap(" + Text + ")"}};
  }

  /// `{}`, directly or as the std::initializer_list it makes.
  static bool isEmptyBraces(const Expr *E) {
    if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E))
      E = strip(SIL->getSubExpr());
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) // initializer_list{}
      return CE->isListInitialization() && CE->getNumArgs() == 0;
    const auto *IL = dyn_cast<InitListExpr>(E);
    return IL && IL->getNumInits() == 0;
  }

  /// `begin()`/`end()` of the same container, in that order.
  bool isWholeRange(const Expr *First, const Expr *Last, const std::string &Id) {
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
      const ValueDecl *D = resolve(MCE->getImplicitObjectArgument());
      return D && entityId(D) == Id;
    };
    return (Ends(First, "begin") || Ends(First, "cbegin")) &&
           (Ends(Last, "end") || Ends(Last, "cend"));
  }

  bool mentions(const Stmt *S, const std::string &Id) {
    if (!S || Id.empty())
      return false;
    if (const auto *E = dyn_cast<Expr>(S))
      if (const ValueDecl *D = resolve(E))
        if (entityId(D) == Id)
          return true;
    for (const Stmt *C : S->children())
      if (mentions(C, Id))
        return true;
    return false;
  }

  void containerFunctionCall(const CallExpr *CE, const FunctionDecl *Callee,
                             llvm::SmallVectorImpl<bool> &Done) {
    if (Rules.ContainerFunctions.empty())
      return;
    std::string Name = qualifiedName(Callee);
    for (const ContainerFunction &CF : Rules.ContainerFunctions) {
      if (!CF.Name.matches(Name))
        continue;
      for (unsigned A : CF.Args) {
        if (A >= CE->getNumArgs())
          continue;
        Done[A] = true;
        const ValueDecl *D = resolve(CE->getArg(A));
        if (!D)
          continue;
        markHandled(CE->getArg(A));
        if (std::optional<EventKind> K = toEvent(CF.Effect))
          record(D, *K, CE->getBeginLoc());
      }
    }
  }

  /// A container handed to a function by non-const reference or pointer:
  /// what the callee does to its parameter happens to the container.
  void passArgument(const Expr *Arg, QualType ParamType,
                    const FunctionDecl *Callee, unsigned ParamIndex,
                    SourceLocation At) {
    const ValueDecl *D = resolve(Arg);
    if (!D)
      return;
    markHandled(Arg);
    if (ParamType.isNull() || !isNonConstRefOrPtr(ParamType))
      return; // by value or const: a read
    const std::string &Id = entityId(D);
    if (Id.empty())
      return;
    if (!Callee) {
      record(D, EventKind::Escape, At);
      return;
    }
    Flow F;
    F.From = Id;
    F.Callee = stableId(patternOf(Callee));
    F.Param = ParamIndex;
    F.At = Locs.make(At);
    F.Function = currentFunction();
    F.Flags = siteFlags(Id);
    F.Scopes = scopes(Id);
    Out.Flows.push_back(std::move(F));
  }

  //===-- Where a growth happens ------------------------------------------===//

  /// Flags for an event at the top of the statement stack. With \p GrowthOf
  /// set, also looks for a size check on the path that bounds that entity.
  unsigned siteFlags(const std::string &GrowthOf,
                     std::vector<std::string> *GuardCalls = nullptr) {
    unsigned Flags = 0;
    bool Lambda = insideLambda();
    if (Lambda)
      Flags |= InLambda;
    if (!Fns.empty() && !Lambda) {
      if (isa<CXXConstructorDecl>(Fns.back()))
        Flags |= InConstructor;
      if (isa<CXXDestructorDecl>(Fns.back()))
        Flags |= InDestructor;
    }
    if (GrowthOf.empty())
      return Flags;
    bool AnyLoop = false, AllConstant = true;
    for (size_t I = Stmts.size(); I-- > 1;) {
      const Stmt *Child = Stmts[I], *Parent = Stmts[I - 1];
      if (isa<LambdaExpr>(Parent))
        break;
      if (const Stmt *Body = loopBody(Parent); Body && Body == Child) {
        AnyLoop = true;
        AllConstant &= constantTripCount(Parent);
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
            externalCalls(If->getCond(), *GuardCalls);
        }
      if (const auto *CO = dyn_cast<ConditionalOperator>(Parent))
        if (Child != CO->getCond() && readsSize(CO->getCond(), GrowthOf, 0))
          Flags |= SizeGuarded;
      if (const auto *CS = dyn_cast<CompoundStmt>(Parent))
        for (const Stmt *Before : CS->body()) {
          if (Before == Child)
            break;
          if (boundsLater(Before, GrowthOf))
            Flags |= SizeGuarded;
          else if (const auto *If = dyn_cast<IfStmt>(Before);
                   If && GuardCalls &&
                   (exits(If->getThen()) || exits(If->getElse())))
            externalCalls(If->getCond(), *GuardCalls);
        }
    }
    if (AnyLoop)
      Flags |= InLoop;
    if (AnyLoop && AllConstant)
      Flags |= ConstantLoop;
    return Flags;
  }

  /// Functions called in \p S whose body this TU does not have: whether they
  /// read the size is decided when all TUs are merged.
  void externalCalls(const Stmt *S, std::vector<std::string> &Out) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = CE->getDirectCallee())
        if (!Callee->getDefinition() && !inSystemHeader(Callee->getLocation()))
          Out.push_back(stableId(patternOf(Callee)));
    for (const Stmt *C : S->children())
      externalCalls(C, Out);
  }

  bool isConstant(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    return !E->isValueDependent() && E->isIntegerConstantExpr(Ctx);
  }

  bool constantTripCount(const Stmt *Loop) {
    if (const auto *F = dyn_cast<ForStmt>(Loop)) {
      const auto *Cmp = dyn_cast_or_null<BinaryOperator>(
          F->getCond() ? F->getCond()->IgnoreParenImpCasts() : nullptr);
      if (!Cmp || !(Cmp->isRelationalOp() || Cmp->getOpcode() == BO_NE))
        return false;
      return isConstant(Cmp->getLHS()) != isConstant(Cmp->getRHS());
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

  /// An earlier statement that bounds what follows: a size check that drops
  /// (returns, throws, breaks), a loop on the size (wait or evict until there
  /// is room), or a wait whose predicate reads the size.
  bool boundsLater(const Stmt *S, const std::string &Id) {
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

  bool helperBlocksOnSize(const Stmt *S, const std::string &Id,
                          unsigned Depth) {
    if (!S || isa<LambdaExpr>(S) || Depth > 1)
      return false;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = CE->getDirectCallee())
        if (!inSystemHeader(Callee->getLocation()))
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

  bool waitsOnSize(const Stmt *S, const std::string &Id) {
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

  /// Calls something the packs say waits for room or fails when a capacity
  /// is used up (a semaphore's acquire), directly or in a helper it calls.
  bool backpressure(const Stmt *S, unsigned Depth) {
    if (!S || isa<LambdaExpr>(S) || Rules.Backpressure.empty())
      return false;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = CE->getDirectCallee()) {
        if (findFirst(Rules.Backpressure, qualifiedName(Callee)))
          return true;
        if (Depth < 2 && !inSystemHeader(Callee->getLocation()))
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
  bool evicts(const Stmt *S, const std::string &Id) {
    if (!S || isa<LambdaExpr>(S))
      return false;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S))
      if (const ValueDecl *D = resolve(MCE->getImplicitObjectArgument()))
        if (entityId(D) == Id)
          if (const ContainerModel *M = modelOfEntity(D)) {
            auto It = M->Methods.find(MCE->getMethodDecl()->getNameAsString());
            if (It != M->Methods.end() &&
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

  static bool exits(const Stmt *S) {
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

  /// Does \p S read the size of entity \p Id, directly or through a function
  /// it calls (`if (full()) return;`)?
  bool readsSize(const Stmt *S, const std::string &Id, unsigned Depth) {
    if (!S)
      return false;
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
        if (const ValueDecl *D = resolve(MCE->getImplicitObjectArgument()))
          if (entityId(D) == Id)
            if (const ContainerModel *M = modelOfEntity(D)) {
              auto It = M->Methods.find(MCE->getMethodDecl()->getNameAsString());
              if (It != M->Methods.end() &&
                  It->second == ContainerEffect::Size)
                return true;
            }
      } else if (Callee) {
        std::string Name = qualifiedName(Callee);
        for (const ContainerFunction &CF : Rules.ContainerFunctions)
          if (CF.Effect == ContainerEffect::Size && CF.Name.matches(Name))
            for (unsigned A : CF.Args)
              if (A < CE->getNumArgs())
                if (const ValueDecl *D = resolve(CE->getArg(A)))
                  if (entityId(D) == Id)
                    return true;
      }
      if (Callee && Depth < 2 && !inSystemHeader(Callee->getLocation()))
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
};

} // namespace

void collectContainerFacts(ASTContext &Ctx, const RuleSet &Rules, Facts &Out) {
  Collector C(Ctx, Rules, Out);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  Out.normalize();
}

} // namespace memlint
