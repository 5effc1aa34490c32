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

std::pair<unsigned, unsigned> lineColumn(llvm::StringRef Text, size_t Pos) {
  llvm::StringRef Before = Text.take_front(Pos);
  unsigned Line = 1 + Before.count('\n');
  size_t LineStart = Before.rfind('\n');
  unsigned Col = Pos - (LineStart == llvm::StringRef::npos ? 0 : LineStart + 1) + 1;
  return {Line, Col};
}

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
  for (size_t Pos : Bad) {
    bool Begin = Text.substr(Pos).starts_with("NOLINTBEGIN");
    auto [Line, Col] = lineColumn(Text, Pos);
    Problems.push_back(
        Path + ":" + std::to_string(Line) + ":" + std::to_string(Col) + ": " +
        (Begin ? "unmatched 'NOLINTBEGIN' comment without a subsequent "
                 "'NOLINTEND' comment"
               : "unmatched 'NOLINTEND' comment without a previous "
                 "'NOLINTBEGIN' comment") +
        "; it suppresses nothing");
  }
  return Out;
}

bool lineHas(llvm::StringRef Line, NoLintType Type, const std::string &Check) {
  for (const NoLintToken &T : scan(Line))
    if (T.Type == Type && T.suppresses(Check))
      return true;
  return false;
}

} // namespace

struct NoLintFilter::Blocks {
  std::vector<Block> List;
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
  if (!Text || !Pos || Text->find("NOLINT") == llvm::StringRef::npos)
    return false;
  // This line, then NOLINTNEXTLINE on the previous one, then blocks.
  // (StringRef::find_last_of looks strictly before its start position.)
  auto LineAround = [&](size_t At) {
    size_t B = Text->find_last_of('\n', At) + 1; // npos + 1 == 0
    size_t E = std::min(Text->find('\n', At), Text->size());
    return std::make_pair(B, E);
  };
  auto [Begin, End] = LineAround(*Pos);
  if (lineHas(Text->slice(Begin, End), NoLintType::NoLint, Check))
    return true;
  if (Begin > 0) {
    auto [PB, PE] = LineAround(Begin - 1);
    if (lineHas(Text->slice(PB, PE), NoLintType::NoLintNextLine, Check))
      return true;
  }
  std::unique_ptr<Blocks> &B = BlocksByFile[At.File];
  if (!B) {
    B = std::make_unique<Blocks>();
    B->List = formBlocks(At.File, *Text, Problems);
  }
  for (const Block &K : B->List)
    if (K.Begin < *Pos && *Pos < K.End && K.Token.suppresses(Check))
      return true;
  return false;
}

} // namespace memlint
