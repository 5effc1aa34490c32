//===- Probes.cpp - did a finding's line run? ------------------------------===//
//
// "not exercised" is a claim that a line never ran, and a missing
// allocation does not prove it (an optimized tail call leaves no frame at
// the line). So `memlint confirm` asks the tracker to set a one-shot
// breakpoint where each finding's line starts (from the executable's DWARF
// line table) and reads back which were hit: one trap per line at most.
//
//===----------------------------------------------------------------------===//
#include "Confirm.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/FileSystem.h"

#include <memory>

namespace memlint {
namespace harness {

bool lineAddresses(const std::string &Exe, const std::set<SourceLine> &Lines,
                   std::map<SourceLine, std::vector<uint64_t>> &Out, std::string &Error) {
  auto Bin = llvm::object::ObjectFile::createObjectFile(Exe);
  if (!Bin) {
    Error = Exe + ": " + llvm::toString(Bin.takeError());
    return false;
  }
  std::set<unsigned> Numbers;
  for (const SourceLine &L : Lines)
    Numbers.insert(L.second);
  std::unique_ptr<llvm::DWARFContext> Ctx = llvm::DWARFContext::create(*Bin->getBinary());
  for (const auto &CU : Ctx->compile_units()) {
    const llvm::DWARFDebugLine::LineTable *LT = Ctx->getLineTableForUnit(CU.get());
    if (!LT)
      continue;
    const char *CompDir = CU->getCompilationDir();
    std::map<uint64_t, std::string> Names; // file index -> normalized path
    for (const llvm::DWARFDebugLine::Row &Row : LT->Rows) {
      if (!Row.IsStmt || Row.EndSequence || !Numbers.count(Row.Line))
        continue;
      auto It = Names.find(Row.File);
      if (It == Names.end()) {
        std::string Name;
        LT->getFileNameByIndex(
            Row.File, CompDir ? CompDir : "",
            llvm::DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath, Name);
        It = Names.emplace(Row.File, Name.empty() ? Name : normalizePath(Name)).first;
      }
      SourceLine Key{It->second, Row.Line};
      if (!Lines.count(Key))
        continue;
      std::vector<uint64_t> &A = Out[Key];
      if (A.size() < 16 && std::find(A.begin(), A.end(), Row.Address.Address) == A.end())
        A.push_back(Row.Address.Address);
    }
  }
  return true;
}

std::vector<std::string>
probeEnvironment(const std::string &Exe, const std::map<SourceLine, std::vector<uint64_t>> &At) {
  std::vector<std::string> Hex;
  for (const auto &[Line, Addrs] : At)
    for (uint64_t A : Addrs)
      Hex.push_back(llvm::utohexstr(A));
  if (Hex.empty())
    return {};
  return {"MEMLINT_TRACKER_PROBE_EXE=" + Exe, "MEMLINT_TRACKER_PROBES=" + llvm::join(Hex, ",")};
}

void linesRan(const std::vector<RunResult> &Runs, const std::string &Exe,
              const std::map<SourceLine, std::vector<uint64_t>> &At,
              std::map<SourceLine, int> &Out) {
  for (const auto &[Line, Addrs] : At) {
    bool Hit = false, Seen = false, Unsure = false;
    for (const RunResult &Run : Runs) {
      if (!Run.usable())
        continue;
      for (const TrackerProcess &P : Run.Processes) {
        if (normalizePath(P.Exe) != Exe)
          continue;
        if (!P.ProbesSet) {
          Unsure = true; // this process ran without them
          continue;
        }
        Seen = true;
        for (uint64_t A : Addrs) {
          auto It = P.ProbeHits.find(A);
          Hit |= It != P.ProbeHits.end() && It->second;
        }
      }
    }
    if (Hit)
      Out[Line] = 1;
    else if (Seen && !Unsure)
      Out[Line] = 0;
  }
}

bool directCallTarget(const std::string &Module, uint64_t ReturnAddress, uint64_t &Target) {
  // The loaded segments of each module: file bytes by link-time address.
  struct Image {
    llvm::object::OwningBinary<llvm::object::ObjectFile> Bin;
    struct Segment {
      uint64_t VAddr, FileSize, Offset;
    };
    std::vector<Segment> Segments;
  };
  static std::map<std::string, std::unique_ptr<Image>> Images;
  auto It = Images.find(Module);
  if (It == Images.end()) {
    std::unique_ptr<Image> I;
    auto Bin = llvm::object::ObjectFile::createObjectFile(Module);
    if (Bin) {
      I = std::make_unique<Image>();
      I->Bin = std::move(*Bin);
      if (auto *ELF = llvm::dyn_cast<llvm::object::ELF64LEObjectFile>(I->Bin.getBinary())) {
        auto Headers = ELF->getELFFile().program_headers();
        if (Headers) {
          for (const auto &Ph : *Headers)
            if (Ph.p_type == llvm::ELF::PT_LOAD)
              I->Segments.push_back({Ph.p_vaddr, Ph.p_filesz, Ph.p_offset});
        } else {
          llvm::consumeError(Headers.takeError());
        }
      }
    } else {
      llvm::consumeError(Bin.takeError());
    }
    It = Images.emplace(Module, std::move(I)).first;
  }
  if (!It->second || ReturnAddress < 5)
    return false;
  llvm::StringRef Data = It->second->Bin.getBinary()->getData();
  uint64_t Call = ReturnAddress - 5; // call rel32: E8 and 4 bytes
  for (const auto &S : It->second->Segments) {
    if (Call < S.VAddr || ReturnAddress > S.VAddr + S.FileSize)
      continue;
    uint64_t Off = S.Offset + (Call - S.VAddr);
    if (Off + 5 > Data.size() || uint8_t(Data[Off]) != 0xE8)
      return false;
    int32_t Rel = int32_t(uint32_t(uint8_t(Data[Off + 1])) | uint32_t(uint8_t(Data[Off + 2])) << 8 |
                          uint32_t(uint8_t(Data[Off + 3])) << 16 |
                          uint32_t(uint8_t(Data[Off + 4])) << 24);
    Target = ReturnAddress + int64_t(Rel);
    return true;
  }
  return false;
}

} // namespace harness
} // namespace memlint
