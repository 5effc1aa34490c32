//===- FlowUtil.cpp -------------------------------------------------------===//
#include "FlowUtil.h"

#include "ASTUtil.h"
#include "facts/Walk.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <cctype>

using namespace clang;

namespace memlint {
namespace flow {

//===-- Walking user functions --------------------------------------------===//

namespace {
class FunctionFinder : public RecursiveASTVisitor<FunctionFinder> {
  using Base = RecursiveASTVisitor<FunctionFinder>;

public:
  FunctionFinder(const SourceManager &SM,
                 llvm::function_ref<void(const FunctionDecl *)> Fn)
      : SM(SM), Fn(Fn) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D)) {
      SourceLocation L = D->getLocation();
      if (L.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(L)))
        return true;
    }
    return Base::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext())
      return true;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      if (MD->getParent()->isLambda())
        return true;
    if (!Seen.insert(FD).second)
      return true;
    Fn(FD);
    return true;
  }

private:
  const SourceManager &SM;
  llvm::function_ref<void(const FunctionDecl *)> Fn;
  llvm::DenseSet<const FunctionDecl *> Seen;
};
} // namespace

void forEachUserFunction(ASTContext &Ctx,
                         llvm::function_ref<void(const FunctionDecl *)> Fn) {
  FunctionFinder F(Ctx.getSourceManager(), Fn);
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
}

//===-- Loops and bodies --------------------------------------------------===//

/// Is \p Child, a direct child of \p Loop, evaluated once per iteration?
static bool perIteration(const Stmt *Loop, const Stmt *Child) {
  if (!Child)
    return false;
  if (Child == loopBody(Loop))
    return true;
  if (const auto *F = dyn_cast<ForStmt>(Loop))
    return Child == F->getCond() || Child == F->getInc() ||
           Child == F->getConditionVariableDeclStmt();
  if (const auto *W = dyn_cast<WhileStmt>(Loop))
    return Child == W->getCond() || Child == W->getConditionVariableDeclStmt();
  if (const auto *D = dyn_cast<DoStmt>(Loop))
    return Child == D->getCond();
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop))
    return Child == R->getLoopVarStmt();
  return false;
}

Body::Body(const FunctionDecl *FD) : FD(FD) {
  Root = FD->getBody();
  if (Root)
    index(Root, nullptr);
  // Constructor initializers run in the function too.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *I : Ctor->inits())
      if (I->isWritten() && I->getInit())
        index(I->getInit(), nullptr);
}

void Body::index(const Stmt *S, const Stmt *Parent) {
  if (!S)
    return;
  if (Parent)
    Parents[S] = Parent;
  All.push_back(S);
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      DeclStmts[D] = DS;
  if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
    // Capture initializers are evaluated where the lambda is created; the
    // body is a child too.
    for (const Expr *Init : LE->capture_inits())
      index(Init, S);
    index(LE->getBody(), S);
    return;
  }
  for (const Stmt *C : S->children())
    index(C, S);
}

bool Body::contains(const Stmt *Outer, const Stmt *Inner) const {
  for (const Stmt *S = Inner; S; S = parent(S))
    if (S == Outer)
      return true;
  return false;
}

llvm::SmallVector<const Stmt *, 4> Body::loopsAround(const Stmt *S) const {
  llvm::SmallVector<const Stmt *, 4> Out;
  const Stmt *Child = S;
  for (const Stmt *P = parent(S); P; Child = P, P = parent(P)) {
    if (isa<LambdaExpr>(P))
      break;
    if (isLoop(P) && perIteration(P, Child))
      Out.push_back(P);
  }
  return Out;
}

const LambdaExpr *Body::enclosingLambda(const Stmt *S) const {
  for (const Stmt *P = parent(S); P; P = parent(P))
    if (const auto *LE = dyn_cast<LambdaExpr>(P))
      return LE;
  return nullptr;
}

bool Body::declaredIn(const ValueDecl *D, const Stmt *Loop) const {
  auto It = DeclStmts.find(D);
  if (It != DeclStmts.end())
    return contains(Loop, It->second);
  return false;
}

//===-- Objects -----------------------------------------------------------===//

static ObjectRef designatedImpl(const Expr *E, unsigned Depth) {
  E = strip(E);
  if (!E || Depth > 6)
    return {};
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return {};
    QualType T = VD->getType();
    // A local reference or pointer initialized from another object is that
    // object.
    if (VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
        (T->isReferenceType() || T->isPointerType()) && VD->getInit())
      if (ObjectRef R = designatedImpl(VD->getInit(), Depth + 1))
        return R;
    return {VD, nullptr};
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *M = ME->getMemberDecl();
    if (isa<VarDecl>(M))
      return {M, nullptr}; // static data member
    if (!isa<FieldDecl>(M))
      return {};
    const Expr *Base = strip(ME->getBase());
    if (isa<CXXThisExpr>(Base))
      return {M, nullptr};
    ObjectRef B = designatedImpl(Base, Depth + 1);
    if (!B)
      return {M, nullptr};
    const VarDecl *Root = B.Root ? B.Root : dyn_cast<VarDecl>(B.Decl);
    return {M, Root};
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref)
      return designatedImpl(UO->getSubExpr(), Depth + 1);
  return {};
}

