//===- Output.cpp ---------------------------------------------------------===//
#include "Output.h"

#include "Escape.h"
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

// Analyzed text is neutralized at output (Escape.h): a file name or a quoted
// SQL literal cannot drive the terminal, reorder what is shown or forge a
// finding line.
std::string printable(llvm::StringRef Text) { return terminalSafe(Text); }

namespace {

// clang's colours (clang/lib/Frontend/TextDiagnostic.cpp).
const char *const Reset = "\x1b[0m";
const char *const Bold = "\x1b[1m";
const char *const CaretColor = "\x1b[0;1;32m";

const char *severityColor(llvm::StringRef Severity) {
  if (Severity == "error")
    return "\x1b[0;1;31m";
  if (Severity == "note")
    return "\x1b[0;1;36m";
  return "\x1b[0;1;35m";
}

class TextWriter {
public:
  TextWriter(llvm::raw_ostream &OS, const TextStyle &Style)
      : OS(OS), Style(Style) {}

  /// `file:line:col: <severity>: <message>` and, when asked, the source
  /// line with a caret under the column.
  void diagnostic(const Loc &L, llvm::StringRef Severity,
                  llvm::StringRef Message, llvm::StringRef Suffix) {
    color(Bold);
    OS << printable(displayPath(L.File)) << ':' << L.Line << ':' << L.Column
       << ": ";
    color(Reset);
    color(severityColor(Severity));
    OS << Severity << ": ";
    color(Reset);
    if (Severity != "note") // clang: a note's text is not bold
      color(Bold);
    OS << printable(Message) << Suffix;
    color(Reset);
    OS << "\n";
    if (Style.SourceLines)
      snippet(L);
  }

private:
  void color(const char *Code) {
    if (Style.Color)
      OS << Code;
  }

  /// clang's layout: `    3 |   text` and `      |   ^`. The prefix is 8
  /// columns wide for lines below 100000, so tabs line up as in the file.
  void snippet(const Loc &L) {
    std::optional<llvm::StringRef> Line = Sources.line(L.File, L.Line);
    if (!Line)
      return;
    std::string Number = std::to_string(L.Line);
    size_t Width = std::max<size_t>(5, Number.size() + 1);
    OS.indent(Width - Number.size());
    OS << Number << " | " << printable(*Line) << "\n";
    OS.indent(Width);
    OS << " | ";
    // One column per character before the caret: a tab stays a tab, a
    // UTF-8 sequence is one column.
    std::string Pad;
    llvm::StringRef Before = Line->take_front(L.Column ? L.Column - 1 : 0);
    for (char C : Before) {
      unsigned char U = static_cast<unsigned char>(C);
      if (C == '\t')
        Pad += '\t';
      else if ((U & 0xC0) != 0x80)
        Pad += ' ';
    }
    OS << Pad;
    color(CaretColor);
    OS << '^';
    color(Reset);
    OS << "\n";
  }

  llvm::raw_ostream &OS;
  const TextStyle &Style;
  SourceFiles Sources;
};

} // namespace

void writeText(llvm::raw_ostream &OS, const Report &R, const TextStyle &Style) {
  TextWriter W(OS, Style);
  for (const Finding &F : R.Findings) {
    std::string Suffix;
    if (Style.Confidence)
      Suffix += std::string(" (confidence: ") + toString(F.Conf) + ")";
    Suffix += " [memlint-" + F.Rule + "]";
    W.diagnostic(F.At, F.Severity, F.Message, Suffix);
    for (const Note &N : F.Notes)
      W.diagnostic(N.At, "note", N.Message, "");
  }
}

void writeJSON(llvm::raw_ostream &OS, const Report &R, const char *Version) {
  llvm::json::Array Findings, Errors;
  for (const Finding &F : R.Findings)
    Findings.push_back(findingToJSON(
        F, [](const std::string &P) { return jsonSafe(displayPath(P)); }));
  for (const InputError &E : R.Errors)
    Errors.push_back(llvm::json::Object{{"file", jsonSafe(displayPath(E.File))},
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
      Body += "- `" + jsonSafe(projectPath(R.ProjectRoot, N.At.File)) + ":" +
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
             {"path", jsonSafe(projectPath(R.ProjectRoot, F.At.File))},
             {"lines", llvm::json::Object{{"begin", F.At.Line}}}}}};
    if (!Body.empty())
      Issue["content"] = llvm::json::Object{{"body", Body}};
    Issues.push_back(std::move(Issue));
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Issues))) << "\n";
}

/// Workflow command escaping: data escapes %, CR, LF; properties also ':'
/// and ','. Other control characters (an ESC would reach the log viewer)
/// and bytes that are not UTF-8 are neutralized first (Escape.h).
static std::string ghEscape(llvm::StringRef Raw, bool Property) {
  std::string Safe;
  for (size_t I = 0; I < Raw.size();) {
    // terminalSafe, except that CR and LF stay for the %0D/%0A below.
    size_t Next = Raw.find_first_of("\r\n", I);
    Safe += terminalSafe(Raw.slice(I, Next));
    if (Next == llvm::StringRef::npos)
      break;
    Safe += Raw[Next];
    I = Next + 1;
  }
  llvm::StringRef S = Safe;
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
                 const std::string &Format, const char *Version,
                 const TextStyle &Style) {
  if (Format == "json")
    writeJSON(OS, R, Version);
  else if (Format == "sarif")
    writeSarif(OS, R, Version);
  else if (Format == "codeclimate")
    writeCodeClimate(OS, R);
  else if (Format == "github")
    writeGitHub(OS, R);
  else
    writeText(OS, R, Style);
}

} // namespace memlint
