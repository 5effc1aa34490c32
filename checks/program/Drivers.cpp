//===- Drivers.cpp --------------------------------------------------------===//
#include "Drivers.h"

#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <deque>
#include <set>

namespace memlint {

bool Drivers::startsOver(const Call &C) {
  return C.Flags & (ForkChild | OnceGuard | RunOnce);
}

/// Why a call that starts over (Drivers::startsOver) is setup, made in
/// \p Fn: "a process 'spawn' forks", "a run-once guard in 'start'".
std::string Drivers::startOverWhy(const Call &C, const std::string &Fn) const {
  if (C.Flags & ForkChild)
    return "a process " + label(Fn) + " forks";
  return (C.Flags & RunOnce ? "the initializer of a static local in "
                            : "a run-once guard in ") +
         label(Fn);
}

static bool steadyLoop(const Call &C) {
  return (C.Flags & InLoop) && !(C.Flags & ConstantLoop);
}

/// A loop of main's that is the program's steady state: one that runs until
/// something happens.
static bool mainLoop(const Call &C) {
  return steadyLoop(C) && (C.Flags & UntilLoop);
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

Drivers::Drivers(const Facts &F, const CallGraph &G, FileFilter Tests,
                 bool Whole)
    : F(F), G(G), TestCode(std::move(Tests)), WholeProgram(Whole) {
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

  // What test and benchmark code alone drives is not the program's steady
  // state (a test body runs once, a benchmark briefly): a driver whose root
  // is in test code ranks below any other, so code the program itself
  // drives keeps the program's driver.
  std::map<std::string, bool> TestFiles;
  auto TestFile = [&](const std::string &File) {
    if (!TestCode || File.empty())
      return false;
    auto It = TestFiles.find(File);
    if (It == TestFiles.end())
      It = TestFiles.emplace(File, TestCode(File)).first;
    return It->second;
  };
  // Where the root is: at its call site when there is one (every main of
  // the project is one function, "main", whose location is one of them),
  // else where the function is defined.
  auto TestRoot = [&](const std::string &Fn, const Call *Site) {
    if (Site)
      return TestFile(Site->At.File);
    auto It = F.Functions.find(Fn);
    return It != F.Functions.end() && TestFile(It->second.At.File);
  };
  // Unknown < setup from test code < steady from test code < setup <
  // steady: a driver replaces another of a lower rank.
  auto Rank = [](const DriverInfo &I) {
    if (I.D == Driver::Unknown)
      return 0;
    return (I.Test ? 1 : 3) + (I.D == Driver::Steady ? 1 : 0);
  };
  // Every executable of a project is its own program: a function defined
  // in the file of one main (an example, a tool, a test) runs only in that
  // one, and what another main's code hands to a shared holder (a timer
  // queue, a thread pool's init callback) is not called in it. Each main's
  // file is classified as a program of its own, with the code no main's
  // file defines; a function's driver is the strongest any program gives.
  std::set<std::string> MainFiles;
  for (const std::string &M : Mains)
    for (const CallEdge &E : G.callees(M))
      if (!E.Site->At.File.empty())
        MainFiles.insert(E.Site->At.File);
  // Where each function defined in a main's file has a body: a function
  // of external linkage that several examples define alike (`string
  // readFile(const char *)`) is one id with one location, but it belongs
  // to every program whose file has its body (its calls and events are
  // there).
  std::map<std::string, std::set<std::string>> BodyFiles;
  if (MainFiles.size() > 1) {
    auto Body = [&](const std::string &Fn, const std::string &File) {
      auto It = F.Functions.find(Fn);
      if (It != F.Functions.end() && MainFiles.count(It->second.At.File) &&
          !File.empty())
        BodyFiles[Fn].insert(File);
    };
    for (const Call &C : F.Calls)
      Body(C.Caller, C.At.File);
    for (const Event &E : F.Events)
      Body(E.Function, E.At.File);
  }
  // The callables each function hands over as values (`fn:` flows), with
  // the file of the handover, and every callable some flow hands over.
  struct Handover {
    std::string Callable, File;
  };
  std::map<std::string, std::vector<Handover>> HandedBy;
  std::set<std::string> Handed;
  for (const CallableFlow &CF : F.Callables) {
    llvm::StringRef Value(CF.From);
    if (!Value.consume_front("fn:"))
      continue;
    HandedBy[CF.Function].push_back({Value.str(), CF.At.File});
    Handed.insert(Value.str());
  }
  // Functions some program reaches from its roots (main, callbacks,
  // overrides, static initialization): a loop in one of them belongs to the
  // programs that reach it, and drives nothing in the others.
  std::set<std::string> Reached;
  auto Classify = [&](const std::string &Program,
                      std::map<std::string, DriverInfo> &Info,
                      bool WithLoops) {
    // Allowed in the program: defined in no main's file, or in its own.
    auto Allowed = [&](const std::string &Fn) {
      if (Program.empty())
        return true;
      auto It = F.Functions.find(Fn);
      if (It == F.Functions.end() || It->second.At.File == Program)
        return true;
      if (!MainFiles.count(It->second.At.File) || (It->second.Traits & FnMain))
        return true;
      auto B = BodyFiles.find(Fn);
      return B != BodyFiles.end() && B->second.count(Program);
    };
    auto InProgram = [&](const Call &C) {
      return Program.empty() || C.At.File == Program;
    };
    // A call in no main's file, or in this program's: not one another
    // main makes (main is one function for every program).
    auto Visible = [&](const Call &C) {
      return Program.empty() || C.At.File == Program ||
             !MainFiles.count(C.At.File);
    };
    std::deque<std::string> Work;
    // In a program of its own, a holder calls only the callables code of
    // the program hands over (a timer queue runs the callbacks this program
    // schedules, not every callback any main of the project does): a
    // callable becomes available when the function that hands it over is
    // reached; a call through a holder waits for its callable until then.
    std::set<std::string> Available;
    std::map<std::string, std::vector<std::pair<std::string, CallEdge>>>
        Pending;
    std::function<void(const std::string &)> Reach;
    auto Assign = [&](const std::string &Fn, const DriverInfo &New) {
      DriverInfo &I = Info[Fn];
      if (Rank(New) <= Rank(I))
        return;
      bool First = I.D == Driver::Unknown;
      I = New;
      Work.push_back(Fn);
      if (First)
        Reach(Fn);
    };
    auto Waits = [&](const std::string &Fn, const CallEdge &E) {
      if (Program.empty() || E.Site->Kind != CallKind::Indirect ||
          !Handed.count(E.To) || Available.count(E.To))
        return false;
      Pending[E.To].push_back({Fn, E});
      return true;
    };
    Reach = [&](const std::string &Fn) {
      if (Program.empty())
        return;
      auto It = HandedBy.find(Fn);
      if (It == HandedBy.end())
        return;
      for (const Handover &H : It->second) {
        if (H.File != Program && MainFiles.count(H.File))
          continue; // handed over by another main
        if (!Available.insert(H.Callable).second)
          continue;
        auto P = Pending.find(H.Callable);
        if (P == Pending.end())
          continue;
        std::vector<std::pair<std::string, CallEdge>> Calls =
            std::move(P->second);
        Pending.erase(P);
        for (const auto &[Caller, E] : Calls) {
          const DriverInfo From = Info[Caller];
          Assign(E.To, {From.D, "", Caller, false, E.Site,
                        From.Test || TestFile(E.Site->At.File)});
        }
      }
    };
    // Main and static initialization run in every program.
    for (const std::string &M : Mains)
      Reach(M);
    Reach("");
    auto Seed = [&](const std::string &Fn, Driver Drv, const std::string &Why,
                    const Call *Site, bool Test) {
      if (!Allowed(Fn))
        return;
      Assign(Fn, {Drv, Why, "", false, Site, Test});
    };
    auto SeedSteady = [&](const std::string &Fn, const std::string &Why,
                          const Call *Site, const std::string &Root) {
      Seed(Fn, Driver::Steady, Why, Site, TestRoot(Root, Site));
    };
    auto SeedSetup = [&](const std::string &Fn, const std::string &Why,
                         const Call *Site, const std::string &Root) {
      Seed(Fn, Driver::Setup, Why, Site, TestRoot(Root, Site));
    };
    auto Run = [&] {
      while (!Work.empty()) {
        std::string Fn = Work.front();
        Work.pop_front();
        const DriverInfo From = Info[Fn];
        for (const CallEdge &E : edges(Fn)) {
          if (!Allowed(E.To) || !Visible(*E.Site) || Waits(Fn, E))
            continue;
          // A path through test code (a test's coroutine the library's
          // scheduler runs) is test code driving it.
          bool Test = From.Test || TestFile(E.Site->At.File);
          // A child process starts over: what it runs after fork() is its
          // setup, however often the parent forks; so is what runs once
          // (behind a run-once guard, or in a static local's initializer),
          // whatever drives the function it is in.
          if (startsOver(*E.Site) && From.D != Driver::Unknown) {
            Assign(E.To, {Driver::Setup, startOverWhy(*E.Site, Fn), "", false,
                          E.Site, Test});
            continue;
          }
          Assign(E.To, {From.D, "", Fn, false, E.Site, Test});
        }
      }
    };

    // The program's main loop, and what main does around it. A service's
    // main loop runs until something happens (`while (next(req))`, an event
    // loop); a counted loop in main (`for (i < threads)`, `for (i < argc)`)
    // starts N workers or walks its arguments: setup, or a batch job.
    // A call in the loop that starts a child process or runs once is no
    // part of it (a master's `while (wait(&s) > 0) if (fork() == 0)
    // worker();` respawns a worker that starts over): seeded as setup
    // below.
    for (const std::string &M : Mains)
      for (const CallEdge &E : edges(M))
        if (mainLoop(*E.Site) && InProgram(*E.Site) && !startsOver(*E.Site))
          SeedSteady(E.To, "a loop in '" + name(M) + "'", E.Site, M);
    // Callbacks an event loop, an async API or a thread runs, and overrides
    // of a library's virtual methods (the framework calls them per event).
    for (const auto &[Id, Fn] : F.Functions) {
      for (const auto &[Holder, First] : G.holdersOf(Id)) {
        llvm::StringRef H(Holder);
        if (H.starts_with("async:"))
          SeedSteady(Id, "a callback the event loop runs", nullptr, Id);
      }
      if (Fn.Traits & FnDefined)
        for (const std::string &Base : Fn.Overrides) {
          auto B = F.Functions.find(Base);
          if (B == F.Functions.end() || (B->second.Traits & FnLibrary)) {
            SeedSteady(Id, "the library that calls '" + name(Id) + "'", nullptr,
                       Id);
            break;
          }
        }
    }
    // A library (no main): its public API is called per operation. A step
    // of a builder (a method that returns its own object for chained
    // calls: `desc.host(h).schemes(s)`) configures the object it is called
    // on: setup, unless code in view calls it per operation.
    if (!HasMain)
      for (const auto &[Id, Fn] : F.Functions)
        if ((Fn.Traits & FnDefined) && (Fn.Traits & FnPublic) &&
            !(Fn.Traits & (FnConstructor | FnDestructor)) && !G.hasCallers(Id))
        {
          if (Fn.Traits & (FnFluent | FnReturnsBuilder)) {
            SeedSetup(Id,
                      Fn.Traits & FnFluent
                          ? "the library's builder API (it returns its own "
                            "object for chained calls)"
                          : "the library's builder API (it returns a builder "
                            "for chained calls)",
                      nullptr, Id);
            continue;
          }
          SeedSteady(Id, "the library's public API", nullptr, Id);
          DriverInfo &I = Info[Id];
          I.PublicApi = I.Why == "the library's public API";
        }
    Run();

    for (const CallEdge &E : edges(""))
      SeedSetup(E.To, "static initialization", E.Site, "");
    for (const std::string &M : Mains) {
      // Main itself (not its loops' callees, seeded above).
      DriverInfo &I = Info[M];
      if (I.D == Driver::Unknown || I.Test)
        I = {Driver::Setup, "'" + name(M) + "'", "", false, nullptr, false};
      for (const CallEdge &E : edges(M)) {
        if (!InProgram(*E.Site))
          continue;
        if (startsOver(*E.Site))
          SeedSetup(E.To, startOverWhy(*E.Site, M), E.Site, M);
        else if (!mainLoop(*E.Site))
          SeedSetup(E.To,
                    "'" + name(M) +
                        (steadyLoop(*E.Site) ? "' in a counted loop"
                                             : "' outside its loops"),
                    E.Site, M);
      }
    }
    Run();
    if (!WithLoops) {
      for (const auto &[Fn, I] : Info)
        if (I.D != Driver::Unknown)
          Reached.insert(Fn);
      return;
    }

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
      bool Test;
      bool StartsOver; // in a child's branch after fork(), or run once
    };
    std::vector<LoopSeed> Loops;
    auto LoopSeeds = [&](const Call &C, const std::vector<std::string> &To) {
      if (!steadyLoop(C) || !Allowed(C.Caller) || !Visible(C))
        return;
      const DriverInfo &Caller = Info[C.Caller];
      if (Caller.D == Driver::Steady ||
          (Caller.D == Driver::Setup && !(C.Flags & UntilLoop)) ||
          (Caller.D == Driver::Unknown && Reached.count(C.Caller)))
        return;
      // The loop drives the parent; the child starts over (what runs once
      // is setup the same way). A classified caller's such calls are
      // setup already (Run).
      bool Over = startsOver(C);
      if (Over && Caller.D != Driver::Unknown)
        return;
      // With the whole of a program with a main in view, a function none
      // of it reaches drives its callees only from a loop that runs until
      // something happens (an event loop the call graph does not reach
      // through a C callback table); a walk of a container there, or a
      // counted loop, is code nothing runs.
      if (Caller.D == Driver::Unknown && wholeProgramWithMain() &&
          !(C.Flags & UntilLoop) && !Over)
        return;
      bool Test = Caller.Test || TestRoot(C.Caller, &C);
      for (const std::string &T : To)
        Loops.push_back({T, &C, Test, Over});
    };
    for (const Call &C : F.Calls) {
      std::vector<std::string> To;
      for (const std::string &T : G.targets(C))
        if (!handoverDriven(C) &&
            (Program.empty() || C.Kind != CallKind::Indirect ||
             !Handed.count(T) || Available.count(T)))
          To.push_back(T);
      LoopSeeds(C, To);
    }
    for (const Call &C : Synthetic)
      LoopSeeds(C, {C.Callee});
    for (const LoopSeed &L : Loops)
      if (!L.StartsOver)
        Seed(L.Target, Driver::Steady,
             "a loop in '" + name(L.Site->Caller) + "'", L.Site, L.Test);
      else
        Seed(L.Target, Driver::Setup, startOverWhy(*L.Site, L.Site->Caller),
             L.Site, L.Test);
    Run();
  };
  if (MainFiles.size() <= 1) {
    // One program: a function it does not reach is reached by none.
    Classify("", Info, true);
  } else {
    for (const std::string &Program : MainFiles) {
      std::map<std::string, DriverInfo> Roots;
      Classify(Program, Roots, false);
    }
    // The path of a function's driver is walked in the program that gave
    // it (a mix of programs' paths would name one program's root for
    // another's driver).
    for (const std::string &Program : MainFiles) {
      std::map<std::string, DriverInfo> One;
      Classify(Program, One, true);
      int Index = int(Programs.size());
      bool Won = false;
      for (auto &[Fn, I] : One) {
        I.Program = Index;
        DriverInfo &Best = Info[Fn];
        if (Rank(I) > Rank(Best)) {
          Best = I;
          Won = true;
        }
        auto B = BodyFiles.find(Fn);
        if (B != BodyFiles.end() && B->second.size() > 1 &&
            B->second.count(Program)) {
          ByBody[{Fn, Program}] = I;
          Won = true;
        }
      }
      if (Won)
        Programs.push_back(std::move(One));
    }
  }
  computeBuilders();
}

bool Drivers::testCode(const std::string &Fn) const {
  if (of(Fn).Test)
    return true;
  auto It = F.Functions.find(Fn);
  return TestCode && It != F.Functions.end() && !It->second.At.File.empty() &&
         TestCode(It->second.At.File);
}

bool Drivers::throughLoop(const std::string &Fn) const {
  std::set<std::string> Seen;
  for (std::string Cur = Fn; !Cur.empty() && Seen.insert(Cur).second;) {
    const DriverInfo &I = of(Cur);
    if (I.Site && (I.Site->Flags & InLoop))
      return true;
    Cur = I.From;
  }
  return false;
}

bool Drivers::onlyThrough(const std::string &Fn,
                          const std::set<std::string> &Via) const {
  if (of(Fn).D != Driver::Steady || of(Fn).Test || Via.empty())
    return false;
  if (DrivenBy.empty())
    for (const auto &[Caller, I] : Info)
      if (I.D != Driver::Unknown)
        for (const CallEdge &E : edges(Caller))
          DrivenBy[E.To].push_back(Caller);
  // Up from Fn, not past Via: a steady root reached that way drives Fn
  // without them.
  bool Through = false;
  std::set<std::string> Seen{Fn};
  std::deque<std::string> Work{Fn};
  while (!Work.empty()) {
    std::string At = Work.front();
    Work.pop_front();
    if (Via.count(At)) {
      Through |= of(At).D == Driver::Steady && !of(At).Test;
      continue;
    }
    const DriverInfo &I = of(At);
    if (I.Test)
      continue; // what only tests run is no steady state
    if (I.D == Driver::Steady && I.From.empty()) {
      // A root of its own: a callback, an override, the public API, or the
      // callee of a loop, which is in Via's code or not.
      if (!I.Site || !Via.count(I.Site->Caller))
        return false;
      Through = true;
      continue;
    }
    auto It = DrivenBy.find(At);
    if (It == DrivenBy.end())
      continue;
    for (const std::string &Caller : It->second)
      if (Seen.insert(Caller).second)
        Work.push_back(Caller);
  }
  return Through;
}

const DriverInfo &Drivers::of(const std::string &Fn) const {
  static const DriverInfo Static{Driver::Setup, "static initialization", ""};
  static const DriverInfo None;
  if (Fn.empty())
    return Static;
  auto It = Info.find(Fn);
  return It == Info.end() ? None : It->second;
}

const DriverInfo &Drivers::of(const std::string &Fn,
                              const std::string &File) const {
  if (!File.empty() && !ByBody.empty()) {
    auto It = ByBody.find({Fn, File});
    if (It != ByBody.end())
      return It->second;
  }
  return of(Fn);
}

const DriverInfo &Drivers::step(const DriverInfo &From,
                                 const std::string &Fn) const {
  if (From.Program < 0 || size_t(From.Program) >= Programs.size())
    return of(Fn);
  const std::map<std::string, DriverInfo> &P = Programs[From.Program];
  auto It = P.find(Fn);
  return It == P.end() ? of(Fn) : It->second;
}

const DriverInfo &Drivers::root(const std::string &Fn,
                                 const std::string &File) const {
  const DriverInfo *I = &of(Fn, File);
  for (unsigned Steps = 0; Steps < 64 && !I->From.empty(); ++Steps)
    I = &step(*I, I->From);
  return *I;
}

std::string Drivers::describe(const std::string &Fn,
                              const std::string &File) const {
  // The chain from Fn up to the root, Fn excluded.
  std::vector<std::string> Up;
  const DriverInfo *I = &of(Fn, File);
  for (unsigned Steps = 0; Steps < 64 && !I->From.empty(); ++Steps) {
    Up.push_back(I->From);
    I = &step(*I, I->From);
  }
  std::string Why = I->Why;
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

/// A call on a local (or handing one over) from a lambda that something
/// keeps (a callback a loop runs per message, capturing a session the
/// function that registered it owns): the local lives as long as the
/// callback runs, and is not being built.
bool Drivers::keptLocal(const CallEdge &E) const {
  return keptLambda(E.Site->Caller);
}

bool Drivers::keptLambda(const std::string &Fn) const {
  auto C = F.Functions.find(Fn);
  if (C == F.Functions.end() || !(C->second.Traits & FnLambda))
    return false;
  auto Memo = KeptMemo.find(Fn);
  if (Memo != KeptMemo.end())
    return Memo->second;
  if (KeepingHolders.empty())
    for (const CallableFlow &CF : F.Callables)
      if (!CF.ToClass.empty() || CF.ToStatic)
        KeepingHolders.insert(CF.To);
  // Kept beyond the call that receives it: in a member or a static (also
  // through parameters that store it), by a thread or an async API. A
  // lambda a function only calls (`for_each`, a test's `EXPECT_THROW`)
  // runs while its locals live.
  bool Kept = false;
  for (const auto &[Holder, First] : G.holdersOf(Fn)) {
    llvm::StringRef H(Holder);
    if (H.starts_with("thread:") || H.starts_with("async:") ||
        KeepingHolders.count(Holder)) {
      Kept = true;
      break;
    }
  }
  return KeptMemo[Fn] = Kept;
}

const Drivers::Once &Drivers::once(const std::string &Fn) const {
  auto [It, New] = OnceMemo.emplace(Fn, Once());
  if (!New)
    return It->second; // decided, or being decided: a cycle proves nothing
  // A callable handed to a holder runs whenever the holder is called.
  const std::vector<CallEdge> &In = G.callers(Fn);
  if (In.empty() || !G.holdersOf(Fn).empty())
    return It->second;
  Once Result;
  for (const CallEdge &E : In) {
    Once R;
    if (E.Site->Flags & (RunOnce | OnceGuard))
      R = {E.Site->Caller, !(E.Site->Flags & RunOnce)};
    else
      R = once(E.Site->Caller);
    if (R.Root.empty())
      return OnceMemo[Fn];
    if (Result.Root.empty())
      Result = R;
  }
  return OnceMemo[Fn] = Result;
}

bool Drivers::handedBuilt(const std::string &Fn, unsigned Param) const {
  auto Key = std::make_pair(Fn, Param);
  auto Done = BuiltParams.find(Key);
  if (Done != BuiltParams.end())
    return Done->second;
  // On a recursion, stay conservative: what is being decided counts as not
  // built until it is decided.
  BuiltParams[Key] = false;
  bool All = !G.callers(Fn).empty();
  for (const CallEdge &E : G.callers(Fn)) {
    auto C = F.Functions.find(E.Site->Caller);
    // A local of main lives as long as the program.
    if (C == F.Functions.end() || (C->second.Traits & FnMain)) {
      All = false;
      break;
    }
    if (Param < 32 && (E.Site->LocalArgs & (1u << Param)) && !keptLocal(E))
      continue;
    const std::vector<int> &Through = E.Site->ArgParams;
    if (Param < Through.size() && Through[Param] >= 0 &&
        handedBuilt(E.Site->Caller, static_cast<unsigned>(Through[Param])))
      continue;
    All = false;
    break;
  }
  BuiltParams[Key] = All;
  return All;
}

const Call *Drivers::rootSite(const std::string &Fn,
                              const std::string &File) const {
  return root(Fn, File).Site;
}

void Drivers::computeBuilders() {
  // The greatest fixpoint: every method with callers is a builder until
  // one of its calls is not on an object being built (methods that call
  // each other on the same object, `parse()` and `parseRaw()`, stay
  // builders together when nothing else calls them).
  for (const auto &[Id, Fn] : F.Functions)
    if (!Fn.Class.empty() && (Fn.Traits & FnDefined) &&
        !(Fn.Traits & (FnConstructor | FnDestructor | FnLambda)) &&
        !G.callers(Id).empty())
      Builders.insert(Id);
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (auto It = Builders.begin(); It != Builders.end();) {
      const std::string &Class = F.Functions.at(*It).Class;
      bool All = true;
      for (const CallEdge &E : G.callers(*It)) {
        auto C = F.Functions.find(E.Site->Caller);
        // A local of main lives as long as the program: it is no builder.
        if ((E.Site->Flags & OnLocalObject) && !keptLocal(E) &&
            (C == F.Functions.end() || !(C->second.Traits & FnMain)))
          continue;
        bool CallerBuilds =
            C != F.Functions.end() &&
            ((C->second.Traits & FnConstructor) || Builders.count(C->first));
        if (CallerBuilds && C->second.Class == Class)
          continue;
        // Building an object builds its parts, and a base's method run on
        // it (`parse()` in a builder, `mime_.parse()` in a constructor).
        if (CallerBuilds && (E.Site->Flags & OnThisObject))
          continue;
        All = false;
        break;
      }
      if (All) {
        ++It;
        continue;
      }
      It = Builders.erase(It);
      Changed = true;
    }
  }
  // ... that some object being built reaches: a method only ever called by
  // itself (a recursion with no caller seen, `fib(n - 1)`) builds nothing.
  auto Starts = [&](const CallEdge &E, const std::set<std::string> &From,
                    const std::string &Callee) {
    auto C = F.Functions.find(E.Site->Caller);
    if (C == F.Functions.end())
      return false;
    if ((E.Site->Flags & OnLocalObject) && !keptLocal(E))
      return true;
    return ((C->second.Traits & FnConstructor) || From.count(C->first)) &&
           (C->second.Class == F.Functions.at(Callee).Class ||
            (E.Site->Flags & OnThisObject));
  };
  std::set<std::string> Grounded;
  Changed = true;
  while (Changed) {
    Changed = false;
    for (const std::string &Id : Builders)
      if (!Grounded.count(Id))
        for (const CallEdge &E : G.callers(Id))
          if (Starts(E, Grounded, Id)) {
            Grounded.insert(Id);
            Changed = true;
            break;
          }
  }
  Builders = std::move(Grounded);
}

} // namespace memlint
