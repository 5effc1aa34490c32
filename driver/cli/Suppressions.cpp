//===- Suppressions.cpp ---------------------------------------------------===//
//
// A port of clang-tidy's NoLintDirectiveHandler (LLVM 19) over file text:
// the CLI has no SourceManager after the merge, only positions. Findings are
// reported at file locations (never inside a macro), so clang-tidy's walk up
// the macro expansion chain has no counterpart here.
//
//===----------------------------------------------------------------------===//
#include "Suppressions.h"

#include "CheckRegistry.h"
#include "SourceFiles.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <map>
#include <optional>

namespace memlint {
namespace {

enum class NoLintType { NoLint, NoLintNextLine, NoLintBegin, NoLintEnd };

std::optional<NoLintType> noLintType(llvm::StringRef S) {
  if (S == "NOLINT")
    return NoLintType::NoLint;
  if (S == "NOLINTNEXTLINE")
    return NoLintType::NoLintNextLine;
  if (S == "NOLINTBEGIN")
    return NoLintType::NoLintBegin;
  if (S == "NOLINTEND")
    return NoLintType::NoLintEnd;
  return std::nullopt;
}

struct NoLintToken {
  NoLintType Type;
  size_t Pos; // of the 'N' of NOLINT, in the scanned text
  /// nullopt: no parentheses, every check; else the list, blanks trimmed.
  std::optional<std::string> Checks;

  /// clang-tidy's GlobList with negative globs dropped: comma-separated,
  /// blanks trimmed, '*' wildcard, case-sensitive.
  bool suppresses(const std::string &Check) const {
    if (!Checks)
      return true;
    llvm::SmallVector<llvm::StringRef, 4> Globs;
    llvm::StringRef(*Checks).split(Globs, ',');
    for (llvm::StringRef G : Globs) {
      G = G.trim(" \t\r\n\v\f");
      if (G.starts_with("-"))
        continue;
      if (globMatch(G.str(), Check))
        return true;
    }
    return false;
  }
};

std::vector<NoLintToken> scan(llvm::StringRef Text) {
  static const llvm::StringLiteral Word = "NOLINT";
  std::vector<NoLintToken> Out;
  size_t Pos = 0;
  while (Pos < Text.size()) {
    size_t Start = Text.find(Word, Pos);
    if (Start == llvm::StringRef::npos)
      break;
    Pos = Start + Word.size();
    while (Pos < Text.size() && llvm::isAlpha(Text[Pos]))
      ++Pos;
    std::optional<NoLintType> Type = noLintType(Text.slice(Start, Pos));
    if (!Type)
      continue;
    std::optional<std::string> Checks;
    if (Pos < Text.size() && Text[Pos] == '(') {
      size_t Close = Text.find_first_of("\n)", ++Pos);
      if (Close != llvm::StringRef::npos && Text[Close] == ')') {
        llvm::SmallVector<llvm::StringRef, 4> Parts;
        Text.slice(Pos, Close).split(Parts, ',');
        std::string Joined;
        for (size_t I = 0; I < Parts.size(); ++I)
          Joined += (I ? "," : "") + Parts[I].trim().str();
        Checks = Joined;
        Pos = Close + 1;
      }
    }
    Out.push_back({*Type, Start, std::move(Checks)});
  }
  return Out;
}

struct Block {
  size_t Begin, End;
  NoLintToken Token;
};

std::vector<Block> formBlocks(const std::string &Path, llvm::StringRef Text,
                              std::vector<std::string> &Problems) {
  std::vector<Block> Out;
  std::vector<NoLintToken> Stack;
  std::vector<size_t> Bad;
  auto Unmatched = [&](const NoLintToken &T) { Bad.push_back(T.Pos); };
  for (NoLintToken &T : scan(Text)) {
    if (T.Type == NoLintType::NoLintBegin) {
      Stack.push_back(std::move(T));
    } else if (T.Type == NoLintType::NoLintEnd) {
      if (!Stack.empty() && Stack.back().Checks == T.Checks) {
        Out.push_back({Stack.back().Pos, T.Pos, std::move(Stack.back())});
        Stack.pop_back();
      } else {
        Unmatched(T);
      }
    }
  }
  for (const NoLintToken &T : Stack)
    Unmatched(T);
  std::sort(Bad.begin(), Bad.end());
  // Lines and columns in one pass over the text (the positions are sorted):
  // 100,000 unmatched comments cost one walk, not one walk each.
  const size_t MaxReported = 20;
  unsigned Line = 1;
  size_t LineStart = 0, Scanned = 0;
  for (size_t I = 0; I < Bad.size() && I < MaxReported; ++I) {
    size_t Pos = Bad[I];
    for (; Scanned < Pos; ++Scanned)
      if (Text[Scanned] == '\n') {
        ++Line;
        LineStart = Scanned + 1;
      }
    bool Begin = Text.substr(Pos).starts_with("NOLINTBEGIN");
    Problems.push_back(
        Path + ":" + std::to_string(Line) + ":" +
        std::to_string(Pos - LineStart + 1) + ": " +
        (Begin ? "unmatched 'NOLINTBEGIN' comment without a subsequent "
                 "'NOLINTEND' comment"
               : "unmatched 'NOLINTEND' comment without a previous "
                 "'NOLINTBEGIN' comment") +
        "; it suppresses nothing");
  }
  if (Bad.size() > MaxReported)
    Problems.push_back(Path + ": ... and " +
                       std::to_string(Bad.size() - MaxReported) +
                       " more unmatched NOLINTBEGIN/NOLINTEND comments");
  return Out;
}

bool lineHas(llvm::StringRef Line, NoLintType Type, const std::string &Check) {
  for (const NoLintToken &T : scan(Line))
    if (T.Type == Type && T.suppresses(Check))
      return true;
  return false;
}

} // namespace

/// What one file's NOLINT comments say, computed once.
struct NoLintFilter::Blocks {
  bool HasNoLint = false;
  std::vector<Block> List;
  /// Per check: where blocks suppress it, as sorted, disjoint open
  /// intervals (Begin, End); a finding's position is looked up by binary
  /// search, so many blocks and many findings stay linear-logarithmic.
  std::map<std::string, std::vector<std::pair<size_t, size_t>>> Covered;

