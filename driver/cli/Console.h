//===- Console.h - what memlint tells a person on stderr ------------------===//
//
// Findings go to the report (stdout or -o); errors and warnings always go to
// stderr. Everything else on stderr (what was used, what was hidden, the
// progress of the run) goes through info(), verbose() and Progress, which
// --quiet silences and -v extends.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_DRIVER_CONSOLE_H
#define MEMLINT_DRIVER_CONSOLE_H

#include <cstddef>
#include <string>

namespace llvm {
class raw_ostream;
}

namespace memlint {

enum class Verbosity { Quiet, Normal, Verbose };
void setVerbosity(Verbosity V);
Verbosity verbosity();

/// stderr for what memlint used and did ("memlint: using ..."), or a sink
/// under --quiet. Clears a progress line first.
llvm::raw_ostream &info();
/// stderr under -v only.
llvm::raw_ostream &verbose();
/// Before anything else is written to stderr while a progress line may be
/// on the terminal: erases it (a no-op otherwise).
void clearStatusLine();

/// `[n/N] file (1.2s)` on stderr as each translation unit finishes, as
/// run-clang-tidy prints: a line each when stderr is not a terminal (logs),
/// one line rewritten in place when it is. Nothing under --quiet, nor for
/// a single file (unless -v).
class Progress {
public:
  Progress(size_t Total, bool Terminal);
  ~Progress() { finish(); }
  void finished(const std::string &File, double Seconds, bool Failed);
  /// Erases the status line on a terminal.
  void finish();

private:
  size_t Total, Done = 0;
  bool Enabled, Terminal;
};

} // namespace memlint

#endif
