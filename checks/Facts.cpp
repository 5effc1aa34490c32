//===- Facts.cpp - merging and (de)serializing per-TU facts ---------------===//
#include "Facts.h"

#include "llvm/Support/JSON.h"

#include <algorithm>
#include <tuple>

namespace memlint {

namespace json = llvm::json;

static const char *const EventKindNames[] = {
    "grow",    "erase",   "pop",    "clear", "resize", "assign", "consume",
    "reserve", "release", "lookup", "size",  "escape"};
static const char *const EntityKindNames[] = {"field", "static-field", "global",
                                              "static-local", "param"};
static const char *const InstanceKindNames[] = {"local", "static", "heap",
                                                "member-of"};
static const char *const OwnKindNames[] = {"value", "unique", "shared",
                                           "callback"};

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

static auto eventKey(const Event &E) {
  return std::tie(E.Entity, E.At.File, E.At.Line, E.At.Column, E.Kind,
                  E.Function, E.Flags, E.GuardCalls);
}
static auto flowKey(const Flow &F) {
  return std::tie(F.From, F.Callee, F.Param, F.At.File, F.At.Line, F.At.Column,
                  F.Function, F.Flags);
}
static auto instanceKey(const Instance &I) {
  return std::tie(I.Class, I.Kind, I.Owner);
}
static auto edgeKey(const OwnEdge &E) {
  return std::tie(E.From, E.To, E.Field, E.Kind, E.At.File, E.At.Line,
                  E.At.Column, E.Collection);
}
static auto subclassKey(const Subclass &S) {
  return std::tie(S.Derived, S.Base);
}

template <typename T, typename KeyFn>
static void sortUnique(std::vector<T> &V, KeyFn Key) {
  std::sort(V.begin(), V.end(),
            [&](const T &A, const T &B) { return Key(A) < Key(B); });
  V.erase(std::unique(V.begin(), V.end(),
                      [&](const T &A, const T &B) { return Key(A) == Key(B); }),
          V.end());
}

void Facts::normalize() {
  sortUnique(Events, eventKey);
  sortUnique(Flows, flowKey);
  sortUnique(Instances, instanceKey);
  sortUnique(Edges, edgeKey);
  sortUnique(Subclasses, subclassKey);
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
    std::set<std::string> R(Mine.Reachers.begin(), Mine.Reachers.end());
    R.insert(E.Reachers.begin(), E.Reachers.end());
    Mine.Reachers.assign(R.begin(), R.end());
  }
  Events.insert(Events.end(), Other.Events.begin(), Other.Events.end());
  Flows.insert(Flows.end(), Other.Flows.begin(), Other.Flows.end());
  Instances.insert(Instances.end(), Other.Instances.begin(),
                   Other.Instances.end());
  Edges.insert(Edges.end(), Other.Edges.begin(), Other.Edges.end());
  Subclasses.insert(Subclasses.end(), Other.Subclasses.begin(),
                    Other.Subclasses.end());
  DefinedFunctions.insert(Other.DefinedFunctions.begin(),
                          Other.DefinedFunctions.end());
  for (const auto &[K, V] : Other.FunctionNames)
    FunctionNames.emplace(K, V);
}

//===-- JSON --------------------------------------------------------------===//

static json::Value locToJSON(const Loc &L) {
  return json::Array{L.File, L.Line, L.Column};
}

