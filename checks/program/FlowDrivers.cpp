//===- FlowDrivers.cpp ----------------------------------------------------===//
#include "FlowDrivers.h"

#include "ProgramView.h"

#include <algorithm>

namespace memlint {

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
  if (I.D == Driver::Steady) {
    Why = "it runs " + D.why(Fn, Name);
    // A library's public API may as well be called once, at startup, by
    // its users.
    if (D.root(Fn).PublicApi)
      F.Conf = std::min(F.Conf, Confidence::Medium);
  } else if (SteadyLoop) {
    Why = "it runs once per iteration of a loop in " + Name;
  } else if (I.D == Driver::Setup) {
    Why = "it runs only during setup: " + D.why(Fn, Name);
    F.Conf = Confidence::Low;
  } else {
    return;
  }
  // Before the last note, which says why it matters and what to do.
  F.Notes.insert(F.Notes.empty() ? F.Notes.end() : F.Notes.end() - 1,
                 Note{F.At, Why});
}

} // namespace memlint
