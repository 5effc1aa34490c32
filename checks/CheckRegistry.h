//===- CheckRegistry.h - the rules memlint implements, and check globs ----===//
#ifndef MEMLINT_CHECKS_CHECKREGISTRY_H
#define MEMLINT_CHECKS_CHECKREGISTRY_H

#include <optional>
#include <string>
#include <vector>

namespace memlint {

struct RuleInfo {
  const char *Id;      // "unbounded-container-growth"
  const char *Summary; // one line for --list-checks and docs
};

/// The implemented rules, sorted by id. Front ends register exactly these.
const std::vector<RuleInfo> &implementedRules();

/// clang-tidy style check globs: comma-separated, '*' wildcard, '-' negates,
/// later globs win. A glob matches the rule id with or without "memlint-".
class CheckFilter {
public:
  /// All implemented rules enabled.
  CheckFilter();
  static std::optional<CheckFilter> parse(const std::string &Globs,
                                          std::string &Error);
  bool enabled(const std::string &RuleId) const;
  std::vector<std::string> enabledRules() const;
  /// Turns a rule off whatever the globs say (a .memlint.yaml `enabled:
  /// false` wins over --checks).
  void disable(const std::string &RuleId) { Globs.push_back({false, RuleId}); }

private:
  struct Glob {
    bool Positive;
    std::string Pattern;
  };
  std::vector<Glob> Globs;
};

/// Shell-style match with '*' only (the clang-tidy glob dialect).
bool globMatch(const std::string &Pattern, const std::string &Text);

} // namespace memlint

#endif
