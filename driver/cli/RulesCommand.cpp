//===- RulesCommand.cpp - `memlint rules list|validate` -------------------===//
#include "Commands.h"

#include "memlint/RuleLoader.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace memlint {

static const char RulesUsage[] =
    "usage: memlint rules list [--config <file>]\n"
    "       memlint rules validate <file>...\n"
    "\n"
    "  list       print every effective rule entry and where it came from\n"
    "  validate   check rule packs (*.yaml) and configurations (.memlint.yaml)\n"
    "             against the schema; errors are file:line:column: message\n";

static int printErrors(const std::vector<RuleError> &Errors) {
  for (const RuleError &E : Errors)
    llvm::errs() << E.str() << "\n";
  return Errors.empty() ? ExitClean : ExitUsage;
}

static bool hasTopLevelPackKey(const std::string &File) {
  auto Buf = llvm::MemoryBuffer::getFile(File);
  if (!Buf)
    return false; // let the loader report the unreadable file
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  (*Buf)->getBuffer().split(Lines, '\n');
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
  if (Args.empty() || Args[0] == "--help" || Args[0] == "-h") {
    (Args.empty() ? llvm::errs() : llvm::outs()) << RulesUsage;
    return Args.empty() ? ExitUsage : ExitClean;
  }
  if (Args[0] == "list") {
    std::string Config;
    for (size_t I = 1; I < Args.size(); ++I) {
      llvm::StringRef A = Args[I];
      if (A.consume_front("--config=")) {
        Config = A.str();
      } else if (A == "--config" && I + 1 < Args.size()) {
        Config = Args[++I];
      } else {
        llvm::errs() << "memlint: error: unexpected argument '" << Args[I]
                     << "'\n" << RulesUsage;
        return ExitUsage;
      }
    }
    RuleSet Rules;
    std::vector<RuleError> Errors;
    if (!loadEffectiveRules(Exe, Config, Rules, Errors))
      return printErrors(Errors);
    llvm::outs() << describeRuleSet(Rules);
    return ExitClean;
  }
  if (Args[0] == "validate") {
    if (Args.size() < 2) {
      llvm::errs() << "memlint: error: no file to validate\n" << RulesUsage;
      return ExitUsage;
    }
    std::vector<RuleError> Errors;
    for (size_t I = 1; I < Args.size(); ++I) {
      const std::string &File = Args[I];
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
  llvm::errs() << "memlint: error: unknown rules command '" << Args[0] << "'\n"
               << RulesUsage;
  return ExitUsage;
}

} // namespace memlint
