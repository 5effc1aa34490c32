//===- Analysis.cpp - collect() per translation unit, decide() per program ===//
#include "Analysis.h"
#include "Unmodeled.h"
#include "entity/CapacityRetentionCheck.h"
#include "entity/SharedPtrCycleCheck.h"
#include "entity/UnboundedContainerGrowthCheck.h"
#include "entity/UnboundedMemoizationCheck.h"
#include "entity/UnboundedQueueCheck.h"
#include "facts/Walk.h"
#include "flow/FlowUtil.h"
#include "flow/LargeCopyIntoSendCheck.h"
#include "flow/QueryInLoopCheck.h"
#include "flow/StreamAccumulationCheck.h"
#include "flow/WholeCollectionLoadCheck.h"
#include "program/FlowDrivers.h"
#include "program/ProgramView.h"

#include "memlint/RuleSet.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <functional>
#include <set>

namespace memlint {

void collect(clang::ASTContext &Ctx, const AnalysisOptions &Opts,
             TUAnalysis &Out) {
  if (!Opts.Rules)
    return;
  // Every rule reads the facts: the entity rules decide from them, the flow
  // rules' shapes that cross calls too (a query behind helpers, virtual
  // methods and callbacks; a copy into a user channel), and every flow
  // finding is ranked by the drivers of its function (FlowDrivers.h).
  bool Facts = llvm::any_of(implementedRules(), [&](const RuleInfo &R) {
    return Opts.Checks.enabled(R.Id);
  });
  if (Facts)
    collectFacts(Ctx, *Opts.Rules, Out.TUFacts);
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
      collectLargeCopyIntoSend(A, Functions, Out.Local, Out.TUFacts);
    if (Opts.Checks.enabled("query-in-loop"))
      collectQueryInLoop(A, Functions, Out.Local, Out.TUFacts);
    if (Opts.Checks.enabled("stream-accumulation"))
      collectStreamAccumulation(A, Functions, Out.Local);
    if (Opts.Checks.enabled("whole-collection-load"))
      collectWholeCollectionLoad(A, Functions, Out.Local);
    if (Facts)
      Out.TUFacts.normalize();
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

std::vector<Finding> decide(const Facts &F, const AnalysisOptions &Opts,
                            std::vector<Finding> Local) {
  std::vector<Finding> Out;
  ProgramView View(F, Opts.AssumeClosedWorld, Opts.WholeProgram, Opts.TestCode);
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
  if (Opts.Checks.enabled("large-copy-into-send"))
    decideLargeCopyIntoSend(View, Out);
  if (Opts.Checks.enabled("query-in-loop"))
    decideQueryInLoop(View, Out);
  for (Finding &L : Local)
    Out.push_back(std::move(L));
  for (Finding &Fd : Out)
    rankByDrivers(View, Fd);
  // A directory listing whose filter keeps no entry loads nothing.
  Out.erase(std::remove_if(Out.begin(), Out.end(),
                           [&](const Finding &Fd) {
                             return filterKeepsNothing(View, Fd);
                           }),
            Out.end());
  mergeRelated(Out);
  sortAndDedupe(Out);
  return Out;
}

} // namespace memlint
