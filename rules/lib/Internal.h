//===- Internal.h - Helpers shared by the rules library's .cpp files ------===//
//
// Plain std types only: RuleLoader.cpp (built with exceptions, for yaml-cpp)
// includes this and must not see LLVM headers; Paths.cpp implements it with
// llvm::sys.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_RULES_LIB_INTERNAL_H
#define MEMLINT_RULES_LIB_INTERNAL_H

#include <string>
#include <vector>

namespace memlint {
namespace detail {

/// Largest rule file the loader reads; anything bigger is a mistake.
constexpr unsigned long long MaxRuleFileBytes = 8ull << 20;

/// Reads a regular file (not a device, FIFO or directory) of at most
/// MaxRuleFileBytes. On failure returns false and a message in \p Error.
bool readRuleFile(const std::string &Path, std::string &Contents,
                  std::string &Error);
/// Offset of the first byte that is not valid UTF-8; Text.size() if none.
size_t firstInvalidUTF8(const std::string &Text);
/// True if anything is at \p Path (a dangling symlink, a FIFO ...).
bool entryExists(const std::string &Path);
bool isDirectory(const std::string &Path);
bool isRegularFile(const std::string &Path);
/// Directory part ("" for a bare file name).
std::string parentPath(const std::string &Path);
std::string joinPath(const std::string &Dir, const std::string &Name);
bool isAbsolutePath(const std::string &Path);
/// Absolute (against the current directory), with "." and ".." removed
/// lexically.
std::string makeAbsolute(const std::string &Path);
/// Symlinks resolved; "" if the file does not exist.
std::string realPath(const std::string &Path);
/// Sorted names (not paths) of the regular files in \p Dir ending in
/// \p Suffix. False and \p Error if the directory cannot be read.
bool listFiles(const std::string &Dir, const std::string &Suffix,
               std::vector<std::string> &Names, std::string &Error);
/// Validates a glob as isExcluded will use it.
bool checkGlob(const std::string &Pattern, std::string &Error);
bool globMatches(const std::string &Pattern, const std::string &Text);

/// For tests: the YAML events the loader reads for \p Text, one line each:
/// replayed from the shipped packs' recorded parse (ShippedPacks.h; "" for
/// any other text) or, with \p Replay false, from yaml-cpp's parse.
std::string documentEvents(const std::string &Text, bool Replay);

/// Validates the text of a qualified name ("ns::Class::method",
/// "operator<<", "~Foo") as used by exact NamePatterns and method keys.
bool isValidQualifiedName(const std::string &Name, std::string &Why);
/// One unqualified name: an identifier, ~identifier or operator name.
bool isValidUnqualifiedName(const std::string &Name);

} // namespace detail
} // namespace memlint

#endif
