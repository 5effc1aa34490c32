//===- WindowBuffer.cpp ---------------------------------------------------===//
#include "WindowBuffer.h"

#include "ASTUtil.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

#include <map>
#include <set>

using namespace clang;

namespace memlint {
namespace facts {

namespace {

/// The field of the object a function runs on that \p E names (`w_`,
/// `this->w_`), or nullptr.
const FieldDecl *ownField(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  if (!ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(ME->getMemberDecl());
}

/// `buf_.size()` (any size-like call on the field \p V), or nothing.
bool sizeOf(const Expr *E, const FieldDecl *V) {
  const auto *MCE = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  return MCE && MCE->getMethodDecl() && MCE->getMethodDecl()->getIdentifier() &&
         (MCE->getMethodDecl()->getName() == "size" ||
          MCE->getMethodDecl()->getName() == "length") &&
         ownField(MCE->getImplicitObjectArgument()) == V;
}

void walk(const Stmt *S, const std::function<void(const Stmt *)> &F) {
  if (!S)
    return;
  F(S);
  for (const Stmt *C : S->children())
    if (C && !isa<LambdaExpr>(C))
      walk(C, F);
}

bool integerField(const FieldDecl *FD) {
  return FD && FD->getType()->isIntegerType() && !FD->getType()->isBooleanType();
}

/// A value that is the same on every run: a literal, an enumerator, a
/// constant variable (`kCheapPrepend`).
bool constantValue(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (isa<IntegerLiteral>(E))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (isa<EnumConstantDecl>(DRE->getDecl()))
      return true;
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return VD->getType().isConstQualified() && !VD->hasLocalStorage();
  }
  return false;
}

struct Direct {
  bool AdvancesW = false, AdvancesR = false;
  bool ResetsW = false, ResetsR = false;
  bool SwapsIn = false, ReadsIndex = false;
  std::set<const CXXMethodDecl *> Calls; // methods called on this object
};

} // namespace

std::optional<ContainerModel> windowBufferModel(
    const CXXRecordDecl *RD,
    const std::function<const ContainerModel *(QualType)> &ModelOf) {
  if (!RD || !RD->hasDefinition() || RD->isDependentContext() ||
      RD->isLambda() || RD->isUnion())
    return std::nullopt;
  RD = RD->getDefinition();
  const FieldDecl *V = nullptr;
  for (const FieldDecl *FD : RD->fields()) {
    const ContainerModel *M = ModelOf(FD->getType());
    if (!M)
      continue;
    if (V || !M->Contiguous)
      return std::nullopt; // two containers, or not one contiguous buffer
    V = FD;
  }
  if (!V)
    return std::nullopt;

  std::vector<const CXXMethodDecl *> Methods;
  for (const Decl *D : RD->decls()) {
    const FunctionDecl *FD = dyn_cast<FunctionDecl>(D);
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      FD = FTD->getTemplatedDecl();
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
    if (MD && !MD->isStatic() && !isa<CXXConstructorDecl>(MD) &&
        !isa<CXXDestructorDecl>(MD))
      Methods.push_back(MD);
  }
  // W: subtracted from the container's size; R: subtracted from W.
  const FieldDecl *W = nullptr, *R = nullptr;
  auto Subtractions = [&](auto &&Each) {
    for (const CXXMethodDecl *MD : Methods)
      walk(MD->getBody(), [&](const Stmt *S) {
        if (const auto *BO = dyn_cast<BinaryOperator>(S);
            BO && BO->getOpcode() == BO_Sub)
          Each(BO->getLHS(), BO->getRHS());
      });
  };
  Subtractions([&](const Expr *L, const Expr *Rhs) {
    const FieldDecl *F = ownField(Rhs);
    if (!W && integerField(F) && sizeOf(L, V))
      W = F;
  });
  if (!W)
    return std::nullopt;
  Subtractions([&](const Expr *L, const Expr *Rhs) {
    const FieldDecl *F = ownField(Rhs);
    if (!R && integerField(F) && F != W && ownField(L) == W)
      R = F;
  });
  if (!R)
    return std::nullopt;

  std::map<const CXXMethodDecl *, Direct> Facts;
  for (const CXXMethodDecl *MD : Methods) {
    Direct &D = Facts[MD];
    const Stmt *Body = MD->getBody();
    walk(Body, [&](const Stmt *S) {
      if (const auto *CAO = dyn_cast<CompoundAssignOperator>(S)) {
        const FieldDecl *F = ownField(CAO->getLHS());
        if (CAO->getOpcode() == BO_AddAssign) {
          D.AdvancesW |= F == W;
          D.AdvancesR |= F == R;
        }
      } else if (const auto *UO = dyn_cast<UnaryOperator>(S);
                 UO && UO->isIncrementOp()) {
        const FieldDecl *F = ownField(UO->getSubExpr());
        D.AdvancesW |= F == W;
        D.AdvancesR |= F == R;
      } else if (const auto *BO = dyn_cast<BinaryOperator>(S);
                 BO && BO->getOpcode() == BO_Assign) {
        const FieldDecl *F = ownField(BO->getLHS());
        const Expr *Value = BO->getRHS()->IgnoreParenImpCasts();
        // `r_ = w_ = 0`: r_ is given what w_ is.
        const auto *Chain = dyn_cast<BinaryOperator>(Value);
        const FieldDecl *From =
            Chain && Chain->getOpcode() == BO_Assign ? ownField(Chain->getLHS())
                                                     : ownField(Value);
        bool Back = constantValue(Value) || (F == R && From == W) ||
                    (F == W && From == R);
        D.ResetsW |= F == W && Back;
        D.ResetsR |= F == R && Back;
      } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (!Callee || !Callee->getIdentifier())
          return;
        // `buf_.swap(rhs.buf_)`, `std::swap(buf_, rhs.buf_)`: the content
        // of the parameter's object replaces this one's.
        if (Callee->getName() == "swap") {
          bool Own = false, Param = false;
          auto Arg = [&](const Expr *A) {
            A = A->IgnoreParenImpCasts();
            Own |= ownField(A) == V;
            if (const auto *ME = dyn_cast<MemberExpr>(A))
              if (const auto *DRE = dyn_cast<DeclRefExpr>(
                      ME->getBase()->IgnoreParenImpCasts()))
                Param |= isa<ParmVarDecl>(DRE->getDecl());
          };
          if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
            Arg(MCE->getImplicitObjectArgument());
          for (const Expr *A : CE->arguments())
            Arg(A);
          D.SwapsIn |= Own && Param;
        }
        if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
          if (isa<CXXThisExpr>(
                  MCE->getImplicitObjectArgument()->IgnoreParenImpCasts()))
            if (const CXXMethodDecl *M = MCE->getMethodDecl())
              D.Calls.insert(cast<CXXMethodDecl>(M->getCanonicalDecl()));
      } else if (const FieldDecl *F = ownField(dyn_cast<Expr>(S))) {
        D.ReadsIndex |= F == W || F == R;
      }
    });
  }
  // What a method does through the methods it calls on its own object.
  std::map<const CXXMethodDecl *, Direct> All;
  std::map<const CXXMethodDecl *, const CXXMethodDecl *> ByCanonical;
  for (const CXXMethodDecl *MD : Methods)
    ByCanonical[cast<CXXMethodDecl>(MD->getCanonicalDecl())] = MD;
  for (const CXXMethodDecl *MD : Methods) {
    Direct Sum;
    std::set<const CXXMethodDecl *> Seen{MD};
    std::vector<const CXXMethodDecl *> Work{MD};
    while (!Work.empty()) {
      const CXXMethodDecl *M = Work.back();
      Work.pop_back();
      const Direct &D = Facts[M];
      Sum.AdvancesW |= D.AdvancesW;
      Sum.AdvancesR |= D.AdvancesR;
      Sum.ResetsW |= D.ResetsW;
      Sum.ResetsR |= D.ResetsR;
      for (const CXXMethodDecl *C : D.Calls) {
        auto It = ByCanonical.find(C);
        if (It != ByCanonical.end() && Seen.insert(It->second).second)
          Work.push_back(It->second);
      }
    }
    // Swapping in and reading are the method's own.
    Sum.SwapsIn = Facts[MD].SwapsIn;
    Sum.ReadsIndex = Facts[MD].ReadsIndex;
    All[MD] = Sum;
  }

