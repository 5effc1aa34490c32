//===- CheckRegistry.cpp --------------------------------------------------===//
#include "CheckRegistry.h"

namespace memlint {

const std::vector<RuleInfo> &implementedRules() {
  static const std::vector<RuleInfo> Rules = {
      {"capacity-retention",
       "a long-lived vector or string emptied after data-dependent bursts "
       "keeps its peak capacity"},
      {"large-copy-into-send",
       "a heap-owning object copied into a thread, task, message or queue "
       "(once, or once per worker in a fan-out)"},
      {"query-in-loop",
       "a database query run once per item of a collection (N+1 queries)"},
      {"shared-ptr-cycle",
       "records that own each other through shared_ptr form cycles reference "
       "counting never frees"},
      {"stream-accumulation",
       "a loop that streams a source appends every element to a container "
       "that outlives it"},
      {"unbounded-container-growth",
       "a long-lived container that is grown and never erased, cleared or "
       "size-bounded"},
      {"unbounded-memoization",
       "a long-lived memo cache filled on every miss and never evicted"},
      {"unbounded-queue",
       "a producer/consumer queue whose push never waits, fails or drops"},
      {"whole-collection-load",
       "a whole file, result set or generated range loaded into memory where "
       "a streaming form exists"},
  };
  return Rules;
}

bool globMatch(const std::string &Pattern, const std::string &Text) {
  // Iterative wildcard match; '*' matches any run of characters.
  size_t P = 0, T = 0, Star = std::string::npos, Mark = 0;
  while (T < Text.size()) {
    if (P < Pattern.size() && Pattern[P] == '*') {
      Star = P++;
      Mark = T;
    } else if (P < Pattern.size() && Pattern[P] == Text[T]) {
      ++P;
      ++T;
    } else if (Star != std::string::npos) {
      P = Star + 1;
      T = ++Mark;
    } else {
      return false;
    }
  }
  while (P < Pattern.size() && Pattern[P] == '*')
    ++P;
  return P == Pattern.size();
}

CheckFilter::CheckFilter() { Globs.push_back({true, "*"}); }

std::optional<CheckFilter> CheckFilter::parse(const std::string &Text,
                                              std::string &Error) {
  CheckFilter F;
  F.Globs.clear();
  size_t Start = 0;
  while (Start <= Text.size()) {
    size_t End = Text.find(',', Start);
    if (End == std::string::npos)
      End = Text.size();
    std::string G = Text.substr(Start, End - Start);
    // Trim blanks and newlines, as .clang-tidy files allow.
    size_t B = G.find_first_not_of(" \t\r\n");
    size_t E = G.find_last_not_of(" \t\r\n");
    G = B == std::string::npos ? "" : G.substr(B, E - B + 1);
    Start = End + 1;
    if (G.empty())
      continue;
    bool Positive = G[0] != '-';
    if (!Positive)
      G.erase(0, 1);
    if (G.empty() || G.find_first_not_of(
                         "abcdefghijklmnopqrstuvwxyz0123456789-_.*") !=
                         std::string::npos) {
      Error = "invalid check glob '" + (Positive ? G : "-" + G) + "'";
      return std::nullopt;
    }
    F.Globs.push_back({Positive, G});
  }
  return F;
}

bool CheckFilter::enabled(const std::string &RuleId) const {
  bool On = false;
  for (const Glob &G : Globs)
    if (globMatch(G.Pattern, RuleId) || globMatch(G.Pattern, "memlint-" + RuleId))
      On = G.Positive;
  return On;
}

std::vector<std::string> CheckFilter::enabledRules() const {
  std::vector<std::string> Out;
  for (const RuleInfo &R : implementedRules())
    if (enabled(R.Id))
      Out.push_back(R.Id);
  return Out;
}

} // namespace memlint
