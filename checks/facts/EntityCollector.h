//===- EntityCollector.h - long-lived containers and what touches them ----===//
//
// For every long-lived container the user code touches, how it is touched
// (grown, erased, popped, cleared, looked up, handed to a helper, escaped)
// and where: in a constructor, behind a size check, in a constant loop.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_FACTS_ENTITYCOLLECTOR_H
#define MEMLINT_CHECKS_FACTS_ENTITYCOLLECTOR_H

#include "Walk.h"

namespace memlint {
namespace facts {

class EntityCollector {
public:
  explicit EntityCollector(WalkContext &W) : W(W) {}

  void varDecl(const clang::VarDecl *VD);
  /// After a variable's initializer was walked.
  void varDeclDone(const clang::VarDecl *VD);
  /// After an if statement's children were walked.
  void ifDone(const clang::IfStmt *If);
  void call(const clang::CallExpr *CE);
  void construct(const clang::CXXConstructExpr *CE);
  void returnStmt(const clang::ReturnStmt *RS);
  void addressOf(const clang::UnaryOperator *UO);
  void lambda(const clang::LambdaExpr *LE);
  void forRange(const clang::CXXForRangeStmt *FR);
  /// Stores into a pointer member (Entity::Pointer): `jobs_ = new ...`,
  /// `: jobs_(new ...)`, `Q *jobs_ = new ...;`; and `delete jobs_`.
  void assign(const clang::BinaryOperator *BO);
  void memberInit(const clang::CXXCtorInitializer *Init);
  void field(const clang::FieldDecl *FD);
  void deleteExpr(const clang::CXXDeleteExpr *DE);

private:
  WalkContext &W;
  /// `map[key]` growths by call, and references bound to such slots.
  llvm::DenseMap<const clang::Expr *, int> Subscripts;
  llvm::DenseMap<const clang::VarDecl *, int> LazySlots;
  std::map<std::pair<const clang::FunctionDecl *, std::string>, bool>
      SizeReaders;

  int record(const Target &T, EventKind K, clang::SourceLocation At,
             unsigned ExtraFlags = 0);
  void markLazySlotTests(const clang::Stmt *S);
  void containerMethodCall(const clang::CallExpr *CE,
                           const clang::CXXMethodDecl *Method,
                           const clang::Expr *Object,
                           llvm::SmallVectorImpl<bool> &Done);
  void dependentMethodCall(const clang::CallExpr *CE);
  /// A smart pointer's own method on a smart pointer to a container
  /// (`items_.reset()`, `items_ = std::make_unique<V>()`, `release()`).
  void smartPointerCall(const clang::CallExpr *CE,
                        const clang::CXXMethodDecl *Method, const Target &T,
                        llvm::SmallVectorImpl<bool> &Done);
  /// The entity of the pointer member (Entity::Pointer) that \p E names,
  /// as an lvalue: `jobs_`, `this->jobs_`, `other.jobs_`, `Class::jobs_`.
  Entity *pointerMember(const clang::Expr *E);
  /// \p Value is stored into the pointer member \p E.
  void storeInto(Entity &E, const clang::Expr *Value);
  /// An argument bound to a parameter of type \p ParamType: a pointer
  /// member bound to a non-const reference may be given anything there.
  void bindsReference(const clang::Expr *Arg, clang::QualType ParamType);
  /// A call (or a constructor) a pack's `container_functions` entry names:
  /// its effect on the containers among \p Args; sets Done for them.
  void containerFunctionCall(const clang::FunctionDecl *Callee,
                             llvm::ArrayRef<const clang::Expr *> Args,
                             clang::SourceLocation At,
                             llvm::SmallVectorImpl<bool> &Done);
  void passArgument(const clang::Expr *Arg, clang::QualType ParamType,
                    const clang::FunctionDecl *Callee, unsigned ParamIndex,
                    clang::SourceLocation At);
  std::vector<Replacement> swapWithEmpty(const clang::CallExpr *CE,
                                         const clang::Expr *Object,
                                         const Target &T);
  bool isWholeRange(const clang::Expr *First, const clang::Expr *Last,
                    const std::string &Id);
  bool mentions(const clang::Stmt *S, const std::string &Id);
  bool fromInput(const clang::Stmt *E, unsigned Depth = 0) const;

  unsigned siteFlags(const std::string &GrowthOf,
                     std::vector<std::string> *GuardCalls = nullptr);
  std::vector<Scope> scopes(const std::string &Id);
  bool boundsLater(const clang::Stmt *S, const std::string &Id);
  /// A size check after a growth that empties the container or hands it
  /// whole to a call when it is big enough (a batch's flush).
  bool flushesAtSize(const clang::Stmt *S, const std::string &Id);
  bool walkedAfter(const clang::Expr *E, const clang::Stmt *At);
  const clang::ValueDecl *foundKey(const clang::ValueDecl *Key,
                                   const std::string &Id);
  const clang::CXXMemberCallExpr *lookupOf(const clang::Expr *E,
                                           const std::string &Id);
  bool helperBlocksOnSize(const clang::Stmt *S, const std::string &Id,
                          unsigned Depth);
  bool waitsOnSize(const clang::Stmt *S, const std::string &Id);
  bool backpressure(const clang::Stmt *S, unsigned Depth);
  bool evicts(const clang::Stmt *S, const std::string &Id);
  bool readsSize(const clang::Stmt *S, const std::string &Id, unsigned Depth);
  const clang::ValueDecl *keyDecl(const clang::Expr *E);
  unsigned growthKind(llvm::ArrayRef<const clang::Expr *> Values,
                      const ContainerModel *M, bool Element);
  bool configValue(const clang::Expr *E, unsigned Depth);
  std::optional<bool> keyTest(const clang::Expr *Cond, const std::string &Id,
                              const clang::ValueDecl *Key);
  bool setsConstant(const clang::Stmt *S, const clang::ValueDecl *Key);
  bool keyPresent(const std::string &Id, const clang::ValueDecl *Key);
  /// Erase events by entity and key, to mark de-duplications.
  std::map<std::pair<std::string, const clang::ValueDecl *>, int> Erased;
  /// Is \p T the whole entity \p Id (not an element of it)?
  static bool isEntity(const Target &T, const std::string &Id) {
    return T && !T.Element && T.Id == Id;
  }
};

} // namespace facts
} // namespace memlint

#endif
