//===- FlowUtil.h - shared machinery of the single-function (flow) rules --===//
//
// whole-collection-load, stream-accumulation, query-in-loop and
// large-copy-into-send judge code inside one function. They share: the walk
// over user function definitions, a parent map per function body, loop
// classification (which loops stream a source, which walk a collection),
// lookups in the rule packs (cached per declaration), which object an
// expression designates, what helpers do to their reference parameters, and
// the SQL text of a query argument.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_FLOWUTIL_H
#define MEMLINT_CHECKS_FLOWUTIL_H

#include "ASTUtil.h"
#include "Finding.h"
#include "memlint/RuleSet.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class SourceManager;
} // namespace clang

namespace memlint {
namespace flow {

/// Calls \p Fn on every function definition in user code (not in system
/// headers): plain functions, methods, and each instantiation of a template;
/// uninstantiated (dependent) templates and lambda bodies are skipped (a
/// lambda's body is part of the function it appears in).
void forEachUserFunction(
    clang::ASTContext &Ctx,
    llvm::function_ref<void(const clang::FunctionDecl *)> Fn);


/// Does \p S leave the loop it is in: return, break, goto, throw (a break
/// of a nested loop or switch does not)?
bool leavesLoop(const clang::Stmt *S);

/// One function body, indexed: parents, and every statement in preorder.
class Body {
public:
  explicit Body(const clang::FunctionDecl *FD);

  const clang::FunctionDecl *function() const { return FD; }
  const clang::Stmt *root() const { return Root; }
  const clang::Stmt *parent(const clang::Stmt *S) const {
    auto It = Parents.find(S);
    return It == Parents.end() ? nullptr : It->second;
  }
  /// Every statement and expression of the body, in preorder (lambda bodies
  /// included).
  const std::vector<const clang::Stmt *> &all() const { return All; }

  /// Is \p Inner \p Outer or below it?
  bool contains(const clang::Stmt *Outer, const clang::Stmt *Inner) const;

  /// Loops that run \p S once per iteration (their body, condition or
  /// increment holds it), innermost first. Stops at a lambda boundary.
  llvm::SmallVector<const clang::Stmt *, 4>
  loopsAround(const clang::Stmt *S) const;

  /// The lambda whose body holds \p S, if any (innermost).
  const clang::LambdaExpr *enclosingLambda(const clang::Stmt *S) const;

  /// Is \p D declared inside \p Loop (so it is a per-iteration temporary)?
  bool declaredIn(const clang::ValueDecl *D, const clang::Stmt *Loop) const;

private:
  void index(const clang::Stmt *S, const clang::Stmt *Parent);

  const clang::FunctionDecl *FD;
  const clang::Stmt *Root = nullptr;
  llvm::DenseMap<const clang::Stmt *, const clang::Stmt *> Parents;
  llvm::DenseMap<const clang::Decl *, const clang::Stmt *> DeclStmts;
  std::vector<const clang::Stmt *> All;
};

/// An object an expression designates: a variable, parameter or field
/// (through `this`, or through a variable: `r.rows`, whose root is `r`).
struct ObjectRef {
  const clang::ValueDecl *Decl = nullptr; // VarDecl, ParmVarDecl, FieldDecl
  const clang::VarDecl *Root = nullptr;   // the variable holding a field
  explicit operator bool() const { return Decl != nullptr; }
  bool operator==(const ObjectRef &O) const {
    return Decl == O.Decl && Root == O.Root;
  }
  bool operator!=(const ObjectRef &O) const { return !(*this == O); }
};

/// Which object \p E designates or points to, following local references
/// and pointers to another object (`auto &v = items_;`, `T *p = &x;`).
ObjectRef designated(const clang::Expr *E);

/// How to name an object in a message: "lines", "Loader::rows_", "r.rows".
std::string displayName(const ObjectRef &O);

/// Does \p S mention the object \p O (a DeclRefExpr or MemberExpr of it)?
bool mentions(const clang::Stmt *S, const ObjectRef &O);

/// The object arguments of a call and the callee's parameter types, with
/// the implicit object of member operator calls removed.
struct CallArgs {
  const clang::FunctionDecl *Callee = nullptr;
  const clang::Expr *Object = nullptr; // implicit object of a method call
  llvm::SmallVector<const clang::Expr *, 8> Args;
};
std::optional<CallArgs> callArgs(const clang::Stmt *S);

/// The type of the object a method is called on (`p->f()`: the pointee).
clang::QualType objectType(const clang::Expr *E);

/// The effect a call has on one container: grows, shrinks (erase, pop,
/// clear, resize, assign, consume), reads its size, or unknown (handed to
/// code memlint cannot see by non-const reference).
enum EffectBits : unsigned {
  Grows = 1,
  Shrinks = 2,
  ReadsSize = 4,
  Unknown = 8,
};

/// Pack lookups, cached per declaration, and helper summaries.
class Apis {
public:
  Apis(clang::ASTContext &Ctx, const RuleSet &Rules);

