//===- Facts.cpp - merging and (de)serializing per-TU facts ---------------===//
#include "Facts.h"

#include "llvm/Support/JSON.h"

#include <algorithm>
#include <tuple>

namespace memlint {

namespace json = llvm::json;

static const char *const EventKindNames[] = {
    "grow",    "erase",   "pop",    "clear", "resize", "assign", "consume",
    "reserve", "release", "lookup", "size",  "escape", "iterate"};
static const char *const EntityKindNames[] = {
    "field", "static-field", "global",  "static-local",
    "param", "return",       "capture", "member-pointer"};
static const char *const InstanceKindNames[] = {"local", "static", "heap",
                                                "member-of"};
static const char *const OwnKindNames[] = {"value", "unique", "shared",
                                           "callback"};
static const char *const CallKindNames[] = {"direct", "virtual", "indirect"};
static const char *const EffectKindNames[] = {"query"};

const char *toString(EventKind K) {
  return EventKindNames[static_cast<unsigned>(K)];
}
const char *toString(EntityKind K) {
  return EntityKindNames[static_cast<unsigned>(K)];
}

template <typename E, size_t N>
static bool enumFrom(const char *const (&Names)[N], llvm::StringRef S, E &Out) {
  for (size_t I = 0; I < N; ++I)
    if (S == Names[I]) {
      Out = static_cast<E>(I);
      return true;
    }
  return false;
}

//===-- Merge and normal form ---------------------------------------------===//

static auto locKey(const Loc &L) { return std::tie(L.File, L.Line, L.Column); }
static auto eventKey(const Event &E) {
  return std::tuple_cat(std::tie(E.Entity), locKey(E.At),
                        std::tie(E.Kind, E.Function, E.Flags, E.GuardCalls));
}
static auto flowKey(const Flow &F) {
  return std::tuple_cat(std::tie(F.From, F.Callee, F.Param), locKey(F.At),
                        std::tie(F.Function, F.Flags));
}
static auto aliasKey(const Alias &A) { return std::tie(A.From, A.To); }
static auto instanceKey(const Instance &I) {
  return std::tie(I.Class, I.Kind, I.Owner);
}
static auto edgeKey(const OwnEdge &E) {
  return std::tuple_cat(std::tie(E.From, E.To, E.Field, E.Kind), locKey(E.At),
                        std::tie(E.Collection));
}
static auto subclassKey(const Subclass &S) {
  return std::tie(S.Derived, S.Base);
}
static auto callKey(const Call &C) {
  return std::tuple_cat(std::tie(C.Caller, C.Callee, C.Kind), locKey(C.At),
                        std::tie(C.Flags), locKey(C.Loop),
                        std::tie(C.CollectionLoop, C.SizeGuards));
}
static auto callableKey(const CallableFlow &C) {
  return std::tuple_cat(std::tie(C.From, C.To, C.ToClass, C.ToField,
                                 C.ToStatic),
                        locKey(C.At));
}
static auto effectKey(const Effect &E) {
  return std::tuple_cat(std::tie(E.Function, E.Kind, E.Api), locKey(E.At),
                        std::tie(E.SqlParam));
}

template <typename T, typename KeyFn>
static void sortUnique(std::vector<T> &V, KeyFn Key) {
  std::sort(V.begin(), V.end(),
            [&](const T &A, const T &B) { return Key(A) < Key(B); });
  V.erase(std::unique(V.begin(), V.end(),
                      [&](const T &A, const T &B) { return Key(A) == Key(B); }),
          V.end());
}

static void sortUniqueStrings(std::vector<std::string> &V) {
  std::sort(V.begin(), V.end());
  V.erase(std::unique(V.begin(), V.end()), V.end());
}

void Facts::normalize() {
  sortUnique(Events, eventKey);
  // An event seen by name in an uninstantiated template is dropped when an
  // instantiation reported the same event (with its real types).
  std::set<std::tuple<std::string, std::string, unsigned, unsigned, EventKind>>
      Instantiated;
  for (const Event &E : Events)
    if (!(E.Flags & FromPattern))
      Instantiated.insert({E.Entity, E.At.File, E.At.Line, E.At.Column, E.Kind});
  Events.erase(std::remove_if(Events.begin(), Events.end(),
                              [&](const Event &E) {
                                return (E.Flags & FromPattern) &&
                                       Instantiated.count({E.Entity, E.At.File,
                                                           E.At.Line,
                                                           E.At.Column, E.Kind});
                              }),
               Events.end());
  sortUnique(Flows, flowKey);
  sortUnique(Aliases, aliasKey);
  sortUnique(Instances, instanceKey);
  sortUnique(Edges, edgeKey);
  sortUnique(Subclasses, subclassKey);
  sortUnique(Calls, callKey);
  sortUnique(Callables, callableKey);
  sortUnique(Effects, effectKey);
  for (auto &[Id, E] : Entities) {
    sortUniqueStrings(E.Reachers);
    sortUniqueStrings(E.Lambdas);
  }
  for (auto &[Id, F] : Functions) {
    sortUniqueStrings(F.Overrides);
    std::vector<std::pair<std::string, std::string>> Caps;
    for (size_t I = 0; I < F.SharedCaptures.size(); ++I)
      Caps.push_back({F.SharedCaptures[I], I < F.SharedCaptureNames.size()
                                               ? F.SharedCaptureNames[I]
                                               : std::string()});
    std::sort(Caps.begin(), Caps.end());
    Caps.erase(std::unique(Caps.begin(), Caps.end(),
                           [](const auto &A, const auto &B) {
                             return A.first == B.first;
                           }),
               Caps.end());
    F.SharedCaptures.clear();
    F.SharedCaptureNames.clear();
    for (auto &[C, N] : Caps) {
      F.SharedCaptures.push_back(C);
      F.SharedCaptureNames.push_back(N);
    }
  }
}

template <typename T>
static void append(std::vector<T> &To, const std::vector<T> &From) {
  To.insert(To.end(), From.begin(), From.end());
}

void Facts::merge(const Facts &Other) {
  for (const auto &[Id, E] : Other.Entities) {
    auto [It, Inserted] = Entities.emplace(Id, E);
    if (Inserted)
      continue;
    Entity &Mine = It->second;
    // The same entity seen from several TUs: keep the smallest declaration
    // location so the result is independent of merge order.
    if (E.Decl < Mine.Decl) {
      Mine.Decl = E.Decl;
      Mine.Name = E.Name;
    }
    Mine.AlwaysClosed = Mine.AlwaysClosed && E.AlwaysClosed;
    Mine.OpenAccess = Mine.OpenAccess || E.OpenAccess;
    append(Mine.Reachers, E.Reachers);
    append(Mine.Lambdas, E.Lambdas);
  }
  for (const auto &[Id, F] : Other.Functions) {
    auto [It, Inserted] = Functions.emplace(Id, F);
    if (Inserted)
      continue;
    Function &Mine = It->second;
    if (F.At < Mine.At || (Mine.Name.empty() && !F.Name.empty())) {
      Mine.At = F.At;
      Mine.Name = F.Name;
    }
    Mine.Traits |= F.Traits;
    if (Mine.Class.empty())
      Mine.Class = F.Class;
    append(Mine.Overrides, F.Overrides);
    append(Mine.SharedCaptures, F.SharedCaptures);
    append(Mine.SharedCaptureNames, F.SharedCaptureNames);
  }
  append(Events, Other.Events);
  append(Flows, Other.Flows);
  append(Aliases, Other.Aliases);
  append(Instances, Other.Instances);
  append(Edges, Other.Edges);
  append(Subclasses, Other.Subclasses);
  append(Calls, Other.Calls);
  append(Callables, Other.Callables);
  append(Effects, Other.Effects);
}

//===-- JSON --------------------------------------------------------------===//

static json::Value locToJSON(const Loc &L) {
  if (!L.valid())
    return nullptr;
  return json::Array{L.File, L.Line, L.Column};
}

static bool locFromJSON(const json::Value *V, Loc &L) {
  if (V && V->getAsNull())
    return true; // an invalid (absent) location
  const json::Array *A = V ? V->getAsArray() : nullptr;
  if (!A || A->size() != 3)
    return false;
  auto File = (*A)[0].getAsString();
  auto Line = (*A)[1].getAsInteger();
  auto Col = (*A)[2].getAsInteger();
  if (!File || !Line || !Col || *Line < 0 || *Col < 0)
    return false;
  L.File = File->str();
  L.Line = static_cast<unsigned>(*Line);
  L.Column = static_cast<unsigned>(*Col);
  return true;
}

json::Array replacementsToJSON(const std::vector<Replacement> &Fix) {
  json::Array Out;
  for (const Replacement &R : Fix)
    Out.push_back(json::Object{{"begin", locToJSON(R.Begin)},
                               {"end", locToJSON(R.End)},
                               {"text", R.Text}});
  return Out;
}

bool replacementsFromJSON(const json::Array *A, std::vector<Replacement> &Out) {
  if (!A)
    return false;
  for (const json::Value &V : *A) {
    const json::Object *O = V.getAsObject();
    Replacement R;
    auto Text = O ? O->getString("text") : std::nullopt;
    if (!O || !Text || !locFromJSON(O->get("begin"), R.Begin) ||
        !locFromJSON(O->get("end"), R.End))
      return false;
    R.Text = Text->str();
    Out.push_back(std::move(R));
  }
  return true;
}

static json::Array stringsToJSON(const std::vector<std::string> &V) {
  json::Array Out;
  for (const std::string &S : V)
    Out.push_back(S);
  return Out;
}

static json::Array scopesToJSON(const std::vector<Scope> &Scopes) {
  json::Array Out;
  for (const Scope &S : Scopes)
    Out.push_back(json::Array{locToJSON(S.At), S.ReadsSize});
  return Out;
}

json::Value toJSON(const Facts &F) {
  json::Array Entities;
  for (const auto &[Id, E] : F.Entities)
    Entities.push_back(json::Object{
        {"id", E.Id},
        {"name", E.Name},
        {"kind", toString(E.Kind)},
        {"decl", locToJSON(E.Decl)},
        {"container", E.Container},
        {"contiguous", E.Contiguous},
        {"finiteKey", E.FiniteKey},
        {"pinsKeys", E.PinsKeys},
        {"concurrent", E.Concurrent},
        {"ownerClass", E.OwnerClass},
        {"ownerName", E.OwnerName},
        {"lambdas", stringsToJSON(E.Lambdas)},
        {"alwaysClosed", E.AlwaysClosed},
        {"openAccess", E.OpenAccess},
        {"reachers", stringsToJSON(E.Reachers)},
    });
  json::Array Events;
  for (const auto &E : F.Events)
    Events.push_back(json::Object{{"entity", E.Entity},
                                  {"kind", toString(E.Kind)},
                                  {"at", locToJSON(E.At)},
                                  {"function", E.Function},
                                  {"flags", E.Flags},
                                  {"scopes", scopesToJSON(E.Scopes)},
                                  {"guardCalls", stringsToJSON(E.GuardCalls)},
                                  {"fix", replacementsToJSON(E.Fix)}});
  json::Array Flows;
  for (const auto &Fl : F.Flows)
    Flows.push_back(json::Object{{"from", Fl.From},
                                 {"callee", Fl.Callee},
                                 {"param", Fl.Param},
                                 {"at", locToJSON(Fl.At)},
                                 {"function", Fl.Function},
                                 {"flags", Fl.Flags},
                                 {"scopes", scopesToJSON(Fl.Scopes)}});
  json::Array Aliases;
  for (const Alias &A : F.Aliases)
    Aliases.push_back(json::Array{A.From, A.To});
  json::Array Instances;
  for (const auto &I : F.Instances)
    Instances.push_back(
        json::Object{{"class", I.Class},
                     {"kind", InstanceKindNames[static_cast<unsigned>(I.Kind)]},
                     {"owner", I.Owner}});
  json::Array Edges;
  for (const OwnEdge &E : F.Edges)
    Edges.push_back(
        json::Object{{"from", E.From},
                     {"to", E.To},
                     {"fromName", E.FromName},
                     {"toName", E.ToName},
                     {"field", E.Field},
                     {"kind", OwnKindNames[static_cast<unsigned>(E.Kind)]},
                     {"collection", E.Collection},
                     {"at", locToJSON(E.At)}});
  json::Array Subclasses;
  for (const Subclass &S : F.Subclasses)
    Subclasses.push_back(json::Array{S.Derived, S.Base});
  json::Array Functions;
  for (const auto &[Id, Fn] : F.Functions)
    Functions.push_back(json::Object{
        {"id", Fn.Id},
        {"name", Fn.Name},
        {"at", locToJSON(Fn.At)},
        {"traits", Fn.Traits},
        {"class", Fn.Class},
        {"overrides", stringsToJSON(Fn.Overrides)},
        {"sharedCaptures", stringsToJSON(Fn.SharedCaptures)},
        {"sharedCaptureNames", stringsToJSON(Fn.SharedCaptureNames)}});
  json::Array Calls;
  for (const Call &C : F.Calls)
    Calls.push_back(
        json::Object{{"caller", C.Caller},
                     {"callee", C.Callee},
                     {"kind", CallKindNames[static_cast<unsigned>(C.Kind)]},
                     {"at", locToJSON(C.At)},
                     {"flags", C.Flags},
                     {"loop", locToJSON(C.Loop)},
                     {"sizeGuards", stringsToJSON(C.SizeGuards)},
                     {"collectionLoop", C.CollectionLoop}});
  json::Array Callables;
  for (const CallableFlow &C : F.Callables)
    Callables.push_back(json::Object{{"from", C.From},
                                     {"to", C.To},
                                     {"toClass", C.ToClass},
                                     {"toClassName", C.ToClassName},
                                     {"toField", C.ToField},
                                     {"toStatic", C.ToStatic},
                                     {"at", locToJSON(C.At)}});
  json::Array Effects;
  for (const Effect &E : F.Effects)
    Effects.push_back(
        json::Object{{"function", E.Function},
                     {"kind", EffectKindNames[static_cast<unsigned>(E.Kind)]},
                     {"api", E.Api},
                     {"at", locToJSON(E.At)},
                     {"sqlParam", E.SqlParam}});
  return json::Object{{"entities", std::move(Entities)},
                      {"events", std::move(Events)},
                      {"flows", std::move(Flows)},
                      {"aliases", std::move(Aliases)},
                      {"instances", std::move(Instances)},
                      {"edges", std::move(Edges)},
                      {"subclasses", std::move(Subclasses)},
                      {"functions", std::move(Functions)},
                      {"calls", std::move(Calls)},
                      {"callables", std::move(Callables)},
                      {"effects", std::move(Effects)}};
}

namespace {
/// Small reader that remembers the first error instead of throwing.
struct Reader {
  std::string &Error;
  bool fail(const std::string &What) {
    if (Error.empty())
      Error = "malformed facts: " + What;
    return false;
  }
  bool str(const json::Object &O, llvm::StringRef K, std::string &Out) {
    auto S = O.getString(K);
    if (!S)
      return fail("missing string '" + K.str() + "'");
    Out = S->str();
    return true;
  }
  bool boolean(const json::Object &O, llvm::StringRef K, bool &Out) {
    auto B = O.getBoolean(K);
    if (!B)
      return fail("missing bool '" + K.str() + "'");
    Out = *B;
    return true;
  }
  bool uint(const json::Object &O, llvm::StringRef K, unsigned &Out) {
    auto I = O.getInteger(K);
    if (!I || *I < 0 || *I > 0xffffffffLL)
      return fail("missing unsigned '" + K.str() + "'");
    Out = static_cast<unsigned>(*I);
    return true;
  }
  bool integer(const json::Object &O, llvm::StringRef K, int &Out) {
    auto I = O.getInteger(K);
    if (!I || *I < -1 || *I > 0x7fffffffLL)
      return fail("missing integer '" + K.str() + "'");
    Out = static_cast<int>(*I);
    return true;
  }
  bool loc(const json::Object &O, llvm::StringRef K, Loc &Out) {
    return locFromJSON(O.get(K), Out) || fail("bad location '" + K.str() + "'");
  }
  bool strings(const json::Object &O, llvm::StringRef K,
               std::vector<std::string> &Out) {
    const json::Array *A = O.getArray(K);
    if (!A)
      return fail("missing array '" + K.str() + "'");
    for (const json::Value &V : *A) {
      auto S = V.getAsString();
      if (!S)
        return fail("bad string in '" + K.str() + "'");
      Out.push_back(S->str());
    }
    return true;
  }
  bool scopes(const json::Object &O, llvm::StringRef K, std::vector<Scope> &Out) {
    const json::Array *A = O.getArray(K);
    if (!A)
      return fail("missing array '" + K.str() + "'");
    for (const json::Value &SV : *A) {
      const json::Array *SA = SV.getAsArray();
      Scope Sc;
      auto Reads =
          SA && SA->size() == 2 ? (*SA)[1].getAsBoolean() : std::nullopt;
      if (!Reads || !locFromJSON(&(*SA)[0], Sc.At))
        return fail("bad scope");
      Sc.ReadsSize = *Reads;
      Out.push_back(std::move(Sc));
    }
    return true;
  }
  template <typename E, size_t N>
  bool kind(const json::Object &O, const char *const (&Names)[N], E &Out) {
    auto S = O.getString("kind");
    return (S && enumFrom(Names, *S, Out)) || fail("bad kind");
  }
  /// A pair of strings.
  bool pair(const json::Value &V, std::string &A, std::string &B) {
    const json::Array *Arr = V.getAsArray();
    auto X = Arr && Arr->size() == 2 ? (*Arr)[0].getAsString() : std::nullopt;
    auto Y = Arr && Arr->size() == 2 ? (*Arr)[1].getAsString() : std::nullopt;
    if (!X || !Y)
      return fail("bad pair");
    A = X->str();
    B = Y->str();
    return true;
  }
};
} // namespace

bool fromJSON(const json::Value &V, Facts &F, std::string &Error) {
  Reader R{Error};
  const json::Object *Root = V.getAsObject();
  if (!Root)
    return R.fail("not an object");
  const char *const Sections[] = {"entities",  "events",     "flows",
                                  "aliases",   "instances",  "edges",
                                  "subclasses", "functions", "calls",
                                  "callables", "effects"};
  for (const char *S : Sections)
    if (!Root->getArray(S))
      return R.fail(std::string("missing array '") + S + "'");
  auto Each = [&](const char *Section, auto Fn) {
    for (const json::Value &V : *Root->getArray(Section)) {
      const json::Object *O = V.getAsObject();
      if (!O || !Fn(*O))
        return R.fail(std::string("bad entry in '") + Section + "'");
    }
    return true;
  };
  return Each("entities",
              [&](const json::Object &O) {
                Entity E;
                if (!R.str(O, "id", E.Id) || !R.str(O, "name", E.Name) ||
                    !R.kind(O, EntityKindNames, E.Kind) ||
                    !R.loc(O, "decl", E.Decl) ||
                    !R.str(O, "container", E.Container) ||
                    !R.boolean(O, "contiguous", E.Contiguous) ||
                    !R.boolean(O, "finiteKey", E.FiniteKey) ||
                    !R.boolean(O, "pinsKeys", E.PinsKeys) ||
                    !R.boolean(O, "concurrent", E.Concurrent) ||
                    !R.str(O, "ownerClass", E.OwnerClass) ||
                    !R.str(O, "ownerName", E.OwnerName) ||
                    !R.strings(O, "lambdas", E.Lambdas) ||
                    !R.boolean(O, "alwaysClosed", E.AlwaysClosed) ||
                    !R.boolean(O, "openAccess", E.OpenAccess) ||
                    !R.strings(O, "reachers", E.Reachers))
                  return false;
                std::string Id = E.Id;
                F.Entities[Id] = std::move(E);
                return true;
              }) &&
         Each("events",
              [&](const json::Object &O) {
                Event E;
                if (!R.str(O, "entity", E.Entity) ||
                    !R.kind(O, EventKindNames, E.Kind) || !R.loc(O, "at", E.At) ||
                    !R.str(O, "function", E.Function) ||
                    !R.uint(O, "flags", E.Flags) ||
                    !R.scopes(O, "scopes", E.Scopes) ||
                    !R.strings(O, "guardCalls", E.GuardCalls) ||
                    !replacementsFromJSON(O.getArray("fix"), E.Fix))
                  return false;
                F.Events.push_back(std::move(E));
                return true;
              }) &&
         Each("flows",
              [&](const json::Object &O) {
                Flow Fl;
                if (!R.str(O, "from", Fl.From) || !R.str(O, "callee", Fl.Callee) ||
                    !R.uint(O, "param", Fl.Param) || !R.loc(O, "at", Fl.At) ||
                    !R.str(O, "function", Fl.Function) ||
                    !R.uint(O, "flags", Fl.Flags) ||
                    !R.scopes(O, "scopes", Fl.Scopes))
                  return false;
                F.Flows.push_back(std::move(Fl));
                return true;
              }) &&
         [&] {
           for (const json::Value &V : *Root->getArray("aliases")) {
             Alias A;
             if (!R.pair(V, A.From, A.To))
               return false;
             F.Aliases.push_back(std::move(A));
           }
           return true;
         }() &&
         Each("instances",
              [&](const json::Object &O) {
                Instance I;
                if (!R.str(O, "class", I.Class) ||
                    !R.kind(O, InstanceKindNames, I.Kind) ||
                    !R.str(O, "owner", I.Owner))
                  return false;
                F.Instances.push_back(std::move(I));
                return true;
              }) &&
         Each("edges",
              [&](const json::Object &O) {
                OwnEdge E;
                if (!R.str(O, "from", E.From) || !R.str(O, "to", E.To) ||
                    !R.str(O, "fromName", E.FromName) ||
                    !R.str(O, "toName", E.ToName) ||
                    !R.str(O, "field", E.Field) ||
                    !R.kind(O, OwnKindNames, E.Kind) ||
                    !R.boolean(O, "collection", E.Collection) ||
                    !R.loc(O, "at", E.At))
                  return false;
                F.Edges.push_back(std::move(E));
                return true;
              }) &&
         [&] {
           for (const json::Value &V : *Root->getArray("subclasses")) {
             Subclass S;
             if (!R.pair(V, S.Derived, S.Base))
               return false;
             F.Subclasses.push_back(std::move(S));
           }
           return true;
         }() &&
         Each("functions",
              [&](const json::Object &O) {
                Function Fn;
                if (!R.str(O, "id", Fn.Id) || !R.str(O, "name", Fn.Name) ||
                    !R.loc(O, "at", Fn.At) || !R.uint(O, "traits", Fn.Traits) ||
                    !R.str(O, "class", Fn.Class) ||
                    !R.strings(O, "overrides", Fn.Overrides) ||
                    !R.strings(O, "sharedCaptures", Fn.SharedCaptures) ||
                    !R.strings(O, "sharedCaptureNames", Fn.SharedCaptureNames))
                  return false;
                std::string Id = Fn.Id;
                F.Functions[Id] = std::move(Fn);
                return true;
              }) &&
         Each("calls",
              [&](const json::Object &O) {
                Call C;
                if (!R.str(O, "caller", C.Caller) ||
                    !R.str(O, "callee", C.Callee) ||
                    !R.kind(O, CallKindNames, C.Kind) || !R.loc(O, "at", C.At) ||
                    !R.uint(O, "flags", C.Flags) || !R.loc(O, "loop", C.Loop) ||
                    !R.strings(O, "sizeGuards", C.SizeGuards) ||
                    !R.str(O, "collectionLoop", C.CollectionLoop))
                  return false;
                F.Calls.push_back(std::move(C));
                return true;
              }) &&
         Each("callables",
              [&](const json::Object &O) {
                CallableFlow C;
                if (!R.str(O, "from", C.From) || !R.str(O, "to", C.To) ||
                    !R.str(O, "toClass", C.ToClass) ||
                    !R.str(O, "toClassName", C.ToClassName) ||
                    !R.str(O, "toField", C.ToField) ||
                    !R.boolean(O, "toStatic", C.ToStatic) ||
                    !R.loc(O, "at", C.At))
                  return false;
                F.Callables.push_back(std::move(C));
                return true;
              }) &&
         Each("effects", [&](const json::Object &O) {
           Effect E;
           if (!R.str(O, "function", E.Function) ||
               !R.kind(O, EffectKindNames, E.Kind) || !R.str(O, "api", E.Api) ||
               !R.loc(O, "at", E.At) || !R.integer(O, "sqlParam", E.SqlParam))
             return false;
           F.Effects.push_back(std::move(E));
           return true;
         });
}

} // namespace memlint
