//===- CapacityRetentionCheck.cpp -----------------------------------------===//
//
// A long-lived contiguous container filled in bursts of data-dependent size
// and emptied (clear(), = {}, resize(0), erase(begin, end)) with no release
// of its capacity on every path after: it keeps its largest burst forever.
//
//===----------------------------------------------------------------------===//
#include "CapacityRetentionCheck.h"

#include "program/ProgramView.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <set>
#include <tuple>

namespace memlint {

static const char RuleId[] = "capacity-retention";

/// \p Later runs on every path that runs \p Earlier: every conditional it is
/// nested in also encloses Earlier, or tests the container's size or
/// capacity (a shrink guarded by a capacity threshold is a deliberate cap).
static bool onEveryPathAfter(const Event &Later, const Event &Earlier) {
  for (size_t I = 0; I < Later.Scopes.size(); ++I) {
    bool Shared = I < Earlier.Scopes.size() &&
                  Earlier.Scopes[I].At == Later.Scopes[I].At &&
                  Earlier.Scopes[I].Arm == Later.Scopes[I].Arm;
    if (!Shared && !Later.Scopes[I].ReadsSize)
      return false;
  }
  return true;
}

/// What happens to the capacity a clear keeps.
enum class AfterClear { Kept, Released, Unknown };

static AfterClear afterClear(const std::vector<EffectiveEvent> &Events,
                             const Event &Clear) {
  AfterClear Result = AfterClear::Kept;
  for (const EffectiveEvent &Ev : Events) {
    if (Ev.E.Function != Clear.Function || Ev.E.At.File != Clear.At.File)
      continue;
    bool Before = Ev.E.At < Clear.At;
    // Emptying a moved-from container frees nothing; it held nothing.
    if (Before && Ev.E.Kind == EventKind::Consume)
      return AfterClear::Released;
    // shrink_to_fit, swap/assignment from another (empty) container.
    if (!Before &&
        (Ev.E.Kind == EventKind::Release || Ev.E.Kind == EventKind::Assign) &&
        onEveryPathAfter(Ev.E, Clear))
      return AfterClear::Released;
    // Code memlint cannot see (a helper no analyzed file defines) may move
    // the container out before the clear or release it after.
    if (Ev.E.Kind == EventKind::Escape &&
        (Before || onEveryPathAfter(Ev.E, Clear)))
      Result = AfterClear::Unknown;
  }
  return Result;
}

/// Two places in different arms of one conditional (`if (eol) flush(); else
/// put(c);`): when one runs, the other does not.
static bool exclusive(const std::vector<Scope> &A,
                      const std::vector<Scope> &B) {
  for (const Scope &SA : A)
    for (const Scope &SB : B)
      if (SA.At == SB.At && SA.Arm != SB.Arm)
        return true;
  return false;
}

/// \p B happens after \p A in the same function: a later statement, or,
/// inside one call of a helper, a later event in the helper.
static bool laterInFunction(const EffectiveEvent &B, const EffectiveEvent &A) {
  if (B.E.Function != A.E.Function || B.E.At.File != A.E.At.File)
    return false;
  if (exclusive(A.E.Scopes, B.E.Scopes))
    return false;
  if (A.E.At < B.E.At)
    return true;
  return A.E.At == B.E.At && A.Helper == B.Helper && A.Inner.valid() &&
         B.Inner.valid() && A.Inner.File == B.Inner.File && A.Inner < B.Inner;
}

/// Is a clear the reset at the start of a fill? The fill may follow it in
/// the same function (`buf_.clear(); for (...) buf_.push_back(x);`), in a
/// function called after it (`pool_.clear(); rebuild();`), or, for a clear
/// in a helper (`void reset() { buf_.clear(); }`), after every call of the
/// helper (`cfg.reset(); cfg.load(path);`). Recursion is the next round of
/// an event loop, not the same operation, and a fill in a lambda runs later:
/// neither counts. So is a clear that the container's use follows, taken or
/// walked whole (`page_.retrieveAll();` in a handler whose caller then
/// sends the page): it starts a use, however little is put in; emptying
/// after a burst comes after the use (`send(buf_); buf_.clear();`).
class Refills {
public:
  Refills(const ProgramView &View, const std::vector<EffectiveEvent> &Events,
          const std::map<std::string, size_t> &Component)
      : G(View.graph()), Events(Events), Component(Component) {
    for (const EffectiveEvent &Ev : Events)
      if ((isFill(Ev) || isUse(Ev)) && !(Ev.E.Flags & InLambda))
        Fillers.insert(Ev.E.Function);
  }

  static bool isFill(const EffectiveEvent &Ev) {
    return Ev.E.Kind == EventKind::Grow || Ev.E.Kind == EventKind::Resize;
  }
  /// The container taken or walked whole.
  static bool isUse(const EffectiveEvent &Ev) {
    return Ev.E.Kind == EventKind::Pop || Ev.E.Kind == EventKind::Consume ||
           Ev.E.Kind == EventKind::Iterate;
  }

