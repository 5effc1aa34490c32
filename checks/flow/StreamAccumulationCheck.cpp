//===- StreamAccumulationCheck.cpp ----------------------------------------===//
#include "StreamAccumulationCheck.h"

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

/// One way a call appends to a container that outlives the loop.
struct Append {
  ObjectRef Target;        // the container, or the sink object
  const FieldDecl *SinkField = nullptr; // the sink's field that grows
  const CXXMethodDecl *SinkMethod = nullptr;
  const Stmt *Inner = nullptr; // the growth inside a helper or sink method
  const FunctionDecl *Helper = nullptr;
};

class Checker {
public:
  Checker(Apis &A, std::vector<Finding> &Out)
      : Ctx(A.context()), A(A), Locs(Ctx.getSourceManager()), Out(Out) {}

  void run(const FunctionDecl *FD) {
    if (A.rules().StreamSources.empty())
      return;
    Body B(FD);
    // Streaming loops first: most functions have none.
    llvm::DenseMap<const Stmt *, StreamLoop> Loops;
    for (const Stmt *S : B.all())
      if (isLoop(S))
        if (std::optional<StreamLoop> SL = streamingLoop(S, A))
          if (!inMemorySource(*SL))
            Loops[S] = *SL;
    if (Loops.empty())
      return;
    // One finding per container and loop, at its first append.
    using Key = std::pair<const Stmt *,
                          std::pair<const ValueDecl *, const VarDecl *>>;
    std::map<Key, size_t> Reported;
    for (const Stmt *S : B.all()) {
      if (!isa<CallExpr>(S))
        continue;
      std::optional<Append> Ap = appendOf(S);
      if (!Ap)
        continue;
      const Stmt *Loop = innermostStreamingLoop(B, S, Ap->Target, Loops);
      if (!Loop || bounded(B, Loop, S, *Ap) || tokenRead(B, Loop, S))
        continue;
      Key K{Loop, {Ap->Target.Decl, Ap->Target.Root}};
      auto It = Reported.find(K);
      if (It != Reported.end()) {
        Finding &F = Out[It->second];
        // Before the last note, which says why and what to do.
        F.Notes.insert(F.Notes.end() - 1,
                       {Locs.make(S->getBeginLoc()),
                        "'" + displayName(Ap->Target) +
                            "' is also appended to here",
                        true});
        continue;
      }
      Reported[K] = Out.size();
      const StreamLoop &SL = Loops[Loop];
      // Sorted as a whole after the loop: the result needs every element,
      // unless the source itself can deliver them in order (a query's
      // ORDER BY).
      const Stmt *Sorted = nullptr;
      if (!Ap->SinkField && !(SL.Entry && SL.Entry->CanOrder))
        Sorted = sortedAfter(B, Loop, Ap->Target, A);
      report(S, *Ap, SL, Sorted);
      // The streaming loop is the finding: what repeats it is around it.
      placeFinding(Out.back(), B, Loop, A);
    }
  }

private:
  ASTContext &Ctx;
  Apis &A;
  LocMaker Locs;
  std::vector<Finding> &Out;

