//===- Escape.cpp ---------------------------------------------------------===//
#include "Escape.h"

#include "llvm/Support/ConvertUTF.h"

namespace memlint {
namespace {

const char Hex[] = "0123456789ABCDEF";

void byteEscape(std::string &Out, unsigned char C) {
  Out += "\\x";
  Out += Hex[C >> 4];
  Out += Hex[C & 15];
}

/// Calls Valid(bytes, code point) for each UTF-8 sequence and Invalid(byte)
/// for each byte that is not part of one.
template <typename V, typename I>
void walk(llvm::StringRef S, V Valid, I Invalid) {
  const auto *P = reinterpret_cast<const llvm::UTF8 *>(S.data());
  const auto *End = P + S.size();
  while (P < End) {
    unsigned N = llvm::getNumBytesForUTF8(*P);
    if (P + N <= End && llvm::isLegalUTF8Sequence(P, P + N)) {
      llvm::UTF32 CP = 0;
      const llvm::UTF8 *From = P;
      llvm::UTF32 *To = &CP;
      llvm::ConvertUTF8toUTF32(&From, P + N, &To, To + 1, llvm::strictConversion);
      Valid(llvm::StringRef(reinterpret_cast<const char *>(P), N), CP);
      P += N;
    } else {
      Invalid(*P++);
    }
  }
}

bool isBidiControl(uint32_t CP) {
  return (CP >= 0x202A && CP <= 0x202E) || (CP >= 0x2066 && CP <= 0x2069) ||
         CP == 0x200E || CP == 0x200F || CP == 0x061C;
}

} // namespace

std::string terminalSafe(llvm::StringRef S) {
  bool Plain = true;
  for (unsigned char C : S)
    Plain &= (C >= 0x20 && C < 0x7F) || C == '\t';
  if (Plain)
    return S.str();
  std::string Out;
  walk(
      S,
      [&](llvm::StringRef Bytes, uint32_t CP) {
        if ((CP < 0x20 && CP != '\t') || (CP >= 0x7F && CP < 0xA0) ||
            isBidiControl(CP)) {
          char Buf[12];
          snprintf(Buf, sizeof Buf, "<U+%04X>", unsigned(CP));
          Out += Buf;
        } else {
          Out += Bytes;
        }
      },
      [&](unsigned char C) { byteEscape(Out, C); });
  return Out;
}

std::string jsonSafe(llvm::StringRef S) {
  std::string Out;
  walk(
      S, [&](llvm::StringRef Bytes, uint32_t) { Out += Bytes; },
      [&](unsigned char C) { byteEscape(Out, C); });
  return Out;
}

} // namespace memlint
