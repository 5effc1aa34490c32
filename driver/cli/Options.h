//===- Options.h - one option table for every memlint subcommand ----------===//
//
// Every subcommand declares its options once, in an OptionTable bound to its
// own options struct. From that one table come: parsing, `--help`, the
// defaults, "did you mean" for misspelled options, and the subcommand's part
// of the man page memlint(1) (`memlint --man`, written at build time).
//
// Adding an option to a subcommand is one call in its table function
// (checkTable in CheckCommand.cpp, rulesTable, confirmTable), bound to a
// field of the subcommand's options struct:
//
//   T.number("-j, --jobs", "<n>", "translation units analyzed at once", O.Jobs,
//            /*Min=*/1).defaultText("the number of cores");
//   T.flag("--fix", "apply the fix-its checks mark safe", O.Report.Fix);
//   T.choice("--format", "<format>", "...", O.Format, {"text", "json"})
//       .defaultValue("text");
//
// Adding a subcommand is one entry in subcommands() (main.cpp): its name, a
// describe function that builds its table over options nobody reads (for
// the top-level help and the man page; the table holds the one-line
// summary), and its run function, which builds the same table over its real
// options and calls OptionTable::parse (Commands.h). See docs/cli.md.
//
// Accepted spellings: `--name=value`, `--name value`, `-x value`, `-xvalue`,
// and clang-tidy's single-dash long forms (`-checks=...`, `-fix`).
// Everything after `--` is left to the subcommand. An argument that starts
// with '-' and names no option is a usage error (exit 2) with a suggestion,
// never an input file.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_DRIVER_OPTIONS_H
#define MEMLINT_DRIVER_OPTIONS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
}

namespace memlint {
namespace cli {

/// One option. Made by OptionTable's adders; the setters below refine it.
class Option {
public:
  /// Sets the value the option has when not given (stored at once through
  /// the option's own parser, so the default cannot disagree with --help).
  Option &defaultValue(llvm::StringRef V);
  /// What --help says the default is, when no literal value says it.
  Option &defaultText(llvm::StringRef Text);
  /// Not in --help or the man page (kept for compatibility).
  Option &hidden();

  std::string Short;       // "-j", or empty
  std::string Long;        // "--jobs", or empty
  std::string Meta;        // "<n>"; empty: a flag, which takes no value
  std::string Help;        // one paragraph, wrapped when printed
  std::string Default;     // shown as "(default: ...)" when not empty
  std::vector<std::string> Choices; // the values a choice() accepts
  bool Hidden = false;
  /// Stores a value ("" for a flag); returns an error message, or "".
  std::function<std::string(llvm::StringRef)> Set;

  bool takesValue() const { return !Meta.empty(); }
  /// "-j, --jobs=<n>"
  std::string spelling() const;
  /// "--jobs", or "-j" when there is no long name.
  llvm::StringRef name() const { return Long.empty() ? Short : Long; }
};

/// What parse() leaves to the subcommand.
struct ParsedArgs {
  std::vector<std::string> Positionals; // in order
  bool DashDash = false;                // a `--` was given
  std::vector<std::string> AfterDashDash;
};

class OptionTable {
public:
  /// \p Command is the subcommand ("check"); \p Synopsis its usage lines
  /// after "memlint <command> "; \p Summary one line for `memlint --help`.
  OptionTable(std::string Command, std::vector<std::string> Synopsis,
              std::string Summary);

  // Adders. \p Names is "-j, --jobs", "--checks" or "-o, --output".
  Option &flag(llvm::StringRef Names, llvm::StringRef Help, bool &Out);
  /// A value that may not be empty unless \p AllowEmpty.
  Option &string(llvm::StringRef Names, llvm::StringRef Meta,
                 llvm::StringRef Help, std::string &Out,
                 bool AllowEmpty = false);
  Option &string(llvm::StringRef Names, llvm::StringRef Meta,
                 llvm::StringRef Help, std::optional<std::string> &Out);
  /// Each occurrence appends. (Any other option given twice: the last wins.)
  Option &list(llvm::StringRef Names, llvm::StringRef Meta,
               llvm::StringRef Help, std::vector<std::string> &Out);
  Option &number(llvm::StringRef Names, llvm::StringRef Meta,
                 llvm::StringRef Help, unsigned &Out, unsigned Min = 0,
                 unsigned Max = ~0u);
  Option &number(llvm::StringRef Names, llvm::StringRef Meta,
                 llvm::StringRef Help, uint64_t &Out, uint64_t Min = 0,
                 uint64_t Max = ~uint64_t(0));
  /// One of \p Choices.
  Option &choice(llvm::StringRef Names, llvm::StringRef Meta,
                 llvm::StringRef Help, std::string &Out,
                 std::vector<std::string> Choices);
  /// Anything else: \p Set returns an error message, or "" when accepted.
  Option &custom(llvm::StringRef Names, llvm::StringRef Meta,
                 llvm::StringRef Help,
                 std::function<std::string(llvm::StringRef)> Set);

  /// A paragraph printed after the options, in --help and the man page.
  void note(llvm::StringRef Text) { Notes.push_back(Text.str()); }
  /// A paragraph printed before the options.
  void description(llvm::StringRef Text) { Description = Text.str(); }

  /// Parses \p Args. Returns an exit code when the subcommand should stop:
  /// 0 after --help, 2 after a usage error (already reported); else
  /// std::nullopt with positionals and what follows `--` in \p Out.
  std::optional<int> parse(llvm::ArrayRef<std::string> Args, ParsedArgs &Out);

  /// Reports "memlint: error: <Message>" and where help is; returns 2.
  int usageError(llvm::StringRef Message) const;

  void printHelp(llvm::raw_ostream &OS) const;
  /// This subcommand's section of memlint(1), in roff.
  void printMan(llvm::raw_ostream &OS) const;

  const std::string &command() const { return Command; }
  const std::string &summary() const { return Summary; }
  const std::vector<std::string> &synopsis() const { return Synopsis; }
  const std::deque<Option> &options() const { return Options; }

  /// The closest option to an unknown \p Arg, written as it should have
  /// been ("--jobs=2" for "--jobs2"), or "" when nothing is close.
  std::string suggest(llvm::StringRef Arg) const;

private:
  Option &add(llvm::StringRef Names, llvm::StringRef Meta,
              llvm::StringRef Help,
              std::function<std::string(llvm::StringRef)> Set);
  const Option *find(llvm::StringRef Name) const;

  std::string Command;
  std::vector<std::string> Synopsis;
  std::string Summary;
  std::string Description;
  std::vector<std::string> Notes;
  std::deque<Option> Options; // in --help order; references stay valid
};

/// Edit distance, for "did you mean" over any set of words: the closest of
/// \p Candidates to \p Word, or "" when none is close enough.
std::string closest(llvm::StringRef Word,
                    llvm::ArrayRef<std::string> Candidates);

/// Escapes text for roff (man pages).
std::string roffEscape(llvm::StringRef Text);

} // namespace cli
} // namespace memlint

#endif
