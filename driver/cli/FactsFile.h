//===- FactsFile.h - per-TU results in a file: shards, Bazel actions ------===//
//
// `memlint check --shard i/N --facts-out F` and `memlint collect` write the
// results of their translation units (facts, summaries, local findings and
// errors: TUWorker's serialized results, opaque here) with what is needed to
// decide over them later; `memlint merge` reads any number of them and
// decides and reports exactly as one run over all the TUs would.
//
// Paths under the directory a file was written from (its "root": the
// current directory) are rewritten to the directory it is read from, so a
// shard collected in one checkout (or Bazel sandbox) merges in another.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_DRIVER_FACTSFILE_H
#define MEMLINT_DRIVER_FACTSFILE_H

#include "TUWorker.h"

#include <string>
#include <vector>

namespace memlint {

struct FactsFile {
  std::string Memlint;  // the version that wrote it
  std::string Settings; // settingsKey(): build and configuration
  std::string Config;   // the .memlint.yaml the run used; "" for none
  std::vector<std::string> Checks; // the enabled rules
  bool AssumeClosedWorld = false;
  bool WholeDatabase = false; // -p without files: every TU of a database
  unsigned ShardIndex = 0;    // 1-based; 0: not a shard (memlint collect)
  unsigned ShardCount = 0;
  std::string Root; // absolute; paths below it are relative to where it is read
  std::vector<TUResult> TUs;
};

/// Writes \p F atomically; false with \p Error.
bool writeFactsFile(const std::string &Path, const FactsFile &F,
                    std::string &Error);

/// Reads \p Path, mapping paths under its root to \p Root; false with
/// \p Error (which names the file).
bool readFactsFile(const std::string &Path, const std::string &Root,
                   FactsFile &F, std::string &Error);

/// Checks that \p Files come from one configuration and, when they are
/// shards, that each of 1..N is there exactly once. False with \p Error.
bool checkFactsFilesAgree(const std::vector<std::string> &Paths,
                          const std::vector<FactsFile> &Files,
                          std::string &Error);

/// The deterministic 1/N of \p Files that shard \p Index (1-based) of
/// \p Count analyzes: after sorting, every Count-th file from Index-1.
std::vector<std::string> shardOf(std::vector<std::string> Files,
                                 unsigned Index, unsigned Count);

/// Parses "i/N" (1 <= i <= N); false with \p Error.
bool parseShard(llvm::StringRef Text, unsigned &Index, unsigned &Count,
                std::string &Error);

} // namespace memlint

#endif