  bool resetBeforeFill(const EffectiveEvent &Clear) const {
    for (const EffectiveEvent &Fill : Events) {
      if (isFill(Fill) && laterInFunction(Fill, Clear))
        return true;
      // A use after the clear, at a later statement of the function (not
      // inside the one helper call that clears: its arms may exclude each
      // other).
      if (isUse(Fill) && Fill.E.Function == Clear.E.Function &&
          Fill.E.At.File == Clear.E.At.File && Clear.E.At < Fill.E.At &&
          (Fill.E.Flags & InLambda) == (Clear.E.Flags & InLambda) &&
          !exclusive(Fill.E.Scopes, Clear.E.Scopes))
        return true;
    }
    return followedByFill(Clear.E.Function, Clear.E.At, Clear.E.Scopes,
                          Clear.E.Flags & InLambda, 0);
  }

private:
  static constexpr unsigned MaxUp = 3, MaxDown = 3;
  const CallGraph &G;
  const std::vector<EffectiveEvent> &Events;
  const std::map<std::string, size_t> &Component;
  std::set<std::string> Fillers;
  mutable std::map<std::tuple<std::string, std::string, unsigned>, bool>
      Reaches;

  bool sameComponent(const std::string &A, const std::string &B) const {
    if (A == B)
      return true;
    auto IA = Component.find(A), IB = Component.find(B);
    return IA != Component.end() && IB != Component.end() &&
           IA->second == IB->second;
  }

  /// \p Fn, or a function it calls (within \p Depth calls, not back into
  /// \p Avoid's component), fills the container.
  bool reachesFill(const std::string &Fn, const std::string &Avoid,
                   unsigned Depth) const {
    if (Fillers.count(Fn))
      return true;
    if (Depth == 0)
      return false;
    auto [It, New] = Reaches.try_emplace({Fn, Avoid, Depth}, false);
    if (!New)
      return It->second;
    for (const CallEdge &E : G.callees(Fn))
      if (!(E.Site->Flags & InLambda) && !sameComponent(E.To, Avoid) &&
          reachesFill(E.To, Avoid, Depth - 1))
        return Reaches[{Fn, Avoid, Depth}] = true;
    return false;
  }

