//===- Drivers.cpp --------------------------------------------------------===//
#include "Drivers.h"

#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <deque>
#include <set>

namespace memlint {

static bool steadyLoop(const Call &C) {
  return (C.Flags & InLoop) && !(C.Flags & ConstantLoop);
}

std::string Drivers::label(const std::string &Fn) const {
  auto It = F.Functions.find(Fn);
  bool Lambda = It != F.Functions.end() && (It->second.Traits & FnLambda);
  return (Lambda ? "a lambda in '" : "'") + name(Fn) + "'";
}

std::string Drivers::name(const std::string &Fn) const {
  auto It = F.Functions.find(Fn);
  return It == F.Functions.end() || It->second.Name.empty() ? std::string("?")
                                                            : It->second.Name;
}

/// A callable handed to a thread, or to a parameter that its function calls
/// itself, runs as often as it is handed over (`loop.runInLoop([] {...})`
/// in main's setup runs once): its driver is the handover's, not that of
/// the code that calls it. A callable kept in a member, a static or a
/// lambda's capture (a handler the object calls per event, a wrapper
/// stored in one) runs as often as its holder is called.
static bool handoverHolder(llvm::StringRef Holder) {
  if (Holder.starts_with("thread:"))
    return true;
  // A parameter: "<fn>#<index>".
  size_t Hash = Holder.rfind('#');
  if (Hash == llvm::StringRef::npos || Hash + 1 == Holder.size())
    return false;
  llvm::StringRef Index = Holder.substr(Hash + 1);
  return Index.find_first_not_of("0123456789") == llvm::StringRef::npos;
}

/// Is \p C a call of a callable that runs as often as it is handed over: a
/// parameter called by the function it belongs to?
static bool handoverDriven(const Call &C) {
  if (C.Kind != CallKind::Indirect || !handoverHolder(C.Callee))
    return false;
  llvm::StringRef Holder(C.Callee);
  return Holder.starts_with("thread:") ||
         Holder.substr(0, Holder.rfind('#')) == C.Caller;
}

std::vector<CallEdge> Drivers::edges(const std::string &Fn) const {
  std::vector<CallEdge> Out;
  for (const CallEdge &E : G.callees(Fn))
    if (!handoverDriven(*E.Site))
      Out.push_back(E);
  auto It = Handovers.find(Fn);
  if (It != Handovers.end())
    Out.insert(Out.end(), It->second.begin(), It->second.end());
  return Out;
}

Drivers::Drivers(const Facts &F, const CallGraph &G) : F(F), G(G) {
  // Holders that run what they are handed as often as it is handed over: a
  // thread, a parameter its own function calls, and a parameter passed on
  // to such a holder (each hop of `f` handed from one helper to the next).
  // A parameter that is only kept (captured into a wrapper, stored in a
  // member) runs when its keeper is called, not when it is handed over.
  std::set<std::string> Running;
  for (const Call &C : F.Calls)
    if (handoverDriven(C))
      Running.insert(C.Callee);
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const CallableFlow &CF : F.Callables) {
      if (!handoverHolder(CF.To) || Running.count(CF.From))
        continue;
      if (!llvm::StringRef(CF.To).starts_with("thread:") &&
          !Running.count(CF.To))
        continue;
      llvm::StringRef From(CF.From);
      size_t Hash = From.rfind('#');
      if (!handoverHolder(From) || From.starts_with("thread:") ||
          From.substr(0, Hash) != CF.Function)
        continue;
      Running.insert(CF.From);
      Changed = true;
    }
  }
  // Handovers as calls: from the function that hands a callable to such a
  // holder, to the callable.
  for (const CallableFlow &CF : F.Callables) {
    if (!llvm::StringRef(CF.To).starts_with("thread:") &&
        !Running.count(CF.To))
      continue;
    std::vector<std::string> Values;
    llvm::StringRef From(CF.From);
    if (From.consume_front("fn:"))
      Values.push_back(From.str());
    else
      for (const std::string &V : G.callablesIn(CF.From))
        Values.push_back(V);
    for (const std::string &Id : Values) {
      std::vector<CallEdge> &Out = Handovers[CF.Function];
      if (std::any_of(Out.begin(), Out.end(), [&](const CallEdge &E) {
            return E.To == Id && E.Site->At == CF.At;
          }))
        continue;
      Call &C = Synthetic.emplace_back();
      C.Caller = CF.Function;
      C.Callee = Id;
      C.At = CF.At;
      C.Flags = CF.Flags;
      Out.push_back({&C, Id});
    }
  }
  std::vector<std::string> Mains;
  for (const auto &[Id, Fn] : F.Functions)
    if ((Fn.Traits & FnMain) && (Fn.Traits & FnDefined))
      Mains.push_back(Id);
  HasMain = !Mains.empty();

  std::deque<std::string> Steady, Setup;
  auto SeedSteady = [&](const std::string &Fn, const std::string &Why,
                        const Call *Site = nullptr) {
    DriverInfo &I = Info[Fn];
    if (I.D == Driver::Steady)
      return;
    I = {Driver::Steady, Why, "", false, Site};
    Steady.push_back(Fn);
  };
  auto SeedSetup = [&](const std::string &Fn, const std::string &Why,
                       const Call *Site = nullptr) {
    DriverInfo &I = Info[Fn];
    if (I.D != Driver::Unknown)
      return;
    I = {Driver::Setup, Why, "", false, Site};
    Setup.push_back(Fn);
  };
  auto RunSteady = [&] {
    while (!Steady.empty()) {
      std::string Fn = Steady.front();
      Steady.pop_front();
      for (const CallEdge &E : edges(Fn)) {
        DriverInfo &I = Info[E.To];
        if (I.D == Driver::Steady)
          continue;
        I = {Driver::Steady, "", Fn, false, E.Site};
        Steady.push_back(E.To);
      }
    }
  };
  auto RunSetup = [&] {
    while (!Setup.empty()) {
      std::string Fn = Setup.front();
      Setup.pop_front();
      for (const CallEdge &E : edges(Fn)) {
        DriverInfo &I = Info[E.To];
        if (I.D != Driver::Unknown)
          continue;
        I = {Driver::Setup, "", Fn, false, E.Site};
        Setup.push_back(E.To);
      }
    }
  };

  // The program's main loop, and what main does around it.
  for (const std::string &M : Mains)
    for (const CallEdge &E : edges(M))
      if (steadyLoop(*E.Site))
        SeedSteady(E.To, "a loop in '" + name(M) + "'", E.Site);
  // Callbacks an event loop, an async API or a thread runs, and overrides
  // of a library's virtual methods (the framework calls them per event).
  for (const auto &[Id, Fn] : F.Functions) {
    for (const auto &[Holder, First] : G.holdersOf(Id)) {
      llvm::StringRef H(Holder);
      if (H.starts_with("async:"))
        SeedSteady(Id, "a callback the event loop runs");
    }
    if (Fn.Traits & FnDefined)
      for (const std::string &Base : Fn.Overrides) {
        auto B = F.Functions.find(Base);
        if (B == F.Functions.end() || (B->second.Traits & FnLibrary)) {
          SeedSteady(Id, "the library that calls '" + name(Id) + "'");
          break;
        }
      }
  }
  // A library (no main): its public API is called per operation.
  if (!HasMain)
    for (const auto &[Id, Fn] : F.Functions)
      if ((Fn.Traits & FnDefined) && (Fn.Traits & FnPublic) &&
          !(Fn.Traits & (FnConstructor | FnDestructor)) && !G.hasCallers(Id))
      {
        SeedSteady(Id, "the library's public API");
        DriverInfo &I = Info[Id];
        I.PublicApi = I.Why == "the library's public API";
      }
  RunSteady();

  for (const CallEdge &E : edges(""))
    SeedSetup(E.To, "static initialization", E.Site);
  for (const std::string &M : Mains) {
    Info[M] = {Driver::Setup, "'" + name(M) + "'", ""};
    for (const CallEdge &E : edges(M))
      if (!steadyLoop(*E.Site))
        SeedSetup(E.To, "'" + name(M) + "' outside its loops", E.Site);
  }
  RunSetup();

  // A loop over input in code nothing classifies drives its callees too; a
  // loop in setup code (`for (i < threads) pool_.emplace_back(...)`) does
  // not.
  //
  // An event loop (`while (!quit_) handle(next());`) drives its callees
  // wherever it is, setup code included: main calls `loop.run()` once, and
  // the run's loop is the program's steady state.
  struct LoopSeed {
    std::string Target;
    const Call *Site;
  };
  std::vector<LoopSeed> Loops;
  auto LoopSeeds = [&](const Call &C, const std::vector<std::string> &To) {
    if (!steadyLoop(C))
      return;
    Driver Caller = Info[C.Caller].D;
    if (Caller == Driver::Steady ||
        (Caller == Driver::Setup && !(C.Flags & UntilLoop)))
      return;
    for (const std::string &T : To)
      Loops.push_back({T, &C});
  };
  for (const Call &C : F.Calls) {
    std::vector<std::string> To;
    for (const std::string &T : G.targets(C))
      if (!handoverDriven(C))
        To.push_back(T);
    LoopSeeds(C, To);
  }
  for (const Call &C : Synthetic)
    LoopSeeds(C, {C.Callee});
  for (const LoopSeed &L : Loops)
    SeedSteady(L.Target, "a loop in '" + name(L.Site->Caller) + "'", L.Site);
  RunSteady();
  computeBuilders();
}

