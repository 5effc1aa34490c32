//===- TUWorker.h - analyze translation units, each in its own process ----===//
#ifndef MEMLINT_DRIVER_TUWORKER_H
#define MEMLINT_DRIVER_TUWORKER_H

#include "Analysis.h"
#include "FactsCache.h"

#include <functional>
#include <string>
#include <vector>

namespace clang::tooling {
class CompilationDatabase;
}
namespace llvm::json {
class Value;
}

namespace memlint {

/// What one translation unit yields. A TU with errors yields no facts and no
/// findings (no guessing from a broken AST), only its errors.
struct TUResult {
  std::string File;
  TUAnalysis Analysis;
  std::vector<InputError> Errors;
  /// Every file the parse read, with the hash of what it read (sorted): what
  /// a cached result depends on. Empty when they do not say it all: an
  /// #include was not found or could not be read, the compiler could not
  /// run, the worker died; and when WorkerOptions::RecordDependencies is
  /// off (no cache to store the result in).
  std::vector<FileDependency> Deps;
};

struct WorkerOptions {
  const clang::tooling::CompilationDatabase *Database = nullptr;
  AnalysisOptions Analysis;
  std::string ResourceDir; // Clang's builtin headers
  unsigned Jobs = 1;
  unsigned TimeoutSeconds = 0; // 0: none
  /// Fill TUResult::Deps (a content hash of every file the parse read):
  /// only the facts cache needs them, and hashing every header costs CPU.
  bool RecordDependencies = false;
  /// Called in the parent as each file's result is complete, in the order
  /// they finish, with the time it took (progress on stderr).
  std::function<void(const TUResult &, double Seconds)> OnDone;
  /// A directory of this run the front end may write to (an implicit module
  /// cache); set by analyzeAll.
  std::string ScratchDir;
};

/// Analyzes one file in this process (a worker's job: it changes the
/// current directory to each compile command's). Like `clang -cc1
/// -disable-free`, it never frees the AST and the compiler's other
/// structures: the worker exits right after, and freeing them costs CPU.
TUResult analyzeFile(const std::string &File, const WorkerOptions &Opts);

/// Analyzes every file, up to Opts.Jobs at once, each in a child process so
/// that a crash or a timeout costs only that file (reported as an error).
/// A file no process could be started for is an error too (never analyzed
/// unisolated). Results come back in the order of \p Files, whatever order
/// they finish in.
std::vector<TUResult> analyzeAll(const std::vector<std::string> &Files,
                                 const WorkerOptions &Opts);

/// The result as JSON: how a child hands it to its parent, and what the
/// facts cache and .facts files store (opaque to them).
llvm::json::Value resultToJSON(const TUResult &R);
std::string serializeResult(const TUResult &R);
/// False with \p Error when \p V is not a complete result.
bool resultFromJSON(const llvm::json::Value &V, TUResult &R,
                    std::string &Error);
bool deserializeResult(llvm::StringRef Text, TUResult &R, std::string &Error);

} // namespace memlint

#endif
