//===- RuleText.cpp - `memlint rules list` and `--dump-config` text -------===//
//
// Built like LLVM (no RTTI, no EH). dumpConfig writes YAML by hand so its
// output is stable and so this file needs no yaml-cpp; RulesLoaderTest
// checks that the output loads back to the same configuration.
//
//===----------------------------------------------------------------------===//
#include "memlint/RuleLoader.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace memlint {

namespace {

std::string originLine(const Origin &O) {
  return O.File + ":" + std::to_string(O.Line);
}

std::string originFull(const Origin &O) {
  return O.File + ":" + std::to_string(O.Line) + ":" +
         std::to_string(O.Column);
}

std::string pad(const std::string &S, size_t Width) {
  return S.size() >= Width ? S : S + std::string(Width - S.size(), ' ');
}

// A comment must stay on one line whatever the file name holds.
std::string oneLine(const std::string &Text) {
  std::string Out;
  for (char C : Text)
    Out += (C == '\n' || C == '\r') ? '?' : C;
  return Out;
}

std::string comment(const std::string &Text) { return "  # " + oneLine(Text); }

// Double-quoted YAML scalar. Bytes >= 0x80 pass through (UTF-8).
std::string quote(const std::string &S) {
  std::string Out = "\"";
  for (unsigned char C : S) {
    switch (C) {
    case '"': Out += "\\\""; break;
    case '\\': Out += "\\\\"; break;
    case '\n': Out += "\\n"; break;
    case '\t': Out += "\\t"; break;
    case '\r': Out += "\\r"; break;
    default:
      if (C < 0x20 || C == 0x7f) {
        char Buf[8];
        std::snprintf(Buf, sizeof(Buf), "\\x%02x", C);
        Out += Buf;
      } else {
        Out += static_cast<char>(C);
      }
    }
  }
  return Out + "\"";
}

std::string indexList(const std::vector<unsigned> &V) {
  std::string Out = "[";
  for (size_t I = 0; I < V.size(); ++I)
    Out += (I ? ", " : "") + std::to_string(V[I]);
  return Out + "]";
}

std::string payloadText(const SendApi &S) {
  if (S.PayloadFromArg && !S.Payload.empty())
    return "args " + std::to_string(S.Payload[0]) + "..";
  std::string Out = S.Payload.size() == 1 ? "arg " : "args ";
  for (size_t I = 0; I < S.Payload.size(); ++I)
    Out += (I ? "," : "") + std::to_string(S.Payload[I]);
  return Out;
}

std::string callableText(const CallableApi &C) {
  return C.Callable < 0 ? std::string("last") : std::to_string(C.Callable);
}

// Methods grouped by effect, in the enum's order.
std::map<int, std::vector<std::string>> byEffect(const ContainerModel &C) {
  std::map<int, std::vector<std::string>> Groups;
  for (const auto &[Method, Effect] : C.Methods)
    Groups[static_cast<int>(Effect)].push_back(Method);
  return Groups;
}

template <typename Entry>
size_t idWidth(const std::vector<Entry> &Entries) {
  size_t W = 0;
  for (const Entry &E : Entries)
    W = std::max(W, E.Id.size());
  return W + 2;
}

template <typename Entry>
size_t nameWidth(const std::vector<Entry> &Entries) {
  size_t W = 0;
  for (const Entry &E : Entries)
    W = std::max(W, E.Name.text().size());
  return W + 2;
}

} // namespace

