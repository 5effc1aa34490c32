//===- Drivers.h - what makes a function run: setup or steady state -------===//
//
// A container that grows once per request is a leak in a long-running
// service; one filled while the program sets up is its configuration. The
// call graph tells them apart:
//
//  - steady state: reached from a loop in main (the program's main loop),
//    from a loop over input anywhere that is not itself setup, from a
//    callback handed to an event loop or an async API, from an
//    override of a library's virtual method (the framework calls it per
//    event), or, in a library with no main, from its public API (callers
//    invoke it per operation);
//  - setup: reached only from static initialization, from main outside its
//    loops, or from functions only those reach (constructors of long-lived
//    objects included: they are called from there);
//  - unknown: neither (dead code, or called from code not analyzed).
//
// A counted loop in main starts N workers or walks the arguments: setup.
// Each main's file is a program of its own (with what no main's file
// defines); a function keeps the strongest driver any program gives it. A
// driver that starts in test code ranks below any other.
//
// A callable handed to a thread, or to a parameter that its function calls
// itself (or passes on to one that is), runs as often as it is handed
// over; a parameter only kept is no handover: a thread started at setup
// runs its body once (its event loop, an until-loop, is steady state
// anyway), `loop.runInLoop(f)` in main's setup runs f once. A callable kept
// in a member, a static or a stored lambda's capture runs as often as the
// code holding it calls it.
//
// A builder is a method only ever called on an object the caller is making
// (`Zone z; z.add(t);`, `auto h = std::make_unique<H>(); h->parse(s);`), from
// its own class's constructors or builders, or on the object (or a part of
// it) that a constructor or builder is making: the object is filled while
// it is built, then read. A function whose parameter every caller hands an
// object it is building fills that object the same way.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_PROGRAM_DRIVERS_H
#define MEMLINT_CHECKS_PROGRAM_DRIVERS_H

#include "CallGraph.h"

#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>

namespace memlint {

enum class Driver { Unknown, Setup, Steady };

struct DriverInfo {
  Driver D = Driver::Unknown;
  /// Why: "a loop in 'main'", "a callback the event loop runs", "a thread",
  /// "the library's public API", "static initialization", "'main' outside
  /// its loops". Set for the root of the path.
  std::string Why;
  /// The function one step closer to the root (for the path in notes), or
  /// "" at the root.
  std::string From;
  /// At the root: steady only because a library's public API may be called
  /// per operation (its callers are not in the program).
  bool PublicApi = false;
  /// The call that reaches this function: from From, or at the root, from
  /// the loop that drives it (nullptr when no call site does: a thread, a
  /// callback, an override, the public API).
  const Call *Site = nullptr;
  /// The root is in test or benchmark code: only tests drive this function
  /// (any driver from the program's own code replaces one from tests).
  bool Test = false;
  /// Which program gave this driver (Drivers::Programs), -1 for the whole
  /// project as one: its path is walked there.
  int Program = -1;
};

/// Is a file (as facts spell it) test or benchmark code?
using FileFilter = std::function<bool(const std::string &File)>;

class Drivers {
public:
  /// \p TestCode tells test and benchmark files (none when empty).
  /// \p WholeProgram: every translation unit of the project is in \p F
  /// (with a main, code none of the programs reaches is not run at all).
  Drivers(const Facts &F, const CallGraph &G, FileFilter TestCode = {},
          bool WholeProgram = false);