  ContainerModel M;
  M.Id = "window-buffer:" + qualifiedName(RD);
  M.Contiguous = true;
  auto Rank = [](ContainerEffect E) {
    switch (E) {
    case ContainerEffect::Grow:
      return 5;
    case ContainerEffect::Pop:
      return 4;
    case ContainerEffect::Clear:
      return 3;
    case ContainerEffect::Assign:
      return 2;
    default:
      return 1;
    }
  };
  bool Grows = false, Pops = false;
  for (const CXXMethodDecl *MD : Methods) {
    if (!MD->getIdentifier() || !MD->getBody())
      continue;
    const Direct &D = All[MD];
    std::optional<ContainerEffect> E;
    if (D.AdvancesW)
      E = ContainerEffect::Grow;
    else if (D.AdvancesR)
      E = ContainerEffect::Pop;
    else if (D.ResetsW && D.ResetsR)
      E = ContainerEffect::Clear;
    else if (D.SwapsIn)
      E = ContainerEffect::Assign;
    else if (MD->isConst() && D.ReadsIndex &&
             MD->getReturnType()->isIntegerType())
      E = ContainerEffect::Size;
    if (!E)
      continue;
    Grows |= *E == ContainerEffect::Grow;
    Pops |= *E == ContainerEffect::Pop;
    auto [It, New] = M.Methods.emplace(MD->getNameAsString(), *E);
    if (!New && Rank(*E) > Rank(It->second))
      It->second = *E;
  }
  // A window is written at one end and read at the other.
  if (!Grows || !Pops)
    return std::nullopt;
  return M;
}

} // namespace facts
} // namespace memlint
