//===- PostProcess.cpp ----------------------------------------------------===//
#include "PostProcess.h"
#include "Console.h"

#include "Commands.h"
#include "Escape.h"
#include "FixIts.h"
#include "SafeIO.h"
#include "Suppressions.h"

#include "memlint/Vendored.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <set>

namespace memlint {

const std::vector<std::string> &reportFormats() {
  static const std::vector<std::string> Formats{"text", "json", "sarif",
                                                "codeclimate", "github"};
  return Formats;
}

static int severityRank(llvm::StringRef S) {
  if (S == "note")
    return 0;
  if (S == "warning")
    return 1;
  if (S == "error")
    return 2;
  if (S == "none")
    return 3;
  return -1;
}

const std::vector<std::string> &failOnLevels() {
  static const std::vector<std::string> Levels{"note", "warning", "error",
                                               "none"};
  return Levels;
}

/// A finding's severity; anything unknown counts as a warning.
static int findingRank(llvm::StringRef S) {
  int R = severityRank(S);
  return R < 0 || R > 2 ? 1 : R;
}

PostProcessor::PostProcessor(ReportOptions Options) : O(std::move(Options)) {}

bool PostProcessor::prepare(std::string &Error) {
  Root = findProjectRoot(O.ProjectRoot);
  // Findings outside the project are vendored only where the project's
  // extent is known: --project-root, or a git work tree.
  VendorRoot = vendoringRoot(O.ProjectRoot);
  if (!O.IncludeVendored)
    verbose() << "memlint: project root: "
              << (VendorRoot.empty()
                      ? std::string("unknown (not in a git work tree; "
                                    "--project-root sets it)")
                      : terminalSafe(VendorRoot))
              << "\n";
  for (const std::optional<std::string> *F :
       {&O.HeaderFilter, &O.ExcludeHeaderFilter}) {
    std::string Why;
    if (*F && !llvm::Regex(**F).isValid(Why)) {
      Error = "invalid regular expression '" + **F + "': " + Why;
      return false;
    }
  }
  if (!O.DiffBase.empty() && !O.ChangedLines) {
    Error = "--diff-base needs --changed-lines";
    return false;
  }
  if (O.ChangedLines && !O.WriteBaseline.empty()) {
    Error = "--write-baseline records every finding; it does not go with "
            "--changed-lines";
    return false;
  }
  if (!O.Baseline.empty() && !readBaseline(O.Baseline, Known, Error))
    return false;
  if (O.ChangedLines) {
    if (!O.DiffBase.empty())
      return Changes.fromGit(O.DiffBase, Root, Error);
    if (llvm::sys::Process::StandardInIsUserInput()) {
      Error = "--changed-lines needs --diff-base <rev> or a unified diff on "
              "stdin";
      return false;
    }
    std::string Why;
    std::unique_ptr<llvm::MemoryBuffer> Stdin = readStdin(MaxDiffBytes, Why);
    if (!Stdin) {
      Error = "--changed-lines without --diff-base reads a unified diff on "
              "stdin: " + Why;
      return false;
    }
    if (!Changes.parse(Stdin->getBuffer(), Root, Error))
      return false;
    if (Changes.files() == 0)
      info() << "memlint: --changed-lines: the diff on stdin changes "
                      "no file; nothing will be reported\n";
    return true;
  }
  return true;
}

namespace {

/// Keeps the findings (and their fingerprints) for which \p Keep is true;
/// returns how many went.
template <typename Pred> size_t keepIf(Report &R, Pred Keep) {
  size_t Out = 0;
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    if (!Keep(I))
      continue;
    if (Out != I) {
      R.Findings[Out] = std::move(R.Findings[I]);
      R.Fingerprints[Out] = std::move(R.Fingerprints[I]);
    }
    ++Out;
  }
  size_t Gone = R.Findings.size() - Out;
  R.Findings.resize(Out);
  R.Fingerprints.resize(Out);
  return Gone;
}

std::string plural(size_t N, const char *One, const char *Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many);
}

} // namespace

std::function<bool(const std::string &File)>
PostProcessor::testCode(const RuleSet &Rules) const {
  auto Files = std::make_shared<VendoredFilter>(Rules, VendorRoot);
  return [Files](const std::string &File) { return Files->testCode(File); };
}