static bool locFromJSON(const json::Value *V, Loc &L) {
  const json::Array *A = V ? V->getAsArray() : nullptr;
  if (!A || A->size() != 3)
    return false;
  auto File = (*A)[0].getAsString();
  auto Line = (*A)[1].getAsInteger();
  auto Col = (*A)[2].getAsInteger();
  if (!File || !Line || !Col)
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

static bool stringsFromJSON(const json::Array *A, std::vector<std::string> &Out) {
  if (!A)
    return false;
  for (const json::Value &V : *A) {
    auto S = V.getAsString();
    if (!S)
      return false;
    Out.push_back(S->str());
  }
  return true;
}

static json::Array scopesToJSON(const std::vector<Scope> &Scopes) {
  json::Array Out;
  for (const Scope &S : Scopes)
    Out.push_back(json::Array{locToJSON(S.At), S.ReadsSize});
  return Out;
}

static bool scopesFromJSON(const json::Array *A, std::vector<Scope> &Out) {
  if (!A)
    return false;
  for (const json::Value &SV : *A) {
    const json::Array *SA = SV.getAsArray();
    Scope Sc;
    auto Reads = SA && SA->size() == 2 ? (*SA)[1].getAsBoolean() : std::nullopt;
    if (!Reads || !locFromJSON(&(*SA)[0], Sc.At))
      return false;
    Sc.ReadsSize = *Reads;
    Out.push_back(std::move(Sc));
  }
  return true;
}

json::Value toJSON(const Facts &F) {
  json::Array Entities;
  for (const auto &[Id, E] : F.Entities) {
    json::Array Reachers;
    for (const auto &R : E.Reachers)
      Reachers.push_back(R);
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
        {"alwaysClosed", E.AlwaysClosed},
        {"openAccess", E.OpenAccess},
        {"reachers", std::move(Reachers)},
    });
  }
  json::Array Events;
  for (const auto &E : F.Events) {
    json::Array Scopes = scopesToJSON(E.Scopes);
    Events.push_back(json::Object{{"entity", E.Entity},
                                  {"kind", toString(E.Kind)},
                                  {"at", locToJSON(E.At)},
                                  {"function", E.Function},
                                  {"flags", E.Flags},
                                  {"scopes", std::move(Scopes)},
                                  {"guardCalls", stringsToJSON(E.GuardCalls)},
                                  {"fix", replacementsToJSON(E.Fix)}});
  }
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
  json::Array Flows;
  for (const auto &Fl : F.Flows)
    Flows.push_back(json::Object{{"from", Fl.From},
                                 {"callee", Fl.Callee},
                                 {"param", Fl.Param},
                                 {"at", locToJSON(Fl.At)},
                                 {"function", Fl.Function},
                                 {"flags", Fl.Flags},
                                 {"scopes", scopesToJSON(Fl.Scopes)}});
  json::Array Instances;
  for (const auto &I : F.Instances)
    Instances.push_back(
        json::Object{{"class", I.Class},
                     {"kind", InstanceKindNames[static_cast<unsigned>(I.Kind)]},
                     {"owner", I.Owner}});
  json::Array Defined;
  for (const auto &D : F.DefinedFunctions)
    Defined.push_back(D);
  json::Object Names;
  for (const auto &[K, V] : F.FunctionNames)
    Names[K] = V;
  return json::Object{{"entities", std::move(Entities)},
                      {"events", std::move(Events)},
                      {"flows", std::move(Flows)},
                      {"instances", std::move(Instances)},
                      {"edges", std::move(Edges)},
                      {"subclasses", std::move(Subclasses)},
                      {"defined", std::move(Defined)},
                      {"functionNames", std::move(Names)}};
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
    if (!I || *I < 0)
      return fail("missing unsigned '" + K.str() + "'");
    Out = static_cast<unsigned>(*I);
    return true;
  }
  bool loc(const json::Object &O, llvm::StringRef K, Loc &Out) {
    return locFromJSON(O.get(K), Out) || fail("bad location '" + K.str() + "'");
  }
  template <typename E, size_t N>
  bool kind(const json::Object &O, const char *const (&Names)[N], E &Out) {
    auto S = O.getString("kind");
    return (S && enumFrom(Names, *S, Out)) || fail("bad kind");
  }
};
} // namespace

