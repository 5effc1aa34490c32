//===- Finding.cpp --------------------------------------------------------===//
#include "Finding.h"

#include <algorithm>

namespace memlint {

const char *toString(Confidence C) {
  switch (C) {
  case Confidence::Low: return "low";
  case Confidence::Medium: return "medium";
  case Confidence::High: return "high";
  }
  return "medium";
}

bool confidenceFromString(const std::string &S, Confidence &Out) {
  for (Confidence C : {Confidence::Low, Confidence::Medium, Confidence::High})
    if (S == toString(C)) {
      Out = C;
      return true;
    }
  return false;
}

void explain(Finding &F, const std::string &Why, const std::string &Fix) {
  std::string Text = Why;
  if (!Fix.empty())
    Text += (Text.empty() ? "" : "; ") + Fix;
  F.Notes.push_back({F.At, Text});
  F.Detail = F.Message + (Text.empty() ? "" : ": " + Text);
}

void markTestCode(Finding &F) {
  if (F.Conf == Confidence::Low)
    return;
  F.Conf = Confidence::Low;
  // Before the last note (the why and the fix).
  Note N{F.At, "it is in test or benchmark code, which runs briefly"};
  F.Notes.insert(F.Notes.empty() ? F.Notes.end() : F.Notes.end() - 1,
                 std::move(N));
}

bool findingLess(const Finding &A, const Finding &B) {
  return std::tie(A.At.File, A.At.Line, A.At.Column, A.Rule, A.Message) <
         std::tie(B.At.File, B.At.Line, B.At.Column, B.Rule, B.Message);
}

bool findingSameKey(const Finding &A, const Finding &B) {
  return A.At == B.At && A.Rule == B.Rule;
}

void sortAndDedupe(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(), findingLess);
  Findings.erase(std::unique(Findings.begin(), Findings.end(), findingSameKey),
                 Findings.end());
}

} // namespace memlint
