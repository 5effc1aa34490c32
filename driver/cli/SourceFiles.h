//===- SourceFiles.h - source text and project-relative paths -------------===//
//
// The post-processing steps (NOLINT comments, fingerprints, SARIF columns)
// read the text of the files findings point into; each file is read once.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_DRIVER_SOURCEFILES_H
#define MEMLINT_DRIVER_SOURCEFILES_H

#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class MemoryBuffer;
}

namespace memlint {

struct Loc;

class SourceFiles {
public:
  SourceFiles();
  ~SourceFiles();
  /// The whole text of an absolute path; nullopt when it cannot be read.
  std::optional<llvm::StringRef> text(const std::string &Path);
  /// Line \p Line (1-based) without its line break; nullopt past the end.
  std::optional<llvm::StringRef> line(const std::string &Path, unsigned Line);
  /// Byte offset of a position in its file.
  std::optional<size_t> offset(const Loc &L);

private:
  struct File {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<size_t> LineStarts;
  };
  File *get(const std::string &Path);
  std::map<std::string, File> Files;
};

/// Absolute, dot-free form of \p Path (relative paths are taken from the
/// current directory).
std::string absolutePath(const std::string &Path);

/// The project root paths are made relative to: \p Explicit if given, else
/// the top of the git work tree around the current directory (the nearest
/// parent holding `.git`), else the current directory. Absolute, no
/// trailing separator.
std::string findProjectRoot(const std::string &Explicit);

/// \p Path relative to \p Root with '/' separators; nullopt when outside it.
std::optional<std::string> relativeTo(const std::string &Root,
                                      const std::string &Path);

/// \p Path relative to \p Root, climbing with "../" when outside it (a stable
/// name as long as the project's layout is).
std::string projectPath(const std::string &Root, const std::string &Path);

/// The directory of the nearest compile_commands.json above \p File (an
/// absolute path): in a parent directory or in its build/ subdirectory
/// (where clangd looks), up to the top of the git work tree around the file;
/// outside any work tree, up to the current directory when the file is below
/// it, else in the file's own directory only. Empty when there is none.
std::string findCompileDatabaseDir(const std::string &File);

/// `file:///...` for an absolute path, percent-encoded (RFC 3986); a
/// trailing '/' when \p Directory.
std::string fileUri(const std::string &AbsPath, bool Directory = false);
/// Percent-encodes a relative path for use as a URI reference.
std::string uriPath(llvm::StringRef Path);

} // namespace memlint

#endif