ObjectRef designated(const Expr *E) { return designatedImpl(E, 0); }

std::string displayName(const ObjectRef &O) {
  if (!O)
    return "";
  const auto *ND = cast<NamedDecl>(O.Decl);
  if (O.Root)
    return O.Root->getNameAsString() + "." + ND->getNameAsString();
  if (isa<FieldDecl>(ND) || (isa<VarDecl>(ND) &&
                             cast<VarDecl>(ND)->isStaticDataMember()))
    return recordPath(ND);
  if (const auto *VD = dyn_cast<VarDecl>(ND))
    if (VD->isFileVarDecl())
      return qualifiedName(VD);
  return ND->getNameAsString();
}

bool mentions(const Stmt *S, const ObjectRef &O) {
  if (!S || !O)
    return false;
  if (const auto *E = dyn_cast<Expr>(S))
    if (isa<DeclRefExpr>(E) || isa<MemberExpr>(E))
      if (designated(E) == O)
        return true;
  for (const Stmt *C : S->children())
    if (mentions(C, O))
      return true;
  return false;
}

std::optional<CallArgs> callArgs(const Stmt *S) {
  CallArgs Out;
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    Out.Callee = CE->getDirectCallee();
    unsigned First = 0;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
      Out.Object = MCE->getImplicitObjectArgument();
    } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE)) {
      const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Out.Callee);
      if (MD && !MD->isStatic() && OCE->getNumArgs() > 0) {
        Out.Object = OCE->getArg(0);
        First = 1;
      }
    }
    for (unsigned I = First; I < CE->getNumArgs(); ++I)
      Out.Args.push_back(CE->getArg(I));
    return Out;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    Out.Callee = CE->getConstructor();
    for (const Expr *A : CE->arguments())
      Out.Args.push_back(A);
    return Out;
  }
  return std::nullopt;
}

//===-- Pack lookups ------------------------------------------------------===//

Apis::Apis(ASTContext &Ctx, const RuleSet &Rules)
    : Ctx(Ctx), SM(Ctx.getSourceManager()), Rules(Rules) {}

bool Apis::inSystemHeader(SourceLocation L) const {
  return L.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(L));
}

bool Apis::userDefined(const FunctionDecl *FD) const {
  if (!FD)
    return false;
  const FunctionDecl *Def = nullptr;
  if (!FD->getBody(Def) || !Def)
    return false;
  return !inSystemHeader(Def->getLocation());
}

const std::string &Apis::name(const NamedDecl *D) {
  auto It = Names.find(D);
  if (It != Names.end())
    return It->second;
  return Names[D] = qualifiedName(D);
}

template <typename Entry>
const Entry *Apis::lookup(const std::vector<Entry> &Entries,
                          llvm::DenseMap<const Decl *, const Entry *> &Cache,
                          const NamedDecl *D) {
  if (!D || Entries.empty())
    return nullptr;
  D = cast<NamedDecl>(D->getCanonicalDecl());
  auto It = Cache.find(D);
  if (It != Cache.end())
    return It->second;
  const Entry *E = findFirst(Entries, name(D));
  Cache[D] = E;
  return E;
}

const StreamSource *Apis::streamCall(const FunctionDecl *FD) {
  const StreamSource *S = lookup(Rules.StreamSources, StreamCalls, FD);
  return S && S->Form != "iterator-type" ? S : nullptr;
}

const StreamSource *Apis::streamType(QualType T) {
  if (T.isNull())
    return nullptr;
  const CXXRecordDecl *RD = T.getNonReferenceType()
                                .getCanonicalType()
                                ->getAsCXXRecordDecl();
  if (!RD)
    return nullptr;
  const StreamSource *S = lookup(Rules.StreamSources, StreamTypes, RD);
  if (S && S->Form == "iterator-type")
    return S;
  if (RD->hasDefinition())
    for (const CXXBaseSpecifier &B : RD->bases())
      if (const StreamSource *BS = streamType(B.getType()))
        return BS;
  return nullptr;
}

const WholeLoad *Apis::wholeLoadCall(const FunctionDecl *FD) {
  return lookup(Rules.WholeLoads, LoadCalls, FD);
}

const WholeLoad *Apis::wholeLoadType(QualType T) {
  if (T.isNull())
    return nullptr;
  const CXXRecordDecl *RD = T.getNonReferenceType()
                                .getCanonicalType()
                                ->getAsCXXRecordDecl();
  return RD ? lookup(Rules.WholeLoads, LoadTypes, RD) : nullptr;
}

