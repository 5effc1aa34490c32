//===- UnboundedContainerGrowthCheck.cpp ----------------------------------===//
#include "UnboundedContainerGrowthCheck.h"

#include "program/ProgramView.h"

#include "llvm/ADT/STLExtras.h"

#include <set>

namespace memlint {

static const char RuleId[] = "unbounded-container-growth";

void decideUnboundedContainerGrowth(const ProgramView &View,
                                    std::vector<Finding> &Out) {
  for (const auto &[Id, E] : View.facts().Entities) {
    if (E.FiniteKey || !View.judgeable(E))
      continue;
    std::vector<EffectiveEvent> Events = View.effectiveEvents(Id);
    if (llvm::any_of(Events, isBound))
      continue;
    std::set<std::string> Lookups = lookupFunctions(Events);
    std::vector<const EffectiveEvent *> Growth;
    bool Memo = false;
    for (const EffectiveEvent &Ev : Events) {
      if (Ev.E.Kind != EventKind::Grow)
        continue;
      // A memo cache is unbounded-memoization's to judge.
      Memo |= View.isMemoInsert(Ev, Lookups);
      if (Ev.E.Flags & (SizeGuarded | ConstantLoop))
        continue;
      // A constructor fills the members of the object it builds; a global
      // or static container it adds to grows whenever objects are made
      // (what drives the constructor decides).
      if ((Ev.E.Flags & InConstructor) && E.Kind == EntityKind::Field)
        continue;
      Growth.push_back(&Ev);
    }
    if (Memo || Growth.empty())
      continue;

    GrowthJudgement J = View.judgeGrowth(E, Growth, /*Registry=*/true);
    const EffectiveEvent &First = *J.Site;
    Finding F;
    F.Rule = RuleId;
    F.Subject = Id;
    F.Group = siblingGroup(RuleId, E, J.Way);
    F.At = First.E.At;
    F.Conf = J.Conf;
    std::string Lifetime = lifetimeOf(E);
    F.Message = "container '" + E.Name +
                "' grows here and nothing erases, clears or size-bounds it";
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
      F.Notes.push_back({Ev->E.At, "'" + E.Name + "' also grows here", true});
      Through(*Ev);
    }
    if (!J.Note.empty())
      F.Notes.push_back({First.E.At, J.Note});
    if (J.Driver.At.valid())
      F.Notes.push_back(J.Driver);
    explain(F, "it grows for as long as " + Lifetime,
            "cap it (evict or drop at a size limit) or clear it once its "
            "contents are consumed");
    Out.push_back(std::move(F));
  }
}

} // namespace memlint
