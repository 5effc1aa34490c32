//===- Incremental.cpp ----------------------------------------------------===//
#include "Incremental.h"

#include "Output.h"

#include "memlint/RuleLoader.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/raw_ostream.h"

namespace memlint {

std::string settingsKey(const std::string &Exe, const AnalysisOptions &A,
                        const RuleSet &Rules, const std::string &ResourceDir) {
  FileHasher H;
  std::string Text = "memlint " MEMLINT_VERSION " LLVM " LLVM_VERSION_STRING;
  // Every build is its own version: a rebuilt memlint (a changed check, a
  // changed facts format) never reads what another build cached.
  Text += "\nexe " + H.hash(Exe).value_or("?");
  Text += "\nresource-dir " + ResourceDir;
  // The vocabulary and thresholds collect() reads; severities and excludes
  // are reset because only the decision and the report read them.
  RuleSet Vocabulary = Rules;
  for (auto &[Id, Settings] : Vocabulary.Checks)
    Settings.Level.reset();
  Vocabulary.Excludes.clear();
  Text += "\n" + dumpConfig(Vocabulary, /*WithOrigins=*/false);
  Text += "\nchecks";
  for (const std::string &R : A.Checks.enabledRules())
    Text += " " + R;
  Text += A.ReportUnmodeled ? "\nreport-unmodeled" : "";
  return contentHash(Text);
}

std::string CacheSession::keyOf(const std::string &File,
                                const WorkerOptions &W) const {
  return FactsCache::tuKey(Settings, W.Database->getCompileCommands(File),
                           File);
}

std::vector<TUResult> analyzeWithCache(const std::vector<std::string> &Files,
                                       const WorkerOptions &W,
                                       CacheSession &C) {
  std::vector<TUResult> Results(Files.size());
  std::vector<std::string> Keys(Files.size());
  std::vector<size_t> Missing;
  for (size_t I = 0; I < Files.size(); ++I) {
    Keys[I] = C.keyOf(Files[I], W);
    if (std::optional<std::string> P = C.Cache.lookup(Keys[I], C.Hasher)) {
      TUResult R;
      std::string Error;
      // An entry that passed its checksum but does not parse as a result is
      // recomputed like any other miss.
      if (deserializeResult(*P, R, Error) && R.Errors.empty()) {
        R.File = Files[I];
        Results[I] = std::move(R);
        ++C.Reused;
        continue;
      }
    }
    Missing.push_back(I);
  }
  std::vector<std::string> ToAnalyze;
  for (size_t I : Missing)
    ToAnalyze.push_back(Files[I]);
  std::vector<TUResult> Fresh = analyzeAll(ToAnalyze, W);
  for (size_t J = 0; J < Missing.size(); ++J) {
    size_t I = Missing[J];
    Results[I] = std::move(Fresh[J]);
    C.Analyzed.push_back(Files[I]);
    const TUResult &R = Results[I];
    if (R.Errors.empty() && !R.Deps.empty())
      C.Cache.store(Keys[I], R.Deps, serializeResult(R));
  }
  C.Cache.evict();
  return Results;
}

std::vector<TUResult> cachedContext(const std::vector<std::string> &Files,
                                    const WorkerOptions &W, CacheSession &C,
                                    unsigned &Stale, unsigned &Missing) {
  std::vector<TUResult> Out;
  for (const std::string &F : Files) {
    std::optional<FactsCache::Entry> E =
        C.Cache.lookupLatest(C.keyOf(F, W), C.Hasher);
    TUResult R;
    std::string Error;
    if (!E || !deserializeResult(E->Payload, R, Error)) {
      ++Missing;
      continue;
    }
    Stale += !E->Fresh;
    R.File = F;
    Out.push_back(std::move(R));
  }
  return Out;
}

std::vector<TUResult> previousResults(const std::vector<std::string> &Files,
                                      const WorkerOptions &W,
                                      CacheSession &C) {
  std::vector<TUResult> Out;
  for (const std::string &F : Files) {
    std::optional<std::string> P =
        C.Cache.lookupPrevious(C.keyOf(F, W), C.Hasher);
    TUResult R;
    std::string Error;
    if (P && deserializeResult(*P, R, Error)) {
      R.File = F;
      Out.push_back(std::move(R));
    }
  }
  return Out;
}

void reportCacheUse(const CacheSession &C, size_t Total) {
  const FactsCache::Stats &S = C.Cache.stats();
  llvm::errs() << "memlint: cache: " << C.Reused << " of " << Total
               << " translation units unchanged, " << C.Analyzed.size()
               << " analyzed";
  // Few enough to name: which edit invalidated what.
  if (!C.Analyzed.empty() && C.Analyzed.size() <= 8) {
    std::vector<std::string> Names = C.Analyzed;
    llvm::sort(Names);
    llvm::errs() << " (";
    for (size_t I = 0; I < Names.size(); ++I)
      llvm::errs() << (I ? ", " : "") << displayPath(Names[I]);
    llvm::errs() << ")";
  }
  if (S.Corrupt)
    llvm::errs() << "; " << S.Corrupt << " damaged entries recomputed";
  if (S.WriteErrors)
    llvm::errs() << "; " << S.WriteErrors << " entries could not be written";
  if (S.Evicted)
    llvm::errs() << "; " << S.Evicted << " old files evicted";
  llvm::errs() << "\n";
}

} // namespace memlint