const DriverInfo &Drivers::of(const std::string &Fn) const {
  static const DriverInfo Static{Driver::Setup, "static initialization", ""};
  static const DriverInfo None;
  if (Fn.empty())
    return Static;
  auto It = Info.find(Fn);
  return It == Info.end() ? None : It->second;
}

const DriverInfo &Drivers::root(const std::string &Fn) const {
  std::string Cur = Fn;
  for (unsigned Steps = 0; Steps < 64; ++Steps) {
    const DriverInfo &I = of(Cur);
    if (I.From.empty())
      return I;
    Cur = I.From;
  }
  return of(Cur);
}

std::string Drivers::describe(const std::string &Fn) const {
  // The chain from Fn up to the root, Fn excluded.
  std::vector<std::string> Up;
  std::string Cur = Fn;
  for (unsigned Steps = 0; Steps < 64; ++Steps) {
    const DriverInfo &I = of(Cur);
    if (I.From.empty())
      break;
    Cur = I.From;
    Up.push_back(Cur);
  }
  std::string Why = of(Cur).Why;
  // A root that names its own function ("the library that calls 'X'")
  // starts the path after it.
  if (!Up.empty() && llvm::StringRef(Why).contains(label(Up.back())))
    Up.pop_back();
  if (Up.empty())
    return Why;
  static const size_t MaxSteps = 3;
  std::string Path;
  size_t Shown = 0;
  for (size_t I = Up.size(); I-- > 0 && Shown < MaxSteps; ++Shown)
    Path += (Path.empty() ? "" : " -> ") + label(Up[I]);
  if (Up.size() > MaxSteps)
    Path += " -> ...";
  return Why + " via " + Path;
}