const SendApi *Apis::send(const FunctionDecl *FD) {
  return lookup(Rules.Sends, Sends, FD);
}

const QueryApi *Apis::query(const FunctionDecl *FD) {
  return lookup(Rules.Queries, Queries, FD);
}

const ContainerModel *Apis::container(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  const CXXRecordDecl *RD = T.getCanonicalType()->getAsCXXRecordDecl();
  if (!RD)
    return nullptr;
  auto It = Containers.find(RD);
  if (It != Containers.end())
    return It->second;
  Containers[RD] = nullptr; // recursion guard
  const ContainerModel *M = Rules.findContainer(name(RD));
  if (!M && RD->hasDefinition())
    for (const CXXBaseSpecifier &B : RD->bases())
      if ((M = container(B.getType())))
        break;
  Containers[RD] = M;
  return M;
}

bool Apis::ownsContainer(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType().getCanonicalType();
  if (const ArrayType *AT = Ctx.getAsArrayType(T))
    return ownsContainer(AT->getElementType());
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (container(T))
    return true;
  auto It = Owns.find(RD);
  if (It != Owns.end())
    return It->second;
  Owns[RD] = false; // recursion guard
  bool Result = false;
  if (const CXXRecordDecl *Def = RD->getDefinition()) {
    for (const FieldDecl *F : Def->fields())
      if (!F->getType()->isReferenceType() && ownsContainer(F->getType())) {
        Result = true;
        break;
      }
    if (!Result)
      for (const CXXBaseSpecifier &B : Def->bases())
        if (ownsContainer(B.getType())) {
          Result = true;
          break;
        }
  }
  Owns[RD] = Result;
  return Result;
}

unsigned Apis::containerEffect(const ContainerModel *M,
                               const std::string &Method) {
  auto It = M->Methods.find(Method);
  if (It == M->Methods.end())
    return 0;
  switch (It->second) {
  case ContainerEffect::Grow:
    return Grows;
  case ContainerEffect::Erase:
  case ContainerEffect::Pop:
  case ContainerEffect::Clear:
  case ContainerEffect::Resize:
  case ContainerEffect::Assign:
  case ContainerEffect::Consume:
    return Shrinks;
  case ContainerEffect::Size:
    return ReadsSize;
  default:
    return 0;
  }
}

QualType objectType(const Expr *E) {
  QualType T = E->getType();
  if (const auto *P = T->getAs<PointerType>())
    return P->getPointeeType();
  return T;
}

static bool isNonConstRefOrPtr(QualType T) {
  if (const auto *R = T->getAs<ReferenceType>())
    return !R->getPointeeType().isConstQualified();
  if (const auto *P = T->getAs<PointerType>())
    return !P->getPointeeType().isConstQualified();
  return false;
}

unsigned Apis::effectOn(const Stmt *Call, const ObjectRef &O,
                        const Stmt **Inner) {
  std::optional<CallArgs> CA = callArgs(Call);
  if (!CA || !CA->Callee)
    return 0;
  unsigned Bits = 0;
  if (CA->Object && designated(CA->Object) == O) {
    // Methods of other (user) objects are judged through methodEffects().
    if (const ContainerModel *M = container(objectType(CA->Object)))
      Bits |= containerEffect(M, CA->Callee->getNameAsString());
    // `s = s + x` is an assignment that grows.
    if (Bits == Shrinks && isa<CXXOperatorCallExpr>(Call) &&
        CA->Args.size() == 1 && mentions(CA->Args[0], O))
      Bits = Grows;
  }
  // Free functions that act on a container argument (std::erase_if,
  // std::swap, std::back_inserter).
  bool FunctionEntry = false;
  if (!isa<CXXMethodDecl>(CA->Callee) || CA->Object == nullptr)
    for (const ContainerFunction &CF : Rules.ContainerFunctions) {
      if (!CF.Name.matches(name(CA->Callee)))
        continue;
      FunctionEntry = true;
      for (unsigned I : CF.Args)
        if (I < CA->Args.size() && designated(CA->Args[I]) == O) {
          ContainerModel Fake;
          Fake.Methods["f"] = CF.Effect;
          Bits |= containerEffect(&Fake, "f");
        }
      break;
    }
  if (FunctionEntry)
    return Bits;
  // Handed by non-const reference or pointer to a function: what the
  // function does to its parameter happens to the object.
  for (unsigned I = 0; I < CA->Args.size(); ++I) {
    if (designated(CA->Args[I]) != O)
      continue;
    QualType PT;
    if (I < CA->Callee->getNumParams())
      PT = CA->Callee->getParamDecl(I)->getType();
    else if (CA->Callee->isVariadic())
      PT = CA->Args[I]->getType();
    if (PT.isNull() || !isNonConstRefOrPtr(PT)) {
      // A pointer argument (`&v`) to a by-value pointer parameter is
      // covered above; a copy or a const reference is a read.
      continue;
    }
    if (!userDefined(CA->Callee)) {
      Bits |= Unknown;
      continue;
    }
    const Stmt *In = nullptr;
    unsigned PB = paramEffect(CA->Callee, I, &In);
    Bits |= PB;
    if ((PB & Grows) && Inner && !*Inner)
      *Inner = In;
  }
  return Bits;
}

