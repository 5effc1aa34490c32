//===- WholeCollectionLoadCheck.cpp ---------------------------------------===//
//
// Four shapes of one mistake, all named by the `whole_loads` of the packs:
//
//  - a load call: a query API whose SQL is an unbounded SELECT
//    (sqlite3_get_table, PQexec, pqxx exec, mysql_store_result after its
//    query), or a call that returns a whole file or listing (readAll,
//    scandir's out-parameter), or a stream buffer (rdbuf) inserted into an
//    in-memory stream;
//  - a container built from a range of a streaming iterator type
//    (istreambuf_iterator, istream_iterator): constructor, assign, insert,
//    or an algorithm writing through back_inserter;
//  - a stream read (a stream_sources call) whose size comes from a size
//    probe (tellg, ftell, file_size: whole_loads entries returning a
//    number): one read of the whole file;
//  - a container filled with a generated sequence (std::iota, or a
//    counting loop that appends its counter) only to be walked once.
//
// Files and ranges are reported only when the loaded container is then
// walked once front to back; one that is sorted, permuted, modified in
// place, randomly accessed or walked twice is genuinely needed whole. A
// listing the load itself sorts (a comparison in its `sort_arg`) is low:
// a sorted listing needs every entry.
//
//===----------------------------------------------------------------------===//
#include "WholeCollectionLoadCheck.h"

#include "ASTUtil.h"
#include "LLVMCompat.h"
#include "FlowUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <set>

using namespace clang;

namespace memlint {
namespace {

using namespace flow;

constexpr const char *RuleId = "whole-collection-load";

/// The first ancestor that is not an implicit wrapper of \p S.
const Stmt *semanticParent(const Body &B, const Stmt *S) {
  const Stmt *P = B.parent(S);
  while (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P) ||
               isa<MaterializeTemporaryExpr>(P) || isa<ExprWithCleanups>(P) ||
               isa<CXXBindTemporaryExpr>(P) ||
               (isa<CXXConstructExpr>(P) &&
                cast<CXXConstructExpr>(P)->getNumArgs() == 1 &&
                cast<CXXConstructExpr>(P)->getConstructor() &&
                (cast<CXXConstructExpr>(P)
                     ->getConstructor()
                     ->isCopyOrMoveConstructor()))))
    P = B.parent(P);
  return P;
}

class Checker {
public:
  Checker(Apis &A, std::vector<Finding> &Out)
      : Ctx(A.context()), A(A), Locs(Ctx.getSourceManager()), Out(Out) {}

  void run(const FunctionDecl *FD) {
    if (A.rules().WholeLoads.empty())
      return;
    Body B(FD);
    Probes.clear();
    for (const Stmt *S : B.all()) {
      size_t Before = Out.size();
      if (isa<CallExpr>(S) || isa<CXXConstructExpr>(S)) {
        loadCall(B, S);
        iteratorRange(B, S);
        streamReadSizedByProbe(B, S);
      }
      if (const auto *F = dyn_cast<ForStmt>(S))
        counterFill(B, F); // the loop is the finding: S is that loop
      for (size_t I = Before; I < Out.size(); ++I)
        placeFinding(Out[I], B, S, A);
    }
  }

private:
  ASTContext &Ctx;
  Apis &A;
  LocMaker Locs;
  std::vector<Finding> &Out;
  std::set<const Stmt *> Probes; // probe calls already attributed

  //===-- Load calls ------------------------------------------------------===//

