//===- Baseline.cpp -------------------------------------------------------===//
#include "Baseline.h"

#include "SafeIO.h"
#include "SourceFiles.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace memlint {

const char FingerprintScheme[] = "memlint/v1";

std::string normalizedLineText(llvm::StringRef Line) {
  std::string Out;
  char Quote = 0;
  for (size_t I = 0; I < Line.size(); ++I) {
    char C = Line[I];
    if (Quote) {
      Out += C;
      if (C == '\\' && I + 1 < Line.size())
        Out += Line[++I];
      else if (C == Quote)
        Quote = 0;
      continue;
    }
    if (C == '"' || C == '\'') {
      Quote = C;
      Out += C;
    } else if (Line.substr(I).starts_with("//")) {
      break;
    } else if (Line.substr(I).starts_with("/*")) {
      size_t End = Line.find("*/", I + 2);
      if (End == llvm::StringRef::npos)
        break;
      I = End + 1;
    } else if (!llvm::isSpace(C)) {
      Out += C;
    }
  }
  return Out;
}

std::vector<std::string> computeFingerprints(const std::vector<Finding> &Findings,
                                             const std::string &Root,
                                             SourceFiles &Sources) {
  std::vector<std::string> Out;
  std::map<std::tuple<std::string, std::string, std::string>, unsigned> Seen;
  for (const Finding &F : Findings) {
    std::string Path = projectPath(Root, F.At.File);
    std::optional<llvm::StringRef> Line = Sources.line(F.At.File, F.At.Line);
    std::string Text = Line ? normalizedLineText(*Line) : std::string();
    if (Text.empty())
      Text = F.Message;
    unsigned Occurrence = Seen[{F.Rule, Path, Text}]++;
    llvm::SHA256 H;
    for (llvm::StringRef Part :
         {llvm::StringRef(FingerprintScheme), llvm::StringRef(F.Rule),
          llvm::StringRef(Path), llvm::StringRef(Text)}) {
      H.update(Part);
      H.update(llvm::ArrayRef<uint8_t>{0});
    }
    H.update(std::to_string(Occurrence));
    std::array<uint8_t, 32> Digest = H.final();
    Out.push_back(llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), 16),
                              /*LowerCase=*/true));
  }
  return Out;
}

bool readBaseline(const std::string &Path, std::vector<BaselineEntry> &Out,
                  std::string &Error) {
  // A regular file of bounded size and nesting: the baseline may come with
  // the change under review.
  std::string Why;
  std::unique_ptr<llvm::MemoryBuffer> Buf = readRegularFile(Path, MaxReportBytes, Why);
  if (!Buf) {
    Error = "cannot read baseline '" + Path + "': " + Why;
    return false;
  }
  if (!checkJSONDepth(Buf->getBuffer(), MaxJSONDepth, Why)) {
    Error = "baseline '" + Path + "' is not a memlint baseline: " + Path + ":" + Why;
    return false;
  }
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Buf->getBuffer());
  if (!V) {
    Error = "baseline '" + Path + "' is not JSON: " + llvm::toString(V.takeError());
    return false;
  }
  const llvm::json::Object *Root = V->getAsObject();
  const llvm::json::Array *Entries = Root ? Root->getArray("findings") : nullptr;
  auto Scheme = Root ? Root->getString("fingerprints") : std::nullopt;
  if (!Entries || !Scheme) {
    Error = "baseline '" + Path + "' is not a memlint baseline (write one "
            "with --write-baseline)";
    return false;
  }
  if (*Scheme != FingerprintScheme) {
    Error = "baseline '" + Path + "' uses fingerprints '" + Scheme->str() +
            "'; this memlint computes '" + FingerprintScheme +
            "': write it again with --write-baseline";
    return false;
  }
  for (const llvm::json::Value &EV : *Entries) {
    const llvm::json::Object *E = EV.getAsObject();
    auto Print = E ? E->getString("fingerprint") : std::nullopt;
    if (!Print) {
      Error = "baseline '" + Path + "': an entry has no fingerprint";
      return false;
    }
    BaselineEntry B;
    B.Fingerprint = Print->str();
    if (auto R = E->getString("rule"))
      B.Rule = R->str();
    if (auto F = E->getString("file"))
      B.File = F->str();
    if (auto L = E->getInteger("line"))
      B.Line = static_cast<unsigned>(std::max<int64_t>(0, *L));
    if (auto M = E->getString("message"))
      B.Message = M->str();
    Out.push_back(std::move(B));
  }
  return true;
}

bool writeBaseline(const std::string &Path, std::vector<BaselineEntry> Entries,
                   const char *Version, std::string &Error) {
  std::sort(Entries.begin(), Entries.end(),
            [](const BaselineEntry &A, const BaselineEntry &B) {
              return std::tie(A.File, A.Line, A.Rule, A.Fingerprint) <
                     std::tie(B.File, B.Line, B.Rule, B.Fingerprint);
            });
  llvm::json::Array Findings;
  for (const BaselineEntry &E : Entries)
    Findings.push_back(llvm::json::Object{{"fingerprint", E.Fingerprint},
                                          {"rule", E.Rule},
                                          {"file", E.File},
                                          {"line", E.Line},
                                          {"message", E.Message}});
  llvm::json::Object Root{
      {"version", 1},
      {"tool", llvm::json::Object{{"name", "memlint"}, {"version", Version}}},
      {"fingerprints", FingerprintScheme},
      {"findings", std::move(Findings)}};
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC) {
    Error = "cannot write baseline '" + Path + "': " + EC.message();
    return false;
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Root))) << "\n";
  OS.close();
  if (OS.has_error()) {
    Error = "cannot write baseline '" + Path + "': " + OS.error().message();
    OS.clear_error();
    return false;
  }
  return true;
}

} // namespace memlint