/// Do \p First and \p Last span the whole of \p O: `O.begin(), O.end()`,
/// `std::begin(O), std::end(O)`, and the const and reverse forms?
static bool spansWhole(const Expr *First, const Expr *Last,
                       const ObjectRef &O) {
  auto Accessor = [&](const Expr *E) -> std::string {
    std::optional<CallArgs> CA = callArgs(peelHandover(E));
    if (!CA || !CA->Callee || !CA->Callee->getIdentifier())
      return "";
    const Expr *Of = CA->Object;
    if (Of ? !CA->Args.empty() : CA->Args.size() != 1)
      return "";
    if (!Of)
      Of = CA->Args[0];
    return designated(Of) == O ? CA->Callee->getName().str() : "";
  };
  std::string F = Accessor(First), L = Accessor(Last);
  for (auto [Begin, End] : {std::pair{"begin", "end"}, {"cbegin", "cend"},
                            {"rbegin", "rend"}, {"crbegin", "crend"}})
    if (F == Begin && L == End)
      return true;
  return false;
}

std::optional<ContainerEffect> Apis::modelEffect(const Stmt *Call,
                                                 const ObjectRef &O) {
  std::optional<CallArgs> CA = callArgs(Call);
  if (!CA || !CA->Callee)
    return std::nullopt;
  if (CA->Object && designated(CA->Object) == O) {
    // The container's own type: the method may be a base's (Qt 5's
    // QStringList::sort is QListSpecialMethods<QString>'s).
    const ContainerModel *M = container(objectType(strip(CA->Object)));
    if (!M)
      return std::nullopt;
    auto It = M->Methods.find(CA->Callee->getNameAsString());
    if (It == M->Methods.end())
      return std::nullopt;
    return It->second;
  }
  // A free function, or the call operator of a function object
  // (`std::ranges::sort(v)`).
  const std::string &N = name(CA->Callee);
  for (const ContainerFunction &CF : Rules.ContainerFunctions) {
    if (!CF.Name.matches(N))
      continue;
    auto Arg = [&](unsigned I) {
      return I < CA->Args.size() ? CA->Args[I] : nullptr;
    };
    if (CF.Iterators) {
      if (CF.Args.size() == 2 && Arg(CF.Args[0]) && Arg(CF.Args[1]) &&
          spansWhole(Arg(CF.Args[0]), Arg(CF.Args[1]), O))
        return CF.Effect;
    } else {
      for (unsigned I : CF.Args)
        if (Arg(I) && designated(Arg(I)) == O)
          return CF.Effect;
    }
    break;
  }
  return std::nullopt;
}

unsigned Apis::paramEffect(const FunctionDecl *FD, unsigned Index,
                           const Stmt **Inner, unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (!FD->getBody(Def) || !Def || Index >= Def->getNumParams())
    return Unknown;
  auto Key = std::make_pair(Def, Index);
  auto It = ParamEffects.find(Key);
  if (It != ParamEffects.end()) {
    if (Inner)
      *Inner = It->second.second;
    return It->second.first;
  }
  if (Depth > 3)
    return Unknown;
  ParamEffects[Key] = {Unknown, nullptr}; // recursion guard
  ObjectRef P{Def->getParamDecl(Index), nullptr};
  Body B(Def);
  unsigned Bits = 0;
  const Stmt *First = nullptr;
  for (const Stmt *S : B.all()) {
    if (!isa<CallExpr>(S) && !isa<CXXConstructExpr>(S))
      continue;
    const Stmt *In = nullptr;
    unsigned E = effectOn(S, P, &In);
    if ((E & Grows) && !First)
      First = In ? In : S;
    Bits |= E;
  }
  // Stored, returned or aliased in ways not followed: unknown.
  ParamEffects[Key] = {Bits, First};
  if (Inner)
    *Inner = First;
  return Bits;
}

