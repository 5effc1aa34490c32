//===- Sarif.cpp - SARIF 2.1.0 for GitHub code scanning -------------------===//
//
// What GitHub's ingestion needs and the SARIF Multitool's `validate` (with
// its GitHub rules) checks, which the test suite runs:
//  - tool.driver: name, version, semanticVersion, informationUri, and one
//    rules[] entry per enabled check with help (the check's page) and a
//    helpUri to it;
//  - results: ruleId + ruleIndex, level, message (the headline, then the
//    whole explanation, Finding::Detail), one physical location relative to
//    %SRCROOT% (run.originalUriBaseIds), notes as relatedLocations,
//    partialFingerprints (Baseline.h) that survive unrelated edits, the
//    finding's confidence as `rank` and as a property;
//  - columns in UTF-16 code units (SARIF's default columnKind);
//  - inputs that could not be analyzed as tool execution notifications.
//
// `memlint confirm` writes its SARIF here too (SarifExtras: the verdict and
// the measurement per result), so both have the same rules, help, base and
// fingerprints.
//
//===----------------------------------------------------------------------===//
#include "Sarif.h"

#include "Baseline.h"
#include "CheckRegistry.h"
#include "SourceFiles.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <map>

#ifndef MEMLINT_DOCS_URL
#define MEMLINT_DOCS_URL ""
#endif

namespace memlint {
namespace {

namespace json = llvm::json;

struct CheckDoc {
  const char *Id;
  const char *Markdown;
};
const CheckDoc CheckDocs[] = {
#include "CheckDocs.inc"
    {nullptr, nullptr}};

const char *checkDoc(const std::string &Id) {
  for (const CheckDoc *D = CheckDocs; D->Id; ++D)
    if (Id == D->Id)
      return D->Markdown;
  return nullptr;
}

const RuleInfo *ruleInfo(const std::string &Id) {
  for (const RuleInfo &R : implementedRules())
    if (Id == R.Id)
      return &R;
  return nullptr;
}

/// SARIF `rank` (0 to 100, higher matters more) for a confidence.
double rankOf(Confidence C) {
  switch (C) {
  case Confidence::High: return 90;
  case Confidence::Medium: return 60;
  case Confidence::Low: return 30;
  }
  return 60;
}

} // namespace

std::string docsUrl(const std::string &Page) { return docsBaseUrl() + Page; }

namespace {

/// "unbounded-container-growth" -> "UnboundedContainerGrowth": SARIF wants a
/// rule's friendly name to differ from its id and be a Pascal identifier.
std::string pascalName(llvm::StringRef Id) {
  std::string Out;
  bool Up = true;
  for (char C : Id) {
    if (C == '-' || C == '_') {
      Up = true;
      continue;
    }
    Out += Up ? llvm::toUpper(C) : C;
    Up = false;
  }
  return Out;
}

/// SARIF wants messages to be sentences.
std::string sentence(std::string S) {
  if (!S.empty() && !llvm::StringRef(".!?").contains(S.back()))
    S += '.';
  return S;
}

} // namespace

unsigned utf16Column(SourceFiles &Sources, const Loc &L) {
  std::optional<llvm::StringRef> Line = Sources.line(L.File, L.Line);
  if (!Line || L.Column == 0)
    return L.Column;
  llvm::StringRef Before = Line->take_front(L.Column - 1);
  unsigned Units = 0;
  for (size_t I = 0; I < Before.size();) {
    unsigned char C = Before[I];
    unsigned Len = C < 0x80 ? 1 : C < 0xE0 ? 2 : C < 0xF0 ? 3 : 4;
    Units += Len == 4 ? 2 : 1;
    I += Len;
  }
  // A column past the end of the line (the line break) stays a byte count.
  return Units + 1 + (L.Column - 1 > Line->size() ? L.Column - 1 - Line->size() : 0);
}

namespace {

class SarifWriter {
public:
  SarifWriter(const Report &R, const SarifExtras &X) : R(R), X(X) {}

  /// Relative to %SRCROOT% when below the project root, else absolute.
  json::Object artifact(const std::string &File) {
    if (std::optional<std::string> Rel = relativeTo(R.ProjectRoot, File))
      return json::Object{{"uri", uriPath(*Rel)}, {"uriBaseId", "%SRCROOT%"}};
    return json::Object{{"uri", fileUri(File)}};
  }

