//===- ExportFixes.h - --export-fixes: clang-apply-replacements YAML ------===//
#ifndef MEMLINT_DRIVER_EXPORTFIXES_H
#define MEMLINT_DRIVER_EXPORTFIXES_H

#include "Finding.h"

#include <string>
#include <vector>

namespace memlint {

class SourceFiles;

/// Writes \p Findings to \p Path as clang-tidy's --export-fixes does: a
/// clang::tooling::TranslationUnitDiagnostics YAML document that
/// clang-apply-replacements reads. Every finding is a diagnostic (with its
/// notes); only the fix-its checks mark safe carry replacements, so that
/// clang-apply-replacements makes exactly the edits `--fix` would make.
/// False and \p Error when the file cannot be written.
bool exportFixes(const std::string &Path, const std::vector<Finding> &Findings,
                 const std::string &MainSourceFile, SourceFiles &Sources,
                 std::string &Error);

} // namespace memlint

#endif
