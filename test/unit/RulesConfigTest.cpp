//===- RulesConfigTest.cpp - .memlint.yaml, extends, pack discovery -------===//
#include "memlint/RuleLoader.h"
#include "memlint/Vendored.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace memlint;
namespace fs = std::filesystem;

namespace {

using Strings = std::vector<std::string>;

std::string packsDir() { return MEMLINT_SOURCE_DIR "/rules/packs"; }

Strings strs(const std::vector<RuleError> &Errors) {
  Strings Out;
  for (const RuleError &E : Errors)
    Out.push_back(E.str());
  return Out;
}

// A scratch directory, removed at the end of the test.
class TempTree {
public:
  TempTree() {
    const auto *Info = ::testing::UnitTest::GetInstance()->current_test_info();
    Root = fs::temp_directory_path() /
           ("memlint-rules-" + std::to_string(::getpid()) + "-" +
            Info->test_suite_name() + "-" + Info->name());
    fs::remove_all(Root);
    fs::create_directories(Root);
    Root = fs::canonical(Root);
  }
  ~TempTree() {
    std::error_code EC;
    fs::remove_all(Root, EC);
  }
  std::string path(const std::string &Rel) const { return (Root / Rel).string(); }
  std::string write(const std::string &Rel, const std::string &Text) const {
    fs::path P = Root / Rel;
    fs::create_directories(P.parent_path());
    std::ofstream(P) << Text;
    return P.string();
  }
  std::string root() const { return Root.string(); }

private:
  fs::path Root;
};

// "file:line:column" of a container entry.
std::string originOf(const RuleSet &R, const std::string &Id) {
  for (const ContainerModel &C : R.Containers)
    if (C.Id == Id)
      return C.From.File + ":" + std::to_string(C.From.Line) + ":" +
             std::to_string(C.From.Column);
  ADD_FAILURE() << "no container " << Id;
  return "";
}

// A RuleSet with the shipped packs, as every front end starts.
RuleSet shipped() {
  RuleSet R;
  std::vector<RuleError> Errors;
  EXPECT_TRUE(loadDefaultPacks({packsDir()}, R, Errors));
  EXPECT_EQ(strs(Errors), Strings{});
  return R;
}

//===----------------------------------------------------------------------===//
// findUserConfig
//===----------------------------------------------------------------------===//

TEST(RulesFindUserConfig, WalksUpToTheNearestConfig) {
  TempTree T;
  std::string Top = T.write("proj/.memlint.yaml", "schema: 1\n");
  EXPECT_EQ(findUserConfig(T.path("proj/src/deep/x.cpp")), Top);
  EXPECT_EQ(findUserConfig(T.path("proj/x.cpp")), Top);
  // The source file need not exist; the nearest config wins.
  std::string Inner = T.write("proj/src/.memlint.yaml", "schema: 1\n");
  EXPECT_EQ(findUserConfig(T.path("proj/src/deep/x.cpp")), Inner);
  EXPECT_EQ(findUserConfig(T.path("proj/y.cpp")), Top);
}

TEST(RulesFindUserConfig, NoneFound) {
  TempTree T;
  std::string Found = findUserConfig(T.path("a/b/c.cpp"));
  // Some ancestor of the temp directory might hold one; ours holds none.
  EXPECT_EQ(Found.rfind(T.root(), 0), std::string::npos) << Found;
}

// Anything named .memlint.yaml is the configuration: one that cannot be read
// is an error, never a reason to fall back to a configuration further up
// (or to none, which would run the checks it disables).
TEST(RulesFindUserConfig, DirectoryNamedLikeTheConfigIsAnError) {
  TempTree T;
  fs::create_directories(T.path("p/.memlint.yaml"));
  T.write(".memlint.yaml", "schema: 1\n");
  std::string Found = findUserConfig(T.path("p/x.cpp"));
  EXPECT_EQ(Found, T.path("p/.memlint.yaml"));
  RuleSet Rules;
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadUserConfig(Found, Rules, Errors));
  ASSERT_EQ(Errors.size(), 1u);
  EXPECT_NE(Errors[0].Message.find("not a regular file"), std::string::npos)
      << Errors[0].str();
}

TEST(RulesFindUserConfig, DanglingSymlinkIsAnError) {
  TempTree T;
  fs::create_directories(T.path("p"));
  fs::create_symlink(T.path("nowhere.yaml"), T.path("p/.memlint.yaml"));
  std::string Found = findUserConfig(T.path("p/x.cpp"));
  EXPECT_EQ(Found, T.path("p/.memlint.yaml"));
  RuleSet Rules;
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadUserConfig(Found, Rules, Errors));
  EXPECT_EQ(Errors.size(), 1u);
}

