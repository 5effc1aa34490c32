//===- CapacityRetentionCheck.cpp -----------------------------------------===//
//
// A long-lived contiguous container filled in bursts of data-dependent size
// and emptied (clear(), = {}, resize(0), erase(begin, end)) with no release
// of its capacity on every path after: it keeps its largest burst forever.
//
//===----------------------------------------------------------------------===//
#include "CapacityRetentionCheck.h"

#include "program/ProgramView.h"

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

static bool releasesAfter(const std::vector<EffectiveEvent> &Events,
                          const Event &Clear) {
  for (const EffectiveEvent &Ev : Events) {
    if (Ev.E.Function != Clear.Function || Ev.E.At.File != Clear.At.File)
      continue;
    bool Before = Ev.E.At < Clear.At;
    // Emptying a moved-from container frees nothing; it held nothing.
    if (Before && Ev.E.Kind == EventKind::Consume)
      return true;
    // shrink_to_fit, swap/assignment from another (empty) container, or
    // code memlint cannot see (it may release; stay silent, as every rule
    // does on unknown effects).
    if (!Before &&
        (Ev.E.Kind == EventKind::Release || Ev.E.Kind == EventKind::Assign ||
         Ev.E.Kind == EventKind::Escape) &&
        onEveryPathAfter(Ev.E, Clear))
      return true;
  }
  return false;
}

void decideCapacityRetention(const ProgramView &View,
                             std::vector<Finding> &Out) {
  for (const auto &[Id, E] : View.facts().Entities) {
    if (!E.Contiguous || !View.judgeable(E))
      continue;
    std::vector<EffectiveEvent> Events = View.effectiveEvents(Id);
    // Filled by an amount the data decides (not capped, not constant):
    // grown, or resized to a size computed at run time (resize(0) is a
    // clear).
    const EffectiveEvent *Fill = nullptr;
    for (const EffectiveEvent &Ev : Events)
      if ((Ev.E.Kind == EventKind::Grow || Ev.E.Kind == EventKind::Resize) &&
          !(Ev.E.Flags & (SizeGuarded | ConstantLoop | InConstructor))) {
        Fill = &Ev;
        break;
      }
    if (!Fill)
      continue;
    std::vector<const EffectiveEvent *> Clears;
    for (const EffectiveEvent &Ev : Events)
      if (Ev.E.Kind == EventKind::Clear && !(Ev.E.Flags & InDestructor) &&
          !releasesAfter(Events, Ev.E))
        Clears.push_back(&Ev);
    if (Clears.empty())
      continue;

    const EffectiveEvent &Clear = *Clears.front();
    Finding F;
    F.Rule = RuleId;
    F.At = Clear.E.At;
    F.Message = "'" + E.Name +
                "' is emptied here but keeps the capacity of its largest fill";
    F.Notes.push_back({E.Decl, "'" + E.Name + "' declared here"});
    F.Notes.push_back({Fill->E.At, "'" + E.Name + "' is filled here"});
    if (!Clear.Inner.valid() && !Clear.E.Fix.empty()) {
      F.Fix = Clear.E.Fix;
      F.FixIsSafe = true;
    }
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
