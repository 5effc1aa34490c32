//===- ASTUtil.cpp --------------------------------------------------------===//
#include "ASTUtil.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <functional>

using namespace clang;

namespace memlint {

static void appendScopes(const DeclContext *DC, bool Namespaces,
                         std::string &Out) {
  if (!DC || DC->isTranslationUnit())
    return;
  if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
    appendScopes(DC->getParent(), Namespaces, Out);
    if (Namespaces && !NS->isInline() && !NS->isAnonymousNamespace()) {
      Out += NS->getName();
      Out += "::";
    }
    return;
  }
  if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
    appendScopes(DC->getParent(), Namespaces, Out);
    if (RD->getIdentifier()) {
      Out += RD->getName();
      Out += "::";
    }
    return;
  }
  if (isa<LinkageSpecDecl>(DC) || isa<ExternCContextDecl>(DC))
    return appendScopes(DC->getParent(), Namespaces, Out);
  // Function scopes: locals are named from their function elsewhere.
}

std::string qualifiedName(const NamedDecl *D) {
  std::string Out;
  appendScopes(D->getDeclContext(), /*Namespaces=*/true, Out);
  Out += D->getNameAsString();
  return Out;
}

std::string recordPath(const NamedDecl *D) {
  std::string Out;
  appendScopes(D->getDeclContext(), /*Namespaces=*/false, Out);
  Out += D->getNameAsString();
  return Out;
}

static const CXXRecordDecl *recordPattern(const CXXRecordDecl *RD) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
    if (Spec->getSpecializationKind() == TSK_ExplicitSpecialization)
      return RD;
    auto From = Spec->getSpecializedTemplateOrPartial();
    if (auto *P = From.dyn_cast<ClassTemplatePartialSpecializationDecl *>())
      return P;
    return From.get<ClassTemplateDecl *>()->getTemplatedDecl();
  }
  if (const CXXRecordDecl *P = RD->getInstantiatedFromMemberClass())
    return P;
  return RD;
}

const Decl *patternOf(const Decl *D) {
  if (!D)
    return D;
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    return recordPattern(RD);
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
    if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
      return P;
    return FD;
  }
  if (const auto *Field = dyn_cast<FieldDecl>(D)) {
    const auto *Parent = dyn_cast<CXXRecordDecl>(Field->getParent());
    if (!Parent)
      return Field;
    const CXXRecordDecl *P = recordPattern(Parent);
    if (P == Parent)
      return Field;
    for (const FieldDecl *PF : P->fields())
      if (PF->getFieldIndex() == Field->getFieldIndex())
        return PF;
    return Field;
  }
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    if (const VarDecl *P = VD->getInstantiatedFromStaticDataMember())
      return P;
    return VD;
  }
  return D;
}

std::string stableId(const Decl *D) {
  llvm::SmallString<128> USR;
  if (!index::generateUSRForDecl(D, USR)) {
    // Clang gives every lambda of a function that has the same signature
    // one USR ("@Sa"): where each lambda is written tells them apart, in
    // every translation unit alike.
    const auto *DC = dyn_cast<DeclContext>(D);
    llvm::SmallVector<const CXXRecordDecl *, 2> Lambdas;
    for (DC = DC ? DC : D->getDeclContext(); DC; DC = DC->getParent())
      if (const auto *RD = dyn_cast<CXXRecordDecl>(DC); RD && RD->isLambda())
        Lambdas.push_back(RD);
    if (Lambdas.empty())
      return std::string(USR.str());
    const SourceManager &SM = D->getASTContext().getSourceManager();
    std::string Out(USR.str());
    for (auto It = Lambdas.rbegin(); It != Lambdas.rend(); ++It) {
      SourceLocation L = (*It)->getLocation();
      Out += "@L" + std::to_string(SM.getExpansionLineNumber(L)) + ":" +
             std::to_string(SM.getExpansionColumnNumber(L));
      // Two lambdas of one macro's expansion: where the macro spells each.
      if (L.isMacroID())
        Out += "s" + std::to_string(SM.getSpellingLineNumber(L)) + ":" +
               std::to_string(SM.getSpellingColumnNumber(L));
    }
    return Out;
  }
  // No USR (rare: some implicit declarations): the declaration's location
  // is stable enough within one build.
  const SourceManager &SM = D->getASTContext().getSourceManager();
  return "memlint@" + D->getLocation().printToString(SM);
}

