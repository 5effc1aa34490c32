//===- Unmodeled.cpp - library calls no rule pack describes ---------------===//
//
// `memlint check --report-unmodeled`, in the spirit of cppcheck's
// --check-library: list the calls memlint has no vocabulary for, so a user
// sees what to teach it in .memlint.yaml. Two kinds: a method of a container
// type the packs know that its model does not list, and a library function
// (declared in a system header) called inside a loop that no pack entry
// names.
//
//===----------------------------------------------------------------------===//
#include "Unmodeled.h"

#include "ASTUtil.h"
#include "LLVMCompat.h"
#include "memlint/RuleSet.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace memlint {
namespace {

class UnmodeledFinder : public RecursiveASTVisitor<UnmodeledFinder> {
  using Base = RecursiveASTVisitor<UnmodeledFinder>;

public:
  UnmodeledFinder(ASTContext &Ctx, const RuleSet &Rules,
                  std::vector<UnmodeledCall> &Out)
      : SM(Ctx.getSourceManager()), Rules(Rules), Out(Out), Locs(SM) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    return Base::TraverseDecl(D);
  }

#define MEMLINT_LOOP(Kind)                                                     \
  bool Traverse##Kind(Kind *S) {                                               \
    ++Loops;                                                                   \
    bool R = Base::Traverse##Kind(S);                                          \
    --Loops;                                                                   \
    return R;                                                                  \
  }
  MEMLINT_LOOP(ForStmt)
  MEMLINT_LOOP(WhileStmt)
  MEMLINT_LOOP(DoStmt)
  MEMLINT_LOOP(CXXForRangeStmt)
#undef MEMLINT_LOOP

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || !SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())))
      return true;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee)) {
      if (const ContainerModel *M = Rules.findContainer(qualifiedName(MD->getParent()))) {
        std::string Name =
            qualifiedName(MD->getParent()) + "::" + MD->getNameAsString();
        if (!M->Methods.count(MD->getNameAsString()) &&
            !isa<CXXConstructorDecl>(MD) && !isa<CXXDestructorDecl>(MD) &&
            !isa<CXXConversionDecl>(MD) && !anyMatches(Rules.Pure, Name))
          add(Name, "container method", compat::beginLoc(CE));
        return true;
      }
    }
    if (Loops == 0 || isa<CXXOperatorCallExpr>(CE))
      return true;
    std::string Name = qualifiedName(Callee);
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee))
      Name = qualifiedName(MD->getParent()) + "::" + MD->getNameAsString();
    if (!described(Name))
      add(Name, "called in a loop", compat::beginLoc(CE));
    return true;
  }

private:
  const SourceManager &SM;
  const RuleSet &Rules;
  std::vector<UnmodeledCall> &Out;
  LocMaker Locs;
  unsigned Loops = 0;

  template <typename Entries> bool anyMatches(const Entries &E, const std::string &N) {
    for (const auto &X : E)
      if (X.Name.matches(N))
        return true;
    return false;
  }

  bool described(const std::string &N) {
    return anyMatches(Rules.ContainerFunctions, N) ||
           anyMatches(Rules.StreamSources, N) || anyMatches(Rules.WholeLoads, N) ||
           anyMatches(Rules.Sends, N) || anyMatches(Rules.Queries, N) ||
           anyMatches(Rules.Callables, N) || anyMatches(Rules.Backpressure, N) ||
           anyMatches(Rules.Forks, N) || anyMatches(Rules.TestAndSet, N) ||
           anyMatches(Rules.Pure, N); // accessors, conversions (rules/packs)
  }

  void add(std::string Name, const char *Why, SourceLocation At) {
    Out.push_back({std::move(Name), Why, Locs.make(At)});
  }
};

} // namespace

void findUnmodeledCalls(ASTContext &Ctx, const RuleSet &Rules,
                        std::vector<UnmodeledCall> &Out) {
  UnmodeledFinder F(Ctx, Rules, Out);
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
}

} // namespace memlint
