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
#include <set>
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
  /// Line probes (MEMLINT_TRACKER_PROBES): set in this process, and which
  /// link-time addresses were hit.
  bool ProbesSet = false;
  std::map<uint64_t, bool> ProbeHits;
};

/// Parses a memlint-<pid>.trk file. False and \p Error on a malformed file.
bool parseTrackerFile(const std::string &Text, TrackerProcess &P,
                      std::string &Error);

//===-- Runs --------------------------------------------------------------===//

struct RunResult {
  uint64_t N = 0;
  /// ok | exit-code | signal | timeout | memory-limit | exec-failed | no-data
  std::string Status = "ok";
  int ExitCode = 0, Signal = 0;
  double Seconds = 0;
  std::string StderrTail;
  uint64_t OutputBytes = 0; // stdout + stderr the command wrote
  bool OutputCapped = false; // ... more than was kept (the tail is)
  std::vector<TrackerProcess> Processes;
  /// The run produced data that can be used (it exited, with tracker files).
  bool usable() const {
    return !Processes.empty() && Status != "timeout" && Status != "signal" &&
           Status != "memory-limit";
  }
  bool failed() const { return Status != "ok"; }
};

/// How runs are contained (Run.cpp, docs/harness.md "Limits"): each in a
/// cgroup v2 of its own where memlint may create one, else followed through
/// /proc (memlint is a child subreaper, so a process that calls setsid() or
/// double-forks is still below it).
struct Containment {
  std::string CgroupParent; // where run cgroups are created; "" when none
  bool CgroupMemory = false; // ... with the memory controller (memory.max)
  /// One sentence for people: how --memory-limit and --timeout are applied.
  std::string describe(uint64_t MemoryLimitMB) const;
};
/// Looks for a cgroup v2 hierarchy memlint can create cgroups in (not when
/// MEMLINT_CONFIRM_NO_CGROUP=1 is set).
Containment probeContainment();

struct RunOptions {
  std::vector<std::string> Command; // "{N}" replaced in every argument
  std::string Tracker;              // path of libmemlint-tracker.so
  std::string WorkDir;              // where each run writes its files
  /// Over the whole process tree of a run: cgroup memory.max, or the summed
  /// anonymous RSS of its processes, polled (and RLIMIT_DATA per process).
  uint64_t MemoryLimitMB = 0;       // 0: none
  unsigned TimeoutSeconds = 0;      // 0: none
  Containment Contain;
  /// Of each of stdout and stderr, the last this many bytes are kept.
  uint64_t OutputCapBytes = 1 << 20;
  std::vector<std::string> QueryFunctions;
  unsigned Depth = 0;               // MEMLINT_TRACKER_DEPTH; 0: default
  bool Quiet = false;
  std::vector<std::string> ExtraEnv; // NAME=value, e.g. the line probes
};

/// Creates WorkDir/n<N> for every scale. An existing entry is reused only
/// when memlint made it (it holds a .memlint-confirm marker) and is emptied
/// without following symlinks; anything else (a symlink, a directory
/// someone else made) is refused: false and \p Error.
bool prepareRunDirs(const std::string &WorkDir,
                    const std::vector<uint64_t> &Scales, std::string &Error);

/// Runs the command once at scale \p N under the tracker, in a session (and
/// cgroup) of its own; when it ends, times out or passes the memory limit,
/// every process it left is killed. WorkDir/n<N> must have been made by
/// prepareRunDirs.
RunResult runAtScale(const RunOptions &O, uint64_t N);
/// What to say about a run whose output was capped.
std::string outputCapNote(const RunResult &R, const RunOptions &O);

//===-- Symbolized stacks -------------------------------------------------===//