  /// A loop over a stream that reads memory (`std::istringstream ss(line)`:
  /// a stream object holding a string, made from a string variable)
  /// streams nothing: what it re-reads is already held.
  bool inMemorySource(const StreamLoop &SL) {
    std::optional<CallArgs> CA = SL.Source ? callArgs(SL.Source)
                                           : std::nullopt;
    if (!CA)
      return false;
    const Expr *Stream = CA->Object ? CA->Object
                         : CA->Args.empty() ? nullptr
                                            : CA->Args[0];
    if (!Stream || !A.ownsContainer(objectType(strip(Stream))))
      return false;
    ObjectRef O = designated(Stream);
    const auto *V = O && !O.Root ? dyn_cast<VarDecl>(O.Decl) : nullptr;
    if (!V || !V->getInit())
      return false;
    llvm::SmallVector<const Stmt *, 8> Work{V->getInit()};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (const auto *E = dyn_cast<Expr>(S))
        if ((isa<DeclRefExpr>(E) || isa<MemberExpr>(E)) &&
            A.container(objectType(E)))
          return true;
      for (const Stmt *C : S->children())
        Work.push_back(C);
    }
    return false;
  }

  std::optional<Append> appendOf(const Stmt *Call) {
    std::optional<CallArgs> CA = callArgs(Call);
    if (!CA || !CA->Callee)
      return std::nullopt;
    // A container method that grows: `rows.push_back(r)`, `s += line`.
    if (CA->Object) {
      ObjectRef O = designated(CA->Object);
      if (!O)
        return std::nullopt;
      if (const ContainerModel *M = A.container(objectType(CA->Object))) {
        if (!(A.effectOn(Call, O) & Grows))
          return std::nullopt;
        // `counts[key] += n`: a per-key aggregate, bounded by the keys.
        if (M->Associative && isa<CXXOperatorCallExpr>(Call))
          return std::nullopt;
        return Append{O};
      }
      // A sink object whose method appends to one of its fields.
      const auto *MD = dyn_cast<CXXMethodDecl>(CA->Callee);
      if (!MD || MD->isConst() || !A.userDefined(MD))
        return std::nullopt;
      const Apis::FieldEffects &FE = A.methodEffects(MD);
      for (const auto &[F, Bits] : FE.Bits)
        if ((Bits & Grows) && !(Bits & (Shrinks | ReadsSize | Unknown))) {
          Append Ap{O, F, MD};
          auto G = FE.FirstGrowth.find(F);
          Ap.Inner = G == FE.FirstGrowth.end() ? nullptr : G->second;
          return Ap;
        }
      return std::nullopt;
    }
    // std::back_inserter(v), or a helper that appends to its reference
    // parameter.
    for (const Expr *Arg : CA->Args) {
      ObjectRef O = designated(Arg);
      if (!O || !A.container(objectType(Arg)))
        continue;
      const Stmt *Inner = nullptr;
      unsigned Bits = A.effectOn(Call, O, &Inner);
      if ((Bits & Grows) && !(Bits & (Shrinks | ReadsSize | Unknown))) {
        Append Ap{O};
        if (Inner && Inner != Call) {
          Ap.Inner = Inner;
          Ap.Helper = CA->Callee;
        }
        return Ap;
      }
    }
    return std::nullopt;
  }

  /// The innermost streaming loop around \p Call that \p O outlives.
  const Stmt *innermostStreamingLoop(
      const Body &B, const Stmt *Call, const ObjectRef &O,
      const llvm::DenseMap<const Stmt *, StreamLoop> &Loops) {
    const VarDecl *Local = O.Root ? O.Root : dyn_cast<VarDecl>(O.Decl);
    for (const Stmt *L : B.loopsAround(Call)) {
      // Declared inside this loop: a per-iteration temporary here and in
      // every loop around it.
      if (Local && B.declaredIn(Local, L))
        return nullptr;
      if (Loops.count(L))
        return L;
    }
    return nullptr;
  }

  /// `while (fread(&ch, 1, 1, fp)) { if (ch == '\n') return true; s += ch; }`:
  /// one character at a time up to a delimiter is one token (a line, a
  /// word), not the stream. The character appended is compared with a
  /// character literal in the loop's condition or in a condition that
  /// leaves the loop.
  bool tokenRead(const Body &B, const Stmt *Loop, const Stmt *Append) {
    std::optional<CallArgs> CA = callArgs(Append);
    if (!CA || CA->Args.size() != 1)
      return false;
    const auto *Ref = dyn_cast<DeclRefExpr>(strip(CA->Args[0]));
    const auto *Ch = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Ch || !Ch->getType()->isAnyCharacterType())
      return false;
    auto ComparesToLiteral = [&](const Stmt *Cond) {
      llvm::SmallVector<const Stmt *, 8> Work{Cond};
      while (!Work.empty()) {
        const Stmt *S = Work.pop_back_val();
        if (!S)
          continue;
        if (const auto *BO = dyn_cast<BinaryOperator>(S);
            BO && BO->isEqualityOp()) {
          const Expr *L = strip(BO->getLHS()), *R = strip(BO->getRHS());
          if (isa<CharacterLiteral>(L))
            std::swap(L, R);
          const auto *D = dyn_cast<DeclRefExpr>(L);
          if (D && D->getDecl() == Ch && isa<CharacterLiteral>(R))
            return true;
        }
        for (const Stmt *C : S->children())
          Work.push_back(C);
      }
      return false;
    };
    if (ComparesToLiteral(loopCondition(Loop)))
      return true;
    for (const Stmt *S : B.all()) {
      const auto *If = dyn_cast<IfStmt>(S);
      if (!If || !B.contains(Loop, If) || B.loopsAround(If).empty() ||
          B.loopsAround(If).front() != Loop)
        continue;
      if ((leavesLoop(If->getThen()) || leavesLoop(If->getElse())) &&
          ComparesToLiteral(If->getCond()))
        return true;
    }
    return false;
  }

  /// Is the container (or sink field) emptied, size-checked or handed to
  /// code we cannot see inside the loop? Then batches are bounded.
  bool bounded(const Body &B, const Stmt *Loop, const Stmt *Append,
               const struct Append &Ap) {
    for (const Stmt *S : B.all()) {
      if (S == Append || !(isa<CallExpr>(S) || isa<CXXConstructExpr>(S)) ||
          !B.contains(Loop, S))
        continue;
      if (!Ap.SinkField) {
        if (A.effectOn(S, Ap.Target) & (Shrinks | ReadsSize | Unknown))
          return true;
        continue;
      }
      std::optional<CallArgs> CA = callArgs(S);
      if (!CA || !CA->Object || !(designated(CA->Object) == Ap.Target))
        continue;
      const auto *MD = dyn_cast_or_null<CXXMethodDecl>(CA->Callee);
      if (!MD || !A.userDefined(MD))
        continue;
      const Apis::FieldEffects &FE = A.methodEffects(MD);
      auto It = FE.Bits.find(Ap.SinkField);
      if (It != FE.Bits.end() && (It->second & (Shrinks | ReadsSize | Unknown)))
        return true;
    }
    return false;
  }

  void report(const Stmt *Call, const Append &Ap, const StreamLoop &SL,
              const Stmt *Sorted) {
    Finding F;
    F.Rule = "stream-accumulation";
    F.At = Locs.make(compat::beginLoc(Call));
    std::string Name = displayName(Ap.Target);
    std::string Source = SL.SourceName.empty() ? "a stream" : SL.SourceName;
    std::string Why, Fix;
    if (Ap.SinkField) {
      std::string Field = recordPath(Ap.SinkField);
      F.Message = "'" + Name + "." + Ap.SinkMethod->getNameAsString() +
                  "' appends to '" + Field +
                  "' on every iteration of a loop that streams '" + Source +
                  "'";
      Why = "'" + Field + "' ends up holding every element of the stream in "
            "memory";
      Fix = "process each element as it arrives, or flush and clear it in "
            "bounded batches, instead of collecting them all";
    } else {
      F.Message = "'" + Name + "' is appended to on every iteration of a "
                  "loop that streams '" + Source + "'";
      Why = "it ends up holding every element of the stream in memory";
      Fix = "process each element as it arrives, or flush and clear '" +
            Name + "' in bounded batches, instead of collecting them all";
    }
    F.Notes.push_back({Locs.make(SL.Source ? SL.Source->getBeginLoc()
                                           : SL.Loop->getBeginLoc()),
                       "the loop streams '" + Source + "' here"});
    if (Ap.Inner) {
      std::string Who = Ap.SinkMethod ? recordPath(Ap.SinkMethod)
                        : Ap.Helper   ? recordPath(Ap.Helper)
                                      : std::string("the helper");
      F.Notes.push_back({Locs.make(Ap.Inner->getBeginLoc()),
                         "appended here (through '" + Who + "')"});
    }
    const ValueDecl *Decl = Ap.Target.Root ? Ap.Target.Root : Ap.Target.Decl;
    F.Notes.push_back({Locs.make(Decl->getLocation()),
                       "'" + (Ap.Target.Root ? Ap.Target.Root->getNameAsString()
                                             : Name) +
                           "' declared here"});
    if (Sorted) {
      // "Process each element as it arrives" cannot be followed.
      F.Conf = Confidence::Low;
      F.Notes.push_back({Locs.make(Sorted->getBeginLoc()),
                         "'" + Name + "' is sorted here: a sorted result needs "
                         "every element of the stream"});
      Fix = "a sorted result cannot be streamed: bound the input or page it "
            "instead";
    }
    explain(F, Why, Fix);
    Out.push_back(std::move(F));
  }
};

} // namespace

void collectStreamAccumulation(Apis &A, const std::vector<const FunctionDecl *> &Functions,
    std::vector<Finding> &Out) {
  Checker C(A, Out);
  for (const FunctionDecl *FD : Functions)
    C.run(FD);
}

} // namespace memlint
