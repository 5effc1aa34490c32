//===- ExportFixes.cpp ----------------------------------------------------===//
#include "ExportFixes.h"

#include "SourceFiles.h"

#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

namespace memlint {

namespace {

clang::tooling::DiagnosticMessage message(const std::string &Text, const Loc &L,
                                          SourceFiles &Sources) {
  clang::tooling::DiagnosticMessage M(Text);
  M.FilePath = L.File;
  M.FileOffset = Sources.offset(L).value_or(0);
  return M;
}

} // namespace

bool exportFixes(const std::string &Path, const std::vector<Finding> &Findings,
                 const std::string &MainSourceFile, SourceFiles &Sources,
                 std::string &Error) {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  clang::tooling::TranslationUnitDiagnostics TU;
  TU.MainSourceFile = MainSourceFile;
  for (const Finding &F : Findings) {
    clang::tooling::Diagnostic D(
        "memlint-" + F.Rule,
        F.Severity == "error" ? clang::tooling::Diagnostic::Error
                              : clang::tooling::Diagnostic::Warning,
        Cwd);
    D.Message = message(F.Message, F.At, Sources);
    for (const Note &N : F.Notes)
      D.Notes.push_back(message(N.Message, N.At, Sources));
    if (F.FixIsSafe) {
      llvm::StringMap<clang::tooling::Replacements> Fix;
      bool Ok = true;
      for (const Replacement &R : F.Fix) {
        std::optional<size_t> B = Sources.offset(R.Begin);
        std::optional<size_t> E = Sources.offset(R.End);
        if (R.Begin.File != R.End.File || !B || !E || *B > *E) {
          Ok = false; // as --fix: an edit outside the file drops the fix
          break;
        }
        if (llvm::Error Err = Fix[R.Begin.File].add(clang::tooling::Replacement(
                R.Begin.File, unsigned(*B), unsigned(*E - *B), R.Text))) {
          llvm::consumeError(std::move(Err));
          Ok = false;
          break;
        }
      }
      if (Ok)
        D.Message.Fix = std::move(Fix);
    }
    TU.Diagnostics.push_back(std::move(D));
  }

  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC) {
    Error = "cannot write '" + Path + "': " + EC.message();
    return false;
  }
  llvm::yaml::Output YAML(OS);
  YAML << TU;
  OS.close();
  if (OS.has_error()) {
    Error = "cannot write '" + Path + "': " + OS.error().message();
    OS.clear_error();
    return false;
  }
  return true;
}

} // namespace memlint