TEST(RulesFindUserConfig, RelativeSourcePath) {
  TempTree T;
  std::string Top = T.write(".memlint.yaml", "schema: 1\n");
  fs::create_directories(T.path("sub"));
  fs::path Old = fs::current_path();
  fs::current_path(T.path("sub"));
  std::string Found = findUserConfig("x.cpp");
  fs::current_path(Old);
  EXPECT_EQ(Found, Top);
}

//===----------------------------------------------------------------------===//
// Pack directories
//===----------------------------------------------------------------------===//

TEST(RulesPackDirs, RelativeToTheBinary) {
  TempTree T;
  T.write("prefix/share/memlint/std.yaml", "schema: 1\npack: std\n");
  std::string Exe = T.write("prefix/bin/memlint", "");
  std::string Plugin = T.write("prefix/lib/memlint-tidy.so", "");
  unsetenv("MEMLINT_PACKS_DIR");
  EXPECT_EQ(defaultPackDirs(Exe), Strings{T.path("prefix/share/memlint")});
  EXPECT_EQ(defaultPackDirs(Plugin), Strings{T.path("prefix/share/memlint")});
  // Nothing next to it: that directory, which loading reports as missing
  // (never a path compiled in).
  std::string Lone = T.write("elsewhere/bin/memlint", "");
  EXPECT_EQ(defaultPackDirs(Lone), Strings{T.path("elsewhere/share/memlint")});
  // MEMLINT_PACKS_DIR overrides.
  setenv("MEMLINT_PACKS_DIR", T.path("mine").c_str(), 1);
  EXPECT_EQ(defaultPackDirs(Exe), Strings{T.path("mine")});
  unsetenv("MEMLINT_PACKS_DIR");
}

TEST(RulesPackDirs, FirstDirectoryWinsPerFileName) {
  TempTree T;
  T.write("mine/std.yaml", "schema: 1\npack: my-std\nbounded_types:\n"
                           "  - {id: mine.bounded.x, name: my::X}\n");
  T.write("mine/notes.txt", "not a pack");
  RuleSet R;
  std::vector<RuleError> Errors;
  ASSERT_TRUE(loadDefaultPacks({T.path("mine"), packsDir()}, R, Errors))
      << strs(Errors).front();
  // mine/std.yaml replaced the shipped std.yaml, in the same place of the
  // sorted load order.
  EXPECT_EQ(R.Packs.front(), packsDir() + "/abseil.yaml");
  EXPECT_EQ(R.Packs.size(), 14u);
  EXPECT_EQ(R.Packs[11], T.path("mine/std.yaml"));
  EXPECT_EQ(std::find(R.Packs.begin(), R.Packs.end(), packsDir() + "/std.yaml"),
            R.Packs.end());
  EXPECT_EQ(R.findContainer("std::vector"), nullptr);
  EXPECT_EQ(R.PackDirs, (Strings{T.path("mine"), packsDir()}));
}

TEST(RulesPackDirs, MissingDirectoryIsAnError) {
  RuleSet R;
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadDefaultPacks({"/nonexistent-memlint-test"}, R, Errors));
  EXPECT_EQ(strs(Errors), Strings{"/nonexistent-memlint-test: pack directory "
                                  "does not exist"});
}

TEST(RulesPackDirs, LoadingTwiceIsANoOp) {
  RuleSet R = shipped();
  size_t N = R.entryCount();
  std::vector<RuleError> Errors;
  EXPECT_TRUE(loadPack(packsDir() + "/std.yaml", R, Errors));
  EXPECT_TRUE(loadDefaultPacks({packsDir()}, R, Errors));
  EXPECT_EQ(strs(Errors), Strings{});
  EXPECT_EQ(R.entryCount(), N);
}

//===----------------------------------------------------------------------===//
// .memlint.yaml
//===----------------------------------------------------------------------===//

