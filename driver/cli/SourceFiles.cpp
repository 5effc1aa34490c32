//===- SourceFiles.cpp ----------------------------------------------------===//
#include "SourceFiles.h"

#include "Finding.h"
#include "SafeIO.h"

#include "memlint/Vendored.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace memlint {

SourceFiles::SourceFiles() = default;
SourceFiles::~SourceFiles() = default;

SourceFiles::File *SourceFiles::get(const std::string &Path) {
  auto It = Files.find(Path);
  if (It == Files.end()) {
    File F;
    // Regular files only, of bounded size (a finding's file may have been
    // replaced by a FIFO or a device since it was analyzed).
    std::string Error;
    if (auto Buf = readRegularFile(Path, 1ull << 30, Error)) {
      F.Buffer = std::move(Buf);
      llvm::StringRef T = F.Buffer->getBuffer();
      F.LineStarts.push_back(0);
      for (size_t I = 0; I < T.size(); ++I)
        if (T[I] == '\n')
          F.LineStarts.push_back(I + 1);
    }
    It = Files.emplace(Path, std::move(F)).first;
  }
  return It->second.Buffer ? &It->second : nullptr;
}

std::optional<llvm::StringRef> SourceFiles::text(const std::string &Path) {
  if (File *F = get(Path))
    return F->Buffer->getBuffer();
  return std::nullopt;
}

std::optional<llvm::StringRef> SourceFiles::line(const std::string &Path,
                                                 unsigned Line) {
  File *F = get(Path);
  if (!F || Line == 0 || Line > F->LineStarts.size())
    return std::nullopt;
  llvm::StringRef T = F->Buffer->getBuffer();
  size_t Begin = F->LineStarts[Line - 1];
  size_t End = Line < F->LineStarts.size() ? F->LineStarts[Line] - 1 : T.size();
  if (Begin > T.size())
    return std::nullopt;
  llvm::StringRef L = T.slice(Begin, End);
  if (L.ends_with("\r"))
    L = L.drop_back();
  return L;
}

std::optional<size_t> SourceFiles::offset(const Loc &L) {
  File *F = get(L.File);
  if (!F || L.Line == 0 || L.Line > F->LineStarts.size())
    return std::nullopt;
  size_t Off = F->LineStarts[L.Line - 1] + (L.Column ? L.Column - 1 : 0);
  return std::min(Off, F->Buffer->getBufferSize());
}

std::string absolutePath(const std::string &Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P.str());
}

std::string findProjectRoot(const std::string &Explicit) {
  if (!Explicit.empty()) {
    std::string R = absolutePath(Explicit);
    while (R.size() > 1 && llvm::sys::path::is_separator(R.back()))
      R.pop_back();
    return R;
  }
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    return ".";
  std::string Top = gitWorkTree(Cwd.str().str());
  return Top.empty() ? std::string(Cwd.str()) : Top;
}

std::string findCompileDatabaseDir(const std::string &File) {
  // How far up to look: the top of the git work tree around the file (a
  // database above it describes another project, and its flags could write
  // files: docs/security.md); outside any work tree, the current directory
  // when the file is below it, else the file's own directory.
  llvm::StringRef Dir = llvm::sys::path::parent_path(File);
  std::string Top = gitWorkTree(Dir.str());
  if (Top.empty()) {
    llvm::SmallString<256> Cwd;
    if (!llvm::sys::fs::current_path(Cwd) && relativeTo(Cwd.str().str(), File))
      Top = Cwd.str().str();
    else
      Top = Dir.str();
  }
  for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
    for (const char *Sub : {"", "build"}) {
      llvm::SmallString<256> P(D);
      llvm::sys::path::append(P, Sub, "compile_commands.json");
      if (llvm::sys::fs::is_regular_file(P))
        return std::string(llvm::sys::path::parent_path(P));
    }
    if (D == Top || D == llvm::sys::path::root_path(D))
      break;
  }
  return "";
}

std::optional<std::string> relativeTo(const std::string &Root,
                                      const std::string &Path) {
  llvm::StringRef P(Path);
  if (Root == "/")
    return P.drop_front(1).str();
  if (!P.starts_with(Root) || P.size() <= Root.size() ||
      !llvm::sys::path::is_separator(P[Root.size()]))
    return std::nullopt;
  return llvm::sys::path::convert_to_slash(P.drop_front(Root.size() + 1));
}

std::string projectPath(const std::string &Root, const std::string &Path) {
  if (std::optional<std::string> R = relativeTo(Root, Path))
    return *R;
  // Climb from the root to the first common ancestor.
  std::string Up;
  llvm::StringRef Base = Root;
  while (!Base.empty() && Base != "/") {
    Base = llvm::sys::path::parent_path(Base);
    Up += "../";
    if (Base == "/" || Base.empty())
      return Up + llvm::StringRef(Path).ltrim('/').str();
    if (std::optional<std::string> R = relativeTo(Base.str(), Path))
      return Up + *R;
  }
  return Path;
}

std::string uriPath(llvm::StringRef Path) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      Out += C;
    } else {
      Out += '%';
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    }
  }
  return Out;
}

std::string fileUri(const std::string &AbsPath, bool Directory) {
  std::string P = llvm::sys::path::convert_to_slash(AbsPath);
  if (P.empty() || P[0] != '/')
    P = "/" + P;
  std::string U = "file://" + uriPath(P);
  if (Directory && U.back() != '/')
    U += '/';
  return U;
}

} // namespace memlint
