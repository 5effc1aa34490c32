//===- CompileCommands.cpp ------------------------------------------------===//
#include "CompileCommands.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace memlint {

namespace {

using clang::tooling::CompilationDatabase;
using clang::tooling::CompileCommand;

bool isCSource(llvm::StringRef File) {
  return llvm::sys::path::extension(File) == ".c";
}

bool isCxxSource(llvm::StringRef File) {
  llvm::StringRef Ext = llvm::sys::path::extension(File);
  return Ext == ".cpp" || Ext == ".cc" || Ext == ".cxx" || Ext == ".c++" ||
         Ext == ".C" || Ext == ".cp" || Ext == ".CPP";
}

bool isHeader(llvm::StringRef File) {
  llvm::StringRef Ext = llvm::sys::path::extension(File);
  return Ext == ".h" || Ext == ".hh" || Ext == ".hpp" || Ext == ".hxx" ||
         Ext == ".h++" || Ext == ".H" || Ext == ".inl" || Ext == ".ipp" ||
         Ext == ".tcc";
}

/// foo.h is C when foo.c is beside it and no C++ source of that name is.
bool hasCSibling(llvm::StringRef Header) {
  llvm::SmallString<256> Stem(Header);
  llvm::sys::path::replace_extension(Stem, "");
  auto Exists = [&](llvm::StringRef Ext) {
    return llvm::sys::fs::exists((Stem + Ext).str());
  };
  return Exists(".c") && !Exists(".cpp") && !Exists(".cc") && !Exists(".cxx");
}

class DefaultDatabase : public CompilationDatabase {
public:
  explicit DefaultDatabase(bool CProject) : CProject(CProject) {}

  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    std::vector<std::string> Args{"clang-tool"};
    SourceLanguage L = language(File);
    switch (L) {
    case SourceLanguage::C:
      Args.insert(Args.end(), {"-x", "c", "-std=c17"});
      break;
    case SourceLanguage::CHeader:
      Args.insert(Args.end(), {"-x", "c-header", "-std=c17"});
      break;
    case SourceLanguage::CxxHeader:
      Args.insert(Args.end(), {"-x", "c++-header", "-std=c++17"});
      break;
    case SourceLanguage::Cxx:
      Args.push_back("-std=c++17");
      break;
    }
    Args.push_back(File.str());
    return {CompileCommand(".", File, std::move(Args), "")};
  }

private:
  SourceLanguage language(llvm::StringRef File) const {
    if (isCSource(File))
      return SourceLanguage::C;
    if (llvm::sys::path::extension(File) == ".h")
      return CProject || hasCSibling(File) ? SourceLanguage::CHeader
                                           : SourceLanguage::CxxHeader;
    if (isHeader(File))
      return SourceLanguage::CxxHeader;
    return SourceLanguage::Cxx;
  }

  bool CProject;
};

/// clang++, g++, c++, x86_64-linux-gnu-g++-12, or --driver-mode=g++.
bool isCxxDriver(const std::vector<std::string> &Args) {
  if (Args.empty())
    return false;
  if (llvm::sys::path::filename(Args.front()).contains("++"))
    return true;
  return llvm::any_of(Args, [](const std::string &A) {
    return llvm::StringRef(A).starts_with("--driver-mode=g++");
  });
}

class LanguageKeepingDatabase : public CompilationDatabase {
public:
  explicit LanguageKeepingDatabase(std::unique_ptr<CompilationDatabase> Inner)
      : Inner(std::move(Inner)) {}

  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    std::vector<CompileCommand> Commands = Inner->getCompileCommands(File);
    if (!isCSource(File))
      return Commands;
    for (CompileCommand &C : Commands) {
      // Only borrowed commands: a database that compiles its own .c file
      // with clang++ means it.
      if (C.Heuristic.empty() || !isCxxDriver(C.CommandLine))
        continue;
      if (llvm::any_of(C.CommandLine, [](const std::string &A) {
            return llvm::StringRef(A).starts_with("-x");
          }))
        continue;
      C.CommandLine.insert(C.CommandLine.begin() + 1, {"-x", "c"});
    }
    return Commands;
  }
  std::vector<std::string> getAllFiles() const override {
    return Inner->getAllFiles();
  }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return Inner->getAllCompileCommands();
  }

private:
  std::unique_ptr<CompilationDatabase> Inner;
};

} // namespace

std::unique_ptr<CompilationDatabase>
defaultCompileCommands(const std::vector<std::string> &Files) {
  bool AnyC = llvm::any_of(Files, [](const std::string &F) {
    return isCSource(F);
  });
  bool AnyCxx = llvm::any_of(Files, [](const std::string &F) {
    return isCxxSource(F);
  });
  return std::make_unique<DefaultDatabase>(AnyC && !AnyCxx);
}

std::unique_ptr<CompilationDatabase>
keepLanguage(std::unique_ptr<CompilationDatabase> Inferred) {
  return std::make_unique<LanguageKeepingDatabase>(std::move(Inferred));
}

} // namespace memlint
