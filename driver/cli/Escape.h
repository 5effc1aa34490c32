//===- Escape.h - analyzed text on a terminal, in CI logs, in JSON --------===//
//
// Messages quote analyzed code (SQL literals, names) and name files the
// repository chose; neither may reach a terminal or a CI log raw. A file
// name holding a newline must not forge a finding line, an ESC must not
// drive the terminal, a bidirectional override must not reorder what is
// shown. Escaping happens at output only: memlint keeps the real bytes for
// NOLINT comments, fingerprints and fix-its.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_DRIVER_ESCAPE_H
#define MEMLINT_DRIVER_ESCAPE_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace memlint {

/// For text and GitHub output: control characters (C0 but the tab, DEL, C1)
/// and bidirectional formatting characters become `<U+000A>`, `<U+001B>`,
/// `<U+202E>`; bytes that are not UTF-8 become `\xFF`. Everything else is
/// unchanged.
std::string terminalSafe(llvm::StringRef S);

/// For JSON strings (which escape control characters themselves): bytes that
/// are not UTF-8 become `\xFF` (instead of U+FFFD).
std::string jsonSafe(llvm::StringRef S);

} // namespace memlint

#endif
