//===- UnboundedContainerGrowthCheck.cpp ----------------------------------===//
#include "UnboundedContainerGrowthCheck.h"

#include "ProgramView.h"

#include <set>

namespace memlint {

static const char RuleId[] = "unbounded-container-growth";

static bool isBound(EventKind K) {
  switch (K) {
  case EventKind::Erase:
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

void decideUnboundedContainerGrowth(const ProgramView &View,
                                    std::vector<Finding> &Out) {
  for (const auto &[Id, E] : View.facts().Entities) {
    if (E.Kind == EntityKind::Param || E.FiniteKey)
      continue;
    if (!View.closed(E) || !View.longLived(E))
      continue;
    std::vector<EffectiveEvent> Events = View.effectiveEvents(Id);
    std::set<std::string> LookupFunctions;
    bool Bounded = false;
    for (const EffectiveEvent &Ev : Events) {
      // Emptying it in the destructor bounds nothing while it lives.
      if (isBound(Ev.E.Kind) && !(Ev.E.Flags & InDestructor))
        Bounded = true;
      if (Ev.E.Kind == EventKind::Lookup && !Ev.E.Function.empty())
        LookupFunctions.insert(Ev.E.Function);
    }
    if (Bounded)
      continue;
    std::vector<const EffectiveEvent *> Growth;
    bool Memo = false;
    for (const EffectiveEvent &Ev : Events) {
      if (Ev.E.Kind != EventKind::Grow)
        continue;
      // Looked up and filled in the same function: a memo cache, which is
      // unbounded-memoization's to judge.
      if (LookupFunctions.count(Ev.E.Function))
        Memo = true;
      if (Ev.E.Flags & (InConstructor | SizeGuarded | ConstantLoop))
        continue;
      Growth.push_back(&Ev);
    }
    if (Memo || Growth.empty())
      continue;

    const EffectiveEvent &First = *Growth.front();
    Finding F;
    F.Rule = RuleId;
    F.At = First.E.At;
    std::string Lifetime = E.Kind == EntityKind::Field
                               ? "its '" + E.OwnerName + "' object lives"
                               : std::string("the program runs");
    F.Message = "container '" + E.Name +
                "' grows here and nothing erases, clears or size-bounds it, "
                "so it grows for as long as " +
                Lifetime +
                "; cap it (evict or drop at a size limit) or clear it once "
                "its contents are consumed";
    F.Notes.push_back({E.Decl, "'" + E.Name + "' declared here"});
    auto Through = [&](const EffectiveEvent &Ev) {
      if (Ev.Inner.valid())
        F.Notes.push_back({Ev.Inner, "'" + E.Name + "' is grown here by '" +
                                         View.functionName(Ev.Helper.substr(
                                             0, Ev.Helper.rfind('#'))) +
                                         "'"});
    };
    Through(First);
    std::set<Loc> Seen{First.E.At};
    for (const EffectiveEvent *Ev : Growth) {
      if (!Seen.insert(Ev->E.At).second)
        continue;
      F.Notes.push_back({Ev->E.At, "'" + E.Name + "' also grows here"});
      Through(*Ev);
    }
    Out.push_back(std::move(F));
  }
}

} // namespace memlint
