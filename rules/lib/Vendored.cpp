//===- Vendored.cpp - Which files are someone else's code -----------------===//
//
// Built like LLVM (no RTTI, no EH).
//
//===----------------------------------------------------------------------===//
#include "memlint/Vendored.h"

#include <cstdlib>
#include <vector>

#include "Internal.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace memlint {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

// Directories that by convention hold code copied from elsewhere, compared
// without regard to case (ThirdParty, 3rdParty, External). CMake's
// FetchContent puts its sources in <build>/_deps.
const char *const VendoredDirs[] = {"third_party", "third-party", "thirdparty",
                                    "3rdparty",    "3rd_party",   "vendor",
                                    "external",    "extern",      "deps",
                                    "_deps",       "subprojects"};

// Single-file (amalgamated) test frameworks, by exact file name: Catch2 v2
// and v3, doctest, GoogleTest's and GoogleMock's fused sources, acutest,
// utest.h.
const char *const Amalgamations[] = {
    "catch.hpp",   "catch_amalgamated.hpp", "catch_amalgamated.cpp",
    "doctest.h",   "gtest-all.cc",          "gmock-all.cc",
    "gmock-gtest-all.cc", "gtest.h",        "gmock.h",
    "acutest.h",   "utest.h"};

/// \p Path relative to \p Dir when it is inside it, else std::nullopt.
std::optional<std::string> inside(llvm::StringRef Path, llvm::StringRef Dir) {
  if (Dir.empty() || !Path.starts_with(Dir))
    return std::nullopt;
  llvm::StringRef Rest = Path.drop_front(Dir.size());
  if (Dir.ends_with("/"))
    return Rest.str();
  if (Rest.empty() || Rest.front() != '/')
    return std::nullopt;
  return Rest.drop_front().str();
}

std::string currentDirectory() {
  llvm::SmallString<256> Cwd;
  if (fs::current_path(Cwd))
    return "";
  return std::string(Cwd.str());
}

} // namespace

std::string gitWorkTree(const std::string &Dir) {
  for (llvm::StringRef D = Dir; !D.empty(); D = path::parent_path(D)) {
    llvm::SmallString<256> Git(D);
    path::append(Git, ".git");
    if (fs::exists(Git))
      return D.str();
    if (D == path::root_path(D))
      break;
  }
  return "";
}

std::string vendoringRoot(const std::string &Explicit) {
  std::string Given = Explicit;
  if (Given.empty())
    if (const char *Env = std::getenv("MEMLINT_PROJECT_ROOT"))
      Given = Env;
  std::string Root = Given.empty() ? gitWorkTree(currentDirectory())
                                   : detail::makeAbsolute(Given);
  while (Root.size() > 1 && Root.back() == '/')
    Root.pop_back();
  return Root;
}

VendoredFilter::VendoredFilter(const RuleSet &Rules, std::string ProjectRoot)
    : Rules(Rules), Root(std::move(ProjectRoot)) {
  if (!Root.empty())
    RealRoot = detail::realPath(Root);
}

std::optional<std::string>
VendoredFilter::relative(const std::string &Abs) const {
  if (Root.empty())
    // No project root: only what is below the current directory (the
    // project itself may well sit in a directory named external/).
    return inside(Abs, currentDirectory());
  std::optional<std::string> Rel = inside(Abs, Root);
  if (!Rel && !RealRoot.empty()) {
    std::string Real = detail::realPath(Abs);
    if (!Real.empty())
      Rel = inside(Real, RealRoot);
  }
  return Rel;
}

bool VendoredFilter::testCode(const std::string &Path) const {
  static const std::vector<std::string> Dirs = [] {
    // $MEMLINT_TEST_DIRS replaces the list (comma-separated; empty: none).
    std::vector<std::string> Out;
    if (const char *Env = std::getenv("MEMLINT_TEST_DIRS")) {
      llvm::SmallVector<llvm::StringRef, 8> Parts;
      llvm::StringRef(Env).split(Parts, ',', -1, /*KeepEmpty=*/false);
      for (llvm::StringRef P : Parts)
        Out.push_back(P.trim().str());
      return Out;
    }
    return std::vector<std::string>{
        "test",      "tests",      "testing",    "unittest", "unittests",
        "bench",     "benchmark",  "benchmarks", "perf",     "fuzz",
        "fuzzing",   "fuzzer",     "stress",     "loadtest"};
  }();
  std::string Abs = detail::makeAbsolute(Path);
  if (std::optional<std::string> Rel = relative(Abs)) {
    llvm::StringRef Dir = path::parent_path(*Rel);
    for (auto It = path::begin(Dir), End = path::end(Dir); It != End; ++It)
      for (const std::string &D : Dirs)
        if (It->equals_insensitive(D))
          return true;
  }
  llvm::StringRef Stem = path::stem(Abs);
  std::string Lower = Stem.lower();
  llvm::StringRef L(Lower);
  // A load generator or a stress test drives the code it measures for a
  // while, then stops: benchmark code (`loadtest.cc`, `echo_stress.cc`).
  for (const char *Suffix : {"_test", "_tests", "_unittest", "_unittests",
                             "_bench", "_benchmark", "_fuzzer", "-test",
                             "loadtest", "_stress", "_perf"})
    if (L.ends_with(Suffix))
      return true;
  return L.starts_with("test_") || Stem.ends_with("Test") ||
         Stem.ends_with("Tests");
}

std::string VendoredFilter::reason(const std::string &Path) const {
  std::string Abs = detail::makeAbsolute(Path);
  std::string Why;
  // The part of the path that belongs to the project: a project that
  // itself lives in ~/src/external/ is not vendored.
  std::optional<std::string> Rel = relative(Abs);
  if (!Root.empty() && !Rel)
    Why = "outside the project ('" + Root + "')";
  if (Why.empty() && Rel) {
    llvm::StringRef Dir = path::parent_path(*Rel);
    for (auto It = path::begin(Dir), End = path::end(Dir);
         It != End && Why.empty(); ++It)
      for (const char *V : VendoredDirs)
        if (It->equals_insensitive(V)) {
          Why = "under '" + It->str() + "/'";
          break;
        }
  }
  std::string Name = path::filename(Abs).str();
  if (Why.empty())
    for (const char *A : Amalgamations)
      if (Name == A) {
        Why = "in a test framework amalgamation";
        break;
      }
  // `vendored:` globs, in order: the last one that matches decides; a
  // `!glob` says the file is the project's.
  for (const std::string &G : Rules.Vendored) {
    bool Negated = !G.empty() && G[0] == '!';
    std::string Glob = Negated ? G.substr(1) : G;
    const std::string &Subject =
        Glob.find('/') == std::string::npos ? Name : Abs;
    if (detail::globMatches(Glob, Subject))
      Why = Negated ? "" : "matching vendored: '" + G + "'";
  }
  return Why;
}

} // namespace memlint
