//===- MemlintTidyModule.cpp - memlint as a clang-tidy plugin -------------===//
//
// `clang-tidy --load memlint-tidy.so --checks='-*,memlint-*'`. One adapter
// per rule drives the same analysis the CLI does (Analysis.h). clang-tidy
// sees one translation unit, so entity rules report only where this TU is a
// closed world for the entity, unless AssumeClosedWorld is set.
//
//===----------------------------------------------------------------------===//
#include "Analysis.h"
#include "LLVMCompat.h"
#include "memlint/RuleLoader.h"
#include "memlint/Vendored.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include MEMLINT_CLANG_TIDY_REGISTRY_HEADER
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/Support/raw_ostream.h"

#include <dlfcn.h>
#include <map>
#include <mutex>
#include <set>

using namespace clang;
using namespace clang::ast_matchers;

namespace memlint {
namespace {

/// Where this .so lives, to find the packs next to it.
std::string pluginPath() {
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&pluginPath), &Info) && Info.dli_fname)
    return Info.dli_fname;
  return "";
}

/// Rule sets by configuration file, loaded once per process.
const RuleSet *rulesFor(const std::string &ConfigPath, std::string &Errors) {
  static std::mutex Lock;
  static std::map<std::string, std::pair<RuleSet, std::string>> Cache;
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Cache.find(ConfigPath);
  if (It == Cache.end()) {
    RuleSet Rules;
    std::vector<RuleError> Problems;
    // The .so sits in <prefix>/lib; packs are in <prefix>/share/memlint, as
    // for the CLI in <prefix>/bin.
    loadDefaultPacks(defaultPackDirs(pluginPath()), Rules, Problems);
    if (!ConfigPath.empty())
      loadUserConfig(ConfigPath, Rules, Problems);
    std::string Text;
    for (const RuleError &E : Problems)
      Text += E.str() + "\n";
    It = Cache.emplace(ConfigPath, std::make_pair(std::move(Rules), Text)).first;
  }
  Errors = It->second.second;
  return Errors.empty() ? &It->second.first : nullptr;
}

/// One walk per translation unit serves every memlint check clang-tidy
/// runs: the first adapter to get there collects for all of them.
struct SharedTU {
  std::set<std::string> Enabled; // memlint rules clang-tidy instantiated
  const ASTContext *Ctx = nullptr;
  std::string Config;
  bool Valid = false;
  TUAnalysis Analysis;
};

SharedTU &sharedTU() {
  static SharedTU S;
  return S;
}

