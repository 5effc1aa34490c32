//===- CallGraph.h - the whole program's calls, built from summaries ------===//
//
// Built once per decide() from the merged facts of every translation unit:
//
//  - a direct call runs its callee;
//  - a virtual call runs every override of the method it names, known
//    anywhere in the program (class hierarchy analysis across TUs);
//  - a call through a holder (a std::function member, a function pointer, a
//    callable parameter) runs every callable that flows into the holder,
//    through setters, constructors and containers of callables;
//  - template instantiations are already their pattern (facts are keyed by
//    the pattern's USR).
//
// Effects propagate bottom-up over the strongly connected components, to a
// fixpoint, each with a witness path for the notes.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_PROGRAM_CALLGRAPH_H
#define MEMLINT_CHECKS_PROGRAM_CALLGRAPH_H

#include "facts/Facts.h"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace memlint {

/// One step of the call graph: the call and the function it runs there.
struct CallEdge {
  const Call *Site = nullptr;
  std::string To;
};

/// A value handed over into a holder (CallGraph::handovers).
struct Handover {
  /// Where a callable ("fn:<id>") or none (EmptyCallable) is handed over.
  const CallableFlow *Flow = nullptr;
  /// The member the holder's value was copied from on the way (a flow into
  /// it, whose ToClassName and ToField name it: `conn->setCallback(cb_)`
  /// copies `cb_`), the one nearest the handover; nullptr when the value
  /// reaches the holder through parameters, locals and returns only.
  const CallableFlow *Copy = nullptr;
};

/// A propagated effect: how a function reaches it (the next call, or none
/// when the function has the effect itself) and what it is at the end.
struct Witness {
  const CallEdge *Next = nullptr; // nullptr: the function itself
  const Effect *At = nullptr;     // the effect at the end of the path
  unsigned Depth = 0;
};

class CallGraph {
public:
  explicit CallGraph(const Facts &F);

  /// The functions a call may run (defined or not).
  const std::vector<std::string> &targets(const Call &C) const;
  /// The functions a call to \p Fn (possibly virtual) may run: \p Fn and, for
  /// a virtual method, every override.
  std::vector<std::string> dispatch(const std::string &Fn, bool Virtual) const;
  const std::vector<CallEdge> &callees(const std::string &Fn) const;
  const std::vector<CallEdge> &callers(const std::string &Fn) const;
  /// Callables ("fn:" stripped) that may flow into a holder.
  const std::set<std::string> &callablesIn(const std::string &Holder) const;
  /// Holders a callable (a function id) flows into, with the first hop:
  /// where it was handed over.
  const std::map<std::string, const CallableFlow *> &
  holdersOf(const std::string &Fn) const;
  /// Every handover of a value into \p Holder: the flows that hand over a
  /// callable ("fn:<id>") or none (EmptyCallable) and reach it, directly or
  /// through the holders in between (a setter's parameter, a local, a
  /// function's return, another member it is copied from), followed
  /// backwards over the flows \p Follow accepts. Sorted by location.
  std::vector<Handover>
  handovers(const std::string &Holder,
            const std::function<bool(const CallableFlow &)> &Follow) const;
  /// Functions whose body runs from somewhere: every function with a call
  /// edge into it, or handed to a holder.
  bool hasCallers(const std::string &Fn) const;

  /// Functions in an order where every callee comes before its callers,
  /// one strongly connected component at a time.
  const std::vector<std::vector<std::string>> &components() const {
    return SCCs;
  }

  /// Propagates an effect bottom-up: a function has it if \p Local says so
  /// or a function it calls has it. Returns a witness per function that has
  /// it (shortest path first found).
  std::map<std::string, Witness>
  propagate(const std::function<const Effect *(const std::string &)> &Local)
      const;

  /// "'SqlRepo::find' -> 'Db::select' -> 'sqlite3_prepare_v2'", following
  /// witnesses from \p Fn.
  std::vector<std::string>
  path(const std::string &Fn, const std::map<std::string, Witness> &W) const;

  /// Does some function that calls \p From (or \p From itself), within
  /// \p MaxDepth calls, satisfy \p Pred?
  bool someCaller(const std::string &From, unsigned MaxDepth,
                  const std::function<bool(const std::string &)> &Pred) const;
  /// Functions reachable from \p From within \p MaxDepth calls, \p From
  /// included.
  std::set<std::string> reachable(const std::string &From,
                                  unsigned MaxDepth) const;
  std::set<std::string> ancestors(const std::string &From,
                                  unsigned MaxDepth) const;

  const Facts &facts() const { return F; }

private:
  const Facts &F;
  std::map<std::string, std::vector<std::string>> OverriddenBy;
  std::map<const Call *, std::vector<std::string>> Targets;
  std::map<std::string, std::vector<CallEdge>> Out, In;
  std::map<std::string, std::set<std::string>> CallablesIn;
  std::map<std::string, std::map<std::string, const CallableFlow *>> HoldersOf;
  std::map<std::string, std::vector<const CallableFlow *>> FlowsInto;
  /// Members, by id: a flow into each, which names it.
  std::map<std::string, const CallableFlow *> Members;
  std::vector<std::vector<std::string>> SCCs;

  void computeComponents();
};

} // namespace memlint

#endif
