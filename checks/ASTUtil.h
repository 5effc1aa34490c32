//===- ASTUtil.h - names, ids and locations shared by the checks ----------===//
#ifndef MEMLINT_CHECKS_ASTUTIL_H
#define MEMLINT_CHECKS_ASTUTIL_H

#include "Finding.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"

#include <string>

namespace clang {
class CXXRecordDecl;
class Decl;
class Expr;
class QualType;
class Stmt;
class ValueDecl;
class NamedDecl;
class SourceManager;
class FileManager;
class FunctionDecl;
class ASTContext;
} // namespace clang

namespace memlint {

/// "std::vector", "app::Service": named namespaces and classes, inline and
/// anonymous namespaces dropped, template arguments dropped. Rule packs match
/// against this form.
std::string qualifiedName(const clang::NamedDecl *D);

/// Enclosing classes only ("Outer::Inner"), for naming members in messages.
std::string recordPath(const clang::NamedDecl *D);

/// The declaration a template instantiation was made from (fields, methods,
/// classes, functions), so facts about every instantiation share one id.
const clang::Decl *patternOf(const clang::Decl *D);

/// Stable id across translation units (a USR); falls back to a
/// location-based id when Clang cannot make one.
std::string stableId(const clang::Decl *D);

/// Strips parentheses, implicit casts, cleanups and temporaries: what does
/// not change which object or value an expression denotes.
const clang::Expr *strip(const clang::Expr *E);

/// Does \p S mention the declaration \p D anywhere?
bool mentionsDecl(const clang::Stmt *S, const clang::ValueDecl *D);

/// Also through what hands a value on unchanged: a copy or conversion
/// constructor of one argument, `std::move`, `std::forward` (`std::move(p)`,
/// a `shared_ptr` made from a `unique_ptr`): the value handed on.
const clang::Expr *peelHandover(const clang::Expr *E);

/// A defined function whose every `return` returns the constant 0, and
/// that has at least one: a filter callback that keeps nothing (scandir's
/// filter counting or collecting the entries itself).
bool returnsZeroOnly(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);
/// A method made for chained calls: not an operator, not static, its
/// return type a reference to its own class, and every return `*this`
/// (`Description &Description::host(std::string v) { host_ = v; return
/// *this; }`). A builder's step: what it adds configures the object.
bool returnsThisOnly(const clang::FunctionDecl *FD);
/// A builder class: two or more public methods that are not static, const,
/// constructors, destructors or operators, and every one of them returns a
/// reference to the class (`PathBuilder &bind(...)`, `PathBuilder
/// &hide()`): an object to configure by chained calls.
bool isBuilder(const clang::CXXRecordDecl *RD);

/// A reference or pointer through which the referent may be changed.
bool isNonConstRefOrPtr(clang::QualType T);

bool isLoop(const clang::Stmt *S);
/// The condition of a for/while/do loop (none for a range-for).
const clang::Expr *loopCondition(const clang::Stmt *Loop);
/// The body of any loop, or nullptr if \p S is not one.
const clang::Stmt *loopBody(const clang::Stmt *Loop);

/// Does the class (or a base) declare a method or method template of that
/// name? Library types are recognized by shape this way, not by name.
bool hasMethod(const clang::CXXRecordDecl *RD, llvm::StringRef Name);

/// Holds a lock (lock/unlock) or a condition variable (wait/notify_one): its
/// members are shared between threads.
bool synchronizes(const clang::CXXRecordDecl *RD);

/// Turns SourceLocations into absolute, normalized file positions (macro
/// expansions map to where they are expanded), caching per file.
class LocMaker {
public:
  explicit LocMaker(const clang::SourceManager &SM) : SM(SM) {}
  Loc make(clang::SourceLocation L);

private:
  const clang::SourceManager &SM;
  llvm::DenseMap<clang::FileID, std::string> Names;
};

} // namespace memlint

#endif
