//===- Output.h - the CLI's emitters --------------------------------------===//
#ifndef MEMLINT_DRIVER_OUTPUT_H
#define MEMLINT_DRIVER_OUTPUT_H

#include "Finding.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
}

namespace memlint {

struct Report {
  std::vector<Finding> Findings; // sorted, deduplicated
  std::vector<InputError> Errors;
  // Filled by PostProcessor::run for the CI formats:
  std::vector<std::string> Fingerprints; // one per finding (Baseline.h)
  std::string ProjectRoot;               // what CI paths are relative to
  std::vector<std::string> Rules;        // the enabled rule ids
  bool BaselineInUse = false;            // what is left is new
};

class SourceFiles;

/// A page of the published docs (MEMLINT_DOCS_URL): "checks/<rule>.md" is a
/// rule's (SARIF helpUri, the language server's diagnostic links).
std::string docsUrl(const std::string &Page);
/// A 1-based byte column as 1-based UTF-16 code units from the line start
/// (SARIF's and LSP's columns).
unsigned utf16Column(SourceFiles &Sources, const Loc &L);

/// Relative to the current directory when the file is below it, else as is.
std::string displayPath(const std::string &Path);

/// Text for a terminal: control characters (an escape sequence or a newline
/// in a message or a file name), C1 controls and bidirectional overrides
/// written as clang does, `<U+001B>`; bytes that are not UTF-8 as `\xEF`
/// (terminalSafe, Escape.h).
std::string printable(llvm::StringRef Text);

/// How the text report looks (--color, --show-confidence).
struct TextStyle {
  bool Color = false;       // ANSI colours, as clang's
  bool SourceLines = false; // each position's source line and a caret
  bool Confidence = false;  // "(confidence: high)" after the headline
};

/// clang style: `file:line:col: warning: headline [memlint-rule]`, then the
/// notes. The finding's Detail is not printed (its notes carry it).
void writeText(llvm::raw_ostream &OS, const Report &R,
               const TextStyle &Style = {});
/// The versioned JSON report (docs/schema/memlint-report.schema.json).
void writeJSON(llvm::raw_ostream &OS, const Report &R, const char *Version);
/// SARIF 2.1.0 as GitHub code scanning ingests it (Sarif.cpp).
void writeSarif(llvm::raw_ostream &OS, const Report &R, const char *Version);
/// GitLab Code Quality (the Code Climate issue format).
void writeCodeClimate(llvm::raw_ostream &OS, const Report &R);
/// GitHub Actions workflow commands: one `::warning file=...::` per finding.
void writeGitHub(llvm::raw_ostream &OS, const Report &R);
/// Any of the formats above by its --format name.
void writeReport(llvm::raw_ostream &OS, const Report &R,
                 const std::string &Format, const char *Version,
                 const TextStyle &Style = {});

} // namespace memlint

#endif
