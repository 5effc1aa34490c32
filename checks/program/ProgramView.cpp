//===- ProgramView.cpp ----------------------------------------------------===//
#include "ProgramView.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <functional>

namespace memlint {

/// How far up the call graph a lookup and an insert may sit apart and
/// still be one memoizing call chain (`get()` calling `find()` then
/// `store()`).
static const unsigned MemoChainDepth = 3;
/// How deep a guard's callees are searched for a size check.
static const unsigned GuardDepth = 4;

ProgramView::ProgramView(const Facts &F, bool AssumeClosedWorld,
                         bool WholeProgram, FileFilter TestCode)
    : F(F), G(F), D(F, G, std::move(TestCode), WholeProgram),
      AssumeClosedWorld(AssumeClosedWorld),
      WholeProgram(WholeProgram) {
  for (const Event &E : F.Events) {
    EventsOf[E.Entity].push_back(&E);
    if (E.Kind == EventKind::Size)
      SizeReaders[E.Entity].insert(E.Function);
  }
  for (const Flow &Fl : F.Flows)
    FlowsFrom[Fl.From].push_back(&Fl);
  for (const Call &C : F.Calls)
    CallsAt[{C.Caller, C.At}].push_back(&C);
  for (const Instance &I : F.Instances)
    InstancesOf[I.Class].push_back(&I);
  for (const Reset &R : F.Resets)
    ResetsOf[R.Class].push_back(&R);
  for (const Alias &A : F.Aliases)
    ProxiesOf[A.To].push_back(A.From);
  // A size read through a proxy reads the entity's size.
  std::map<std::string, std::set<std::string>> Extra;
  for (const auto &[To, Proxies] : ProxiesOf)
    for (const std::string &P : Proxies) {
      auto It = SizeReaders.find(P);
      if (It != SizeReaders.end())
        Extra[To].insert(It->second.begin(), It->second.end());
    }
  for (auto &[Id, Fns] : Extra)
    SizeReaders[Id].insert(Fns.begin(), Fns.end());
}

bool ProgramView::closed(const Entity &E) const {
  if (AssumeClosedWorld)
    return true;
  // Handed out by a public accessor (`std::map<K, V> &registry()` declared
  // in a header): any TU may change it through the reference, so only the
  // whole program shows every use.
  if (!WholeProgram) {
    auto It = ProxiesOf.find(E.Id);
    if (It != ProxiesOf.end())
      for (const std::string &P : It->second) {
        llvm::StringRef Fn(P);
        if (!Fn.consume_back("#ret"))
          continue;
        auto FnIt = F.Functions.find(Fn.str());
        if (FnIt != F.Functions.end() && (FnIt->second.Traits & FnPublic))
          return false;
      }
  }
  if (E.AlwaysClosed)
    return true;
  if (E.OpenAccess)
    return false;
  return std::all_of(E.Reachers.begin(), E.Reachers.end(),
                     [&](const std::string &R) { return F.defined(R); });
}

Lifetime ProgramView::classLifetime(const std::string &Class) const {
  auto Cached = LongLived.find(Class);
  if (Cached != LongLived.end())
    return Cached->second;
  LongLived[Class] = Lifetime::Long; // a containment cycle: stay conservative
  Lifetime Result = Lifetime::Unknown; // no instance seen
  auto It = InstancesOf.find(Class);
  if (It != InstancesOf.end()) {
    Result = Lifetime::Short;
    for (const Instance *I : It->second) {
      Lifetime L = Lifetime::Short;
      // A member or a base subobject lives as long as its owner; a class
      // derived from this one that is never instantiated tells nothing.
      if (I->Kind == InstanceKind::Static)
        // A local of a test's main declared in its loop lives for one
        // repetition of what the test does.
        L = I->InLoop && D.testFile(I->File) ? Lifetime::Short
                                             : Lifetime::Long;
      else if (I->Kind == InstanceKind::Heap)
        L = heapLifetime(*I);
      else if (I->Kind == InstanceKind::MemberOf ||
               I->Kind == InstanceKind::BaseOf)
        L = classLifetime(I->Owner);
      // Long over Unknown over Operation over Short: the longest-lived
      // instance decides.
      if (static_cast<int>(L) > static_cast<int>(Result)) {
        Result = L;
        auto &Makers = L == Lifetime::Operation ? MadeBy : MadeUnseen;
        if (L == Lifetime::Operation || L == Lifetime::Unknown) {
          auto W = Makers.find(
              I->Kind == InstanceKind::Heap && I->Owner.empty() ? Class
                                                                : I->Owner);
          if (W != Makers.end())
            Makers[Class] = W->second;
        }
      }
      if (Result == Lifetime::Long)
        break;
    }
  }
  LongLived[Class] = Result;
  return Result;
}

/// A heap object lives as long as the member that keeps it; one its own
/// callbacks keep alive (enable_shared_from_this) may live long whoever
/// made it; one created per operation (by a function the steady state
/// runs) and handed on (returned, passed, captured) lives for that
/// operation: a request's parsed header, a message's command. Created at
/// setup it is the program's; by code nothing is seen to drive (a factory
/// a registry keeps and calls through a container element), its lifetime
/// is unknown.
Lifetime ProgramView::heapLifetime(const Instance &I) const {
  if (!I.Owner.empty())
    return classLifetime(I.Owner);
  if (I.KeepsItself || I.Function.empty())
    return Lifetime::Long;
  const DriverInfo &Maker = D.of(I.Function, I.File);
  Driver Made = Maker.D;
  // Test code that makes objects in a loop (or calls what makes them from
  // one) makes one per repetition of the operation it tests, each handed
  // on and dropped: the object a stress loop builds is no long-lived one.
  if (Made == Driver::Setup && (Maker.Test || D.testFile(I.File)) &&
      (I.InLoop || D.throughLoop(I.Function))) {
    MadeBy.emplace(I.Class, I.Function);
    return Lifetime::Operation;
  }
  if (Made == Driver::Setup)
    return Lifetime::Long;
  // Made and handed on by code no program is seen to run (a factory kept
  // in a registry and called through it): nothing shows it kept.
  if (Made == Driver::Unknown) {
    MadeUnseen.emplace(I.Class, I.Function);
    return Lifetime::Unknown;
  }
  MadeBy.emplace(I.Class, I.Function);
  return Lifetime::Operation;
}

const std::set<std::string> &
ProgramView::freshMakers(const std::string &Class) const {
  auto Cached = Makers.find(Class);
  if (Cached != Makers.end())
    return Cached->second;
  std::set<std::string> &Out = Makers[Class];
  auto It = InstancesOf.find(Class);
  if (It == InstancesOf.end())
    return Out;
  // Other objects of the class (a local of main, one made lazily) do not
  // matter: what decides is that steady state grows it only through these
  // functions (Drivers::onlyThrough), each run of which makes a new one.
  for (const Instance *I : It->second)
    if (I->Kind == InstanceKind::Heap && !I->Owner.empty() && I->EveryRun &&
        !I->Function.empty() && !D.testCode(I->Function))
      Out.insert(I->Function);
  return Out;
}

bool ProgramView::longLivedClass(const std::string &Class) const {
  return classLifetime(Class) != Lifetime::Short;
}

Lifetime ProgramView::lifetime(const Entity &E) const {
  if (E.Kind == EntityKind::Field)
    return classLifetime(E.OwnerClass);
  return longLived(E) ? Lifetime::Long : Lifetime::Short;
}

bool ProgramView::longLived(const Entity &E) const {
  switch (E.Kind) {
  case EntityKind::Param:
  case EntityKind::Return:
  case EntityKind::MemberPtr:
    return false;
  case EntityKind::Field:
    return longLivedClass(E.OwnerClass);
  case EntityKind::Capture:
    // Owned by a closure: as long-lived as the place the closure is kept.
    for (const std::string &L : E.Lambdas)
      for (const auto &[Holder, First] : G.holdersOf(L)) {
        llvm::StringRef H(Holder);
        if (H.starts_with("async:") || H.starts_with("thread:"))
          return true;
        for (const CallableFlow &C : F.Callables)
          if (C.To == Holder &&
              (C.ToStatic || (!C.ToClass.empty() && longLivedClass(C.ToClass))))
            return true;
      }
    return false;
  case EntityKind::StaticField:
  case EntityKind::Global:
  case EntityKind::StaticLocal:
    return true;
  }
  return true;
}

bool isBound(const EffectiveEvent &Ev) {
  if (Ev.E.Flags & InDestructor)
    return false;
  switch (Ev.E.Kind) {
  case EventKind::Erase:
    // Erasing what is re-added right after (de-duplication) bounds nothing.
    return !(Ev.E.Flags & Dedup);
  case EventKind::Pop:
  case EventKind::Clear:
  case EventKind::Resize:
  case EventKind::Assign:
  case EventKind::Consume:
  case EventKind::Escape:
    return true;
  default:
    return false;
  }
}

std::set<std::string>
lookupFunctions(const std::vector<EffectiveEvent> &Events) {
  std::set<std::string> Out;
  for (const EffectiveEvent &Ev : Events)
    if (Ev.E.Kind == EventKind::Lookup && !Ev.E.Function.empty())
      Out.insert(Ev.E.Function);
  return Out;
}

bool ProgramView::isMemoInsert(
    const EffectiveEvent &Ev,
    const std::set<std::string> &LookupFunctions) const {
  if (Ev.E.Kind != EventKind::Grow || (Ev.E.Flags & InConstructor) ||
      !(Ev.E.Flags & KeyFromInput))
    return false;
  if ((Ev.E.Flags & MemoFill) || LookupFunctions.count(Ev.E.Function))
    return true;
  if (LookupFunctions.empty())
    return false;
  // The lookup in one helper, the insert in another: one function calls
  // (within a few steps) both.
  std::set<std::string> Above = G.ancestors(Ev.E.Function, MemoChainDepth);
  for (const std::string &L : LookupFunctions)
    for (const std::string &A : G.ancestors(L, MemoChainDepth))
      if (Above.count(A))
        return true;
  return false;
}

std::string siblingGroup(const std::string &Rule, const Entity &E,
                         const std::string &Way) {
  if (E.Kind != EntityKind::Field || E.OwnerClass.empty() || E.Type.empty())
    return "";
  return Rule + "|" + E.OwnerClass + "|" + E.Type + "|" + Way;
}

std::string lifetimeOf(const Entity &E) {
  switch (E.Kind) {
  case EntityKind::Field:
    return "its '" + E.OwnerName + "' object lives";
  case EntityKind::Capture:
    return "the lambda that owns it is kept";
  default:
    return "the program runs";
  }
}

static unsigned combineFlags(unsigned CallSite, unsigned Inner) {
  unsigned Out = CallSite & (InConstructor | InDestructor | InLambda);
  Out |= (CallSite | Inner) & SizeGuarded;
  // A memo filled through a helper (`remember(cache_, k, v)`) is still one.
  Out |= Inner & (MemoFill | KeyFromInput);
  // What the helper adds, and whether it runs once.
  Out |= Inner & (ValueConfig | ValueFromInput | Bulk | Dedup);
  Out |= (CallSite | Inner) & RunOnce;
  Out |= (CallSite | Inner) & OnElement;
  bool NonConstantLoop = ((CallSite & InLoop) && !(CallSite & ConstantLoop)) ||
                         ((Inner & InLoop) && !(Inner & ConstantLoop));
  if ((CallSite | Inner) & InLoop)
    Out |= InLoop;
  if (!NonConstantLoop && ((CallSite | Inner) & ConstantLoop))
    Out |= ConstantLoop;
  return Out;
}

bool ProgramView::guardReadsSize(const std::string &Guard,
                                 const std::string &Entity) const {
  auto Key = std::make_pair(Guard, Entity);
  auto Cached = GuardCache.find(Key);
  if (Cached != GuardCache.end())
    return Cached->second;
  bool Result = false;
  auto It = SizeReaders.find(Entity);
  if (It != SizeReaders.end())
    for (const std::string &Fn : G.reachable(Guard, GuardDepth))
      if (It->second.count(Fn)) {
        Result = true;
        break;
      }
  GuardCache[Key] = Result;
  return Result;
}

std::vector<EffectiveEvent>
ProgramView::effectiveEvents(const std::string &EntityId) const {
  std::vector<EffectiveEvent> Out;
  std::set<std::string> Visiting;
  // Events on a helper's parameter happen to every container passed to it,
  // at the call; a callee that no TU defines has an unknown effect. Events
  // on a proxy (what a function returns, a member pointer) are the
  // entity's, where they happen.
  std::function<void(const std::string &, const Flow *)> Walk =
      [&](const std::string &Id, const Flow *Via) {
        if (!Visiting.insert(Id).second)
          return;
        auto EvIt = EventsOf.find(Id);
        if (EvIt != EventsOf.end())
          for (const Event *E : EvIt->second) {
            // A growth seen only in a template nothing instantiates runs
            // nowhere; its removals still say how the container is used.
            if (E->Kind == EventKind::Grow && (E->Flags & FromPattern))
              continue;
            // A smart pointer given its container where its object is
            // built: the container's construction.
            if ((E->Flags & Fresh) &&
                ((E->Flags & InConstructor) || D.builder(E->Function)))
              continue;
            EffectiveEvent Eff{*E, Loc(), ""};
            // `if (full()) return;` with full() reading the size somewhere
            // down its call chain.
            if (E->Kind == EventKind::Grow)
              for (const std::string &Guard : E->GuardCalls)
                if (guardReadsSize(Guard, EntityId)) {
                  Eff.E.Flags |= SizeGuarded;
                  break;
                }
            // `if (q_.size() >= kMax) return false; push(c);`: every call
            // of the growing function checks the size first; or a member
            // grown once per call, every call on a new object or checked
            // (`if (cmd->canRetry()) cmd->retry();`): bounded per object.
            if (E->Kind == EventKind::Grow && !(Eff.E.Flags & SizeGuarded) &&
                !E->Function.empty()) {
              bool Once = !(E->Flags & InLoop) || (E->Flags & ConstantLoop);
              int Object = !Once || Via ? NoObject
                           : E->Receiver == RecvThis ? -1
                           : E->Receiver >= RecvParam
                               ? static_cast<int>(E->Receiver - RecvParam)
                               : NoObject;
              if (boundByCallers(E->Function, EntityId, Object, /*Up=*/1))
                Eff.E.Flags |= SizeGuarded;
            }
            if (Via) {
              Eff.E.At = Via->At;
              Eff.E.Function = Via->Function;
              Eff.E.Flags = combineFlags(Via->Flags, Eff.E.Flags);
              Eff.E.Scopes = Via->Scopes;
              Eff.Inner = E->At;
              Eff.Helper = Id;
              if (Via->Flags & OnElement) {
                // What a helper does to an element it was handed.
                switch (E->Kind) {
                case EventKind::Grow:
                case EventKind::Escape:
                  break;
                case EventKind::Erase:
                case EventKind::Pop:
                case EventKind::Clear:
                case EventKind::Consume:
                  Eff.E.Kind = EventKind::Erase;
                  break;
                default:
                  continue;
                }
              }
            }
            Out.push_back(std::move(Eff));
          }
        auto PrIt = ProxiesOf.find(Id);
        if (PrIt != ProxiesOf.end())
          for (const std::string &P : PrIt->second)
            Walk(P, Via);
        auto FlIt = FlowsFrom.find(Id);
        if (FlIt != FlowsFrom.end())
          for (const Flow *Fl : FlIt->second) {
            const Flow *Outer = Via ? Via : Fl;
            auto FnIt = F.Functions.find(Fl->Callee);
            bool Virtual = FnIt != F.Functions.end() &&
                           (FnIt->second.Traits & FnVirtual);
            std::vector<std::string> Defined;
            for (const std::string &T : G.dispatch(Fl->Callee, Virtual))
              if (F.defined(T))
                Defined.push_back(T);
            if (Defined.empty()) {
              Event Esc;
              Esc.Entity = EntityId;
              Esc.Kind = EventKind::Escape;
              Esc.At = Outer->At;
              Esc.Function = Outer->Function;
              Esc.Flags = Outer->Flags;
              Esc.Scopes = Outer->Scopes;
              Out.push_back({Esc, Loc(), ""});
              continue;
            }
            for (const std::string &T : Defined)
              Walk(T + "#" + std::to_string(Fl->Param), Outer);
          }
        Visiting.erase(Id);
      };
  Walk(EntityId, nullptr);
  // A member starts over wherever its object, or one it is part of, is
  // given a fresh value (`ctx_ = Context();`).
  auto EIt = F.Entities.find(EntityId);
  if (EIt != F.Entities.end() && EIt->second.Kind == EntityKind::Field &&
      !ResetsOf.empty())
    for (const std::string &Class : partOf(EIt->second.OwnerClass)) {
      auto RIt = ResetsOf.find(Class);
      if (RIt == ResetsOf.end())
        continue;
      for (const Reset *R : RIt->second) {
        Event Fresh;
        Fresh.Entity = EntityId;
        Fresh.Kind = EventKind::Assign;
        Fresh.At = R->At;
        Fresh.Function = R->Function;
        Out.push_back({Fresh, Loc(), ""});
      }
    }
  std::stable_sort(Out.begin(), Out.end(),
                   [](const EffectiveEvent &A, const EffectiveEvent &B) {
                     return A.E.At < B.E.At;
                   });
  return Out;
}

bool ProgramView::guardedSite(const Call &C, const std::string &Entity) const {
  if (llvm::is_contained(C.SizeGuards, Entity))
    return true;
  return llvm::any_of(C.GuardCalls, [&](const std::string &Guard) {
    return guardReadsSize(Guard, Entity);
  });
}

bool ProgramView::boundByCallers(const std::string &Fn,
                                 const std::string &Entity, int Object,
                                 unsigned Up, unsigned Hops) const {
  if (Hops > 8)
    return false;
  bool Called = false;
  for (const CallEdge &E : G.callers(Fn)) {
    const Call &C = *E.Site;
    if (C.Caller == Fn)
      continue;
    Called = true;
    if (guardedSite(C, Entity))
      continue;
    // On an object the caller made in this run (new at every call, also
    // in a loop that makes one per turn): it grows there once.
    if (C.Kind != CallKind::Indirect &&
        ((Object == -1 && (C.Flags & OnNewObject)) ||
         (Object >= 0 && Object < 32 && (C.NewArgs & (1u << Object)))))
      continue;
    // A call a lambda or a bound callable (std::bind) makes runs where the
    // callable was handed over, with what it captured or bound there.
    auto CF = F.Functions.find(C.Caller);
    if (CF != F.Functions.end() &&
        (CF->second.Traits & (FnLambda | FnCallable))) {
      if (boundByCallers(C.Caller, Entity, NoObject, Up, Hops + 1))
        continue;
      return false;
    }
    if (C.Kind == CallKind::Indirect) {
      // Through a callable holder: where each callable that runs Fn was
      // handed over (`loop->post(std::bind(&C::retry, c))` under the
      // check).
      std::vector<Handover> Hs = G.handovers(
          C.Callee, [](const CallableFlow &) { return true; });
      bool Some = false;
      for (const Handover &H : Hs) {
        llvm::StringRef From(H.Flow->From);
        if (!From.consume_front("fn:"))
          continue;
        auto FnIt = F.Functions.find(From.str());
        bool Virtual = FnIt != F.Functions.end() &&
                       (FnIt->second.Traits & FnVirtual);
        if (!llvm::is_contained(G.dispatch(From.str(), Virtual), Fn))
          continue;
        Some = true;
        auto It = CallsAt.find({H.Flow->Function, H.Flow->At});
        if (It == CallsAt.end() ||
            !llvm::any_of(It->second, [&](const Call *At) {
              return guardedSite(*At, Entity);
            }))
          return false;
      }
      if (!Some)
        return false;
      continue;
    }
    // On the caller's own object, or one it was given: bounded if the
    // caller's calls are, unless the call repeats in a counted loop.
    int Next = NoObject;
    if (!(C.Flags & InLoop) || (C.Flags & ConstantLoop)) {
      if (Object == -1 && (C.Flags & OnThisObject))
        Next = -1;
      else if (Object == -1 && C.ReceiverParam >= 0)
        Next = C.ReceiverParam;
      else if (Object >= 0 && static_cast<size_t>(Object) < C.ArgParams.size())
        Next = C.ArgParams[Object] >= 0 ? C.ArgParams[Object] : NoObject;
    }
    if (Up == 0 || !boundByCallers(C.Caller, Entity, Next, Up - 1, Hops + 1))
      return false;
  }
  return Called;
}

std::set<std::string> ProgramView::partOf(const std::string &Class) const {
  std::set<std::string> Out;
  std::vector<std::string> Work{Class};
  while (!Work.empty() && Out.size() < 64) {
    std::string C = Work.back();
    Work.pop_back();
    if (C.empty() || !Out.insert(C).second)
      continue;
    auto It = InstancesOf.find(C);
    if (It == InstancesOf.end())
      continue;
    for (const Instance *I : It->second)
      if (I->Kind == InstanceKind::MemberOf || I->Kind == InstanceKind::BaseOf)
        Work.push_back(I->Owner);
  }
  return Out;
}

std::set<std::string>
ProgramView::growFunctions(const std::vector<EffectiveEvent> &Events) {
  std::set<std::string> Out;
  for (const EffectiveEvent &Ev : Events)
    if (Ev.E.Kind == EventKind::Grow)
      Out.insert(Ev.E.Function);
  return Out;
}

const EffectiveEvent *
ProgramView::consumer(const Entity &E, const std::vector<EffectiveEvent> &Events,
                      const std::set<std::string> &PushFunctions) const {
  auto ReadBefore = [&](const EffectiveEvent &Clear) {
    for (const EffectiveEvent &Ev : Events)
      if (Ev.E.Kind == EventKind::Iterate && Ev.E.Function == Clear.E.Function &&
          Ev.E.At.File == Clear.E.At.File && Ev.E.At < Clear.E.At)
        return true;
    return false;
  };
  // Calls a pushing function directly, or through one more direct call.
  std::map<std::string, bool> Producing;
  auto CallsPush = [&](const std::string &Fn) {
    auto [It, New] = Producing.emplace(Fn, false);
    if (!New)
      return It->second;
    bool Found = false;
    for (const CallEdge &C : G.callees(Fn)) {
      if (C.Site->Kind != CallKind::Direct)
        continue;
      if (PushFunctions.count(C.To)) {
        Found = true;
        break;
      }
      for (const CallEdge &Next : G.callees(C.To))
        if (Next.Site->Kind == CallKind::Direct &&
            PushFunctions.count(Next.To)) {
          Found = true;
          break;
        }
      if (Found)
        break;
    }
    Producing[Fn] = Found;
    return Found;
  };
  for (const EffectiveEvent &Ev : Events) {
    if ((Ev.E.Flags & InDestructor) || PushFunctions.count(Ev.E.Function) ||
        CallsPush(Ev.E.Function))
      continue;
    switch (Ev.E.Kind) {
    case EventKind::Pop:
      // A stack's pop (the entry pushed last) unwinds a nesting, as a
      // pool's take does: nothing waits behind it.
      if (Ev.E.Flags & Lifo)
        break;
      return &Ev;
    case EventKind::Assign:
    case EventKind::Consume:
      // Swapped out under a lock, or into a batch walked right after.
      if (E.Concurrent || (Ev.E.Flags & Drained))
        return &Ev;
      break;
    case EventKind::Clear:
      if (E.Concurrent && ReadBefore(Ev))
        return &Ev;
      break;
    default:
      break;
    }
  }
  return nullptr;
}

/// How a growth site counts as evidence: 3 steady state with elements from
/// input, 2 steady state, 1 driver unknown, 0 setup, builder, run once or
/// configuration.
static int siteScore(const ProgramView &V, const Entity &E,
                     const EffectiveEvent &Ev, bool Registry,
                     std::string &Note) {
  const std::string &Fn = Ev.E.Function;
  const Drivers &D = V.drivers();
  std::string Name = D.label(Fn);
  if (Ev.E.Flags & RunOnce) {
    Note = "it grows behind a run-once guard in " + Name;
    return 0;
  }
  if (const Drivers::Once &O = D.once(Fn); !O.Root.empty()) {
    Note = "it grows once: " + Name + " is only reached " + O.what() +
           " in '" + V.functionName(O.Root) + "'";
    return 0;
  }
  // A member of an object being built (static storage is never built):
  // one local to the function (not main's: that lives as long as the
  // program), one every caller hands over while building it, or the
  // function's own object when it is only called on one being built.
  if (E.Kind == EntityKind::Field && !Fn.empty()) {
    unsigned Recv = Ev.Helper.empty() ? Ev.E.Receiver : RecvOther;
    auto FI = V.facts().Functions.find(Fn);
    bool Main = FI != V.facts().Functions.end() &&
                (FI->second.Traits & FnMain);
    if (Recv == RecvLocal && !Main && !D.keptLambda(Fn)) {
      Note = "it grows in an object local to " + Name +
             ", which is built there and then read";
      return 0;
    }
    if (Recv >= RecvParam && D.handedBuilt(Fn, Recv - RecvParam)) {
      Note = Name + " is only handed objects its callers are building, "
                    "which are then read";
      return 0;
    }
    if ((Recv == RecvThis || Recv == RecvOther) && D.builder(Fn)) {
      Note = Name + " is only called on an object being built, which is "
                    "then read";
      return 0;
    }
  }
  const std::string &File = Ev.E.At.File;
  const DriverInfo &I = D.of(Fn, File);
  // In an event loop of its own function: steady, whatever runs it.
  if ((Ev.E.Flags & UntilLoop) && I.D != Driver::Steady) {
    Note = "it grows " + V.recurrence(Ev.E);
    bool Input = Ev.E.Flags & (ValueFromInput | KeyFromInput | Bulk);
    return Input ? 3 : 2;
  }
  if (V.testOnly(Ev.E)) {
    Note = "only test or benchmark code runs it" + V.onlyFrom(Fn, File);
    return 0;
  }
  if (I.D == Driver::Setup) {
    Note = Fn.empty() ? "it is filled during static initialization"
                      : "it is filled during setup" + V.onlyFrom(Fn, File);
    return 0;
  }
  // Configuration: what a registration API adds (a library's public API,
  // or code nothing is seen to drive); run per event or per request by
  // the program itself, constants pile up like anything else.
  if (Registry && (Ev.E.Flags & ValueConfig) &&
      (I.D != Driver::Steady || D.root(Fn, File).PublicApi)) {
    Note = "its elements are configuration (callables or constants), not "
           "input";
    return 0;
  }
  // Each run of what makes its object makes a new one, and nothing grows
  // the object in steady state but code that run reaches: it grows within
  // the operation that makes it (a resolver made per connection attempt
  // that collects the addresses of one answer).
  if (I.D == Driver::Steady && E.Kind == EntityKind::Field) {
    const std::set<std::string> &Makers = V.freshMakers(E.OwnerClass);
    if (D.onlyThrough(Fn, Makers)) {
      std::string Maker;
      for (const std::string &M : Makers)
        if (D.of(M).D == Driver::Steady) {
          Maker = M;
          break;
        }
      Note = "it grows only within the operation that makes its '" +
             E.OwnerName + "' object: " + D.label(Maker) +
             " makes a new one each time it runs, and only what it runs "
             "grows it";
      return 0;
    }
  }
  if (I.D == Driver::Steady) {
    Note = "it grows " + V.recurrence(Ev.E);
    bool Input = Ev.E.Flags & (ValueFromInput | KeyFromInput | Bulk);
    // A library's public API may as well be called once, at startup, by
    // its users: steady, but no more than medium.
    if (D.root(Fn, File).PublicApi)
      return 2;
    return Input ? 3 : 2;
  }
  Note.clear();
  return 1;
}

GrowthJudgement
ProgramView::judgeGrowth(const Entity &E,
                         const std::vector<const EffectiveEvent *> &Sites,
                         bool Registry) const {
  GrowthJudgement J;
  int Best = -1;
  for (const EffectiveEvent *Ev : Sites) {
    std::string Note;
    int Score = siteScore(*this, E, *Ev, Registry, Note);
    if (Score > Best) {
      Best = Score;
      J.Site = Ev;
      J.Note = Note;
    }
  }
  Lifetime L = lifetime(E);
  if (Best <= 0)
    J.Conf = Confidence::Low;
  else if (Best == 3 && L == Lifetime::Long)
    J.Conf = Confidence::High;
  else if (L == Lifetime::Unknown && D.wholeProgramWithMain())
    J.Conf = Confidence::Low; // no instance anywhere in a whole program
  else if (Best == 1 && D.wholeProgramWithMain())
    J.Conf = Confidence::Low; // nothing the programs run reaches it
  else if (L == Lifetime::Operation)
    J.Conf = Confidence::Low; // its owner lives for one operation
  else
    J.Conf = Confidence::Medium;
  if (J.Site) {
    unsigned Shape = J.Site->E.Flags &
                     (Bulk | ValueConfig | ValueFromInput | KeyFromInput |
                      InLoop | OnElement | MemoFill | RunOnce | InLambda);
    J.Way = std::to_string(Shape) + "|" + std::to_string(int(J.Conf)) + "|" +
            D.describe(J.Site->E.Function, J.Site->E.At.File);
  }
  if (J.Site)
    J.Driver = driverNote(J.Site->E.Function, J.Site->E.At.File);
  if (L == Lifetime::Operation && E.Kind == EntityKind::Field) {
    auto W = MadeBy.find(E.OwnerClass);
    J.Note = "the object that owns it is created once per operation" +
             (W == MadeBy.end() ? std::string()
                                : " (by '" + functionName(W->second) + "')") +
             " and handed on, not kept";
  }
  if (L == Lifetime::Unknown && E.Kind == EntityKind::Field) {
    auto W = MadeUnseen.find(E.OwnerClass);
    if (W != MadeUnseen.end())
      J.Note = "the object that owns it is made by " + D.label(W->second) +
               ", which nothing in the program is seen to run, and handed "
               "on, not kept";
  }
  // Filled while its object is built, then only read: a view of what the
  // constructor was given (`HeaderMap(const Message *m)`), whose reads
  // (`return map_[k];`) add an empty entry for a key it lacks. With no
  // object seen kept, nothing says it outlives an operation.
  if (L == Lifetime::Unknown && E.Kind == EntityKind::Field &&
      J.Conf != Confidence::Low && !Sites.empty() &&
      llvm::all_of(Sites,
                   [](const EffectiveEvent *Ev) {
                     return Ev->E.Flags & ReadOnly;
                   }) &&
      llvm::any_of(effectiveEvents(E.Id), [](const EffectiveEvent &Ev) {
        return Ev.E.Kind == EventKind::Grow && (Ev.E.Flags & InConstructor);
      })) {
    J.Conf = Confidence::Low;
    J.Note = "it is filled while its '" + E.OwnerName +
             "' object is built and only read after that (reading a key it "
             "lacks adds an empty entry); no object that owns it was seen "
             "being kept";
  }
  if (L == Lifetime::Unknown && J.Conf != Confidence::High && J.Note.empty())
    J.Note = "no object that owns it was seen being created";
  if (Best == 1 && D.wholeProgramWithMain() && J.Note.empty())
    J.Note = "nothing the program runs is seen to reach it (a public API "
             "no code here calls, or dead code)";
  return J;
}

Driver ProgramView::siteDriver(const Event &E) const {
  if (E.Flags & UntilLoop)
    return Driver::Steady;
  return D.of(E.Function, E.At.File).D;
}

bool ProgramView::testOnly(const Event &E) const {
  return !(E.Flags & UntilLoop) && D.of(E.Function, E.At.File).Test;
}

std::string ProgramView::recurrence(const Event &E) const {
  if ((E.Flags & UntilLoop) && D.of(E.Function, E.At.File).D != Driver::Steady)
    return "on every turn of the loop in " + D.label(E.Function) +
           ", which runs until something happens";
  std::string Root = D.describe(E.Function, E.At.File);
  return "once per call of " + D.label(E.Function) +
         (Root.empty() ? std::string() : " (reached from " + Root + ")");
}

std::string ProgramView::onlyFrom(const std::string &Fn,
                                  const std::string &File) const {
  auto FI = F.Functions.find(Fn);
  if (FI != F.Functions.end() && (FI->second.Traits & FnMain))
    return ", in " + D.label(Fn);
  return ": " + D.label(Fn) + " runs only from " + D.describe(Fn, File);
}

Note ProgramView::driverNote(const std::string &Fn,
                             const std::string &File) const {
  const Call *Site = D.rootSite(Fn, File);
  if (!Site || Fn.empty())
    return {};
  const DriverInfo &Root = D.root(Fn, File);
  std::string What = Root.Test ? "test code drives it from here"
                     : Root.D == Driver::Setup ? "setup starts here"
                                               : "steady state starts here";
  return {Site->At, What + ": " + Root.Why};
}

std::string ProgramView::functionName(const std::string &Usr) const {
  auto It = F.Functions.find(Usr);
  return It == F.Functions.end() || It->second.Name.empty()
             ? std::string("a helper")
             : It->second.Name;
}

} // namespace memlint
