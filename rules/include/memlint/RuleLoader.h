//===- RuleLoader.h - Load rule packs and .memlint.yaml into a RuleSet ----===//
//
// The only way API knowledge enters memlint. Every function here is
// noexcept in practice: yaml-cpp and its exceptions stay inside the loader's
// translation unit, and every problem becomes a RuleError.
//
// Typical front-end sequence:
//   RuleSet Rules;
//   std::vector<RuleError> Errors;
//   bool Ok = loadDefaultPacks(defaultPackDirs(MainExecutable), Rules, Errors);
//   std::string Config = findUserConfig(SourceFile);
//   if (!Config.empty())
//     Ok &= loadUserConfig(Config, Rules, Errors);
//   for (const RuleError &E : Errors) llvm::errs() << E.str() << "\n";
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_RULES_RULELOADER_H
#define MEMLINT_RULES_RULELOADER_H

#include "memlint/RuleSet.h"

#include <string>
#include <vector>

namespace memlint {

/// The schema version this build reads (`schema: 1`).
constexpr int RuleSchemaVersion = 1;

/// File name of the per-project configuration.
constexpr const char *UserConfigFileName = ".memlint.yaml";

/// One problem in a rule file. Line and Column are 1-based; both are 0 when
/// the problem has no position (an unreadable file).
struct RuleError {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Message;

  /// "file:line:column: message", or "file: message" without a position.
  std::string str() const;
};

/// Loads one pack file. A file that has any error contributes nothing to
/// \p Into (all or nothing), so a RuleSet never holds half a pack. Loading a
/// file that is already in Into.Packs (same real path) is a no-op. Returns
/// false iff errors were appended.
bool loadPack(const std::string &Path, RuleSet &Into,
              std::vector<RuleError> &Errors);

/// Like loadPack, from memory; \p NameForErrors is the File of every error
/// and of every entry's Origin.
bool loadPackText(const std::string &Text, const std::string &NameForErrors,
                  RuleSet &Into, std::vector<RuleError> &Errors);

/// Loads every *.yaml file of the directories, in bytewise order of file
/// name. When two directories hold a file of the same name, the one in the
/// earlier directory is loaded and the other ignored (so a directory listed
/// first can replace a shipped pack). Sets Into.PackDirs to \p Dirs. A
/// directory that does not exist is an error.
bool loadDefaultPacks(const std::vector<std::string> &Dirs, RuleSet &Into,
                      std::vector<RuleError> &Errors);

/// Loads a .memlint.yaml: first its `extends:` (in order; a relative path
/// resolves against the config's directory, a bare name such as `qt` means
/// the shipped pack qt.yaml from Into.PackDirs, or from defaultPackDirs("")
/// when that is empty), then `remove:`, then its own entries, then checks,
/// thresholds and exclude, which override whatever was set before.
/// An extended file that has a top-level `pack:` key is a pack, otherwise
/// another configuration (which may extend further; cycles are errors).
bool loadUserConfig(const std::string &Path, RuleSet &Into,
                    std::vector<RuleError> &Errors);

/// Like loadUserConfig, from memory. Relative `extends:` and `exclude:`
/// paths resolve against the directory part of \p NameForErrors.
bool loadUserConfigText(const std::string &Text,
                        const std::string &NameForErrors, RuleSet &Into,
                        std::vector<RuleError> &Errors);

/// The nearest .memlint.yaml in the source file's directory or above, as an
/// absolute path; "" if there is none. Anything by that name counts (a
/// dangling symlink, a directory, a FIFO): loading it then fails with an
/// error instead of silently running the checks it would disable. A relative \p SourceFile is taken
/// relative to the current directory.
std::string findUserConfig(const std::string &SourceFile);

/// Where the shipped packs are: $MEMLINT_PACKS_DIR when set, else
/// `<dir of the binary>/../share/memlint` (the CLI in bin/, the plugin in
/// lib/; a build tree has build/share/memlint too), found relative to the
/// binary so that an installed tree can be moved. \p ExecutablePath "" means
/// the running program. Never a path compiled in.
std::vector<std::string> defaultPackDirs(const std::string &ExecutablePath);

/// True if \p Path (absolute, or relative to the current directory) matches
/// one of Rules.Excludes. See docs/rules.md for the glob semantics.
bool isExcluded(const RuleSet &Rules, const std::string &Path);

/// Human listing for `memlint rules list`: loaded packs, then every
/// effective entry grouped by section, each with the file:line it came from.
std::string describeRuleSet(const RuleSet &Rules);

/// The effective configuration as a .memlint.yaml (for `--dump-config`):
/// every check and threshold with its effective value, excludes, and every
/// entry. Loading the output with loadUserConfigText into an empty RuleSet
/// gives the same effective configuration. With \p WithOrigins, each value
/// carries a `# file:line:column` comment (or `# default`).
std::string dumpConfig(const RuleSet &Rules, bool WithOrigins = true);

} // namespace memlint

#endif
