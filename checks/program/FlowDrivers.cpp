//===- FlowDrivers.cpp ----------------------------------------------------===//
#include "FlowDrivers.h"

#include "ProgramView.h"

#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <map>

namespace memlint {

/// Does only setup reach \p Fn: is it setup, and so is every function that
/// calls it, up to static initialization and main? A function setup code
/// calls that also has a caller nothing is seen to drive (a handler called
/// through a table of member pointers) may run per request, unless \p
/// Whole: the whole of a program with a main is here, and a caller none of
/// it runs is dead code or an API no code of the project calls (what runs
/// the finding's function then is setup). \p Memo: the answer per function
/// (true while it is being decided: a cycle of setup functions is setup).
static bool onlySetup(const Drivers &D, const CallGraph &G,
                      const std::string &Fn, bool Whole,
                      std::map<std::string, bool> &Memo) {
  auto [It, New] = Memo.emplace(Fn, true);
  if (!New)
    return It->second;
  Driver Drv = D.of(Fn).D;
  if (Whole && Drv == Driver::Unknown)
    return Memo[Fn] = true;
  bool Only = Drv == Driver::Setup;
  if (Only)
    for (const CallEdge &E : G.callers(Fn)) {
      // A call that starts setup of its own (a child process after
      // fork(), what a run-once guard protects) whatever runs its caller.
      if (Drivers::startsOver(*E.Site))
        continue;
      if (!onlySetup(D, G, E.Site->Caller, Whole, Memo)) {
        Only = false;
        break;
      }
    }
  return Memo[Fn] = Only;
}

void rankByDrivers(const ProgramView &V, Finding &F) {
  if (F.Function.empty())
    return;
  const std::string &Fn = F.Function;
  const Drivers &D = V.drivers();
  std::string Name = D.label(Fn);
  // The finding as a site, as the entity rules judge a growth site: a loop
  // around it that runs until something happens (an event loop) drives it
  // whatever drives its function (ProgramView::siteDriver).
  Event Site;
  Site.Function = Fn;
  Site.At = F.At;
  Site.Flags = F.SiteFlags;
  Driver Drv = V.siteDriver(Site);
  const Drivers::Once &Once = D.once(Fn);
  std::string Why;
  bool ByDriver = false; // the note says what drives the function
  if (F.SiteFlags & RunOnce) {
    Why = "it runs once: it is in the initializer of a static local";
    F.Conf = Confidence::Low;
  } else if (!Once.Root.empty()) {
    // A static local's initializer runs once, whatever drives its function.
    Why = "it runs once: " + Name + " is only reached " + Once.what() +
          " in '" + V.functionName(Once.Root) + "'";
    F.Conf = Confidence::Low;
  } else if (V.testOnly(Site)) {
    Why = "only test or benchmark code runs it" + V.onlyFrom(Fn, F.At.File);
    ByDriver = true;
    F.Conf = Confidence::Low;
  } else if (Drv == Driver::Steady) {
    Why = "it runs " + V.recurrence(Site);
    ByDriver = D.of(Fn, F.At.File).D == Driver::Steady;
    // A library's public API may as well be called once, at startup, by
    // its users.
    if (ByDriver && D.root(Fn, F.At.File).PublicApi)
      F.Conf = std::min(F.Conf, Confidence::Medium);
  } else if (Drv == Driver::Setup && [&] {
               std::map<std::string, bool> Seen;
               return onlySetup(D, V.graph(), Fn,
                                D.wholeProgramWithMain(), Seen);
             }()) {
    Why = "it runs only during setup" + V.onlyFrom(Fn, F.At.File);
    ByDriver = true;
    F.Conf = Confidence::Low;
  } else if (Drv == Driver::Unknown && D.wholeProgramWithMain()) {
    // The whole program is here, and none of it runs the function: a
    // public API no code of the project calls, or dead code.
    Why = "nothing the program runs is seen to reach " + Name +
          " (a public API no code here calls, or dead code)";
    F.Conf = Confidence::Low;
  } else {
    return;
  }
  // Before the last note, which says why it matters and what to do; then,
  // as for the entity rules, the call where that driver starts.
  std::vector<Note> Add{{F.At, Why}};
  if (ByDriver)
    if (Note Start = V.driverNote(Fn, F.At.File); Start.At.valid())
      Add.push_back(std::move(Start));
  F.Notes.insert(F.Notes.empty() ? F.Notes.end() : F.Notes.end() - 1,
                 Add.begin(), Add.end());
}

bool filterKeepsNothing(const ProgramView &V, const Finding &F) {
  // The holder is a parameter, "<function>#<index>": that function's
  // callers hand the filter over (the finding's own function may be a
  // lambda in it).
  size_t Hash = F.FilterHolder.rfind('#');
  if (Hash == std::string::npos || Hash == 0)
    return false;
  const std::vector<CallEdge> &Calls =
      V.graph().callers(F.FilterHolder.substr(0, Hash));
  if (Calls.empty())
    return false;
  // Every call hands over a function (a null filter keeps every entry,
  // and hands over nothing the facts see), and each of those keeps none.
  std::map<Loc, std::vector<const CallableFlow *>> Handed;
  for (const CallableFlow &CF : V.facts().Callables)
    if (CF.To == F.FilterHolder)
      Handed[CF.At].push_back(&CF);
  for (const CallEdge &E : Calls) {
    auto It = Handed.find(E.Site->At);
    if (It == Handed.end())
      return false;
    for (const CallableFlow *CF : It->second) {
      llvm::StringRef Value(CF->From);
      if (!Value.consume_front("fn:"))
        return false;
      auto Fn = V.facts().Functions.find(Value.str());
      if (Fn == V.facts().Functions.end() ||
          !(Fn->second.Traits & FnReturnsZero))
        return false;
    }
  }
  return true;
}

} // namespace memlint
