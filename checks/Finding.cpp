//===- Finding.cpp --------------------------------------------------------===//
#include "Finding.h"

#include <algorithm>

namespace memlint {

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
