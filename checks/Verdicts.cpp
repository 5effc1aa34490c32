//===- Verdicts.cpp - from merged facts to findings for entity rules ------===//
#include "Analysis.h"
#include "ContainerFacts.h"
#include "FlowUtil.h"
#include "ProgramView.h"
#include "Unmodeled.h"
#include "CapacityRetentionCheck.h"
#include "SharedPtrCycleCheck.h"
#include "UnboundedContainerGrowthCheck.h"
#include "UnboundedMemoizationCheck.h"
#include "UnboundedQueueCheck.h"
#include "LargeCopyIntoSendCheck.h"
#include "QueryInLoopCheck.h"
#include "StreamAccumulationCheck.h"
#include "WholeCollectionLoadCheck.h"

#include "memlint/RuleSet.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <functional>
#include <set>

namespace memlint {

ProgramView::ProgramView(const Facts &F, bool AssumeClosedWorld)
    : F(F), AssumeClosedWorld(AssumeClosedWorld) {
  for (const Event &E : F.Events) {
    EventsOf[E.Entity].push_back(&E);
    if (E.Kind == EventKind::Size && !E.Function.empty())
      SizeReaders.insert({E.Function, E.Entity});
  }
  for (const Flow &Fl : F.Flows)
    FlowsFrom[Fl.From].push_back(&Fl);
  for (const Instance &I : F.Instances)
    InstancesOf[I.Class].push_back(&I);
}

bool ProgramView::closed(const Entity &E) const {
  if (E.AlwaysClosed || AssumeClosedWorld)
    return true;
  if (E.OpenAccess)
    return false;
  return std::all_of(E.Reachers.begin(), E.Reachers.end(),
                     [&](const std::string &R) {
                       return F.DefinedFunctions.count(R) != 0;
                     });
}

bool ProgramView::longLivedClass(const std::string &Class) const {
  auto Cached = LongLived.find(Class);
  if (Cached != LongLived.end())
    return Cached->second;
  LongLived[Class] = true; // a containment cycle: stay conservative
  bool Result = true;
  auto It = InstancesOf.find(Class);
  if (It != InstancesOf.end()) {
    Result = false;
    for (const Instance *I : It->second) {
      if (I->Kind == InstanceKind::Static || I->Kind == InstanceKind::Heap ||
          (I->Kind == InstanceKind::MemberOf && longLivedClass(I->Owner))) {
        Result = true;
        break;
      }
    }
  }
  LongLived[Class] = Result;
  return Result;
}

bool ProgramView::longLived(const Entity &E) const {
  if (E.Kind == EntityKind::Param)
    return false;
  if (E.Kind != EntityKind::Field)
    return true;
  return longLivedClass(E.OwnerClass);
}

bool isBound(const EffectiveEvent &Ev) {
  if (Ev.E.Flags & InDestructor)
    return false;
  switch (Ev.E.Kind) {
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

std::set<std::string>
lookupFunctions(const std::vector<EffectiveEvent> &Events) {
  std::set<std::string> Out;
  for (const EffectiveEvent &Ev : Events)
    if (Ev.E.Kind == EventKind::Lookup && !Ev.E.Function.empty())
      Out.insert(Ev.E.Function);
  return Out;
}

bool isMemoInsert(const EffectiveEvent &Ev,
                  const std::set<std::string> &LookupFunctions) {
  if (Ev.E.Kind != EventKind::Grow || (Ev.E.Flags & InConstructor) ||
      !(Ev.E.Flags & KeyFromInput))
    return false;
  return (Ev.E.Flags & MemoFill) || LookupFunctions.count(Ev.E.Function);
}

std::string lifetimeOf(const Entity &E) {
  return E.Kind == EntityKind::Field ? "its '" + E.OwnerName + "' object lives"
                                     : std::string("the program runs");
}

static unsigned combineFlags(unsigned CallSite, unsigned Inner) {
  unsigned Out = CallSite & (InConstructor | InDestructor | InLambda);
  Out |= (CallSite | Inner) & SizeGuarded;
  // A memo filled through a helper (`remember(cache_, k, v)`) is still one.
  Out |= Inner & (MemoFill | KeyFromInput);
  bool NonConstantLoop = ((CallSite & InLoop) && !(CallSite & ConstantLoop)) ||
                         ((Inner & InLoop) && !(Inner & ConstantLoop));
  if ((CallSite | Inner) & InLoop)
    Out |= InLoop;
  if (!NonConstantLoop && ((CallSite | Inner) & ConstantLoop))
    Out |= ConstantLoop;
  return Out;
}

std::vector<EffectiveEvent>
ProgramView::effectiveEvents(const std::string &EntityId) const {
  std::vector<EffectiveEvent> Out;
  std::set<std::string> Visiting;
  // Events on a helper's parameter happen to every container passed to it,
  // at the call; a callee that no TU defines has an unknown effect.
  std::function<void(const std::string &, const Flow *)> Walk =
      [&](const std::string &Id, const Flow *Via) {
        if (!Visiting.insert(Id).second)
          return;
        auto EvIt = EventsOf.find(Id);
        if (EvIt != EventsOf.end())
          for (const Event *E : EvIt->second) {
            EffectiveEvent Eff{*E, Loc(), ""};
            // `if (full()) return;` with full() defined in another TU.
            for (const std::string &G : E->GuardCalls)
              if (SizeReaders.count({G, Id}))
                Eff.E.Flags |= SizeGuarded;
            if (Via) {
              Eff.E.At = Via->At;
              Eff.E.Function = Via->Function;
              Eff.E.Flags = combineFlags(Via->Flags, E->Flags);
              Eff.E.Scopes = Via->Scopes;
              Eff.Inner = E->At;
              Eff.Helper = Id;
            }
            Out.push_back(std::move(Eff));
          }
        auto FlIt = FlowsFrom.find(Id);
        if (FlIt != FlowsFrom.end())
          for (const Flow *Fl : FlIt->second) {
            const Flow *Outer = Via ? Via : Fl;
            if (!F.DefinedFunctions.count(Fl->Callee)) {
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
            Walk(Fl->Callee + "#" + std::to_string(Fl->Param), Outer);
          }
        Visiting.erase(Id);
      };
  Walk(EntityId, nullptr);
  std::sort(Out.begin(), Out.end(),
            [](const EffectiveEvent &A, const EffectiveEvent &B) {
              return A.E.At < B.E.At;
            });
  return Out;
}

std::string ProgramView::functionName(const std::string &Usr) const {
  auto It = F.FunctionNames.find(Usr);
  return It == F.FunctionNames.end() ? std::string("a helper") : It->second;
}

void collect(clang::ASTContext &Ctx, const AnalysisOptions &Opts,
             TUAnalysis &Out) {
  if (!Opts.Rules)
    return;
  static const char *const EntityRules[] = {
      "capacity-retention", "shared-ptr-cycle", "unbounded-container-growth",
      "unbounded-memoization", "unbounded-queue"};
  if (llvm::any_of(EntityRules, [&](const char *R) {
        return Opts.Checks.enabled(R);
      }))
    collectContainerFacts(Ctx, *Opts.Rules, Out.TUFacts);
  if (Opts.ReportUnmodeled)
    findUnmodeledCalls(Ctx, *Opts.Rules, Out.Unmodeled);
  // Flow rules: decided inside one function, so they report local findings.
  // One walk finds the user functions and one cache serves their pack
  // lookups, whichever of them run.
  static const char *const FlowRules[] = {"large-copy-into-send",
                                          "query-in-loop", "stream-accumulation",
                                          "whole-collection-load"};
  if (llvm::any_of(FlowRules,
                   [&](const char *R) { return Opts.Checks.enabled(R); })) {
    flow::Apis A(Ctx, *Opts.Rules);
    std::vector<const clang::FunctionDecl *> Functions;
    flow::forEachUserFunction(
        Ctx, [&](const clang::FunctionDecl *FD) { Functions.push_back(FD); });
    if (Opts.Checks.enabled("large-copy-into-send"))
      collectLargeCopyIntoSend(A, Functions, Out.Local);
    if (Opts.Checks.enabled("query-in-loop"))
      collectQueryInLoop(A, Functions, Out.Local);
    if (Opts.Checks.enabled("stream-accumulation"))
      collectStreamAccumulation(A, Functions, Out.Local);
    if (Opts.Checks.enabled("whole-collection-load"))
      collectWholeCollectionLoad(A, Functions, Out.Local);
  }
  // A finding inside a library header (a library template instantiated with
  // user types) is not the user's to fix; clang-tidy drops those too.
  const clang::SourceManager &SM = Ctx.getSourceManager();
  Out.Local.erase(std::remove_if(Out.Local.begin(), Out.Local.end(),
                                 [&](const Finding &F) {
                                   clang::SourceLocation L = clang::
                                       SourceLocation::getFromRawEncoding(F.At.Raw);
                                   return L.isValid() && SM.isInSystemHeader(L);
                                 }),
                  Out.Local.end());
}

void applyConfiguration(const RuleSet &Rules, CheckFilter &Checks) {
  for (const RuleInfo &R : implementedRules())
    if (!Rules.isEnabled(R.Id))
      Checks.disable(R.Id);
}

std::vector<Finding> decide(const Facts &F, const AnalysisOptions &Opts) {
  std::vector<Finding> Out;
  ProgramView View(F, Opts.AssumeClosedWorld);
  if (Opts.Checks.enabled("capacity-retention"))
    decideCapacityRetention(View, Out);
  if (Opts.Checks.enabled("shared-ptr-cycle"))
    decideSharedPtrCycle(View, Out);
  if (Opts.Checks.enabled("unbounded-container-growth"))
    decideUnboundedContainerGrowth(View, Out);
  if (Opts.Checks.enabled("unbounded-memoization"))
    decideUnboundedMemoization(View, Out);
  if (Opts.Checks.enabled("unbounded-queue"))
    decideUnboundedQueue(View, Out);
  sortAndDedupe(Out);
  return Out;
}

} // namespace memlint
