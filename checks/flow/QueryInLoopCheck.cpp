//===- QueryInLoopCheck.cpp -----------------------------------------------===//
//
// A query (a `queries` entry of the packs) inside a loop that walks a
// collection. Collection loops: range-for (not over a constant list), loops
// whose condition reads a container (`i < v.size()`, `it != v.end()`,
// `!q.empty()`), index loops with a variable bound, the row loop of another
// query (a streaming loop), and lambdas handed to an algorithm together
// with a container or its iterators (std::for_each).
//
// One mechanism for every distance: a query API called in such a loop is a
// finding of this translation unit; any other call there (a helper, a
// virtual method, a callable in a holder) is recorded on its Call fact, and
// decideQueryInLoop() reports it when one of the functions it may run
// reaches a query, through any chain of calls in any translation unit
// (the summaries' call graph, propagated to a fixpoint).
//
// Not reported: retry and polling loops (the loop ends on the query's
// result, or its condition is not a collection), pagination (a loop that
// stops on the page it fetched), chunked batches (IN (...), = ANY(...)),
// transaction control (BEGIN, COMMIT, SAVEPOINT), and a loop that runs a
// list of statements (the SQL is the loop's element). When the SQL reaches
// the query through helpers' parameters, the text written at the call that
// fixes it decides (Call::ArgSql, Call::ArgParams, Effect::SqlParam).
//
//===----------------------------------------------------------------------===//
#include "QueryInLoopCheck.h"

#include "ASTUtil.h"
#include "LLVMCompat.h"
#include "FlowUtil.h"
#include "program/ProgramView.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

#include <map>

using namespace clang;

namespace memlint {
namespace {

using namespace flow;

void explainQueryInLoop(Finding &F) {
  explain(F, "the number of queries grows with the collection (N+1 queries)",
          "fetch all the items with one batched query instead (a join, "
          "WHERE ... IN (...) or = ANY($1), or one prepared bulk statement)");
}

/// The Call and Effect facts of this translation unit, by where they are
/// (the raw encoding of the file location of the call's beginning), so the
/// local pass can add what it sees at a site to what the summary collector
/// recorded there.
class Sites {
public:
  explicit Sites(Facts &F) {
    for (Call &C : F.Calls)
      if (C.At.Raw)
        CallsAt[C.At.Raw].push_back(&C);
    for (Effect &E : F.Effects)
      if (E.At.Raw)
        EffectsAt[E.At.Raw].push_back(&E);
  }

  /// The calls recorded at \p S: to \p Callee (a user function), or
  /// through a holder when \p Callee is a library function or unknown.
  llvm::SmallVector<Call *, 2> calls(unsigned Raw, const FunctionDecl *Callee,
                                     bool Indirect) {
    llvm::SmallVector<Call *, 2> Out;
    auto It = CallsAt.find(Raw);
    if (It == CallsAt.end())
      return Out;
    std::string Id;
    for (Call *C : It->second) {
      if ((C->Kind == CallKind::Indirect) != Indirect)
        continue;
      // Several calls begin here (`repo.get().find(x)`): tell them apart
      // by their callee.
      if (!Indirect && It->second.size() > 1) {
        if (Id.empty())
          Id = stableId(patternOf(Callee));
        if (C->Callee != Id)
          continue;
      }
      Out.push_back(C);
    }
    return Out;
  }

  llvm::SmallVector<Effect *, 1> effects(unsigned Raw, const std::string &Api) {
    llvm::SmallVector<Effect *, 1> Out;
    auto It = EffectsAt.find(Raw);
    if (It != EffectsAt.end())
      for (Effect *E : It->second)
        if (E->Kind == EffectKind::Query && E->Api == Api)
          Out.push_back(E);
    return Out;
  }

private:
  llvm::DenseMap<unsigned, llvm::SmallVector<Call *, 2>> CallsAt;
  llvm::DenseMap<unsigned, llvm::SmallVector<Effect *, 1>> EffectsAt;
};

class Checker {
public:
  Checker(Apis &A, std::vector<Finding> &Out, Facts &Summaries)
      : Ctx(A.context()), A(A), Locs(Ctx.getSourceManager()), Out(Out),
        S(Summaries) {}