std::string describeRuleSet(const RuleSet &Rules) {
  std::string Out;
  Out += "packs (" + std::to_string(Rules.LoadedPacks.size()) + "):\n";
  size_t W = 0;
  for (const PackInfo &P : Rules.LoadedPacks)
    W = std::max(W, P.Name.size());
  for (const PackInfo &P : Rules.LoadedPacks) {
    Out += "  " + pad(P.Name, W + 2) + P.File;
    if (!P.Description.empty())
      Out += "  -- " + P.Description;
    Out += "\n";
  }
  if (!Rules.ConfigFiles.empty()) {
    Out += "configuration files (" + std::to_string(Rules.ConfigFiles.size()) +
           "):\n";
    for (const std::string &F : Rules.ConfigFiles)
      Out += "  " + F + "\n";
  }

  Out += "\ncontainers (" + std::to_string(Rules.Containers.size()) + "):\n";
  for (const ContainerModel &C : Rules.Containers) {
    Out += "  " + C.Id + "  " + originLine(C.From) + "\n";
    std::string Types;
    for (const NamePattern &P : C.Types)
      Types += (Types.empty() ? "" : ", ") + P.text();
    Out += "    types: " + Types + "\n";
    std::string Props;
    if (C.Contiguous)
      Props += "contiguous";
    if (C.ImplicitlyShared)
      Props += std::string(Props.empty() ? "" : ", ") + "implicitly shared";
    if (C.Associative)
      Props += std::string(Props.empty() ? "" : ", ") +
               "associative (key: template argument " +
               std::to_string(C.KeyArg) + ")";
    if (!Props.empty())
      Out += "    " + Props + "\n";
    for (const auto &[Effect, Methods] : byEffect(C)) {
      Out += "    " +
             pad(std::string(toString(static_cast<ContainerEffect>(Effect))) +
                     ":",
                 9);
      for (size_t I = 0; I < Methods.size(); ++I)
        Out += (I ? " " : "") + Methods[I];
      Out += "\n";
    }
  }

  auto Section = [&](const char *Title, auto &Entries, auto Detail) {
    Out += "\n" + std::string(Title) + " (" + std::to_string(Entries.size()) +
           "):\n";
    size_t IW = idWidth(Entries), NW = nameWidth(Entries), OW = 0;
    for (const auto &E : Entries)
      OW = std::max(OW, originLine(E.From).size() + 2);
    for (const auto &E : Entries) {
      std::string Line = "  " + pad(E.Id, IW) + pad(E.Name.text(), NW) +
                         pad(originLine(E.From), OW) + Detail(E);
      while (!Line.empty() && Line.back() == ' ')
        Line.pop_back();
      Out += Line + "\n";
    }
  };
  Section("container_functions", Rules.ContainerFunctions,
          [](const ContainerFunction &F) {
            std::string Args;
            for (size_t I = 0; I < F.Args.size(); ++I)
              Args += (I ? "," : "") + std::to_string(F.Args[I]);
            return std::string(toString(F.Effect)) +
                   (F.Iterators ? " iterators " : " arg ") + Args;
          });
  Section("stream_sources", Rules.StreamSources, [](const StreamSource &S) {
    return S.Form + (S.CanOrder ? ", can order" : "");
  });
  Section("whole_loads", Rules.WholeLoads, [](const WholeLoad &L) {
    std::string D = "instead: " + L.Alternative;
    if (L.SqlArg >= 0)
      D = "sql arg " + std::to_string(L.SqlArg) + "; " + D;
    if (L.SortArg >= 0)
      D = "sort arg " + std::to_string(L.SortArg) + "; " + D;
    if (L.FilterArg >= 0)
      D = "filter arg " + std::to_string(L.FilterArg) + "; " + D;
    return D;
  });
  Section("sends", Rules.Sends, [](const SendApi &S) {
    return S.Kind + ", payload " + payloadText(S);
  });
  Section("queries", Rules.Queries, [](const QueryApi &Q) {
    std::string D;
    if (Q.SqlArg >= 0)
      D = "sql arg " + std::to_string(Q.SqlArg);
    if (Q.SingleRow)
      D += std::string(D.empty() ? "" : ", ") + "single row";
    if (Q.Streaming)
      D += std::string(D.empty() ? "" : ", ") + "streaming";
    return D;
  });
  Section("bounded_types", Rules.BoundedTypes,
          [](const BoundedType &) { return std::string(); });
  Section("backpressure", Rules.Backpressure,
          [](const BackpressureCall &) { return std::string(); });
  Section("forks", Rules.Forks, [](const ForkCall &) { return std::string(); });
  Section("test_and_set", Rules.TestAndSet, [](const TestAndSetCall &T) {
    return T.Value >= 0
               ? "sets unless arg " + std::to_string(T.Value) + " is 0 or false"
               : std::string("always sets");
  });
  Section("pure", Rules.Pure, [](const PureCall &) { return std::string(); });
  Section("callables", Rules.Callables, [](const CallableApi &C) {
    std::string D = C.Kind + ", callable " + callableText(C);
    if (C.Holder == "object")
      D += ", held by the object";
    else if (C.Holder == "arg")
      D += ", held by arg " + std::to_string(C.HolderArg);
    else if (C.Kind != "bind")
      D += ", held by no object";
    return D;
  });
  Section("type_erased", Rules.TypeErased,
          [](const TypeErasedOwner &) { return std::string(); });
  Out += "\n" + std::to_string(Rules.entryCount()) + " entries\n";
  return Out;
}