const Expr *strip(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(Next))
      Next = EWC->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = BTE->getSubExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

bool mentionsDecl(const Stmt *S, const ValueDecl *D) {
  if (!S || !D)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (DRE->getDecl() == D)
      return true;
  if (const auto *ME = dyn_cast<MemberExpr>(S))
    if (ME->getMemberDecl() == D)
      return true;
  for (const Stmt *C : S->children())
    if (mentionsDecl(C, D))
      return true;
  return false;
}

const Expr *peelHandover(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = strip(E);
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
        CE && CE->getNumArgs() == 1) {
      E = CE->getArg(0);
      continue;
    }
    if (const auto *CE = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *FD = CE->getDirectCallee();
      if (FD && CE->getNumArgs() == 1 && FD->isInStdNamespace() &&
          FD->getIdentifier() &&
          (FD->getName() == "move" || FD->getName() == "forward")) {
        E = CE->getArg(0);
        continue;
      }
    }
    return E;
  }
  return E;
}

/// The body of \p Def has a return, and every return (lambdas' and blocks'
/// aside) returns a value \p Ok accepts.
static bool everyReturn(const FunctionDecl *Def,
                        const std::function<bool(const Expr *)> &Ok) {
  unsigned Returns = 0;
  std::function<bool(const Stmt *)> All = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr>(S) || isa<BlockExpr>(S))
      return true;
    if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
      ++Returns;
      return RS->getRetValue() && Ok(RS->getRetValue());
    }
    for (const Stmt *C : S->children())
      if (!All(C))
        return false;
    return true;
  };
  return All(Def->getBody()) && Returns > 0;
}

bool returnsZeroOnly(const FunctionDecl *FD, ASTContext &Ctx) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def->getReturnType()->isIntegerType())
    return false;
  return everyReturn(Def, [&](const Expr *V) {
    Expr::EvalResult R;
    return !V->isValueDependent() && V->EvaluateAsInt(R, Ctx) &&
           R.Val.getInt() == 0;
  });
}

bool returnsThisOnly(const FunctionDecl *FD) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
  const FunctionDecl *Def = nullptr;
  if (!MD || MD->isStatic() || MD->isOverloadedOperator() ||
      isa<CXXConversionDecl>(MD) || isa<CXXConstructorDecl>(MD) ||
      !MD->hasBody(Def))
    return false;
  const auto *Ref = MD->getReturnType()->getAs<LValueReferenceType>();
  const CXXRecordDecl *RD =
      Ref ? Ref->getPointeeType()->getAsCXXRecordDecl() : nullptr;
  if (!RD || RD->getCanonicalDecl() != MD->getParent()->getCanonicalDecl())
    return false;
  return everyReturn(Def, [](const Expr *V) {
    const auto *U = dyn_cast<UnaryOperator>(V->IgnoreParenImpCasts());
    return U && U->getOpcode() == UO_Deref &&
           isa<CXXThisExpr>(U->getSubExpr()->IgnoreParenImpCasts());
  });
}

bool isBuilder(const CXXRecordDecl *RD) {
  if (!RD || !(RD = RD->getDefinition()))
    return false;
  unsigned Chained = 0;
  for (const Decl *D : RD->decls()) {
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
      D = FT->getTemplatedDecl();
    const auto *MD = dyn_cast<CXXMethodDecl>(D);
    if (!MD || MD->isImplicit() || MD->getAccess() != AS_public ||
        MD->isStatic() || MD->isConst() || MD->isOverloadedOperator() ||
        isa<CXXConstructorDecl>(MD) || isa<CXXDestructorDecl>(MD) ||
        isa<CXXConversionDecl>(MD))
      continue;
    const auto *Ref = MD->getReturnType()->getAs<LValueReferenceType>();
    const CXXRecordDecl *Ret =
        Ref ? Ref->getPointeeType()->getAsCXXRecordDecl() : nullptr;
    if (!Ret || Ret->getCanonicalDecl() != RD->getCanonicalDecl())
      return false;
    ++Chained;
  }
  return Chained >= 2;
}

