//===- Finding.cpp --------------------------------------------------------===//
#include "Finding.h"

#include <algorithm>
#include <map>

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

static int specificity(const std::string &Rule) {
  if (Rule == "unbounded-memoization")
    return 4;
  if (Rule == "unbounded-queue")
    return 3;
  if (Rule == "capacity-retention")
    return 2;
  return 1;
}

void mergeRelated(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(), findingLess);
  // One entity, one rule.
  std::map<std::string, int> Best;
  for (const Finding &F : Findings)
    if (!F.Subject.empty()) {
      int &B = Best[F.Subject];
      B = std::max(B, specificity(F.Rule));
    }
  // "Many" siblings: two alike may be a coincidence, three are a pattern.
  std::map<std::string, unsigned> GroupSize;
  for (const Finding &F : Findings)
    if (!F.Group.empty())
      ++GroupSize[F.Group];
  std::vector<Finding> Out;
  std::map<std::string, size_t> GroupAt; // group -> index in Out
  std::map<size_t, std::vector<const Finding *>> Members;
  for (const Finding &F : Findings) {
    if (!F.Subject.empty() && specificity(F.Rule) < Best[F.Subject])
      continue;
    if (!F.Group.empty() && GroupSize[F.Group] >= 3) {
      auto It = GroupAt.find(F.Group);
      if (It != GroupAt.end()) {
        Members[It->second].push_back(&F);
        continue;
      }
      GroupAt[F.Group] = Out.size();
    }
    Out.push_back(F);
  }
  for (auto &[Index, Others] : Members) {
    Finding &P = Out[Index];
    std::vector<Note> Extra;
    for (const Finding *O : Others) {
      // The sibling's headline, at its own position.
      Extra.push_back({O->At, "same design: " + O->Message});
      P.Conf = std::max(P.Conf, O->Conf);
    }
    size_t HeadLen = P.Message.size();
    std::string Tail = " (and " + std::to_string(Others.size()) +
                       (Others.size() == 1 ? " sibling member" : " sibling members") +
                       ")";
    P.Message += Tail;
    if (P.Detail.size() >= HeadLen)
      P.Detail.insert(HeadLen, Tail);
    P.Notes.insert(P.Notes.empty() ? P.Notes.end() : P.Notes.end() - 1,
                   Extra.begin(), Extra.end());
  }
  Findings = std::move(Out);
}

bool findingLess(const Finding &A, const Finding &B) {
  return std::tie(A.At.File, A.At.Line, A.At.Column, A.Rule, A.Message) <
         std::tie(B.At.File, B.At.Line, B.At.Column, B.Rule, B.Message);
}

bool findingSameKey(const Finding &A, const Finding &B) {
  // Two containers one macro expansion grows are two findings at one
  // position: the entity judged tells them apart. (A cycle closed by one
  // field of a class template, once per instantiation, stays one.)
  return A.At == B.At && A.Rule == B.Rule && A.Subject == B.Subject;
}

void sortAndDedupe(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(), findingLess);
  Findings.erase(std::unique(Findings.begin(), Findings.end(), findingSameKey),
                 Findings.end());
}

} // namespace memlint
