//===- Output.cpp ---------------------------------------------------------===//
#include "Output.h"

#include "FindingJSON.h"
#include "SourceFiles.h"

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

/// GitLab's severities: info, minor, major, critical, blocker.
static const char *codeClimateSeverity(llvm::StringRef S) {
  if (S == "error")
    return "critical";
  if (S == "note")
    return "info";
  return "major";
}

void writeCodeClimate(llvm::raw_ostream &OS, const Report &R) {
  llvm::json::Array Issues;
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    const Finding &F = R.Findings[I];
    std::string Body;
    for (const Note &N : F.Notes)
      Body += "- `" + projectPath(R.ProjectRoot, N.At.File) + ":" +
              std::to_string(N.At.Line) + "`: " + N.Message + "\n";
    llvm::json::Object Issue{
        {"type", "issue"},
        {"check_name", "memlint-" + F.Rule},
        {"description", F.Message},
        {"categories", llvm::json::Array{"Performance", "Bug Risk"}},
        {"severity", codeClimateSeverity(F.Severity)},
        {"fingerprint", R.Fingerprints.size() > I ? R.Fingerprints[I] : ""},
        {"location",
         llvm::json::Object{
             {"path", projectPath(R.ProjectRoot, F.At.File)},
             {"lines", llvm::json::Object{{"begin", F.At.Line}}}}}};
    if (!Body.empty())
      Issue["content"] = llvm::json::Object{{"body", Body}};
    Issues.push_back(std::move(Issue));
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Issues))) << "\n";
}

/// Workflow command escaping: data escapes %, CR, LF; properties also ':'
/// and ','.
static std::string ghEscape(llvm::StringRef S, bool Property) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '%': Out += "%25"; break;
    case '\r': Out += "%0D"; break;
    case '\n': Out += "%0A"; break;
    case ':': Out += Property ? "%3A" : ":"; break;
    case ',': Out += Property ? "%2C" : ","; break;
    default: Out += C;
    }
  }
  return Out;
}

static const char *ghCommand(llvm::StringRef S) {
  if (S == "error")
    return "error";
  if (S == "note")
    return "notice";
  return "warning";
}

void writeGitHub(llvm::raw_ostream &OS, const Report &R) {
  for (const Finding &F : R.Findings) {
    std::string Text = F.Message;
    for (const Note &N : F.Notes)
      Text += "\n" + projectPath(R.ProjectRoot, N.At.File) + ":" +
              std::to_string(N.At.Line) + ":" + std::to_string(N.At.Column) +
              ": note: " + N.Message;
    OS << "::" << ghCommand(F.Severity)
       << " file=" << ghEscape(projectPath(R.ProjectRoot, F.At.File), true)
       << ",line=" << F.At.Line << ",col=" << F.At.Column
       << ",title=" << ghEscape("memlint-" + F.Rule, true) << "::"
       << ghEscape(Text, false) << "\n";
  }
  for (const InputError &E : R.Errors)
    OS << "::error file=" << ghEscape(projectPath(R.ProjectRoot, E.File), true)
       << ",title=" << ghEscape("memlint: not analyzed", true) << "::"
       << ghEscape(E.Message, false) << "\n";
}

void writeReport(llvm::raw_ostream &OS, const Report &R,
                 const std::string &Format, const char *Version) {
  if (Format == "json")
    writeJSON(OS, R, Version);
  else if (Format == "sarif")
    writeSarif(OS, R, Version);
  else if (Format == "codeclimate")
    writeCodeClimate(OS, R);
  else if (Format == "github")
    writeGitHub(OS, R);
  else
    writeText(OS, R);
}

} // namespace memlint
