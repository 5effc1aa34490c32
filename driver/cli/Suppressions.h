//===- Suppressions.h - NOLINT comments, as clang-tidy reads them ---------===//
#ifndef MEMLINT_DRIVER_SUPPRESSIONS_H
#define MEMLINT_DRIVER_SUPPRESSIONS_H

#include "Finding.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace memlint {

class SourceFiles;

/// Decides which findings a `NOLINT`, `NOLINTNEXTLINE` or
/// `NOLINTBEGIN`/`NOLINTEND` comment suppresses, with clang-tidy 19's rules,
/// so that `memlint check` and the clang-tidy plugin agree:
///
///  - `NOLINT` on the finding's line, `NOLINTNEXTLINE` on the line before,
///    or the finding inside a `NOLINTBEGIN` ... `NOLINTEND` block;
///  - without parentheses every check is suppressed; `NOLINT(a, b*)` lists
///    check names (`memlint-<rule>`) or globs, negative globs are ignored,
///    `NOLINT()` suppresses nothing;
///  - a `NOLINTEND` closes the innermost open block only if their check
///    lists are the same; an unmatched `NOLINTBEGIN`/`NOLINTEND` suppresses
///    nothing and is reported in problems().
///
/// The finding's own position decides; its notes go with it. As in
/// clang-tidy, a note on a suppressed line is dropped, with the notes after
/// it.
class NoLintFilter {
public:
  explicit NoLintFilter(SourceFiles &Sources);
  ~NoLintFilter();
  /// True when \p F is suppressed; else drops the notes that are.
  bool suppressed(Finding &F);
  /// Unmatched block comments, as "file:line:col: message".
  const std::vector<std::string> &problems() const { return Problems; }

private:
  bool suppressedAt(const Loc &At, const std::string &Check);
  struct Blocks;
  SourceFiles &Sources;
  std::map<std::string, std::unique_ptr<Blocks>> BlocksByFile;
  std::vector<std::string> Problems;
};

} // namespace memlint

#endif