TEST(RulesUserConfig, ChecksThresholdsAndExcludes) {
  TempTree T;
  std::string Config = T.write(".memlint.yaml", R"Y(schema: 1
checks:
  query-in-loop: {enabled: false}
  large-copy-into-send:
    severity: error
thresholds:
  large-copy-bytes: 65536
exclude:
  - third_party/*
  - "*.pb.cc"
)Y");
  RuleSet R = shipped();
  std::vector<RuleError> Errors;
  ASSERT_TRUE(loadUserConfig(Config, R, Errors)) << strs(Errors).front();
  EXPECT_FALSE(R.isEnabled("query-in-loop"));
  EXPECT_EQ(R.severity("query-in-loop"), Severity::Warning);
  EXPECT_TRUE(R.isEnabled("large-copy-into-send"));
  EXPECT_EQ(R.severity("large-copy-into-send"), Severity::Error);
  EXPECT_TRUE(R.isEnabled("unbounded-queue"));
  EXPECT_EQ(R.Checks.at("query-in-loop").From.Line, 3u);
  EXPECT_EQ(R.threshold("large-copy-bytes"), 65536);
  EXPECT_EQ(R.ThresholdOrigins.at("large-copy-bytes").Line, 7u);
  EXPECT_EQ(R.Excludes, (Strings{T.path("third_party/*"), "*.pb.cc"}));
  EXPECT_EQ(R.ConfigFiles, Strings{Config});

  EXPECT_TRUE(isExcluded(R, T.path("third_party/zlib/inflate.c")));
  EXPECT_TRUE(isExcluded(R, T.path("src/gen/a.pb.cc")));
  EXPECT_TRUE(isExcluded(R, "/elsewhere/b.pb.cc"));
  EXPECT_FALSE(isExcluded(R, T.path("src/third_party/x.c")));
  EXPECT_FALSE(isExcluded(R, T.path("src/a.cc")));
}

TEST(RulesUserConfig, TeachesNewApis) {
  TempTree T;
  std::string Config = T.write(".memlint.yaml", R"Y(schema: 1
containers:
  - id: proj.container.ring
    types: [proj::Ring]
    methods:
      push: grow
      pop_oldest: pop
      size: size
sends:
  - id: proj.send.channel
    name: proj::Channel::send
    kind: message
    payload: [0]
queries:
  - id: proj.query.db
    name: "re:proj::Db::(query|exec)"
    sql_arg: 0
bounded_types:
  - id: proj.bounded.lru
    name: proj::LruCache
)Y");
  RuleSet R = shipped();
  std::vector<RuleError> Errors;
  ASSERT_TRUE(loadUserConfig(Config, R, Errors)) << strs(Errors).front();
  const ContainerModel *Ring = R.findContainer("proj::Ring");
  ASSERT_NE(Ring, nullptr);
  EXPECT_EQ(Ring->Methods.at("pop_oldest"), ContainerEffect::Pop);
  EXPECT_EQ(Ring->From.File, Config);
  EXPECT_EQ(Ring->From.Line, 3u);
  ASSERT_NE(findFirst(R.Sends, "proj::Channel::send"), nullptr);
  EXPECT_EQ(findFirst(R.Queries, "proj::Db::exec")->Id, "proj.query.db");
  EXPECT_NE(findFirst(R.BoundedTypes, "proj::LruCache"), nullptr);
  // The shipped entries are still there.
  EXPECT_NE(R.findContainer("std::vector"), nullptr);
}

TEST(RulesUserConfig, UnknownCheckId) {
  RuleSet R;
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadUserConfigText("schema: 1\nchecks:\n"
                                  "  query-in-loops: {enabled: false}\n"
                                  "  memory: {enabled: false}\n"
                                  "  shared-ptr-cycle: {severity: fatal}\n"
                                  "  unbounded-queue: {}\n",
                                  "cfg.yaml", R, Errors));
  EXPECT_EQ(strs(Errors),
            (Strings{"cfg.yaml:3:3: unknown check 'query-in-loops' (did you "
                     "mean 'query-in-loop'?)",
                     "cfg.yaml:4:3: unknown check 'memory' (expected one of: "
                     "capacity-retention, large-copy-into-send, query-in-loop, "
                     "shared-ptr-cycle, stream-accumulation, "
                     "unbounded-container-growth, unbounded-memoization, "
                     "unbounded-queue, whole-collection-load)",
                     "cfg.yaml:5:32: invalid value 'fatal' for 'severity' "
                     "(expected one of: note, warning, error)",
                     "cfg.yaml:6:20: settings of check 'unbounded-queue' set "
                     "neither 'enabled' nor 'severity'"}));
  EXPECT_TRUE(R.Checks.empty());
}

TEST(RulesUserConfig, UnknownThresholdAndRange) {
  RuleSet R;
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadUserConfigText("schema: 1\nthresholds:\n"
                                  "  large-copy-byte: 10\n"
                                  "  large-copy-bytes: 0\n",
                                  "cfg.yaml", R, Errors));
  EXPECT_EQ(strs(Errors),
            (Strings{"cfg.yaml:3:3: unknown threshold 'large-copy-byte' (did "
                     "you mean 'large-copy-bytes'?)",
                     "cfg.yaml:4:21: 'large-copy-bytes' must be an integer "
                     "from 1 to 1099511627776, got '0'"}));
}

TEST(RulesUserConfig, BadExclude) {
  RuleSet R;
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadUserConfigText("schema: 1\nexclude: [\"src/[a\", \"\"]\n",
                                  "cfg.yaml", R, Errors));
  EXPECT_EQ(strs(Errors),
            (Strings{"cfg.yaml:2:11: invalid glob 'src/[a': invalid glob "
                     "pattern, unmatched '['",
                     "cfg.yaml:2:21: 'exclude' items must be path globs, got "
                     "an empty string"}));
}

TEST(RulesUserConfig, Vendored) {
  TempTree T;
  T.write("base/.memlint.yaml", "schema: 1\nvendored: [\"libs/*\", "
                                "\"!deps/ours/*\", \"*.gen.h\"]\n");
  std::string Config = T.write(
      "proj/.memlint.yaml",
      "schema: 1\nextends: [../base/.memlint.yaml]\n"
      "vendored: [\"!x.gen.h\", \"*.gen.h\", \"/abs/*\"]\n");
  RuleSet R;
  std::vector<RuleError> Errors;
  ASSERT_TRUE(loadUserConfig(Config, R, Errors)) << strs(Errors).front();
  // Anchored at each file's directory; in load order, and a glob given
  // again moves to the end (the last match decides).
  EXPECT_EQ(R.Vendored,
            (Strings{T.path("base/libs/*"), "!" + T.path("base/deps/ours/*"),
                     "!x.gen.h", "*.gen.h", "/abs/*"}));
  EXPECT_TRUE(R.Excludes.empty());

  Errors.clear();
  RuleSet Bad;
  EXPECT_FALSE(loadUserConfigText(
      "schema: 1\nvendored: [\"!\", \"\", [a], \"!src/[a\"]\n", "cfg.yaml",
      Bad, Errors));
  EXPECT_EQ(strs(Errors),
            (Strings{"cfg.yaml:2:12: 'vendored' items must be path globs, "
                     "got '!' alone",
                     "cfg.yaml:2:17: 'vendored' items must be path globs, got "
                     "an empty string",
                     "cfg.yaml:2:21: 'vendored' items must be path globs, got "
                     "a list",
                     "cfg.yaml:2:26: invalid glob 'src/[a': invalid glob "
                     "pattern, unmatched '['"}));
  // Packs describe APIs, not a project's files.
  Errors.clear();
  RuleSet P;
  EXPECT_FALSE(loadPackText("schema: 1\npack: p\nvendored: [x]\n", "p.yaml",
                            P, Errors));
  ASSERT_EQ(Errors.size(), 1u);
  EXPECT_EQ(Errors[0].Message.rfind("unknown key 'vendored'", 0), 0u);
}

TEST(RulesVendored, DefaultsBelowTheProjectRoot) {
  TempTree T;
  // The project itself sits in a directory named external/: that does not
  // make it vendored, only what is below its root counts.
  std::string Root = T.path("external/proj");
  RuleSet R;
  VendoredFilter V(R, Root);
  EXPECT_EQ(V.reason(Root + "/src/a.cpp"), "");
  EXPECT_EQ(V.reason(Root + "/src/deps.cpp"), "");
  EXPECT_EQ(V.reason(Root + "/third_party/zlib/inflate.c"),
            "under 'third_party/'");
  EXPECT_EQ(V.reason(Root + "/src/ThirdParty/json.hpp"), "under 'ThirdParty/'");
  EXPECT_EQ(V.reason(Root + "/build/_deps/fmt-src/src/format.cc"),
            "under '_deps/'");
  for (const char *Dir : {"third-party", "thirdparty", "3rdparty", "3rd_party",
                          "vendor", "External", "extern", "deps"})
    EXPECT_NE(V.reason(Root + "/" + Dir + "/x.cpp"), "") << Dir;
  for (const char *Name :
       {"catch.hpp", "catch_amalgamated.hpp", "catch_amalgamated.cpp",
        "doctest.h", "gtest-all.cc", "gmock-all.cc", "gtest.h"})
    EXPECT_EQ(V.reason(Root + "/test/" + std::string(Name)),
              "in a test framework amalgamation")
        << Name;
  EXPECT_EQ(V.reason(Root + "/test/catch_test.hpp"), "");
  EXPECT_EQ(V.reason(Root + "/test/Catch.hpp"), ""); // names are exact
  EXPECT_EQ(V.reason(T.path("external/other/x.h")),
            "outside the project ('" + Root + "')");
  EXPECT_EQ(V.reason(Root + "x/y.h"), "outside the project ('" + Root + "')");
  EXPECT_EQ(V.reason("/usr/local/include/z.h"),
            "outside the project ('" + Root + "')");
  // Relative paths are taken from the current directory.
  fs::create_directories(Root + "/src");
  fs::path Cwd = fs::current_path();
  fs::current_path(Root + "/src");
  EXPECT_EQ(V.reason("a.cpp"), "");
  EXPECT_EQ(V.reason("../vendor/b.cpp"), "under 'vendor/'");
  fs::current_path(Cwd);
}

TEST(RulesVendored, SymlinkedRoot) {
  TempTree T;
  T.write("real/third_party/a.h", "");
  T.write("real/src/b.h", "");
  fs::create_directory_symlink(T.path("real"), T.path("link"));
  RuleSet R;
  VendoredFilter V(R, T.path("link"));
  EXPECT_EQ(V.reason(T.path("real/src/b.h")), "");
  EXPECT_EQ(V.reason(T.path("real/third_party/a.h")), "under 'third_party/'");
}

TEST(RulesVendored, NoProjectRoot) {
  // Unknown extent: nothing is outside, and directory names count only
  // below the current directory.
  TempTree T;
  fs::create_directories(T.path("deps/proj"));
  fs::path Cwd = fs::current_path();
  fs::current_path(T.path("deps/proj"));
  RuleSet R;
  VendoredFilter V(R, "");
  EXPECT_EQ(V.reason(T.path("deps/proj/src/a.cpp")), "");
  EXPECT_EQ(V.reason(T.path("deps/proj/vendor/a.cpp")), "under 'vendor/'");
  EXPECT_EQ(V.reason(T.path("deps/other/a.cpp")), "");
  EXPECT_EQ(V.reason("/somewhere/third_party/a.cpp"), "");
  EXPECT_EQ(V.reason("/somewhere/doctest.h"), "in a test framework amalgamation");
  fs::current_path(Cwd);
}

TEST(RulesVendored, GlobsExtendAndNegate) {
  TempTree T;
  std::string Config = T.write(
      ".memlint.yaml", "schema: 1\nvendored: [\"libs/*\", \"*.pb.cc\", "
                       "\"!deps/ours/*\", \"!catch.hpp\"]\n");
  RuleSet R;
  std::vector<RuleError> Errors;
  ASSERT_TRUE(loadUserConfig(Config, R, Errors)) << strs(Errors).front();
  VendoredFilter V(R, T.root());
  EXPECT_EQ(V.reason(T.path("libs/x/y.cpp")),
            "matching vendored: '" + T.path("libs/*") + "'");
  EXPECT_EQ(V.reason(T.path("src/gen/a.pb.cc")),
            "matching vendored: '*.pb.cc'");
  EXPECT_EQ(V.reason(T.path("src/libs/y.cpp")), "");
  EXPECT_EQ(V.reason(T.path("deps/zlib/z.c")), "under 'deps/'");
  EXPECT_EQ(V.reason(T.path("deps/ours/o.cpp")), "");
  EXPECT_EQ(V.reason(T.path("test/catch.hpp")), "");
  // A negation can take back even a file outside the project.
  RuleSet Out;
  ASSERT_TRUE(loadUserConfigText("schema: 1\nvendored: [\"!/opt/shared/*\"]\n",
                                 T.path("cfg.yaml"), Out, Errors));
  VendoredFilter W(Out, T.root());
  EXPECT_EQ(W.reason("/opt/shared/lib.h"), "");
  EXPECT_NE(W.reason("/opt/other/lib.h"), "");
}

TEST(RulesVendored, GitWorkTree) {
  TempTree T;
  fs::create_directories(T.path("repo/.git"));
  fs::create_directories(T.path("repo/src/deep"));
  T.write("repo/sub/.git", "gitdir: ../.git/modules/sub\n"); // a submodule
  EXPECT_EQ(gitWorkTree(T.path("repo/src/deep")), T.path("repo"));
  EXPECT_EQ(gitWorkTree(T.path("repo")), T.path("repo"));
  EXPECT_EQ(gitWorkTree(T.path("repo/sub")), T.path("repo/sub"));
  fs::path Cwd = fs::current_path();
  fs::current_path(T.path("repo/src/deep"));
  EXPECT_EQ(vendoringRoot(""), T.path("repo"));
  EXPECT_EQ(vendoringRoot("../.."), T.path("repo"));
  EXPECT_EQ(vendoringRoot(T.path("repo/src/")), T.path("repo/src"));
  fs::current_path(Cwd);
}

TEST(RulesUserConfig, ExtendsMissingFile) {
  TempTree T;
  std::string Config = T.write(".memlint.yaml",
                               "schema: 1\nextends:\n  - base/missing.yaml\n"
                               "  - nosuchpack\n");
  RuleSet R;
  R.PackDirs = {packsDir()};
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadUserConfig(Config, R, Errors));
  EXPECT_EQ(strs(Errors),
            (Strings{Config + ":3:5: cannot extend '" +
                         T.path("base/missing.yaml") +
                         "': No such file or directory",
                     Config + ":4:5: unknown pack 'nosuchpack': no "
                              "nosuchpack.yaml in " +
                         packsDir()}));
}

TEST(RulesUserConfig, ExtendsResolvesRelativeToTheConfig) {
  TempTree T;
  T.write("base.yaml", "schema: 1\nchecks:\n"
                       "  query-in-loop: {enabled: false, severity: note}\n"
                       "thresholds: {large-copy-bytes: 100}\n");
  T.write("shared/proj.yaml", "schema: 1\npack: proj\nbounded_types:\n"
                              "  - {id: proj.bounded.lru, name: proj::Lru}\n");
  std::string Config = T.write("sub/.memlint.yaml", R"Y(schema: 1
extends: [../base.yaml, ../shared/proj.yaml, sqlite]
checks:
  query-in-loop: {enabled: true}
)Y");
  RuleSet R;
  R.PackDirs = {packsDir()};
  std::vector<RuleError> Errors;
  ASSERT_TRUE(loadUserConfig(Config, R, Errors)) << strs(Errors).front();
  // The extending config overrides `enabled`; `severity` stays inherited.
  EXPECT_TRUE(R.isEnabled("query-in-loop"));
  EXPECT_EQ(R.severity("query-in-loop"), Severity::Note);
  EXPECT_EQ(R.threshold("large-copy-bytes"), 100);
  EXPECT_NE(findFirst(R.BoundedTypes, "proj::Lru"), nullptr);
  EXPECT_NE(findFirst(R.Queries, "sqlite3_exec"), nullptr);
  EXPECT_EQ(findFirst(R.Queries, "PQexec"), nullptr); // libpq not extended
  EXPECT_EQ(R.Packs, (Strings{T.path("shared/proj.yaml"),
                              packsDir() + "/sqlite.yaml"}));
  EXPECT_EQ(R.ConfigFiles, (Strings{T.path("base.yaml"), Config}));
}

TEST(RulesUserConfig, ExtendingAShippedPackAlreadyLoadedIsANoOp) {
  RuleSet R = shipped();
  size_t N = R.entryCount();
  std::vector<RuleError> Errors;
  EXPECT_TRUE(loadUserConfigText("schema: 1\nextends: [qt, std]\n",
                                 "/nonexistent-memlint-test/.memlint.yaml", R,
                                 Errors));
  EXPECT_EQ(strs(Errors), Strings{});
  EXPECT_EQ(R.entryCount(), N);
}

TEST(RulesUserConfig, ExtendsCycle) {
  TempTree T;
  std::string A = T.write("a.yaml", "schema: 1\nextends: [b.yaml]\n");
  std::string B = T.write("b.yaml", "schema: 1\nextends: [a.yaml]\n");
  RuleSet R;
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadUserConfig(A, R, Errors));
  EXPECT_EQ(strs(Errors), Strings{B + ":2:11: extends cycle: " + A + " -> " +
                                  B + " -> " + A});
}

TEST(RulesUserConfig, ErrorsInAnExtendedFileNameThatFile) {
  TempTree T;
  std::string Base = T.write("base.yaml", "schema: 1\nchecks: {nope: {}}\n");
  std::string Config = T.write(".memlint.yaml",
                               "schema: 1\nextends: [base.yaml]\n"
                               "thresholds: {large-copy-bytes: 8}\n");
  RuleSet R;
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadUserConfig(Config, R, Errors));
  ASSERT_EQ(Errors.size(), 1u);
  EXPECT_EQ(Errors[0].File, Base);
  EXPECT_EQ(Errors[0].Line, 2u);
  EXPECT_EQ(Errors[0].Column, 10u);
  // The config itself was fine and applied; the broken base was not.
  EXPECT_EQ(R.threshold("large-copy-bytes"), 8);
  EXPECT_EQ(R.ConfigFiles, Strings{Config});
}

TEST(RulesUserConfig, OverrideReplacesAShippedEntryInPlace) {
  RuleSet R = shipped();
  size_t N = R.entryCount();
  auto Index = [&] {
    for (size_t I = 0; I < R.Containers.size(); ++I)
      if (R.Containers[I].Id == "std.container.vector")
        return I;
    return size_t(-1);
  };
  size_t Before = Index();
  std::vector<RuleError> Errors;
  ASSERT_TRUE(loadUserConfigText(R"Y(schema: 1
containers:
  - id: std.container.vector
    override: true
    types: [std::vector, proj::Vec]
    contiguous: true
    methods: {push_back: grow, clear: clear}
)Y",
                                 "/proj/.memlint.yaml", R, Errors))
      << strs(Errors).front();
  EXPECT_EQ(R.entryCount(), N);
  EXPECT_EQ(Index(), Before);
  const ContainerModel *V = R.findContainer("proj::Vec");
  ASSERT_NE(V, nullptr);
  EXPECT_EQ(V->Id, "std.container.vector");
  EXPECT_EQ(V->Methods.size(), 2u);
  EXPECT_EQ(V->From.File, "/proj/.memlint.yaml");
}

TEST(RulesUserConfig, OverrideMistakes) {
  RuleSet R = shipped();
  std::string Vector = originOf(R, "std.container.vector");
  std::string Deque = originOf(R, "std.container.deque");
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadUserConfigText(R"Y(schema: 1
bounded_types:
  - {id: proj.bounded.nope, override: true, name: proj::X}
  - {id: std.container.vector, override: true, name: proj::Y}
  - {id: std.container.deque, name: proj::Z}
)Y",
                                  "cfg.yaml", R, Errors));
  EXPECT_EQ(strs(Errors),
            (Strings{"cfg.yaml:3:10: 'override: true' but no entry loaded "
                     "before has id 'proj.bounded.nope'",
                     "cfg.yaml:4:10: cannot override 'std.container.vector': "
                     "it is a containers entry (at " +
                         Vector + "), not a bounded_types entry",
                     "cfg.yaml:5:10: duplicate id 'std.container.deque' (first "
                     "defined at " +
                         Deque + "; add 'override: true' to replace it)"}));
}

TEST(RulesUserConfig, RemoveEntries) {
  RuleSet R = shipped();
  size_t N = R.entryCount();
  std::vector<RuleError> Errors;
  ASSERT_TRUE(loadUserConfigText(R"Y(schema: 1
containers:
  - id: qt.container.list        # removed below, so free to define again
    types: [QList]
    methods: {append: grow}
remove: [qt.container.list, posix.stream.read]
)Y",
                                 "cfg.yaml", R, Errors))
      << strs(Errors).front();
  EXPECT_EQ(R.entryCount(), N - 1);
  EXPECT_EQ(findFirst(R.StreamSources, "read"), nullptr);
  ASSERT_NE(R.findContainer("QList"), nullptr);
  EXPECT_EQ(R.findContainer("QList")->Methods.size(), 1u);
  EXPECT_EQ(R.findContainer("QVector"), nullptr);

  Errors.clear();
  EXPECT_FALSE(loadUserConfigText("schema: 1\nremove: [no.such.id]\n",
                                  "cfg2.yaml", R, Errors));
  EXPECT_EQ(strs(Errors),
            Strings{"cfg2.yaml:2:10: cannot remove unknown id 'no.such.id'"});
}

TEST(RulesUserConfig, PackKeysAreNotConfigKeys) {
  RuleSet R;
  std::vector<RuleError> Errors;
  EXPECT_FALSE(
      loadUserConfigText("schema: 1\npack: mine\n", "cfg.yaml", R, Errors));
  EXPECT_EQ(strs(Errors),
            Strings{"cfg.yaml:2:1: unknown key 'pack' at the top level of a "
                    "configuration (expected one of: schema, extends, remove, "
                    "checks, thresholds, exclude, vendored, containers, "
                    "container_functions, stream_sources, whole_loads, sends, "
                    "queries, bounded_types, backpressure, forks, "
                    "test_and_set, pure, callables, type_erased)"});
}

//===----------------------------------------------------------------------===//
// Listing and dumping
//===----------------------------------------------------------------------===//

TEST(RulesText, DumpConfigRoundTrips) {
  RuleSet R = shipped();
  std::vector<RuleError> Errors;
  ASSERT_TRUE(loadUserConfigText(
      "schema: 1\nchecks: {query-in-loop: {enabled: false}}\n"
      "exclude: [\"gen/*\", \"*.pb.h\"]\n"
      "vendored: [\"libs/*\", \"!libs/ours/*\", \"*.inc\"]\n"
      "whole_loads:\n  - id: p.load.x\n    name: p::all\n"
      "    alternative: \"say \\\"stream\\\" # not a comment\"\n",
      "/proj/.memlint.yaml", R, Errors));
  std::string Dump = dumpConfig(R, /*WithOrigins=*/false);
  RuleSet Again;
  ASSERT_TRUE(loadUserConfigText(Dump, "/dump/.memlint.yaml", Again, Errors))
      << strs(Errors).front() << "\n"
      << Dump;
  EXPECT_EQ(dumpConfig(Again, false), Dump);
  EXPECT_EQ(Again.entryCount(), R.entryCount());
  EXPECT_FALSE(Again.isEnabled("query-in-loop"));
  EXPECT_EQ(Again.Excludes, (Strings{"/proj/gen/*", "*.pb.h"}));
  EXPECT_EQ(Again.Vendored,
            (Strings{"/proj/libs/*", "!/proj/libs/ours/*", "*.inc"}));
  EXPECT_EQ(findFirst(Again.WholeLoads, "p::all")->Alternative,
            "say \"stream\" # not a comment");
  // A test_and_set entry keeps its value argument, or its having none.
  ASSERT_NE(findFirst(Again.TestAndSet, "std::atomic::exchange"), nullptr);
  EXPECT_EQ(findFirst(Again.TestAndSet, "std::atomic::exchange")->Value, 0);
  ASSERT_NE(findFirst(Again.TestAndSet, "std::atomic_flag::test_and_set"),
            nullptr);
  EXPECT_EQ(
      findFirst(Again.TestAndSet, "std::atomic_flag::test_and_set")->Value, -1);

  // With origins, every value says where it came from.
  std::string WithOrigins = dumpConfig(R);
  EXPECT_NE(WithOrigins.find("  query-in-loop: {enabled: false, severity: "
                             "warning}  # /proj/.memlint.yaml:2:10\n"),
            std::string::npos)
      << WithOrigins.substr(0, 1500);
  EXPECT_NE(WithOrigins.find("  large-copy-bytes: 4096  # default"),
            std::string::npos);
  EXPECT_NE(WithOrigins.find("  - id: \"std.container.vector\"  # " +
                             originOf(R, "std.container.vector") + "\n"),
            std::string::npos);
  // And the commented form loads too.
  RuleSet Third;
  EXPECT_TRUE(loadUserConfigText(WithOrigins, "/d/x.yaml", Third, Errors));
}

