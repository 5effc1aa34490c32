//===- UnboundedQueueCheck.cpp --------------------------------------------===//
//
// A producer/consumer queue: grown in one function, drained (popped, swapped
// out, moved out) in another, with nothing on the push path that waits for
// room, fails or drops when it is full.
//
//===----------------------------------------------------------------------===//
#include "UnboundedQueueCheck.h"

#include "program/ProgramView.h"

#include <set>

namespace memlint {

static const char RuleId[] = "unbounded-queue";

void decideUnboundedQueue(const ProgramView &View, std::vector<Finding> &Out) {
  for (const auto &[Id, E] : View.facts().Entities) {
    if (!View.judgeable(E))
      continue;
    std::vector<EffectiveEvent> Events = View.effectiveEvents(Id);
    std::set<std::string> Lookups = lookupFunctions(Events);
    std::vector<const EffectiveEvent *> Pushes;
    std::set<std::string> PushFunctions;
    bool Memo = false, Escapes = false;
    for (const EffectiveEvent &Ev : Events) {
      Escapes |= Ev.E.Kind == EventKind::Escape;
      if (Ev.E.Kind != EventKind::Grow)
        continue;
      Memo |= View.isMemoInsert(Ev, Lookups);
      PushFunctions.insert(Ev.E.Function);
      if (!(Ev.E.Flags & (InConstructor | SizeGuarded | ConstantLoop)))
        Pushes.push_back(&Ev);
    }
    if (Memo || Escapes || Pushes.empty())
      continue;
    // The consumer: drains it somewhere the producer does not.
    const EffectiveEvent *Consumer = View.consumer(E, Events, PushFunctions);
    if (!Consumer)
      continue;

    // A pool or a registry of live objects: besides the consumer, a
    // function of its own takes out a chosen element (`remove(conn)`
    // erasing the connection that closed), so what it holds also leaves
    // when its subject ends, not only when a consumer gets to it.
    const EffectiveEvent *Chosen = nullptr;
    for (const EffectiveEvent &Ev : Events)
      if (Ev.E.Kind == EventKind::Erase && !(Ev.E.Flags & Dedup) &&
          Ev.E.Function != Consumer->E.Function &&
          !PushFunctions.count(Ev.E.Function)) {
        Chosen = &Ev;
        break;
      }

    GrowthJudgement J = View.judgeGrowth(E, Pushes);
    const EffectiveEvent &Push = *J.Site;
    Finding F;
    F.Rule = RuleId;
    F.Subject = Id;
    F.Group = siblingGroup(RuleId, E, J.Way);
    F.At = Push.E.At;
    F.Conf = J.Conf;
    F.Message = "queue '" + E.Name +
                "' is pushed here with nothing on the push path that waits "
                "for room, fails or drops when it is full";
    std::string ConsumerName =
        (Consumer->E.Flags & InLambda ? std::string("a lambda in ")
                                      : std::string()) +
        "'" + View.functionName(Consumer->E.Function) + "'";
    F.Notes.push_back({E.Decl, "'" + E.Name + "' declared here"});
    F.Notes.push_back({Consumer->E.At, "'" + E.Name + "' is consumed here"});
    std::set<Loc> Seen{Push.E.At};
    for (const EffectiveEvent *Ev : Pushes)
      if (Seen.insert(Ev->E.At).second)
        F.Notes.push_back({Ev->E.At, "'" + E.Name + "' is also pushed here", true});
    if (!J.Note.empty())
      F.Notes.push_back({Push.E.At, J.Note});
    if (J.Driver.At.valid())
      F.Notes.push_back(J.Driver);
    if (Chosen) {
      F.Conf = Confidence::Low;
      F.Notes.push_back(
          {Chosen->E.At, "'" + View.functionName(Chosen->E.Function) +
                             "' takes out a chosen element: what it holds "
                             "also leaves when its subject ends (a pool or "
                             "a registry of live objects)"});
    }
    explain(F,
            ConsumerName + " consumes it, and when producers outrun the "
                           "consumer it grows without limit",
            "block the producer on a size limit (condition variable or "
            "semaphore), fail the push when full, or drop the oldest entry");
    Out.push_back(std::move(F));
  }
}

} // namespace memlint
