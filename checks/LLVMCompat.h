//===- LLVMCompat.h - every LLVM version difference, in one place ---------===//
//
// memlint builds against the LLVMs Debian 12 ships with clang-tidy: 16, 19
// (the default) and 22. Code elsewhere calls these helpers instead of
// testing LLVM_VERSION_MAJOR itself; a new difference goes here.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_LLVMCOMPAT_H
#define MEMLINT_CHECKS_LLVMCOMPAT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Frontend/CompilerInstance.h"
#include "llvm/Config/llvm-config.h"

// The clang-tidy module registry: ClangTidyModuleRegistry.h is deprecated in
// LLVM 22 (a #warning) and its contents moved into ClangTidyModule.h.
#if LLVM_VERSION_MAJOR >= 22
#define MEMLINT_CLANG_TIDY_REGISTRY_HEADER "clang-tidy/ClangTidyModule.h"
#else
#define MEMLINT_CLANG_TIDY_REGISTRY_HEADER "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace memlint {
namespace compat {

/// FunctionDecl::isPure() became isPureVirtual() in LLVM 18.
inline bool isPureVirtual(const clang::FunctionDecl *FD) {
#if LLVM_VERSION_MAJOR >= 18
  return FD->isPureVirtual();
#else
  return FD->isPure();
#endif
}

/// The type of a class: ASTContext::getRecordType() became
/// getCanonicalTagType() in LLVM 22 (types no longer carry an ElaboratedType
/// sugar node of their own).
inline clang::QualType recordType(const clang::ASTContext &Ctx,
                                  const clang::RecordDecl *RD) {
#if LLVM_VERSION_MAJOR >= 22
  return Ctx.getCanonicalTagType(RD);
#else
  return Ctx.getRecordType(RD);
#endif
}

/// Where an expression begins, through the dynamic type. LLVM 22 made
/// CallExpr::getBeginLoc() inline: called through a CallExpr pointer on an
/// overloaded operator call (`a += b`, `m[k] = v`) it returns the operator's
/// position, where LLVM 16 and 19 (and CXXOperatorCallExpr itself) return
/// the start of the left operand. Stmt::getBeginLoc() dispatches on the
/// class, so this is the same on every version.
inline clang::SourceLocation beginLoc(const clang::Stmt *S) {
  return S->getBeginLoc();
}

/// A compiler instance for \p Invocation that reads through \p Files and
/// has its source manager, as tooling's runInvocation makes one. LLVM 22
/// takes the invocation in the constructor, the file system separately,
/// and makes the source manager from the file manager it already has.
inline clang::CompilerInstance *
newCompilerInstance(std::shared_ptr<clang::CompilerInvocation> Invocation,
                    clang::FileManager *Files,
                    std::shared_ptr<clang::PCHContainerOperations> PCH,
                    clang::DiagnosticConsumer *Diags) {
#if LLVM_VERSION_MAJOR >= 22
  auto *Compiler =
      new clang::CompilerInstance(std::move(Invocation), std::move(PCH));
  Compiler->setVirtualFileSystem(Files->getVirtualFileSystemPtr());
  Compiler->setFileManager(Files);
#else
  auto *Compiler = new clang::CompilerInstance(std::move(PCH));
  Compiler->setInvocation(std::move(Invocation));
  Compiler->setFileManager(Files);
#endif
  Compiler->createDiagnostics(Diags, /*ShouldOwnClient=*/false);
  if (!Compiler->hasDiagnostics())
    return Compiler;
#if LLVM_VERSION_MAJOR >= 22
  Compiler->createSourceManager();
#else
  Compiler->createSourceManager(*Files);
#endif
  return Compiler;
}

} // namespace compat
} // namespace memlint

#endif
