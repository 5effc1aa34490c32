//===- ChangedLines.h - which lines a change touches ----------------------===//
#ifndef MEMLINT_DRIVER_CHANGEDLINES_H
#define MEMLINT_DRIVER_CHANGEDLINES_H

#include "llvm/ADT/StringRef.h"

#include <map>
#include <string>
#include <vector>

namespace memlint {

/// The new-side lines a unified diff adds or modifies, by absolute path.
class ChangedLines {
public:
  /// Parses a unified diff (git's or diff -u's). Paths are taken relative to
  /// \p BaseDir; git's "a/" and "b/" prefixes are dropped. False and
  /// \p Error when the text holds no diff at all... an empty diff is fine.
  bool parse(llvm::StringRef Diff, const std::string &BaseDir,
             std::string &Error);
  /// The change from the merge base of \p Rev and HEAD to the work tree
  /// (staged and unstaged), from `git diff` in the repository around \p Dir.
  bool fromGit(const std::string &Rev, const std::string &Dir,
               std::string &Error);

  bool contains(const std::string &File, unsigned Line) const;
  size_t files() const { return Ranges.size(); }

private:
  /// Sorted, possibly adjacent [first, last] ranges.
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> Ranges;
};

} // namespace memlint

#endif
