//===- Walk.h - the one walk over a translation unit that records facts ---===//
//
// collectFacts() walks the user code of a translation unit once (system
// headers are skipped) and hands every node to four collectors, one per
// kind of fact:
//
//   EntityCollector     entities and their events, flows into helpers
//   OwnershipCollector  ownership edges between classes (shared-ptr-cycle)
//   InstanceCollector   where instances of classes live (lifetimes)
//   SummaryCollector    function summaries: calls, returns, callables,
//                       overrides, queries
//
// They share a WalkContext: where the walk is (function and statement
// stacks) and who is who (which expression designates which entity, which
// type is which container model).
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_FACTS_WALK_H
#define MEMLINT_CHECKS_FACTS_WALK_H

#include "ASTUtil.h"
#include "Facts.h"
#include "memlint/RuleSet.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace memlint {

struct RuleSet;

/// Records every fact of the user code of \p Ctx into \p Out.
void collectFacts(clang::ASTContext &Ctx, const RuleSet &Rules, Facts &Out);

namespace facts {

enum class PointerKind { None, Shared, Weak, Unique };

/// What an expression designates: a long-lived container (or a proxy for
/// one: a helper's parameter, what a function returns), or one of its
/// elements (`by_key_[k]`).
struct Target {
  std::string Id;                          // entity id; "" for none
  const ContainerModel *Model = nullptr;   // the designated object's model
  const clang::ValueDecl *Decl = nullptr;  // the declaration named, if one is
  bool Element = false;
  /// A member: whose (Event::Receiver).
  unsigned Receiver = RecvOther;
  explicit operator bool() const { return !Id.empty(); }
};

class WalkContext {
public:
  WalkContext(clang::ASTContext &Ctx, const RuleSet &Rules, Facts &Out);

  clang::ASTContext &Ctx;
  clang::SourceManager &SM;
  const RuleSet &Rules;
  Facts &Out;
  LocMaker Locs;

  //===-- Where the walk is ---------------------------------------------===//

  std::vector<const clang::FunctionDecl *> Fns;
  std::vector<const clang::Stmt *> Stmts; // path from the function body down
  /// The member whose initializer (in a constructor's list) is walked.
  const clang::FieldDecl *MemberInit = nullptr;

  bool inSystemHeader(clang::SourceLocation L) const;
  /// The innermost lambda whose body holds the current statement.
  const clang::LambdaExpr *currentLambda() const;
  bool insideLambda() const { return currentLambda() != nullptr; }
  /// The function whose code runs here: the innermost lambda's call
  /// operator, else the function being walked; "" at file scope.
  std::string currentFunction();
  /// The id of a function (its pattern's USR), registered in Out.Functions.
  const std::string &functionId(const clang::FunctionDecl *FD);
  /// The id of a lambda's call operator, registered as a function.
  const std::string &lambdaId(const clang::LambdaExpr *LE);
  /// "Service::add"; lambdas are named after the function they are in.
  std::string functionName(const clang::FunctionDecl *FD) const;
  /// Is the expression at the top of the statement stack's value used?
  bool resultUsed() const;
  /// Is the value of the expression at the top of the statement stack (an
  /// lvalue: `m[k]`) only read: converted to an rvalue, copied (`return
  /// m[k];` by value, `V v = m[k];`), bound to a const reference, or the
  /// object of a const method (`m[k].size()`)?
  bool resultOnlyRead() const;
  /// The conditionals around the top of the statement stack, outermost
  /// first, up to the lambda or function boundary: if, switch and ?: arms,
  /// and (unless \p BranchesOnly) loop bodies and the right side of && and
  /// ||. \p ReadsSize, if given, says whether a condition reads the size
  /// the caller cares about.
  std::vector<Scope>
  scopes(bool BranchesOnly,
         llvm::function_ref<bool(const clang::Expr *)> ReadsSize = nullptr);
  /// Loops whose body or condition holds the top of the statement stack,
  /// innermost first, up to the lambda or function boundary.
  std::vector<const clang::Stmt *> loopsAround() const;
  /// A loop with a compile-time constant trip count.
  bool constantTripCount(const clang::Stmt *Loop);
  /// A loop that runs until something happens rather than over a count or
  /// a container: while, do, for(;;), or a for whose test compares no
  /// counter.
  static bool untilLoop(const clang::Stmt *Loop);
  /// The top of the statement stack is behind a run-once guard: a flag
  /// tested and set in the function, or tested and set in one step.
  bool runOnce();

