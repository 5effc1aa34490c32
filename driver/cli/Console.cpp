//===- Console.cpp - what memlint tells a person on stderr ----------------===//
#include "Console.h"

#include "Output.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/ioctl.h>

namespace memlint {

namespace {
Verbosity Level = Verbosity::Normal;
bool StatusLineShown = false;

/// Width of the terminal on stderr (LLVM's StandardErrColumns reads only
/// $COLUMNS).
size_t terminalColumns() {
  struct winsize W;
  if (::ioctl(2, TIOCGWINSZ, &W) == 0 && W.ws_col > 0)
    return W.ws_col;
  if (size_t C = llvm::sys::Process::StandardErrColumns())
    return C;
  return 80;
}
} // namespace

void setVerbosity(Verbosity V) { Level = V; }
Verbosity verbosity() { return Level; }

void clearStatusLine() {
  if (!StatusLineShown)
    return;
  llvm::errs() << "\r\x1b[K";
  llvm::errs().flush();
  StatusLineShown = false;
}

llvm::raw_ostream &info() {
  if (Level == Verbosity::Quiet)
    return llvm::nulls();
  clearStatusLine();
  return llvm::errs();
}

llvm::raw_ostream &verbose() {
  if (Level != Verbosity::Verbose)
    return llvm::nulls();
  clearStatusLine();
  return llvm::errs();
}

Progress::Progress(size_t Total, bool Terminal)
    : Total(Total),
      Enabled(Level == Verbosity::Verbose ||
              (Level == Verbosity::Normal && Total > 1)),
      // Under -v a line each, so that nothing -v says is overwritten.
      Terminal(Terminal && Level != Verbosity::Verbose) {}

void Progress::finished(const std::string &File, double Seconds,
                        bool Failed) {
  ++Done;
  if (!Enabled)
    return;
  llvm::raw_ostream &OS = llvm::errs();
  std::string Name = printable(displayPath(File));
  std::string Tail = " (" + llvm::formatv("{0:f1}", Seconds).str() + "s" +
                     (Failed ? ", error" : "") + ")";
  std::string Head = "[" + std::to_string(Done) + "/" + std::to_string(Total) +
                     "] ";
  if (Terminal) {
    // One terminal line, or the next \r rewrites only its last part.
    size_t Columns = terminalColumns();
    size_t Room = Columns > Head.size() + Tail.size() + 4
                      ? Columns - 1 - Head.size() - Tail.size()
                      : 20;
    if (Name.size() > Room)
      Name = "..." + Name.substr(Name.size() - (Room - 3));
  }
  OS << (Terminal ? "\r\x1b[K" : "") << Head << Name << Tail;
  if (Terminal) {
    StatusLineShown = true;
  } else {
    OS << "\n";
  }
  OS.flush();
}

void Progress::finish() {
  if (Terminal)
    clearStatusLine();
}

} // namespace memlint
