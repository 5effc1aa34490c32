//===- Output.cpp ---------------------------------------------------------===//
#include "Output.h"

#include "FindingJSON.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

namespace memlint {

std::string displayPath(const std::string &Path) {
  static const std::string Cwd = [] {
    llvm::SmallString<256> D;
    if (llvm::sys::fs::current_path(D))
      return std::string();
    return std::string(D.str());
  }();
  llvm::StringRef P(Path);
  if (!Cwd.empty() && P.starts_with(Cwd) && P.size() > Cwd.size() &&
      llvm::sys::path::is_separator(P[Cwd.size()]))
    return P.drop_front(Cwd.size() + 1).str();
  return Path;
}

static void position(llvm::raw_ostream &OS, const Loc &L) {
  OS << displayPath(L.File) << ':' << L.Line << ':' << L.Column << ": ";
}

void writeText(llvm::raw_ostream &OS, const Report &R) {
  for (const Finding &F : R.Findings) {
    position(OS, F.At);
    OS << F.Severity << ": " << F.Message << " [memlint-" << F.Rule << "]\n";
    for (const Note &N : F.Notes) {
      position(OS, N.At);
      OS << "note: " << N.Message << "\n";
    }
  }
}

void writeJSON(llvm::raw_ostream &OS, const Report &R, const char *Version) {
  llvm::json::Array Findings, Errors;
  for (const Finding &F : R.Findings)
    Findings.push_back(findingToJSON(F, displayPath));
  for (const InputError &E : R.Errors)
    Errors.push_back(llvm::json::Object{{"file", displayPath(E.File)},
                                        {"message", E.Message}});
  llvm::json::Object Root{
      {"version", 1},
      {"tool", llvm::json::Object{{"name", "memlint"}, {"version", Version}}},
      {"findings", std::move(Findings)},
      {"errors", std::move(Errors)}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Root))) << "\n";
}

} // namespace memlint