  //===-- Types -----------------------------------------------------------===//

  const ContainerModel *
  modelFor(const clang::CXXRecordDecl *RD,
           const clang::TemplateArgumentList **Args = nullptr);
  /// Also for a dependent specialization in a template (`std::deque<T>`).
  const ContainerModel *
  modelForType(clang::QualType T,
               const clang::TemplateArgumentList **Args = nullptr);
  /// The container a declaration holds: its type, or what its reference,
  /// pointer or smart pointer refers to.
  clang::QualType containerTypeOf(const clang::ValueDecl *D);
  PointerKind pointerKind(const clang::CXXRecordDecl *RD);
  bool isPointerLike(clang::QualType T);
  /// The pointee of a smart pointer type, or a null type.
  clang::QualType smartPointee(clang::QualType T);
  /// A type the packs say bounds itself (an LRU cache, a ring buffer), or a
  /// class derived from one.
  bool boundedType(clang::QualType T);
  static clang::QualType firstTypeArg(const clang::CXXRecordDecl *RD);
  /// A type-erased callable: a class template over a function type
  /// (std::function, boost::function, absl::AnyInvocable, ...).
  static bool isCallableWrapper(clang::QualType T);
  /// Can a value of this type hold a callable: a std::function-like
  /// wrapper, a function pointer, a closure, a container of those, or a
  /// template parameter?
  bool callableType(clang::QualType T);
  /// "Session", "Holder<Session>".
  std::string recordName(const clang::CXXRecordDecl *RD) const;
  /// The id of a record that keeps its template arguments (ownership,
  /// shared captures); a specialization's pattern is recorded with it.
  std::string recordId(const clang::CXXRecordDecl *RD);

  //===-- Objects ---------------------------------------------------------===//

  /// Whose object \p E is (an Event::Receiver): this or a part of it, a
  /// parameter of the function being walked, or an object local to it (a
  /// local of class type, or a local pointer, raw or smart, initialized
  /// with an object made right there). \p Pointer: \p E points to the
  /// object (the base of `->`).
  /// \p Local gets the local variable of a RecvLocal object; \p At, if
  /// valid, is where it is used (else where \p E is: an argument is handed
  /// on by the call that takes it, not before it).
  unsigned objectOf(const clang::Expr *E, bool Pointer, unsigned Depth = 0,
                    const clang::VarDecl **Local = nullptr,
                    clang::SourceLocation At = {});
  /// An object local to the function (objectOf) made in this run of the
  /// code around \p E: no loop with a non-constant trip count lies between
  /// the local's declaration and \p E (`auto c = std::make_shared<C>();
  /// c->add(x);`, also in a loop's body that declares it). Each such object
  /// is touched there a bounded number of times. \p Pointer as objectOf;
  /// for an argument, whether its type is a raw or smart pointer.
  bool newObject(const clang::Expr *E, bool Pointer,
                 clang::SourceLocation At = {});
  /// User functions called in \p S (not in a lambda): a guard condition's,
  /// whose bodies may read a size this TU does not show.
  void userCalls(const clang::Stmt *S, std::vector<std::string> &Out);
  /// An initializer that makes a new object the variable alone owns: `new
  /// T`, std::make_unique / make_shared, a function returning a
  /// unique_ptr-like pointer by value.
  bool freshObject(const clang::Expr *Init);
  /// Has the local pointer \p VD been handed on (an argument, a copy, an
  /// assignment, a capture) or reassigned before \p At?
  bool escapedBefore(const clang::VarDecl *VD, clang::SourceLocation At);

  //===-- Entities --------------------------------------------------------===//