const Call *Drivers::rootSite(const std::string &Fn) const {
  std::string Cur = Fn;
  for (unsigned Steps = 0; Steps < 64; ++Steps) {
    const DriverInfo &I = of(Cur);
    if (I.From.empty())
      return I.Site;
    Cur = I.From;
  }
  return nullptr;
}

void Drivers::computeBuilders() {
  std::vector<std::string> Methods;
  for (const auto &[Id, Fn] : F.Functions)
    if (!Fn.Class.empty() && (Fn.Traits & FnDefined) &&
        !(Fn.Traits & (FnConstructor | FnDestructor | FnLambda)))
      Methods.push_back(Id);
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (const std::string &Id : Methods) {
      if (Builders.count(Id))
        continue;
      const std::vector<CallEdge> &In = G.callers(Id);
      if (In.empty())
        continue;
      const std::string &Class = F.Functions.at(Id).Class;
      bool All = true;
      for (const CallEdge &E : In) {
        auto C = F.Functions.find(E.Site->Caller);
        // A local of main lives as long as the program: it is no builder.
        if ((E.Site->Flags & OnLocalObject) &&
            (C == F.Functions.end() || !(C->second.Traits & FnMain)))
          continue;
        if (C != F.Functions.end() && C->second.Class == Class &&
            ((C->second.Traits & FnConstructor) || Builders.count(C->first)))
          continue;
        All = false;
        break;
      }
      if (All) {
        Builders.insert(Id);
        Changed = true;
      }
    }
  }
}

} // namespace memlint
