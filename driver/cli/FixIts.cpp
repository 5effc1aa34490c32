//===- FixIts.cpp ---------------------------------------------------------===//
#include "FixIts.h"

#include "Interrupt.h"
#include "SafeIO.h"
#include "SourceFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

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

/// Replaces the contents of \p File with \p Text, atomically. A symlinked
/// source is fixed at its target (the link stays a link), keeping the
/// target's mode. The new text goes to a temporary created exclusively
/// (O_EXCL: never through a planted symlink) next to the target, then is
/// renamed over it; the temporary is removed on any failure or interruption.
std::error_code writeFixed(const std::string &File, llvm::StringRef Text) {
  llvm::SmallString<256> Target;
  if (std::error_code EC = llvm::sys::fs::real_path(File, Target))
    return EC;
  struct stat St;
  if (::lstat(Target.c_str(), &St) != 0)
    return std::error_code(errno, std::generic_category());
  if (!S_ISREG(St.st_mode))
    return std::make_error_code(std::errc::not_supported);
  llvm::SmallString<256> Model(llvm::sys::path::parent_path(Target));
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Target).str() +
                                     ".memlint-fix-%%%%%%%%");
  llvm::SmallString<256> Temp;
  int FD = -1;
  interrupt::Token Token = 0;
  {
    interrupt::SignalBlock Block;
    if (std::error_code EC = llvm::sys::fs::createUniqueFile(
            Model, FD, Temp, llvm::sys::fs::OF_None, St.st_mode & 07777))
      return EC;
    Token = interrupt::addPath(std::string(Temp.str()), /*Directory=*/false);
  }
  auto Fail = [&](std::error_code EC) {
    llvm::sys::fs::remove(Temp);
    interrupt::remove(Token);
    return EC;
  };
  // The umask may have taken bits away: the fixed file keeps the old mode.
  if (::fchmod(FD, St.st_mode & 07777) != 0) {
    ::close(FD);
    return Fail(std::error_code(errno, std::generic_category()));
  }
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << Text;
  std::string Error;
  if (!finishOutput(OS, Error))
    return Fail(std::make_error_code(std::errc::io_error));
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Target))
    return Fail(EC);
  interrupt::remove(Token);
  return {};
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
    std::error_code EC = writeFixed(File, New);
    if (EC) {
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
