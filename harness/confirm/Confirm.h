//===- Confirm.h - `memlint confirm`: measure what a finding claims -------===//
//
// A static finding claims that memory (or query count) grows with the input.
// `memlint confirm` runs the program at several scales N under the tracker
// (libmemlint-tracker.so), attributes heap bytes, queries and leaked objects
// to source lines, fits a log-log slope per site and marks every finding
// confirmed, not-confirmed, inconclusive or not-exercised. docs/harness.md.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_HARNESS_CONFIRM_H
#define MEMLINT_HARNESS_CONFIRM_H

#include "Finding.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace memlint {
namespace harness {

//===-- What the tracker writes (one file per process) --------------------===//

struct TrackerSite {
  uint64_t Allocs = 0, Queries = 0;
  int64_t Live = 0, Peak = 0, LiveObjects = 0, MarkLive = 0, MarkObjects = 0;
  std::vector<uint64_t> Frames; // return addresses, innermost first
};

struct TrackerModule {
  uint64_t Bias = 0, Lo = 0, Hi = 0; // load bias, executable span
  std::string Path;
};

struct TrackerProcess {
  long Pid = 0, ParentPid = 0;
  std::string Event; // "exit" or "mark" (the process never exited normally)
  std::string Exe;
  std::string CommandLine; // argv joined by spaces
  unsigned Marks = 0;
  uint64_t Allocs = 0, WalksFP = 0, WalksLibunwind = 0;
  int64_t TotalLive = 0;
  uint64_t PeakRss = 0; // VmHWM at the time of writing
  std::map<std::string, uint64_t> Queries; // per query function
  std::vector<TrackerModule> Modules;
  std::vector<TrackerSite> Sites;
};

/// Parses a memlint-<pid>.trk file. False and \p Error on a malformed file.
bool parseTrackerFile(const std::string &Text, TrackerProcess &P,
                      std::string &Error);

//===-- Runs --------------------------------------------------------------===//

struct RunResult {
  uint64_t N = 0;
  /// ok | exit-code | signal | timeout | exec-failed | no-data
  std::string Status = "ok";
  int ExitCode = 0, Signal = 0;
  double Seconds = 0;
  std::string StderrTail;
  std::vector<TrackerProcess> Processes;
  /// The run produced data that can be used (it exited, with tracker files).
  bool usable() const { return !Processes.empty() && Status != "timeout" && Status != "signal"; }
  bool failed() const { return Status != "ok"; }
};

struct RunOptions {
  std::vector<std::string> Command; // "{N}" replaced in every argument
  std::string Tracker;              // path of libmemlint-tracker.so
  std::string WorkDir;              // where each run writes its files
  uint64_t MemoryLimitMB = 0;       // RLIMIT_DATA; 0: none
  unsigned TimeoutSeconds = 0;      // 0: none
  std::vector<std::string> QueryFunctions;
  unsigned Depth = 0;               // MEMLINT_TRACKER_DEPTH; 0: default
  bool Quiet = false;
};

/// Runs the command once at scale \p N under the tracker.
RunResult runAtScale(const RunOptions &O, uint64_t N);

//===-- Symbolized stacks -------------------------------------------------===//

struct SourceFrame {
  std::string File; // absolute, normalized; empty when unknown
  unsigned Line = 0, Column = 0;
  std::string Function;
  unsigned StartLine = 0; // first line of the function (DW_AT_decl_line)
  bool UnderRoot = false;
};

/// Symbolizes every frame of every site of every process in \p Runs with
/// llvm-symbolizer --inlining; frames in system libraries are not looked up.
/// Result: per run, per process, per site, the inline-expanded stack,
/// innermost first.
using SymbolizedStacks =
    std::vector<std::vector<std::vector<std::vector<SourceFrame>>>>;
bool symbolize(const std::vector<RunResult> &Runs, const std::string &Symbolizer,
               const std::string &SourceRoot, const std::string &WorkDir,
               SymbolizedStacks &Out, std::string &Error);

//===-- Analysis ----------------------------------------------------------===//

struct Thresholds {
  double Grows = 0.7;      // log-log slope at or above: grows
  double Flat = 0.2;       // at or below: flat
  double MinBytes = 4096;  // a growing byte series must reach this at max N
  double MinCount = 8;     // ... a query or object series this
};

struct Fit {
  double Slope = 0;  // d log(value) / d log(N), least squares
  double PerN = 0;   // d value / d N, least squares (bytes per unit of N)
  std::string Growth = "flat"; // grows | flat | unclear | unknown
};

/// Fits \p Values against \p Ns (the usable scales, >= 3 of them).
Fit fitGrowth(const std::vector<uint64_t> &Ns, const std::vector<double> &Values,
              double MinSignal, const Thresholds &T);

struct SiteLoc {
  std::string File;
  unsigned Line = 0;
  std::string Function;
};

/// One measured series: a site (credited source line) or a finding.
struct Series {
  std::string Metric; // peak-bytes | retained-bytes | queries | leaked-objects
  std::vector<double> Values; // one per usable scale
  Fit F;
  uint64_t Allocs = 0, Queries = 0; // over all scales: exercised?
};

struct SiteResult {
  SiteLoc Loc;
  Series S;
};

struct FindingResult {
  Finding F;
  std::string Verdict; // confirmed | not-confirmed | inconclusive | not-exercised
  std::string Attribution; // line | note | type | function | none
  Series S;
  std::vector<SiteLoc> Sites; // where the attributed bytes/queries come from
  std::string Reason;         // one sentence for people
};

struct RunSummary {
  uint64_t N = 0;
  std::string Status;
  int ExitCode = 0, Signal = 0;
  double Seconds = 0;
  unsigned Processes = 0;
  uint64_t Allocs = 0, Queries = 0, WalksFP = 0, WalksLibunwind = 0;
  uint64_t PeakRss = 0; // the largest process's peak resident set
  bool Marked = false;
  std::string StderrTail;
};

struct ConfirmReport {
  std::vector<std::string> Command;
  std::vector<uint64_t> Scales;     // as asked
  std::vector<uint64_t> UsedScales; // the ones that produced data
  std::string SourceRoot;
  Thresholds T;
  std::vector<std::string> QueryFunctions, UncountedQueryApis;
  std::vector<RunSummary> Runs;
  bool HaveFindings = false;
  std::vector<FindingResult> Findings;
  std::vector<SiteResult> Growing; // growing sites, largest first
  std::vector<SiteResult> Flat;    // largest flat sites (chart baselines)
  std::vector<std::string> Warnings;
};

/// Attributes, fits and judges. \p Stacks as produced by symbolize().
void analyze(const std::vector<RunResult> &Runs, const SymbolizedStacks &Stacks,
             const std::vector<Finding> &Findings, unsigned TopSites,
             ConfirmReport &R);

//===-- Output ------------------------------------------------------------===//

std::string displayPath(const std::string &Path);
std::string reportJSON(const ConfirmReport &R, const char *Version);
std::string reportSARIF(const ConfirmReport &R, const char *Version);
std::string reportHTML(const ConfirmReport &R, const char *Version);
/// A standalone SVG chart of one finding (memory or queries against N).
std::string findingSVG(const ConfirmReport &R, const FindingResult &F);

//===-- Helpers -----------------------------------------------------------===//

/// The C functions the tracker can count (generated from the packs).
const std::vector<std::string> &trackerQueryFunctions();
/// Absolute, dots removed, symlinks resolved when the file exists.
std::string normalizePath(const std::string &Path, const std::string &Base = "");
bool isUnder(const std::string &Path, const std::string &Root);
/// $MEMLINT_TRACKER, else libmemlint-tracker.so in the lib directory next to
/// the bin directory of \p Exe (build tree and installed layout).
std::string defaultTracker(const std::string &Exe);
/// LLVM 19's llvm-symbolizer.
std::string defaultSymbolizer();

} // namespace harness
} // namespace memlint

#endif
