//===- FlowDrivers.cpp ----------------------------------------------------===//
#include "FlowDrivers.h"

#include "ProgramView.h"

#include <algorithm>
#include <map>

namespace memlint {

/// The function whose static local's initializer is the only way \p Fn
/// runs, directly or through functions only such initializers run; "" when
/// there is none. \p Memo: the answer per function ("" also while it is
/// being decided: a cycle proves nothing).
static const std::string &
onceFrom(const CallGraph &G, const std::string &Fn,
         std::map<std::string, std::string> &Memo) {
  auto [It, New] = Memo.emplace(Fn, "");
  if (!New)
    return It->second;
  // A callable handed to a holder runs whenever the holder is called.
  const std::vector<CallEdge> &In = G.callers(Fn);
  if (In.empty() || !G.holdersOf(Fn).empty())
    return It->second;
  std::string Root;
  for (const CallEdge &E : In) {
    std::string R = (E.Site->Flags & RunOnce)
                        ? E.Site->Caller
                        : onceFrom(G, E.Site->Caller, Memo);
    if (R.empty())
      return Memo[Fn];
    if (Root.empty())
      Root = R;
  }
  return Memo[Fn] = Root;
}

void rankByDrivers(const ProgramView &V, Finding &F) {
  if (F.Function.empty())
    return;
  const std::string &Fn = F.Function;
  const Drivers &D = V.drivers();
  const DriverInfo &I = D.of(Fn);
  auto FI = V.facts().Functions.find(Fn);
  unsigned Traits = FI == V.facts().Functions.end() ? 0 : FI->second.Traits;
  std::string Name = "'" + V.functionName(Fn) + "'";
  if (Traits & FnLambda)
    Name = "a lambda in " + Name;

  // A loop around the finding drives it as it would drive a call there:
  // any loop of main whose trip count is not a constant, and an event loop
  // in setup code (`loop.run()` called once from main).
  bool SteadyLoop =
      (F.SiteFlags & InLoop) && !(F.SiteFlags & ConstantLoop) &&
      ((Traits & FnMain) ||
       (I.D == Driver::Setup && (F.SiteFlags & UntilLoop)));
  std::string Why;
  bool ByDriver = true; // the note says what drives the function
  // A static local's initializer runs once, whatever drives its function.
  std::map<std::string, std::string> Memo;
  const std::string &Once = onceFrom(V.graph(), Fn, Memo);
  if (F.SiteFlags & RunOnce) {
    Why = "it runs once: it is in the initializer of a static local";
    ByDriver = false;
    F.Conf = Confidence::Low;
  } else if (!Once.empty()) {
    Why = "it runs once: " + Name +
          " is only reached from the initializer of a static local in '" +
          V.functionName(Once) + "'";
    ByDriver = false;
    F.Conf = Confidence::Low;
  } else if (I.D == Driver::Steady) {
    Why = "it runs " + D.why(Fn, Name);
    // A library's public API may as well be called once, at startup, by
    // its users.
    if (D.root(Fn).PublicApi)
      F.Conf = std::min(F.Conf, Confidence::Medium);
  } else if (SteadyLoop) {
    Why = "it runs once per iteration of a loop in " + Name;
    ByDriver = false;
  } else if (I.D == Driver::Setup) {
    Why = "it runs only during setup: " + D.why(Fn, Name);
    F.Conf = Confidence::Low;
  } else {
    return;
  }
  // Before the last note, which says why it matters and what to do; then,
  // as for the entity rules, the call where that driver starts.
  std::vector<Note> Add{{F.At, Why}};
  if (ByDriver)
    if (Note Start = V.driverNote(Fn); Start.At.valid())
      Add.push_back(std::move(Start));
  F.Notes.insert(F.Notes.empty() ? F.Notes.end() : F.Notes.end() - 1,
                 Add.begin(), Add.end());
}

} // namespace memlint