int PostProcessor::run(Report &R, const AnalyzedInputs &In,
                       std::string &Error) {
  R.ProjectRoot = Root;
  R.Fingerprints = computeFingerprints(R.Findings, Root, Sources);

  // Vendored code: its facts fed the verdicts; its findings are not ours.
  if (!O.IncludeVendored && In.Rules) {
    VendoredFilter Vendored(*In.Rules, VendorRoot);
    std::map<std::string, std::string> Why; // by file
    std::map<std::string, size_t> ByReason;
    size_t Gone = keepIf(R, [&](size_t I) {
      const std::string &File = R.Findings[I].At.File;
      auto It = Why.find(File);
      if (It == Why.end())
        It = Why.emplace(File, Vendored.reason(File)).first;
      if (It->second.empty())
        return true;
      ++ByReason[It->second];
      return false;
    });
    if (Gone) {
      info() << "memlint: " << plural(Gone, "finding", "findings")
             << " in vendored code not reported (";
      bool First = true;
      for (const auto &[Reason, N] : ByReason) {
        info() << (First ? "" : ", ") << N << " " << terminalSafe(Reason);
        First = false;
      }
      info() << "); --include-vendored reports them\n";
    }
  }

  // Test and benchmark code runs briefly: its findings are low confidence.
  if (In.Rules) {
    VendoredFilter Files(*In.Rules, VendorRoot);
    std::map<std::string, bool> Test; // by file
    for (Finding &F : R.Findings) {
      auto It = Test.find(F.At.File);
      if (It == Test.end())
        It = Test.emplace(F.At.File, Files.testCode(F.At.File)).first;
      if (It->second)
        markTestCode(F);
    }
  }

  // Findings less sure than --min-confidence.
  if (size_t Unsure = keepIf(R, [&](size_t I) {
        return R.Findings[I].Conf >= O.MinConfidence;
      }))
    info() << "memlint: " << plural(Unsure, "finding", "findings") << " below --min-confidence="
           << toString(O.MinConfidence) << " not reported\n";

  // NOLINT comments, with clang-tidy's rules.
  {
    NoLintFilter NoLint(Sources);
    size_t Dropped =
        keepIf(R, [&](size_t I) { return !NoLint.suppressed(R.Findings[I]); });
    for (const std::string &P : NoLint.problems())
      llvm::errs() << "memlint: warning: " << displayPath(P) << "\n";
    if (Dropped)
      info() << "memlint: " << plural(Dropped, "finding", "findings")
             << " suppressed by NOLINT comments\n";
  }

  // Findings in headers: only those the header filter lets through.
  if (O.HeaderFilter || O.ExcludeHeaderFilter) {
    std::set<std::string> Main(In.MainFiles.begin(), In.MainFiles.end());
    llvm::Regex Include(O.HeaderFilter.value_or(".*"));
    std::optional<llvm::Regex> Exclude;
    if (O.ExcludeHeaderFilter)
      Exclude.emplace(*O.ExcludeHeaderFilter);
    std::map<std::string, bool> Passes;
    keepIf(R, [&](size_t I) {
      const std::string &File = R.Findings[I].At.File;
      if (Main.count(File))
        return true;
      auto It = Passes.find(File);
      if (It == Passes.end()) {
        std::string Shown = displayPath(File);
        bool Included = Include.match(File) || Include.match(Shown);
        bool Excluded =
            Exclude && (Exclude->match(File) || Exclude->match(Shown));
        It = Passes.emplace(File, Included && !Excluded).first;
      }
      return It->second;
    });
  }

  // What --write-baseline records: every finding left at this point.
  std::vector<BaselineEntry> Current;
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    const Finding &F = R.Findings[I];
    Current.push_back({R.Fingerprints[I], F.Rule,
                       projectPath(Root, F.At.File), F.At.Line, F.Message});
  }

  if (!O.Baseline.empty()) {
    R.BaselineInUse = true;
    std::set<std::string> KnownPrints;
    for (const BaselineEntry &E : Known)
      KnownPrints.insert(E.Fingerprint);
    std::set<std::string> Seen;
    size_t Hidden = keepIf(R, [&](size_t I) {
      if (!KnownPrints.count(R.Fingerprints[I]))
        return true;
      Seen.insert(R.Fingerprints[I]);
      return false;
    });
    // An entry is gone when its file was analyzed and it was not seen.
    std::set<std::string> Scope;
    for (const std::string &F : In.MainFiles)
      Scope.insert(projectPath(Root, F));
    std::vector<const BaselineEntry *> Gone;
    for (const BaselineEntry &E : Known)
      if (!Seen.count(E.Fingerprint) &&
          (In.WholeDatabase || Scope.count(E.File)))
        Gone.push_back(&E);
    info() << "memlint: baseline '" << O.Baseline << "': "
                 << plural(Hidden, "known finding", "known findings")
                 << " hidden, " << plural(Gone.size(), "entry", "entries")
                 << " gone (fixed)";
    if (!Gone.empty() && O.WriteBaseline.empty())
      info() << "; run with --write-baseline to drop "
                   << (Gone.size() == 1 ? "it" : "them");
    info() << "\n";
    const size_t Shown = 20;
    for (size_t I = 0; I < Gone.size() && I < Shown; ++I)
      info() << "memlint: gone: " << Gone[I]->File << ":"
                   << Gone[I]->Line << ": " << Gone[I]->Message
                   << " [memlint-" << Gone[I]->Rule << "]\n";
    if (Gone.size() > Shown)
      info() << "memlint: gone: ... and " << Gone.size() - Shown
                   << " more\n";
  }

  if (!O.WriteBaseline.empty()) {
    // Entries this run could not have seen stay (a run over some files
    // updates their part of the baseline only).
    std::set<std::string> Scope;
    for (const std::string &F : In.MainFiles)
      Scope.insert(projectPath(Root, F));
    std::set<std::string> Prints;
    for (const BaselineEntry &E : Current)
      Prints.insert(E.Fingerprint);
    size_t Kept = 0;
    if (!In.WholeDatabase)
      for (const BaselineEntry &E : Known)
        if (!Scope.count(E.File) && Prints.insert(E.Fingerprint).second) {
          Current.push_back(E);
          ++Kept;
        }
    size_t N = Current.size();
    if (!writeBaseline(O.WriteBaseline, std::move(Current), MEMLINT_VERSION,
                       Error))
      return ExitUsage;
    info() << "memlint: wrote " << plural(N, "entry", "entries")
           << " to baseline '" << O.WriteBaseline << "'";
    if (Kept)
      info() << " (" << Kept << " kept from files not analyzed)";
    info() << "\n";
  }

  if (O.ChangedLines) {
    size_t Hidden = keepIf(R, [&](size_t I) {
      const Finding &F = R.Findings[I];
      if (Changes.contains(F.At.File, F.At.Line))
        return true;
      for (const Note &N : F.Notes)
        if (Changes.contains(N.At.File, N.At.Line))
          return true;
      return false;
    });
    if (Hidden)
      info() << "memlint: " << plural(Hidden, "finding", "findings")
             << " outside the changed lines not reported\n";
  }

  std::vector<bool> Fixed(R.Findings.size(), false);
  if (O.Fix) {
    FixOutcome FO = applyFixIts(R.Findings, Sources);
    Fixed = FO.Fixed;
    for (const std::string &P : FO.Problems)
      llvm::errs() << "memlint: warning: " << displayPath(P) << "\n";
    info() << "memlint: --fix: applied "
           << plural(FO.Applied, "fix-it", "fix-its") << " in "
           << plural(FO.Files.size(), "file", "files");
    if (FO.Suggestions)
      info() << "; " << FO.Suggestions << " not safe, left as suggestions";
    if (FO.Conflicts)
      info() << "; " << FO.Conflicts << " skipped (overlapping edits)";
    info() << "\n";
  }

  if (!O.WriteBaseline.empty())
    return ExitClean; // writing a baseline accepts today's findings
  int Threshold = severityRank(O.FailOn);
  for (size_t I = 0; I < R.Findings.size(); ++I)
    if (!Fixed[I] && findingRank(R.Findings[I].Severity) >= Threshold)
      return ExitFindings;
  return ExitClean;
}

} // namespace memlint