  void loadCall(const Body &B, const Stmt *S) {
    std::optional<CallArgs> CA = callArgs(S);
    if (!CA || !CA->Callee)
      return;
    const WholeLoad *W = A.wholeLoadCall(CA->Callee);
    if (!W)
      return;
    const std::string &Name = A.name(CA->Callee);
    QualType Ret = CA->Callee->getReturnType();

    // Database loads: judged by their SQL.
    if (W->SqlArg >= 0) {
      if (static_cast<unsigned>(W->SqlArg) >= CA->Args.size())
        return;
      SqlText Sql = followSql(CA->Args[W->SqlArg], A);
      if (Sql.Complete && unboundedSelect(Sql.Text))
        reportDatabase(S, Name, W, Sql.Text);
      return;
    }
    // A result fetched after a query on the same connection
    // (mysql_store_result after mysql_query, PQexecPrepared after
    // PQprepare).
    if (const Stmt *Q = precedingQuery(B, S, *CA)) {
      const QueryApi *QA = A.query(callArgs(Q)->Callee);
      SqlText Sql = followSql(callArgs(Q)->Args[QA->SqlArg], A);
      if (Sql.Complete && unboundedSelect(Sql.Text))
        reportDatabase(S, Name, W, Sql.Text);
      return;
    }
    if (A.query(CA->Callee))
      return; // a query whose SQL we cannot see

    // A number: a size probe (tellg, ftell, file_size); judged where it
    // sizes a read. Unless it fills an out-parameter (scandir(&list)).
    if (Ret->isArithmeticType() ||
        (Ret->isRecordType() && !A.ownsContainer(Ret))) {
      bool OutParam = false;
      for (const Expr *Arg : CA->Args)
        if (const auto *UO = dyn_cast<UnaryOperator>(strip(Arg)))
          OutParam |= UO->getOpcode() == UO_AddrOf &&
                      UO->getSubExpr()->getType()->isPointerType();
      if (!OutParam)
        return;
      // A filter that keeps no entry (it counts or collects them itself)
      // loads nothing; one that arrives as a parameter is judged once the
      // whole program says what flows there.
      std::string FilterHolder;
      if (W->FilterArg >= 0 && unsigned(W->FilterArg) < CA->Args.size()) {
        const Expr *Filter = strip(CA->Args[W->FilterArg]);
        if (const auto *UO = dyn_cast<UnaryOperator>(Filter);
            UO && UO->getOpcode() == UO_AddrOf)
          Filter = strip(UO->getSubExpr());
        if (const auto *DRE = dyn_cast<DeclRefExpr>(Filter)) {
          if (const auto *Fn = dyn_cast<FunctionDecl>(DRE->getDecl());
              Fn && returnsZeroOnly(Fn, Ctx))
            return;
          if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
            if (const auto *Owner =
                    dyn_cast<FunctionDecl>(P->getDeclContext());
                Owner && Owner == B.function())
              FilterHolder = stableId(patternOf(Owner)) + "#" +
                             std::to_string(P->getFunctionScopeIndex());
        }
      }
      Finding F = makeFinding(S,
                              "'" + Name + "' loads every entry at once into "
                              "memory, so memory grows with the source",
                              W);
      F.FilterHolder = FilterHolder;
      // Given a comparison, the entries come back sorted, and a sorted
      // listing needs every entry: streaming them is no way out.
      const Expr *Compar = nullptr;
      if (W->SortArg >= 0 && unsigned(W->SortArg) < CA->Args.size())
        Compar = CA->Args[W->SortArg];
      if (std::optional<std::string> By =
              Compar ? comparison(Compar) : std::nullopt) {
        F.Conf = Confidence::Low;
        F.Notes.push_back({Locs.make(Compar->getBeginLoc()),
                           "the entries are sorted here, by " + *By +
                               ": a sorted listing needs every entry"});
        explain(F, F.Detail,
                "a sorted listing cannot be streamed: bound the input or "
                "page it instead");
      } else {
        finish(F, W);
      }
      Out.push_back(std::move(F));
      return;
    }

    // Fills a container through its iterators (std::iota): reported when
    // the container is sized from input and then walked once.
    if (Ret->isVoidType()) {
      generatedFill(B, S, *CA, W);
      return;
    }

    // A stream buffer: copies nothing by itself; inserting it into an
    // in-memory stream (`ss << in.rdbuf()`) copies the whole source.
    if (const auto *PT = Ret->getAs<PointerType>()) {
      const CXXRecordDecl *RD = PT->getPointeeType()->getAsCXXRecordDecl();
      if (RD && isa<CXXMethodDecl>(CA->Callee)) {
        const Stmt *P = semanticParent(B, S);
        std::optional<CallArgs> Outer = P ? callArgs(P) : std::nullopt;
        if (!Outer || !isa<CXXOperatorCallExpr>(P))
          return;
        const Expr *Dest = Outer->Object ? Outer->Object
                           : Outer->Args.empty() ? nullptr
                                                 : Outer->Args[0];
        if (!Dest || strip(Dest) == S ||
            !A.ownsContainer(objectType(strip(Dest))))
          return;
        report(P, "inserting '" + Name + "()' copies the whole stream into "
                  "the in-memory stream '" + exprName(Dest) +
                  "', so memory grows with the input", W);
        return;
      }
    }

    // A whole file or listing returned by value: reported unless the
    // variable it lands in is needed whole.
    if (!A.ownsContainer(Ret) && !Ret->isPointerType())
      return;
    const VarDecl *Dest = destinationVar(B, S);
    const Stmt *Walk = nullptr;
    if (Dest && neededWhole(B, Dest, S, &Walk))
      return;
    report(S, "'" + Name + "' loads the whole source into memory at once" +
                  std::string(Dest ? " ('" + Dest->getNameAsString() + "')"
                                   : "") +
                  (Walk ? ", which is then read once front to back" : "") +
                  ", so memory grows with the input",
           W, Walk);
  }