std::string dumpConfig(const RuleSet &Rules, bool WithOrigins) {
  std::string Out;
  auto Origin = [&](const memlint::Origin &O) {
    return WithOrigins ? comment(originFull(O)) : std::string();
  };
  Out += "# memlint effective configuration\n";
  if (WithOrigins) {
    for (const PackInfo &P : Rules.LoadedPacks)
      Out += "# pack " + oneLine(P.Name + "  " + P.File) + "\n";
    for (const std::string &F : Rules.ConfigFiles)
      Out += "# config " + oneLine(F) + "\n";
  }
  Out += "schema: " + std::to_string(RuleSchemaVersion) + "\n";

  Out += "checks:\n";
  for (const CheckInfo &C : knownChecks()) {
    auto It = Rules.Checks.find(C.Id);
    Out += "  " + std::string(C.Id) + ": {enabled: " +
           (Rules.isEnabled(C.Id) ? "true" : "false") +
           ", severity: " + toString(Rules.severity(C.Id)) + "}";
    if (WithOrigins)
      Out += It == Rules.Checks.end() ? comment("default")
                                      : Origin(It->second.From);
    Out += "\n";
  }
  Out += "thresholds:\n";
  for (const ThresholdInfo &T : knownThresholds()) {
    Out += "  " + std::string(T.Name) + ": " +
           std::to_string(Rules.threshold(T.Name));
    auto It = Rules.ThresholdOrigins.find(T.Name);
    if (WithOrigins)
      Out += It == Rules.ThresholdOrigins.end() ? comment("default")
                                                : Origin(It->second);
    Out += "\n";
  }
  if (Rules.Excludes.empty()) {
    Out += "exclude: []\n";
  } else {
    Out += "exclude:\n";
    for (const std::string &G : Rules.Excludes)
      Out += "  - " + quote(G) + "\n";
  }

  if (Rules.Vendored.empty()) {
    Out += "vendored: []\n";
  } else {
    Out += "vendored:\n";
    for (const std::string &G : Rules.Vendored)
      Out += "  - " + quote(G) + "\n";
  }

  auto Head = [&](const char *Key, size_t N) {
    Out += std::string(Key) + ":" + (N ? "\n" : " []\n");
  };
  auto Entry = [&](const auto &E) {
    Out += "  - id: " + quote(E.Id) + Origin(E.From) + "\n";
  };
  Head("containers", Rules.Containers.size());
  for (const ContainerModel &C : Rules.Containers) {
    Entry(C);
    Out += "    types: [";
    for (size_t I = 0; I < C.Types.size(); ++I)
      Out += (I ? ", " : "") + quote(C.Types[I].text());
    Out += "]\n";
    Out += "    contiguous: " + std::string(C.Contiguous ? "true" : "false") +
           "\n";
    if (C.ImplicitlyShared)
      Out += "    implicitly_shared: true\n";
    if (C.Associative)
      Out += "    associative: true\n    key_arg: " + std::to_string(C.KeyArg) +
             "\n";
    if (C.Methods.empty()) {
      Out += "    methods: {}\n";
      continue;
    }
    Out += "    methods:\n";
    for (const auto &[Method, Effect] : C.Methods)
      Out += "      " + quote(Method) + ": " + toString(Effect) + "\n";
  }
  Head("container_functions", Rules.ContainerFunctions.size());
  for (const ContainerFunction &F : Rules.ContainerFunctions) {
    Entry(F);
    Out += "    name: " + quote(F.Name.text()) + "\n";
    Out += "    args: " + indexList(F.Args) + "\n";
    if (F.Iterators)
      Out += "    iterators: true\n";
    Out += "    effect: " + std::string(toString(F.Effect)) + "\n";
  }
  Head("stream_sources", Rules.StreamSources.size());
  for (const StreamSource &S : Rules.StreamSources) {
    Entry(S);
    Out += "    name: " + quote(S.Name.text()) + "\n";
    Out += "    form: " + S.Form + "\n";
    if (S.CanOrder)
      Out += "    can_order: true\n";
  }
  Head("whole_loads", Rules.WholeLoads.size());
  for (const WholeLoad &L : Rules.WholeLoads) {
    Entry(L);
    Out += "    name: " + quote(L.Name.text()) + "\n";
    Out += "    alternative: " + quote(L.Alternative) + "\n";
    if (L.SqlArg >= 0)
      Out += "    sql_arg: " + std::to_string(L.SqlArg) + "\n";
    if (L.FilterArg >= 0)
      Out += "    filter_arg: " + std::to_string(L.FilterArg) + "\n";
    if (L.SortArg >= 0)
      Out += "    sort_arg: " + std::to_string(L.SortArg) + "\n";
  }
  Head("sends", Rules.Sends.size());
  for (const SendApi &S : Rules.Sends) {
    Entry(S);
    Out += "    name: " + quote(S.Name.text()) + "\n";
    Out += "    kind: " + S.Kind + "\n";
    if (S.PayloadFromArg && !S.Payload.empty())
      Out += "    payload_from: " + std::to_string(S.Payload[0]) + "\n";
    else
      Out += "    payload: " + indexList(S.Payload) + "\n";
  }
  Head("queries", Rules.Queries.size());
  for (const QueryApi &Q : Rules.Queries) {
    Entry(Q);
    Out += "    name: " + quote(Q.Name.text()) + "\n";
    if (Q.SqlArg >= 0)
      Out += "    sql_arg: " + std::to_string(Q.SqlArg) + "\n";
    Out += "    single_row: " + std::string(Q.SingleRow ? "true" : "false") +
           "\n";
    Out += "    streaming: " + std::string(Q.Streaming ? "true" : "false") +
           "\n";
  }
  Head("bounded_types", Rules.BoundedTypes.size());
  for (const BoundedType &B : Rules.BoundedTypes) {
    Entry(B);
    Out += "    name: " + quote(B.Name.text()) + "\n";
  }
  Head("backpressure", Rules.Backpressure.size());
  for (const BackpressureCall &B : Rules.Backpressure) {
    Entry(B);
    Out += "    name: " + quote(B.Name.text()) + "\n";
  }
  Head("forks", Rules.Forks.size());
  for (const ForkCall &Fk : Rules.Forks) {
    Entry(Fk);
    Out += "    name: " + quote(Fk.Name.text()) + "\n";
  }
  Head("test_and_set", Rules.TestAndSet.size());
  for (const TestAndSetCall &T : Rules.TestAndSet) {
    Entry(T);
    Out += "    name: " + quote(T.Name.text()) + "\n";
    if (T.Value >= 0)
      Out += "    value: " + std::to_string(T.Value) + "\n";
  }
  Head("pure", Rules.Pure.size());
  for (const PureCall &P : Rules.Pure) {
    Entry(P);
    Out += "    name: " + quote(P.Name.text()) + "\n";
  }
  Head("callables", Rules.Callables.size());
  for (const CallableApi &C : Rules.Callables) {
    Entry(C);
    Out += "    name: " + quote(C.Name.text()) + "\n";
    Out += "    kind: " + C.Kind + "\n";
    Out += "    callable: " + callableText(C) + "\n";
    Out += "    holder: " + C.Holder + "\n";
    if (C.Holder == "arg")
      Out += "    holder_arg: " + std::to_string(C.HolderArg) + "\n";
    if (C.EndsOnClose)
      Out += "    ends_on_close: true\n";
    if (C.Placeholders)
      Out += "    placeholders: " + quote(C.Placeholders->text()) + "\n";
  }
  Head("type_erased", Rules.TypeErased.size());
  for (const TypeErasedOwner &T : Rules.TypeErased) {
    Entry(T);
    Out += "    name: " + quote(T.Name.text()) + "\n";
  }
  return Out;
}

} // namespace memlint
