//===- ChangedLines.cpp ---------------------------------------------------===//
#include "ChangedLines.h"

#include "Interrupt.h"
#include "SourceFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <algorithm>
#include <optional>

namespace memlint {
namespace {

/// git quotes unusual file names C-style: "b/a\tb.cpp".
std::string unquote(llvm::StringRef S) {
  if (!S.starts_with("\"") || !S.ends_with("\"") || S.size() < 2)
    return S.str();
  S = S.drop_front().drop_back();
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] != '\\' || I + 1 == S.size()) {
      Out += S[I];
      continue;
    }
    char C = S[++I];
    switch (C) {
    case 'n': Out += '\n'; break;
    case 't': Out += '\t'; break;
    case 'a': Out += '\a'; break;
    case 'b': Out += '\b'; break;
    case 'f': Out += '\f'; break;
    case 'r': Out += '\r'; break;
    case 'v': Out += '\v'; break;
    default:
      if (C >= '0' && C <= '7') {
        unsigned V = 0;
        for (unsigned N = 0; N < 3 && I < S.size() && S[I] >= '0' && S[I] <= '7';
             ++N, ++I)
          V = V * 8 + (S[I] - '0');
        --I;
        Out += static_cast<char>(V);
      } else {
        Out += C;
      }
    }
  }
  return Out;
}

/// The path of a "--- " or "+++ " line: unquoted, without a timestamp.
std::string headerPath(llvm::StringRef Rest) {
  Rest = Rest.rtrim("\r");
  if (Rest.starts_with("\""))
    return unquote(Rest.take_front(Rest.find('"', 1) == llvm::StringRef::npos
                                       ? Rest.size()
                                       : Rest.find('"', 1) + 1));
  return Rest.split('\t').first.rtrim(" ").str();
}

bool parseRange(llvm::StringRef S, unsigned &Start, unsigned &Count) {
  // "12,3" or "12"
  auto [A, B] = S.split(',');
  Count = 1;
  if (A.getAsInteger(10, Start))
    return false;
  return B.empty() || !B.getAsInteger(10, Count);
}

/// Runs git with \p Args; its stdout in \p Out.
bool git(llvm::ArrayRef<std::string> Args, std::string &Out,
         std::string &Error) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git) {
    Error = "--diff-base needs git, which is not on PATH";
    return false;
  }
  llvm::SmallString<128> OutPath, ErrPath;
  interrupt::Token OutToken = 0, ErrToken = 0;
  {
    interrupt::SignalBlock Block; // removed on SIGINT/SIGTERM too
    if (llvm::sys::fs::createTemporaryFile("memlint-git", "out", OutPath) ||
        llvm::sys::fs::createTemporaryFile("memlint-git", "err", ErrPath)) {
      if (!OutPath.empty())
        llvm::sys::fs::remove(OutPath);
      Error = "cannot create a temporary file for git's output";
      return false;
    }
    OutToken = interrupt::addPath(std::string(OutPath.str()), false);
    ErrToken = interrupt::addPath(std::string(ErrPath.str()), false);
  }
  std::vector<llvm::StringRef> Argv = {*Git};
  for (const std::string &A : Args)
    Argv.push_back(A);
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                OutPath.str(), ErrPath.str()};
  std::string ExecError;
  int RC = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0, 0,
                                     &ExecError);
  auto OutBuf = llvm::MemoryBuffer::getFile(OutPath);
  auto ErrBuf = llvm::MemoryBuffer::getFile(ErrPath);
  llvm::sys::fs::remove(OutPath);
  llvm::sys::fs::remove(ErrPath);
  interrupt::remove(OutToken);
  interrupt::remove(ErrToken);
  if (RC != 0) {
    std::string Cmd = "git";
    for (const std::string &A : Args)
      Cmd += " " + A;
    Error = "'" + Cmd + "' failed";
    if (ErrBuf && !(*ErrBuf)->getBuffer().trim().empty())
      Error += ": " + (*ErrBuf)->getBuffer().trim().str();
    else if (!ExecError.empty())
      Error += ": " + ExecError;
    return false;
  }
  Out = OutBuf ? (*OutBuf)->getBuffer().str() : "";
  return true;
}

} // namespace

