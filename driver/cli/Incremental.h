//===- Incremental.h - analyzing only what changed ------------------------===//
//
// The facts cache (FactsCache.h) in the run: which settings a per-TU result
// depends on, analysis of the TUs whose key changed, and the cached results
// of the rest of a program (the context the pre-commit hook and the language
// server judge a few files against).
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_DRIVER_INCREMENTAL_H
#define MEMLINT_DRIVER_INCREMENTAL_H

#include "FactsCache.h"
#include "TUWorker.h"

#include <string>
#include <vector>

namespace memlint {

struct RuleSet;

/// Everything besides the sources and the compile command that a per-TU
/// result depends on: memlint's build (a hash of its executable, its
/// version, LLVM's version), Clang's resource directory, and the parts of
/// the configuration collect() reads (the rule packs' vocabulary, the
/// thresholds, the enabled checks, --report-unmodeled). Not: severities,
/// `exclude:` and `vendored:` globs, --assume-closed-world and the report
/// options (--min-confidence, --project-root, --include-vendored, the
/// filters), which only the decision and the report read after the cache,
/// so changing them reuses every cached TU.
std::string settingsKey(const std::string &Exe, const AnalysisOptions &A,
                        const RuleSet &Rules, const std::string &ResourceDir);

/// One run's use of a cache.
struct CacheSession {
  CacheSession(FactsCache &Cache, std::string Settings)
      : Cache(Cache), Settings(std::move(Settings)) {}

  FactsCache &Cache;
  std::string Settings; // settingsKey()
  FileHasher Hasher;
  /// Filled by analyzeWithCache: the main files analyzed (not reused).
  std::vector<std::string> Analyzed;
  unsigned Reused = 0;

  std::string keyOf(const std::string &File, const WorkerOptions &W) const;
};

/// analyzeAll() through the cache: a TU whose key and dependencies are
/// unchanged is read back, the others are analyzed and stored. A TU that
/// does not compile is stored with its errors, unless its dependency list is
/// incomplete (TUResult::Deps).
std::vector<TUResult> analyzeWithCache(const std::vector<std::string> &Files,
                                       const WorkerOptions &W,
                                       CacheSession &C);

/// The rest of a program, from the cache: for each of \p Files, its fresh
/// result if its sources are unchanged, else the most recent one stored
/// (counted in \p Stale), else nothing (counted in \p Missing). Without
/// their errors: those are reported by the runs that analyze them.
std::vector<TUResult> cachedContext(const std::vector<std::string> &Files,
                                    const WorkerOptions &W, CacheSession &C,
                                    unsigned &Stale, unsigned &Missing);

/// What the last run over the whole compile database in \p BuildDir found
/// (with this cache and these settings): recorded by it, read by a run
/// over some of its files to tell findings their change caused from those
/// the whole program already had.
void recordWholeProgramFindings(CacheSession &C, const std::string &BuildDir,
                                const std::vector<Finding> &Findings);
/// nullopt when no such run was recorded.
std::optional<std::vector<Finding>>
wholeProgramFindings(CacheSession &C, const std::string &BuildDir);

/// "memlint: cache: ..." on stderr: what was reused and what analyzed.
void reportCacheUse(const CacheSession &C, size_t Total);

} // namespace memlint

#endif
