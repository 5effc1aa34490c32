//===- FactsCache.cpp -----------------------------------------------------===//
#include "FactsCache.h"

#include "FindingJSON.h"
#include "SafeCommands.h"
#include "SafeIO.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <sys/time.h>

namespace memlint {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;
namespace json = llvm::json;

// Bump when the layout or the entry format changes: old entries are then
// simply not found (and age out).
static const char LayoutVersion[] = "v1";
static const char ResultMagic[] = "memlint-cache-result 1";

std::string contentHash(llvm::StringRef Bytes) {
  auto H = llvm::BLAKE3::hash<16>(llvm::arrayRefFromStringRef(Bytes));
  return llvm::toHex(H, /*LowerCase=*/true);
}

void recordDependencies(const clang::SourceManager &SM,
                        std::vector<FileDependency> &Out) {
  clang::FileManager &FM = SM.getFileManager();
  for (auto It = SM.fileinfo_begin(), E = SM.fileinfo_end(); It != E; ++It) {
    std::optional<llvm::MemoryBufferRef> Buf = It->second->getBufferIfLoaded();
    if (!Buf || !It->second->OrigEntry)
      continue; // known to the file manager, never read
    // (OrigEntry: the same spelling in every LLVM memlint builds against.)
    llvm::SmallString<256> P(It->second->OrigEntry->getName());
    FM.makeAbsolutePath(P);
    // "a/../b" names b only when a is no symlink: GCC's headers are found
    // as /lib/gcc/<triple>/12/../../../../include/c++/12 where /lib links to
    // /usr/lib, and the lexical /include/c++/12 does not exist (the entry
    // would never be reused). Such a path is resolved instead.
    llvm::SmallString<256> Lexical(P);
    path::remove_dots(Lexical, /*remove_dot_dot=*/true);
    if (Lexical != P && !fs::equivalent(Lexical, P)) {
      llvm::SmallString<256> Real;
      if (!fs::real_path(P, Real))
        Lexical = Real;
      else
        path::remove_dots(Lexical = P, /*remove_dot_dot=*/false);
    }
    Out.push_back({std::string(Lexical.str()), contentHash(Buf->getBuffer())});
  }
}

void normalizeDependencies(std::vector<FileDependency> &Deps) {
  std::sort(Deps.begin(), Deps.end());
  Deps.erase(std::unique(Deps.begin(), Deps.end()), Deps.end());
}

json::Array dependenciesToJSON(const std::vector<FileDependency> &Deps) {
  json::Array A;
  for (const FileDependency &D : Deps)
    A.push_back(json::Array{encodeWirePath(D.Path), D.Hash}); // FindingJSON.h
  return A;
}

bool dependenciesFromJSON(const json::Array &A,
                          std::vector<FileDependency> &Out) {
  for (const json::Value &V : A) {
    const json::Array *P = V.getAsArray();
    if (!P || P->size() != 2)
      return false;
    std::optional<llvm::StringRef> Path = (*P)[0].getAsString();
    std::optional<llvm::StringRef> Hash = (*P)[1].getAsString();
    if (!Path || !Hash || Path->empty() || Hash->size() != 32)
      return false;
    Out.push_back({decodeWirePath(*Path), Hash->str()});
  }
  return true;
}

std::optional<std::string> FileHasher::hash(const std::string &Path) {
  auto [It, Inserted] = Known.try_emplace(Path);
  if (!Inserted)
    return It->second;
  // A dependency is a source file: a FIFO there must not block, a link to
  // /dev/zero must not be read for ever (SafeIO.h).
  std::string Error;
  if (std::unique_ptr<llvm::MemoryBuffer> Buf =
          readRegularFile(Path, 1ull << 30, Error))
    It->second = contentHash(Buf->getBuffer());
  return It->second;
}

std::string normalizedCommand(const clang::tooling::CompileCommand &C) {
  // What the worker removes before the analysis (SafeCommands.h: the
  // options that name an output or load a plugin) cannot change what it
  // finds.
  std::string Out = C.Directory;
  Out += '\0';
  Out += C.Filename;
  for (const std::string &A : stripOutputFlags(C.CommandLine)) {
    Out += '\0';
    Out += A;
  }
  return Out;
}

bool parseByteSize(llvm::StringRef Text, uint64_t &Out) {
  uint64_t Unit = 1;
  if (!Text.empty()) {
    switch (llvm::toUpper(Text.back())) {
    case 'K': Unit = uint64_t(1) << 10; break;
    case 'M': Unit = uint64_t(1) << 20; break;
    case 'G': Unit = uint64_t(1) << 30; break;
    default: break;
    }
    if (Unit != 1)
      Text = Text.drop_back();
  }
  uint64_t N = 0;
  if (Text.getAsInteger(10, N) || N == 0 || N > (UINT64_MAX / Unit))
    return false;
  Out = N * Unit;
  return true;
}

std::string FactsCache::defaultDir() {
  llvm::SmallString<256> P;
  if (std::optional<std::string> X = llvm::sys::Process::GetEnv("XDG_CACHE_HOME");
      X && !X->empty() && path::is_absolute(*X)) {
    P = *X;
  } else if (std::optional<std::string> Home =
                 llvm::sys::Process::GetEnv("HOME");
             Home && !Home->empty()) {
    P = *Home;
    path::append(P, ".cache");
  } else {
    return "";
  }
  path::append(P, "memlint");
  return std::string(P.str());
}

FactsCache::FactsCache(std::string Dir, uint64_t MaxBytes)
    : Dir(std::move(Dir)), MaxBytes(MaxBytes) {}

bool FactsCache::open(std::string &Error) {
  llvm::SmallString<256> Root(Dir);
  path::append(Root, LayoutVersion);
  if (std::error_code EC = fs::create_directories(Root)) {
    Error = "cannot create the cache directory '" + Dir + "': " + EC.message();
    return false;
  }
  // Backup and archiving tools skip directories tagged like this
  // (https://bford.info/cachedir/).
  llvm::SmallString<256> Tag(Dir);
  path::append(Tag, "CACHEDIR.TAG");
  if (!fs::exists(Tag))
    writeAtomically(std::string(Tag.str()),
                    "Signature: 8a477f597d28d172789f06886806bc55\n"
                    "# This file is a cache directory tag created by memlint.\n"
                    "# For information about cache directory tags, see:\n"
                    "#\thttps://bford.info/cachedir/\n");
  if (!fs::exists(Tag)) {
    Error = "cannot write to the cache directory '" + Dir + "'";
    return false;
  }
  return true;
}

std::string FactsCache::tuKey(
    llvm::StringRef Settings,
    const std::vector<clang::tooling::CompileCommand> &Cmds,
    llvm::StringRef File) {
  std::string Text = "memlint-tu\n";
  Text += Settings;
  Text += '\n';
  Text += File;
  for (const clang::tooling::CompileCommand &C : Cmds) {
    Text += "\n";
    Text += normalizedCommand(C);
  }
  return contentHash(Text);
}

std::string FactsCache::manifestPath(const std::string &Key) const {
  llvm::SmallString<256> P(Dir);
  path::append(P, LayoutVersion, "manifests", Key.substr(0, 2),
               Key.substr(2) + ".json");
  return std::string(P.str());
}

std::string FactsCache::resultPath(const std::string &Id) const {
  llvm::SmallString<256> P(Dir);
  path::append(P, LayoutVersion, "results", Id.substr(0, 2),
               Id.substr(2) + ".result");
  return std::string(P.str());
}

std::vector<FactsCache::Version>
FactsCache::readManifest(const std::string &Key) {
  std::vector<Version> Out;
  auto Buf = llvm::MemoryBuffer::getFile(manifestPath(Key));
  if (!Buf)
    return Out;
  std::string Deep;
  llvm::Expected<json::Value> V =
      checkJSONDepth((*Buf)->getBuffer(), MaxJSONDepth, Deep)
          ? json::parse((*Buf)->getBuffer())
          : llvm::Expected<json::Value>(
                llvm::createStringError(llvm::inconvertibleErrorCode(), Deep));
  const json::Object *O = V ? V->getAsObject() : nullptr;
  const json::Array *Versions = O ? O->getArray("versions") : nullptr;
  std::optional<llvm::StringRef> K = O ? O->getString("key") : std::nullopt;
  if (!V)
    llvm::consumeError(V.takeError());
  if (!Versions || !K || *K != Key) {
    ++S.Corrupt;
    fs::remove(manifestPath(Key)); // never read twice
    return Out;
  }
  for (const json::Value &VV : *Versions) {
    const json::Object *VO = VV.getAsObject();
    std::optional<llvm::StringRef> Id = VO ? VO->getString("result") : std::nullopt;
    const json::Array *Deps = VO ? VO->getArray("deps") : nullptr;
    Version Ver;
    if (!Id || Id->size() != 32 || !Deps ||
        !dependenciesFromJSON(*Deps, Ver.Deps)) {
      ++S.Corrupt;
      fs::remove(manifestPath(Key));
      return {};
    }
    Ver.Result = Id->str();
    Out.push_back(std::move(Ver));
  }
  return Out;
}

std::optional<std::string> FactsCache::readChecked(const std::string &P) {
  auto Buf = llvm::MemoryBuffer::getFile(P, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return std::nullopt; // evicted, or never written
  llvm::StringRef Text = (*Buf)->getBuffer();
  auto [Header, Payload] = Text.split('\n');
  // "<magic> <checksum> <size>"
  llvm::SmallVector<llvm::StringRef, 4> Fields;
  Header.split(Fields, ' ');
  uint64_t Size = 0;
  if (!Header.starts_with(ResultMagic) || Fields.size() != 4 ||
      Fields[3].getAsInteger(10, Size) || Size != Payload.size() ||
      Fields[2] != contentHash(Payload)) {
    ++S.Corrupt;
    fs::remove(P); // recomputed and rewritten by this run
    return std::nullopt;
  }
  return Payload.str();
}

bool FactsCache::writeChecked(const std::string &P, llvm::StringRef Payload) {
  return writeAtomically(P, std::string(ResultMagic) + " " +
                                contentHash(Payload) + " " +
                                std::to_string(Payload.size()) + "\n" +
                                Payload.str());
}

std::optional<std::string> FactsCache::readResult(const std::string &Id) {
  return readChecked(resultPath(Id));
}

std::string FactsCache::recordPath(const std::string &Key) const {
  llvm::SmallString<256> P(Dir);
  path::append(P, LayoutVersion, "records", Key + ".record");
  return std::string(P.str());
}

std::optional<std::string> FactsCache::getRecord(const std::string &Key) {
  std::optional<std::string> R = readChecked(recordPath(Key));
  if (R)
    touch(recordPath(Key));
  return R;
}

void FactsCache::putRecord(const std::string &Key, llvm::StringRef Bytes) {
  if (writeChecked(recordPath(Key), Bytes))
    Stored = true;
}

bool FactsCache::fresh(const Version &V, FileHasher &H) {
  if (V.Deps.empty())
    return false;
  for (const FileDependency &D : V.Deps) {
    std::optional<std::string> Now = H.hash(D.Path);
    if (!Now || *Now != D.Hash)
      return false;
  }
  return true;
}

void FactsCache::touch(const std::string &Path) {
  ::utimes(Path.c_str(), nullptr); // now: most recently used
}

std::optional<std::string> FactsCache::lookup(const std::string &Key,
                                              FileHasher &H) {
  for (const Version &V : readManifest(Key)) {
    if (!fresh(V, H))
      continue;
    if (std::optional<std::string> P = readResult(V.Result)) {
      touch(resultPath(V.Result));
      touch(manifestPath(Key));
      ++S.Hits;
      return P;
    }
  }
  ++S.Misses;
  return std::nullopt;
}

std::optional<FactsCache::Entry>
FactsCache::lookupLatest(const std::string &Key, FileHasher &H) {
  if (std::optional<std::string> P = lookup(Key, H))
    return Entry{std::move(*P), true};
  for (const Version &V : readManifest(Key))
    if (std::optional<std::string> P = readResult(V.Result))
      return Entry{std::move(*P), false};
  return std::nullopt;
}

bool FactsCache::writeAtomically(const std::string &Path,
                                 llvm::StringRef Bytes) {
  if (fs::create_directories(path::parent_path(Path))) {
    ++S.WriteErrors;
    return false;
  }
  // A temporary file beside the target, renamed over it: a reader sees the
  // old entry or the new one, never a mix; an interrupted run removes it,
  // and one killed outright leaves it for evict() to remove.
  std::string Error;
  if (!writeFileAtomically(Path, Bytes, Error)) {
    ++S.WriteErrors;
    return false;
  }
  return true;
}

void FactsCache::store(const std::string &Key,
                       const std::vector<FileDependency> &Deps,
                       llvm::StringRef Payload) {
  if (Deps.empty())
    return; // nothing to validate it by: never trusted
  std::string DepsText = Key;
  for (const FileDependency &D : Deps)
    DepsText += "\n" + D.Path + '\0' + D.Hash;
  std::string Id = contentHash(DepsText);
  if (!writeChecked(resultPath(Id), Payload))
    return;

  std::vector<Version> Versions = readManifest(Key);
  llvm::erase_if(Versions, [&](const Version &V) { return V.Result == Id; });
  Versions.insert(Versions.begin(), Version{Id, Deps});
  if (Versions.size() > VersionsPerTU)
    Versions.resize(VersionsPerTU);
  json::Array VA;
  for (const Version &V : Versions)
    VA.push_back(json::Object{{"result", V.Result},
                              {"deps", dependenciesToJSON(V.Deps)}});
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << json::Value(json::Object{{"key", Key}, {"versions", std::move(VA)}});
  if (writeAtomically(manifestPath(Key), Text)) {
    ++S.Stores;
    Stored = true;
  }
}

void FactsCache::evict() {
  if (!Stored)
    return;
  struct File {
    std::string Path;
    uint64_t Size;
    llvm::sys::TimePoint<> Used;
  };
  std::vector<File> Files;
  uint64_t Total = 0;
  auto Now = std::chrono::system_clock::now();
  llvm::SmallString<256> Root(Dir);
  path::append(Root, LayoutVersion);
  std::error_code EC;
  for (fs::recursive_directory_iterator It(Root, EC), End; It != End && !EC;
       It.increment(EC)) {
    fs::file_status St;
    if (fs::status(It->path(), St) || St.type() != fs::file_type::regular_file)
      continue;
    // A temporary file of a run that was killed (SIGKILL) mid-write.
    if (llvm::StringRef(It->path()).contains(".memlint-tmp-")) {
      if (Now - St.getLastModificationTime() > std::chrono::hours(1))
        fs::remove(It->path());
      continue;
    }
    Files.push_back({It->path(), St.getSize(), St.getLastModificationTime()});
    Total += St.getSize();
  }
  if (Total <= MaxBytes)
    return;
  // Down to 90 %, so that the next few stores do not each walk the cache
  // and evict again.
  uint64_t Target = MaxBytes - MaxBytes / 10;
  std::sort(Files.begin(), Files.end(), [](const File &A, const File &B) {
    return A.Used < B.Used || (A.Used == B.Used && A.Path < B.Path);
  });
  for (const File &F : Files) {
    if (Total <= Target)
      break;
    if (!fs::remove(F.Path)) {
      Total -= F.Size;
      ++S.Evicted;
    }
  }
}

} // namespace memlint
