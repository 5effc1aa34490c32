//===- ConfirmCommand.cpp - `memlint confirm` -----------------------------===//
//
// Runs a command at several scales N under libmemlint-tracker.so and marks
// each finding of a `memlint check --format=json` report confirmed,
// not-confirmed, inconclusive or not-exercised. The work is in harness/
// (docs/harness.md); this file is the command line.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Options.h"

#include "Baseline.h"
#include "Confirm.h"
#include "FindingJSON.h"
#include "Interrupt.h"
#include "SafeIO.h"
#include "Sarif.h"
#include "SourceFiles.h"
#include "memlint/RuleLoader.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace memlint {
namespace {

struct ConfirmOptions {
  std::string Findings;
  std::vector<uint64_t> Scales;
  std::string SourceRoot;
  uint64_t MemoryLimitMB = 0;
  unsigned Timeout = 0;
  std::string Format;
  std::string Output;
  std::string Html;
  std::string SvgDir;
  std::string Keep;
  unsigned Top = 0;
  unsigned Depth = 0; // the tracker's default
  double Grows = 0, Flat = 0;
  std::string Config;
  std::string Tracker;
  std::string Symbolizer;
  std::vector<std::string> Command;
};

std::string slope(llvm::StringRef Name, llvm::StringRef V, double &Out) {
  if (V.getAsDouble(Out) || Out < 0 || Out > 10)
    return Name.str() + " needs a slope from 0 to 10 (got '" + V.str() + "')";
  return "";
}

/// The one option table of `memlint confirm` (Options.h).
cli::OptionTable confirmTable(ConfirmOptions &O) {
  cli::OptionTable T("confirm", {"[options] -- <command> [args...]"},
                     "measure a program's growth at several N and confirm "
                     "each finding");
  T.description(
      "Runs <command> at each scale N under the heap tracker ('{N}' in any "
      "argument is replaced by N, which is also in the environment as "
      "MEMLINT_N), fits how memory and query counts grow with N, and marks "
      "each finding confirmed, not-confirmed, inconclusive or not-exercised "
      "(docs/harness.md).");
  T.string("--findings", "<file>",
           "a 'memlint check --format=json' report; without it, report the "
           "source lines that grow the most",
           O.Findings);
  T.custom("--scales", "<n,n,n...>", "the scales to run at, at least 3",
           [&O](llvm::StringRef V) -> std::string {
             O.Scales.clear();
             llvm::SmallVector<llvm::StringRef, 8> Parts;
             V.split(Parts, ',', -1, false);
             for (llvm::StringRef P : Parts) {
               uint64_t N;
               if (P.trim().getAsInteger(10, N) || N == 0)
                 return "--scales: '" + P.str() +
                        "' is not a positive integer";
               O.Scales.push_back(N);
             }
             std::sort(O.Scales.begin(), O.Scales.end());
             O.Scales.erase(std::unique(O.Scales.begin(), O.Scales.end()),
                            O.Scales.end());
             if (O.Scales.size() < 3)
               return "--scales needs at least 3 different values (a slope "
                      "over fewer points means nothing)";
             return "";
           })
      .defaultValue("1000,10000,100000");
  T.string("--source-root", "<dir>",
           "credit each allocation to its first frame under <dir>",
           O.SourceRoot)
      .defaultText("the current directory");
  T.number("--memory-limit", "<MB>",
           "data size limit of each run (setrlimit RLIMIT_DATA)",
           O.MemoryLimitMB, /*Min=*/1)
      .defaultText("half the RAM, at most 8192");
  T.number("--timeout", "<secs>", "kill a run after <secs>", O.Timeout, 1,
           86400)
      .defaultValue("300");
  T.choice("--format", "<format>", "json, sarif or html", O.Format,
           {"json", "sarif", "html"})
      .defaultValue("json");
  T.string("-o, --output", "<file>",
           "write the report to <file> instead of stdout", O.Output);
  T.string("--html", "<file>", "also write the HTML report to <file>", O.Html);
  T.string("--svg-dir", "<dir>",
           "also write one SVG chart per finding into <dir>", O.SvgDir);
  T.string("--keep", "<dir>",
           "keep every run's files (tracker data, stdout, stderr) under <dir>",
           O.Keep);
  T.number("--top", "<n>", "growing sites to report", O.Top, 0, 1000)
      .defaultValue("10");
  T.number("--depth", "<n>", "stack frames recorded per allocation", O.Depth,
           1, 64)
      .defaultText("32");
  T.custom("--grows", "<slope>", "log-log slope from which a series grows",
           [&O](llvm::StringRef V) { return slope("--grows", V, O.Grows); })
      .defaultValue("0.7");
  T.custom("--flat", "<slope>", "log-log slope up to which it is flat",
           [&O](llvm::StringRef V) { return slope("--flat", V, O.Flat); })
      .defaultValue("0.2");
  T.string("--config", "<file>",
           "a .memlint.yaml whose packs name query functions", O.Config);
  T.string("--tracker", "<file>", "libmemlint-tracker.so", O.Tracker)
      .defaultText("the one next to memlint, ../lib");
  T.string("--symbolizer", "<file>", "llvm-symbolizer", O.Symbolizer)
      .defaultText("LLVM 19's");
  T.note("Exit codes: 0 nothing grows, 1 a finding was confirmed (without "
         "--findings: a line grows), 2 usage error, 3 a run failed (crashed, "
         "timed out, exited non-zero) or fewer than 3 scales produced data.");
  return T;
}

std::optional<int> parseArgs(const std::vector<std::string> &Args,
                             ConfirmOptions &O) {
  cli::OptionTable T = confirmTable(O);
  cli::ParsedArgs P;
  if (std::optional<int> Exit = T.parse(Args, P))
    return Exit;
  if (!P.Positionals.empty())
    return T.usageError("unexpected argument '" + P.Positionals.front() +
                        "' (the command goes after '--')");
  O.Command = std::move(P.AfterDashDash);
  if (O.Command.empty())
    return T.usageError("no command to run (put it after '--')");
  if (O.Flat >= O.Grows)
    return T.usageError("--flat must be below --grows");
  return std::nullopt;
}

uint64_t defaultMemoryLimitMB() {
  long Pages = sysconf(_SC_PHYS_PAGES), Page = sysconf(_SC_PAGESIZE);
  uint64_t Half = Pages > 0 && Page > 0 ? uint64_t(Pages) * uint64_t(Page) / 2 / (1 << 20) : 4096;
  return std::max<uint64_t>(256, std::min<uint64_t>(Half, 8192));
}

bool readFindings(const std::string &Path, std::vector<Finding> &Out, std::string &Error) {
  std::string Why;
  std::unique_ptr<llvm::MemoryBuffer> Buf = Path == "-" ? readStdin(MaxReportBytes, Why)
                                                        : readRegularFile(Path, MaxReportBytes, Why);
  if (!Buf) {
    Error = "cannot read " + Path + ": " + Why;
    return false;
  }
  if (!checkJSONDepth(Buf->getBuffer(), MaxJSONDepth, Why)) {
    Error = Path + ":" + Why;
    return false;
  }
  auto V = llvm::json::parse(Buf->getBuffer());
  if (!V) {
    Error = Path + ": not JSON: " + llvm::toString(V.takeError());
    return false;
  }
  const llvm::json::Object *O = V->getAsObject();
  const llvm::json::Array *A = O ? O->getArray("findings") : nullptr;
  if (!A) {
    Error = Path + ": not a memlint report (no \"findings\" array; write one with "
                   "'memlint check --format=json')";
    return false;
  }
  for (const llvm::json::Value &FV : *A) {
    Finding F;
    if (!findingFromJSON(FV, F)) {
      Error = Path + ": malformed finding #" + std::to_string(Out.size() + 1);
      return false;
    }
    Out.push_back(std::move(F));
  }
  return true;
}

std::string svgName(const Finding &F) {
  std::string S = F.Rule + "-" + llvm::sys::path::stem(F.At.File).str() + "-" +
                  std::to_string(F.At.Line) + ".svg";
  for (char &C : S)
    if (!llvm::isAlnum(C) && C != '-' && C != '.' && C != '_')
      C = '_';
  return S;
}

/// The SARIF of `memlint confirm`, through the same writer as `memlint
/// check` (rules, help, %SRCROOT%, fingerprints, locations), each result
/// carrying its verdict and measurement. Without findings, every growing
/// site is a `memlint-growing-site` result.
std::string confirmSarif(const harness::ConfirmReport &R) {
  using namespace harness;
  Report Rep;
  Rep.ProjectRoot = findProjectRoot("");
  SarifExtras X;
  auto Measurement = [&](const Series &S, const std::string &Verdict,
                         const std::string &Attribution) {
    llvm::json::Object P;
    if (!Verdict.empty())
      P["verdict"] = Verdict;
    if (!Attribution.empty())
      P["attribution"] = Attribution;
    P["metric"] = S.Metric;
    P["growth"] = S.F.Growth;
    P["slope"] = std::round(S.F.Slope * 1000) / 1000;
    P["perN"] = std::round(S.F.PerN * 1000) / 1000;
    if (llvm::StringRef(S.Metric).ends_with("bytes"))
      P["bytesPerN"] = std::round(S.F.PerN * 1000) / 1000;
    llvm::json::Array Ns, Vs;
    for (uint64_t N : R.UsedScales)
      Ns.push_back(N);
    for (double V : S.Values)
      Vs.push_back(V);
    P["scales"] = std::move(Ns);
    P["values"] = std::move(Vs);
    return P;
  };
  // Sorted as `check` sorts, so that fingerprints count occurrences alike.
  std::vector<size_t> Order(R.Findings.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::stable_sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return findingLess(R.Findings[A].F, R.Findings[B].F);
  });
  for (size_t I : Order) {
    const FindingResult &F = R.Findings[I];
    Rep.Findings.push_back(F.F);
    SarifExtras::Result E;
    // A reviewer acts on a confirmed finding; the others stay notes.
    if (F.Verdict != "confirmed")
      E.Level = "note";
    E.Measured = "memlint confirm: " + F.Verdict + ", " + F.Reason;
    E.Properties = Measurement(F.S, F.Verdict, F.Attribution);
    if (F.HaveFixed) {
      llvm::json::Array Vs;
      for (double V : F.Fixed.Values)
        Vs.push_back(V);
      E.Properties["fixedValues"] = std::move(Vs);
      E.Properties["fixedSlope"] = std::round(F.Fixed.F.Slope * 1000) / 1000;
    }
    X.Results.push_back(std::move(E));
  }
  if (!R.HaveFindings) {
    X.ExtraRules["growing-site"] = {
        "A source line whose heap bytes or query count grow with N", "harness.md"};
    for (const SiteResult &S : R.Growing) {
      Finding F;
      F.Rule = "growing-site";
      F.At.File = S.Loc.File;
      F.At.Line = S.Loc.Line;
      F.Message = metricLabel(S.S.Metric) + " at this line grow with N in '" +
                  S.Loc.Function + "'";
      F.Detail = F.Message +
                 llvm::formatv(": log-log slope {0:f2}, {1:f1} per unit of N",
                               S.S.F.Slope, S.S.F.PerN)
                     .str();
      Rep.Findings.push_back(std::move(F));
      SarifExtras::Result E;
      E.Properties = Measurement(S.S, "", "");
      X.Results.push_back(std::move(E));
    }
  }
  SourceFiles Sources;
  Rep.Fingerprints = computeFingerprints(Rep.Findings, Rep.ProjectRoot, Sources);
  X.ExecutionSuccessful = std::all_of(R.Runs.begin(), R.Runs.end(), [](const RunSummary &S) {
    return S.Status == "ok";
  });
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeSarif(OS, Rep, MEMLINT_VERSION, X);
  return OS.str();
}

} // namespace

