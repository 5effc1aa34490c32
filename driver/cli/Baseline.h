//===- Baseline.h - fingerprints and baseline files -----------------------===//
//
// A fingerprint names a finding in a way that survives unrelated edits:
//
//   sha256("memlint/v1" NUL rule NUL path NUL text NUL occurrence), hex,
//   first 32 digits
//
//  - path: the file relative to the project root ('/' separators);
//  - text: the flagged source line with comments and all blanks removed
//    (re-indenting, reformatting or moving the line keeps it); the message
//    when the file cannot be read;
//  - occurrence: 0, 1, ... among the findings of that rule, path and text,
//    in line order (two identical flagged lines in one file).
//
// No absolute path, line or column goes in, so lines shifting above a
// finding, a moved checkout or another build directory change nothing; the
// message is left out so that rewording it in a new memlint version does
// not turn known findings into new ones.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_DRIVER_BASELINE_H
#define MEMLINT_DRIVER_BASELINE_H

#include "Finding.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace memlint {

class SourceFiles;

/// The key fingerprints are published under (SARIF partialFingerprints).
extern const char FingerprintScheme[];

/// \p Line without comments and blanks.
std::string normalizedLineText(llvm::StringRef Line);

/// One fingerprint per finding, in order. \p Findings must be sorted.
std::vector<std::string> computeFingerprints(const std::vector<Finding> &Findings,
                                             const std::string &Root,
                                             SourceFiles &Sources);

struct BaselineEntry {
  std::string Fingerprint;
  // For people reading the file and for the "gone" report; matching uses
  // only the fingerprint.
  std::string Rule;
  std::string File; // relative to the project root
  unsigned Line = 0;
  std::string Message;
};

bool readBaseline(const std::string &Path, std::vector<BaselineEntry> &Out,
                  std::string &Error);
/// Sorted by file, line, rule: a stable file that diffs well in review.
bool writeBaseline(const std::string &Path, std::vector<BaselineEntry> Entries,
                   const char *Version, std::string &Error);

} // namespace memlint

#endif
