//===- RuleLoaderFuzzer.cpp - libFuzzer target for the rule loader --------===//
//
// Feeds the input to loadPackText and loadUserConfigText and checks the
// loader's promises, not just the absence of crashes:
//  - the result is false iff errors were reported, and every error names
//    the file and has a message;
//  - a file with errors adds nothing (all or nothing);
//  - what loaded survives dumpConfig -> loadUserConfigText -> dumpConfig
//    unchanged, and describeRuleSet does not crash.
//
// Build: see rules/CMakeLists.txt (MEMLINT_BUILD_FUZZERS). Run:
//   memlint-rules-fuzzer -dict=rules/fuzz/rules.dict rules/fuzz/corpus
//
//===----------------------------------------------------------------------===//
#include "memlint/RuleLoader.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace memlint;

namespace {

// Names outside any real directory, so relative `extends:` never reaches
// real files and `extends: [name]` finds no pack.
const char *const PackName = "/nonexistent-memlint-fuzz/fuzz.yaml";
const char *const ConfigName = "/nonexistent-memlint-fuzz/.memlint.yaml";
const char *const DumpName = "/nonexistent-memlint-fuzz/dump.yaml";

[[noreturn]] void fail(const char *What, const std::string &Detail) {
  std::fprintf(stderr, "memlint-rules-fuzzer: %s\n%s\n", What,
               Detail.c_str());
  std::abort();
}

std::string joined(const std::vector<RuleError> &Errors) {
  std::string Out;
  for (const RuleError &E : Errors)
    Out += E.str() + "\n";
  return Out;
}

void checkErrors(bool Ok, const std::vector<RuleError> &Errors,
                 const std::string &File) {
  if (Ok != Errors.empty())
    fail("result disagrees with the error list", joined(Errors));
  for (const RuleError &E : Errors) {
    if (E.Message.empty())
      fail("error without a message", E.str());
    // Errors may name an extended file, never nothing.
    if (E.File.empty() || (E.File != File && E.File[0] != '/'))
      fail("error names no file", E.str());
    if ((E.Line == 0) != (E.Column == 0))
      fail("error with half a position", E.str());
  }
}

void checkEmpty(const RuleSet &Rules, const std::vector<RuleError> &Errors) {
  if (Rules.entryCount() != 0 || !Rules.Packs.empty() ||
      !Rules.ConfigFiles.empty() || !Rules.Checks.empty() ||
      !Rules.Thresholds.empty() || !Rules.Excludes.empty() ||
      !Rules.Vendored.empty())
    fail("a file with errors changed the RuleSet", joined(Errors));
}

void checkRoundTrip(const RuleSet &Rules) {
  (void)describeRuleSet(Rules);
  std::string Dump = dumpConfig(Rules, /*WithOrigins=*/false);
  (void)dumpConfig(Rules, /*WithOrigins=*/true);
  RuleSet Again;
  Again.PackDirs = {"/nonexistent-memlint-fuzz"};
  std::vector<RuleError> Errors;
  if (!loadUserConfigText(Dump, DumpName, Again, Errors))
    fail("dumpConfig output does not load", joined(Errors) + Dump);
  std::string Dump2 = dumpConfig(Again, /*WithOrigins=*/false);
  if (Dump != Dump2)
    fail("dumpConfig does not round-trip", Dump + "----\n" + Dump2);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size > 64 * 1024)
    return -1; // rule files are small; keep executions fast
  std::string Text(reinterpret_cast<const char *>(Data), Size);

  {
    RuleSet Rules;
    std::vector<RuleError> Errors;
    bool Ok = loadPackText(Text, PackName, Rules, Errors);
    checkErrors(Ok, Errors, PackName);
    if (Ok)
      checkRoundTrip(Rules);
    else
      checkEmpty(Rules, Errors);
  }
  {
    RuleSet Rules;
    Rules.PackDirs = {"/nonexistent-memlint-fuzz"};
    std::vector<RuleError> Errors;
    bool Ok = loadUserConfigText(Text, ConfigName, Rules, Errors);
    checkErrors(Ok, Errors, ConfigName);
    if (Ok)
      checkRoundTrip(Rules);
    // `extends:` may have loaded other files; the config's own content is
    // applied only if the config itself had no error.
    bool OwnErrors = false;
    for (const RuleError &E : Errors)
      OwnErrors |= E.File == ConfigName;
    for (const std::string &F : Rules.ConfigFiles)
      if (OwnErrors && F == ConfigName)
        fail("a configuration with errors was applied", joined(Errors));
  }
  return 0;
}
