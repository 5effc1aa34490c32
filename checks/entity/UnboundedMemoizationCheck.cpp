//===- UnboundedMemoizationCheck.cpp --------------------------------------===//
//
// A long-lived associative container used as a memo cache: looked up by the
// function's input and filled on a miss, never evicted or size-bounded.
//
//===----------------------------------------------------------------------===//
#include "UnboundedMemoizationCheck.h"

#include "program/ProgramView.h"

#include "llvm/ADT/STLExtras.h"

#include <set>

namespace memlint {

static const char RuleId[] = "unbounded-memoization";

void decideUnboundedMemoization(const ProgramView &View,
                                std::vector<Finding> &Out) {
  for (const auto &[Id, E] : View.facts().Entities) {
    if (E.FiniteKey || !View.judgeable(E))
      continue;
    std::vector<EffectiveEvent> Events = View.effectiveEvents(Id);
    std::set<std::string> Lookups = lookupFunctions(Events);
    std::vector<const EffectiveEvent *> Inserts;
    std::set<std::string> InsertFunctions;
    for (const EffectiveEvent &Ev : Events)
      if (View.isMemoInsert(Ev, Lookups) && !(Ev.E.Flags & SizeGuarded)) {
        Inserts.push_back(&Ev);
        InsertFunctions.insert(Ev.E.Function);
      }
    if (Inserts.empty())
      continue;
    // Evicted anywhere (an LRU/TTL sweep, a cap that drops entries). An
    // erase of the one key a caller names, outside the fill and outside any
    // loop or size check (`invalidate(k)`), is invalidation: entries nobody
    // invalidates stay forever.
    auto Invalidation = [&](const EffectiveEvent &Ev) {
      return Ev.E.Kind == EventKind::Erase && (Ev.E.Flags & KeyFromInput) &&
             !(Ev.E.Flags & (InLoop | SizeGuarded | Dedup)) &&
             !InsertFunctions.count(Ev.E.Function);
    };
    const EffectiveEvent *Invalidate = nullptr;
    bool Bounded = false;
    for (const EffectiveEvent &Ev : Events) {
      if (!isBound(Ev))
        continue;
      if (!Invalidation(Ev)) {
        Bounded = true;
        break;
      }
      if (!Invalidate)
        Invalidate = &Ev;
    }
    if (Bounded)
      continue;

    GrowthJudgement J = View.judgeGrowth(E, Inserts);
    const EffectiveEvent &Insert = *J.Site;
    Finding F;
    F.Rule = RuleId;
    F.Subject = Id;
    F.Group = siblingGroup(RuleId, E, J.Way);
    F.At = Insert.E.At;
    F.Conf = J.Conf;
    F.Message = "memo cache '" + E.Name +
                "' gains an entry here for every distinct input and nothing "
                "evicts it";
    F.Notes.push_back({E.Decl, "'" + E.Name + "' declared here"});
    // The lookup: in the same function, else in another function of the
    // call chain that fills it.
    const EffectiveEvent *Lookup = nullptr;
    for (const EffectiveEvent &Ev : Events)
      if (Ev.E.Kind == EventKind::Lookup &&
          Ev.E.Function == Insert.E.Function) {
        Lookup = &Ev;
        break;
      }
    if (Lookup) {
      F.Notes.push_back({Lookup->E.At, "'" + E.Name + "' is looked up here"});
    } else {
      for (const EffectiveEvent &Ev : Events)
        if (Ev.E.Kind == EventKind::Lookup &&
            View.isMemoInsert(Insert, {Ev.E.Function})) {
          F.Notes.push_back({Ev.E.At, "'" + E.Name + "' is looked up here, in '" +
                                          View.functionName(Ev.E.Function) +
                                          "'"});
          break;
        }
    }
    std::set<Loc> Seen{Insert.E.At};
    for (const EffectiveEvent *Ev : Inserts)
      if (Seen.insert(Ev->E.At).second)
        F.Notes.push_back({Ev->E.At, "'" + E.Name + "' is also filled here", true});
    if (Invalidate)
      F.Notes.push_back(
          {Invalidate->E.At,
           "'" + View.functionName(Invalidate->E.Function) +
               "' drops only the entry its caller names: invalidation, not "
               "eviction"});
    if (!J.Note.empty())
      F.Notes.push_back({Insert.E.At, J.Note});
    if (J.Driver.At.valid())
      F.Notes.push_back(J.Driver);
    explain(F,
            "it grows with the input for as long as " + lifetimeOf(E) +
                (E.PinsKeys ? ", and its pointer keys keep every key object "
                              "alive"
                            : std::string()),
            "bound it (LRU or TTL eviction, or a size cap that evicts)");
    Out.push_back(std::move(F));
  }
}

} // namespace memlint
