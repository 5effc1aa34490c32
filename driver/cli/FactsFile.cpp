//===- FactsFile.cpp ------------------------------------------------------===//
#include "FactsFile.h"

#include "FindingJSON.h"
#include "Output.h"
#include "SafeIO.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <set>

namespace memlint {

namespace json = llvm::json;

static const char FormatKey[] = "memlint-facts";
// 2: local findings carry the function they are in ("function",
// "site-flags"), which decide() ranks them by.
static const int FormatVersion = 2;

bool writeFactsFile(const std::string &Path, const FactsFile &F,
                    std::string &Error) {
  json::Array TUs;
  for (const TUResult &R : F.TUs) {
    TUResult Copy = R;
    Copy.Deps.clear(); // a cache's business, not a merge's
    TUs.push_back(json::Object{{"file", encodeWirePath(R.File)},
                               {"result", resultToJSON(Copy)}});
  }
  json::Object Root{{FormatKey, FormatVersion},
                    {"memlint", F.Memlint},
                    {"settings", F.Settings},
                    {"config", F.Config},
                    {"checks", json::Array(F.Checks)},
                    {"assume-closed-world", F.AssumeClosedWorld},
                    {"whole-database", F.WholeDatabase},
                    {"root", encodeWirePath(F.Root)},
                    {"tus", std::move(TUs)}};
  if (F.ShardCount)
    Root["shard"] = json::Array{F.ShardIndex, F.ShardCount};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << json::Value(std::move(Root)) << "\n";
  std::string Why;
  if (!writeFileAtomically(Path, Text, Why)) {
    Error = "cannot write '" + Path + "': " + Why;
    return false;
  }
  return true;
}

/// Every string (and object key) under \p From + "/" moves under \p To.
static void remapPaths(json::Value &V, llvm::StringRef From,
                       llvm::StringRef To) {
  auto Map = [&](llvm::StringRef S) -> std::optional<std::string> {
    if (S == From)
      return To.str();
    if (S.size() > From.size() && S.starts_with(From) && S[From.size()] == '/')
      return (To + S.drop_front(From.size())).str();
    return std::nullopt;
  };
  if (std::optional<llvm::StringRef> S = V.getAsString()) {
    if (std::optional<std::string> M = Map(*S))
      V = *M;
  } else if (json::Array *A = V.getAsArray()) {
    for (json::Value &E : *A)
      remapPaths(E, From, To);
  } else if (json::Object *O = V.getAsObject()) {
    json::Object Out;
    for (auto &KV : *O) {
      remapPaths(KV.second, From, To);
      std::optional<std::string> K = Map(KV.first);
      Out[K ? json::ObjectKey(*K) : KV.first] = std::move(KV.second);
    }
    *O = std::move(Out);
  }
}

bool readFactsFile(const std::string &Path, const std::string &Root,
                   FactsFile &F, std::string &Error) {
  auto Fail = [&](const std::string &Why) {
    Error = Path + ": " + Why;
    return false;
  };
  // Facts files come from CI artifacts or a build system's outputs: a
  // regular file of bounded size and nesting (SafeIO.h).
  std::string Why;
  std::unique_ptr<llvm::MemoryBuffer> Buf =
      readRegularFile(Path, MaxCompileDatabaseBytes, Why);
  if (!Buf)
    return Fail("cannot read: " + Why);
  if (!checkJSONDepth(Buf->getBuffer(), MaxJSONDepth, Why))
    return Fail("not a memlint facts file: " + Why);
  llvm::Expected<json::Value> V = json::parse(Buf->getBuffer());
  if (!V)
    return Fail("not a memlint facts file: " + llvm::toString(V.takeError()));
  json::Object *O = V->getAsObject();
  if (!O || !O->get(FormatKey))
    return Fail("not a memlint facts file (no \"memlint-facts\" key)");
  if (O->getInteger(FormatKey) != FormatVersion)
    return Fail("facts file format " +
                std::to_string(O->getInteger(FormatKey).value_or(-1)) +
                " is not the one this memlint reads (" +
                std::to_string(FormatVersion) + ")");
  std::optional<llvm::StringRef> From = O->getString("root");
  if (!From)
    return Fail("no \"root\"");
  if (*From != Root && !From->empty())
    remapPaths(*V, From->str(), encodeWirePath(Root));
  O = V->getAsObject();
  auto Str = [&](const char *Key, std::string &Out) {
    std::optional<llvm::StringRef> S = O->getString(Key);
    if (S)
      Out = S->str();
    return S.has_value();
  };
  auto Bool = [&](const char *Key, bool &Out) {
    std::optional<bool> B = O->getBoolean(Key);
    if (B)
      Out = *B;
    return B.has_value();
  };
  const json::Array *Checks = O->getArray("checks");
  const json::Array *TUs = O->getArray("tus");
  if (!Str("memlint", F.Memlint) || !Str("settings", F.Settings) ||
      !Str("config", F.Config) || !Str("root", F.Root) || !Checks || !TUs ||
      !Bool("assume-closed-world", F.AssumeClosedWorld) ||
      !Bool("whole-database", F.WholeDatabase))
    return Fail("incomplete header");
  F.Root = decodeWirePath(F.Root);
  for (const json::Value &C : *Checks) {
    std::optional<llvm::StringRef> S = C.getAsString();
    if (!S)
      return Fail("bad \"checks\"");
    F.Checks.push_back(S->str());
  }
  if (const json::Value *Shard = O->get("shard")) {
    const json::Array *A = Shard->getAsArray();
    std::optional<int64_t> I = A && A->size() == 2 ? (*A)[0].getAsInteger()
                                                   : std::nullopt;
    std::optional<int64_t> N = A && A->size() == 2 ? (*A)[1].getAsInteger()
                                                   : std::nullopt;
    if (!I || !N || *N < 1 || *I < 1 || *I > *N)
      return Fail("bad \"shard\"");
    F.ShardIndex = static_cast<unsigned>(*I);
    F.ShardCount = static_cast<unsigned>(*N);
  }
  for (const json::Value &TV : *TUs) {
    const json::Object *TO = TV.getAsObject();
    const json::Value *FileV = TO ? TO->get("file") : nullptr;
    const json::Value *Result = TO ? TO->get("result") : nullptr;
    std::string File = FileV && FileV->getAsString()
                           ? FileV->getAsString()->str()
                           : std::string();
    TUResult R;
    std::string Why;
    if (File.empty() || !Result)
      return Fail("translation unit " + std::to_string(F.TUs.size() + 1) +
                  ": no file or no result");
    if (!resultFromJSON(*Result, R, Why))
      return Fail("translation unit '" + File + "': " + Why);
    R.File = decodeWirePath(File);
    F.TUs.push_back(std::move(R));
  }
  return true;
}

bool checkFactsFilesAgree(const std::vector<std::string> &Paths,
                          const std::vector<FactsFile> &Files,
                          std::string &Error) {
  if (Files.empty()) {
    Error = "no facts files";
    return false;
  }
  const FactsFile &First = Files.front();
  for (size_t I = 1; I < Files.size(); ++I) {
    const FactsFile &F = Files[I];
    auto Differ = [&](const std::string &What) {
      Error = Paths[I] + " and " + Paths[0] + " come from different " + What +
              "; merge only the facts of one run";
      return false;
    };
    if (F.Checks != First.Checks || F.AssumeClosedWorld != First.AssumeClosedWorld)
      return Differ("--checks or --assume-closed-world options");
    if (F.Memlint != First.Memlint || F.Settings != First.Settings)
      return Differ("memlint builds or configurations");
    if (F.WholeDatabase != First.WholeDatabase ||
        (F.ShardCount == 0) != (First.ShardCount == 0))
      return Differ("kinds of run (shards of a compile database, collected "
                    "sources)");
  }
  if (First.ShardCount == 0)
    return true;
  // Shards: each of 1..N exactly once, or a finding could be lost.
  unsigned N = First.ShardCount;
  std::vector<std::string> Seen(N + 1);
  for (size_t I = 0; I < Files.size(); ++I) {
    if (Files[I].ShardCount != N) {
      Error = Paths[I] + " is shard " + std::to_string(Files[I].ShardIndex) +
              "/" + std::to_string(Files[I].ShardCount) + ", " + Paths[0] +
              " is one of " + std::to_string(N);
      return false;
    }
    std::string &S = Seen[Files[I].ShardIndex];
    if (!S.empty()) {
      Error = Paths[I] + " and " + S + " are both shard " +
              std::to_string(Files[I].ShardIndex) + "/" + std::to_string(N);
      return false;
    }
    S = Paths[I];
  }
  std::vector<std::string> Missing;
  for (unsigned I = 1; I <= N; ++I)
    if (Seen[I].empty())
      Missing.push_back(std::to_string(I) + "/" + std::to_string(N));
  if (!Missing.empty()) {
    Error = "missing shard" + std::string(Missing.size() > 1 ? "s " : " ") +
            llvm::join(Missing, ", ") +
            ": without every shard the whole program is not seen";
    return false;
  }
  return true;
}

std::vector<std::string> shardOf(std::vector<std::string> Files,
                                 unsigned Index, unsigned Count) {
  std::sort(Files.begin(), Files.end());
  std::vector<std::string> Out;
  for (size_t I = Index - 1; I < Files.size(); I += Count)
    Out.push_back(Files[I]);
  return Out;
}

bool parseShard(llvm::StringRef Text, unsigned &Index, unsigned &Count,
                std::string &Error) {
  auto [I, N] = Text.split('/');
  if (I.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Count == 0 ||
      Index == 0 || Index > Count) {
    Error = "--shard needs i/N with 1 <= i <= N, e.g. 2/4 (got '" +
            Text.str() + "')";
    return false;
  }
  return true;
}

} // namespace memlint