  void run(const FunctionDecl *FD) {
    if (A.rules().Queries.empty())
      return;
    Body B(FD);
    for (const Stmt *St : B.all()) {
      if (!isa<CallExpr>(St) && !isa<CXXConstructExpr>(St))
        continue;
      std::optional<CallArgs> CA = callArgs(St);
      if (!CA)
        continue;
      if (const QueryApi *QA = CA->Callee ? A.query(CA->Callee) : nullptr)
        queryCall(B, St, *CA, *QA);
      else
        otherCall(B, St, *CA);
    }
  }

private:
  ASTContext &Ctx;
  Apis &A;
  LocMaker Locs;
  std::vector<Finding> &Out;
  Sites S;

  struct Loop {
    const Stmt *At = nullptr;             // the loop or the algorithm call
    std::string What;                     // "each element of 'skus'"
    const VarDecl *Element = nullptr;     // a range-for's loop variable
  };

  unsigned rawAt(const Stmt *St) const {
    SourceLocation L = compat::beginLoc(St);
    return L.isValid() ? Ctx.getSourceManager().getFileLoc(L).getRawEncoding()
                       : 0;
  }

  /// SqlFlag bits of the SQL text \p E carries, as far as it can be read.
  unsigned sqlFlags(const Expr *E) {
    if (!E || isa<CXXDefaultArgExpr>(E))
      return 0;
    QualType T = E->getType();
    if (T.isNull() || T->isDependentType() || T->isArithmeticType() ||
        T->isEnumeralType() ||
        (T->isPointerType() && !T->getPointeeType()->isAnyCharacterType()))
      return 0;
    SqlText Sql = followSql(E, A);
    if (!Sql.Any)
      return 0;
    SqlShape Shape = classifySql(Sql.Text);
    return Shape.Batched || Shape.Control ? unsigned(SqlNotPerItem) : 0u;
  }

  /// A query API: its SQL shape goes to the summary (for loops that reach
  /// it through calls); a collection loop around it is a finding here.
  void queryCall(const Body &B, const Stmt *Call, const CallArgs &CA,
                 const QueryApi &QA) {
    const Expr *SqlExpr = nullptr;
    if (QA.SqlArg >= 0 && static_cast<unsigned>(QA.SqlArg) < CA.Args.size())
      SqlExpr = CA.Args[QA.SqlArg];
    unsigned Flags = sqlFlags(SqlExpr);
    if (Flags)
      for (Effect *E : S.effects(rawAt(Call), A.name(CA.Callee)))
        E->Sql |= Flags;
    Loop L = collectionLoop(B, Call);
    if (!L.At || resultDriven(B, L.At, Call) || (Flags & SqlNotPerItem))
      return;
    if (SqlExpr && L.Element && sqlIsElement(SqlExpr, L.Element))
      return;
    report(Call, CA.Callee, L);
    // The collection loop is the finding: what repeats it is around it.
    placeFinding(Out.back(), B, L.At, A);
  }