bool isNonConstRefOrPtr(QualType T) {
  if (const auto *R = T->getAs<ReferenceType>())
    return !R->getPointeeType().isConstQualified();
  if (const auto *P = T->getAs<PointerType>())
    return !P->getPointeeType().isConstQualified();
  return false;
}

bool isLoop(const Stmt *S) { return loopBody(S) != nullptr; }

const Expr *loopCondition(const Stmt *S) {
  if (const auto *F = dyn_cast_or_null<ForStmt>(S))
    return F->getCond();
  if (const auto *W = dyn_cast_or_null<WhileStmt>(S))
    return W->getCond();
  if (const auto *D = dyn_cast_or_null<DoStmt>(S))
    return D->getCond();
  return nullptr;
}

const Stmt *loopBody(const Stmt *S) {
  if (const auto *F = dyn_cast_or_null<ForStmt>(S))
    return F->getBody();
  if (const auto *W = dyn_cast_or_null<WhileStmt>(S))
    return W->getBody();
  if (const auto *D = dyn_cast_or_null<DoStmt>(S))
    return D->getBody();
  if (const auto *R = dyn_cast_or_null<CXXForRangeStmt>(S))
    return R->getBody();
  return nullptr;
}

static bool hasMethodIn(const CXXRecordDecl *RD, llvm::StringRef Name,
                        unsigned Depth) {
  // A specialization nothing instantiated (`vector<shared_ptr<T>>` whose
  // element type is only named): look at the template it comes from.
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD))
    if (!Spec->hasDefinition())
      RD = Spec->getSpecializedTemplate()->getTemplatedDecl();
  if (!RD || Depth > 6 || !RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  for (const Decl *D : RD->decls())
    if (const auto *ND = dyn_cast<NamedDecl>(D))
      if (isa<CXXMethodDecl>(ND) || isa<FunctionTemplateDecl>(ND)) {
        // An identifier is compared in place (this runs for every member of
        // every class a walk asks about); operators and the like by name.
        const IdentifierInfo *II = ND->getIdentifier();
        if (II ? II->getName() == Name : ND->getNameAsString() == Name)
          return true;
      }
  for (const CXXBaseSpecifier &B : RD->bases())
    if (hasMethodIn(B.getType()->getAsCXXRecordDecl(), Name, Depth + 1))
      return true;
  return false;
}

bool hasMethod(const CXXRecordDecl *RD, llvm::StringRef Name) {
  return hasMethodIn(RD, Name, 0);
}

bool synchronizes(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return false;
  for (const FieldDecl *F : RD->getDefinition()->fields()) {
    const CXXRecordDecl *T =
        F->getType().getCanonicalType()->getAsCXXRecordDecl();
    if (T && ((hasMethod(T, "lock") && hasMethod(T, "unlock")) ||
              (hasMethod(T, "wait") && hasMethod(T, "notify_one"))))
      return true;
  }
  return false;
}

Loc LocMaker::make(SourceLocation L) {
  Loc Out;
  if (L.isInvalid())
    return Out;
  SourceLocation FileLoc = SM.getFileLoc(L);
  auto [FID, Offset] = SM.getDecomposedLoc(FileLoc);
  auto It = Names.find(FID);
  if (It == Names.end()) {
    std::string Name;
    if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID)) {
      llvm::SmallString<256> Path(FE->getName());
      SM.getFileManager().makeAbsolutePath(Path);
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      Name = std::string(Path.str());
    }
    It = Names.try_emplace(FID, std::move(Name)).first;
  }
  if (It->second.empty())
    return Out;
  Out.File = It->second;
  Out.Line = SM.getLineNumber(FID, Offset);
  Out.Column = SM.getColumnNumber(FID, Offset);
  Out.Raw = FileLoc.getRawEncoding();
  return Out;
}

} // namespace memlint