  /// After \p At in \p Fn (on the same side of a lambda boundary), the
  /// container is filled, or a call fills it; failing that, every caller of
  /// \p Fn fills it after calling it.
  bool followedByFill(const std::string &Fn, const Loc &At,
                      const std::vector<Scope> &AtScopes, bool InLambdaAt,
                      unsigned Up) const {
    auto After = [&](const Loc &L, unsigned Flags,
                     const std::vector<Scope> &Scopes) {
      return L.File == At.File && At < L &&
             bool(Flags & InLambda) == InLambdaAt &&
             !exclusive(Scopes, AtScopes);
    };
    if (Fillers.count(Fn))
      for (const EffectiveEvent &Ev : Events)
        if ((isFill(Ev) || isUse(Ev)) && Ev.E.Function == Fn &&
            After(Ev.E.At, Ev.E.Flags, Ev.E.Scopes))
          return true;
    for (const CallEdge &E : G.callees(Fn))
      if (After(E.Site->At, E.Site->Flags, E.Site->Branches) &&
          !sameComponent(E.To, Fn) && reachesFill(E.To, Fn, MaxDown))
        return true;
    if (Up == MaxUp)
      return false;
    bool Called = false;
    for (const CallEdge &E : G.callers(Fn)) {
      const Call &C = *E.Site;
      if (sameComponent(C.Caller, Fn))
        continue;
      Called = true;
      if (!followedByFill(C.Caller, C.At, C.Branches, C.Flags & InLambda,
                          Up + 1))
        return false;
    }
    return Called;
  }
};

/// Why a burst that is emptied keeps little worth reporting (low
/// confidence): what is kept is small, or nothing is seen to empty the
/// container after its bursts. Kind "" when none holds.
struct Small {
  std::string Kind; // for grouping siblings
  Loc At;
  std::string Note;
};

static Small smallRetention(const ProgramView &View, const Entity &E,
                            const std::vector<EffectiveEvent> &Events,
                            const std::vector<const EffectiveEvent *> &Clears,
                            const EffectiveEvent &Fill) {
  std::set<std::string> ClearFunctions;
  for (const EffectiveEvent *C : Clears)
    ClearFunctions.insert(C->E.Function);
  // Pointers, smart pointers, views: a few bytes per element are kept; what
  // they point to is freed or held elsewhere.
  if (E.HandleElements)
    return {"handles", E.Decl,
            "its elements are pointers or handles: it keeps a few bytes per "
            "element of its largest fill, while what they point to is freed "
            "or held elsewhere"};
  // Moved out whole elsewhere (`deliver(std::move(buf_))`): its buffer
  // leaves with its content, and a clear keeps only what was filled since.
  // The owner's constructors and assignments move another object's member
  // (`x_ = std::move(other.x_)`), one that is about to die.
  auto OwnSpecialMember = [&](const std::string &Fn) {
    auto It = View.facts().Functions.find(Fn);
    if (It == View.facts().Functions.end() || It->second.Class.empty() ||
        It->second.Class != E.OwnerClass)
      return false;
    return (It->second.Traits & FnConstructor) ||
           llvm::StringRef(It->second.Name).ends_with("::operator=");
  };
  for (const EffectiveEvent &Ev : Events)
    if (Ev.E.Kind == EventKind::Consume && !(Ev.E.Flags & InDestructor) &&
        !ClearFunctions.count(Ev.E.Function) &&
        !OwnSpecialMember(Ev.E.Function))
      return {"moved", Ev.E.At,
              "'" + E.Name + "' is moved out here, which hands its buffer "
              "over with its content: a clear keeps only what was filled "
              "since"};
  // A key being assembled (`fields_[name_] = v; name_.clear();`): it holds
  // one key at a time, not a burst of elements.
  const EffectiveEvent *Key = nullptr;
  bool EveryClearAfterKey = llvm::all_of(Clears, [&](const EffectiveEvent *C) {
    for (const EffectiveEvent &Ev : Events)
      if (Ev.E.Kind == EventKind::Iterate && (Ev.E.Flags & AsKey) &&
          Ev.E.Function == C->E.Function && Ev.E.At.File == C->E.At.File &&
          Ev.E.At < C->E.At && !exclusive(Ev.E.Scopes, C->E.Scopes)) {
        Key = Key ? Key : &Ev;
        return true;
      }
    return false;
  });
  if (EveryClearAfterKey && Key)
    return {"key", Key->E.At,
            "'" + E.Name + "' is used whole as a key here before it is "
            "emptied: it holds one key at a time, not a burst of elements"};
  // In a whole program, nothing the program runs empties it: the emptying
  // is left to callers that are not part of it.
  const Drivers &D = View.drivers();
  if (D.wholeProgramWithMain() &&
      llvm::all_of(ClearFunctions, [&](const std::string &Fn) {
        return D.of(Fn).D == Driver::Unknown;
      }))
    return {"unreached", Clears.front()->E.At,
            "nothing the program runs calls '" +
                View.functionName(Clears.front()->E.Function) +
                "', which empties it"};
  // Its owner is made once per operation and handed on (a request, a
  // message): the capacity goes with it. Or, in a whole program, no code
  // of the program creates its owner. Growth is judged the same way.
  Lifetime L = View.lifetime(E);
  if (L == Lifetime::Operation ||
      (L == Lifetime::Unknown && D.wholeProgramWithMain())) {
    GrowthJudgement J = View.judgeGrowth(E, {&Fill});
    return {L == Lifetime::Operation ? "operation" : "no-owner", Fill.E.At,
            L == Lifetime::Operation && !J.Note.empty()
                ? J.Note
                : L == Lifetime::Operation
                      ? std::string("the object that owns it is created once "
                                    "per operation and handed on, not kept")
                      : std::string("no object that owns it was seen being "
                                    "created")};
  }
  return {};
}

void decideCapacityRetention(const ProgramView &View,
                             std::vector<Finding> &Out) {
  std::map<std::string, size_t> Component;
  const auto &Components = View.graph().components();
  for (size_t I = 0; I < Components.size(); ++I)
    for (const std::string &Fn : Components[I])
      Component[Fn] = I;
  for (const auto &[Id, E] : View.facts().Entities) {
    if (!E.Contiguous || !View.judgeable(E))
      continue;
    std::vector<EffectiveEvent> Events = View.effectiveEvents(Id);
    // A queue whose consumer takes the backlog is unbounded-queue's.
    if (View.consumer(E, Events, ProgramView::growFunctions(Events)))
      continue;
    // A clear whose fate depends on code this run cannot see silences the
    // whole finding, as unknown effects do in every rule: reporting the
    // other clears would anchor the finding at a later one than a run that
    // sees that code (the plugin on one TU against the CLI on all of them),
    // and a NOLINT written for one front end would miss the other.
    std::vector<const EffectiveEvent *> Clears;
    bool Unknown = false;
    Refills Refill(View, Events, Component);
    for (const EffectiveEvent &Ev : Events) {
      if (Ev.E.Kind != EventKind::Clear || (Ev.E.Flags & InDestructor))
        continue;
      // A reset at the start of a fill (`buf_.clear(); for (...)
      // buf_.push_back(x);`) empties nothing after a burst: the fill that
      // follows reuses the capacity.
      if (Refill.resetBeforeFill(Ev))
        continue;
      AfterClear A = afterClear(Events, Ev.E);
      Unknown |= A == AfterClear::Unknown;
      if (A == AfterClear::Kept)
        Clears.push_back(&Ev);
    }
    if (Clears.empty() || Unknown)
      continue;

    // Filled by an amount the data decides (not capped, not constant):
    // grown, or resized to a size computed at run time (resize(0) is a
    // clear). A burst is a fill in a loop over data, many elements at once,
    // or elements gathered over many calls (a batch that another function
    // empties); one element added and emptied in the same call is a
    // scratch buffer's use.
    std::set<std::string> ClearFunctions;
    for (const EffectiveEvent *C : Clears)
      ClearFunctions.insert(C->E.Function);
    const EffectiveEvent *Fill = nullptr;
    bool Burst = false;
    for (const EffectiveEvent &Ev : Events) {
      if ((Ev.E.Kind != EventKind::Grow && Ev.E.Kind != EventKind::Resize) ||
          (Ev.E.Flags & (SizeGuarded | ConstantLoop | InConstructor)) ||
          View.boundByCallers(Ev.E.Function, Id, ProgramView::NoObject,
                               /*Up=*/1))
        continue;
      // A fill in a function that also empties, but never in the same
      // call (the other arm: `if (eol) line_.clear(); else
      // line_.push_back(c);`), gathers its burst over many calls too.
      bool B = Ev.E.Kind == EventKind::Resize ||
               (Ev.E.Flags & (InLoop | Bulk)) ||
               !ClearFunctions.count(Ev.E.Function) ||
               llvm::all_of(Clears, [&](const EffectiveEvent *C) {
                 return C->E.Function != Ev.E.Function ||
                        exclusive(C->E.Scopes, Ev.E.Scopes);
               });
      if (!Fill || (B && !Burst)) {
        Fill = &Ev;
        Burst = B;
      }
    }
    if (!Fill)
      continue;

    const EffectiveEvent &Clear = *Clears.front();
    Finding F;
    F.Rule = RuleId;
    F.Subject = Id;
    F.At = Clear.E.At;
    // Retention matters when the bursts recur: the fill runs in the steady
    // state, and the container lives on.
    const Drivers &D = View.drivers();
    Driver Drv = View.siteDriver(Fill->E);
    bool Steady = Drv == Driver::Steady;
    bool Test = View.testOnly(Fill->E);
    bool Setup = Drv == Driver::Setup || Test ||
                 (E.Kind == EntityKind::Field && D.builder(Fill->E.Function));
    Small Why = Burst && !Setup ? smallRetention(View, E, Events, Clears, *Fill)
                                : Small{};
    F.Conf = Burst && !Setup && Why.Note.empty() ? Confidence::Medium
                                                 : Confidence::Low;
    F.Group = siblingGroup(RuleId, E,
                           std::string(Burst ? "burst" : "scratch") +
                               (Why.Kind.empty() ? "" : "|" + Why.Kind));
    F.Message = "'" + E.Name +
                "' is emptied here but keeps the capacity of its largest fill";
    F.Notes.push_back({E.Decl, "'" + E.Name + "' declared here"});
    F.Notes.push_back({Fill->E.At, "'" + E.Name + "' is filled here" +
                                       (Burst ? std::string()
                                              : std::string(", one element at "
                                                            "a time"))});
    if (!Clear.Inner.valid() && !Clear.E.Fix.empty()) {
      F.Fix = Clear.E.Fix;
      F.FixIsSafe = true;
    }
    if (Burst && Test)
      F.Notes.push_back(
          {Fill->E.At, "only test or benchmark code fills it" +
                           View.onlyFrom(Fill->E.Function, Fill->E.At.File)});
    else if (Burst && Setup)
      F.Notes.push_back({Fill->E.At, "'" + View.functionName(Fill->E.Function) +
                                         "' runs only while the program or "
                                         "the object is set up"});
    else if (Burst && Steady)
      F.Notes.push_back({Fill->E.At, "it is filled " +
                                         View.recurrence(Fill->E)});
    std::set<Loc> Seen{Clear.E.At};
    for (const EffectiveEvent *Ev : Clears)
      if (Seen.insert(Ev->E.At).second)
        F.Notes.push_back({Ev->E.At, "'" + E.Name + "' is also emptied here"});
    if (!Why.Note.empty())
      F.Notes.push_back({Why.At, Why.Note});
    explain(F, "it keeps that memory for as long as " + lifetimeOf(E),
            "swap it with an empty container after emptying it "
            "(shrink_to_fit is only a request) or cap the capacity it keeps");
    Out.push_back(std::move(F));
  }
}

} // namespace memlint
