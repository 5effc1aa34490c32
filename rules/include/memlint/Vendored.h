//===- Vendored.h - Which files are someone else's code -------------------===//
//
// Findings in vendored code are not reported by default (their facts still
// feed whole-program verdicts): files outside the project root, files under
// a conventionally named directory (third_party/, vendor/, deps/, ...),
// single-file amalgamations of test frameworks (catch.hpp, doctest.h, ...),
// and the `vendored:` globs of .memlint.yaml. The CLI and the clang-tidy
// plugin use this one definition (docs/rules.md, "Vendored code").
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_RULES_VENDORED_H
#define MEMLINT_RULES_VENDORED_H

#include "memlint/RuleSet.h"

#include <optional>
#include <string>

namespace memlint {

/// The top of the git work tree that holds \p Dir (an absolute directory):
/// the nearest directory at or above it with a `.git` entry, or "" outside
/// any work tree.
std::string gitWorkTree(const std::string &Dir);

/// The project root vendoring is judged against: \p Explicit made absolute
/// when given (--project-root), else $MEMLINT_PROJECT_ROOT when set, else
/// the git work tree around the current directory, else "" (unknown: no
/// file counts as outside the project).
std::string vendoringRoot(const std::string &Explicit);

/// Decides whether a file is vendored code.
class VendoredFilter {
public:
  /// \p ProjectRoot is absolute or "" (see vendoringRoot). \p Rules gives
  /// the `vendored:` globs; it must outlive the filter.
  VendoredFilter(const RuleSet &Rules, std::string ProjectRoot);

  /// Why \p Path (absolute, or relative to the current directory) is
  /// vendored code, as a short phrase ("under 'third_party/'", "outside the
  /// project", "in a test framework amalgamation", "matching vendored:
  /// '/p/libs/*'"), or "" when it is the project's own. Directory names count
  /// below the project root only; without a root, below the current
  /// directory only.
  std::string reason(const std::string &Path) const;

  /// Is \p Path test or benchmark code: below the project root, under a
  /// directory named test(s), testing, unittest(s), bench(mark(s)), perf or
  /// fuzz ($MEMLINT_TEST_DIRS, comma-separated, replaces that list); or,
  /// anywhere, a file named test_*, *_test, *_tests, *_unittest,
  /// *_bench(mark), *_fuzzer, *-test or *Test(s) (any extension)?
  bool testCode(const std::string &Path) const;

  const std::string &projectRoot() const { return Root; }

private:
  /// \p Abs relative to the project root (or, without one, to the current
  /// directory); nullopt outside it.
  std::optional<std::string> relative(const std::string &Abs) const;

  const RuleSet &Rules;
  std::string Root, RealRoot;
};

} // namespace memlint

#endif