bool fromJSON(const json::Value &V, Facts &F, std::string &Error) {
  Reader R{Error};
  const json::Object *Root = V.getAsObject();
  if (!Root)
    return R.fail("not an object");
  auto Arr = [&](llvm::StringRef K) -> const json::Array * {
    const json::Array *A = Root->getArray(K);
    if (!A)
      R.fail("missing array '" + K.str() + "'");
    return A;
  };
  const json::Array *Entities = Arr("entities"), *Events = Arr("events"),
                    *Flows = Arr("flows"), *Instances = Arr("instances"),
                    *Edges = Arr("edges"), *Subclasses = Arr("subclasses"),
                    *Defined = Arr("defined");
  const json::Object *Names = Root->getObject("functionNames");
  if (!Entities || !Events || !Flows || !Instances || !Edges || !Subclasses ||
      !Defined || !Names)
    return R.fail("missing section");
  for (const json::Value &EV : *Edges) {
    const json::Object *O = EV.getAsObject();
    OwnEdge E;
    if (!O || !R.str(*O, "from", E.From) || !R.str(*O, "to", E.To) ||
        !R.str(*O, "fromName", E.FromName) || !R.str(*O, "toName", E.ToName) ||
        !R.str(*O, "field", E.Field) || !R.kind(*O, OwnKindNames, E.Kind) ||
        !R.boolean(*O, "collection", E.Collection) || !R.loc(*O, "at", E.At))
      return R.fail("bad edge");
    F.Edges.push_back(std::move(E));
  }
  for (const json::Value &SV : *Subclasses) {
    const json::Array *A = SV.getAsArray();
    auto D = A && A->size() == 2 ? (*A)[0].getAsString() : std::nullopt;
    auto B = A && A->size() == 2 ? (*A)[1].getAsString() : std::nullopt;
    if (!D || !B)
      return R.fail("bad subclass");
    F.Subclasses.push_back({D->str(), B->str()});
  }
  for (const json::Value &EV : *Entities) {
    const json::Object *O = EV.getAsObject();
    Entity E;
    if (!O || !R.str(*O, "id", E.Id) || !R.str(*O, "name", E.Name) ||
        !R.kind(*O, EntityKindNames, E.Kind) || !R.loc(*O, "decl", E.Decl) ||
        !R.str(*O, "container", E.Container) ||
        !R.boolean(*O, "contiguous", E.Contiguous) ||
        !R.boolean(*O, "finiteKey", E.FiniteKey) ||
        !R.boolean(*O, "pinsKeys", E.PinsKeys) ||
        !R.boolean(*O, "concurrent", E.Concurrent) ||
        !R.str(*O, "ownerClass", E.OwnerClass) ||
        !R.str(*O, "ownerName", E.OwnerName) ||
        !R.boolean(*O, "alwaysClosed", E.AlwaysClosed) ||
        !R.boolean(*O, "openAccess", E.OpenAccess))
      return R.fail("bad entity");
    const json::Array *Reachers = O->getArray("reachers");
    if (!Reachers)
      return R.fail("bad entity reachers");
    for (const json::Value &RV : *Reachers) {
      auto S = RV.getAsString();
      if (!S)
        return R.fail("bad reacher");
      E.Reachers.push_back(S->str());
    }
    F.Entities[E.Id] = std::move(E);
  }
  for (const json::Value &EV : *Events) {
    const json::Object *O = EV.getAsObject();
    Event E;
    if (!O || !R.str(*O, "entity", E.Entity) ||
        !R.kind(*O, EventKindNames, E.Kind) || !R.loc(*O, "at", E.At) ||
        !R.str(*O, "function", E.Function) || !R.uint(*O, "flags", E.Flags))
      return R.fail("bad event");
    if (!scopesFromJSON(O->getArray("scopes"), E.Scopes) ||
        !stringsFromJSON(O->getArray("guardCalls"), E.GuardCalls) ||
        !replacementsFromJSON(O->getArray("fix"), E.Fix))
      return R.fail("bad event scopes");
    F.Events.push_back(std::move(E));
  }
  for (const json::Value &FV : *Flows) {
    const json::Object *O = FV.getAsObject();
    Flow Fl;
    if (!O || !R.str(*O, "from", Fl.From) || !R.str(*O, "callee", Fl.Callee) ||
        !R.uint(*O, "param", Fl.Param) || !R.loc(*O, "at", Fl.At) ||
        !R.str(*O, "function", Fl.Function) || !R.uint(*O, "flags", Fl.Flags) ||
        !scopesFromJSON(O->getArray("scopes"), Fl.Scopes))
      return R.fail("bad flow");
    F.Flows.push_back(std::move(Fl));
  }
  for (const json::Value &IV : *Instances) {
    const json::Object *O = IV.getAsObject();
    Instance I;
    if (!O || !R.str(*O, "class", I.Class) ||
        !R.kind(*O, InstanceKindNames, I.Kind) || !R.str(*O, "owner", I.Owner))
      return R.fail("bad instance");
    F.Instances.push_back(std::move(I));
  }
  for (const json::Value &DV : *Defined) {
    auto S = DV.getAsString();
    if (!S)
      return R.fail("bad defined function");
    F.DefinedFunctions.insert(S->str());
  }
  for (const auto &KV : *Names) {
    auto S = KV.second.getAsString();
    if (!S)
      return R.fail("bad function name");
    F.FunctionNames[KV.first.str()] = S->str();
  }
  return true;
}

} // namespace memlint
