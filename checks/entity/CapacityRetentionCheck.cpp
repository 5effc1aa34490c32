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

#include <set>

namespace memlint {

static const char RuleId[] = "capacity-retention";

/// \p Later runs on every path that runs \p Earlier: every conditional it is
/// nested in also encloses Earlier, or tests the container's size or
/// capacity (a shrink guarded by a capacity threshold is a deliberate cap).
static bool onEveryPathAfter(const Event &Later, const Event &Earlier) {
  for (size_t I = 0; I < Later.Scopes.size(); ++I) {
    bool Shared = I < Earlier.Scopes.size() &&
                  Earlier.Scopes[I].At == Later.Scopes[I].At;
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

void decideCapacityRetention(const ProgramView &View,
                             std::vector<Finding> &Out) {
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
    for (const EffectiveEvent &Ev : Events) {
      if (Ev.E.Kind != EventKind::Clear || (Ev.E.Flags & InDestructor))
        continue;
      // A reset at the start of a fill (`buf_.clear(); for (...)
      // buf_.push_back(x);`) empties nothing after a burst: the fill that
      // follows reuses the capacity.
      if (llvm::any_of(Events, [&](const EffectiveEvent &G) {
            return (G.E.Kind == EventKind::Grow ||
                    G.E.Kind == EventKind::Resize) &&
                   G.E.Function == Ev.E.Function &&
                   G.E.At.File == Ev.E.At.File && Ev.E.At < G.E.At;
          }))
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
          (Ev.E.Flags & (SizeGuarded | ConstantLoop | InConstructor)))
        continue;
      bool B = Ev.E.Kind == EventKind::Resize ||
               (Ev.E.Flags & (InLoop | Bulk)) ||
               !ClearFunctions.count(Ev.E.Function);
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
    F.Group = siblingGroup(RuleId, E, Burst ? "burst" : "scratch");
    F.At = Clear.E.At;
    // Retention matters when the bursts recur: the fill runs in the steady
    // state, and the container lives on.
    const Drivers &D = View.drivers();
    Driver Drv = View.siteDriver(Fill->E);
    bool Steady = Drv == Driver::Steady;
    bool Setup = Drv == Driver::Setup ||
                 (E.Kind == EntityKind::Field && D.builder(Fill->E.Function));
    F.Conf = Burst && !Setup ? Confidence::Medium : Confidence::Low;
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
    if (Burst && Setup)
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
    explain(F, "it keeps that memory for as long as " + lifetimeOf(E),
            "swap it with an empty container after emptying it "
            "(shrink_to_fit is only a request) or cap the capacity it keeps");
    Out.push_back(std::move(F));
  }
}

} // namespace memlint