struct SourceFrame {
  std::string File; // absolute, normalized; empty when unknown
  unsigned Line = 0, Column = 0;
  std::string Function;
  unsigned StartLine = 0; // first line of the function (DW_AT_decl_line)
  bool UnderRoot = false;
  /// For the innermost frame of a return address that follows a direct
  /// call: the function called there. A sibling call (a tail call compiled
  /// as a jump) leaves that function's own frame off the stack, so the
  /// callee is the only trace of it.
  std::string CalleeFile, CalleeFunction;
  unsigned CalleeStartLine = 0;
  /// 0 for the innermost frame of a return address, 1 for the function it
  /// is inlined into, ...
  unsigned InlineDepth = 0;
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

//===-- Line probes -------------------------------------------------------===//

using SourceLine = std::pair<std::string, unsigned>; // normalized file, line

/// Where each of \p Lines starts in \p Exe's line table (DWARF is_stmt
/// rows; link-time addresses), at most 16 per line. Lines without code are
/// left out. False (and \p Error) when \p Exe cannot be read.
bool lineAddresses(const std::string &Exe, const std::set<SourceLine> &Lines,
                   std::map<SourceLine, std::vector<uint64_t>> &Out, std::string &Error);

/// The function a direct call (x86-64 `call rel32`) just before \p
/// ReturnAddress (link-time) calls, read from \p Module's file. False for
/// an indirect call or anything unreadable.
bool directCallTarget(const std::string &Module, uint64_t ReturnAddress, uint64_t &Target);

/// MEMLINT_TRACKER_PROBE_EXE and MEMLINT_TRACKER_PROBES for the tracker.
std::vector<std::string> probeEnvironment(const std::string &Exe,
                                          const std::map<SourceLine, std::vector<uint64_t>> &At);

/// Fills R.LinesRan from the probes of the usable runs: a line ran when one
/// of its probes was hit in any process of the executable; it provably never
/// ran when every such process had its probes set and none was hit.
void linesRan(const std::vector<RunResult> &Runs, const std::string &Exe,
              const std::map<SourceLine, std::vector<uint64_t>> &At,
              std::map<SourceLine, int> &Out);

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
  /// confirmed | not-confirmed | inconclusive | not-exercised (the line
  /// provably never ran) | unattributed (nothing measured was attributed to
  /// it, and whether it ran is unknown)
  std::string Verdict;
  std::string Attribution; // line | note | type | function | callee | none
  Series S;
  std::vector<SiteLoc> Sites; // where the attributed bytes/queries come from
  std::string Reason;         // one sentence for people
  /// With --compare: the same measurement in the fixed program.
  bool HaveFixed = false;
  Series Fixed;
  std::string FixedAttribution;
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
  /// --compare: the fixed program, run at the same scales.
  std::vector<std::string> FixedCommand;
  std::vector<RunSummary> FixedRuns;
  std::vector<uint64_t> FixedUsedScales;
  bool HaveFindings = false;
  /// Whether a finding's line ran, from the tracker's line probes: 1 ran,
  /// 0 a probe was set on it in every run and never hit. Lines not in here
  /// are unknown.
  std::map<std::pair<std::string, unsigned>, int> LinesRan;
  std::vector<FindingResult> Findings;
  std::vector<SiteResult> Growing; // growing sites, largest first
  std::vector<SiteResult> Flat;    // largest flat sites (chart baselines)
  std::vector<std::string> Warnings;
};

/// Attributes, fits and judges. \p Stacks as produced by symbolize().
void analyze(const std::vector<RunResult> &Runs, const SymbolizedStacks &Stacks,
             const std::vector<Finding> &Findings, unsigned TopSites,
             ConfirmReport &R);
/// --compare: measures every finding of \p R (after analyze()) in the fixed
/// program's runs: its line, else its function by name, else the whole
/// program's total of the metric.
void analyzeFixed(const std::vector<RunResult> &Runs, const SymbolizedStacks &Stacks,
                  ConfirmReport &R);

//===-- Output ------------------------------------------------------------===//

std::string displayPath(const std::string &Path);
std::string reportJSON(const ConfirmReport &R, const char *Version);
// SARIF: driver/cli/ConfirmCommand.cpp, through the one SARIF writer.
std::string reportHTML(const ConfirmReport &R, const char *Version);
/// A standalone SVG chart of one finding (memory or queries against N).
std::string findingSVG(const ConfirmReport &R, const FindingResult &F,
                       bool LogY = false);
/// "peak live heap bytes", "query calls", ... for a series' metric.
std::string metricLabel(const std::string &Metric);

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