  /// Any other call the summaries recorded (a user function, a virtual
  /// method, a callable in a holder): the SQL its arguments carry, and the
  /// collection loop it runs in, for decideQueryInLoop().
  void otherCall(const Body &B, const Stmt *St, const CallArgs &CA) {
    bool Indirect = !CA.Callee || A.inSystemHeader(CA.Callee->getLocation());
    if (Indirect && isa<CXXConstructExpr>(St))
      return;
    llvm::SmallVector<Call *, 2> Calls = S.calls(rawAt(St), CA.Callee, Indirect);
    if (Calls.empty())
      return;
    std::vector<unsigned> ArgSql(CA.Args.size(), 0);
    bool AnySql = false;
    for (unsigned I = 0; I < CA.Args.size(); ++I)
      AnySql |= (ArgSql[I] = sqlFlags(CA.Args[I])) != 0;
    Loop L;
    if (!isa<CXXConstructExpr>(St) &&
        !(CA.Callee && isa<CXXConstructorDecl>(CA.Callee))) {
      L = collectionLoop(B, St);
      if (L.At && resultDriven(B, L.At, St))
        L = Loop();
    }
    if (L.At && L.Element)
      for (unsigned I = 0; I < CA.Args.size(); ++I)
        if (sqlIsElement(CA.Args[I], L.Element)) {
          ArgSql[I] |= SqlElement;
          AnySql = true;
        }
    std::string Name;
    if (L.At && Indirect) {
      const Expr *Holder =
          CA.Object ? CA.Object : cast<CallExpr>(St)->getCallee();
      ObjectRef O = designated(Holder);
      Name = O ? displayName(O) : std::string("the callable");
    }
    for (Call *C : Calls) {
      if (AnySql) {
        C->ArgSql.resize(std::max(C->ArgSql.size(), ArgSql.size()), 0);
        for (unsigned I = 0; I < ArgSql.size(); ++I)
          C->ArgSql[I] |= ArgSql[I];
      }
      if (!L.At || !C->CollectionLoop.empty())
        continue;
      C->CollectionLoop = L.What;
      C->CollectionAt = Locs.make(L.At->getBeginLoc());
      C->CollectionCall = !isLoop(L.At);
      C->CollectionFlags = loopFlagsAround(B, L.At, A);
      C->CalleeName = Name;
    }
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
    // A library algorithm; a user function that runs the lambda per
    // element is seen through its body (the call graph).
    std::optional<CallArgs> CA = P ? callArgs(P) : std::nullopt;
    if (!CA || !isa<CallExpr>(P) ||
        (CA->Callee && !A.inSystemHeader(CA->Callee->getLocation())))
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

  void report(const Stmt *Call, const FunctionDecl *Api, const Loop &L) {
    Finding F;
    F.Rule = "query-in-loop";
    F.At = Locs.make(compat::beginLoc(Call));
    F.Message = "'" + A.name(Api) + "' runs a query once for " + L.What;
    F.Notes.push_back({Locs.make(L.At->getBeginLoc()),
                       isLoop(L.At) ? "the loop is here"
                                    : "the lambda runs once per element "
                                      "of this call"});
    explainQueryInLoop(F);
    Out.push_back(std::move(F));
  }
};

//===-- Whole program -----------------------------------------------------===//

/// How a function reaches a query: by a call (Next) to a function that
/// reaches one with key NextKey, or itself (Next == nullptr, At).
struct QueryWitness {
  const CallEdge *Next = nullptr;
  int NextKey = -1;
  const Effect *At = nullptr;
  unsigned Depth = 0;
};

/// Per function, the queries it runs, keyed by where their SQL text comes
/// from: -1 when it is written inside (or is not known), else the index of
/// the parameter that carries it, so the caller's argument decides.
using QueryKeys = std::map<int, QueryWitness>;

/// Propagates queries bottom-up over the call graph's strongly connected
/// components, to a fixpoint (recursion), like CallGraph::propagate, with
/// the SQL's origin as part of the state: a query whose SQL comes from a
/// parameter reaches a caller unless the caller's argument is a batch or
/// transaction control; if that argument is the caller's own parameter, the
/// caller's caller decides in turn.
std::map<std::string, QueryKeys> propagateQueries(const CallGraph &G) {
  const Facts &F = G.facts();
  std::map<std::string, std::vector<const Effect *>> Local;
  for (const Effect &E : F.Effects)
    if (E.Kind == EffectKind::Query && !(E.Sql & SqlNotPerItem))
      Local[E.Function].push_back(&E);
  std::map<std::string, QueryKeys> Has;
  if (Local.empty())
    return Has;
  for (const std::vector<std::string> &C : G.components()) {
    for (const std::string &Fn : C) {
      auto It = Local.find(Fn);
      if (It != Local.end())
        for (const Effect *E : It->second)
          Has[Fn].emplace(E->SqlParam, QueryWitness{nullptr, -1, E, 0});
    }
    bool Changed = true;
    while (Changed) {
      Changed = false;
      for (const std::string &Fn : C)
        for (const CallEdge &E : G.callees(Fn)) {
          auto It = Has.find(E.To);
          if (It == Has.end())
            continue;
          for (const auto &[Q, W] : It->second) {
            int K = -1;
            if (Q >= 0) {
              const Call &Site = *E.Site;
              unsigned Flags = static_cast<unsigned>(Q) < Site.ArgSql.size()
                                   ? Site.ArgSql[Q]
                                   : 0;
              if (Flags & SqlNotPerItem)
                continue;
              if (static_cast<unsigned>(Q) < Site.ArgParams.size())
                K = Site.ArgParams[Q];
            }
            unsigned Depth = W.Depth + 1;
            QueryKeys &Mine = Has[Fn];
            auto M = Mine.find(K);
            if (M != Mine.end() && M->second.Depth <= Depth)
              continue;
            Mine[K] = {&E, Q, W.At, Depth};
            Changed = true;
          }
        }
    }
  }
  return Has;
}

std::string calleeName(const Facts &F, const std::string &Id) {
  auto It = F.Functions.find(Id);
  if (It == F.Functions.end() || It->second.Name.empty())
    return "a helper";
  if (It->second.Traits & FnLambda)
    return "the lambda in '" + It->second.Name + "'";
  return "'" + It->second.Name + "'";
}

void reportThroughCalls(const CallGraph &G,
                        const std::map<std::string, QueryKeys> &Has,
                        const Call &C, const std::string &Target, int Key,
                        std::vector<Finding> &Out) {
  const Facts &F = G.facts();
  // The path: the function the call runs, then the witnesses down to the
  // query.
  std::vector<std::string> Path;
  if (Target != C.Callee)
    Path.push_back(calleeName(F, Target));
  std::string Cur = Target;
  const QueryWitness *W = &Has.at(Target).at(Key);
  while (W->Next) {
    Cur = W->Next->To;
    auto It = Has.find(Cur);
    if (It == Has.end() || !It->second.count(W->NextKey))
      break;
    W = &It->second.at(W->NextKey);
    Path.push_back(calleeName(F, Cur));
  }
  const Effect &Query = *W->At;
  Path.push_back("'" + Query.Api + "'");

  std::string Who;
  if (C.Kind == CallKind::Indirect) {
    Who = "'" + C.CalleeName + "'";
  } else {
    auto It = F.Functions.find(C.Callee);
    Who = It == F.Functions.end() ? std::string("'a helper'")
          : (It->second.Traits & FnLambda) ? std::string("'the lambda'")
                                           : "'" + It->second.Name + "'";
  }
  Finding Fd;
  Fd.Rule = "query-in-loop";
  Fd.At = C.At;
  // Ranked by the drivers of the function with the loop (rankByDrivers).
  Fd.Function = C.Caller;
  Fd.SiteFlags = C.CollectionFlags;
  Fd.Message = Who + " runs a query ('" + Query.Api + "') once for " +
               C.CollectionLoop;
  Fd.Notes.push_back({C.CollectionAt,
                      C.CollectionCall
                          ? "the lambda runs once per element of this call"
                          : "the loop is here"});
  std::string Via;
  for (const std::string &P : Path)
    Via += (Via.empty() ? "" : " -> ") + P;
  Fd.Notes.push_back({Query.At, Who + " runs a query (via " + Via + ")"});
  explainQueryInLoop(Fd);
  Out.push_back(std::move(Fd));
}

} // namespace

void collectQueryInLoop(Apis &A,
                        const std::vector<const FunctionDecl *> &Functions,
                        std::vector<Finding> &Out, Facts &Summaries) {
  Checker C(A, Out, Summaries);
  for (const FunctionDecl *FD : Functions)
    C.run(FD);
}

void decideQueryInLoop(const ProgramView &View, std::vector<Finding> &Out) {
  const Facts &F = View.facts();
  if (std::none_of(F.Calls.begin(), F.Calls.end(),
                   [](const Call &C) { return !C.CollectionLoop.empty(); }))
    return;
  const CallGraph &G = View.graph();
  std::map<std::string, QueryKeys> Has = propagateQueries(G);
  for (const Call &C : F.Calls) {
    if (C.CollectionLoop.empty())
      continue;
    for (const std::string &T : G.targets(C)) {
      auto It = Has.find(T);
      if (It == Has.end())
        continue;
      // A query whose SQL is fixed inside; else one whose SQL this call
      // passes, unless it is a batch, control, or the loop's element.
      std::optional<int> Key;
      for (const auto &[K, W] : It->second) {
        if (K >= 0) {
          unsigned Flags = static_cast<unsigned>(K) < C.ArgSql.size()
                               ? C.ArgSql[K]
                               : 0;
          if (Flags & (SqlNotPerItem | SqlElement))
            continue;
        }
        Key = K;
        break;
      }
      if (Key) {
        reportThroughCalls(G, Has, C, T, *Key, Out);
        break;
      }
    }
  }
}

} // namespace memlint
