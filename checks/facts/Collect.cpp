//===- Collect.cpp - the one walk that feeds every collector --------------===//
#include "EntityCollector.h"
#include "InstanceCollector.h"
#include "OwnershipCollector.h"
#include "SummaryCollector.h"
#include "Walk.h"

#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace memlint {
namespace facts {
namespace {

class FactWalk : public RecursiveASTVisitor<FactWalk> {
  using Base = RecursiveASTVisitor<FactWalk>;

public:
  FactWalk(ASTContext &Ctx, const RuleSet &Rules, Facts &Out)
      : W(Ctx, Rules, Out), Entities(W), Ownership(W), Instances(W),
        Summaries(W) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) && W.inSystemHeader(D->getLocation()))
      return true;
    auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD)
      return Base::TraverseDecl(D);
    W.Fns.push_back(FD);
    std::vector<const Stmt *> Saved;
    Saved.swap(W.Stmts);
    bool Result = Base::TraverseDecl(D);
    W.Stmts.swap(Saved);
    W.Fns.pop_back();
    return Result;
  }

  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    const FieldDecl *Saved = W.MemberInit;
    W.MemberInit = Init->getMember();
    Entities.memberInit(Init);
    bool Result = Base::TraverseConstructorInitializer(Init);
    W.MemberInit = Saved;
    return Result;
  }

  bool dataTraverseStmtPre(Stmt *S) {
    W.Stmts.push_back(S);
    return true;
  }
  bool dataTraverseStmtPost(Stmt *S) {
    if (!W.Stmts.empty())
      W.Stmts.pop_back();
    return true;
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    Summaries.function(FD);
    return true;
  }

  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (!RD->hasDefinition() || RD != RD->getDefinition())
      return true;
    Instances.record(RD);
    Ownership.record(RD);
    return true;
  }

  bool VisitFieldDecl(FieldDecl *FD) {
    Instances.field(FD);
    Entities.field(FD);
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    Entities.varDecl(VD);
    Instances.varDecl(VD);
    Summaries.varDecl(VD);
    return true;
  }

  // Lazily filled memo slots are recognized after their parts were visited
  // (pre-order visits a declaration before its initializer).
  bool TraverseVarDecl(VarDecl *VD) {
    if (!Base::TraverseVarDecl(VD))
      return false;
    Entities.varDeclDone(VD);
    return true;
  }

  bool TraverseIfStmt(IfStmt *If, DataRecursionQueue * = nullptr) {
    // No queue: the children are traversed now, so their events exist when
    // the condition is inspected.
    if (!Base::TraverseIfStmt(If, nullptr))
      return false;
    Entities.ifDone(If);
    return true;
  }

  bool VisitCXXForRangeStmt(CXXForRangeStmt *FR) {
    Entities.forRange(FR);
    Summaries.forRange(FR);
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *LE) {
    Entities.lambda(LE);
    Summaries.lambda(LE);
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *NE) {
    Instances.newExpr(NE);
    return true;
  }

  bool VisitCallExpr(CallExpr *CE) {
    Entities.call(CE);
    Ownership.call(CE);
    Instances.call(CE);
    Summaries.call(CE);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    Entities.construct(CE);
    Ownership.construct(CE);
    Summaries.construct(CE);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    Entities.assign(BO);
    Summaries.assign(BO);
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *DE) {
    Entities.deleteExpr(DE);
    return true;
  }

  bool VisitInitListExpr(InitListExpr *ILE) {
    Summaries.initList(ILE);
    return true;
  }

  bool VisitReturnStmt(ReturnStmt *RS) {
    Entities.returnStmt(RS);
    Summaries.returnStmt(RS);
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *UO) {
    Summaries.addressOf(UO);
    Entities.addressOf(UO);
    return true;
  }

private:
  WalkContext W;
  EntityCollector Entities;
  OwnershipCollector Ownership;
  InstanceCollector Instances;
  SummaryCollector Summaries;
};

} // namespace
} // namespace facts

void collectFacts(ASTContext &Ctx, const RuleSet &Rules, Facts &Out) {
  facts::FactWalk Walk(Ctx, Rules, Out);
  Walk.TraverseDecl(Ctx.getTranslationUnitDecl());
  Out.normalize();
}

} // namespace memlint
