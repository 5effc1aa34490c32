//===- Paths.cpp - File system helpers, pack discovery, excludes ----------===//
//
// Built like LLVM (no RTTI, no EH); uses llvm::sys so paths behave as in the
// rest of memlint.
//
//===----------------------------------------------------------------------===//
#include "Internal.h"
#include "memlint/RuleLoader.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

#include <cstdlib>

// The packs relative to the directory of the binary that reads them: the
// memlint command in <prefix>/bin, the plugin in <prefix>/<libdir> (which
// may be lib/<multiarch>). Relative, so an installed tree can move; a build
// tree has the same shape (build/share/memlint links to rules/packs).
#ifndef MEMLINT_LIBDIR_TO_PACKS
#define MEMLINT_LIBDIR_TO_PACKS "../share/memlint"
#endif

namespace memlint {
namespace detail {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

bool readRuleFile(const std::string &Path, std::string &Contents,
                  std::string &Error) {
  fs::file_status Status;
  if (std::error_code EC = fs::status(Path, Status)) {
    Error = EC.message();
    return false;
  }
  if (Status.type() != fs::file_type::regular_file) {
    Error = "not a regular file";
    return false;
  }
  if (Status.getSize() > MaxRuleFileBytes) {
    Error = "larger than " + std::to_string(MaxRuleFileBytes >> 20) + " MiB";
    return false;
  }
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    Error = Buffer.getError().message();
    return false;
  }
  Contents = (*Buffer)->getBuffer().str();
  return true;
}

size_t firstInvalidUTF8(const std::string &Text) {
  const auto *Begin = reinterpret_cast<const llvm::UTF8 *>(Text.data());
  const llvm::UTF8 *At = Begin;
  if (llvm::isLegalUTF8String(&At, Begin + Text.size()))
    return Text.size();
  return size_t(At - Begin);
}

bool entryExists(const std::string &Path) {
  fs::file_status Status;
  return !fs::status(Path, Status, /*Follow=*/false);
}

bool isDirectory(const std::string &Path) { return fs::is_directory(Path); }

bool isRegularFile(const std::string &Path) {
  return fs::is_regular_file(Path);
}

std::string parentPath(const std::string &Path) {
  return path::parent_path(Path).str();
}

std::string joinPath(const std::string &Dir, const std::string &Name) {
  if (Dir.empty())
    return Name;
  llvm::SmallString<256> P(Dir);
  path::append(P, Name);
  return std::string(P.str());
}

bool isAbsolutePath(const std::string &Path) {
  return path::is_absolute(Path);
}

std::string makeAbsolute(const std::string &Path) {
  llvm::SmallString<256> P(Path);
  fs::make_absolute(P); // only fails if the cwd is gone; P stays relative
  path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P.str());
}

std::string realPath(const std::string &Path) {
  llvm::SmallString<256> Real;
  if (fs::real_path(Path, Real))
    return "";
  return std::string(Real.str());
}

bool listFiles(const std::string &Dir, const std::string &Suffix,
               std::vector<std::string> &Names, std::string &Error) {
  std::error_code EC;
  for (fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    std::string Name = path::filename(It->path()).str();
    if (Name.size() <= Suffix.size() ||
        Name.compare(Name.size() - Suffix.size(), Suffix.size(), Suffix) != 0)
      continue;
    if (!fs::is_regular_file(It->path()))
      continue;
    Names.push_back(Name);
  }
  if (EC) {
    Error = "cannot list '" + Dir + "': " + EC.message();
    return false;
  }
  std::sort(Names.begin(), Names.end());
  return true;
}

bool checkGlob(const std::string &Pattern, std::string &Error) {
  auto G = llvm::GlobPattern::create(Pattern);
  if (!G) {
    Error = llvm::toString(G.takeError());
    return false;
  }
  return true;
}

bool globMatches(const std::string &Pattern, const std::string &Text) {
  auto G = llvm::GlobPattern::create(Pattern);
  if (!G) {
    llvm::consumeError(G.takeError());
    return false;
  }
  return G->match(Text);
}

} // namespace detail

std::string findUserConfig(const std::string &SourceFile) {
  std::string Dir = detail::parentPath(detail::makeAbsolute(SourceFile));
  while (!Dir.empty()) {
    std::string Candidate = detail::joinPath(Dir, UserConfigFileName);
    // Anything by that name is the configuration: one that cannot be read
    // (a dangling link, a directory, a FIFO) is an error, not a reason to
    // run the checks it disables.
    if (detail::entryExists(Candidate))
      return Candidate;
    std::string Parent = detail::parentPath(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return "";
}

std::vector<std::string> defaultPackDirs(const std::string &ExecutablePath) {
  if (const char *Env = std::getenv("MEMLINT_PACKS_DIR"))
    if (*Env)
      return {detail::makeAbsolute(Env)};
  std::string Exe = ExecutablePath;
  if (Exe.empty()) // the running program (/proc/self/exe)
    Exe = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  if (Exe.empty())
    return {};
  std::string Dir = detail::parentPath(detail::makeAbsolute(Exe));
  std::vector<std::string> Tried;
  for (const char *Rel : {"../share/memlint", MEMLINT_LIBDIR_TO_PACKS}) {
    std::string Candidate = detail::makeAbsolute(detail::joinPath(Dir, Rel));
    if (detail::isDirectory(Candidate))
      return {Candidate};
    Tried.push_back(Candidate);
  }
  // Not there: loading reports this directory as missing.
  return {Tried.front()};
}

bool isExcluded(const RuleSet &Rules, const std::string &Path) {
  if (Rules.Excludes.empty())
    return false;
  std::string Abs = detail::makeAbsolute(Path);
  std::string Name = llvm::sys::path::filename(Abs).str();
  for (const std::string &Glob : Rules.Excludes) {
    // A glob without '/' matches the file name in any directory; the loader
    // made every other glob absolute.
    const std::string &Subject =
        Glob.find('/') == std::string::npos ? Name : Abs;
    if (detail::globMatches(Glob, Subject))
      return true;
  }
  return false;
}

} // namespace memlint
