//===- CompileCommands.h - compile commands for files and languages -------===//
#ifndef MEMLINT_DRIVER_COMPILECOMMANDS_H
#define MEMLINT_DRIVER_COMPILECOMMANDS_H

#include "clang/Tooling/CompilationDatabase.h"

#include <memory>
#include <string>
#include <vector>

namespace memlint {

/// A file's language by its extension, as clang's driver reads it.
enum class SourceLanguage { C, CHeader, Cxx, CxxHeader };

/// Without -p and '--': C sources as `-x c -std=c17`, C++ as `-std=c++17`.
/// A header (.h) is C when a C source of the same name sits beside it (and
/// no C++ one), or when every source among \p Files is C; else C++.
std::unique_ptr<clang::tooling::CompilationDatabase>
defaultCompileCommands(const std::vector<std::string> &Files);

/// \p Inferred answers for files its database lacks with a neighbour's
/// command (LLVM's interpolation, which prefers a file of the same
/// language). When no neighbour is C, a C file would borrow a C++ driver
/// (`clang++` compiles `.c` as C++): this says `-x c` for it.
std::unique_ptr<clang::tooling::CompilationDatabase>
keepLanguage(std::unique_ptr<clang::tooling::CompilationDatabase> Inferred);

} // namespace memlint

#endif