cli::OptionTable describeConfirm() {
  static ConfirmOptions Unused; // the table only documents itself here
  return confirmTable(Unused);
}

int runConfirm(const std::vector<std::string> &Args, const std::string &Exe) {
  using namespace harness;
  ConfirmOptions O;
  if (std::optional<int> RC = parseArgs(Args, O))
    return *RC;
  interrupt::install();
  // `-- <command> --compare -- <fixed command>`: the fixed program is run at
  // the same scales and every finding is charted bad against fixed.
  std::vector<std::string> FixedCommand;
  for (size_t I = 0; I + 1 < O.Command.size(); ++I)
    if (O.Command[I] == "--compare" && O.Command[I + 1] == "--") {
      FixedCommand.assign(O.Command.begin() + I + 2, O.Command.end());
      O.Command.resize(I);
      if (O.Command.empty() || FixedCommand.empty()) {
        llvm::errs() << "memlint: error: --compare needs a command before it and the "
                        "fixed command after it: -- <command> --compare -- <fixed command>\n";
        return ExitUsage;
      }
      break;
    }

  std::vector<Finding> Findings;
  if (!O.Findings.empty()) {
    std::string Error;
    if (!readFindings(O.Findings, Findings, Error)) {
      llvm::errs() << "memlint: error: " << Error << "\n";
      return ExitUsage;
    }
  }

  ConfirmReport R;
  R.Command = O.Command;
  R.Scales = O.Scales;
  R.T.Grows = O.Grows;
  R.T.Flat = O.Flat;
  R.HaveFindings = !O.Findings.empty();
  {
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    std::string Root = O.SourceRoot.empty() ? std::string(Cwd.str()) : O.SourceRoot;
    if (!llvm::sys::fs::is_directory(Root)) {
      llvm::errs() << "memlint: error: --source-root: no directory '" << Root << "'\n";
      return ExitUsage;
    }
    R.SourceRoot = normalizePath(Root);
  }

  // Which query functions to count: the C functions of the tracker that a
  // `queries:` entry of the effective packs names.
  {
    RuleSet Rules;
    std::vector<RuleError> Errors;
    if (!loadEffectiveRules(Exe, O.Config, Rules, Errors)) {
      for (const RuleError &E : Errors)
        llvm::errs() << E.str() << "\n";
      return ExitUsage;
    }
    std::vector<bool> Used(Rules.Queries.size(), false);
    for (const std::string &Fn : trackerQueryFunctions())
      for (size_t I = 0; I < Rules.Queries.size(); ++I)
        if (Rules.Queries[I].Name.matches(Fn)) {
          if (std::find(R.QueryFunctions.begin(), R.QueryFunctions.end(), Fn) ==
              R.QueryFunctions.end())
            R.QueryFunctions.push_back(Fn);
          Used[I] = true;
        }
    for (size_t I = 0; I < Rules.Queries.size(); ++I)
      if (!Used[I])
        R.UncountedQueryApis.push_back(Rules.Queries[I].Name.text());
  }

  RunOptions RO;
  RO.Command = O.Command;
  RO.Tracker = O.Tracker.empty() ? defaultTracker(Exe) : O.Tracker;
  RO.MemoryLimitMB = O.MemoryLimitMB ? O.MemoryLimitMB : defaultMemoryLimitMB();
  RO.TimeoutSeconds = O.Timeout;
  RO.Contain = probeContainment();
  RO.QueryFunctions = R.QueryFunctions;
  RO.Depth = O.Depth;
  if (!llvm::sys::fs::exists(RO.Tracker)) {
    llvm::errs() << "memlint: error: no tracker library at '" << RO.Tracker
                 << "' (build target memlint-tracker, or pass --tracker)\n";
    return ExitUsage;
  }
  {
    llvm::SmallString<256> Abs(RO.Tracker);
    llvm::sys::fs::make_absolute(Abs);
    RO.Tracker = std::string(Abs.str());
  }
  std::string Symbolizer = O.Symbolizer.empty() ? defaultSymbolizer() : O.Symbolizer;

  bool Temporary = O.Keep.empty();
  interrupt::Token WorkToken = 0;
  if (Temporary) {
    llvm::SmallString<256> Dir;
    interrupt::SignalBlock Block;
    if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("memlint-confirm", Dir)) {
      llvm::errs() << "memlint: error: cannot create a work directory: " << EC.message() << "\n";
      return ExitUsage;
    }
    RO.WorkDir = std::string(Dir.str());
    WorkToken = interrupt::addPath(RO.WorkDir, /*Directory=*/true);
  } else {
    if (std::error_code EC = llvm::sys::fs::create_directories(O.Keep)) {
      llvm::errs() << "memlint: error: --keep: " << EC.message() << "\n";
      return ExitUsage;
    }
    RO.WorkDir = normalizePath(O.Keep);
  }
  auto RemoveWorkDir = [&] {
    if (Temporary) {
      removeTree(RO.WorkDir.c_str());
      interrupt::remove(WorkToken);
    }
  };
  {
    std::string Error;
    if (!prepareRunDirs(RO.WorkDir, O.Scales, Error)) {
      llvm::errs() << "memlint: error: --keep: " << Error << "\n";
      RemoveWorkDir();
      return ExitUsage;
    }
  }
  llvm::errs() << "memlint confirm: " << RO.Contain.describe(RO.MemoryLimitMB) << "\n";

  // Probes on the findings' lines, in the program itself (not a wrapper
  // script): what tells "never ran" from "ran, nothing attributed".
  std::string ProbeExe;
  std::map<SourceLine, std::vector<uint64_t>> ProbeAt;
  if (!Findings.empty()) {
    std::string Prog = O.Command.front();
    if (Prog.find('/') == std::string::npos)
      if (auto Found = llvm::sys::findProgramByName(Prog))
        Prog = *Found;
    std::set<SourceLine> Lines;
    for (const Finding &F : Findings) {
      std::string File = normalizePath(F.At.File);
      if (!llvm::sys::fs::exists(File))
        File = normalizePath(F.At.File, R.SourceRoot);
      Lines.insert({File, F.At.Line});
    }
    std::string Error;
    if (llvm::sys::fs::exists(Prog) && lineAddresses(Prog, Lines, ProbeAt, Error)) {
      ProbeExe = normalizePath(Prog);
      RO.ExtraEnv = probeEnvironment(ProbeExe, ProbeAt);
    }
  }

  bool Failed = false;
  auto RunAll = [&](const RunOptions &Opts, const char *Label, std::vector<RunResult> &Runs) {
    for (uint64_t N : O.Scales) {
      RunResult Run = runAtScale(Opts, N);
      llvm::errs() << "memlint confirm: " << Label << "N=" << N << ": " << Run.Status;
      if (Run.Status == "exit-code")
        llvm::errs() << " " << Run.ExitCode;
      if (Run.Status == "signal")
        llvm::errs() << " " << Run.Signal;
      uint64_t Allocs = 0;
      for (const TrackerProcess &P : Run.Processes)
        Allocs += P.Allocs;
      llvm::errs() << llvm::formatv(" ({0:f2} s, {1} process(es), {2} allocations)\n", Run.Seconds,
                                    Run.Processes.size(), Allocs);
      if (Run.failed()) {
        Failed = true;
        if (!Run.StderrTail.empty())
          llvm::errs() << Run.StderrTail << "\n";
      } else if (Run.OutputCapped) {
        llvm::errs() << outputCapNote(Run, Opts) << "\n";
      }
      bool ExecFailed = Run.Status == "exec-failed";
      Runs.push_back(std::move(Run));
      if (ExecFailed)
        break; // it will not start at the next scale either
    }
  };
  std::vector<RunResult> Runs, FixedRuns;
  RunAll(RO, "", Runs);
  RunOptions FixedRO = RO;
  if (!FixedCommand.empty()) {
    FixedRO.Command = FixedCommand;
    FixedRO.ExtraEnv.clear(); // the probes are for the other program
    FixedRO.WorkDir = RO.WorkDir + "/fixed";
    // Like the run directories: never through a symlink someone planted.
    std::string Error;
    struct stat St;
    if (::lstat(FixedRO.WorkDir.c_str(), &St) == 0 ? !S_ISDIR(St.st_mode)
                                                   : ::mkdir(FixedRO.WorkDir.c_str(), 0755) != 0)
      Error = "--keep: cannot use '" + FixedRO.WorkDir + "': not a directory memlint made";
    else
      prepareRunDirs(FixedRO.WorkDir, O.Scales, Error);
    if (!Error.empty()) {
      llvm::errs() << "memlint: error: " << Error << "\n";
      RemoveWorkDir();
      return ExitUsage;
    }
    RunAll(FixedRO, "fixed: ", FixedRuns);
  }

  SymbolizedStacks Stacks, FixedStacks;
  std::string Error;
  if (!symbolize(Runs, Symbolizer, R.SourceRoot, RO.WorkDir, Stacks, Error) ||
      (!FixedCommand.empty() &&
       !symbolize(FixedRuns, Symbolizer, R.SourceRoot, FixedRO.WorkDir, FixedStacks, Error))) {
    llvm::errs() << "memlint: error: " << Error << "\n";
    RemoveWorkDir();
    return ExitInputError;
  }
  if (!ProbeExe.empty())
    linesRan(Runs, ProbeExe, ProbeAt, R.LinesRan);
  analyze(Runs, Stacks, Findings, O.Top, R);
  if (!FixedCommand.empty()) {
    R.FixedCommand = FixedCommand;
    analyzeFixed(FixedRuns, FixedStacks, R);
  }
  RemoveWorkDir();

  std::string Text = O.Format == "json"    ? reportJSON(R, MEMLINT_VERSION)
                     : O.Format == "sarif" ? confirmSarif(R)
                                           : reportHTML(R, MEMLINT_VERSION);
  // A report that cannot be written is an error of its own (exit 2), never
  // "nothing grows" or "confirmed".
  auto WriteFile = [&](const std::string &Path, const std::string &Content) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    std::string Error = EC ? EC.message() : "";
    if (!EC) {
      OS << Content;
      finishOutput(OS, Error);
    }
    if (!Error.empty())
      llvm::errs() << "memlint: error: cannot write " << Path << ": " << Error << "\n";
    return Error.empty();
  };
  if (O.Output.empty() || O.Output == "-") {
    llvm::outs() << Text;
    llvm::outs().flush();
    if (llvm::outs().has_error()) {
      llvm::errs() << "memlint: error: cannot write the report to standard output: "
                   << llvm::outs().error().message() << "\n";
      llvm::outs().clear_error();
      return ExitWriteError;
    }
  } else if (!WriteFile(O.Output, Text)) {
    return ExitWriteError;
  }
  if (!O.Html.empty() && !WriteFile(O.Html, reportHTML(R, MEMLINT_VERSION)))
    return ExitWriteError;
  if (!O.SvgDir.empty()) {
    if (std::error_code EC = llvm::sys::fs::create_directories(O.SvgDir)) {
      llvm::errs() << "memlint: error: --svg-dir " << O.SvgDir << ": " << EC.message() << "\n";
      return ExitWriteError;
    }
    for (const FindingResult &F : R.Findings) {
      llvm::SmallString<256> P(O.SvgDir);
      llvm::sys::path::append(P, svgName(F.F));
      if (!WriteFile(std::string(P.str()), findingSVG(R, F)))
        return ExitWriteError;
    }
  }

  for (const FindingResult &F : R.Findings)
    llvm::errs() << "memlint confirm: " << harness::displayPath(F.F.At.File) << ":" << F.F.At.Line << ": "
                 << F.F.Rule << ": " << F.Verdict << ": " << F.Reason << "\n";
  if (!R.HaveFindings)
    for (const SiteResult &S : R.Growing)
      llvm::errs() << "memlint confirm: " << harness::displayPath(S.Loc.File) << ":" << S.Loc.Line
                   << ": grows: " << S.S.Metric
                   << llvm::formatv(" (slope {0:f2}, {1:f1} per unit of N)\n", S.S.F.Slope, S.S.F.PerN);
  for (const std::string &W : R.Warnings)
    llvm::errs() << "memlint confirm: warning: " << W << "\n";

  if (Failed || R.UsedScales.size() < 3)
    return ExitInputError;
  bool Grows = R.HaveFindings
                   ? std::any_of(R.Findings.begin(), R.Findings.end(),
                                 [](const FindingResult &F) { return F.Verdict == "confirmed"; })
                   : !R.Growing.empty();
  return Grows ? ExitFindings : ExitClean;
}

} // namespace memlint