class MemlintCheck : public tidy::ClangTidyCheck {
public:
  MemlintCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context,
               std::string Rule)
      : ClangTidyCheck(Name, Context), Rule(std::move(Rule)),
        // String-typed option accessors only: the integral ones are templates
        // whose mangling differs between the host's compiler and ours.
        AssumeClosedWorld(
            llvm::StringRef(Options.get("AssumeClosedWorld", "false"))
                .equals_insensitive("true")),
        ConfigFile(Options.get("ConfigFile", "")),
        IncludeVendored(llvm::StringRef(Options.get("IncludeVendored", "false"))
                            .equals_insensitive("true")),
        ProjectRoot(Options.get("ProjectRoot", "")),
        MinConfidenceText(Options.getLocalOrGlobal("MinConfidence", "medium")),
        VendorRoot(vendoringRoot(ProjectRoot)) {
    sharedTU().Enabled.insert(this->Rule);
  }

  void onEndOfTranslationUnit() override { sharedTU().Valid = false; }

  void storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) override {
    Options.store(Opts, "AssumeClosedWorld", AssumeClosedWorld ? "true" : "false");
    Options.store(Opts, "ConfigFile", ConfigFile);
    Options.store(Opts, "IncludeVendored", IncludeVendored ? "true" : "false");
    Options.store(Opts, "ProjectRoot", ProjectRoot);
    Options.store(Opts, "MinConfidence", MinConfidenceText);
  }

  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  }

  void check(const MatchFinder::MatchResult &Result) override {
    ASTContext &Ctx = *Result.Context;
    // No guessing from a broken AST.
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    const SourceManager &SM = Ctx.getSourceManager();
    std::string Config = ConfigFile;
    if (Config.empty())
      if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
        Config = findUserConfig(std::string(Main->getName()));
    std::string Errors;
    const RuleSet *Rules = rulesFor(Config, Errors);
    if (!Rules) {
      configurationDiag("memlint rule configuration is invalid:\n%0")
          << Errors;
      return;
    }
    // As --min-confidence: findings less sure than this are not shown.
    Confidence MinConfidence;
    if (!confidenceFromString(MinConfidenceText, MinConfidence)) {
      configurationDiag("invalid MinConfidence '%0' for %1: expected 'low', "
                        "'medium' or 'high'")
          << MinConfidenceText << ("memlint-" + Rule);
      return;
    }
    SharedTU &S = sharedTU();
    std::string Error;
    if (!S.Valid || S.Ctx != &Ctx || S.Config != Config) {
      AnalysisOptions All;
      All.Rules = Rules;
      std::string Globs = "-*";
      for (const std::string &R : S.Enabled)
        Globs += "," + R;
      All.Checks = *CheckFilter::parse(Globs, Error);
      applyConfiguration(*Rules, All.Checks);
      S.Analysis = TUAnalysis();
      collect(Ctx, All, S.Analysis);
      S.Analysis.TUFacts.normalize();
      S.Ctx = &Ctx;
      S.Config = Config;
      S.Valid = true;
    }
    AnalysisOptions Opts;
    Opts.Rules = Rules;
    Opts.Checks = *CheckFilter::parse("-*," + Rule, Error);
    applyConfiguration(*Rules, Opts.Checks);
    Opts.AssumeClosedWorld = AssumeClosedWorld;
    const TUAnalysis &A = S.Analysis;
    VendoredFilter Vendored(*Rules, VendorRoot);
    // What only test code drives is low, as the CLI has it.
    Opts.TestCode = [&Vendored](const std::string &File) {
      return Vendored.testCode(File);
    };
    // This TU is the closed world: its facts rank the local findings by
    // what drives them, as the CLI's merged facts do.
    std::vector<Finding> Findings = decide(A.TUFacts, Opts, A.Local);
    // As the CLI: nothing in `exclude:` paths, nor (unless IncludeVendored)
    // in vendored code, whose facts still fed the verdicts above.
    std::map<std::string, bool> Silent; // by file
    for (Finding &F : Findings) {
      if (F.Rule != Rule)
        continue;
      // As the CLI: test and benchmark code is low confidence.
      if (Vendored.testCode(F.At.File))
        markTestCode(F);
      if (F.Conf < MinConfidence)
        continue;
      auto It = Silent.find(F.At.File);
      if (It == Silent.end())
        It = Silent
                 .emplace(F.At.File,
                          isExcluded(*Rules, F.At.File) ||
                              (!IncludeVendored &&
                               !Vendored.reason(F.At.File).empty()))
                 .first;
      if (It->second)
        continue;
      {
        // Emitted when D goes out of scope, before the notes. (Not an
        // explicit ~DiagnosticBuilder(): destroying it twice returns its
        // storage to the allocator twice, which LLVM 22 does not survive.)
        DiagnosticBuilder D =
            diag(SourceLocation::getFromRawEncoding(F.At.Raw), "%0");
        D << F.Message;
        for (const Replacement &R : F.Fix) {
          SourceLocation B = SourceLocation::getFromRawEncoding(R.Begin.Raw);
          SourceLocation E = SourceLocation::getFromRawEncoding(R.End.Raw);
          D << FixItHint::CreateReplacement(CharSourceRange::getCharRange(B, E),
                                            R.Text);
        }
      }
      for (const Note &N : F.Notes)
        diag(SourceLocation::getFromRawEncoding(N.At.Raw), "%0",
             DiagnosticIDs::Note)
            << N.Message;
    }
  }

private:
  const std::string Rule;
  const bool AssumeClosedWorld;
  const std::string ConfigFile;
  const bool IncludeVendored;
  const std::string ProjectRoot;
  const std::string MinConfidenceText;
  const std::string VendorRoot; // "" when unknown (vendoringRoot)
};

class MemlintModule : public tidy::ClangTidyModule {
public:
  void addCheckFactories(tidy::ClangTidyCheckFactories &Factories) override {
    for (const RuleInfo &R : implementedRules()) {
      std::string Rule = R.Id;
      Factories.registerCheckFactory(
          "memlint-" + Rule,
          [Rule](llvm::StringRef Name, tidy::ClangTidyContext *Context) {
            return std::make_unique<MemlintCheck>(Name, Context, Rule);
          });
    }
  }
};

} // namespace
} // namespace memlint

// Registration lives here alone (which header declares the registry depends
// on the LLVM version: LLVMCompat.h). The plugin loads only into a
// clang-tidy of the LLVM major version it is built against
// (docs/clang-tidy.md).
static clang::tidy::ClangTidyModuleRegistry::Add<memlint::MemlintModule>
    MemlintModuleRegistration("memlint-module",
                              "memlint: memory anti-pattern checks");