const Apis::FieldEffects &Apis::methodEffects(const CXXMethodDecl *MD,
                                              unsigned Depth) {
  auto It = MethodEffects.find(MD);
  if (It != MethodEffects.end())
    return It->second;
  FieldEffects &Out = MethodEffects[MD];
  const FunctionDecl *Def = nullptr;
  if (Depth > 2 || !MD->getBody(Def) || !Def ||
      inSystemHeader(Def->getLocation()))
    return Out;
  Body B(Def);
  for (const Stmt *S : B.all()) {
    std::optional<CallArgs> CA = callArgs(S);
    if (!CA || !CA->Callee)
      continue;
    // A call to another method of this object.
    if (CA->Object && isa<CXXThisExpr>(strip(CA->Object)))
      if (const auto *Other = dyn_cast<CXXMethodDecl>(CA->Callee))
        if (Other != MD) {
          const FieldEffects &OE = methodEffects(Other, Depth + 1);
          for (const auto &[F, Bits] : OE.Bits) {
            Out.Bits[F] |= Bits;
            if ((Bits & Grows) && !Out.FirstGrowth.count(F))
              Out.FirstGrowth[F] = OE.FirstGrowth.count(F)
                                       ? OE.FirstGrowth.at(F)
                                       : S;
          }
        }
    auto Touch = [&](const Expr *E) {
      if (!E)
        return;
      const auto *ME = dyn_cast<MemberExpr>(strip(E));
      if (!ME || !isa<CXXThisExpr>(strip(ME->getBase())))
        return;
      const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
      if (!F || !container(F->getType()))
        return;
      unsigned Bits = effectOn(S, ObjectRef{F, nullptr});
      if (!Bits)
        return;
      Out.Bits[F] |= Bits;
      if ((Bits & Grows) && !Out.FirstGrowth.count(F))
        Out.FirstGrowth[F] = S;
    };
    Touch(CA->Object);
    for (const Expr *A : CA->Args)
      Touch(A);
  }
  return Out;
}

//===-- Streaming loops ---------------------------------------------------===//

/// The first stream-source call in \p S (not inside a lambda).
static const Stmt *findStreamCall(const Stmt *S, Apis &A) {
  if (!S || isa<LambdaExpr>(S))
    return nullptr;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (A.streamCall(CE->getDirectCallee()))
      return CE;
  for (const Stmt *C : S->children())
    if (const Stmt *F = findStreamCall(C, A))
      return F;
  return nullptr;
}

static std::string sourceName(const Stmt *Call, Apis &A) {
  if (const auto *CE = dyn_cast_or_null<CallExpr>(Call))
    if (const FunctionDecl *FD = CE->getDirectCallee())
      return A.name(FD);
  return "";
}

bool leavesLoop(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S) || isLoop(S) || isa<SwitchStmt>(S))
    return false;
  if (isa<ReturnStmt>(S) || isa<BreakStmt>(S) || isa<GotoStmt>(S) ||
      isa<CXXThrowExpr>(S))
    return true;
  for (const Stmt *C : S->children())
    if (leavesLoop(C))
      return true;
  return false;
}

std::optional<StreamLoop> streamingLoop(const Stmt *Loop, Apis &A) {
  StreamLoop Out;
  Out.Loop = Loop;
  auto FromCall = [&](const Stmt *Call) {
    Out.Source = Call;
    Out.Entry = A.streamCall(cast<CallExpr>(Call)->getDirectCallee());
    Out.SourceName = sourceName(Call, A);
    return Out;
  };
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop)) {
    const Expr *Range = R->getRangeInit();
    if (!Range)
      return std::nullopt;
    if (const StreamSource *S = A.streamType(Range->getType())) {
      Out.Source = Range;
      Out.Entry = S;
      Out.SourceName = S->Name.text();
      if (S->Name.isRegex())
        Out.SourceName = A.name(Range->getType()
                                    .getNonReferenceType()
                                    ->getAsCXXRecordDecl());
      return Out;
    }
    if (const auto *BS = R->getBeginStmt())
      if (const auto *BV = dyn_cast<VarDecl>(BS->getSingleDecl()))
        if (const StreamSource *S = A.streamType(BV->getType())) {
          Out.Source = Range;
          Out.Entry = S;
          Out.SourceName =
              A.name(BV->getType().getNonReferenceType()->getAsCXXRecordDecl());
          return Out;
        }
    if (const auto *CE = dyn_cast<CallExpr>(strip(Range)))
      if (A.streamCall(CE->getDirectCallee()))
        return FromCall(CE);
    return std::nullopt;
  }
  if (const Expr *Cond = loopCondition(Loop))
    if (const Stmt *Call = findStreamCall(Cond, A))
      return FromCall(Call);
  // `while (dirent *e = readdir(d))`
  const VarDecl *CondVar = nullptr;
  if (const auto *W = dyn_cast<WhileStmt>(Loop))
    CondVar = W->getConditionVariable();
  else if (const auto *F = dyn_cast<ForStmt>(Loop))
    CondVar = F->getConditionVariable();
  if (CondVar)
    if (const Stmt *Call = findStreamCall(CondVar->getInit(), A))
      return FromCall(Call);
  if (const auto *F = dyn_cast<ForStmt>(Loop))
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(F->getInit()))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (const StreamSource *S = A.streamType(VD->getType())) {
            Out.Source = DS;
            Out.Entry = S;
            Out.SourceName =
                A.name(VD->getType().getCanonicalType()->getAsCXXRecordDecl());
            return Out;
          }
  // A body that stops when a read fails: `if (!std::getline(in, l)) break;`
  // or `n = recv(...); if (n <= 0) break;`.
  const auto *CS = dyn_cast_or_null<CompoundStmt>(loopBody(Loop));
  if (!CS)
    return std::nullopt;
  llvm::SmallVector<const ValueDecl *, 4> ReadVars;
  llvm::SmallVector<const Stmt *, 4> ReadCalls;
  for (const Stmt *S : CS->body()) {
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (const Stmt *Call = findStreamCall(VD->getInit(), A)) {
            ReadVars.push_back(VD);
            ReadCalls.push_back(Call);
          }
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      if (BO->isAssignmentOp())
        if (const Stmt *Call = findStreamCall(BO->getRHS(), A))
          if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(BO->getLHS()))) {
            ReadVars.push_back(DRE->getDecl());
            ReadCalls.push_back(Call);
          }
    const auto *If = dyn_cast<IfStmt>(S);
    if (!If || !leavesLoop(If->getThen()))
      continue;
    if (const Stmt *Call = findStreamCall(If->getCond(), A))
      return FromCall(Call);
    for (unsigned I = 0; I < ReadVars.size(); ++I)
      if (mentionsDecl(If->getCond(), ReadVars[I]))
        return FromCall(ReadCalls[I]);
  }
  return std::nullopt;
}

