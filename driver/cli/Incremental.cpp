//===- Incremental.cpp ----------------------------------------------------===//
#include "Incremental.h"

#include "Escape.h"
#include "FindingJSON.h"
#include "Output.h"

#include "memlint/RuleLoader.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/JSON.h"
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
  Vocabulary.Vendored.clear(); // the report's filter (PostProcess.cpp)
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
      if (deserializeResult(*P, R, Error)) {
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
  WorkerOptions Recording = W; // a result is stored with what it read
  Recording.RecordDependencies = true;
  std::vector<TUResult> Fresh = analyzeAll(ToAnalyze, Recording);
  for (size_t J = 0; J < Missing.size(); ++J) {
    size_t I = Missing[J];
    Results[I] = std::move(Fresh[J]);
    C.Analyzed.push_back(Files[I]);
    const TUResult &R = Results[I];
    if (!R.Deps.empty())
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
    R.Errors.clear(); // the context's errors are its own runs' business
    Out.push_back(std::move(R));
  }
  return Out;
}

static std::string wholeProgramKey(const CacheSession &C,
                                   const std::string &BuildDir) {
  return contentHash("whole-program-findings\n" + C.Settings + "\n" + BuildDir);
}

void recordWholeProgramFindings(CacheSession &C, const std::string &BuildDir,
                                const std::vector<Finding> &Findings) {
  // Only what identifies a finding: rule, position and message (the
  // message names the entity judged, findingSameKey's Subject, which is
  // not serialized).
  llvm::json::Array A;
  for (const Finding &F : Findings)
    A.push_back(llvm::json::Array{F.Rule, encodeWirePath(F.At.File), F.At.Line,
                                  F.At.Column, F.Message});
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::json::Value(std::move(A));
  C.Cache.putRecord(wholeProgramKey(C, BuildDir), Text);
}

std::optional<std::vector<Finding>>
wholeProgramFindings(CacheSession &C, const std::string &BuildDir) {
  std::optional<std::string> Text =
      C.Cache.getRecord(wholeProgramKey(C, BuildDir));
  if (!Text)
    return std::nullopt;
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(*Text);
  if (!V) {
    llvm::consumeError(V.takeError());
    return std::nullopt;
  }
  const llvm::json::Array *A = V->getAsArray();
  if (!A)
    return std::nullopt;
  std::vector<Finding> Out;
  for (const llvm::json::Value &E : *A) {
    const llvm::json::Array *F = E.getAsArray();
    if (!F || F->size() != 5)
      return std::nullopt;
    std::optional<llvm::StringRef> Rule = (*F)[0].getAsString();
    std::optional<llvm::StringRef> File = (*F)[1].getAsString();
    std::optional<int64_t> Line = (*F)[2].getAsInteger();
    std::optional<int64_t> Col = (*F)[3].getAsInteger();
    std::optional<llvm::StringRef> Message = (*F)[4].getAsString();
    if (!Rule || !File || !Line || !Col || !Message)
      return std::nullopt;
    Finding X;
    X.Rule = Rule->str();
    X.Message = Message->str();
    X.At = Loc{decodeWirePath(*File), static_cast<unsigned>(*Line),
               static_cast<unsigned>(*Col), 0};
    Out.push_back(std::move(X));
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
      llvm::errs() << (I ? ", " : "") << terminalSafe(displayPath(Names[I]));
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
