//===- SafeIO.h - reading untrusted inputs, removing what memlint made ----===//
//
// Every file memlint reads may come from a repository it does not trust: a
// compile database, a baseline, a findings report, a diff, a rule pack. It
// may be a FIFO (opening it would block), a link to /dev/zero (reading it
// never ends), or a huge or deeply nested JSON document (the parser
// recurses). These helpers check first and fail with a clear message.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_SUPPORT_SAFEIO_H
#define MEMLINT_SUPPORT_SAFEIO_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <string>

namespace llvm {
class MemoryBuffer;
class raw_fd_ostream;
} // namespace llvm

namespace memlint {

/// Size limits of the inputs (docs/security.md).
constexpr uint64_t MaxCompileDatabaseBytes = 1ull << 30; // 1 GiB
constexpr uint64_t MaxReportBytes = 256ull << 20;        // baselines, findings
constexpr uint64_t MaxDiffBytes = 256ull << 20;          // --changed-lines
/// Deepest JSON nesting accepted (memlint's own reports nest 5 deep).
constexpr unsigned MaxJSONDepth = 256;

/// Reads \p Path if it is a regular file (symlinks followed) of at most
/// \p MaxBytes. It is opened non-blocking (a FIFO never hangs) and checked
/// with fstat before any byte is read. On failure: null and \p Error, a
/// phrase such as "not a regular file (a FIFO)" without the path.
std::unique_ptr<llvm::MemoryBuffer>
readRegularFile(const std::string &Path, uint64_t MaxBytes, std::string &Error);

/// Reads standard input up to \p MaxBytes; more is an error.
std::unique_ptr<llvm::MemoryBuffer> readStdin(uint64_t MaxBytes,
                                              std::string &Error);

/// False (and \p Error with the line and column) when \p Text nests arrays
/// and objects deeper than \p MaxDepth. A linear scan that skips strings:
/// run it before handing the text to a recursive parser.
bool checkJSONDepth(llvm::StringRef Text, unsigned MaxDepth, std::string &Error);

/// Removes \p Path: a file or symlink is unlinked, a directory emptied
/// (recursively, never following a symlink: a link inside is removed, not
/// what it points to) and removed. Async-signal-safe. True when it is gone.
bool removeTree(const char *Path);

/// Flushes and closes an output stream; false and \p Error when anything
/// written to it was lost (a full disk, /dev/full, a closed descriptor). The
/// stream's error is cleared either way, so LLVM does not abort later.
bool finishOutput(llvm::raw_fd_ostream &OS, std::string &Error);

/// Opens /dev/null on whichever of descriptors 0, 1 and 2 is closed, so that
/// no file memlint opens later becomes its standard output by accident.
/// Returns true when standard output was closed (anything written to it
/// is then lost: finishStdout reports it).
bool protectStandardDescriptors();

/// Finishes standard output (llvm::outs()) the same way; called once, at
/// the end of main. \p WasClosed: what protectStandardDescriptors returned.
bool finishStdout(bool WasClosed, std::string &Error);

/// Writes \p Bytes to \p Path through a temporary created exclusively
/// (O_EXCL, never through a planted symlink) beside it, renamed over it: a
/// reader sees the old file or the new one, never a mix, and an interrupted
/// run leaves no temporary (Interrupt.h). False and \p Error (without the
/// path) on any failure; the temporary is removed.
bool writeFileAtomically(const std::string &Path, llvm::StringRef Bytes,
                         std::string &Error);

/// The exit code of a run whose report could not be written (docs/cli.md).
constexpr int ExitWriteError = 2;

} // namespace memlint

#endif
