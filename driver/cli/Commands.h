//===- Commands.h - memlint subcommands -----------------------------------===//
#ifndef MEMLINT_DRIVER_COMMANDS_H
#define MEMLINT_DRIVER_COMMANDS_H

#include <string>
#include <vector>

namespace memlint {

/// Exit codes of every subcommand (docs/cli.md).
enum ExitCode {
  ExitClean = 0,       // no findings
  ExitFindings = 1,    // findings reported
  ExitUsage = 2,       // usage or configuration error
  ExitInputError = 3,  // some input could not be analyzed
};

struct RuleSet;
struct RuleError;
namespace cli {
class OptionTable;
}

/// A subcommand: `memlint <Name> ...`. Every one is listed in subcommands()
/// (main.cpp), which `memlint --help` and the man page read.
struct Subcommand {
  const char *Name;
  /// Its option table, over options nobody reads (for the top-level help and
  /// the man page). Run builds the same table over its real options.
  cli::OptionTable (*Describe)();
  int (*Run)(const std::vector<std::string> &Args, const std::string &Exe);
};
const std::vector<Subcommand> &subcommands();

int runCheck(const std::vector<std::string> &Args, const std::string &Exe);
cli::OptionTable describeCheck();
int runRules(const std::vector<std::string> &Args, const std::string &Exe);
cli::OptionTable describeRules();
/// `memlint confirm` (harness/, docs/harness.md).
int runConfirm(const std::vector<std::string> &Args, const std::string &Exe);
cli::OptionTable describeConfirm();

/// `memlint merge`, `memlint collect`, `memlint lsp` (IncrementalCommands.cpp,
/// docs/ci.md, docs/bazel.md, docs/editors.md).
int runMerge(const std::vector<std::string> &Args, const std::string &Exe);
cli::OptionTable describeMerge();
int runCollect(const std::vector<std::string> &Args, const std::string &Exe);
cli::OptionTable describeCollect();
int runLsp(const std::vector<std::string> &Args, const std::string &Exe);
cli::OptionTable describeLsp();

/// The shipped packs next to \p Exe, then \p Config if not empty.
bool loadEffectiveRules(const std::string &Exe, const std::string &Config,
                        RuleSet &Rules, std::vector<RuleError> &Errors);

} // namespace memlint

#endif
