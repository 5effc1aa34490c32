//===- FindingJSON.h - findings to and from JSON --------------------------===//
#ifndef MEMLINT_CHECKS_FINDINGJSON_H
#define MEMLINT_CHECKS_FINDINGJSON_H

#include "Finding.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/JSON.h"

namespace memlint {

/// The shape of one finding in `--format=json` (docs/schema). \p Path maps
/// the stored absolute path to the one to print.
llvm::json::Value
findingToJSON(const Finding &F,
              llvm::function_ref<std::string(const std::string &)> Path =
                  [](const std::string &P) { return P; });
/// \p Path maps a path read back (decodeWirePath for memlint's own
/// worker results).
bool findingFromJSON(const llvm::json::Value &V, Finding &F,
                     llvm::function_ref<std::string(llvm::StringRef)> Path =
                         [](llvm::StringRef P) { return P.str(); });

/// A local finding in memlint's own JSON (worker results, the facts cache,
/// facts files): the report's shape with paths in the wire encoding
/// (below), plus what decide() reads and a report never shows: the
/// function the finding is in and the loops around it (Finding::Function,
/// Finding::SiteFlags).
llvm::json::Value findingToWire(const Finding &F);
bool findingFromWire(const llvm::json::Value &V, Finding &F);

/// A file name is bytes, a JSON string is Unicode: a path that is not UTF-8
/// would be rewritten to U+FFFD and no longer name its file (its NOLINT
/// comments, fingerprints and fix-its would be lost). Inside memlint's own
/// JSON (worker results, facts) paths travel through this lossless
/// encoding: U+0001 followed by two hex digits stands for one byte (each
/// byte of an invalid sequence, and 0x01 itself); any other text is itself.
std::string encodeWirePath(llvm::StringRef Path);
std::string decodeWirePath(llvm::StringRef Text);

} // namespace memlint

#endif
