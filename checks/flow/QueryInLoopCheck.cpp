//===- QueryInLoopCheck.cpp -----------------------------------------------===//
//
// A query (a `queries` entry of the packs) inside a loop that walks a
// collection, directly or through a helper defined in this translation unit
// that runs one. Collection loops: range-for (not over a constant list),
// loops whose condition reads a container (`i < v.size()`, `it != v.end()`,
// `!q.empty()`), index loops with a variable bound, the row loop of another
// query (a streaming loop), and lambdas handed to an algorithm together
// with a container or its iterators (std::for_each).
//
// Not reported: retry and polling loops (the loop ends on the query's
// result, or its condition is not a collection), pagination (a loop that
// stops on the page it fetched), chunked batches (IN (...), = ANY(...)),
// transaction control (BEGIN, COMMIT, SAVEPOINT), and a loop that runs a
// list of statements (the SQL is the loop's element).
//
//===----------------------------------------------------------------------===//
#include "QueryInLoopCheck.h"

#include "ASTUtil.h"
#include "LLVMCompat.h"
#include "FlowUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

#include <map>

using namespace clang;

namespace memlint {
namespace {

using namespace flow;

/// A query a call runs: itself, or the first one inside a helper.
struct QuerySite {
  const Stmt *Inner = nullptr;        // the query call (maybe in a helper)
  const QueryApi *Api = nullptr;
  int SqlParam = -1; // the helper's parameter that carries the SQL text
};

class Checker {
public:
  Checker(Apis &A, std::vector<Finding> &Out)
      : Ctx(A.context()), A(A), Locs(Ctx.getSourceManager()), Out(Out) {}

  void run(const FunctionDecl *FD) {
    if (A.rules().Queries.empty())
      return;
    Body B(FD);
    for (const Stmt *S : B.all()) {
      if (!isa<CallExpr>(S) && !isa<CXXConstructExpr>(S))
        continue;
      std::optional<CallArgs> CA = callArgs(S);
      if (!CA || !CA->Callee)
        continue;
      QuerySite Q;
      bool Direct = false;
      if (const QueryApi *QA = A.query(CA->Callee)) {
        Q = {S, QA, -1};
        Direct = true;
      } else if (A.userDefined(CA->Callee) &&
                 !isa<CXXConstructorDecl>(CA->Callee)) {
        Q = helperQuery(CA->Callee, 0);
        if (!Q.Inner)
          continue;
      } else {
        continue;
      }
      Loop L = collectionLoop(B, S);
      if (!L.At)
        continue;
      if (resultDriven(B, L.At, S))
        continue;
      // The SQL: at this call, or at the helper's SQL parameter.
      const Expr *SqlExpr = nullptr;
      if (Direct) {
        if (Q.Api->SqlArg >= 0 &&
            static_cast<unsigned>(Q.Api->SqlArg) < CA->Args.size())
          SqlExpr = CA->Args[Q.Api->SqlArg];
      } else if (Q.SqlParam >= 0 &&
                 static_cast<unsigned>(Q.SqlParam) < CA->Args.size()) {
        SqlExpr = CA->Args[Q.SqlParam];
      } else if (Q.Api->SqlArg >= 0) {
        std::optional<CallArgs> Inner = callArgs(Q.Inner);
        if (Inner && static_cast<unsigned>(Q.Api->SqlArg) < Inner->Args.size())
          SqlExpr = Inner->Args[Q.Api->SqlArg];
      }
      if (SqlExpr) {
        SqlText Sql = followSql(SqlExpr, A);
        if (Sql.Any) {
          SqlShape Shape = classifySql(Sql.Text);
          if (Shape.Batched || Shape.Control)
            continue;
        }
        if (L.Element && sqlIsElement(SqlExpr, L.Element))
          continue;
      }
      report(S, CA->Callee, Direct, Q, L);
    }
  }

private:
  ASTContext &Ctx;
  Apis &A;
  LocMaker Locs;
  std::vector<Finding> &Out;
  std::map<const FunctionDecl *, QuerySite> Helpers;

  struct Loop {
    const Stmt *At = nullptr;             // the loop or the algorithm call
    std::string What;                     // "each element of 'skus'"
    const VarDecl *Element = nullptr;     // a range-for's loop variable
  };