  const std::vector<std::pair<size_t, size_t>> &covered(const std::string &Check) {
    auto It = Covered.find(Check);
    if (It != Covered.end())
      return It->second;
    std::vector<std::pair<size_t, size_t>> Spans;
    for (const Block &K : List)
      if (K.Token.suppresses(Check))
        Spans.push_back({K.Begin, K.End});
    std::sort(Spans.begin(), Spans.end());
    std::vector<std::pair<size_t, size_t>> Merged;
    for (const auto &S : Spans) {
      if (!Merged.empty() && S.first < Merged.back().second)
        Merged.back().second = std::max(Merged.back().second, S.second);
      else
        Merged.push_back(S);
    }
    return Covered.emplace(Check, std::move(Merged)).first->second;
  }
};

NoLintFilter::NoLintFilter(SourceFiles &Sources) : Sources(Sources) {}
NoLintFilter::~NoLintFilter() = default;

bool NoLintFilter::suppressed(Finding &F) {
  std::string Check = "memlint-" + F.Rule;
  if (suppressedAt(F.At, Check))
    return true;
  // clang-tidy passes notes through the same test, and once one is
  // suppressed it drops the rest of that warning's notes too.
  for (size_t I = 0; I < F.Notes.size(); ++I)
    if (suppressedAt(F.Notes[I].At, Check)) {
      F.Notes.resize(I);
      break;
    }
  return false;
}

bool NoLintFilter::suppressedAt(const Loc &At, const std::string &Check) {
  std::optional<llvm::StringRef> Text = Sources.text(At.File);
  std::optional<size_t> Pos = Sources.offset(At);
  if (!Text || !Pos)
    return false;
  std::unique_ptr<Blocks> &B = BlocksByFile[At.File];
  if (!B) {
    B = std::make_unique<Blocks>();
    B->HasNoLint = Text->find("NOLINT") != llvm::StringRef::npos;
    if (B->HasNoLint)
      B->List = formBlocks(At.File, *Text, Problems);
  }
  if (!B->HasNoLint)
    return false;
  // This line, then NOLINTNEXTLINE on the previous one, then blocks.
  // (StringRef::find_last_of looks strictly before its start position.)
  auto LineAround = [&](size_t At) {
    size_t Begin = Text->find_last_of('\n', At) + 1; // npos + 1 == 0
    size_t End = std::min(Text->find('\n', At), Text->size());
    return std::make_pair(Begin, End);
  };
  auto [Begin, End] = LineAround(*Pos);
  if (lineHas(Text->slice(Begin, End), NoLintType::NoLint, Check))
    return true;
  if (Begin > 0) {
    auto [PB, PE] = LineAround(Begin - 1);
    if (lineHas(Text->slice(PB, PE), NoLintType::NoLintNextLine, Check))
      return true;
  }
  const auto &Spans = B->covered(Check);
  auto It = std::lower_bound(
      Spans.begin(), Spans.end(), *Pos,
      [](const std::pair<size_t, size_t> &S, size_t P) { return S.first < P; });
  if (It == Spans.begin())
    return false;
  --It; // the last span that begins before the position
  return *Pos < It->second;
}

} // namespace memlint
