//===- FactsCache.h - per-TU results, kept by what they depend on ---------===//
//
// A translation unit's result (facts, summaries, local findings: opaque here,
// serialized by TUWorker) depends on memlint's version and settings, on its
// compile command, and on the content of every file the parse read. The
// cache keeps results under exactly that, like ccache's direct mode:
//
//   manifest  hash(settings, normalized compile command, main file)
//             -> the last few dependency lists seen for it, each with the
//                content hash of every file read and the result it gave
//   result    one serialized TU result, with a checksum
//
// A lookup re-hashes the listed files (each file once per run) and returns
// the result whose list still matches, so editing a header invalidates
// exactly the TUs that read it. Writes are atomic (a temporary file renamed
// into place), so concurrent runs on one cache never see half an entry; a
// damaged entry fails its checksum and is recomputed; the size is bounded,
// least recently used first out. The cache never fails a run: what cannot be
// read is a miss, what cannot be written is counted and reported.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_DRIVER_FACTSCACHE_H
#define MEMLINT_DRIVER_FACTSCACHE_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class PPCallbacks;
class SourceManager;
} // namespace clang
namespace clang::tooling {
struct CompileCommand;
}
namespace llvm::json {
class Array;
class Value;
} // namespace llvm::json

namespace memlint {

/// A file a parse read, and the hash of the content it read.
struct FileDependency {
  std::string Path; // absolute, dot-free
  std::string Hash; // contentHash()
  bool operator<(const FileDependency &O) const {
    return Path < O.Path || (Path == O.Path && Hash < O.Hash);
  }
  bool operator==(const FileDependency &O) const {
    return Path == O.Path && Hash == O.Hash;
  }
};

/// 128 bits of BLAKE3, as 32 lowercase hex digits.
std::string contentHash(llvm::StringRef Bytes);

/// Records every file \p SM read (the main file and everything included,
/// system headers too) with the hash of the content the compiler saw.
void recordDependencies(const clang::SourceManager &SM,
                        std::vector<FileDependency> &Out);
/// Sorts and dedupes (a file compiled under two commands reads some twice).
void normalizeDependencies(std::vector<FileDependency> &Deps);

llvm::json::Array dependenciesToJSON(const std::vector<FileDependency> &Deps);
bool dependenciesFromJSON(const llvm::json::Array &A,
                          std::vector<FileDependency> &Out);

/// Hashes files from disk, each at most once per run.
class FileHasher {
public:
  /// nullopt when the file cannot be read (a dependency that is gone).
  std::optional<std::string> hash(const std::string &Path);

private:
  std::map<std::string, std::optional<std::string>> Known;
};

/// A compile command with what cannot change the analysis dropped: the
/// output file and dependency-file options. Directory, file and every other
/// argument stay (relative include paths depend on the directory).
std::string normalizedCommand(const clang::tooling::CompileCommand &C);

/// "512M", "2G", "100K", "4096" (bytes); false when not a positive size.
bool parseByteSize(llvm::StringRef Text, uint64_t &Out);

class FactsCache {
public:
  /// 1 GiB.
  static constexpr uint64_t DefaultMaxBytes = uint64_t(1) << 30;
  /// How many dependency lists a manifest remembers per TU (a branch switch
  /// and back finds the old one).
  static constexpr unsigned VersionsPerTU = 4;

  /// $XDG_CACHE_HOME/memlint, else $HOME/.cache/memlint; "" when neither is
  /// set.
  static std::string defaultDir();

  FactsCache(std::string Dir, uint64_t MaxBytes = DefaultMaxBytes);

  /// Creates the directory layout; false with \p Error when the directory
  /// cannot be used.
  bool open(std::string &Error);

  /// The key of one TU: \p Settings (memlint's version and everything of its
  /// configuration the per-TU analysis reads), its compile commands
  /// (normalized) and the main file.
  static std::string tuKey(llvm::StringRef Settings,
                           const std::vector<clang::tooling::CompileCommand> &Cmds,
                           llvm::StringRef File);

  struct Entry {
    std::string Payload;
    /// Every dependency still hashes the same. A stale entry (lookupLatest)
    /// is the most recent result for the TU, from older sources.
    bool Fresh = true;
  };

  /// The result stored under \p Key whose dependencies all hash as they did
  /// when it was stored; nullopt on a miss.
  std::optional<std::string> lookup(const std::string &Key, FileHasher &H);
  /// As lookup(); when nothing is fresh, the most recently stored result
  /// still readable, marked stale. For judging some files against the last
  /// known facts of the others.
  std::optional<Entry> lookupLatest(const std::string &Key, FileHasher &H);
  /// Stores \p Payload for \p Key with the dependency list it was computed
  /// from. Failures are counted, never fatal.
  void store(const std::string &Key, const std::vector<FileDependency> &Deps,
             llvm::StringRef Payload);

  /// A named record that is not a TU's result (what the last run over a
  /// whole compile database found), checksummed like one; nullopt when
  /// missing or damaged.
  std::optional<std::string> getRecord(const std::string &Key);
  void putRecord(const std::string &Key, llvm::StringRef Bytes);

  /// Removes least recently used entries (by the time of their last hit or
  /// store) until the cache holds at most MaxBytes. Runs only after a store.
  void evict();

  struct Stats {
    unsigned Hits = 0, Misses = 0, Stores = 0;
    unsigned Corrupt = 0;     // entries that failed their checksum or parse
    unsigned WriteErrors = 0; // stores that could not be written
    unsigned Evicted = 0;     // files removed by evict()
  };
  const Stats &stats() const { return S; }
  const std::string &dir() const { return Dir; }
  uint64_t maxBytes() const { return MaxBytes; }

private:
  struct Version {
    std::string Result; // result id
    std::vector<FileDependency> Deps;
  };
  std::string manifestPath(const std::string &Key) const;
  std::string resultPath(const std::string &Id) const;
  std::vector<Version> readManifest(const std::string &Key);
  std::optional<std::string> readResult(const std::string &Id);
  std::optional<std::string> readChecked(const std::string &Path);
  bool writeChecked(const std::string &Path, llvm::StringRef Payload);
  std::string recordPath(const std::string &Key) const;
  bool fresh(const Version &V, FileHasher &H);
  bool writeAtomically(const std::string &Path, llvm::StringRef Bytes);
  void touch(const std::string &Path);

  std::string Dir;
  uint64_t MaxBytes;
  bool Stored = false;
  Stats S;
};

} // namespace memlint

#endif
