//===- SafeCommands.h - compile commands are untrusted input --------------===//
//
// A compile database comes with the repository being analyzed, so its
// commands are attacker-controlled: flags such as `--serialize-diagnostics P`,
// `-MJ P`, `-Xclang -dependency-file -Xclang P` or `-Xclang -stats-file=P`
// make the front end create or overwrite P. memlint runs only its own
// analysis over each command (never a compile job, never a plugin), and
// takes every output away from it, in two layers:
//
//  - the driver command line: the flags the driver itself acts on while it
//    builds the job (-MJ, --serialize-diagnostics) and every other
//    output-producing driver flag are removed (stripOutputFlags, a tested
//    list: test/robustness/compile-db-output-flags.test);
//  - the front end's invocation, once the driver has built it: every output
//    path it holds is cleared, whatever spelling (-Xclang ...) put it there,
//    plugins and -mllvm options are dropped, and an implicit module cache
//    goes to memlint's own temporary directory (sanitizeInvocation).
//
// docs/security.md says what memlint reads, writes and never executes.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_DRIVER_SAFECOMMANDS_H
#define MEMLINT_DRIVER_SAFECOMMANDS_H

#include "clang/Tooling/CompilationDatabase.h"

#include <memory>
#include <string>
#include <vector>

namespace clang {
class CompilerInvocation;
}

namespace memlint {

/// Loads <Dir>/compile_commands.json: a regular file (a FIFO or a device is
/// refused before anything is read) of at most 1 GiB, nested at most
/// MaxJSONDepth deep. Null and \p Error (naming the file) otherwise.
std::unique_ptr<clang::tooling::CompilationDatabase>
loadCompileDatabase(const std::string &Dir, std::string &Error);

/// The files of a database as its commands name them, absolute. (Its
/// getAllFiles() rewrites a backslash in a name to '/', which names another
/// file on POSIX.)
std::vector<std::string>
databaseFiles(const clang::tooling::CompilationDatabase &DB);

/// \p Args (argv[0] first) without the driver flags that write files.
/// \p Removed, when given, receives what was removed.
std::vector<std::string>
stripOutputFlags(const std::vector<std::string> &Args,
                 std::vector<std::string> *Removed = nullptr);

/// Clears every output of a front-end invocation; an implicit module cache
/// is redirected below \p ScratchDir ("": modules are built in memory only,
/// never written).
void sanitizeInvocation(clang::CompilerInvocation &CI,
                        const std::string &ScratchDir);

/// A database whose commands come out of \p Base through stripOutputFlags.
class SanitizedDatabase : public clang::tooling::CompilationDatabase {
public:
  explicit SanitizedDatabase(const clang::tooling::CompilationDatabase &Base)
      : Base(Base) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override;
  std::vector<std::string> getAllFiles() const override {
    return Base.getAllFiles();
  }

private:
  const clang::tooling::CompilationDatabase &Base;
};

} // namespace memlint

#endif
