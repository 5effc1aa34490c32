//===- RuleSet.cpp - NamePattern, enum names, defaults --------------------===//
//
// Built like LLVM (no RTTI, no EH): this file has no yaml-cpp in it.
//
//===----------------------------------------------------------------------===//
#include "memlint/RuleSet.h"

#include "Internal.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <cstring>

namespace memlint {

namespace {

// Patterns are names, not programs: keep them small and cheap to match.
constexpr size_t MaxRegexLength = 1024;

bool isIdentStart(char C) {
  return std::isalpha(static_cast<unsigned char>(C)) || C == '_';
}
bool isIdentChar(char C) {
  return std::isalnum(static_cast<unsigned char>(C)) || C == '_';
}
bool isIdentifier(const std::string &S) {
  if (S.empty() || !isIdentStart(S[0]))
    return false;
  for (char C : S)
    if (!isIdentChar(C))
      return false;
  return true;
}

// Operator spellings after the keyword `operator` (conversion operators are
// handled separately).
const char *const OperatorSpellings[] = {
    "+",  "-",  "*",  "/",   "%",   "^",  "&",  "|",      "~",     "!",
    "=",  "<",  ">",  "+=",  "-=",  "*=", "/=", "%=",     "^=",    "&=",
    "|=", "<<", ">>", ">>=", "<<=", "==", "!=", "<=",     ">=",    "<=>",
    "&&", "||", "++", "--",  ",",   "->*", "->", "()",    "[]",    " new",
    " delete", " new[]", " delete[]", " co_await", "\"\""};

bool isOperatorName(const std::string &S) {
  static const std::string Kw = "operator";
  if (S.compare(0, Kw.size(), Kw) != 0)
    return false;
  std::string Rest = S.substr(Kw.size());
  if (Rest.empty() || isIdentChar(Rest[0]))
    return false; // "operator" alone, or an identifier like "operators"
  for (const char *Op : OperatorSpellings)
    if (Rest == Op)
      return true;
  // User-defined literal: operator""_x
  if (Rest.size() > 2 && Rest.compare(0, 2, "\"\"") == 0)
    return isIdentifier(Rest.substr(2));
  // Conversion: operator bool, operator std::string, operator char*.
  if (Rest[0] != ' ' || Rest.size() < 2 || !isIdentStart(Rest[1]))
    return false;
  for (size_t I = 1; I < Rest.size(); ++I) {
    char C = Rest[I];
    if (!isIdentChar(C) && C != ':' && C != '*' && C != '&' && C != ' ')
      return false;
  }
  return Rest.back() != ' ';
}

} // namespace

namespace detail {

bool isValidUnqualifiedName(const std::string &Name) {
  if (isIdentifier(Name) || isOperatorName(Name))
    return true;
  return Name.size() > 1 && Name[0] == '~' && isIdentifier(Name.substr(1));
}

bool isValidQualifiedName(const std::string &Name, std::string &Why) {
  if (Name.empty()) {
    Why = "empty name";
    return false;
  }
  size_t Pos = Name.compare(0, 2, "::") == 0 ? 2 : 0;
  while (true) {
    // An operator segment runs to the end: its spelling may contain "::"
    // (operator std::string) or ':' characters we must not split on.
    size_t End;
    if (Name.compare(Pos, 8, "operator") == 0 &&
        (Pos + 8 == Name.size() || !isIdentChar(Name[Pos + 8])))
      End = Name.size();
    else
      End = Name.find("::", Pos);
    std::string Segment =
        Name.substr(Pos, End == std::string::npos ? std::string::npos
                                                   : End - Pos);
    if (!isValidUnqualifiedName(Segment)) {
      if (Segment.empty())
        Why = "empty name component";
      else if (Segment.find('<') != std::string::npos)
        Why = "template arguments are not part of a name (write the "
              "template's name alone, e.g. 'std::vector')";
      else if (Segment.find(':') != std::string::npos)
        Why = "use '::' between name components";
      else if (Segment.find_first_of(" \t") != std::string::npos)
        Why = "unexpected whitespace";
      else if (Segment.find_first_of("*.?+()[]|^$\\") != std::string::npos)
        Why = "not a plain name (a regular expression needs the 're:' "
              "prefix)";
      else
        Why = "'" + Segment + "' is not an identifier or operator name";
      return false;
    }
    if (End == std::string::npos || End == Name.size())
      return true;
    Pos = End + 2;
  }
}

} // namespace detail

namespace {

/// The literal starts of the anchored ERE "^(Body)$": every name it
/// matches starts with one of them (one per top-level alternative), and
/// none when an alternative has no literal start or the body is in doubt.
/// A regex match costs llvm::Regex thousands of instructions, and matches()
/// runs for every pattern of a section on each name a translation unit looks
/// up, most of which ("clang::", "llvm::") start as no pattern does:
/// comparing these first rejects those for the cost of a compare, with the
/// same result.
std::vector<std::string> literalStarts(const std::string &Body) {
  // Bracket expressions holding classes ("[[:alpha:]]") end at a later ']'
  // than the scan below assumes; not worth the parse.
  for (const char *Class : {"[:", "[.", "[="})
    if (Body.find(Class) != std::string::npos)
      return {};
  std::vector<std::string> Starts; // one per top-level alternative
  std::string Current;
  bool Literal = true; // still in this alternative's literal start
  int Depth = 0;
  for (size_t I = 0; I < Body.size(); ++I) {
    char C = Body[I];
    if (C == '\\') { // an escaped character: stop there
      Literal = false;
      ++I;
    } else if (C == '[') { // a bracket expression: skip it whole
      Literal = false;
      if (I + 1 < Body.size() && Body[I + 1] == '^')
        ++I;
      if (I + 1 < Body.size() && Body[I + 1] == ']')
        ++I;
      while (I + 1 < Body.size() && Body[I + 1] != ']')
        ++I;
      ++I;
    } else if (C == '(' || C == ')') {
      Literal = false;
      Depth += C == '(' ? 1 : -1;
    } else if (C == '|' && Depth == 0) {
      Starts.push_back(Current);
      Current.clear();
      Literal = true;
    } else if (!Literal) {
      continue;
    } else if (std::strchr("*+?{", C)) { // the last character is optional
      if (!Current.empty())
        Current.pop_back();
      Literal = false;
    } else if (std::strchr(".^$|", C)) {
      Literal = false;
    } else {
      Current += C;
    }
  }
  Starts.push_back(Current);
  for (const std::string &S : Starts)
    if (S.empty())
      return {};
  return Starts;
}

} // namespace

std::optional<NamePattern> NamePattern::parse(const std::string &Text,
                                              std::string &Error) {
  NamePattern P;
  P.Text = Text;
  static const std::string Prefix = "re:";
  if (Text.compare(0, Prefix.size(), Prefix) != 0) {
    std::string Why;
    if (!detail::isValidQualifiedName(Text, Why)) {
      Error = "invalid name '" + Text + "': " + Why;
      return std::nullopt;
    }
    return P;
  }
  std::string Body = Text.substr(Prefix.size());
  if (Body.empty()) {
    Error = "empty regular expression after 're:'";
    return std::nullopt;
  }
  if (Body.size() > MaxRegexLength) {
    Error = "regular expression longer than " +
            std::to_string(MaxRegexLength) + " characters";
    return std::nullopt;
  }
  // Counted repetition and back-references make llvm::Regex's compile or
  // match cost explode ("(a{1,255}){1,255}"), and names never need them.
  for (size_t I = 0; I < Body.size(); ++I) {
    if (Body[I] == '\\' && I + 1 < Body.size()) {
      if (std::isdigit(static_cast<unsigned char>(Body[I + 1]))) {
        Error = "invalid regular expression '" + Body +
                "': back-references are not supported in name patterns";
        return std::nullopt;
      }
      ++I;
      continue;
    }
    if (Body[I] == '{') {
      Error = "invalid regular expression '" + Body +
              "': counted repetition '{m,n}' is not supported in name "
              "patterns";
      return std::nullopt;
    }
  }
  // Anchor the whole pattern; "^...$" written by the user stays valid since
  // ERE anchors may appear inside a group.
  auto R = std::make_shared<llvm::Regex>("^(" + Body + ")$");
  std::string RegexError;
  if (!R->isValid(RegexError)) {
    Error = "invalid regular expression '" + Body + "': " + RegexError;
    return std::nullopt;
  }
  P.Regex = std::shared_ptr<const void>(std::move(R));
  P.RegexStarts = literalStarts(Body);
  return P;
}

bool NamePattern::matches(const std::string &QualifiedName) const {
  if (Regex) {
    auto StartsIt = [&](const std::string &Start) {
      return QualifiedName.compare(0, Start.size(), Start) == 0;
    };
    if (!RegexStarts.empty() &&
        std::none_of(RegexStarts.begin(), RegexStarts.end(), StartsIt))
      return false;
    return static_cast<const llvm::Regex *>(Regex.get())->match(QualifiedName);
  }
  if (Text.empty())
    return false;
  // "::getline" and "getline" name the same global function.
  const char *A = Text.c_str(), *B = QualifiedName.c_str();
  if (std::strncmp(A, "::", 2) == 0)
    A += 2;
  if (std::strncmp(B, "::", 2) == 0)
    B += 2;
  return std::strcmp(A, B) == 0;
}

const char *toString(ContainerEffect E) {
  switch (E) {
  case ContainerEffect::Grow: return "grow";
  case ContainerEffect::Erase: return "erase";
  case ContainerEffect::Pop: return "pop";
  case ContainerEffect::PopLast: return "pop_last";
  case ContainerEffect::Clear: return "clear";
  case ContainerEffect::Resize: return "resize";
  case ContainerEffect::Assign: return "assign";
  case ContainerEffect::Consume: return "consume";
  case ContainerEffect::Reserve: return "reserve";
  case ContainerEffect::Release: return "release";
  case ContainerEffect::Lookup: return "lookup";
  case ContainerEffect::Size: return "size";
  case ContainerEffect::Index: return "index";
  case ContainerEffect::Sort: return "sort";
  case ContainerEffect::Read: return "read";
  }
  return "read";
}

std::optional<ContainerEffect> containerEffectFromString(const std::string &S) {
  static const ContainerEffect All[] = {
      ContainerEffect::Grow,    ContainerEffect::Erase,
      ContainerEffect::Pop,     ContainerEffect::PopLast,
      ContainerEffect::Clear,
      ContainerEffect::Resize,  ContainerEffect::Assign,
      ContainerEffect::Consume, ContainerEffect::Reserve,
      ContainerEffect::Release, ContainerEffect::Lookup,
      ContainerEffect::Size,    ContainerEffect::Index,
      ContainerEffect::Sort,    ContainerEffect::Read};
  for (ContainerEffect E : All)
    if (S == toString(E))
      return E;
  return std::nullopt;
}

const char *toString(Severity S) {
  switch (S) {
  case Severity::Note: return "note";
  case Severity::Warning: return "warning";
  case Severity::Error: return "error";
  }
  return "warning";
}

std::optional<Severity> severityFromString(const std::string &S) {
  for (Severity V : {Severity::Note, Severity::Warning, Severity::Error})
    if (S == toString(V))
      return V;
  return std::nullopt;
}

const std::vector<CheckInfo> &knownChecks() {
  // Sorted by id. Defaults are the lead's to tune; docs/rules.md lists them.
  static const std::vector<CheckInfo> Checks = {
      {"capacity-retention", true, Severity::Warning,
       "a long-lived contiguous container is cleared but keeps its peak "
       "capacity"},
      {"large-copy-into-send", true, Severity::Warning,
       "a large object is copied into a message, task or thread"},
      {"query-in-loop", true, Severity::Warning,
       "a database query runs once per loop iteration"},
      {"shared-ptr-cycle", true, Severity::Warning,
       "shared_ptr ownership forms a cycle that is never freed"},
      {"stream-accumulation", true, Severity::Warning,
       "a streamed source is accumulated element by element into memory"},
      {"unbounded-container-growth", true, Severity::Warning,
       "a long-lived container only ever grows"},
      {"unbounded-memoization", true, Severity::Warning,
       "a memo cache inserts every key and never evicts"},
      {"unbounded-queue", true, Severity::Warning,
       "a producer/consumer queue has no bound on its length"},
      {"whole-collection-load", true, Severity::Warning,
       "a whole file, directory or result set is loaded into memory at once"},
  };
  return Checks;
}

const CheckInfo *findCheck(const std::string &Id) {
  for (const CheckInfo &C : knownChecks())
    if (Id == C.Id)
      return &C;
  return nullptr;
}

const std::vector<ThresholdInfo> &knownThresholds() {
  static const std::vector<ThresholdInfo> Thresholds = {
      {"large-copy-bytes", 4096, 1, 1ll << 40,
       "large-copy-into-send: smallest payload size (bytes, from sizeof or a "
       "known element count) that counts as a large copy"},
  };
  return Thresholds;
}

const ThresholdInfo *findThreshold(const std::string &Name) {
  for (const ThresholdInfo &T : knownThresholds())
    if (Name == T.Name)
      return &T;
  return nullptr;
}

const ContainerModel *
RuleSet::findContainer(const std::string &QualifiedName) const {
  for (const ContainerModel &C : Containers)
    for (const NamePattern &P : C.Types)
      if (P.matches(QualifiedName))
        return &C;
  return nullptr;
}

bool RuleSet::isEnabled(const std::string &CheckId) const {
  const CheckInfo *Info = findCheck(CheckId);
  assert(Info && "unknown check id");
  if (!Info)
    return false;
  auto It = Checks.find(CheckId);
  if (It != Checks.end() && It->second.Enabled)
    return *It->second.Enabled;
  return Info->EnabledByDefault;
}

Severity RuleSet::severity(const std::string &CheckId) const {
  const CheckInfo *Info = findCheck(CheckId);
  assert(Info && "unknown check id");
  auto It = Checks.find(CheckId);
  if (It != Checks.end() && It->second.Level)
    return *It->second.Level;
  return Info ? Info->DefaultSeverity : Severity::Warning;
}

long long RuleSet::threshold(const std::string &Name) const {
  auto It = Thresholds.find(Name);
  if (It != Thresholds.end())
    return It->second;
  const ThresholdInfo *Info = findThreshold(Name);
  assert(Info && "unknown threshold");
  return Info ? Info->Default : 0;
}

size_t RuleSet::entryCount() const {
  return Containers.size() + ContainerFunctions.size() + StreamSources.size() +
         WholeLoads.size() + Sends.size() + Queries.size() +
         BoundedTypes.size() + Backpressure.size() + Forks.size() +
         TestAndSet.size() + Pure.size() + Callables.size() + TypeErased.size();
}

} // namespace memlint