  const DriverInfo &of(const std::string &Fn) const;
  /// The driver of the body of \p Fn in \p File: a function of external
  /// linkage that several mains' files define alike (`string
  /// readFile(const char *)` in two examples) is one id in the merged
  /// facts, but each of those bodies runs only in its own file's program.
  /// Otherwise (and for File ""), of(Fn).
  const DriverInfo &of(const std::string &Fn, const std::string &File) const;
  /// What drives a function, with the path when it is not the root
  /// itself: "a loop in 'main' via 'EventLoop::loop' -> 'Channel::handle'"
  /// (at most a few steps: the first ones after the root, then "...").
  std::string describe(const std::string &Fn,
                       const std::string &File = "") const;
  /// The call site at the root of \p Fn's driver (a call in main's loop,
  /// an event loop's call), or nullptr.
  const Call *rootSite(const std::string &Fn,
                       const std::string &File = "") const;
  /// The root of \p Fn's driver (the function whose DriverInfo has Why).
  const DriverInfo &root(const std::string &Fn,
                         const std::string &File = "") const;
  /// Code that runs once reaches \p Fn, and nothing else does: a static
  /// local's initializer, or what a run-once guard protects (`if
  /// (!started_.exchange(true)) pool_.start();`), in Root, directly or
  /// through functions only such code runs. Root is "" when there is none.
  struct Once {
    std::string Root;
    bool Guard = false; // behind a run-once guard, not an initializer
    /// "behind a run-once guard", "from the initializer of a static local"
    const char *what() const {
      return Guard ? "behind a run-once guard"
                   : "from the initializer of a static local";
    }
  };
  const Once &once(const std::string &Fn) const;
  bool builder(const std::string &Fn) const { return Builders.count(Fn) != 0; }
  /// Every caller of \p Fn hands it, as parameter \p Param, an object it
  /// is building: one local to the caller (not main's), or a parameter
  /// that is itself always handed such an object.
  bool handedBuilt(const std::string &Fn, unsigned Param) const;
  /// The whole of a program with a main is in view (a whole-program run):
  /// what none of its programs is seen to run is not run at all (an API
  /// no code of the project calls, or dead code).
  bool wholeProgramWithMain() const { return WholeProgram && HasMain; }
  /// A lambda something keeps (handed to a holder: a callback, a thread):
  /// the locals it captures by reference live as long as it runs.
  bool keptLambda(const std::string &Fn) const;
  /// A call that starts setup of its own, whatever runs its caller: in the
  /// child's branch after fork(), behind a run-once guard, or in a static
  /// local's initializer.
  static bool startsOver(const Call &C);
  /// Every path that drives \p Fn from a steady-state root passes
  /// through one of \p Via (and one does): \p Fn runs in steady state only
  /// as part of what a function of Via runs.
  bool onlyThrough(const std::string &Fn,
                   const std::set<std::string> &Via) const;
  /// \p Fn is test code: only tests drive it, or it is in a test file.
  bool testCode(const std::string &Fn) const;
  /// Some call on the path that drives \p Fn sits in a loop (each turn
  /// runs \p Fn anew).
  bool throughLoop(const std::string &Fn) const;
  /// Is \p File (as facts spell it) test or benchmark code?
  bool testFile(const std::string &File) const {
    return TestCode && !File.empty() && TestCode(File);
  }
  /// How notes name a function: "'F'", or "a lambda in 'F'".
  std::string label(const std::string &Fn) const;

private:
  const Facts &F;
  const CallGraph &G;
  FileFilter TestCode;
  bool WholeProgram = false;
  bool HasMain = false;
  std::map<std::string, DriverInfo> Info;
  /// Per (function, main's file): the drivers of functions with bodies in
  /// several mains' files (of(Fn, File)).
  std::map<std::pair<std::string, std::string>, DriverInfo> ByBody;
  /// The drivers of each program (a main's file) that gave some function
  /// its driver in Info, to walk its paths in.
  std::vector<std::map<std::string, DriverInfo>> Programs;
  /// The driver of \p Fn in the program \p From's driver came from.
  const DriverInfo &step(const DriverInfo &From, const std::string &Fn) const;
  /// Callables handed to threads and parameters, as calls from
  /// where they are handed over (handoverDriven in Drivers.cpp).
  std::deque<Call> Synthetic;
  std::map<std::string, std::vector<CallEdge>> Handovers;

  /// The calls that drive: the call graph's, but a callable handed to a
  /// thread or to a parameter its function calls is run by its handover.
  std::vector<CallEdge> edges(const std::string &Fn) const;
  std::set<std::string> Builders;
  mutable std::map<std::pair<std::string, unsigned>, bool> BuiltParams;
  mutable std::map<std::string, Once> OnceMemo;
  mutable std::map<std::string, bool> KeptMemo;
  /// Holders that keep what they are given: members and statics.
  mutable std::set<std::string> KeepingHolders;
  /// The callers of each function along driving edges (onlyThrough).
  mutable std::map<std::string, std::vector<std::string>> DrivenBy;

  std::string name(const std::string &Fn) const;
  std::string startOverWhy(const Call &C, const std::string &Fn) const;
  void computeBuilders();
  bool keptLocal(const CallEdge &E) const;
};

} // namespace memlint

#endif