const Stmt *sortedAfter(const Body &B, const Stmt *Loop, const ObjectRef &O,
                        Apis &A) {
  const SourceManager &SM = A.context().getSourceManager();
  const LambdaExpr *Where = B.enclosingLambda(Loop);
  auto After = [&](const Stmt *S, const Stmt *Than) {
    return SM.isBeforeInTranslationUnit(Than->getEndLoc(), S->getBeginLoc());
  };
  const Stmt *Sort = nullptr;
  for (const Stmt *S : B.all()) {
    if (!isa<CallExpr>(S) || !After(S, Loop) ||
        B.enclosingLambda(S) != Where)
      continue;
    std::optional<ContainerEffect> E = A.modelEffect(S, O);
    if (!E)
      continue;
    if (*E == ContainerEffect::Sort) {
      if (!Sort)
        Sort = S;
    } else if (Sort && After(S, Sort) &&
               (*E == ContainerEffect::Resize || *E == ContainerEffect::Pop ||
                *E == ContainerEffect::PopLast)) {
      return nullptr; // a top-n (an erase keeps a sorted listing: unique)
    }
  }
  return Sort;
}

static bool integerConstant(const Expr *E, ASTContext &Ctx,
                            unsigned long long *Value = nullptr) {
  E = E->IgnoreParenImpCasts();
  if (E->isValueDependent() || E->isTypeDependent())
    return false;
  std::optional<llvm::APSInt> V = E->getIntegerConstantExpr(Ctx);
  if (!V)
    return false;
  if (Value)
    *Value = V->isNegative() ? 0 : V->getZExtValue();
  return true;
}

void placeFinding(Finding &F, const Body &B, const Stmt *S, Apis &A) {
  // The id the facts give the function whose code runs here
  // (facts::WalkContext::currentFunction): a capture's initializer runs
  // where the lambda is made, its body when it is called.
  const Decl *Fn = B.function();
  bool Once = false;
  for (const Stmt *Child = S, *P = B.parent(S); P;
       Child = P, P = B.parent(P)) {
    if (const auto *LE = dyn_cast<LambdaExpr>(P))
      if (Child == LE->getBody()) {
        Fn = LE->getCallOperator();
        break;
      }
    // The initializer of a static local runs once (a thread_local one once
    // per thread).
    if (const auto *DS = dyn_cast<DeclStmt>(P))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          Once |= VD->isStaticLocal() &&
                  VD->getTLSKind() == VarDecl::TLS_None &&
                  VD->getInit() == Child;
  }
  F.Function = stableId(patternOf(Fn));
  F.SiteFlags = loopFlagsAround(B, S, A) | (Once ? RunOnce : 0u);
}

unsigned loopFlagsAround(const Body &B, const Stmt *S, Apis &A) {
  llvm::SmallVector<const Stmt *, 4> Loops = B.loopsAround(S);
  if (Loops.empty())
    return 0;
  unsigned Flags = InLoop;
  bool AllConstant = true;
  for (const Stmt *L : Loops) {
    if (facts::WalkContext::untilLoop(L))
      Flags |= UntilLoop;
    AllConstant &= constantTripCount(L, A.context(), A);
  }
  return AllConstant ? Flags | ConstantLoop : Flags;
}