  QuerySite helperQuery(const FunctionDecl *FD, unsigned Depth) {
    const FunctionDecl *Def = nullptr;
    if (!FD->getBody(Def) || !Def)
      return {};
    auto It = Helpers.find(Def);
    if (It != Helpers.end())
      return It->second;
    Helpers[Def] = {}; // recursion guard
    if (Depth > 3 || A.inSystemHeader(Def->getLocation()))
      return {};
    Body B(Def);
    QuerySite Found;
    for (const Stmt *S : B.all()) {
      if (!isa<CallExpr>(S) && !isa<CXXConstructExpr>(S))
        continue;
      std::optional<CallArgs> CA = callArgs(S);
      if (!CA || !CA->Callee)
        continue;
      if (const QueryApi *QA = A.query(CA->Callee)) {
        Found = {S, QA, -1};
        if (QA->SqlArg >= 0 &&
            static_cast<unsigned>(QA->SqlArg) < CA->Args.size())
          Found.SqlParam = paramOf(Def, CA->Args[QA->SqlArg]);
        break;
      }
      if (A.userDefined(CA->Callee) && CA->Callee != Def) {
        QuerySite Inner = helperQuery(CA->Callee, Depth + 1);
        if (Inner.Inner) {
          Found = Inner;
          Found.SqlParam = -1;
          if (Inner.SqlParam >= 0 &&
              static_cast<unsigned>(Inner.SqlParam) < CA->Args.size())
            Found.SqlParam = paramOf(Def, CA->Args[Inner.SqlParam]);
          break;
        }
      }
    }
    Helpers[Def] = Found;
    return Found;
  }

  /// The index of the parameter of \p FD that \p E is (through
  /// `.c_str()`), or -1.
  static int paramOf(const FunctionDecl *FD, const Expr *E) {
    E = strip(E);
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E))
      if (MCE->getNumArgs() == 0)
        E = strip(MCE->getImplicitObjectArgument());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
        if (P->getDeclContext() == FD)
          return static_cast<int>(P->getFunctionScopeIndex());
    return -1;
  }

