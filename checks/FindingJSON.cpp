//===- FindingJSON.cpp ----------------------------------------------------===//
#include "FindingJSON.h"

namespace memlint {

namespace json = llvm::json;

json::Value
findingToJSON(const Finding &F,
              llvm::function_ref<std::string(const std::string &)> Path) {
  json::Array Notes;
  for (const Note &N : F.Notes)
    Notes.push_back(json::Object{{"file", Path(N.At.File)},
                                 {"line", N.At.Line},
                                 {"column", N.At.Column},
                                 {"message", N.Message}});
  return json::Object{{"rule", F.Rule},          {"severity", F.Severity},
                      {"file", Path(F.At.File)}, {"line", F.At.Line},
                      {"column", F.At.Column},   {"message", F.Message},
                      {"notes", std::move(Notes)}};
}

static bool position(const json::Object &O, Loc &L) {
  auto File = O.getString("file");
  auto Line = O.getInteger("line");
  auto Col = O.getInteger("column");
  if (!File || !Line || !Col || *Line < 0 || *Col < 0)
    return false;
  L.File = File->str();
  L.Line = static_cast<unsigned>(*Line);
  L.Column = static_cast<unsigned>(*Col);
  return true;
}

bool findingFromJSON(const json::Value &V, Finding &F) {
  const json::Object *O = V.getAsObject();
  if (!O || !position(*O, F.At))
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
  for (const json::Value &NV : *Notes) {
    const json::Object *NO = NV.getAsObject();
    Note N;
    auto Msg = NO ? NO->getString("message") : std::nullopt;
    if (!NO || !position(*NO, N.At) || !Msg)
      return false;
    N.Message = Msg->str();
    F.Notes.push_back(std::move(N));
  }
  return true;
}

} // namespace memlint
