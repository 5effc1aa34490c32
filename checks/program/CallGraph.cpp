//===- CallGraph.cpp ------------------------------------------------------===//
#include "CallGraph.h"

#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <deque>

namespace memlint {

static const std::vector<std::string> NoTargets;
static const std::vector<CallEdge> NoEdges;
static const std::set<std::string> NoCallables;
static const std::map<std::string, const CallableFlow *> NoHolders;

CallGraph::CallGraph(const Facts &F) : F(F) {
  for (const auto &[Id, Fn] : F.Functions)
    for (const std::string &Base : Fn.Overrides)
      OverriddenBy[Base].push_back(Id);

  // Callables: forward from every callable value through the holders.
  std::map<std::string, std::vector<const CallableFlow *>> FlowsFrom;
  for (const CallableFlow &C : F.Callables) {
    FlowsFrom[C.From].push_back(&C);
    FlowsInto[C.To].push_back(&C);
    if (!C.ToField.empty())
      Members.emplace(C.To, &C);
  }
  for (const auto &[From, Flows] : FlowsFrom) {
    llvm::StringRef S(From);
    if (!S.consume_front("fn:"))
      continue;
    std::string Fn = S.str();
    auto &Holders = HoldersOf[Fn];
    std::deque<std::pair<std::string, const CallableFlow *>> Work;
    for (const CallableFlow *C : Flows)
      Work.push_back({C->To, C});
    while (!Work.empty()) {
      auto [H, First] = Work.front();
      Work.pop_front();
      if (!Holders.emplace(H, First).second)
        continue;
      CallablesIn[H].insert(Fn);
      auto It = FlowsFrom.find(H);
      if (It != FlowsFrom.end())
        for (const CallableFlow *C : It->second)
          Work.push_back({C->To, First});
    }
  }

  for (const Call &C : F.Calls) {
    std::vector<std::string> &T = Targets[&C];
    switch (C.Kind) {
    case CallKind::Direct:
      T.push_back(C.Callee);
      break;
    case CallKind::Virtual:
      T = dispatch(C.Callee, true);
      break;
    case CallKind::Indirect: {
      const std::set<std::string> &In = callablesIn(C.Callee);
      T.assign(In.begin(), In.end());
      break;
    }
    }
    for (const std::string &To : T) {
      Out[C.Caller].push_back({&C, To});
      In[To].push_back({&C, To});
    }
  }
  computeComponents();
}

std::vector<std::string> CallGraph::dispatch(const std::string &Fn,
                                             bool Virtual) const {
  std::vector<std::string> Out{Fn};
  if (!Virtual)
    return Out;
  std::set<std::string> Seen{Fn};
  for (size_t I = 0; I < Out.size(); ++I) {
    auto It = OverriddenBy.find(Out[I]);
    if (It == OverriddenBy.end())
      continue;
    for (const std::string &O : It->second)
      if (Seen.insert(O).second)
        Out.push_back(O);
  }
  return Out;
}

const std::vector<std::string> &CallGraph::targets(const Call &C) const {
  auto It = Targets.find(&C);
  return It == Targets.end() ? NoTargets : It->second;
}

const std::vector<CallEdge> &CallGraph::callees(const std::string &Fn) const {
  auto It = Out.find(Fn);
  return It == Out.end() ? NoEdges : It->second;
}

const std::vector<CallEdge> &CallGraph::callers(const std::string &Fn) const {
  auto It = In.find(Fn);
  return It == In.end() ? NoEdges : It->second;
}

const std::set<std::string> &
CallGraph::callablesIn(const std::string &Holder) const {
  auto It = CallablesIn.find(Holder);
  return It == CallablesIn.end() ? NoCallables : It->second;
}

const std::map<std::string, const CallableFlow *> &
CallGraph::holdersOf(const std::string &Fn) const {
  auto It = HoldersOf.find(Fn);
  return It == HoldersOf.end() ? NoHolders : It->second;
}

std::vector<Handover> CallGraph::handovers(
    const std::string &Holder,
    const std::function<bool(const CallableFlow &)> &Follow) const {
  std::vector<Handover> Out;
  std::set<std::string> Seen{Holder};
  // Each holder with the member nearest it that the value was copied from.
  std::deque<std::pair<std::string, const CallableFlow *>> Work{
      {Holder, nullptr}};
  while (!Work.empty()) {
    auto [H, Copy] = Work.front();
    Work.pop_front();
    auto It = FlowsInto.find(H);
    if (It == FlowsInto.end())
      continue;
    for (const CallableFlow *C : It->second) {
      if (!Follow(*C))
        continue;
      if (C->From == EmptyCallable ||
          llvm::StringRef(C->From).starts_with("fn:")) {
        Out.push_back({C, Copy});
        continue;
      }
      if (!Seen.insert(C->From).second)
        continue;
      auto Member = Members.find(C->From);
      Work.push_back(
          {C->From, Member == Members.end() ? Copy : Member->second});
    }
  }
  std::sort(Out.begin(), Out.end(), [](const Handover &A, const Handover &B) {
    return std::tie(A.Flow->At, A.Flow->From) <
           std::tie(B.Flow->At, B.Flow->From);
  });
  return Out;
}

bool CallGraph::hasCallers(const std::string &Fn) const {
  return In.count(Fn) || HoldersOf.count(Fn);
}

/// Tarjan's algorithm, iteratively (call chains can be deep), visiting
/// functions and callees in sorted order so the result is deterministic.
void CallGraph::computeComponents() {
  std::set<std::string> Nodes;
  for (const auto &[Id, Fn] : F.Functions)
    Nodes.insert(Id);
  for (const auto &[From, Edges] : Out) {
    Nodes.insert(From);
    for (const CallEdge &E : Edges)
      Nodes.insert(E.To);
  }
  std::map<std::string, unsigned> Index, Low;
  std::set<std::string> OnStack;
  std::vector<std::string> Stack;
  unsigned Next = 0;
  struct Frame {
    std::string Node;
    size_t Edge = 0;
  };
  for (const std::string &Root : Nodes) {
    if (Index.count(Root))
      continue;
    std::vector<Frame> Frames{{Root, 0}};
    Index[Root] = Low[Root] = Next++;
    Stack.push_back(Root);
    OnStack.insert(Root);
    while (!Frames.empty()) {
      Frame &Top = Frames.back();
      const std::vector<CallEdge> &Edges = callees(Top.Node);
      if (Top.Edge < Edges.size()) {
        const std::string &W = Edges[Top.Edge++].To;
        if (!Index.count(W)) {
          Index[W] = Low[W] = Next++;
          Stack.push_back(W);
          OnStack.insert(W);
          Frames.push_back({W, 0});
        } else if (OnStack.count(W)) {
          Low[Top.Node] = std::min(Low[Top.Node], Index[W]);
        }
        continue;
      }
      std::string V = Top.Node;
      Frames.pop_back();
      if (!Frames.empty())
        Low[Frames.back().Node] = std::min(Low[Frames.back().Node], Low[V]);
      if (Low[V] != Index[V])
        continue;
      std::vector<std::string> C;
      std::string X;
      do {
        X = Stack.back();
        Stack.pop_back();
        OnStack.erase(X);
        C.push_back(X);
      } while (X != V);
      std::sort(C.begin(), C.end());
      SCCs.push_back(std::move(C)); // callees' components come first
    }
  }
}

std::map<std::string, Witness> CallGraph::propagate(
    const std::function<const Effect *(const std::string &)> &Local) const {
  std::map<std::string, Witness> Has;
  for (const std::vector<std::string> &C : SCCs) {
    for (const std::string &Fn : C)
      if (const Effect *E = Local(Fn))
        Has[Fn] = {nullptr, E, 0};
    // Within a component, repeat until nothing changes (recursion).
    bool Changed = true;
    while (Changed) {
      Changed = false;
      for (const std::string &Fn : C) {
        for (const CallEdge &E : callees(Fn)) {
          auto It = Has.find(E.To);
          if (It == Has.end())
            continue;
          unsigned Depth = It->second.Depth + 1;
          auto Mine = Has.find(Fn);
          if (Mine != Has.end() && Mine->second.Depth <= Depth)
            continue;
          Has[Fn] = {&E, It->second.At, Depth};
          Changed = true;
        }
      }
    }
  }
  return Has;
}

std::vector<std::string>
CallGraph::path(const std::string &Fn,
                const std::map<std::string, Witness> &W) const {
  std::vector<std::string> Out;
  std::string Cur = Fn;
  std::set<std::string> Seen;
  while (Seen.insert(Cur).second) {
    auto It = W.find(Cur);
    if (It == W.end() || !It->second.Next)
      break;
    Cur = It->second.Next->To;
    Out.push_back(Cur);
  }
  return Out;
}

bool CallGraph::someCaller(
    const std::string &From, unsigned MaxDepth,
    const std::function<bool(const std::string &)> &Pred) const {
  for (const std::string &A : ancestors(From, MaxDepth))
    if (Pred(A))
      return true;
  return false;
}

std::set<std::string> CallGraph::reachable(const std::string &From,
                                           unsigned MaxDepth) const {
  std::set<std::string> Seen{From};
  std::vector<std::string> Level{From};
  for (unsigned D = 0; D < MaxDepth && !Level.empty(); ++D) {
    std::vector<std::string> NextLevel;
    for (const std::string &N : Level)
      for (const CallEdge &E : callees(N))
        if (Seen.insert(E.To).second)
          NextLevel.push_back(E.To);
    Level.swap(NextLevel);
  }
  return Seen;
}

std::set<std::string> CallGraph::ancestors(const std::string &From,
                                           unsigned MaxDepth) const {
  std::set<std::string> Seen{From};
  std::vector<std::string> Level{From};
  for (unsigned D = 0; D < MaxDepth && !Level.empty(); ++D) {
    std::vector<std::string> NextLevel;
    for (const std::string &N : Level)
      for (const CallEdge &E : callers(N))
        if (Seen.insert(E.Site->Caller).second)
          NextLevel.push_back(E.Site->Caller);
    Level.swap(NextLevel);
  }
  return Seen;
}

} // namespace memlint
