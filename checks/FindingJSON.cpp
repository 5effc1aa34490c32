//===- FindingJSON.cpp ----------------------------------------------------===//
#include "FindingJSON.h"

#include "llvm/Support/ConvertUTF.h"

#include <cstdint>

namespace memlint {

std::string encodeWirePath(llvm::StringRef Path) {
  static const char Hex[] = "0123456789abcdef";
  if (llvm::json::isUTF8(Path) && !Path.contains('\x01'))
    return Path.str();
  std::string Out;
  const auto *P = reinterpret_cast<const llvm::UTF8 *>(Path.data());
  const auto *End = P + Path.size();
  while (P < End) {
    unsigned N = llvm::getNumBytesForUTF8(*P);
    if (*P != 0x01 && P + N <= End && llvm::isLegalUTF8Sequence(P, P + N)) {
      Out.append(reinterpret_cast<const char *>(P), N);
      P += N;
      continue;
    }
    Out += '\x01';
    Out += Hex[*P >> 4];
    Out += Hex[*P & 15];
    ++P;
  }
  return Out;
}

std::string decodeWirePath(llvm::StringRef Text) {
  if (!Text.contains('\x01'))
    return Text.str();
  std::string Out;
  for (size_t I = 0; I < Text.size(); ++I) {
    unsigned V;
    if (Text[I] == '\x01' && I + 2 < Text.size() &&
        !Text.substr(I + 1, 2).getAsInteger(16, V)) {
      Out += char(V);
      I += 2;
    } else {
      Out += Text[I];
    }
  }
  return Out;
}

namespace json = llvm::json;

json::Value
findingToJSON(const Finding &F,
              llvm::function_ref<std::string(const std::string &)> Path) {
  json::Array Notes;
  for (const Note &N : F.Notes) {
    json::Object NO{{"file", Path(N.At.File)},
                    {"line", N.At.Line},
                    {"column", N.At.Column},
                    {"message", N.Message}};
    if (N.Also)
      NO["also"] = true;
    Notes.push_back(std::move(NO));
  }
  json::Object O{{"rule", F.Rule},          {"severity", F.Severity},
                 {"file", Path(F.At.File)}, {"line", F.At.Line},
                 {"column", F.At.Column},   {"message", F.Message},
                 {"confidence", toString(F.Conf)},
                 {"notes", std::move(Notes)}};
  if (!F.Detail.empty())
    O["detail"] = F.Detail;
  if (!F.Fix.empty()) {
    json::Array Edits;
    for (const Replacement &R : F.Fix)
      Edits.push_back(json::Object{{"file", Path(R.Begin.File)},
                                   {"line", R.Begin.Line},
                                   {"column", R.Begin.Column},
                                   {"endLine", R.End.Line},
                                   {"endColumn", R.End.Column},
                                   {"text", R.Text}});
    O["fix"] = json::Object{{"safe", F.FixIsSafe}, {"edits", std::move(Edits)}};
  }
  return O;
}

static bool position(const json::Object &O, Loc &L,
                     llvm::function_ref<std::string(llvm::StringRef)> Path) {
  auto File = O.getString("file");
  auto Line = O.getInteger("line");
  auto Col = O.getInteger("column");
  if (!File || !Line || !Col || *Line < 0 || *Col < 0)
    return false;
  L.File = Path(*File);
  L.Line = static_cast<unsigned>(*Line);
  L.Column = static_cast<unsigned>(*Col);
  return true;
}

bool findingFromJSON(const json::Value &V, Finding &F,
                     llvm::function_ref<std::string(llvm::StringRef)> Path) {
  const json::Object *O = V.getAsObject();
  if (!O || !position(*O, F.At, Path))
    return false;
  auto Rule = O->getString("rule");
  auto Severity = O->getString("severity");
  auto Message = O->getString("message");
  const json::Array *Notes = O->getArray("notes");
  if (!Rule || !Severity || !Message || !Notes)
    return false;
  F.Rule = Rule->str();
  F.Severity = Severity->str();
  F.Message = Message->str();
  if (auto Detail = O->getString("detail"))
    F.Detail = Detail->str();
  if (auto Conf = O->getString("confidence"))
    if (!confidenceFromString(Conf->str(), F.Conf))
      return false;
  if (const json::Object *Fix = O->getObject("fix")) {
    auto Safe = Fix->getBoolean("safe");
    const json::Array *Edits = Fix->getArray("edits");
    if (!Safe || !Edits)
      return false;
    F.FixIsSafe = *Safe;
    for (const json::Value &EV : *Edits) {
      const json::Object *EO = EV.getAsObject();
      Replacement R;
      auto EL = EO ? EO->getInteger("endLine") : std::nullopt;
      auto EC = EO ? EO->getInteger("endColumn") : std::nullopt;
      auto Text = EO ? EO->getString("text") : std::nullopt;
      if (!EO || !position(*EO, R.Begin, Path) || !EL || !EC || !Text)
        return false;
      R.End = R.Begin;
      R.End.Line = static_cast<unsigned>(*EL);
      R.End.Column = static_cast<unsigned>(*EC);
      R.Text = Text->str();
      F.Fix.push_back(std::move(R));
    }
  }
  for (const json::Value &NV : *Notes) {
    const json::Object *NO = NV.getAsObject();
    Note N;
    auto Msg = NO ? NO->getString("message") : std::nullopt;
    if (!NO || !position(*NO, N.At, Path) || !Msg)
      return false;
    N.Message = Msg->str();
    N.Also = NO->getBoolean("also").value_or(false);
    F.Notes.push_back(std::move(N));
  }
  return true;
}

json::Value findingToWire(const Finding &F) {
  json::Value V = findingToJSON(F, encodeWirePath);
  json::Object &O = *V.getAsObject();
  if (!F.Function.empty())
    O["function"] = F.Function;
  if (F.SiteFlags)
    O["site-flags"] = F.SiteFlags;
  if (!F.FilterHolder.empty())
    O["filter-holder"] = F.FilterHolder;
  return V;
}

bool findingFromWire(const json::Value &V, Finding &F) {
  if (!findingFromJSON(V, F, decodeWirePath))
    return false;
  const json::Object &O = *V.getAsObject();
  if (const json::Value *Fn = O.get("function")) {
    std::optional<llvm::StringRef> S = Fn->getAsString();
    if (!S)
      return false;
    F.Function = S->str();
  }
  if (const json::Value *Flags = O.get("site-flags")) {
    std::optional<int64_t> N = Flags->getAsInteger();
    if (!N || *N < 0 || *N > UINT32_MAX)
      return false;
    F.SiteFlags = static_cast<unsigned>(*N);
  }
  if (const json::Value *H = O.get("filter-holder")) {
    std::optional<llvm::StringRef> S = H->getAsString();
    if (!S)
      return false;
    F.FilterHolder = S->str();
  }
  return true;
}

} // namespace memlint