  static bool sqlIsElement(const Expr *Sql, const VarDecl *Element) {
    const Expr *E = strip(Sql);
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E))
      if (MCE->getNumArgs() == 0)
        E = strip(MCE->getImplicitObjectArgument());
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
      if (CE->getNumArgs() >= 1)
        E = strip(CE->getArg(0));
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    return DRE && DRE->getDecl() == Element;
  }

  /// The container \p S reads (its size, its end, whether it is empty).
  const Expr *readsContainer(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return nullptr;
    if (const auto *E = dyn_cast<Expr>(S))
      if ((isa<DeclRefExpr>(E) || isa<MemberExpr>(E)) &&
          A.container(objectType(E)))
        return E;
    for (const Stmt *C : S->children())
      if (const Expr *E = readsContainer(C))
        return E;
    return nullptr;
  }

  std::string describeRange(const Expr *Range) {
    if (Range)
      if (ObjectRef O = designated(Range))
        return "each element of '" + displayName(O) + "'";
    return "each element of the range";
  }

  /// Is \p L a loop over the items of a collection?
  bool isCollectionLoop(const Stmt *L, Loop &Out) {
    if (constantTripCount(L, Ctx, A))
      return false;
    if (std::optional<StreamLoop> SL = streamingLoop(L, A)) {
      Out.What = "each row or element streamed by '" + SL->SourceName + "'";
      if (const auto *R = dyn_cast<CXXForRangeStmt>(L))
        Out.Element = R->getLoopVariable();
      return true;
    }
    if (const auto *R = dyn_cast<CXXForRangeStmt>(L)) {
      Out.What = describeRange(R->getRangeInit());
      Out.Element = R->getLoopVariable();
      return true;
    }
    const Expr *Cond = loopCondition(L);
    if (!Cond)
      return false;
    if (const Expr *C = readsContainer(Cond)) {
      Out.What = describeRange(C);
      return true;
    }
    // An index loop with a bound that is not a constant: `i < n`,
    // `i < PQntuples(res)`.
    if (const auto *F = dyn_cast<ForStmt>(L)) {
      const auto *Cmp = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
      if (F->getInc() && Cmp && Cmp->isRelationalOp()) {
        Out.What = "each iteration of this index loop";
        return true;
      }
    }
    return false;
  }

  /// The innermost collection loop \p Call runs in, or an algorithm call
  /// that runs the lambda holding it once per element.
  Loop collectionLoop(const Body &B, const Stmt *Call) {
    Loop Out;
    for (const Stmt *L : B.loopsAround(Call))
      if (isCollectionLoop(L, Out)) {
        Out.At = L;
        return Out;
      }
    if (!B.loopsAround(Call).empty())
      return Out;
    const LambdaExpr *LE = B.enclosingLambda(Call);
    if (!LE)
      return Out;
    const Stmt *P = B.parent(LE);
    while (P && (isa<ImplicitCastExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
                 isa<CXXBindTemporaryExpr>(P) ||
                 (isa<CXXConstructExpr>(P) &&
                  cast<CXXConstructExpr>(P)->getNumArgs() == 1)))
      P = B.parent(P);
    std::optional<CallArgs> CA = P ? callArgs(P) : std::nullopt;
    if (!CA || !isa<CallExpr>(P))
      return Out;
    for (const Expr *Arg : CA->Args) {
      const Expr *E = strip(Arg);
      const Expr *Range = nullptr;
      if (A.container(objectType(E)))
        Range = E;
      else if (std::optional<CallArgs> It = callArgs(E))
        if (It->Object && A.container(objectType(It->Object)))
          Range = It->Object;
      if (Range) {
        Out.At = P;
        Out.What = describeRange(Range);
        return Out;
      }
    }
    return Out;
  }

  /// Retry, polling and pagination loops stop on the query's result.
  bool resultDriven(const Body &B, const Stmt *L, const Stmt *Call) {
    if (!isLoop(L))
      return false;
    const Expr *Cond = loopCondition(L);
    if (Cond && B.contains(Cond, Call))
      return true;
    // The variable the result lands in.
    const ValueDecl *Result = nullptr;
    for (const Stmt *P = B.parent(Call); P && P != L; P = B.parent(P)) {
      if (const auto *DS = dyn_cast<DeclStmt>(P)) {
        if (DS->isSingleDecl())
          Result = dyn_cast<VarDecl>(DS->getSingleDecl());
        break;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
        if (BO->isAssignmentOp())
          if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(BO->getLHS())))
            Result = DRE->getDecl();
        break;
      }
      if (isa<CompoundStmt>(P))
        break;
    }
    if (Result && Cond && mentionsDecl(Cond, Result))
      return true;
    // `if (ok) break;`, `if (rows.empty()) return;` in the loop.
    for (const Stmt *S : B.all()) {
      const auto *If = dyn_cast<IfStmt>(S);
      if (!If || !B.contains(L, If) || B.loopsAround(If).empty() ||
          B.loopsAround(If).front() != L)
        continue;
      if (!leavesLoop(If->getThen()) && !leavesLoop(If->getElse()))
        continue;
      if (B.contains(If->getCond(), Call) ||
          (Result && mentionsDecl(If->getCond(), Result)))
        return true;
    }
    return false;
  }

  static std::string helperName(const FunctionDecl *FD) {
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
      if (MD->getParent()->isLambda())
        return "the lambda";
      return recordPath(MD);
    }
    return FD->getNameAsString();
  }

  void report(const Stmt *Call, const FunctionDecl *Callee, bool Direct,
              const QuerySite &Q, const Loop &L) {
    Finding F;
    F.Rule = "query-in-loop";
    F.At = Locs.make(compat::beginLoc(Call));
    std::string QueryName =
        A.name(callArgs(Q.Inner)->Callee);
    std::string Who = Direct ? "'" + QueryName + "' runs a query"
                             : "'" + helperName(Callee) + "' runs a query ('" +
                                   QueryName + "')";
    F.Message = Who + " once for " + L.What;
    F.Notes.push_back({Locs.make(L.At->getBeginLoc()),
                       isLoop(L.At) ? "the loop is here"
                                      : "the lambda runs once per element "
                                        "of this call"});
    if (!Direct)
      F.Notes.push_back({Locs.make(Q.Inner->getBeginLoc()),
                         "'" + QueryName + "' is called here"});
    explain(F,
            "the number of queries grows with the collection (N+1 queries)",
            "fetch all the items with one batched query instead (a join, "
            "WHERE ... IN (...) or = ANY($1), or one prepared bulk "
            "statement)");
    Out.push_back(std::move(F));
  }
};

} // namespace

void collectQueryInLoop(Apis &A, const std::vector<const FunctionDecl *> &Functions,
    std::vector<Finding> &Out) {
  Checker C(A, Out);
  for (const FunctionDecl *FD : Functions)
    C.run(FD);
}

} // namespace memlint