  /// What \p E designates, following local references and pointers, smart
  /// pointers, elements of containers, functions that return a reference,
  /// and pointers to data members.
  Target resolve(const clang::Expr *E);
  /// The entity id of a long-lived container declaration (or helper
  /// parameter), creating the entity on first sight; "" when it is not one.
  const std::string &entityId(const clang::ValueDecl *D);
  /// The container model of an entity's declaration.
  const ContainerModel *modelOfDecl(const clang::ValueDecl *D);
  /// An address-of whose result is accounted for (an alias, an argument).
  void markHandled(const clang::Expr *E);
  bool handled(const clang::UnaryOperator *UO) const {
    return Handled.count(UO) != 0;
  }
  /// `auto &v = items_;`, `Sink *s = &items_;`, `auto &row = by_key_[k];`.
  void addLocalAlias(const clang::VarDecl *VD, const Target &T) {
    LocalAliases[VD] = T;
  }
  /// A lambda owns \p VD: an init-capture, or a captured local whose type
  /// is a container or a smart pointer to one.
  void addCapture(const clang::VarDecl *VD, const clang::LambdaExpr *LE);

private:
  bool makeEntity(const clang::ValueDecl *D, Entity &E);
  bool fillModel(clang::QualType T, Entity &E);
  /// The first type argument of a class template specialization, also a
  /// dependent one (`std::vector<std::unique_ptr<T>>`).
  clang::QualType firstTypeArgOf(clang::QualType T);
  /// Entity::HandleElements: a pointer, a smart pointer, or a record of at
  /// most four pointers' size made of handles and scalars (a view, an
  /// iterator).
  bool handleType(clang::QualType T, unsigned Depth);
  bool recordOfHandles(const clang::CXXRecordDecl *RD, unsigned Depth,
                       bool &Handle);
  bool scalarType(clang::QualType T, unsigned Depth);
  /// A condition that tests a flag and sets it in one step (runOnce());
  /// \p Negated: it tests for the flag's being unset.
  bool testAndSet(const clang::Expr *Cond, bool &Negated);
  /// The packs' test_and_set entry of a method, or nullptr (memoized:
  /// runOnce() asks about every `if` before every call).
  const TestAndSetCall *testAndSetEntry(const clang::CXXMethodDecl *MD);
  void closedWorldForMember(const clang::ValueDecl *Member,
                            const clang::CXXRecordDecl *RD, Entity &E);
  bool collectReachers(const clang::CXXRecordDecl *RD,
                       std::set<std::string> &Out,
                       std::set<const clang::CXXRecordDecl *> &Visited);
  Target targetOfDecl(const clang::ValueDecl *D);
  Target resolveCall(const clang::CallExpr *CE, unsigned Depth);
  Target resolveImpl(const clang::Expr *E, unsigned Depth);
  Target proxy(const std::string &Id, EntityKind Kind,
               const std::string &Name, clang::QualType Type,
               clang::SourceLocation Decl);

  llvm::DenseMap<const clang::VarDecl *, Target> LocalAliases;
  /// Where each local pointer asked about is handed on (escapedBefore).
  llvm::DenseMap<const clang::VarDecl *,
                 llvm::SmallVector<clang::SourceLocation, 2>>
      Escapes;
  llvm::DenseSet<const clang::Expr *> Handled;
  // std::map: entityId() hands out references that must survive later
  // insertions (a DenseMap would move them when it grows).
  std::map<const clang::ValueDecl *, std::string> EntityIds;
  std::map<const clang::Decl *, std::string> FunctionIds;
  std::map<const clang::LambdaExpr *, std::string> LambdaIds;
  llvm::DenseMap<const clang::CXXRecordDecl *, const ContainerModel *> Models;
  /// Models inferred for the project's own classes (window buffers); a
  /// deque, so that Models may point into it.
  std::deque<ContainerModel> Inferred;
  llvm::DenseMap<const clang::CXXRecordDecl *, PointerKind> PointerKinds;
  llvm::DenseMap<const clang::CXXMethodDecl *, const TestAndSetCall *>
      TestAndSetEntries;
  /// synchronizes() of each class whose fields became entities.
  llvm::DenseMap<const clang::CXXRecordDecl *, bool> Synchronized;
  /// Variables a lambda owns (init-captures, captured locals), by lambda.
  llvm::DenseMap<const clang::VarDecl *, const clang::LambdaExpr *> Captures;
};

/// `{}`, directly or as the std::initializer_list it makes.
bool isEmptyBraces(const clang::Expr *E);
/// nullptr, `{}`, a default-constructed value.
bool isNullValue(const clang::Expr *E);
/// No object at all: a null value (isNullValue), a value-initialized
/// scalar or aggregate, or a null pointer constant (`0`, `NULL`).
bool isNoObject(const clang::Expr *E, clang::ASTContext &Ctx);
/// Does \p S leave the enclosing block: return, throw, break, continue,
/// goto, a noreturn call?
bool exits(const clang::Stmt *S);
/// The first lambda in \p S (a few levels down), if any.
const clang::LambdaExpr *findLambda(const clang::Stmt *S, unsigned Depth = 0);

} // namespace facts
} // namespace memlint

#endif
