//===- Facts.cpp - merging and (de)serializing per-TU facts ---------------===//
#include "Facts.h"

#include "FindingJSON.h"

#include "llvm/Support/JSON.h"

#include <algorithm>
#include <tuple>
#include <type_traits>

namespace memlint {

namespace json = llvm::json;

static const char *const EventKindNames[] = {
    "grow",    "erase",   "pop",    "clear", "resize", "assign", "consume",
    "reserve", "release", "lookup", "size",  "escape", "iterate"};
static const char *const EntityKindNames[] = {
    "field", "static-field", "global",  "static-local",
    "param", "return",       "capture", "member-pointer"};
static const char *const InstanceKindNames[] = {"local", "static", "heap",
                                                "member-of", "base-of"};
static const char *const OwnKindNames[] = {"value", "unique", "shared",
                                           "callback"};
static const char *const ReleaseKindNames[] = {"reset", "release", "swap",
                                               "move"};
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
                        std::tie(E.Kind, E.Function, E.Flags, E.Receiver,
                                 E.GuardCalls));
}
static auto flowKey(const Flow &F) {
  return std::tuple_cat(std::tie(F.From, F.Callee, F.Param), locKey(F.At),
                        std::tie(F.Function, F.Flags));
}
static auto aliasKey(const Alias &A) { return std::tie(A.From, A.To); }
static auto instanceKey(const Instance &I) {
  return std::tie(I.Class, I.Kind, I.Owner, I.Function, I.KeepsItself,
                  I.EveryRun, I.InLoop, I.File);
}
static auto edgeKey(const OwnEdge &E) {
  return std::tuple_cat(std::tie(E.From, E.To, E.Field, E.Kind), locKey(E.At),
                        std::tie(E.Collection, E.Holder));
}
static auto releaseKey(const Release &R) {
  return std::tuple_cat(std::tie(R.Holder), locKey(R.At),
                        std::tie(R.Kind, R.Function, R.Flags));
}
static auto resetKey(const Reset &R) {
  return std::tuple_cat(std::tie(R.Class), locKey(R.At), std::tie(R.Function));
}
static auto subclassKey(const Subclass &S) {
  return std::tie(S.Derived, S.Base);
}
static auto specializationKey(const Specialization &S) {
  return std::tie(S.Id, S.Pattern);
}
static auto callKey(const Call &C) {
  return std::tuple_cat(std::tie(C.Caller, C.Callee, C.Kind), locKey(C.At),
                        std::tie(C.Flags), locKey(C.Loop),
                        std::tie(C.CollectionLoop, C.SizeGuards,
                                 C.GuardCalls, C.ReceiverParam),
                        locKey(C.CollectionAt),
                        std::tie(C.CollectionCall, C.CollectionFlags,
                                 C.CalleeName, C.ArgParams, C.LocalArgs,
                                 C.NewArgs, C.ArgSql));
}
static auto callableKey(const CallableFlow &C) {
  return std::tuple_cat(std::tie(C.From, C.To, C.ToClass, C.ToField,
                                 C.ToStatic, C.Initializes, C.EndsOnClose),
                        locKey(C.At), std::tie(C.Function, C.Flags));
}
static auto effectKey(const Effect &E) {
  return std::tuple_cat(std::tie(E.Function, E.Kind, E.Api), locKey(E.At),
                        std::tie(E.SqlParam, E.Sql));
}
static auto storeKey(const ParamStore &S) {
  return std::tuple_cat(std::tie(S.Function, S.Param, S.Entity), locKey(S.At));
}
static auto handoffKey(const Handoff &H) {
  return std::tuple_cat(std::tie(H.Caller, H.Callee, H.Kind, H.Param),
                        locKey(H.At), std::tie(H.Name));
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
  sortUnique(Specializations, specializationKey);
  sortUnique(Calls, callKey);
  sortUnique(Callables, callableKey);
  sortUnique(Effects, effectKey);
  sortUnique(Stores, storeKey);
  sortUnique(Handoffs, handoffKey);
  sortUnique(Resets, resetKey);
  sortUnique(Releases, releaseKey);
  for (auto &[Id, E] : Entities) {
    sortUniqueStrings(E.Reachers);
    sortUniqueStrings(E.Lambdas);
  }
  for (auto &[Id, F] : Functions) {
    sortUniqueStrings(F.Overrides);
    sortUniqueStrings(F.KeptCaptures);
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

/// What \p E says of its elements, added to \p Mine: a dependent element
/// type says nothing; any instantiation whose elements are not handles
/// makes them not handles. (Commutative: the merge order does not matter.)
void mergeElements(Entity &Mine, const Entity &E) {
  if (E.ElementsUnknown)
    return;
  if (Mine.ElementsUnknown) {
    Mine.ElementsUnknown = false;
    Mine.HandleElements = E.HandleElements;
    return;
  }
  Mine.HandleElements = Mine.HandleElements && E.HandleElements;
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
    mergeElements(Mine, E);
    Mine.OpenAccess = Mine.OpenAccess || E.OpenAccess;
    Mine.Allocated = Mine.Allocated || E.Allocated;
    Mine.Borrowed = Mine.Borrowed || E.Borrowed;
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
    Mine.TestedParams |= F.TestedParams;
    if (Mine.Class.empty())
      Mine.Class = F.Class;
    if (Mine.Enclosing.empty())
      Mine.Enclosing = F.Enclosing;
    append(Mine.Overrides, F.Overrides);
    append(Mine.SharedCaptures, F.SharedCaptures);
    append(Mine.SharedCaptureNames, F.SharedCaptureNames);
    append(Mine.KeptCaptures, F.KeptCaptures);
  }
  append(Events, Other.Events);
  append(Flows, Other.Flows);
  append(Aliases, Other.Aliases);
  append(Instances, Other.Instances);
  append(Edges, Other.Edges);
  append(Subclasses, Other.Subclasses);
  append(Specializations, Other.Specializations);
  append(Calls, Other.Calls);
  append(Callables, Other.Callables);
  append(Effects, Other.Effects);
  append(Stores, Other.Stores);
  append(Handoffs, Other.Handoffs);
  append(Resets, Other.Resets);
  append(Releases, Other.Releases);
}

//===-- JSON --------------------------------------------------------------===//
//
// Facts cross a process boundary for every TU and are cached: they are
// written compactly. Every string (ids, names, file paths) is interned in a
// table and referred to by its index; fields that are empty are left out.
// The table's strings go through the lossless wire encoding (a file name,
// and so an id or a fix's text, need not be UTF-8; FindingJSON.h).

namespace {

class Writer {
public:
  json::Value str(const std::string &S) {
    auto [It, New] = Index.try_emplace(S, Strings.size());
    if (New)
      Strings.push_back(S);
    return static_cast<int64_t>(It->second);
  }
  json::Value loc(const Loc &L) {
    if (!L.valid())
      return nullptr;
    return json::Array{str(L.File), L.Line, L.Column};
  }
  json::Array strs(const std::vector<std::string> &V) {
    json::Array Out;
    for (const std::string &S : V)
      Out.push_back(str(S));
    return Out;
  }
  json::Array scopes(const std::vector<Scope> &Scopes) {
    json::Array Out;
    for (const Scope &S : Scopes) {
      json::Array A{loc(S.At), S.ReadsSize};
      if (S.Arm)
        A.push_back(static_cast<int64_t>(S.Arm));
      Out.push_back(std::move(A));
    }
    return Out;
  }
  template <typename T> json::Array numbers(const std::vector<T> &V) {
    json::Array Out;
    for (T N : V)
      Out.push_back(static_cast<int64_t>(N));
    return Out;
  }
  json::Array replacements(const std::vector<Replacement> &Fix) {
    json::Array Out;
    for (const Replacement &R : Fix)
      Out.push_back(json::Array{loc(R.Begin), loc(R.End), str(R.Text)});
    return Out;
  }
  json::Array table() {
    json::Array Out;
    for (const std::string &S : Strings)
      Out.push_back(encodeWirePath(S));
    return Out;
  }

private:
  std::map<std::string, size_t> Index;
  std::vector<std::string> Strings;
};

/// Reads what Writer wrote; remembers the first error instead of throwing.
class Reader {
public:
  Reader(std::string &Error) : Error(Error) {}
  std::string &Error;
  std::vector<std::string> Strings;

  bool fail(const std::string &What) {
    if (Error.empty())
      Error = "malformed facts: " + What;
    return false;
  }
  bool str(const json::Value *V, std::string &Out) {
    auto I = V ? V->getAsInteger() : std::nullopt;
    if (!I || *I < 0 || static_cast<size_t>(*I) >= Strings.size())
      return fail("bad string reference");
    Out = Strings[*I];
    return true;
  }
  bool str(const json::Object &O, llvm::StringRef K, std::string &Out) {
    return str(O.get(K), Out) || fail("bad '" + K.str() + "'");
  }
  /// An optional string: absent is empty.
  bool optStr(const json::Object &O, llvm::StringRef K, std::string &Out) {
    return !O.get(K) || str(O, K, Out);
  }
  bool strs(const json::Value *V, std::vector<std::string> &Out) {
    const json::Array *A = V ? V->getAsArray() : nullptr;
    if (!A)
      return fail("bad string list");
    for (const json::Value &E : *A) {
      std::string S;
      if (!str(&E, S))
        return false;
      Out.push_back(std::move(S));
    }
    return true;
  }
  bool optStrs(const json::Object &O, llvm::StringRef K,
               std::vector<std::string> &Out) {
    return !O.get(K) || strs(O.get(K), Out);
  }
  /// An optional list of small numbers (-1 allowed when \p T is signed).
  template <typename T>
  bool numbers(const json::Object &O, llvm::StringRef K, std::vector<T> &Out) {
    const json::Value *V = O.get(K);
    if (!V)
      return true;
    const json::Array *A = V->getAsArray();
    if (!A)
      return fail("bad '" + K.str() + "'");
    for (const json::Value &E : *A) {
      auto I = E.getAsInteger();
      if (!I || *I < (std::is_signed_v<T> ? -1 : 0) || *I > 0x7fffffffLL)
        return fail("bad '" + K.str() + "'");
      Out.push_back(static_cast<T>(*I));
    }
    return true;
  }
  bool loc(const json::Value *V, Loc &L) {
    if (!V || V->getAsNull())
      return true; // absent: an invalid location
    const json::Array *A = V->getAsArray();
    if (!A || A->size() != 3)
      return fail("bad location");
    auto Line = (*A)[1].getAsInteger();
    auto Col = (*A)[2].getAsInteger();
    if (!Line || !Col || *Line < 0 || *Col < 0 || *Line > 0xffffffffLL ||
        *Col > 0xffffffffLL || !str(&(*A)[0], L.File))
      return fail("bad location");
    L.Line = static_cast<unsigned>(*Line);
    L.Column = static_cast<unsigned>(*Col);
    return true;
  }
  bool loc(const json::Object &O, llvm::StringRef K, Loc &L) {
    return loc(O.get(K), L);
  }
  bool uint(const json::Object &O, llvm::StringRef K, unsigned &Out,
            bool Optional = false) {
    const json::Value *V = O.get(K);
    if (!V && Optional)
      return true;
    auto I = V ? V->getAsInteger() : std::nullopt;
    if (!I || *I < 0 || *I > 0xffffffffLL)
      return fail("bad '" + K.str() + "'");
    Out = static_cast<unsigned>(*I);
    return true;
  }
  bool integer(const json::Object &O, llvm::StringRef K, int &Out) {
    const json::Value *V = O.get(K);
    if (!V)
      return true; // -1
    auto I = V->getAsInteger();
    if (!I || *I < -1 || *I > 0x7fffffffLL)
      return fail("bad '" + K.str() + "'");
    Out = static_cast<int>(*I);
    return true;
  }
  bool flag(const json::Object &O, llvm::StringRef K, bool &Out) {
    const json::Value *V = O.get(K);
    if (!V)
      return true; // false
    auto B = V->getAsBoolean();
    if (!B)
      return fail("bad '" + K.str() + "'");
    Out = *B;
    return true;
  }
  template <typename E, size_t N>
  bool kind(const json::Object &O, const char *const (&Names)[N], E &Out) {
    auto S = O.getString("kind");
    return (S && enumFrom(Names, *S, Out)) || fail("bad kind");
  }
  bool scopes(const json::Object &O, std::vector<Scope> &Out,
              llvm::StringRef Key = "scopes") {
    const json::Value *V = O.get(Key);
    if (!V)
      return true;
    const json::Array *A = V->getAsArray();
    if (!A)
      return fail("bad scopes");
    for (const json::Value &SV : *A) {
      const json::Array *SA = SV.getAsArray();
      Scope Sc;
      auto Reads = SA && (SA->size() == 2 || SA->size() == 3)
                       ? (*SA)[1].getAsBoolean()
                       : std::nullopt;
      if (!Reads || !loc(&(*SA)[0], Sc.At))
        return fail("bad scope");
      Sc.ReadsSize = *Reads;
      if (SA->size() == 3) {
        std::optional<int64_t> Arm = (*SA)[2].getAsInteger();
        if (!Arm || *Arm < 0 || *Arm > 0xffff)
          return fail("bad scope");
        Sc.Arm = static_cast<unsigned>(*Arm);
      }
      Out.push_back(std::move(Sc));
    }
    return true;
  }
  bool replacements(const json::Object &O, std::vector<Replacement> &Out) {
    const json::Value *V = O.get("fix");
    if (!V)
      return true;
    const json::Array *A = V->getAsArray();
    if (!A)
      return fail("bad fix");
    for (const json::Value &RV : *A) {
      const json::Array *RA = RV.getAsArray();
      Replacement R;
      if (!RA || RA->size() != 3 || !loc(&(*RA)[0], R.Begin) ||
          !loc(&(*RA)[1], R.End) || !str(&(*RA)[2], R.Text))
        return fail("bad fix");
      Out.push_back(std::move(R));
    }
    return true;
  }
};

} // namespace

json::Value toJSON(const Facts &F) {
  Writer W;
  auto Opt = [](json::Object &O, llvm::StringRef K, json::Value V, bool Keep) {
    if (Keep)
      O[K] = std::move(V);
  };
  json::Array Entities;
  for (const auto &[Id, E] : F.Entities) {
    json::Object O{{"id", W.str(E.Id)},
                   {"name", W.str(E.Name)},
                   {"kind", toString(E.Kind)},
                   {"decl", W.loc(E.Decl)},
                   {"container", W.str(E.Container)}};
    Opt(O, "contiguous", E.Contiguous, E.Contiguous);
    Opt(O, "finiteKey", E.FiniteKey, E.FiniteKey);
    Opt(O, "pinsKeys", E.PinsKeys, E.PinsKeys);
    Opt(O, "handleElements", E.HandleElements, E.HandleElements);
    Opt(O, "elementsUnknown", E.ElementsUnknown, E.ElementsUnknown);
    Opt(O, "concurrent", E.Concurrent, E.Concurrent);
    Opt(O, "ownerClass", W.str(E.OwnerClass), !E.OwnerClass.empty());
    Opt(O, "ownerName", W.str(E.OwnerName), !E.OwnerName.empty());
    Opt(O, "type", W.str(E.Type), !E.Type.empty());
    Opt(O, "lambdas", W.strs(E.Lambdas), !E.Lambdas.empty());
    Opt(O, "alwaysClosed", E.AlwaysClosed, E.AlwaysClosed);
    Opt(O, "openAccess", E.OpenAccess, E.OpenAccess);
    Opt(O, "reachers", W.strs(E.Reachers), !E.Reachers.empty());
    Opt(O, "pointer", E.Pointer, E.Pointer);
    Opt(O, "allocated", E.Allocated, E.Allocated);
    Opt(O, "borrowed", E.Borrowed, E.Borrowed);
    Entities.push_back(std::move(O));
  }
  json::Array Events;
  for (const Event &E : F.Events) {
    json::Object O{{"entity", W.str(E.Entity)},
                   {"kind", toString(E.Kind)},
                   {"at", W.loc(E.At)},
                   {"function", W.str(E.Function)}};
    Opt(O, "flags", E.Flags, E.Flags != 0);
    Opt(O, "scopes", W.scopes(E.Scopes), !E.Scopes.empty());
    Opt(O, "receiver", E.Receiver, E.Receiver != RecvOther);
    Opt(O, "guardCalls", W.strs(E.GuardCalls), !E.GuardCalls.empty());
    Opt(O, "fix", W.replacements(E.Fix), !E.Fix.empty());
    Events.push_back(std::move(O));
  }
  json::Array Flows;
  for (const Flow &Fl : F.Flows) {
    json::Object O{{"from", W.str(Fl.From)},
                   {"callee", W.str(Fl.Callee)},
                   {"param", Fl.Param},
                   {"at", W.loc(Fl.At)},
                   {"function", W.str(Fl.Function)}};
    Opt(O, "flags", Fl.Flags, Fl.Flags != 0);
    Opt(O, "scopes", W.scopes(Fl.Scopes), !Fl.Scopes.empty());
    Flows.push_back(std::move(O));
  }
  json::Array Aliases;
  for (const Alias &A : F.Aliases)
    Aliases.push_back(json::Array{W.str(A.From), W.str(A.To)});
  json::Array Instances;
  for (const Instance &I : F.Instances) {
    json::Object O{{"class", W.str(I.Class)},
                   {"kind", InstanceKindNames[static_cast<unsigned>(I.Kind)]}};
    Opt(O, "owner", W.str(I.Owner), !I.Owner.empty());
    Opt(O, "function", W.str(I.Function), !I.Function.empty());
    Opt(O, "keeps_itself", true, I.KeepsItself);
    Opt(O, "every_run", true, I.EveryRun);
    Opt(O, "in_loop", true, I.InLoop);
    Opt(O, "file", W.str(I.File), !I.File.empty());
    Instances.push_back(std::move(O));
  }
  json::Array Edges;
  for (const OwnEdge &E : F.Edges) {
    json::Object O{{"from", W.str(E.From)},
                   {"to", W.str(E.To)},
                   {"fromName", W.str(E.FromName)},
                   {"toName", W.str(E.ToName)},
                   {"field", W.str(E.Field)},
                   {"kind", OwnKindNames[static_cast<unsigned>(E.Kind)]},
                   {"at", W.loc(E.At)}};
    Opt(O, "collection", E.Collection, E.Collection);
    Opt(O, "holder", W.str(E.Holder), !E.Holder.empty());
    Edges.push_back(std::move(O));
  }
  json::Array Subclasses;
  for (const Subclass &S : F.Subclasses)
    Subclasses.push_back(json::Array{W.str(S.Derived), W.str(S.Base)});
  json::Array Specializations;
  for (const Specialization &S : F.Specializations)
    Specializations.push_back(json::Array{W.str(S.Id), W.str(S.Pattern)});
  json::Array Functions;
  for (const auto &[Id, Fn] : F.Functions) {
    json::Object O{{"id", W.str(Fn.Id)}, {"name", W.str(Fn.Name)}};
    Opt(O, "traits", Fn.Traits, Fn.Traits != 0);
    Opt(O, "at", W.loc(Fn.At), Fn.At.valid());
    Opt(O, "class", W.str(Fn.Class), !Fn.Class.empty());
    Opt(O, "enclosing", W.str(Fn.Enclosing), !Fn.Enclosing.empty());
    Opt(O, "overrides", W.strs(Fn.Overrides), !Fn.Overrides.empty());
    Opt(O, "sharedCaptures", W.strs(Fn.SharedCaptures),
        !Fn.SharedCaptures.empty());
    Opt(O, "sharedCaptureNames", W.strs(Fn.SharedCaptureNames),
        !Fn.SharedCaptureNames.empty());
    Opt(O, "keptCaptures", W.strs(Fn.KeptCaptures), !Fn.KeptCaptures.empty());
    Opt(O, "testedParams", Fn.TestedParams, Fn.TestedParams != 0);
    Functions.push_back(std::move(O));
  }
  json::Array Calls;
  for (const Call &C : F.Calls) {
    json::Object O{{"caller", W.str(C.Caller)},
                   {"callee", W.str(C.Callee)},
                   {"at", W.loc(C.At)}};
    Opt(O, "kind", CallKindNames[static_cast<unsigned>(C.Kind)],
        C.Kind != CallKind::Direct);
    Opt(O, "flags", C.Flags, C.Flags != 0);
    Opt(O, "loop", W.loc(C.Loop), C.Loop.valid());
    Opt(O, "sizeGuards", W.strs(C.SizeGuards), !C.SizeGuards.empty());
    Opt(O, "guardCalls", W.strs(C.GuardCalls), !C.GuardCalls.empty());
    Opt(O, "receiverParam", C.ReceiverParam, C.ReceiverParam >= 0);
    Opt(O, "branches", W.scopes(C.Branches), !C.Branches.empty());
    Opt(O, "collectionLoop", W.str(C.CollectionLoop),
        !C.CollectionLoop.empty());
    Opt(O, "collectionAt", W.loc(C.CollectionAt), C.CollectionAt.valid());
    Opt(O, "collectionCall", C.CollectionCall, C.CollectionCall);
    Opt(O, "collectionFlags", C.CollectionFlags, C.CollectionFlags != 0);
    Opt(O, "calleeName", W.str(C.CalleeName), !C.CalleeName.empty());
    Opt(O, "argParams", W.numbers(C.ArgParams), !C.ArgParams.empty());
    Opt(O, "localArgs", C.LocalArgs, C.LocalArgs != 0);
    Opt(O, "newArgs", C.NewArgs, C.NewArgs != 0);
    Opt(O, "argSql", W.numbers(C.ArgSql), !C.ArgSql.empty());
    Calls.push_back(std::move(O));
  }
  json::Array Callables;
  for (const CallableFlow &C : F.Callables) {
    json::Object O{{"from", W.str(C.From)}, {"to", W.str(C.To)},
                   {"at", W.loc(C.At)}};
    Opt(O, "toClass", W.str(C.ToClass), !C.ToClass.empty());
    Opt(O, "toClassName", W.str(C.ToClassName), !C.ToClassName.empty());
    Opt(O, "toField", W.str(C.ToField), !C.ToField.empty());
    Opt(O, "toStatic", C.ToStatic, C.ToStatic);
    Opt(O, "initializes", C.Initializes, C.Initializes);
    Opt(O, "endsOnClose", C.EndsOnClose, C.EndsOnClose);
    Opt(O, "function", W.str(C.Function), !C.Function.empty());
    Opt(O, "flags", C.Flags, C.Flags != 0);
    Callables.push_back(std::move(O));
  }
  json::Array Effects;
  for (const Effect &E : F.Effects) {
    json::Object O{{"function", W.str(E.Function)},
                   {"kind", EffectKindNames[static_cast<unsigned>(E.Kind)]},
                   {"api", W.str(E.Api)},
                   {"at", W.loc(E.At)}};
    Opt(O, "sqlParam", E.SqlParam, E.SqlParam >= 0);
    Opt(O, "sql", E.Sql, E.Sql != 0);
    Effects.push_back(std::move(O));
  }
  json::Array Stores;
  for (const ParamStore &S : F.Stores)
    Stores.push_back(json::Object{{"function", W.str(S.Function)},
                                  {"param", S.Param},
                                  {"entity", W.str(S.Entity)},
                                  {"at", W.loc(S.At)}});
  json::Array Handoffs;
  for (const Handoff &H : F.Handoffs) {
    json::Object O{{"caller", W.str(H.Caller)},
                   {"callee", W.str(H.Callee)},
                   {"param", H.Param},
                   {"at", W.loc(H.At)},
                   {"name", W.str(H.Name)},
                   {"type", W.str(H.Type)},
                   {"decl", W.loc(H.Decl)}};
    Opt(O, "kind", CallKindNames[static_cast<unsigned>(H.Kind)],
        H.Kind != CallKind::Direct);
    Opt(O, "byValue", H.ByValue, H.ByValue);
    Opt(O, "rvalueOverload", H.RvalueOverload, H.RvalueOverload);
    Opt(O, "fix", W.replacements(H.Fix), !H.Fix.empty());
    Handoffs.push_back(std::move(O));
  }
  json::Array Resets;
  for (const Reset &Rs : F.Resets)
    Resets.push_back(json::Object{{"class", W.str(Rs.Class)},
                                  {"at", W.loc(Rs.At)},
                                  {"function", W.str(Rs.Function)}});
  json::Array Releases;
  for (const Release &Rl : F.Releases) {
    json::Object O{{"holder", W.str(Rl.Holder)},
                   {"kind", ReleaseKindNames[static_cast<unsigned>(Rl.Kind)]},
                   {"at", W.loc(Rl.At)},
                   {"function", W.str(Rl.Function)}};
    Opt(O, "flags", Rl.Flags, Rl.Flags != 0);
    Releases.push_back(std::move(O));
  }
  // The table last: every reference above has been interned by now.
  json::Object Out{{"format", 2},
                      {"entities", std::move(Entities)},
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
  // Sections most TUs leave empty are left out too.
  if (!Stores.empty())
    Out["stores"] = std::move(Stores);
  if (!Handoffs.empty())
    Out["handoffs"] = std::move(Handoffs);
  if (!Resets.empty())
    Out["resets"] = std::move(Resets);
  if (!Releases.empty())
    Out["releases"] = std::move(Releases);
  if (!Specializations.empty())
    Out["specializations"] = std::move(Specializations);
  Out["strings"] = W.table();
  return Out;
}

bool fromJSON(const json::Value &V, Facts &F, std::string &Error) {
  Reader R{Error};
  const json::Object *Root = V.getAsObject();
  if (!Root)
    return R.fail("not an object");
  if (Root->getInteger("format") != 2)
    return R.fail("unknown format");
  const json::Array *Table = Root->getArray("strings");
  if (!Table)
    return R.fail("missing string table");
  for (const json::Value &S : *Table) {
    auto Str = S.getAsString();
    if (!Str)
      return R.fail("bad string table");
    R.Strings.push_back(decodeWirePath(*Str));
  }
  const char *const Sections[] = {"entities",  "events",     "flows",
                                  "aliases",   "instances",  "edges",
                                  "subclasses", "functions", "calls",
                                  "callables", "effects"};
  for (const char *S : Sections)
    if (!Root->getArray(S))
      return R.fail(std::string("missing array '") + S + "'");
  auto Each = [&](const char *Section, auto Fn) {
    if (!Root->get(Section) &&
        (llvm::StringRef(Section) == "stores" ||
         llvm::StringRef(Section) == "handoffs" ||
         llvm::StringRef(Section) == "resets" ||
         llvm::StringRef(Section) == "releases"))
      return true; // optional sections: absent is empty
    const json::Array *A = Root->getArray(Section);
    if (!A)
      return R.fail(std::string("bad '") + Section + "'");
    for (const json::Value &V : *A) {
      const json::Object *O = V.getAsObject();
      if (!O || !Fn(*O))
        return R.fail(std::string("bad entry in '") + Section + "'");
    }
    return true;
  };
  auto Pairs = [&](const char *Section, auto Fn) {
    if (!Root->get(Section) && llvm::StringRef(Section) == "specializations")
      return true; // optional: absent is empty
    const json::Array *Items = Root->getArray(Section);
    if (!Items)
      return R.fail(std::string("bad '") + Section + "'");
    for (const json::Value &V : *Items) {
      const json::Array *A = V.getAsArray();
      std::string X, Y;
      if (!A || A->size() != 2 || !R.str(&(*A)[0], X) || !R.str(&(*A)[1], Y))
        return R.fail(std::string("bad entry in '") + Section + "'");
      Fn(std::move(X), std::move(Y));
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
                    !R.flag(O, "contiguous", E.Contiguous) ||
                    !R.flag(O, "finiteKey", E.FiniteKey) ||
                    !R.flag(O, "pinsKeys", E.PinsKeys) ||
                    !R.flag(O, "handleElements", E.HandleElements) ||
                    !R.flag(O, "elementsUnknown", E.ElementsUnknown) ||
                    !R.flag(O, "concurrent", E.Concurrent) ||
                    !R.optStr(O, "ownerClass", E.OwnerClass) ||
                    !R.optStr(O, "ownerName", E.OwnerName) ||
                    !R.optStr(O, "type", E.Type) ||
                    !R.optStrs(O, "lambdas", E.Lambdas) ||
                    !R.flag(O, "alwaysClosed", E.AlwaysClosed) ||
                    !R.flag(O, "openAccess", E.OpenAccess) ||
                    !R.optStrs(O, "reachers", E.Reachers) ||
                    !R.flag(O, "pointer", E.Pointer) ||
                    !R.flag(O, "allocated", E.Allocated) ||
                    !R.flag(O, "borrowed", E.Borrowed))
                  return false;
                std::string Id = E.Id;
                F.Entities[Id] = std::move(E);
                return true;
              }) &&
         Each("events",
              [&](const json::Object &O) {
                Event E;
                if (!R.str(O, "entity", E.Entity) ||
                    !R.kind(O, EventKindNames, E.Kind) ||
                    !R.loc(O, "at", E.At) || !R.str(O, "function", E.Function) ||
                    !R.uint(O, "flags", E.Flags, /*Optional=*/true) ||
                    !R.scopes(O, E.Scopes) ||
                    !R.uint(O, "receiver", E.Receiver, /*Optional=*/true) ||
                    !R.optStrs(O, "guardCalls", E.GuardCalls) ||
                    !R.replacements(O, E.Fix))
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
                    !R.uint(O, "flags", Fl.Flags, /*Optional=*/true) ||
                    !R.scopes(O, Fl.Scopes))
                  return false;
                F.Flows.push_back(std::move(Fl));
                return true;
              }) &&
         Pairs("aliases",
               [&](std::string From, std::string To) {
                 F.Aliases.push_back({std::move(From), std::move(To)});
               }) &&
         Each("instances",
              [&](const json::Object &O) {
                Instance I;
                if (!R.str(O, "class", I.Class) ||
                    !R.kind(O, InstanceKindNames, I.Kind) ||
                    !R.optStr(O, "owner", I.Owner) ||
                    !R.optStr(O, "function", I.Function) ||
                    !R.flag(O, "keeps_itself", I.KeepsItself) ||
                    !R.flag(O, "every_run", I.EveryRun) ||
                    !R.flag(O, "in_loop", I.InLoop) ||
                    !R.optStr(O, "file", I.File))
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
                    !R.flag(O, "collection", E.Collection) ||
                    !R.optStr(O, "holder", E.Holder) ||
                    !R.loc(O, "at", E.At))
                  return false;
                F.Edges.push_back(std::move(E));
                return true;
              }) &&
         Pairs("subclasses",
               [&](std::string D, std::string B) {
                 F.Subclasses.push_back({std::move(D), std::move(B)});
               }) &&
         Pairs("specializations",
               [&](std::string Id, std::string P) {
                 F.Specializations.push_back({std::move(Id), std::move(P)});
               }) &&
         Each("functions",
              [&](const json::Object &O) {
                Function Fn;
                if (!R.str(O, "id", Fn.Id) || !R.str(O, "name", Fn.Name) ||
                    !R.uint(O, "traits", Fn.Traits, /*Optional=*/true) ||
                    !R.loc(O, "at", Fn.At) ||
                    !R.optStr(O, "class", Fn.Class) ||
                    !R.optStr(O, "enclosing", Fn.Enclosing) ||
                    !R.optStrs(O, "overrides", Fn.Overrides) ||
                    !R.optStrs(O, "sharedCaptures", Fn.SharedCaptures) ||
                    !R.optStrs(O, "sharedCaptureNames", Fn.SharedCaptureNames) ||
                    !R.optStrs(O, "keptCaptures", Fn.KeptCaptures) ||
                    !R.uint(O, "testedParams", Fn.TestedParams,
                            /*Optional=*/true))
                  return false;
                std::string Id = Fn.Id;
                F.Functions[Id] = std::move(Fn);
                return true;
              }) &&
         Each("calls",
              [&](const json::Object &O) {
                Call C;
                if (O.get("kind") && !R.kind(O, CallKindNames, C.Kind))
                  return false;
                if (!R.str(O, "caller", C.Caller) ||
                    !R.str(O, "callee", C.Callee) || !R.loc(O, "at", C.At) ||
                    !R.uint(O, "flags", C.Flags, /*Optional=*/true) ||
                    !R.loc(O, "loop", C.Loop) ||
                    !R.optStrs(O, "sizeGuards", C.SizeGuards) ||
                    !R.optStrs(O, "guardCalls", C.GuardCalls) ||
                    !R.integer(O, "receiverParam", C.ReceiverParam) ||
                    !R.scopes(O, C.Branches, "branches") ||
                    !R.optStr(O, "collectionLoop", C.CollectionLoop) ||
                    !R.loc(O, "collectionAt", C.CollectionAt) ||
                    !R.flag(O, "collectionCall", C.CollectionCall) ||
                    !R.uint(O, "collectionFlags", C.CollectionFlags,
                            /*Optional=*/true) ||
                    !R.optStr(O, "calleeName", C.CalleeName) ||
                    !R.numbers(O, "argParams", C.ArgParams) ||
                    !R.uint(O, "localArgs", C.LocalArgs, /*Optional=*/true) ||
                    !R.uint(O, "newArgs", C.NewArgs, /*Optional=*/true) ||
                    !R.numbers(O, "argSql", C.ArgSql))
                  return false;
                F.Calls.push_back(std::move(C));
                return true;
              }) &&
         Each("callables",
              [&](const json::Object &O) {
                CallableFlow C;
                if (!R.str(O, "from", C.From) || !R.str(O, "to", C.To) ||
                    !R.optStr(O, "toClass", C.ToClass) ||
                    !R.optStr(O, "toClassName", C.ToClassName) ||
                    !R.optStr(O, "toField", C.ToField) ||
                    !R.flag(O, "toStatic", C.ToStatic) ||
                    !R.flag(O, "initializes", C.Initializes) ||
                    !R.flag(O, "endsOnClose", C.EndsOnClose) ||
                    !R.loc(O, "at", C.At) ||
                    !R.optStr(O, "function", C.Function) ||
                    !R.uint(O, "flags", C.Flags, /*Optional=*/true))
                  return false;
                F.Callables.push_back(std::move(C));
                return true;
              }) &&
         Each("effects",
              [&](const json::Object &O) {
                Effect E;
                if (!R.str(O, "function", E.Function) ||
                    !R.kind(O, EffectKindNames, E.Kind) ||
                    !R.str(O, "api", E.Api) || !R.loc(O, "at", E.At) ||
                    !R.integer(O, "sqlParam", E.SqlParam) ||
                    !R.uint(O, "sql", E.Sql, /*Optional=*/true))
                  return false;
                F.Effects.push_back(std::move(E));
                return true;
              }) &&
         Each("resets",
              [&](const json::Object &O) {
                Reset Rs;
                if (!R.str(O, "class", Rs.Class) || !R.loc(O, "at", Rs.At) ||
                    !R.str(O, "function", Rs.Function))
                  return false;
                F.Resets.push_back(std::move(Rs));
                return true;
              }) &&
         Each("releases",
              [&](const json::Object &O) {
                Release Rl;
                if (!R.str(O, "holder", Rl.Holder) ||
                    !R.kind(O, ReleaseKindNames, Rl.Kind) ||
                    !R.loc(O, "at", Rl.At) ||
                    !R.str(O, "function", Rl.Function) ||
                    !R.uint(O, "flags", Rl.Flags, /*Optional=*/true))
                  return false;
                F.Releases.push_back(std::move(Rl));
                return true;
              }) &&
         Each("stores",
              [&](const json::Object &O) {
                ParamStore S;
                if (!R.str(O, "function", S.Function) ||
                    !R.uint(O, "param", S.Param) ||
                    !R.str(O, "entity", S.Entity) || !R.loc(O, "at", S.At))
                  return false;
                F.Stores.push_back(std::move(S));
                return true;
              }) &&
         Each("handoffs", [&](const json::Object &O) {
           Handoff H;
           if (O.get("kind") && !R.kind(O, CallKindNames, H.Kind))
             return false;
           if (!R.str(O, "caller", H.Caller) || !R.str(O, "callee", H.Callee) ||
               !R.uint(O, "param", H.Param) || !R.loc(O, "at", H.At) ||
               !R.str(O, "name", H.Name) || !R.str(O, "type", H.Type) ||
               !R.loc(O, "decl", H.Decl) || !R.flag(O, "byValue", H.ByValue) ||
               !R.flag(O, "rvalueOverload", H.RvalueOverload) ||
               !R.replacements(O, H.Fix))
             return false;
           F.Handoffs.push_back(std::move(H));
           return true;
         });
}

} // namespace memlint
