//===- UnmodeledReport.cpp ------------------------------------------------===//
#include "UnmodeledReport.h"

#include "Output.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <set>

namespace memlint {

void writeUnmodeled(llvm::raw_ostream &OS,
                    const std::vector<UnmodeledCall> &Calls) {
  struct Entry {
    std::string Name, Why;
    std::set<Loc> Sites; // a header seen by many TUs counts once
  };
  std::map<std::pair<std::string, std::string>, Entry> ByName;
  for (const UnmodeledCall &C : Calls) {
    Entry &E = ByName[{C.Name, C.Why}];
    E.Name = C.Name;
    E.Why = C.Why;
    E.Sites.insert(C.At);
  }
  std::vector<const Entry *> Sorted;
  for (const auto &KV : ByName)
    Sorted.push_back(&KV.second);
  std::stable_sort(Sorted.begin(), Sorted.end(),
                   [](const Entry *A, const Entry *B) {
                     return A->Sites.size() > B->Sites.size();
                   });
  OS << "Calls no rule pack describes (teach memlint in .memlint.yaml, see "
        "docs/rules.md):\n";
  if (Sorted.empty())
    OS << "  (none)\n";
  for (const Entry *E : Sorted) {
    const Loc &First = *E->Sites.begin();
    OS << llvm::format("%6zu  ", E->Sites.size()) << E->Name << "  ("
       << E->Why << "; first at " << displayPath(First.File) << ":"
       << First.Line << ":" << First.Column << ")\n";
  }
}

} // namespace memlint
