//===- RulesCommand.cpp - `memlint rules list|validate` -------------------===//
#include "Commands.h"
#include "Options.h"
#include "SafeIO.h"

#include "memlint/RuleLoader.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

namespace memlint {

namespace {

struct RulesOptions {
  std::string Config;
};

/// The one option table of `memlint rules` (Options.h).
cli::OptionTable rulesTable(RulesOptions &O) {
  cli::OptionTable T("rules", {"list [--config <file>]", "validate <file>..."},
                     "show the effective rule packs, or check pack files");
  T.description("'list' prints every effective rule entry and where it came "
                "from. 'validate' checks rule packs (*.yaml) and "
                "configurations (.memlint.yaml) against the schema; errors "
                "are file:line:column: message.");
  T.string("--config", "<file>", "list: a .memlint.yaml to apply", O.Config)
      .defaultText("the nearest one above the current directory");
  return T;
}

} // namespace

cli::OptionTable describeRules() {
  static RulesOptions Unused; // the table only documents itself here
  return rulesTable(Unused);
}

static int printErrors(const std::vector<RuleError> &Errors) {
  for (const RuleError &E : Errors)
    llvm::errs() << E.str() << "\n";
  return Errors.empty() ? ExitClean : ExitUsage;
}

static bool hasTopLevelPackKey(const std::string &File) {
  // Never more than the loader would read (a link to /dev/zero, a FIFO).
  std::string Error;
  auto Buf = readRegularFile(File, 8 << 20, Error);
  if (!Buf)
    return false; // let the loader report the unreadable file
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Buf->getBuffer().split(Lines, '\n');
  for (llvm::StringRef L : Lines)
    if (L.starts_with("pack:") || L.starts_with("pack :"))
      return true;
  return false;
}

/// Loads the shipped packs and, if given, a configuration.
bool loadEffectiveRules(const std::string &Exe, const std::string &Config,
                        RuleSet &Rules, std::vector<RuleError> &Errors) {
  loadDefaultPacks(defaultPackDirs(Exe), Rules, Errors);
  if (!Config.empty())
    loadUserConfig(Config, Rules, Errors);
  return Errors.empty();
}

int runRules(const std::vector<std::string> &Args, const std::string &Exe) {
  RulesOptions O;
  cli::OptionTable T = rulesTable(O);
  cli::ParsedArgs P;
  if (std::optional<int> Exit = T.parse(Args, P))
    return *Exit;
  if (P.DashDash)
    return T.usageError("unexpected '--'");
  if (P.Positionals.empty()) {
    T.printHelp(llvm::errs());
    return ExitUsage;
  }
  const std::string &Action = P.Positionals.front();
  std::vector<std::string> Files(P.Positionals.begin() + 1,
                                 P.Positionals.end());
  if (Action == "list") {
    if (!Files.empty())
      return T.usageError("unexpected argument '" + Files.front() + "'");
    // As `check --dump-config`: the current directory's .memlint.yaml.
    if (O.Config.empty())
      O.Config = findUserConfig(UserConfigFileName);
    RuleSet Rules;
    std::vector<RuleError> Errors;
    if (!loadEffectiveRules(Exe, O.Config, Rules, Errors))
      return printErrors(Errors);
    llvm::outs() << describeRuleSet(Rules);
    return ExitClean;
  }
  if (Action == "validate") {
    if (!O.Config.empty())
      return T.usageError("--config applies to 'rules list'; validate the "
                          "file itself: 'memlint rules validate <file>'");
    if (Files.empty())
      return T.usageError("no file to validate");
    std::vector<RuleError> Errors;
    for (const std::string &File : Files) {
      // A file with a top-level `pack:` key is a pack and stands alone;
      // anything else is a configuration, which may extend and override the
      // shipped packs, so it is checked against them (the loader's rule).
      bool IsConfig = !hasTopLevelPackKey(File);
      RuleSet Rules;
      std::vector<RuleError> FileErrors;
      if (IsConfig)
        loadEffectiveRules(Exe, File, Rules, FileErrors);
      else
        loadPack(File, Rules, FileErrors);
      if (FileErrors.empty())
        llvm::outs() << File << ": valid\n";
      Errors.insert(Errors.end(), FileErrors.begin(), FileErrors.end());
    }
    return printErrors(Errors);
  }
  std::string Message = "unknown rules command '" + Action + "'";
  std::string Near = cli::closest(
      Action, std::vector<std::string>{"list", "validate"});
  if (!Near.empty())
    Message += "; did you mean '" + Near + "'?";
  return T.usageError(Message);
}

} // namespace memlint