bool ChangedLines::parse(llvm::StringRef Diff, const std::string &BaseDir,
                         std::string &Error) {
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  std::string OldPath, Current;
  bool SawHeader = false;
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I];
    if (L.starts_with("--- ")) {
      OldPath = headerPath(L.drop_front(4));
      continue;
    }
    if (L.starts_with("+++ ")) {
      SawHeader = true;
      std::string P = headerPath(L.drop_front(4));
      if (P == "/dev/null") {
        Current.clear();
        continue;
      }
      // git's prefixes (a/ b/), and -p1 style diffs generally.
      llvm::StringRef Rel(P);
      if (Rel.starts_with("b/") &&
          (llvm::StringRef(OldPath).starts_with("a/") || OldPath == "/dev/null"))
        Rel = Rel.drop_front(2);
      llvm::SmallString<256> Abs;
      if (llvm::sys::path::is_absolute(Rel))
        Abs = Rel;
      else {
        Abs = BaseDir;
        llvm::sys::path::append(Abs, Rel);
      }
      Current = absolutePath(std::string(Abs.str()));
      Ranges[Current]; // a file that only loses lines still counts as seen
      continue;
    }
    if (!L.starts_with("@@ "))
      continue;
    // @@ -l[,s] +l[,s] @@
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    L.split(Parts, ' ', 4, false);
    unsigned OldStart, OldCount, NewStart, NewCount;
    if (Parts.size() < 4 || !Parts[1].starts_with("-") ||
        !Parts[2].starts_with("+") ||
        !parseRange(Parts[1].drop_front(), OldStart, OldCount) ||
        !parseRange(Parts[2].drop_front(), NewStart, NewCount)) {
      Error = "malformed hunk header in the diff: '" + L.str() + "'";
      return false;
    }
    unsigned New = NewStart;
    while ((OldCount || NewCount) && I + 1 < Lines.size()) {
      llvm::StringRef H = Lines[++I];
      char C = H.empty() ? ' ' : H[0];
      if (C == '\\')
        continue; // "\ No newline at end of file"
      if (C == '+') {
        if (!Current.empty()) {
          auto &R = Ranges[Current];
          if (!R.empty() && R.back().second + 1 == New)
            R.back().second = New;
          else
            R.push_back({New, New});
        }
        ++New;
        NewCount -= NewCount ? 1 : 0;
      } else if (C == '-') {
        OldCount -= OldCount ? 1 : 0;
      } else {
        ++New;
        NewCount -= NewCount ? 1 : 0;
        OldCount -= OldCount ? 1 : 0;
      }
    }
  }
  if (!SawHeader && !Diff.trim().empty()) {
    Error = "the input holds no unified diff ('+++ <file>' lines)";
    return false;
  }
  for (auto &[File, R] : Ranges)
    std::sort(R.begin(), R.end());
  return true;
}

bool ChangedLines::fromGit(const std::string &Rev, const std::string &Dir,
                           std::string &Error) {
  std::string Top, Base, Diff;
  if (!git({"-C", Dir, "rev-parse", "--show-toplevel"}, Top, Error))
    return false;
  Top = llvm::StringRef(Top).trim().str();
  if (!git({"-C", Top, "rev-parse", "--verify", "--quiet", Rev + "^{commit}"},
           Base, Error)) {
    Error = "--diff-base: '" + Rev + "' is not a commit in " + Top;
    return false;
  }
  // Against the merge base, so that what the base branch did since is not
  // taken for a change of ours (like `git diff REV...`, with the work tree).
  std::string MergeBase, Ignored;
  if (git({"-C", Top, "merge-base", Rev, "HEAD"}, MergeBase, Ignored))
    Base = MergeBase;
  Base = llvm::StringRef(Base).trim().str();
  if (!git({"-C", Top, "-c", "core.quotePath=false", "diff", "-U0",
            "--no-color", "--no-ext-diff", "--no-textconv", "--src-prefix=a/",
            "--dst-prefix=b/", Base, "--"},
           Diff, Error))
    return false;
  return parse(Diff, Top, Error);
}

bool ChangedLines::contains(const std::string &File, unsigned Line) const {
  auto It = Ranges.find(File);
  if (It == Ranges.end())
    return false;
  auto R = std::upper_bound(It->second.begin(), It->second.end(),
                            std::make_pair(Line, ~0u));
  return R != It->second.begin() && std::prev(R)->second >= Line &&
         std::prev(R)->first <= Line;
}

} // namespace memlint