  json::Value physical(const Loc &L) {
    json::Object Artifact = artifact(L.File);
    json::Object Region{{"startLine", L.Line}};
    if (L.Column)
      Region["startColumn"] = utf16Column(Sources, L);
    return json::Object{{"artifactLocation", std::move(Artifact)},
                        {"region", std::move(Region)}};
  }

  json::Value write(const char *Version) {
    // Rules: every enabled check, and any rule a finding names.
    std::vector<std::string> Ids = R.Rules;
    for (const Finding &F : R.Findings)
      if (std::find(Ids.begin(), Ids.end(), F.Rule) == Ids.end())
        Ids.push_back(F.Rule);
    std::sort(Ids.begin(), Ids.end());
    std::map<std::string, size_t> Index;
    json::Array Rules;
    for (const std::string &Id : Ids) {
      Index[Id] = Rules.size();
      const RuleInfo *Info = ruleInfo(Id);
      auto Extra = X.ExtraRules.find(Id);
      std::string Summary = Info ? Info->Summary
                            : Extra != X.ExtraRules.end() ? Extra->second.Summary
                                                          : "memlint rule " + Id;
      std::string Url = docsUrl(Extra != X.ExtraRules.end() ? Extra->second.Page
                                                            : "checks/" + Id + ".md");
      std::string Short = sentence(Summary);
      Short[0] = llvm::toUpper(Short[0]);
      std::string Markdown;
      if (const char *Doc = checkDoc(Id))
        Markdown = Doc;
      else
        Markdown = "**memlint-" + Id + "**: " + Short + "\n";
      Markdown += "\n[Documentation](" + Url + ")\n";
      Rules.push_back(json::Object{
          {"id", "memlint-" + Id},
          {"name", pascalName(Id)},
          {"shortDescription", json::Object{{"text", Short}}},
          {"fullDescription", json::Object{{"text", Short}}},
          {"help", json::Object{{"text", Short + " See " + Url},
                                {"markdown", Markdown}}},
          {"helpUri", Url},
          {"defaultConfiguration", json::Object{{"level", "warning"}}},
          {"properties",
           json::Object{{"tags", json::Array{"memory", "reliability",
                                             "performance"}},
                        {"precision", "high"},
                        {"problem.severity", "warning"}}}});
    }

    json::Array Results;
    for (size_t I = 0; I < R.Findings.size(); ++I) {
      const Finding &F = R.Findings[I];
      const SarifExtras::Result *Extra =
          I < X.Results.size() ? &X.Results[I] : nullptr;
      // The full wording (Detail repeats the headline, then why and fix).
      std::string Text = sentence(F.Detail.empty() ? F.Message : F.Detail);
      if (Extra && !Extra->Measured.empty())
        Text += " " + sentence(Extra->Measured);
      std::string Level = F.Severity == "error"  ? "error"
                          : F.Severity == "note" ? "note"
                                                 : "warning";
      if (Extra && !Extra->Level.empty())
        Level = Extra->Level;
      json::Object Props{{"confidence", toString(F.Conf)}};
      if (Extra)
        for (const auto &KV : Extra->Properties)
          Props[KV.first] = KV.second;
      json::Object Result{
          {"ruleId", "memlint-" + F.Rule},
          {"ruleIndex", Index[F.Rule]},
          {"level", Level},
          {"rank", rankOf(F.Conf)},
          {"message", json::Object{{"text", Text}}},
          {"locations",
           json::Array{json::Object{{"physicalLocation", physical(F.At)}}}},
          {"properties", std::move(Props)}};
      if (!F.Notes.empty()) {
        json::Array Related;
        for (size_t N = 0; N < F.Notes.size(); ++N)
          Related.push_back(json::Object{
              {"id", N + 1},
              {"physicalLocation", physical(F.Notes[N].At)},
              {"message", json::Object{{"text", sentence(F.Notes[N].Message)}}}});
        Result["relatedLocations"] = std::move(Related);
      }
      if (!F.Fix.empty()) {
        // SARIF fixes: one per finding, grouped by file.
        std::map<std::string, json::Array> ByFile;
        for (const Replacement &Rep : F.Fix)
          ByFile[Rep.Begin.File].push_back(json::Object{
              {"deletedRegion",
               json::Object{{"startLine", Rep.Begin.Line},
                            {"startColumn", utf16Column(Sources, Rep.Begin)},
                            {"endLine", Rep.End.Line},
                            {"endColumn", utf16Column(Sources, Rep.End)}}},
              {"insertedContent", json::Object{{"text", Rep.Text}}}});
        json::Array Changes;
        for (auto &[File, Reps] : ByFile)
          Changes.push_back(json::Object{{"artifactLocation", artifact(File)},
                                         {"replacements", std::move(Reps)}});
        Result["fixes"] = json::Array{json::Object{
            {"description",
             json::Object{{"text", F.FixIsSafe ? "Safe fix." : "Suggested fix."}}},
            {"artifactChanges", std::move(Changes)}}};
      }
      if (I < R.Fingerprints.size())
        Result["partialFingerprints"] =
            json::Object{{FingerprintScheme, R.Fingerprints[I]}};
      if (R.BaselineInUse)
        Result["baselineState"] = "new";
      Results.push_back(std::move(Result));
    }

    json::Array Notifications;
    for (const InputError &E : R.Errors)
      Notifications.push_back(json::Object{
          {"level", "error"},
          {"message", json::Object{{"text", sentence(E.Message)}}},
          {"locations",
           json::Array{json::Object{
               {"physicalLocation",
                json::Object{{"artifactLocation", artifact(E.File)}}}}}}});

    json::Object Invocation{
        {"executionSuccessful", X.ExecutionSuccessful.value_or(R.Errors.empty())},
        {"toolExecutionNotifications", std::move(Notifications)}};
    if (!X.CommandLine.empty()) {
      Invocation["commandLine"] = llvm::join(X.CommandLine, " ");
      json::Array Args;
      for (const std::string &A : X.CommandLine)
        Args.push_back(A);
      Invocation["arguments"] = std::move(Args);
    }
    json::Object Run{
        {"tool",
         json::Object{
             {"driver",
              json::Object{{"name", "memlint"},
                           {"version", Version},
                           {"semanticVersion", Version},
                           {"informationUri", docsUrl("")},
                           {"rules", std::move(Rules)}}}}},
        {"invocations", json::Array{std::move(Invocation)}},
        {"originalUriBaseIds",
         json::Object{{"%SRCROOT%",
                       json::Object{{"uri", fileUri(R.ProjectRoot, true)}}}}},
        {"columnKind", "utf16CodeUnits"},
        {"results", std::move(Results)}};
    return json::Object{
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", json::Array{std::move(Run)}}};
  }

private:
  const Report &R;
  const SarifExtras &X;
  SourceFiles Sources;
};

} // namespace

std::string docsBaseUrl() {
  std::string Base;
  if (const char *Env = std::getenv("MEMLINT_DOCS_URL"))
    Base = Env;
  if (Base.empty())
    Base = MEMLINT_DOCS_URL;
  if (Base.empty()) {
    // <prefix>/bin/memlint -> <prefix>/share/doc/memlint (the build tree
    // links build/share/doc/memlint to docs/).
    std::string Exe = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
    llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Exe));
    llvm::sys::path::append(Dir, "..", "share", "doc", "memlint");
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(Dir, Real)) {
      Real = Dir;
      llvm::sys::path::remove_dots(Real, /*remove_dot_dot=*/true);
    }
    Base = fileUri(std::string(Real.str()), /*Directory=*/true);
  }
  if (Base.back() != '/')
    Base += '/';
  return Base;
}

void writeSarif(llvm::raw_ostream &OS, const Report &R, const char *Version,
                const SarifExtras &Extras) {
  SarifWriter W(R, Extras);
  OS << llvm::formatv("{0:2}", W.write(Version)) << "\n";
}

void writeSarif(llvm::raw_ostream &OS, const Report &R, const char *Version) {
  writeSarif(OS, R, Version, SarifExtras());
}

} // namespace memlint