  const RuleSet &rules() const { return Rules; }
  clang::ASTContext &context() const { return Ctx; }
  const std::string &name(const clang::NamedDecl *D);

  const StreamSource *streamCall(const clang::FunctionDecl *FD);
  /// An iterator-type stream source naming \p T's class or a base of it.
  const StreamSource *streamType(clang::QualType T);
  const WholeLoad *wholeLoadCall(const clang::FunctionDecl *FD);
  /// A whole_loads entry naming \p T's class (an iterator type whose range
  /// reads a whole stream).
  const WholeLoad *wholeLoadType(clang::QualType T);
  const SendApi *send(const clang::FunctionDecl *FD);
  const QueryApi *query(const clang::FunctionDecl *FD);

  /// The container model of \p T (through references, aliases and bases).
  const ContainerModel *container(clang::QualType T);
  /// Does an object of type \p T own heap memory through a container (the
  /// type is one, or a field or base holds one)?
  bool ownsContainer(clang::QualType T);

  /// The effect of one call (member, container function or helper) on the
  /// object \p O; 0 when it does not touch it. \p Inner receives the growth
  /// inside a helper, if the growth happened there.
  unsigned effectOn(const clang::Stmt *Call, const ObjectRef &O,
                    const clang::Stmt **Inner = nullptr);

  /// The effect the packs give \p Call on the container \p O: a method of
  /// it, or a container function acting on it (on a pair of its iterators
  /// when they span it whole: `std::sort(v.begin(), v.end())`).
  std::optional<ContainerEffect> modelEffect(const clang::Stmt *Call,
                                             const ObjectRef &O);

  /// What a user function does to its parameter \p Index (a reference or
  /// pointer to a container), transitively through helpers it calls.
  unsigned paramEffect(const clang::FunctionDecl *FD, unsigned Index,
                       const clang::Stmt **Inner, unsigned Depth = 0);

  /// What a method does to the fields of its object: field -> EffectBits,
  /// and the first growth of each field.
  struct FieldEffects {
    std::map<const clang::FieldDecl *, unsigned> Bits;
    std::map<const clang::FieldDecl *, const clang::Stmt *> FirstGrowth;
  };
  const FieldEffects &methodEffects(const clang::CXXMethodDecl *MD,
                                    unsigned Depth = 0);

  bool inSystemHeader(clang::SourceLocation L) const;
  bool userDefined(const clang::FunctionDecl *FD) const;

private:
  template <typename Entry>
  const Entry *lookup(const std::vector<Entry> &Entries,
                      llvm::DenseMap<const clang::Decl *, const Entry *> &Cache,
                      const clang::NamedDecl *D);
  unsigned containerEffect(const ContainerModel *M, const std::string &Method);

  clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  const RuleSet &Rules;
  // std::map: name() hands out references that must survive later
  // insertions (a DenseMap would move them when it grows).
  std::map<const clang::Decl *, std::string> Names;
  llvm::DenseMap<const clang::Decl *, const StreamSource *> StreamCalls,
      StreamTypes;
  llvm::DenseMap<const clang::Decl *, const WholeLoad *> LoadCalls, LoadTypes;
  llvm::DenseMap<const clang::Decl *, const SendApi *> Sends;
  llvm::DenseMap<const clang::Decl *, const QueryApi *> Queries;
  llvm::DenseMap<const clang::Decl *, const ContainerModel *> Containers;
  llvm::DenseMap<const clang::Decl *, bool> Owns;
  std::map<std::pair<const clang::FunctionDecl *, unsigned>,
           std::pair<unsigned, const clang::Stmt *>>
      ParamEffects;
  std::map<const clang::CXXMethodDecl *, FieldEffects> MethodEffects;
};

/// A loop that streams a source: the source's call (or range expression)
/// and its name.
struct StreamLoop {
  const clang::Stmt *Loop = nullptr;
  const clang::Stmt *Source = nullptr;
  const StreamSource *Entry = nullptr; // the packs' entry for the source
  std::string SourceName;
};
/// Does \p Loop stream a source: a stream call in its condition, a range-for
/// over a stream iterator or stream call, a for over a stream iterator, or
/// a body that stops when a stream call says so (`if (!read(...)) break;`)?
std::optional<StreamLoop> streamingLoop(const clang::Stmt *Loop, Apis &A);

/// The call after \p Loop (outside it, in the same function or lambda) that
/// sorts the container \p O as a whole (the packs' `sort` effect), unless
/// a later call cuts the sorted container down to one end (resize, pop: a
/// top-n, which a bounded heap streams). Such a result needs every element.
const clang::Stmt *sortedAfter(const Body &B, const clang::Stmt *Loop,
                               const ObjectRef &O, Apis &A);

/// A loop whose trip count is a compile-time constant; sets \p Count when
/// known.
bool constantTripCount(const clang::Stmt *Loop, clang::ASTContext &Ctx,
                       Apis &A, unsigned long long *Count = nullptr);

/// Records where a finding runs, for the drivers that rank it in decide()
/// (Finding::Function, Finding::SiteFlags): the function of \p B, or the
/// innermost lambda whose body holds \p S, and the loops around \p S up to
/// that boundary (RunOnce too when \p S is in a static local's
/// initializer). \p S is the finding's statement, or the loop that is part
/// of what it reports (a streaming loop, a collection loop): then only the
/// loops around that loop repeat it.
void placeFinding(Finding &F, const Body &B, const clang::Stmt *S, Apis &A);
/// The EventFlag bits (InLoop, ConstantLoop, UntilLoop) of the loops
/// around \p S in \p B, up to a lambda boundary, as placeFinding records.
unsigned loopFlagsAround(const Body &B, const clang::Stmt *S, Apis &A);

/// The SQL text an argument carries, followed through literals, constants,
/// `constexpr` strings, string objects built from them, `+` and
/// `.c_str()`. Unknown parts read as `?`.
struct SqlText {
  std::string Text;
  bool Complete = false; // every part known
  bool Any = false;      // some part known
};
SqlText followSql(const clang::Expr *E, Apis &A, unsigned Depth = 0);

/// What a statement's text says about its result.
struct SqlShape {
  bool Select = false;  // SELECT / WITH ... SELECT / VALUES
  bool Write = false;   // INSERT / UPDATE / DELETE / REPLACE / UPSERT
  bool Control = false; // BEGIN / COMMIT / ROLLBACK / SAVEPOINT / SET / PRAGMA
  bool Limit = false;   // LIMIT / FETCH FIRST at the top level
  bool From = false;
  bool GroupBy = false;
  bool AggregateOnly = false; // every projected item aggregates (no OVER)
  bool Batched = false;       // IN (...) or = ANY(...)
  /// A SELECT that returns at most one row by construction (or a bounded
  /// number: LIMIT).
  bool boundedRows() const {
    return Limit || !From || (AggregateOnly && !GroupBy);
  }
};
SqlShape classifySql(const std::string &Text);

} // namespace flow
} // namespace memlint

#endif