bool constantTripCount(const Stmt *Loop, ASTContext &Ctx, Apis &A,
                       unsigned long long *Count) {
  if (const auto *F = dyn_cast<ForStmt>(Loop)) {
    const auto *Cmp = dyn_cast_or_null<BinaryOperator>(
        F->getCond() ? F->getCond()->IgnoreParenImpCasts() : nullptr);
    if (!Cmp || !(Cmp->isRelationalOp() || Cmp->getOpcode() == BO_NE))
      return false;
    unsigned long long Bound = 0;
    bool L = integerConstant(Cmp->getLHS(), Ctx);
    bool R = integerConstant(Cmp->getRHS(), Ctx, &Bound);
    if (L == R)
      return false;
    if (Count && R) {
      // for (i = 0; i < N; ++i): N iterations when the counter starts at 0.
      *Count = 0;
      if (const auto *DS = dyn_cast_or_null<DeclStmt>(F->getInit()))
        if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl()))
          if (VD->getInit()) {
            unsigned long long Start = 0;
            if (integerConstant(VD->getInit(), Ctx, &Start) && Start == 0)
              *Count = Cmp->getOpcode() == BO_LE ? Bound + 1 : Bound;
          }
    }
    return true;
  }
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop)) {
    const Expr *Range = strip(R->getRangeInit());
    if (!Range)
      return false;
    if (const auto *IL = dyn_cast<InitListExpr>(Range)) {
      if (Count)
        *Count = IL->getNumInits();
      return true;
    }
    if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(Range)) {
      if (const auto *IL = dyn_cast<InitListExpr>(strip(SIL->getSubExpr())))
        if (Count)
          *Count = IL->getNumInits();
      return true;
    }
    QualType T = Range->getType().getCanonicalType();
    if (const ConstantArrayType *CAT = Ctx.getAsConstantArrayType(T)) {
      if (Count)
        *Count = CAT->getSize().getZExtValue();
      return true;
    }
    if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
        if (Spec->getTemplateArgs().size() == 2 &&
            Spec->getTemplateArgs()[1].getKind() ==
                TemplateArgument::Integral &&
            !A.container(T)) {
          if (Count)
            *Count = Spec->getTemplateArgs()[1].getAsIntegral().getZExtValue();
          return true;
        }
  }
  return false;
}

//===-- SQL ---------------------------------------------------------------===//

SqlText followSql(const Expr *E, Apis &A, unsigned Depth) {
  SqlText Unknown;
  Unknown.Text = " ? ";
  E = strip(E);
  if (!E || Depth > 8)
    return Unknown;
  if (const auto *SL = dyn_cast<StringLiteral>(E)) {
    if (SL->getCharByteWidth() != 1)
      return Unknown;
    return {SL->getString().str(), true, true};
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    // std::string / string_view / QString from one value (extra arguments
    // are lengths and allocators).
    if (CE->getNumArgs() >= 1 && !isa<CXXDefaultArgExpr>(CE->getArg(0)))
      return followSql(CE->getArg(0), A, Depth + 1);
    return Unknown;
  }
  if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
    return followSql(FC->getSubExpr(), A, Depth + 1);
  if (const auto *CE = dyn_cast<ExplicitCastExpr>(E))
    return followSql(CE->getSubExpr(), A, Depth + 1);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || isa<ParmVarDecl>(VD))
      return Unknown;
    // Constants, constexpr strings, and local strings that are not
    // changed after their initialization (not followed: later `+=`).
    const Expr *Init = VD->getAnyInitializer();
    if (!Init)
      return Unknown;
    return followSql(Init, A, Depth + 1);
  }
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (OCE->getOperator() == OO_Plus && OCE->getNumArgs() == 2) {
      SqlText L = followSql(OCE->getArg(0), A, Depth + 1);
      SqlText R = followSql(OCE->getArg(1), A, Depth + 1);
      return {L.Text + R.Text, L.Complete && R.Complete, L.Any || R.Any};
    }
    return Unknown;
  }
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
    // `.c_str()`, `.data()`: a no-argument method of a string that returns
    // its characters.
    const Expr *Obj = MCE->getImplicitObjectArgument();
    if (MCE->getNumArgs() == 0 && Obj && A.container(Obj->getType()) &&
        MCE->getType()->isPointerType())
      return followSql(Obj, A, Depth + 1);
    return Unknown;
  }
  return Unknown;
}

namespace {
struct SqlToken {
  std::string Word; // upper-cased identifier or keyword; "" for punctuation
  char Punct = 0;
};
} // namespace