  /// A comparison argument that is a function or a lambda: how to name
  /// it. Null (NULL, nullptr, 0) sorts nothing; a parameter or a variable
  /// may be null: neither counts.
  std::optional<std::string> comparison(const Expr *E) {
    E = strip(E);
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf)
      E = strip(UO->getSubExpr());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *Fn = dyn_cast<FunctionDecl>(DRE->getDecl()))
        return "'" + A.name(Fn) + "'";
    // A lambda converted to a function pointer.
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E))
      E = strip(MCE->getImplicitObjectArgument());
    if (isa<LambdaExpr>(E))
      return std::string("a lambda");
    return std::nullopt;
  }

  static bool unboundedSelect(const std::string &Sql) {
    SqlShape Shape = classifySql(Sql);
    return Shape.Select && !Shape.boundedRows();
  }

  /// The last query call before \p Load that uses the same connection or
  /// handle (the first argument, or the object).
  const Stmt *precedingQuery(const Body &B, const Stmt *Load,
                             const CallArgs &CA) {
    const Expr *Conn = CA.Object ? CA.Object
                       : CA.Args.empty() ? nullptr
                                         : CA.Args[0];
    ObjectRef C = Conn ? designated(Conn) : ObjectRef();
    if (!C)
      return nullptr;
    const SourceManager &SM = Ctx.getSourceManager();
    const Stmt *Best = nullptr;
    for (const Stmt *S : B.all()) {
      if (S == Load || !isa<CallExpr>(S))
        continue;
      if (!SM.isBeforeInTranslationUnit(S->getBeginLoc(), Load->getBeginLoc()))
        continue;
      std::optional<CallArgs> Q = callArgs(S);
      if (!Q || !Q->Callee)
        continue;
      const QueryApi *QA = A.query(Q->Callee);
      if (!QA || QA->SqlArg < 0 ||
          static_cast<unsigned>(QA->SqlArg) >= Q->Args.size())
        continue;
      const Expr *QC = Q->Object ? Q->Object
                       : Q->Args.empty() ? nullptr
                                         : Q->Args[0];
      if (QC && designated(QC) == C)
        Best = S;
    }
    return Best;
  }

  //===-- Ranges of stream iterators -------------------------------------===//

  void iteratorRange(const Body &B, const Stmt *S) {
    std::optional<CallArgs> CA = callArgs(S);
    if (!CA || !CA->Callee)
      return;
    const WholeLoad *W = nullptr;
    for (const Expr *Arg : CA->Args)
      if ((W = A.wholeLoadType(Arg->getType())))
        break;
    if (!W)
      return;
    // Where the elements go: a container being constructed, a container
    // method (assign, insert), or a back_inserter argument.
    const Expr *DestExpr = nullptr;
    const VarDecl *Dest = nullptr;
    if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
      if (!A.container(CE->getType()))
        return; // copying the iterator itself
      Dest = destinationVar(B, S);
    } else if (CA->Object) {
      if (!A.container(objectType(CA->Object)))
        return;
      DestExpr = CA->Object;
    } else {
      for (const Expr *Arg : CA->Args)
        if (const auto *Ins = dyn_cast<CallExpr>(strip(Arg)))
          if (Ins->getNumArgs() == 1 && Ins->getDirectCallee())
            for (const ContainerFunction &CF : A.rules().ContainerFunctions)
              if (CF.Effect == ContainerEffect::Grow &&
                  CF.Name.matches(A.name(Ins->getDirectCallee())))
                DestExpr = Ins->getArg(0);
      if (!DestExpr)
        return;
    }
    if (DestExpr) {
      ObjectRef O = designated(DestExpr);
      Dest = O ? dyn_cast<VarDecl>(O.Decl) : nullptr;
      if (Dest && !Dest->hasLocalStorage())
        Dest = nullptr;
    }
    const Stmt *Walk = nullptr;
    if (Dest && neededWhole(B, Dest, S, &Walk))
      return;
    std::string What = Dest ? "'" + Dest->getNameAsString() + "'"
                     : DestExpr ? "'" + exprName(DestExpr) + "'"
                                : std::string("a container");
    std::string Iter = W->Name.isRegex() ? std::string("a stream iterator")
                                         : "'" + W->Name.text() + "'";
    report(S, What + " is filled from a whole " + Iter +
                  " range, so the whole input is held in memory" +
                  (Walk ? " although it is then read once front to back"
                        : std::string("")),
           W, Walk);
  }

  //===-- One read of a probed size --------------------------------------===//

  bool isProbe(const Stmt *S) {
    const auto *CE = dyn_cast<CallExpr>(S);
    if (!CE || !CE->getDirectCallee())
      return false;
    const WholeLoad *W = A.wholeLoadCall(CE->getDirectCallee());
    if (!W || W->SqlArg >= 0)
      return false;
    QualType Ret = CE->getDirectCallee()->getReturnType();
    return Ret->isArithmeticType() ||
           (Ret->isRecordType() && !A.ownsContainer(Ret));
  }

  const Stmt *findProbe(const Stmt *S, unsigned Depth = 0) {
    if (!S || Depth > 12 || isa<LambdaExpr>(S))
      return nullptr;
    if (isProbe(S))
      return S;
    for (const Stmt *C : S->children())
      if (const Stmt *P = findProbe(C, Depth + 1))
        return P;
    return nullptr;
  }

  /// The probe whose value \p Arg carries: directly, or through a variable
  /// initialized or assigned from it (one step: `n = std::min(size, chunk)`
  /// is a chunk, not the whole size).
  const Stmt *probeIn(const Body &B, const Expr *Arg) {
    if (const Stmt *P = findProbe(Arg))
      return P;
    for (const Stmt *S : B.all()) {
      const auto *DRE = dyn_cast<DeclRefExpr>(S);
      if (!DRE || !B.contains(Arg, DRE))
        continue;
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (!VD)
        continue;
      if (const Stmt *P = findProbe(VD->getInit()))
        return P;
      for (const Stmt *T : B.all())
        if (const auto *BO = dyn_cast<BinaryOperator>(T))
          if (BO->getOpcode() == BO_Assign)
            if (const auto *L = dyn_cast<DeclRefExpr>(strip(BO->getLHS())))
              if (L->getDecl() == VD)
                if (const Stmt *P = findProbe(BO->getRHS()))
                  return P;
    }
    return nullptr;
  }

  void streamReadSizedByProbe(const Body &B, const Stmt *S) {
    const auto *CE = dyn_cast<CallExpr>(S);
    if (!CE || !A.streamCall(CE->getDirectCallee()))
      return;
    // Reads in a loop are chunks.
    if (!B.loopsAround(S).empty())
      return;
    std::optional<CallArgs> CA = callArgs(S);
    for (const Expr *Arg : CA->Args) {
      const Stmt *Probe = probeIn(B, Arg);
      if (!Probe || Probes.count(Probe))
        continue;
      Probes.insert(Probe);
      const auto *PC = cast<CallExpr>(Probe);
      const WholeLoad *W = A.wholeLoadCall(PC->getDirectCallee());
      Finding F = makeFinding(
          S,
          "this '" + A.name(CE->getDirectCallee()) +
              "' reads the whole file at once, in a size taken from '" +
              A.name(PC->getDirectCallee()) +
              "', so memory grows with the file",
          W);
      F.Notes.push_back({Locs.make(Probe->getBeginLoc()),
                         "the size of the whole file is taken here"});
      finish(F, W);
      Out.push_back(std::move(F));
      return;
    }
  }

  //===-- Generated sequences --------------------------------------------===//

  /// Is local \p V given a size that is not a compile-time constant (by its
  /// constructor or a resize)?
  bool sizedFromInput(const Body &B, const VarDecl *V) {
    auto NonConstant = [&](const Expr *E) {
      E = strip(E);
      return !E->isValueDependent() && !E->isIntegerConstantExpr(Ctx) &&
             E->getType()->isIntegerType();
    };
    if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(
            V->getInit() ? strip(V->getInit()) : nullptr))
      if (CE->getNumArgs() >= 1 && NonConstant(CE->getArg(0)))
        return true;
    ObjectRef Self{V, nullptr};
    for (const Stmt *S : B.all()) {
      std::optional<CallArgs> CA = isa<CallExpr>(S) ? callArgs(S)
                                                    : std::nullopt;
      if (!CA || !CA->Object || !(designated(CA->Object) == Self) ||
          CA->Args.empty())
        continue;
      if ((A.effectOn(S, Self) & Shrinks) && NonConstant(CA->Args[0]))
        return true; // resize(n)
    }
    return false;
  }

  void generatedFill(const Body &B, const Stmt *S, const CallArgs &CA,
                     const WholeLoad *W) {
    const VarDecl *V = nullptr;
    for (const Expr *Arg : CA.Args) {
      std::optional<CallArgs> It = callArgs(strip(Arg));
      if (!It || !It->Object || !A.container(objectType(It->Object)))
        continue;
      ObjectRef O = designated(It->Object);
      if (O && !O.Root)
        V = dyn_cast<VarDecl>(O.Decl);
      break;
    }
    if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) ||
        !sizedFromInput(B, V))
      return;
    const Stmt *Walk = nullptr;
    if (neededWhole(B, V, S, &Walk) || !Walk)
      return;
    report(S, "'" + V->getNameAsString() + "' is filled with a whole "
              "generated sequence ('" + A.name(CA.Callee) + "') only to be "
              "read once front to back, so memory grows with its length",
           W, Walk);
  }

  /// `for (i = 0; i < n; ++i) v.push_back(i);` with v then walked once.
  void counterFill(const Body &B, const ForStmt *F) {
    const auto *Init = dyn_cast_or_null<DeclStmt>(F->getInit());
    if (!Init || !Init->isSingleDecl() || !F->getCond() || !F->getInc())
      return;
    const auto *Counter = dyn_cast<VarDecl>(Init->getSingleDecl());
    if (!Counter || !Counter->getType()->isIntegerType())
      return;
    if (constantTripCount(F, Ctx, A))
      return;
    const Stmt *Only = F->getBody();
    if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Only)) {
      if (CS->size() != 1)
        return;
      Only = CS->body_front();
    }
    const auto *Call = dyn_cast_or_null<CallExpr>(
        isa_and_nonnull<Expr>(Only) ? strip(cast<Expr>(Only)) : nullptr);
    if (!Call)
      return;
    std::optional<CallArgs> CA = callArgs(Call);
    if (!CA || !CA->Object || CA->Args.size() != 1)
      return;
    const auto *Arg = dyn_cast<DeclRefExpr>(strip(CA->Args[0]));
    if (!Arg || Arg->getDecl() != Counter)
      return;
    ObjectRef O = designated(CA->Object);
    const auto *V = O && !O.Root ? dyn_cast<VarDecl>(O.Decl) : nullptr;
    if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) ||
        !(A.effectOn(Call, O) & Grows))
      return;
    const Stmt *Walk = nullptr;
    if (neededWhole(B, V, F, &Walk) || !Walk)
      return;
    Finding Fd;
    Fd.Rule = RuleId;
    Fd.At = Locs.make(compat::beginLoc(Call));
    Fd.Message = "'" + V->getNameAsString() +
                 "' is filled with every value of the counter '" +
                 Counter->getNameAsString() +
                 "' only to be read once front to back";
    Fd.Notes.push_back({Locs.make(Walk->getBeginLoc()),
                        "'" + V->getNameAsString() + "' is read once here"});
    explain(Fd, "memory grows with the count",
            "iterate the counter directly instead");
    Out.push_back(std::move(Fd));
  }

  //===-- Is the loaded container needed whole? ---------------------------===//

  /// The local variable that \p Load initializes or is assigned to.
  const VarDecl *destinationVar(const Body &B, const Stmt *Load) {
    const Stmt *P = semanticParent(B, Load);
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit() && B.contains(VD->getInit(), Load))
            return VD->hasLocalStorage() ? VD : nullptr;
      return nullptr;
    }
    std::optional<CallArgs> CA = P ? callArgs(P) : std::nullopt;
    if (CA && CA->Object && isa<CXXOperatorCallExpr>(P) &&
        cast<CXXOperatorCallExpr>(P)->getOperator() == OO_Equal) {
      ObjectRef O = designated(CA->Object);
      if (O && !O.Root)
        if (const auto *VD = dyn_cast<VarDecl>(O.Decl))
          return VD->hasLocalStorage() ? VD : nullptr;
    }
    return nullptr;
  }

  /// A counter of a loop around \p S (declared in a for's init, or
  /// incremented in its increment)?
  bool onlyLoopCounters(const Body &B, const Stmt *Index, const Stmt *S,
                        const Stmt **Walk) {
    llvm::SmallVector<const DeclRefExpr *, 4> Refs;
    llvm::SmallVector<const Stmt *, 8> Work{Index};
    while (!Work.empty()) {
      const Stmt *T = Work.pop_back_val();
      if (!T)
        continue;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(T))
        if (isa<VarDecl>(DRE->getDecl()))
          Refs.push_back(DRE);
      for (const Stmt *C : T->children())
        Work.push_back(C);
    }
    if (Refs.empty())
      return false;
    for (const DeclRefExpr *R : Refs) {
      const auto *VD = cast<VarDecl>(R->getDecl());
      if (!VD->getType()->isIntegerType())
        return false; // `v[v.size() / 2]`, `v[lookup(key)]`
      if (VD->getType().isConstQualified() || VD->isConstexpr())
        continue; // `row * columns + 1`: constant strides are fine
      bool Counter = false;
      for (const Stmt *L : B.loopsAround(S))
        if (const auto *F = dyn_cast<ForStmt>(L))
          if (mentionsDecl(F->getInc(), VD)) {
            Counter = true;
            if (Walk && !*Walk)
              *Walk = L;
          }
      if (!Counter && !VD->getType()->isIntegerType())
        return false;
      if (!Counter) {
        // A loop-invariant integer (a column count) is a stride.
        bool Invariant = true;
        for (const Stmt *L : B.loopsAround(S))
          for (const Stmt *T : B.all())
            if (const auto *BO = dyn_cast<BinaryOperator>(T))
              if (BO->isAssignmentOp() && B.contains(L, BO) &&
                  mentionsDecl(BO->getLHS(), VD))
                Invariant = false;
        if (!Invariant || B.loopsAround(S).empty())
          return false;
      }
    }
    return true;
  }

  bool neededWhole(const Body &B, const VarDecl *V, const Stmt *Load,
                   const Stmt **FirstWalk) {
    std::set<const Stmt *> Walks;
    ObjectRef Self{V, nullptr};
    for (const Stmt *S : B.all()) {
      const auto *DRE = dyn_cast<DeclRefExpr>(S);
      if (!DRE || B.contains(Load, DRE))
        continue;
      if (!(designated(DRE) == Self))
        continue;
      if (V->getInit() && B.contains(V->getInit(), DRE))
        continue;
      const Stmt *Walk = nullptr;
      if (neededWholeAt(B, DRE, Walk))
        return true;
      if (Walk) {
        Walks.insert(Walk);
        if (FirstWalk && !*FirstWalk)
          *FirstWalk = Walk;
      }
    }
    return Walks.size() > 1;
  }

  /// One use of the loaded variable: does it need the data whole? Sets
  /// \p Walk to the loop or call that reads it front to back.
  bool neededWholeAt(const Body &B, const DeclRefExpr *Use, const Stmt *&Walk) {
    // Inside the range of a range-for: that loop walks it.
    for (const Stmt *P = B.parent(Use); P; P = B.parent(P))
      if (const auto *R = dyn_cast<CXXForRangeStmt>(P)) {
        if (R->getRangeInit() && B.contains(R->getRangeInit(), Use)) {
          Walk = R;
          return false;
        }
        break;
      }
    const Stmt *P = semanticParent(B, Use);
    if (P && isa<MemberExpr>(P))
      P = semanticParent(B, P); // `v.begin()`: the call
    if (!P)
      return false;
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P)) {
      if (!onlyLoopCounters(B, AS->getIdx(), AS, &Walk))
        return true;
      return false;
    }
    if (const auto *RS = dyn_cast<ReturnStmt>(P)) {
      Walk = RS;
      return false;
    }
    std::optional<CallArgs> CA = callArgs(P);
    if (!CA || !CA->Callee)
      return false;
    if (CA->Object && strip(CA->Object) == Use) {
      // A method of the loaded container. Access by position (`v[i]`,
      // `v.at(i)`: the packs' `index` effect) with anything but a loop
      // counter is random access: needed whole.
      bool Indexed = false;
      if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(P))
        Indexed = OCE->getOperator() == OO_Subscript;
      if (const ContainerModel *M = A.container(objectType(CA->Object))) {
        auto It = M->Methods.find(CA->Callee->getNameAsString());
        Indexed |= It != M->Methods.end() && It->second == ContainerEffect::Index;
      }
      if (Indexed) {
        if (CA->Args.empty() || !onlyLoopCounters(B, CA->Args[0], P, &Walk))
          return true;
        return false;
      }
      ObjectRef O = designated(Use);
      unsigned Bits = A.effectOn(P, O);
      if (Bits & (Grows | Shrinks | Unknown))
        return true; // modified in place
      const auto *MD = dyn_cast<CXXMethodDecl>(CA->Callee);
      if (MD && !MD->isConst()) {
        // A mutable iterator handed to an algorithm: it may permute.
        const Stmt *PP = semanticParent(B, P);
        if (PP && (isa<CallExpr>(PP) || isa<CXXConstructExpr>(PP)))
          return true;
      }
      return false;
    }
    // An argument: a function that may modify it (sort, shuffle) needs it
    // whole; one that reads it walks it.
    for (unsigned I = 0; I < CA->Args.size(); ++I) {
      if (strip(CA->Args[I]) != Use &&
          !(isa<UnaryOperator>(strip(CA->Args[I])) &&
            strip(cast<UnaryOperator>(strip(CA->Args[I]))->getSubExpr()) ==
                Use))
        continue;
      QualType PT;
      if (I < CA->Callee->getNumParams())
        PT = CA->Callee->getParamDecl(I)->getType();
      if (!PT.isNull() && isNonConstRefOrPtr(PT))
        return true;
      Walk = P;
      return false;
    }
    return false;
  }

  //===-- Reporting -------------------------------------------------------===//

  std::string exprName(const Expr *E) {
    if (ObjectRef O = designated(E))
      return displayName(O);
    return "the stream";
  }

  /// \p What says what is loaded, then ", so " why it matters: the first
  /// part is the headline, the second goes into the last note with the fix.
  Finding makeFinding(const Stmt *At, const std::string &What,
                      const WholeLoad *W) {
    Finding F;
    F.Rule = RuleId;
    F.At = Locs.make(At->getBeginLoc());
    size_t So = What.find(", so ");
    F.Message = What.substr(0, So);
    if (So != std::string::npos)
      F.Detail = What.substr(So + 5); // the why, until finish()
    return F;
  }

  void finish(Finding &F, const WholeLoad *W) {
    std::string Why = F.Detail;
    explain(F, Why,
            "stream it instead: " +
                (W && !W->Alternative.empty()
                     ? W->Alternative
                     : std::string("process it in chunks")));
  }

  void report(const Stmt *At, const std::string &What, const WholeLoad *W,
              const Stmt *Walk = nullptr) {
    Finding F = makeFinding(At, What, W);
    if (Walk)
      F.Notes.push_back({Locs.make(Walk->getBeginLoc()),
                         "the loaded data is read once, front to back, here"});
    finish(F, W);
    Out.push_back(std::move(F));
  }

  void reportDatabase(const Stmt *At, const std::string &Name,
                      const WholeLoad *W, const std::string &Sql) {
    std::string Shown = Sql;
    // One line, and not the whole statement when it is long.
    for (char &C : Shown)
      if (C == '\n' || C == '\t' || C == '\r')
        C = ' ';
    Shown.erase(std::unique(Shown.begin(), Shown.end(),
                            [](char A, char B) { return A == ' ' && B == ' '; }),
                Shown.end()); // linear: a literal may be megabytes of blanks
    if (!Shown.empty() && Shown.front() == ' ')
      Shown.erase(0, 1);
    if (Shown.size() > 60) {
      size_t Cut = 57; // never inside a UTF-8 sequence
      while (Cut > 0 && (static_cast<unsigned char>(Shown[Cut]) & 0xC0) == 0x80)
        --Cut;
      Shown = Shown.substr(0, Cut) + "...";
    }
    report(At, "'" + Name + "' materializes every row of '" + Shown +
                   "' in memory at once, so memory grows with the table (a "
                   "SELECT with no LIMIT that is not single-row by "
                   "construction)",
           W);
  }
};

} // namespace

void collectWholeCollectionLoad(Apis &A, const std::vector<const FunctionDecl *> &Functions,
    std::vector<Finding> &Out) {
  Checker C(A, Out);
  for (const FunctionDecl *FD : Functions)
    C.run(FD);
}

} // namespace memlint