TEST(RulesText, DescribeListsEveryEntryWithItsOrigin) {
  RuleSet R = shipped();
  std::string Text = describeRuleSet(R);
  EXPECT_NE(Text.find("packs (14):\n"), std::string::npos);
  std::string Vector = originOf(R, "std.container.vector");
  Vector = Vector.substr(0, Vector.rfind(':')); // file:line
  EXPECT_NE(Text.find("  std.container.vector  " + Vector +
                      "\n    types: std::vector\n    contiguous\n    grow:    "),
            std::string::npos)
      << Text.substr(0, 2000);
  EXPECT_NE(Text.find("sqlite.load.get_table"), std::string::npos);
  EXPECT_NE(Text.find("instead: sqlite3_prepare_v2 + sqlite3_step"),
            std::string::npos);
  EXPECT_NE(Text.find(std::to_string(R.entryCount()) + " entries\n"),
            std::string::npos);
  // Every entry appears.
  auto Has = [&](const std::string &Id) {
    return Text.find("  " + Id + " ") != std::string::npos;
  };
  for (const auto &E : R.Containers)
    EXPECT_TRUE(Has(E.Id)) << E.Id;
  for (const auto &E : R.Queries)
    EXPECT_TRUE(Has(E.Id)) << E.Id;
  for (const auto &E : R.Sends)
    EXPECT_TRUE(Has(E.Id)) << E.Id;
  for (const auto &E : R.Callables)
    EXPECT_TRUE(Has(E.Id)) << E.Id;
  for (const auto &E : R.TypeErased)
    EXPECT_TRUE(Has(E.Id)) << E.Id;
  for (const auto &E : R.Forks)
    EXPECT_TRUE(Has(E.Id)) << E.Id;
  for (const auto &E : R.TestAndSet)
    EXPECT_TRUE(Has(E.Id)) << E.Id;
  EXPECT_NE(Text.find("callback, callable last, held by the object\n"),
            std::string::npos);
  EXPECT_NE(Text.find("callback, callable 3, held by arg 0\n"),
            std::string::npos);
  EXPECT_NE(Text.find("thread, callable 0, held by no object\n"),
            std::string::npos);
  EXPECT_NE(Text.find("type_erased (3):\n"), std::string::npos);
  EXPECT_NE(Text.find("forks (2):\n"), std::string::npos);
  EXPECT_NE(Text.find("test_and_set (3):\n"), std::string::npos);
  EXPECT_NE(Text.find("std::atomic_flag::test_and_set  "), std::string::npos);
  EXPECT_NE(Text.find("  always sets\n"), std::string::npos);
  EXPECT_NE(Text.find("  sets unless arg 0 is 0 or false\n"),
            std::string::npos);
}

} // namespace