static std::vector<SqlToken> tokenize(const std::string &S) {
  std::vector<SqlToken> Out;
  size_t I = 0, N = S.size();
  while (I < N) {
    char C = S[I];
    if (std::isspace(static_cast<unsigned char>(C))) {
      ++I;
    } else if (C == '-' && I + 1 < N && S[I + 1] == '-') {
      while (I < N && S[I] != '\n')
        ++I;
    } else if (C == '/' && I + 1 < N && S[I + 1] == '*') {
      size_t End = S.find("*/", I + 2);
      I = End == std::string::npos ? N : End + 2;
    } else if (C == '\'' || C == '"' || C == '`') {
      size_t End = S.find(C, I + 1);
      I = End == std::string::npos ? N : End + 1;
      Out.push_back({"X", 0}); // a literal or quoted name
    } else if (std::isalnum(static_cast<unsigned char>(C)) || C == '_' ||
               C == '$') {
      std::string W;
      while (I < N && (std::isalnum(static_cast<unsigned char>(S[I])) ||
                       S[I] == '_' || S[I] == '$'))
        W += static_cast<char>(
            std::toupper(static_cast<unsigned char>(S[I++])));
      Out.push_back({W, 0});
    } else {
      Out.push_back({"", C});
      ++I;
    }
  }
  return Out;
}

SqlShape classifySql(const std::string &Text) {
  static const char *const Aggregates[] = {
      "COUNT",      "SUM",       "AVG",        "MIN",       "MAX",
      "TOTAL",      "GROUP_CONCAT", "STRING_AGG", "ARRAY_AGG", "BOOL_AND",
      "BOOL_OR",    "EVERY",     "JSON_AGG",   "JSONB_AGG", "STDDEV",
      "VARIANCE",   "BIT_AND",   "BIT_OR",     "JSON_GROUP_ARRAY"};
  auto IsAggregate = [](const std::string &W) {
    for (const char *A : Aggregates)
      if (W == A)
        return true;
    return false;
  };
  SqlShape Out;
  std::vector<SqlToken> T = tokenize(Text);
  size_t I = 0;
  // Statements that merely wrap a SELECT.
  if (I < T.size() && T[I].Word == "EXPLAIN")
    return Out;
  const std::string First = I < T.size() ? T[I].Word : "";
  if (First == "SELECT" || First == "WITH" || First == "VALUES" ||
      First == "TABLE")
    Out.Select = true;
  else if (First == "INSERT" || First == "UPDATE" || First == "DELETE" ||
           First == "REPLACE" || First == "UPSERT" || First == "MERGE")
    Out.Write = true;
  else if (First == "BEGIN" || First == "COMMIT" || First == "ROLLBACK" ||
           First == "SAVEPOINT" || First == "RELEASE" || First == "SET" ||
           First == "PRAGMA" || First == "END" || First == "START" ||
           First == "CREATE" || First == "DROP" || First == "ALTER" ||
           First == "VACUUM" || First == "ANALYZE" || First == "LISTEN" ||
           First == "NOTIFY")
    Out.Control = true;

  // The main SELECT's projection: after the top-level SELECT that is not
  // inside a WITH clause's parentheses.
  int Depth = 0;
  bool InProjection = false, SawSelect = false;
  bool ItemHasAggregate = false, ItemHasOver = false;
  bool AllAggregate = true, AnyItem = false;
  auto EndItem = [&] {
    AnyItem = true;
    if (!ItemHasAggregate || ItemHasOver)
      AllAggregate = false;
    ItemHasAggregate = ItemHasOver = false;
  };
  for (size_t K = 0; K < T.size(); ++K) {
    const SqlToken &Tok = T[K];
    if (Tok.Punct == '(') {
      ++Depth;
      continue;
    }
    if (Tok.Punct == ')') {
      --Depth;
      continue;
    }
    const std::string &W = Tok.Word;
    const bool NextParen = K + 1 < T.size() && T[K + 1].Punct == '(';
    if ((W == "IN" || W == "ANY") && NextParen)
      Out.Batched = true;
    if (Depth != 0) {
      if (InProjection && NextParen && IsAggregate(W))
        ItemHasAggregate = true;
      continue;
    }
    if (W == "SELECT" && !SawSelect) {
      SawSelect = InProjection = true;
      continue;
    }
    if (InProjection) {
      if (W == "FROM" || W == "WHERE" || W == "GROUP" || W == "ORDER" ||
          W == "LIMIT" || W == "HAVING" || W == "UNION" || W == "WINDOW" ||
          W == "INTO") {
        EndItem();
        InProjection = false;
      } else if (Tok.Punct == ',') {
        EndItem();
        continue;
      } else if (NextParen && IsAggregate(W)) {
        ItemHasAggregate = true;
        continue;
      } else if (W == "OVER") {
        ItemHasOver = true;
        continue;
      } else {
        continue;
      }
    }
    if (W == "FROM")
      Out.From = true;
    else if (W == "LIMIT" || W == "FETCH" || W == "TOP")
      Out.Limit = true;
    else if (W == "GROUP" && K + 1 < T.size() && T[K + 1].Word == "BY")
      Out.GroupBy = true;
    else if (W == "UNION")
      Out.AggregateOnly = false, AllAggregate = false;
  }
  if (InProjection)
    EndItem();
  Out.AggregateOnly = AnyItem && AllAggregate;
  return Out;
}

} // namespace flow
} // namespace memlint
