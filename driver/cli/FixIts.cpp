//===- FixIts.cpp ---------------------------------------------------------===//
#include "FixIts.h"

#include "SourceFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>

namespace memlint {
namespace {

struct Edit {
  size_t Begin, End;
  std::string Text;
};

bool overlaps(const Edit &A, const Edit &B) {
  // Two insertions at one offset conflict too: their order would be a guess.
  if (A.Begin == A.End || B.Begin == B.End)
    return A.Begin == B.Begin || (A.Begin > B.Begin && A.Begin < B.End) ||
           (B.Begin > A.Begin && B.Begin < A.End);
  return A.Begin < B.End && B.Begin < A.End;
}

} // namespace

FixOutcome applyFixIts(const std::vector<Finding> &Findings,
                       SourceFiles &Sources) {
  FixOutcome Out;
  Out.Fixed.assign(Findings.size(), false);
  std::map<std::string, std::vector<Edit>> Taken;
  std::map<std::string, std::vector<size_t>> Owners; // findings, by file
  for (size_t I = 0; I < Findings.size(); ++I) {
    const Finding &F = Findings[I];
    if (F.Fix.empty())
      continue;
    if (!F.FixIsSafe) {
      ++Out.Suggestions;
      continue;
    }
    std::vector<std::pair<std::string, Edit>> Edits;
    bool Ok = true;
    for (const Replacement &R : F.Fix) {
      std::optional<size_t> B = Sources.offset(R.Begin);
      std::optional<size_t> E = Sources.offset(R.End);
      if (R.Begin.File != R.End.File || !B || !E || *B > *E) {
        Out.Problems.push_back(R.Begin.File + ":" +
                               std::to_string(R.Begin.Line) +
                               ": a fix-it edit outside the file; skipped");
        Ok = false;
        break;
      }
      Edit New{*B, *E, R.Text};
      for (const auto &[File, Other] : Edits)
        Ok &= !(File == R.Begin.File && overlaps(New, Other));
      for (const Edit &Other : Taken[R.Begin.File])
        Ok &= !overlaps(New, Other);
      Edits.push_back({R.Begin.File, std::move(New)});
    }
    if (!Ok) {
      ++Out.Conflicts;
      continue;
    }
    for (auto &[File, E] : Edits) {
      Taken[File].push_back(std::move(E));
      Owners[File].push_back(I);
    }
    Out.Fixed[I] = true;
    ++Out.Applied;
  }

  for (auto &[File, Edits] : Taken) {
    if (Edits.empty())
      continue;
    std::optional<llvm::StringRef> Text = Sources.text(File);
    if (!Text)
      continue;
    std::sort(Edits.begin(), Edits.end(),
              [](const Edit &A, const Edit &B) { return A.Begin < B.Begin; });
    std::string New;
    size_t At = 0;
    for (const Edit &E : Edits) {
      New += Text->slice(At, E.Begin).str();
      New += E.Text;
      At = E.End;
    }
    New += Text->substr(At).str();
    llvm::SmallString<256> Temp(File);
    Temp += ".memlint-fix";
    std::error_code EC;
    {
      llvm::raw_fd_ostream OS(Temp, EC);
      if (!EC) {
        OS << New;
        OS.close();
        if (OS.has_error()) {
          EC = OS.error();
          OS.clear_error();
        }
      }
    }
    if (!EC)
      EC = llvm::sys::fs::rename(Temp, File);
    if (EC) {
      llvm::sys::fs::remove(Temp);
      Out.Problems.push_back(File + ": cannot write the fixed file: " +
                             EC.message());
      for (size_t I : Owners[File])
        if (Out.Fixed[I]) {
          Out.Fixed[I] = false;
          --Out.Applied;
        }
      continue;
    }
    Out.Files.push_back(File);
  }
  return Out;
}

} // namespace memlint
