//===- SummaryCollector.h - per-function summaries for the call graph -----===//
//
// What the whole-program step needs to build the call graph and propagate
// effects over it (program/CallGraph.h):
//
//  - functions: virtual or not, what they override, constructors, main,
//    lambdas, public API;
//  - calls: direct, virtual (every override may run), or through a callable
//    holder (a std::function member, a function pointer, a parameter), with
//    the loop they sit in;
//  - callables: which lambda, function or std::bind result flows into which
//    holder (a field, a variable, a setter's parameter, a library object that
//    holds a handler until it completes), and what each callable keeps alive
//    by shared ownership;
//  - member pointers: which fields `&C::f` may name;
//  - effects that are not about containers: database queries.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_FACTS_SUMMARYCOLLECTOR_H
#define MEMLINT_CHECKS_FACTS_SUMMARYCOLLECTOR_H

#include "Walk.h"

namespace memlint {
namespace facts {

class SummaryCollector {
public:
  explicit SummaryCollector(WalkContext &W) : W(W) {}

  void function(const clang::FunctionDecl *FD);
  void call(const clang::CallExpr *CE);
  void reset(const clang::CallExpr *CE, const clang::CXXMethodDecl *MD);
  bool forkChild(const clang::Expr *Cond);
  void construct(const clang::CXXConstructExpr *CE);
  void assign(const clang::BinaryOperator *BO);
  void varDecl(const clang::VarDecl *VD);
  /// `call_params<H>{handler_, req, res}`: an aggregate's callable fields
  /// hold what initializes them.
  void initList(const clang::InitListExpr *ILE);
  void returnStmt(const clang::ReturnStmt *RS);
  void addressOf(const clang::UnaryOperator *UO);
  void lambda(const clang::LambdaExpr *LE);
  void forRange(const clang::CXXForRangeStmt *FR);

private:
  WalkContext &W;
  /// Range-for loop variables and the range they walk (`for (auto &h :
  /// handlers_) h();` calls what flowed into handlers_).
  llvm::DenseMap<const clang::VarDecl *, const clang::Expr *> RangeOf;
  llvm::DenseMap<const clang::FunctionDecl *, const CallableApi *> Apis;
  llvm::DenseMap<const clang::FunctionDecl *, const QueryApi *> Queries;

  /// Flags and the innermost non-constant loop of the current statement.
  unsigned siteFlags(Loc *Loop);
  void addCall(const std::string &Callee, CallKind Kind,
               clang::SourceLocation At, const clang::Expr *Object = nullptr,
               llvm::ArrayRef<const clang::Expr *> Args = {});
  /// The parameter of the function running here that \p E passes on
  /// unchanged (directly, through std::move or std::forward, or as its C
  /// string), or -1.
  int paramOf(const clang::Expr *E);
  std::vector<std::string> sizeGuards(std::vector<std::string> &Calls);
  /// The callable an expression evaluates to: "fn:<id>" for a lambda, a
  /// function or a std::bind result; a holder id for a variable, field or
  /// parameter holding one; "" when unknown.
  std::string valueOf(const clang::Expr *E, unsigned Depth = 0);
  /// "fn:<id>" of the call operator an object of a user class type runs
  /// (a function calling each, for several overloads), or "".
  std::string functorValue(clang::QualType T);
  /// Does \p Arg, given for parameter \p I of \p Callee, carry a callable
  /// (by the parameter's type or its own, or, with \p Objects, as an
  /// object of a class with a call operator)?
  bool callableArgument(const clang::FunctionDecl *Callee, unsigned I,
                        const clang::Expr *Arg, bool Objects = true);
  /// The holder an expression designates: a field, variable or parameter
  /// (of callable type, or a container of callables), or "".
  std::string holderOf(const clang::Expr *E, const clang::FieldDecl **Field,
                       unsigned Depth = 0);
  void flow(const std::string &From, const std::string &To,
            const clang::FieldDecl *Field, clang::SourceLocation At,
            bool EndsOnClose = false, llvm::StringRef In = {});
  /// Callables passed to a call: into a user function's parameters, to a
  /// library object that holds them, or run now by a library algorithm.
  void arguments(const clang::FunctionDecl *Callee, const clang::Expr *Object,
                 llvm::ArrayRef<const clang::Expr *> Args,
                 clang::SourceLocation At);
  const CallableApi *callableApi(const clang::FunctionDecl *FD);
  const clang::CXXConstructorDecl *
  forwardedConstructor(const clang::FunctionDecl *Callee,
                       const clang::Expr *Object, unsigned N);
  std::string bindValue(const clang::CallExpr *CE, const CallableApi &A);
  void addSharedCapture(Function &F, clang::QualType T, bool Kept = true);
  void query(const clang::CallExpr *CE, const clang::FunctionDecl *Callee);
};

} // namespace facts
} // namespace memlint

#endif
