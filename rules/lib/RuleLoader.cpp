//===- RuleLoader.cpp - YAML rule packs and .memlint.yaml -> RuleSet ------===//
//
// The yaml-cpp boundary. This is the only file that includes yaml-cpp; it is
// compiled with -fexceptions -frtti (see rules/CMakeLists.txt) and every
// public entry point catches everything, so no exception leaves it. It
// includes no LLVM headers: file system work goes through Internal.h.
//
// Each file is parsed once, through yaml-cpp's event interface: the pass
// that counts documents and aliases (DocumentProbe) also builds the nodes
// the loader reads (DocumentReader). Every memlint run loads the shipped
// packs, and yaml-cpp's parse is most of that run's fixed cost: for a pack
// whose bytes are those memlint was built with, the events yaml-cpp
// reported for them at build time are replayed instead (ShippedPacks.h).
//
// Validation is strict: every unknown key, wrong node type, bad enum value,
// bad name or regex, missing key, duplicate key or id is an error with the
// 1-based line:column of the offending node. A file with any error adds
// nothing to the RuleSet. Errors of one file are reported sorted by
// position, files in load order.
//
//===----------------------------------------------------------------------===//
#include "memlint/RuleLoader.h"

#include "Internal.h"
#include "ShippedPacks.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace memlint {

std::string RuleError::str() const {
  if (Line == 0)
    return File + ": " + Message;
  return File + ":" + std::to_string(Line) + ":" + std::to_string(Column) +
         ": " + Message;
}

namespace {

//===----------------------------------------------------------------------===//
// Small helpers
//===----------------------------------------------------------------------===//

struct Pos {
  unsigned Line = 0, Column = 0;
  bool operator<(const Pos &O) const {
    return Line != O.Line ? Line < O.Line : Column < O.Column;
  }
};

// One node of a file's first document, as yaml-cpp's YAML::Load would build
// it: an alias is the node it names (shared, not copied), and a map keeps
// every key in document order, duplicates included (the loader reports
// them).
struct NodeData {
  YAML::NodeType::value Type = YAML::NodeType::Null;
  YAML::Mark Mark;
  std::string Tag, Scalar;
  std::vector<const NodeData *> Items;                              // a list
  std::vector<std::pair<const NodeData *, const NodeData *>> Pairs; // a map
};

class NodeIterator;

// What the loader reads of a node: YAML::Node's interface, on NodeData. A
// default-constructed Node is null, as a default YAML::Node.
class Node {
public:
  Node() = default;
  explicit Node(const NodeData *D) : D(D) {}

  YAML::NodeType::value Type() const {
    return D ? D->Type : YAML::NodeType::Null;
  }
  bool IsNull() const { return Type() == YAML::NodeType::Null; }
  bool IsScalar() const { return Type() == YAML::NodeType::Scalar; }
  bool IsSequence() const { return Type() == YAML::NodeType::Sequence; }
  bool IsMap() const { return Type() == YAML::NodeType::Map; }
  const std::string &Scalar() const { return D ? D->Scalar : empty(); }
  const std::string &Tag() const { return D ? D->Tag : empty(); }
  YAML::Mark Mark() const { return D ? D->Mark : YAML::Mark::null_mark(); }
  size_t size() const {
    return IsMap() ? D->Pairs.size() : IsSequence() ? D->Items.size() : 0;
  }
  /// A list's items (*It) or a map's pairs (It->first, It->second).
  NodeIterator begin() const;
  NodeIterator end() const;

private:
  static const std::string &empty() {
    static const std::string Empty;
    return Empty;
  }
  const NodeData *D = nullptr;
};

struct NodePair {
  Node first, second;
};

class NodeIterator {
public:
  NodeIterator(const NodeData *D, size_t I) : D(D), I(I) {}
  Node operator*() const {
    return D && D->Type == YAML::NodeType::Sequence ? Node(D->Items[I])
                                                    : Node();
  }
  const NodePair *operator->() const {
    P = D && D->Type == YAML::NodeType::Map
            ? NodePair{Node(D->Pairs[I].first), Node(D->Pairs[I].second)}
            : NodePair{};
    return &P;
  }
  NodeIterator &operator++() {
    ++I;
    return *this;
  }
  bool operator!=(const NodeIterator &O) const { return I != O.I; }

private:
  const NodeData *D;
  size_t I;
  mutable NodePair P;
};

NodeIterator Node::begin() const { return NodeIterator(D, 0); }
NodeIterator Node::end() const { return NodeIterator(D, size()); }

Pos posOf(const Node &N) {
  YAML::Mark M = N.Mark();
  if (M.is_null() || M.line < 0 || M.column < 0)
    return {};
  return {static_cast<unsigned>(M.line) + 1,
          static_cast<unsigned>(M.column) + 1};
}

std::string posStr(Pos P) {
  return std::to_string(P.Line) + ":" + std::to_string(P.Column);
}

std::string originStr(const Origin &O) {
  return O.File + ":" + std::to_string(O.Line) + ":" + std::to_string(O.Column);
}

const char *describeNode(const Node &N) {
  switch (N.Type()) {
  case YAML::NodeType::Undefined: return "nothing";
  case YAML::NodeType::Null: return "null";
  case YAML::NodeType::Scalar: return "a string";
  case YAML::NodeType::Sequence: return "a list";
  case YAML::NodeType::Map: return "a map";
  }
  return "nothing";
}

// A plain (unquoted, untagged) scalar: only those may be booleans or numbers.
bool isPlainScalar(const Node &N) {
  return N.IsScalar() && N.Tag() == "?";
}

unsigned editDistance(const std::string &A, const std::string &B) {
  std::vector<unsigned> Row(B.size() + 1);
  for (size_t J = 0; J <= B.size(); ++J)
    Row[J] = J;
  for (size_t I = 1; I <= A.size(); ++I) {
    unsigned Diag = Row[0];
    Row[0] = I;
    for (size_t J = 1; J <= B.size(); ++J) {
      unsigned Up = Row[J];
      unsigned Cost = A[I - 1] == B[J - 1] ? 0 : 1;
      Row[J] = std::min({Row[J] + 1, Row[J - 1] + 1, Diag + Cost});
      Diag = Up;
    }
  }
  return Row[B.size()];
}

std::string joinNames(const std::vector<std::string> &Names) {
  std::string Out;
  for (const std::string &N : Names) {
    if (!Out.empty())
      Out += ", ";
    Out += N;
  }
  return Out;
}

// " (did you mean 'x'?)" or " (expected one of: a, b, c)".
std::string suggest(const std::string &Got,
                    const std::vector<std::string> &Candidates) {
  std::string Best;
  unsigned BestDist = UINT_MAX;
  for (const std::string &C : Candidates) {
    unsigned D = editDistance(Got, C);
    if (D < BestDist) {
      BestDist = D;
      Best = C;
    }
  }
  if (!Best.empty() && BestDist <= std::max<size_t>(2, Got.size() / 3) &&
      BestDist < Got.size())
    return " (did you mean '" + Best + "'?)";
  return " (expected one of: " + joinNames(Candidates) + ")";
}

bool isSimpleName(const std::string &S) {
  if (S.empty() || S.size() > 128)
    return false;
  if (!std::isalnum(static_cast<unsigned char>(S[0])))
    return false;
  for (char C : S)
    if (!std::isalnum(static_cast<unsigned char>(C)) && C != '_' &&
        C != '-' && C != '.')
      return false;
  return true;
}

bool endsWith(const std::string &S, const std::string &Suffix) {
  return S.size() >= Suffix.size() &&
         S.compare(S.size() - Suffix.size(), Suffix.size(), Suffix) == 0;
}

const std::vector<std::string> &effectNames() {
  static const std::vector<std::string> Names = [] {
    std::vector<std::string> V;
    for (const char *N : {"grow", "erase", "pop", "pop_last", "clear",
                          "resize", "assign",
                          "consume", "reserve", "release", "lookup", "size",
                          "index", "sort", "read"})
      V.push_back(N);
    return V;
  }();
  return Names;
}

const std::vector<std::string> StreamForms = {"call", "method",
                                              "iterator-type"};
const std::vector<std::string> SendKinds = {"thread", "task", "message",
                                            "promise"};
const std::vector<std::string> SeverityNames = {"note", "warning", "error"};
const std::vector<std::string> CallableKinds = {"bind", "callback", "thread"};
const std::vector<std::string> HolderKinds = {"object", "arg", "none"};

constexpr int MaxArgIndex = 63;
constexpr int MaxKeyArg = 15;
constexpr unsigned MaxExtendsDepth = 32;
// The largest shipped pack has about 900 nodes.
constexpr uint64_t MaxExpandedNodes = 100000;

//===----------------------------------------------------------------------===//
// Document structure
//===----------------------------------------------------------------------===//

// Records where documents start. YAML::LoadAll must not be used: on a stray
// top-level ',' yaml-cpp 0.7's parser reports an empty document without
// consuming anything, so LoadAll loops forever, allocating (found by
// rules/fuzz). Parsing at most two documents ourselves, and checking that
// the second starts after the first, avoids that.
//
// It also counts the nodes the loader will walk, an alias counting as the
// whole node it names: yaml-cpp shares an aliased node, but walking it
// expands it, so 10,000 aliases of a 10,000-key map are 10^8 nodes to check
// (a 199 KB "alias bomb" that hung the loader). The count is exact and
// linear in the events (an anchor's size is remembered, not re-walked).
class DocumentProbe : public YAML::EventHandler {
public:
  std::vector<YAML::Mark> Starts;
  /// Where the expanded count first went over MaxExpandedNodes.
  std::optional<YAML::Mark> Over;

  void OnDocumentStart(const YAML::Mark &M) override { Starts.push_back(M); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &M, YAML::anchor_t A) override { leaf(M, A); }
  void OnAlias(const YAML::Mark &M, YAML::anchor_t A) override {
    auto It = AnchorSize.find(A);
    add(M, It == AnchorSize.end() ? 1 : It->second);
  }
  void OnScalar(const YAML::Mark &M, const std::string &, YAML::anchor_t A,
                const std::string &) override {
    leaf(M, A);
  }
  void OnSequenceStart(const YAML::Mark &M, const std::string &,
                       YAML::anchor_t A, YAML::EmitterStyle::value) override {
    open(M, A);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark &M, const std::string &, YAML::anchor_t A,
                  YAML::EmitterStyle::value) override {
    open(M, A);
  }
  void OnMapEnd() override { close(); }

private:
  struct Frame {
    uint64_t Size; // this collection and everything in it, expanded
    YAML::anchor_t Anchor;
  };
  std::vector<Frame> Stack;
  std::map<YAML::anchor_t, uint64_t> AnchorSize;
  uint64_t Total = 0;

  static uint64_t sat(uint64_t A, uint64_t B) {
    return A > UINT64_MAX - B ? UINT64_MAX : A + B;
  }
  void add(const YAML::Mark &M, uint64_t N) {
    Total = sat(Total, N);
    if (!Stack.empty())
      Stack.back().Size = sat(Stack.back().Size, N);
    if (Total > MaxExpandedNodes && !Over)
      Over = M;
  }
  void leaf(const YAML::Mark &M, YAML::anchor_t A) {
    add(M, 1);
    if (A)
      AnchorSize[A] = 1;
  }
  void open(const YAML::Mark &M, YAML::anchor_t A) {
    add(M, 1);
    Stack.push_back({1, A});
  }
  void close() {
    if (Stack.empty())
      return;
    Frame F = Stack.back();
    Stack.pop_back();
    if (!Stack.empty()) // its contents, already in Total, count for the parent
      Stack.back().Size = sat(Stack.back().Size, F.Size - 1);
    if (F.Anchor)
      AnchorSize[F.Anchor] = F.Size;
  }
};

// The probe, building the first document's nodes as it goes: what
// YAML::Load's NodeBuilder does, without a second parse. An anchor names
// its node from where the node starts, so an alias inside the node it names
// makes a cycle, as in yaml-cpp.
class DocumentReader : public DocumentProbe {
public:
  /// The first document's root; null before it is complete.
  Node root() const { return Node(Root); }

  void OnDocumentEnd() override {
    DocumentProbe::OnDocumentEnd();
    Building = false; // a second document is only counted
  }
  void OnNull(const YAML::Mark &M, YAML::anchor_t A) override {
    DocumentProbe::OnNull(M, A);
    if (Building)
      add(make(M, A, YAML::NodeType::Null, ""));
  }
  void OnAlias(const YAML::Mark &M, YAML::anchor_t A) override {
    DocumentProbe::OnAlias(M, A);
    if (Building)
      add(A < Anchors.size() && Anchors[A] ? Anchors[A]
                                           : make(M, 0, YAML::NodeType::Null, ""));
  }
  void OnScalar(const YAML::Mark &M, const std::string &Tag, YAML::anchor_t A,
                const std::string &Value) override {
    DocumentProbe::OnScalar(M, Tag, A, Value);
    if (Building) {
      NodeData *N = make(M, A, YAML::NodeType::Scalar, Tag);
      N->Scalar = Value;
      add(N);
    }
  }
  void OnSequenceStart(const YAML::Mark &M, const std::string &Tag,
                       YAML::anchor_t A,
                       YAML::EmitterStyle::value Style) override {
    DocumentProbe::OnSequenceStart(M, Tag, A, Style);
    if (Building)
      Open.push_back({make(M, A, YAML::NodeType::Sequence, Tag), nullptr});
  }
  void OnSequenceEnd() override {
    DocumentProbe::OnSequenceEnd();
    close();
  }
  void OnMapStart(const YAML::Mark &M, const std::string &Tag,
                  YAML::anchor_t A, YAML::EmitterStyle::value Style) override {
    DocumentProbe::OnMapStart(M, Tag, A, Style);
    if (Building)
      Open.push_back({make(M, A, YAML::NodeType::Map, Tag), nullptr});
  }
  void OnMapEnd() override {
    DocumentProbe::OnMapEnd();
    close();
  }

private:
  struct Collection {
    NodeData *N;
    const NodeData *Key; // a map's key waiting for its value
  };
  std::deque<NodeData> Nodes;          // stable addresses
  std::vector<NodeData *> Anchors;     // by anchor (yaml-cpp counts from 1)
  std::vector<Collection> Open;        // collections not yet closed
  const NodeData *Root = nullptr;
  bool Building = true;

  NodeData *make(const YAML::Mark &M, YAML::anchor_t A,
                 YAML::NodeType::value Type, const std::string &Tag) {
    NodeData &N = Nodes.emplace_back();
    N.Type = Type;
    N.Mark = M;
    N.Tag = Tag;
    if (A) {
      if (Anchors.size() <= A)
        Anchors.resize(A + 1);
      Anchors[A] = &N;
    }
    return &N;
  }
  // A complete node goes into the collection that holds it.
  void add(const NodeData *N) {
    if (Open.empty()) {
      Root = N;
      return;
    }
    Collection &C = Open.back();
    if (C.N->Type == YAML::NodeType::Sequence) {
      C.N->Items.push_back(N);
    } else if (!C.Key) {
      C.Key = N;
    } else {
      C.N->Pairs.emplace_back(C.Key, N);
      C.Key = nullptr;
    }
  }
  void close() {
    if (!Building || Open.empty())
      return;
    const NodeData *N = Open.back().N;
    Open.pop_back();
    add(N);
  }
};

enum class DocCount { None, One, Several, Stuck };

// Reads the first two documents into \p Doc (the first one's nodes, both
// ones' starts). Throws YAML::Exception on a syntax error in either.
// \p Over: where the first document expands past MaxExpandedNodes.
DocCount readDocuments(const std::string &Text, DocumentReader &Doc,
                       YAML::Mark &Second, std::optional<YAML::Mark> &Over) {
  std::istringstream In(Text);
  YAML::Parser Parser(In);
  if (!Parser.HandleNextDocument(Doc))
    return DocCount::None;
  Over = Doc.Over;
  if (!Parser.HandleNextDocument(Doc))
    return DocCount::One;
  if (Doc.Starts.size() < 2)
    return DocCount::Several;
  Second = Doc.Starts[1];
  return Doc.Starts[1].pos <= Doc.Starts[0].pos ? DocCount::Stuck
                                                : DocCount::Several;
}

// A shipped pack exactly as it was built in: its document from what
// yaml-cpp reported then (ShippedPacks.h), without parsing it again. False
// for any other text.
bool replayShippedPack(const std::string &Text, YAML::EventHandler &Doc) {
  size_t N = 0;
  const detail::ShippedPack *Packs = detail::shippedPacks(N);
  const detail::ShippedPack *P = nullptr;
  for (size_t I = 0; I < N && !P; ++I)
    if (Packs[I].Size == Text.size() &&
        std::memcmp(Packs[I].Text, Text.data(), Text.size()) == 0)
      P = &Packs[I];
  if (!P)
    return false;
  using detail::PackEvent;
  for (size_t I = 0; I < P->Count; ++I) {
    const PackEvent &E = P->Events[I];
    YAML::Mark M;
    M.pos = E.Pos;
    M.line = E.Line;
    M.column = E.Column;
    std::string Tag = E.Tag;
    auto Style = static_cast<YAML::EmitterStyle::value>(E.Style);
    switch (E.What) {
    case PackEvent::DocumentStart:
      Doc.OnDocumentStart(M);
      break;
    case PackEvent::DocumentEnd:
      Doc.OnDocumentEnd();
      break;
    case PackEvent::Null:
      Doc.OnNull(M, E.Anchor);
      break;
    case PackEvent::Alias:
      Doc.OnAlias(M, E.Anchor);
      break;
    case PackEvent::Scalar:
      Doc.OnScalar(M, Tag, E.Anchor, std::string(E.Value, E.ValueSize));
      break;
    case PackEvent::SequenceStart:
      Doc.OnSequenceStart(M, Tag, E.Anchor, Style);
      break;
    case PackEvent::SequenceEnd:
      Doc.OnSequenceEnd();
      break;
    case PackEvent::MapStart:
      Doc.OnMapStart(M, Tag, E.Anchor, Style);
      break;
    case PackEvent::MapEnd:
      Doc.OnMapEnd();
      break;
    }
  }
  return true;
}

Pos posOf(const YAML::Mark &M) {
  if (M.is_null() || M.line < 0 || M.column < 0)
    return {};
  return {unsigned(M.line) + 1, unsigned(M.column) + 1};
}

//===----------------------------------------------------------------------===//
// Diagnostics of one file
//===----------------------------------------------------------------------===//

class Diag {
public:
  explicit Diag(std::string File) : File(std::move(File)) {}

  void error(Pos P, std::string Message) {
    Pending.push_back({File, P.Line, P.Column, std::move(Message)});
  }
  void error(const Node &At, std::string Message) {
    error(posOf(At), std::move(Message));
  }
  size_t count() const { return Pending.size(); }
  const std::string &file() const { return File; }

  // Sorted by position (stable, so several errors at one node keep their
  // order); exact duplicates (an aliased node checked twice) dropped.
  void flushTo(std::vector<RuleError> &Out) {
    std::vector<size_t> Order(Pending.size());
    for (size_t I = 0; I < Order.size(); ++I)
      Order[I] = I;
    std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
      Pos PA{Pending[A].Line, Pending[A].Column};
      Pos PB{Pending[B].Line, Pending[B].Column};
      return PA < PB || (!(PB < PA) && A < B);
    });
    std::vector<RuleError> Sorted;
    for (size_t I : Order)
      Sorted.push_back(std::move(Pending[I]));
    Pending = std::move(Sorted);
    for (size_t I = 0; I < Pending.size(); ++I) {
      if (I > 0 && Pending[I].Line == Pending[I - 1].Line &&
          Pending[I].Column == Pending[I - 1].Column &&
          Pending[I].Message == Pending[I - 1].Message)
        continue;
      Out.push_back(std::move(Pending[I]));
    }
    Pending.clear();
  }

private:
  std::string File;
  std::vector<RuleError> Pending;
};

//===----------------------------------------------------------------------===//
// Typed access to YAML nodes
//===----------------------------------------------------------------------===//

// One `key: value` of a map.
struct Field {
  std::string Key;
  Node KeyNode;
  Node Value;
  // An empty value (`key:`) gets yaml-cpp's mark of the *next* token, so
  // errors about null values point at the key instead.
  Pos at() const { return Value.IsNull() ? posOf(KeyNode) : posOf(Value); }
};

class Fields {
public:
  bool has(const char *Key) const { return Map.count(Key) != 0; }
  const Field *get(const char *Key) const {
    auto It = Map.find(Key);
    return It == Map.end() ? nullptr : &It->second;
  }
  std::map<std::string, Field> Map;
  std::vector<std::string> Order; // known keys, in document order
};

class Reader {
public:
  explicit Reader(Diag &D) : D(D) {}
  Diag &diag() { return D; }

  /// Reads the keys of a map, reporting keys that are not strings, are
  /// duplicated, or are not in \p Allowed.
  Fields fields(const Node &Map, const std::vector<std::string> &Allowed,
                const std::string &Where) {
    Fields F;
    std::map<std::string, Pos> Seen;
    for (auto It = Map.begin(); It != Map.end(); ++It) {
      Node K = It->first;
      if (!K.IsScalar()) {
        D.error(K, std::string("keys must be strings, got ") +
                       describeNode(K) + " " + Where);
        continue;
      }
      std::string Key = K.Scalar();
      auto Prev = Seen.find(Key);
      if (Prev != Seen.end()) {
        D.error(K, "duplicate key '" + Key + "' (first at " +
                       posStr(Prev->second) + ")");
        continue;
      }
      Seen.emplace(Key, posOf(K));
      if (std::find(Allowed.begin(), Allowed.end(), Key) == Allowed.end()) {
        D.error(K, "unknown key '" + Key + "' " + Where +
                       suggest(Key, Allowed));
        continue;
      }
      F.Map.emplace(Key, Field{Key, K, It->second});
      F.Order.push_back(Key);
    }
    return F;
  }

  bool expect(const Field &F, YAML::NodeType::value Type, const char *What) {
    if (F.Value.Type() == Type)
      return true;
    D.error(F.at(), "'" + F.Key + "' must be " + What + ", got " +
                        describeNode(F.Value));
    return false;
  }

  std::optional<std::string> string(const Field &F) {
    if (!expect(F, YAML::NodeType::Scalar, "a string"))
      return std::nullopt;
    return F.Value.Scalar();
  }

  std::optional<std::string> nonEmptyString(const Field &F) {
    auto S = string(F);
    if (S && S->empty()) {
      D.error(F.at(), "'" + F.Key + "' must not be empty");
      return std::nullopt;
    }
    return S;
  }

  std::optional<bool> boolean(const Field &F) {
    if (!expect(F, YAML::NodeType::Scalar, "true or false"))
      return std::nullopt;
    const std::string &S = F.Value.Scalar();
    if (isPlainScalar(F.Value) && (S == "true" || S == "false"))
      return S == "true";
    D.error(F.at(), "'" + F.Key + "' must be true or false, got " +
                        (isPlainScalar(F.Value) ? "'" + S + "'"
                                                : "the quoted string '" + S +
                                                      "'"));
    return std::nullopt;
  }

  std::optional<long long> integer(const Node &N, const std::string &What,
                                   long long Min, long long Max, Pos At) {
    std::string Range = "an integer from " + std::to_string(Min) + " to " +
                        std::to_string(Max);
    if (!N.IsScalar()) {
      D.error(At, What + " must be " + Range + ", got " + describeNode(N));
      return std::nullopt;
    }
    const std::string &S = N.Scalar();
    bool Digits = !S.empty() && S.size() <= 18 && isPlainScalar(N);
    for (size_t I = 0; Digits && I < S.size(); ++I)
      Digits = std::isdigit(static_cast<unsigned char>(S[I])) ||
               (I == 0 && S[I] == '-' && S.size() > 1);
    if (Digits) {
      long long V = std::strtoll(S.c_str(), nullptr, 10);
      if (V >= Min && V <= Max)
        return V;
    }
    D.error(At, What + " must be " + Range + ", got " +
                    (isPlainScalar(N) ? "'" + S + "'"
                                      : "the quoted string '" + S + "'"));
    return std::nullopt;
  }

  std::optional<long long> integer(const Field &F, long long Min,
                                   long long Max) {
    return integer(F.Value, "'" + F.Key + "'", Min, Max, F.at());
  }

  std::optional<std::vector<unsigned>> indexList(const Field &F) {
    if (!expect(F, YAML::NodeType::Sequence, "a list of argument indexes"))
      return std::nullopt;
    std::vector<unsigned> Out;
    bool Ok = true;
    for (auto It = F.Value.begin(); It != F.Value.end(); ++It) {
      auto V = integer(*It, "an argument index in '" + F.Key + "'", 0,
                       MaxArgIndex, posOf(*It));
      if (!V) {
        Ok = false;
        continue;
      }
      if (std::find(Out.begin(), Out.end(), unsigned(*V)) != Out.end()) {
        D.error(*It, "argument index " + std::to_string(*V) +
                         " listed twice in '" + F.Key + "'");
        Ok = false;
        continue;
      }
      Out.push_back(unsigned(*V));
    }
    if (Ok && Out.empty()) {
      D.error(F.at(), "'" + F.Key + "' must not be empty");
      Ok = false;
    }
    if (!Ok)
      return std::nullopt;
    return Out;
  }

  /// An argument index, or `last` (-1): where a callable argument sits.
  std::optional<int> argIndexOrLast(const Field &F) {
    if (F.Value.IsScalar()) {
      const std::string &S = F.Value.Scalar();
      if (S == "last")
        return -1;
      bool Digits = isPlainScalar(F.Value) && !S.empty();
      for (char C : S)
        Digits = Digits && std::isdigit(static_cast<unsigned char>(C));
      if (Digits) {
        auto V = integer(F, 0, MaxArgIndex);
        if (!V)
          return std::nullopt;
        return int(*V);
      }
      D.error(F.at(), "'" + F.Key + "' must be an argument index from 0 to " +
                          std::to_string(MaxArgIndex) + " or 'last', got '" +
                          S + "'" +
                          (editDistance(S, "last") <= 2
                               ? std::string(" (did you mean 'last'?)")
                               : std::string()));
      return std::nullopt;
    }
    D.error(F.at(), "'" + F.Key + "' must be an argument index from 0 to " +
                        std::to_string(MaxArgIndex) + " or 'last', got " +
                        describeNode(F.Value));
    return std::nullopt;
  }

  std::optional<std::string> choice(const Field &F,
                                    const std::vector<std::string> &Choices) {
    auto S = string(F);
    if (!S)
      return std::nullopt;
    if (std::find(Choices.begin(), Choices.end(), *S) != Choices.end())
      return S;
    D.error(F.at(), "invalid value '" + *S + "' for '" + F.Key + "'" +
                        suggest(*S, Choices));
    return std::nullopt;
  }

  std::optional<NamePattern> pattern(const Node &N, const std::string &Key,
                                     Pos At) {
    if (!N.IsScalar()) {
      D.error(At, "'" + Key + "' must be a name or 're:' pattern, got " +
                      describeNode(N));
      return std::nullopt;
    }
    std::string Error;
    auto P = NamePattern::parse(N.Scalar(), Error);
    if (!P)
      D.error(At, Error);
    return P;
  }

  std::optional<NamePattern> pattern(const Field &F) {
    return pattern(F.Value, F.Key, F.at());
  }

  void missing(const Node &Map, const std::string &What,
               const char *Key) {
    D.error(Map, What + " is missing required key '" + Key + "'");
  }

private:
  Diag &D;
};

//===----------------------------------------------------------------------===//
// Sections
//===----------------------------------------------------------------------===//

enum class Section {
  Containers,
  ContainerFunctions,
  StreamSources,
  WholeLoads,
  Sends,
  Queries,
  BoundedTypes,
  Backpressure,
  Forks,
  TestAndSet,
  Pure,
  Callables,
  TypeErased
};

struct SectionInfo {
  Section S;
  const char *Key;
  std::vector<std::string> Keys;     // all allowed keys, in document order
  std::vector<std::string> Required; // besides id
};

const std::vector<SectionInfo> &sections() {
  static const std::vector<SectionInfo> Infos = {
      {Section::Containers,
       "containers",
       {"id", "types", "contiguous", "implicitly_shared", "associative",
        "key_arg", "methods",
        "override"},
       {"types", "methods"}},
      {Section::ContainerFunctions,
       "container_functions",
       {"id", "name", "args", "iterators", "effect", "override"},
       {"name", "args", "effect"}},
      {Section::StreamSources,
       "stream_sources",
       {"id", "name", "form", "can_order", "override"},
       {"name", "form"}},
      {Section::WholeLoads,
       "whole_loads",
       {"id", "name", "alternative", "sql_arg", "filter_arg", "sort_arg",
        "override"},
       {"name", "alternative"}},
      {Section::Sends,
       "sends",
       {"id", "name", "kind", "payload", "payload_from", "override"},
       {"name", "kind"}},
      {Section::Queries,
       "queries",
       {"id", "name", "sql_arg", "single_row", "streaming", "override"},
       {"name"}},
      {Section::BoundedTypes,
       "bounded_types",
       {"id", "name", "override"},
       {"name"}},
      {Section::Backpressure,
       "backpressure",
       {"id", "name", "override"},
       {"name"}},
      {Section::Forks, "forks", {"id", "name", "override"}, {"name"}},
      {Section::TestAndSet,
       "test_and_set",
       {"id", "name", "value", "override"},
       {"name"}},
      {Section::Pure, "pure", {"id", "name", "override"}, {"name"}},
      {Section::Callables,
       "callables",
       {"id", "name", "kind", "callable", "holder", "holder_arg",
        "ends_on_close", "placeholders", "override"},
       {"name", "kind", "callable"}},
      {Section::TypeErased,
       "type_erased",
       {"id", "name", "override"},
       {"name"}},
  };
  return Infos;
}

const char *sectionKey(Section S) {
  for (const SectionInfo &I : sections())
    if (I.S == S)
      return I.Key;
  return "?";
}

// Typed access to the section vectors of a RuleSet.
std::vector<ContainerModel> &vec(RuleSet &R, const ContainerModel *) {
  return R.Containers;
}
std::vector<ContainerFunction> &vec(RuleSet &R, const ContainerFunction *) {
  return R.ContainerFunctions;
}
std::vector<StreamSource> &vec(RuleSet &R, const StreamSource *) {
  return R.StreamSources;
}
std::vector<WholeLoad> &vec(RuleSet &R, const WholeLoad *) {
  return R.WholeLoads;
}
std::vector<SendApi> &vec(RuleSet &R, const SendApi *) { return R.Sends; }
std::vector<QueryApi> &vec(RuleSet &R, const QueryApi *) { return R.Queries; }
std::vector<BoundedType> &vec(RuleSet &R, const BoundedType *) {
  return R.BoundedTypes;
}
std::vector<BackpressureCall> &vec(RuleSet &R, const BackpressureCall *) {
  return R.Backpressure;
}
std::vector<ForkCall> &vec(RuleSet &R, const ForkCall *) { return R.Forks; }
std::vector<TestAndSetCall> &vec(RuleSet &R, const TestAndSetCall *) {
  return R.TestAndSet;
}
std::vector<PureCall> &vec(RuleSet &R, const PureCall *) { return R.Pure; }
std::vector<CallableApi> &vec(RuleSet &R, const CallableApi *) {
  return R.Callables;
}
std::vector<TypeErasedOwner> &vec(RuleSet &R, const TypeErasedOwner *) {
  return R.TypeErased;
}

template <typename Fn> void forEachSection(RuleSet &R, Fn F) {
  F(Section::Containers, R.Containers);
  F(Section::ContainerFunctions, R.ContainerFunctions);
  F(Section::StreamSources, R.StreamSources);
  F(Section::WholeLoads, R.WholeLoads);
  F(Section::Sends, R.Sends);
  F(Section::Queries, R.Queries);
  F(Section::BoundedTypes, R.BoundedTypes);
  F(Section::Backpressure, R.Backpressure);
  F(Section::Forks, R.Forks);
  F(Section::TestAndSet, R.TestAndSet);
  F(Section::Pure, R.Pure);
  F(Section::Callables, R.Callables);
  F(Section::TypeErased, R.TypeErased);
}

//===----------------------------------------------------------------------===//
// One file
//===----------------------------------------------------------------------===//

enum class Kind { Pack, Config };

struct IdInfo {
  Section S;
  Origin From;
};

// Everything one file contributes; applied only if the file had no error.
struct FileState {
  FileState(std::string Display, std::string BaseDir, Kind K)
      : D(Display), R(D), Display(std::move(Display)),
        BaseDir(std::move(BaseDir)), K(K) {}
  Diag D;
  Reader R;
  std::string Display;
  std::string BaseDir;
  Kind K;

  std::map<std::string, IdInfo> Ids;      // ids already in the RuleSet
  std::map<std::string, IdInfo> LocalIds; // ids defined by this file
  RuleSet Staged;                         // section vectors only
  std::set<std::string> Overrides;
  std::set<std::string> Removes;
  std::vector<std::pair<std::string, CheckSettings>> Checks;
  std::vector<std::pair<std::string, std::pair<long long, Origin>>> Thresholds;
  std::vector<std::string> Excludes;
  std::vector<std::string> Vendored;
  std::string PackName, Description;
  std::string Real; // the file's real path, when it was read from one
};

class Loader {
public:
  Loader(RuleSet &Into, std::vector<RuleError> &Errors)
      : Into(Into), Errors(Errors) {}

  /// Reads and loads a file. When it is the target of an `extends:`,
  /// \p Site is the item's position in \p SiteDiag's file, where failures
  /// to read it are reported.
  bool loadFile(const std::string &Path, std::optional<Kind> Want,
                Diag *SiteDiag, Pos Site);

  /// \p Display names the file in errors and origins; \p RealFile is its
  /// resolved path ("" for text), for cycle detection.
  bool loadText(const std::string &Text, const std::string &Display,
                const std::string &RealFile, const std::string &BaseDir,
                std::optional<Kind> Want, Diag *SiteDiag, Pos Site);

private:
  void loadDocument(const Node &Root, FileState &FS);
  void loadExtends(FileState &FS, const Field &F);
  void parseRemoves(FileState &FS, const Field &F);
  void parseSection(FileState &FS, const SectionInfo &Info, const Field &F);
  void parseChecks(FileState &FS, const Field &F);
  void parseThresholds(FileState &FS, const Field &F);
  void parseGlobs(FileState &FS, const Field &F,
                  std::vector<std::string> &Out, bool Negatable);
  void indexIds(FileState &FS);
  template <typename Entry>
  void stage(FileState &FS, const SectionInfo &Info, const Node &Map,
             const std::string &Id, Pos IdPos, bool Override, Entry E,
             bool Valid);
  void apply(FileState &FS);

  RuleSet &Into;
  std::vector<RuleError> &Errors;
  std::vector<std::string> Stack; // real paths of the configs being loaded
};

bool Loader::loadFile(const std::string &Path, std::optional<Kind> Want,
                      Diag *SiteDiag, Pos Site) {
  std::string Real = detail::realPath(Path);
  if (!Real.empty() &&
      std::find(Stack.begin(), Stack.end(), Real) != Stack.end()) {
    std::string Cycle;
    for (const std::string &S : Stack)
      Cycle += S + " -> ";
    Cycle += Real;
    if (SiteDiag)
      SiteDiag->error(Site, "extends cycle: " + Cycle);
    else
      Errors.push_back({Path, 0, 0, "extends cycle: " + Cycle});
    return false;
  }
  // Loaded before (directly or through another extends): nothing to do.
  if (!Real.empty() && std::find(Into.LoadedRealPaths.begin(),
                                 Into.LoadedRealPaths.end(),
                                 Real) != Into.LoadedRealPaths.end())
    return true;
  std::string Text, Error;
  if (!detail::readRuleFile(Path, Text, Error)) {
    if (SiteDiag)
      SiteDiag->error(Site, "cannot extend '" + Path + "': " + Error);
    else
      Errors.push_back({Path, 0, 0, "cannot read file: " + Error});
    return false;
  }
  std::string Base = detail::parentPath(detail::makeAbsolute(Path));
  return loadText(Text, Path, Real, Base, Want, SiteDiag, Site);
}

bool Loader::loadText(const std::string &Text, const std::string &Display,
                      const std::string &RealFile, const std::string &BaseDir,
                      std::optional<Kind> Want, Diag *SiteDiag, Pos Site) {
  if (Stack.size() >= MaxExtendsDepth) {
    std::string Msg = "extends nested more than " +
                      std::to_string(MaxExtendsDepth) + " levels deep";
    if (SiteDiag)
      SiteDiag->error(Site, Msg);
    else
      Errors.push_back({Display, 0, 0, Msg});
    return false;
  }
  size_t ErrorsBefore = Errors.size();
  // The kind is only known once parsed; start as a configuration.
  FileState FS(Display, BaseDir, Want.value_or(Kind::Config));
  FS.Real = RealFile;
  bool Pushed = false;
  try {
    YAML::Mark Second;
    std::optional<YAML::Mark> Over;
    size_t BadByte = detail::firstInvalidUTF8(Text);
    DocumentReader Doc;
    DocCount Count = DocCount::None;
    if (BadByte < Text.size())
      Count = DocCount::None;
    else if (replayShippedPack(Text, Doc))
      Count = DocCount::One, Over = Doc.Over;
    else
      Count = readDocuments(Text, Doc, Second, Over);
    Node Root = Count == DocCount::One && !Over ? Doc.root() : Node();
    if (BadByte < Text.size()) {
      // YAML is Unicode; yaml-cpp would pass the bytes through.
      size_t LineStart = Text.rfind('\n', BadByte == 0 ? 0 : BadByte - 1);
      LineStart = LineStart == std::string::npos || BadByte == 0 ? 0 : LineStart + 1;
      unsigned Line = 1 + unsigned(std::count(Text.begin(), Text.begin() + BadByte, '\n'));
      char Hex[8];
      snprintf(Hex, sizeof Hex, "0x%02x", unsigned(static_cast<unsigned char>(Text[BadByte])));
      FS.D.error(Pos{Line, unsigned(BadByte - LineStart) + 1},
                 std::string("invalid UTF-8 (byte ") + Hex +
                     "); rule files are UTF-8 text");
    } else if (Over) {
      FS.D.error(posOf(*Over),
                 "YAML aliases expand this file to more than " +
                     std::to_string(MaxExpandedNodes) +
                     " nodes (an alias used many times over a large node); "
                     "rule files are limited to that many");
    } else if (Count == DocCount::Stuck) {
      size_t At = Second.pos >= 0 ? size_t(Second.pos) : Text.size();
      std::string What = At < Text.size() && std::isgraph(static_cast<
                                                 unsigned char>(Text[At]))
                             ? std::string("'") + Text[At] + "'"
                             : std::string("content");
      FS.D.error(posOf(Second), "YAML syntax error: unexpected " + What +
                                    " outside a flow collection");
    } else if (Count == DocCount::Several) {
      FS.D.error(posOf(Second), "a rule file holds one YAML document; a "
                                "second one starts here");
    } else if (Count == DocCount::None || Root.IsNull()) {
      FS.D.error(Pos{1, 1}, "empty file: expected a map starting with "
                            "'schema: " +
                                std::to_string(RuleSchemaVersion) + "'");
    } else if (!Root.IsMap()) {
      FS.D.error(Root, std::string("a rule file must be a map of keys, got ") +
                           describeNode(Root));
    } else {
      if (!Want) {
        bool HasPack = false;
        for (auto It = Root.begin(); It != Root.end(); ++It)
          HasPack |= It->first.IsScalar() && It->first.Scalar() == "pack";
        FS.K = HasPack ? Kind::Pack : Kind::Config;
      }
      if (FS.K == Kind::Config && !RealFile.empty()) {
        Stack.push_back(RealFile);
        Pushed = true;
      }
      loadDocument(Root, FS);
      if (Pushed) {
        Stack.pop_back();
        Pushed = false;
      }
      if (FS.D.count() == 0)
        apply(FS);
    }
  } catch (const YAML::Exception &E) {
    FS.D.error(posOf(E.mark), "YAML syntax error: " + E.msg);
  } catch (const std::exception &E) {
    FS.D.error(Pos{}, std::string("internal error: ") + E.what());
  } catch (...) {
    FS.D.error(Pos{}, "internal error");
  }
  if (Pushed)
    Stack.pop_back();
  FS.D.flushTo(Errors);
  return Errors.size() == ErrorsBefore;
}

void Loader::indexIds(FileState &FS) {
  FS.Ids.clear();
  forEachSection(Into, [&](Section S, auto &Entries) {
    for (const auto &E : Entries)
      FS.Ids.emplace(E.Id, IdInfo{S, E.From});
  });
}

void Loader::loadDocument(const Node &Root, FileState &FS) {
  Reader &R = FS.R;
  Diag &D = FS.D;
  bool IsPack = FS.K == Kind::Pack;
  std::vector<std::string> Allowed = {"schema"};
  if (IsPack) {
    Allowed.push_back("pack");
    Allowed.push_back("description");
  } else {
    for (const char *Key :
         {"extends", "remove", "checks", "thresholds", "exclude", "vendored"})
      Allowed.push_back(Key);
  }
  for (const SectionInfo &I : sections())
    Allowed.push_back(I.Key);
  // The schema version says how to read everything else: without a
  // supported one, nothing else is checked (a newer schema may well have
  // keys this memlint does not know).
  std::optional<Field> Schema;
  for (auto It = Root.begin(); It != Root.end() && !Schema; ++It)
    if (It->first.IsScalar() && It->first.Scalar() == "schema")
      Schema = Field{"schema", It->first, It->second};
  if (!Schema) {
    R.missing(Root, IsPack ? "pack" : "configuration", "schema");
    return;
  }
  auto Version =
      R.integer(Schema->Value, "'schema'", 0, INT_MAX, Schema->at());
  if (!Version)
    return;
  if (*Version != RuleSchemaVersion) {
    D.error(Schema->at(), "unsupported schema version " +
                              std::to_string(*Version) +
                              " (this memlint reads schema " +
                              std::to_string(RuleSchemaVersion) + ")");
    return;
  }
  Fields F = R.fields(Root, Allowed,
                      IsPack ? "at the top level of a pack"
                             : "at the top level of a configuration");

  if (IsPack) {
    if (const Field *P = F.get("pack")) {
      auto Name = R.nonEmptyString(*P);
      if (Name && !isSimpleName(*Name)) {
        D.error(P->at(), "pack name '" + *Name +
                             "' must be letters, digits, '_', '-' or '.'");
      } else if (Name) {
        for (const PackInfo &Info : Into.LoadedPacks)
          if (Info.Name == *Name)
            D.error(P->at(), "pack '" + *Name + "' is already loaded from " +
                                 Info.File);
        FS.PackName = *Name;
      }
    } else {
      R.missing(Root, "pack", "pack");
    }
    if (const Field *Desc = F.get("description"))
      if (auto Text = R.string(*Desc))
        FS.Description = *Text;
  } else if (const Field *E = F.get("extends")) {
    // Extended files apply before anything in this file.
    loadExtends(FS, *E);
  }

  indexIds(FS);
  // `remove:` applies before this file's entries wherever it is written;
  // everything else in document order, so "first defined at" means first
  // in the file.
  if (const Field *Rm = F.get("remove"))
    parseRemoves(FS, *Rm);
  for (const std::string &Key : F.Order) {
    const Field &Fd = *F.get(Key.c_str());
    for (const SectionInfo &Info : sections())
      if (Key == Info.Key)
        parseSection(FS, Info, Fd);
    if (Key == "checks")
      parseChecks(FS, Fd);
    else if (Key == "thresholds")
      parseThresholds(FS, Fd);
    else if (Key == "exclude")
      parseGlobs(FS, Fd, FS.Excludes, /*Negatable=*/false);
    else if (Key == "vendored")
      parseGlobs(FS, Fd, FS.Vendored, /*Negatable=*/true);
  }
}

void Loader::loadExtends(FileState &FS, const Field &F) {
  if (!FS.R.expect(F, YAML::NodeType::Sequence, "a list of packs or files"))
    return;
  for (auto It = F.Value.begin(); It != F.Value.end(); ++It) {
    Node Item = *It;
    if (!Item.IsScalar() || Item.Scalar().empty()) {
      FS.D.error(Item, std::string("'extends' items must be pack names or "
                                   "paths, got ") +
                           (Item.IsScalar() ? "an empty string"
                                            : describeNode(Item)));
      continue;
    }
    std::string Target = Item.Scalar();
    Pos At = posOf(Item);
    bool IsPath = Target.find('/') != std::string::npos ||
                  endsWith(Target, ".yaml") || endsWith(Target, ".yml");
    std::string Path;
    if (IsPath) {
      Path = detail::isAbsolutePath(Target)
                 ? Target
                 : detail::makeAbsolute(detail::joinPath(FS.BaseDir, Target));
    } else {
      if (!isSimpleName(Target)) {
        FS.D.error(At, "'" + Target + "' is neither a pack name nor a path");
        continue;
      }
      std::vector<std::string> Dirs =
          Into.PackDirs.empty() ? defaultPackDirs("") : Into.PackDirs;
      for (const std::string &Dir : Dirs) {
        std::string Candidate = detail::joinPath(Dir, Target + ".yaml");
        if (detail::isRegularFile(Candidate)) {
          Path = Candidate;
          break;
        }
      }
      if (Path.empty()) {
        FS.D.error(At, "unknown pack '" + Target + "': no " + Target +
                           ".yaml in " + joinNames(Dirs));
        continue;
      }
    }
    // Errors inside the extended file are reported under its own name.
    loadFile(Path, IsPath ? std::nullopt : std::optional<Kind>(Kind::Pack),
             &FS.D, At);
  }
}

void Loader::parseRemoves(FileState &FS, const Field &F) {
  if (!FS.R.expect(F, YAML::NodeType::Sequence, "a list of entry ids"))
    return;
  for (auto It = F.Value.begin(); It != F.Value.end(); ++It) {
    Node Item = *It;
    if (!Item.IsScalar()) {
      FS.D.error(Item, std::string("'remove' items must be entry ids, got ") +
                           describeNode(Item));
      continue;
    }
    const std::string &Id = Item.Scalar();
    if (!FS.Ids.count(Id))
      FS.D.error(Item, "cannot remove unknown id '" + Id + "'");
    else if (!FS.Removes.insert(Id).second)
      FS.D.error(Item, "id '" + Id + "' listed twice in 'remove'");
  }
}

template <typename Entry>
void Loader::stage(FileState &FS, const SectionInfo &Info,
                   const Node &Map, const std::string &Id, Pos IdPos,
                   bool Override, Entry E, bool Valid) {
  Pos P = posOf(Map);
  E.Id = Id;
  E.From = Origin{FS.Display, P.Line, P.Column};
  auto Local = FS.LocalIds.find(Id);
  if (Local != FS.LocalIds.end()) {
    FS.D.error(IdPos, "duplicate id '" + Id + "' (first defined at " +
                          originStr(Local->second.From) + ")");
    return;
  }
  FS.LocalIds.emplace(Id, IdInfo{Info.S, E.From});
  auto Prev = FS.Ids.find(Id);
  bool Free = Prev == FS.Ids.end() || FS.Removes.count(Id);
  if (Override) {
    if (Free) {
      FS.D.error(IdPos, "'override: true' but no entry loaded before has id '" +
                            Id + "'");
      return;
    }
    if (Prev->second.S != Info.S) {
      FS.D.error(IdPos, "cannot override '" + Id + "': it is a " +
                            sectionKey(Prev->second.S) + " entry (at " +
                            originStr(Prev->second.From) + "), not a " +
                            Info.Key + " entry");
      return;
    }
    FS.Overrides.insert(Id);
  } else if (!Free) {
    FS.D.error(IdPos, "duplicate id '" + Id + "' (first defined at " +
                          originStr(Prev->second.From) +
                          "; add 'override: true' to replace it)");
    return;
  }
  if (Valid)
    vec(FS.Staged, static_cast<const Entry *>(nullptr)).push_back(std::move(E));
}

void Loader::parseSection(FileState &FS, const SectionInfo &Info,
                          const Field &F) {
  Reader &R = FS.R;
  Diag &D = FS.D;
  if (!R.expect(F, YAML::NodeType::Sequence, "a list of entries"))
    return;
  const std::string What = std::string(Info.Key) + " entry";
  for (auto It = F.Value.begin(); It != F.Value.end(); ++It) {
    Node Map = *It;
    if (!Map.IsMap()) {
      D.error(Map, "each " + What + " must be a map, got " +
                       describeNode(Map));
      continue;
    }
    size_t Before = D.count();
    Fields E = R.fields(Map, Info.Keys, "in " + What);

    std::string Id;
    Pos IdPos;
    if (const Field *IdF = E.get("id")) {
      auto S = R.nonEmptyString(*IdF);
      if (S && !isSimpleName(*S))
        D.error(IdF->at(), "id '" + *S +
                               "' must be letters, digits, '_', '-' or '.'");
      else if (S)
        Id = *S, IdPos = IdF->at();
    } else {
      R.missing(Map, What, "id");
    }
    for (const std::string &Key : Info.Required)
      if (!E.has(Key.c_str()))
        R.missing(Map, What, Key.c_str());
    bool Override = false;
    if (const Field *O = E.get("override"))
      Override = R.boolean(*O).value_or(false);

    std::optional<NamePattern> Name;
    if (const Field *N = E.get("name"))
      Name = R.pattern(*N);
    auto SqlArg = [&]() -> int {
      if (const Field *S = E.get("sql_arg"))
        return int(R.integer(*S, 0, MaxArgIndex).value_or(-1));
      return -1;
    };
    auto Bool = [&](const char *Key) {
      if (const Field *B = E.get(Key))
        return R.boolean(*B).value_or(false);
      return false;
    };

    // Each case fills what it can; the id is checked for duplicates even
    // when the entry has other errors, but only a valid entry is staged.
    auto Stage = [&](auto Entry) {
      if (!Id.empty())
        stage(FS, Info, Map, Id, IdPos, Override, std::move(Entry),
              D.count() == Before);
    };
    switch (Info.S) {
    case Section::Containers: {
      ContainerModel C;
      if (const Field *T = E.get("types")) {
        if (R.expect(*T, YAML::NodeType::Sequence,
                     "a list of type names or 're:' patterns")) {
          for (auto TI = T->Value.begin(); TI != T->Value.end(); ++TI)
            if (auto P = R.pattern(*TI, "types", posOf(*TI)))
              C.Types.push_back(std::move(*P));
          if (T->Value.size() == 0)
            D.error(T->at(), "'types' must not be empty");
        }
      }
      if (const Field *B = E.get("contiguous"))
        C.Contiguous = R.boolean(*B).value_or(false);
      if (const Field *B = E.get("implicitly_shared"))
        C.ImplicitlyShared = R.boolean(*B).value_or(false);
      bool AssocSet = false;
      if (const Field *B = E.get("associative")) {
        auto V = R.boolean(*B);
        C.Associative = V.value_or(false);
        AssocSet = V.has_value();
      }
      if (const Field *K = E.get("key_arg")) {
        C.KeyArg = int(R.integer(*K, 0, MaxKeyArg).value_or(-1));
        // (An invalid 'associative' value was reported already.)
        if (!C.Associative && (AssocSet || !E.has("associative")))
          D.error(K->KeyNode, "'key_arg' requires 'associative: true'");
      } else if (C.Associative) {
        D.error(Map, "associative " + What + " is missing required key "
                                             "'key_arg'");
      }
      if (const Field *M = E.get("methods")) {
        if (R.expect(*M, YAML::NodeType::Map,
                     "a map of method name to effect")) {
          std::map<std::string, Pos> Seen;
          for (auto MI = M->Value.begin(); MI != M->Value.end(); ++MI) {
            Node K = MI->first, V = MI->second;
            if (!K.IsScalar()) {
              D.error(K, std::string("method names must be strings, got ") +
                             describeNode(K));
              continue;
            }
            const std::string &Method = K.Scalar();
            if (!detail::isValidUnqualifiedName(Method)) {
              D.error(K, "invalid method name '" + Method +
                             "' (an unqualified name such as 'push_back' "
                             "or 'operator[]')");
              continue;
            }
            auto Prev = Seen.find(Method);
            if (Prev != Seen.end()) {
              D.error(K, "duplicate key '" + Method + "' (first at " +
                             posStr(Prev->second) + ")");
              continue;
            }
            Seen.emplace(Method, posOf(K));
            Field MF{Method, K, V};
            if (!V.IsScalar()) {
              D.error(MF.at(), "effect of '" + Method +
                                   "' must be a string, got " +
                                   describeNode(V));
              continue;
            }
            auto Effect = containerEffectFromString(V.Scalar());
            if (!Effect) {
              D.error(MF.at(), "invalid effect '" + V.Scalar() +
                                   "' for method '" + Method + "'" +
                                   suggest(V.Scalar(), effectNames()));
              continue;
            }
            C.Methods[Method] = *Effect;
          }
        }
      }
      Stage(std::move(C));
      break;
    }
    case Section::ContainerFunctions: {
      ContainerFunction CF;
      if (Name)
        CF.Name = *Name;
      if (const Field *A = E.get("args"))
        if (auto Args = R.indexList(*A))
          CF.Args = *Args;
      CF.Iterators = Bool("iterators");
      if (CF.Iterators && !CF.Args.empty() && CF.Args.size() != 2)
        D.error(E.get("iterators")->KeyNode,
                "'iterators: true' needs exactly two 'args', the first and "
                "the last iterator");
      if (const Field *Ef = E.get("effect"))
        if (auto S = R.choice(*Ef, effectNames()))
          CF.Effect = *containerEffectFromString(*S);
      Stage(std::move(CF));
      break;
    }
    case Section::StreamSources: {
      StreamSource SS;
      if (Name)
        SS.Name = *Name;
      if (const Field *Fm = E.get("form"))
        SS.Form = R.choice(*Fm, StreamForms).value_or("");
      SS.CanOrder = Bool("can_order");
      Stage(std::move(SS));
      break;
    }
    case Section::WholeLoads: {
      WholeLoad WL;
      if (Name)
        WL.Name = *Name;
      if (const Field *A = E.get("alternative"))
        WL.Alternative = R.nonEmptyString(*A).value_or("");
      WL.SqlArg = SqlArg();
      if (const Field *F = E.get("filter_arg"))
        WL.FilterArg = int(R.integer(*F, 0, MaxArgIndex).value_or(-1));
      if (const Field *F = E.get("sort_arg"))
        WL.SortArg = int(R.integer(*F, 0, MaxArgIndex).value_or(-1));
      Stage(std::move(WL));
      break;
    }
    case Section::Sends: {
      SendApi S;
      if (Name)
        S.Name = *Name;
      if (const Field *K = E.get("kind"))
        S.Kind = R.choice(*K, SendKinds).value_or("");
      const Field *P = E.get("payload"), *PF = E.get("payload_from");
      if (P && PF) {
        D.error(PF->KeyNode, "use either 'payload' or 'payload_from', not "
                             "both");
      } else if (P) {
        if (auto Args = R.indexList(*P))
          S.Payload = *Args;
      } else if (PF) {
        if (auto From = R.integer(*PF, 0, MaxArgIndex)) {
          S.Payload = {unsigned(*From)};
          S.PayloadFromArg = true;
        }
      } else {
        D.error(Map, What + " is missing required key 'payload' or "
                            "'payload_from'");
      }
      Stage(std::move(S));
      break;
    }
    case Section::Queries: {
      QueryApi Q;
      if (Name)
        Q.Name = *Name;
      Q.SqlArg = SqlArg();
      Q.SingleRow = Bool("single_row");
      Q.Streaming = Bool("streaming");
      Stage(std::move(Q));
      break;
    }
    case Section::BoundedTypes: {
      BoundedType B;
      if (Name)
        B.Name = *Name;
      Stage(std::move(B));
      break;
    }
    case Section::Backpressure: {
      BackpressureCall B;
      if (Name)
        B.Name = *Name;
      Stage(std::move(B));
      break;
    }
    case Section::Forks: {
      ForkCall Fk;
      if (Name)
        Fk.Name = *Name;
      Stage(std::move(Fk));
      break;
    }
    case Section::TestAndSet: {
      TestAndSetCall T;
      if (Name)
        T.Name = *Name;
      if (const Field *V = E.get("value"))
        T.Value = int(R.integer(*V, 0, MaxArgIndex).value_or(-1));
      Stage(std::move(T));
      break;
    }
    case Section::Pure: {
      PureCall P;
      if (Name)
        P.Name = *Name;
      Stage(std::move(P));
      break;
    }
    case Section::Callables: {
      CallableApi C;
      if (Name)
        C.Name = *Name;
      std::optional<std::string> Kind;
      if (const Field *K = E.get("kind"))
        Kind = R.choice(*K, CallableKinds);
      C.Kind = Kind.value_or("");
      std::optional<int> Callable;
      if (const Field *Cf = E.get("callable"))
        Callable = R.argIndexOrLast(*Cf);
      C.Callable = Callable.value_or(-1);
      std::optional<std::string> Holder;
      const Field *H = E.get("holder");
      if (H)
        Holder = R.choice(*H, HolderKinds);
      if (Kind && *Kind == "bind") {
        // What a bind returns keeps its bound arguments itself.
        if (Holder && *Holder != "none")
          D.error(H->at(), "'holder' of a 'kind: bind' entry must be 'none' "
                           "(the callable it returns holds the bound "
                           "arguments)");
        if (!H)
          Holder = "none";
      } else if (Kind && !H) {
        D.error(Map, What + " is missing required key 'holder' (object, "
                            "arg or none) for kind '" + *Kind + "'");
      }
      C.Holder = Holder.value_or("");
      if (const Field *HA = E.get("holder_arg")) {
        auto Index = R.integer(*HA, 0, MaxArgIndex);
        bool HolderReported = H && !Holder; // an invalid 'holder' value
        if (!HolderReported && (!Holder || *Holder != "arg"))
          D.error(HA->KeyNode, "'holder_arg' requires 'holder: arg'");
        else if (Index && Callable && *Callable == *Index)
          D.error(HA->at(), "'holder_arg' and 'callable' name the same "
                            "argument " + std::to_string(*Index));
        C.HolderArg = int(Index.value_or(-1));
      } else if (Holder && *Holder == "arg") {
        D.error(Map, What + " is missing required key 'holder_arg' (with "
                            "'holder: arg')");
      }
      if (const Field *P = E.get("placeholders")) {
        C.Placeholders = R.pattern(*P);
        if (Kind && *Kind != "bind")
          D.error(P->KeyNode, "'placeholders' requires 'kind: bind'");
      }
      if (const Field *EC = E.get("ends_on_close")) {
        C.EndsOnClose = R.boolean(*EC).value_or(false);
        if (C.EndsOnClose && Kind && *Kind != "callback")
          D.error(EC->KeyNode, "'ends_on_close' requires 'kind: callback' "
                               "(an operation that holds the callable "
                               "until it ends)");
      }
      Stage(std::move(C));
      break;
    }
    case Section::TypeErased: {
      TypeErasedOwner T;
      if (Name)
        T.Name = *Name;
      Stage(std::move(T));
      break;
    }
    }
  }
}

// `checks: '-*,unbounded-*'`, clang-tidy's glob string: the last glob that
// matches a check (its id, with or without `memlint-`) enables or disables
// it; a check no glob matches keeps its setting.
static void parseCheckGlobs(FileState &FS, const Field &F,
                            const std::vector<std::string> &Known) {
  std::string Text = F.Value.Scalar();
  std::vector<std::pair<bool, std::string>> Globs;
  size_t Start = 0;
  while (Start <= Text.size()) {
    size_t End = std::min(Text.find(',', Start), Text.size());
    std::string G = Text.substr(Start, End - Start);
    Start = End + 1;
    size_t B = G.find_first_not_of(" \t\r\n");
    if (B == std::string::npos)
      continue;
    G = G.substr(B, G.find_last_not_of(" \t\r\n") - B + 1);
    bool Positive = G[0] != '-';
    std::string Pattern = Positive ? G : G.substr(1);
    if (Pattern.empty() ||
        Pattern.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.*") !=
            std::string::npos) {
      FS.D.error(F.at(), "invalid check glob '" + G + "'");
      return;
    }
    auto Matches = [&](const std::string &Id) {
      return detail::globMatches(Pattern, Id) ||
             detail::globMatches(Pattern, "memlint-" + Id);
    };
    if (std::none_of(Known.begin(), Known.end(), Matches)) {
      FS.D.error(F.at(), "check glob '" + G + "' matches no check" +
                             suggest(Pattern, Known));
      return;
    }
    Globs.emplace_back(Positive, Pattern);
  }
  Pos P = posOf(F.Value);
  for (const std::string &Id : Known) {
    std::optional<bool> On;
    for (const auto &[Positive, Pattern] : Globs)
      if (detail::globMatches(Pattern, Id) ||
          detail::globMatches(Pattern, "memlint-" + Id))
        On = Positive;
    if (!On)
      continue;
    CheckSettings Settings;
    Settings.Enabled = On;
    Settings.From = Origin{FS.Display, P.Line, P.Column};
    FS.Checks.emplace_back(Id, Settings);
  }
}

void Loader::parseChecks(FileState &FS, const Field &F) {
  Reader &R = FS.R;
  Diag &D = FS.D;
  std::vector<std::string> Known;
  for (const CheckInfo &C : knownChecks())
    Known.push_back(C.Id);
  if (F.Value.IsScalar())
    return parseCheckGlobs(FS, F, Known);
  if (!R.expect(F, YAML::NodeType::Map,
                "a glob string ('-*,unbounded-*') or a map of check id to "
                "settings"))
    return;
  std::map<std::string, Pos> Seen;
  for (auto It = F.Value.begin(); It != F.Value.end(); ++It) {
    Node K = It->first, V = It->second;
    if (!K.IsScalar()) {
      D.error(K, std::string("check ids must be strings, got ") +
                     describeNode(K));
      continue;
    }
    const std::string &Id = K.Scalar();
    auto Prev = Seen.find(Id);
    if (Prev != Seen.end()) {
      D.error(K, "duplicate key '" + Id + "' (first at " +
                     posStr(Prev->second) + ")");
      continue;
    }
    Seen.emplace(Id, posOf(K));
    if (!findCheck(Id)) {
      D.error(K, "unknown check '" + Id + "'" + suggest(Id, Known));
      continue;
    }
    Field CF{Id, K, V};
    if (!V.IsMap()) {
      D.error(CF.at(), "'" + Id + "' must be a map with 'enabled' and/or "
                                  "'severity', got " +
                           describeNode(V));
      continue;
    }
    Fields S = R.fields(V, {"enabled", "severity"},
                        "in the settings of check '" + Id + "'");
    CheckSettings Settings;
    Pos P = posOf(K);
    Settings.From = Origin{FS.Display, P.Line, P.Column};
    if (const Field *En = S.get("enabled"))
      Settings.Enabled = R.boolean(*En);
    if (const Field *Sev = S.get("severity"))
      if (auto Name = R.choice(*Sev, SeverityNames))
        Settings.Level = severityFromString(*Name);
    if (!S.has("enabled") && !S.has("severity"))
      D.error(CF.at(), "settings of check '" + Id +
                           "' set neither 'enabled' nor 'severity'");
    FS.Checks.emplace_back(Id, Settings);
  }
}

void Loader::parseThresholds(FileState &FS, const Field &F) {
  Reader &R = FS.R;
  Diag &D = FS.D;
  if (!R.expect(F, YAML::NodeType::Map, "a map of threshold name to value"))
    return;
  std::vector<std::string> Known;
  for (const ThresholdInfo &T : knownThresholds())
    Known.push_back(T.Name);
  std::map<std::string, Pos> Seen;
  for (auto It = F.Value.begin(); It != F.Value.end(); ++It) {
    Node K = It->first, V = It->second;
    if (!K.IsScalar()) {
      D.error(K, std::string("threshold names must be strings, got ") +
                     describeNode(K));
      continue;
    }
    const std::string &Name = K.Scalar();
    auto Prev = Seen.find(Name);
    if (Prev != Seen.end()) {
      D.error(K, "duplicate key '" + Name + "' (first at " +
                     posStr(Prev->second) + ")");
      continue;
    }
    Seen.emplace(Name, posOf(K));
    const ThresholdInfo *Info = findThreshold(Name);
    if (!Info) {
      D.error(K, "unknown threshold '" + Name + "'" + suggest(Name, Known));
      continue;
    }
    Field TF{Name, K, V};
    if (auto Value = R.integer(TF, Info->Min, Info->Max)) {
      Pos P = TF.at();
      FS.Thresholds.push_back(
          {Name, {*Value, Origin{FS.Display, P.Line, P.Column}}});
    }
  }
}

// `exclude:` and `vendored:` (where "!glob" negates).
void Loader::parseGlobs(FileState &FS, const Field &F,
                        std::vector<std::string> &Out, bool Negatable) {
  if (!FS.R.expect(F, YAML::NodeType::Sequence, "a list of path globs"))
    return;
  for (auto It = F.Value.begin(); It != F.Value.end(); ++It) {
    Node Item = *It;
    bool Negated = Negatable && Item.IsScalar() &&
                   !Item.Scalar().empty() && Item.Scalar()[0] == '!';
    std::string Glob =
        Item.IsScalar() ? Item.Scalar().substr(Negated ? 1 : 0) : "";
    if (!Item.IsScalar() || Glob.empty()) {
      FS.D.error(Item, "'" + F.Key + "' items must be path globs, got " +
                           (!Item.IsScalar() ? describeNode(Item)
                            : Negated        ? "'!' alone"
                                             : "an empty string"));
      continue;
    }
    std::string Error;
    if (!detail::checkGlob(Glob, Error)) {
      FS.D.error(Item, "invalid glob '" + Glob + "': " + Error);
      continue;
    }
    // A glob with a '/' is a path: anchor it at the config's directory.
    if (Glob.find('/') != std::string::npos && !detail::isAbsolutePath(Glob))
      Glob = detail::makeAbsolute(detail::joinPath(FS.BaseDir, Glob));
    Out.push_back((Negated ? "!" : "") + Glob);
  }
}

template <typename Entry>
void mergeSection(std::vector<Entry> &Into, std::vector<Entry> &From,
                  const std::set<std::string> &Overrides) {
  for (Entry &E : From) {
    if (Overrides.count(E.Id)) {
      auto It = std::find_if(Into.begin(), Into.end(),
                             [&](const Entry &X) { return X.Id == E.Id; });
      if (It != Into.end()) {
        *It = std::move(E); // keeps its place in load order
        continue;
      }
    }
    Into.push_back(std::move(E));
  }
}

void Loader::apply(FileState &FS) {
  if (!FS.Removes.empty())
    forEachSection(Into, [&](Section, auto &Entries) {
      Entries.erase(std::remove_if(Entries.begin(), Entries.end(),
                                   [&](const auto &E) {
                                     return FS.Removes.count(E.Id) != 0;
                                   }),
                    Entries.end());
    });
  mergeSection(Into.Containers, FS.Staged.Containers, FS.Overrides);
  mergeSection(Into.ContainerFunctions, FS.Staged.ContainerFunctions,
               FS.Overrides);
  mergeSection(Into.StreamSources, FS.Staged.StreamSources, FS.Overrides);
  mergeSection(Into.WholeLoads, FS.Staged.WholeLoads, FS.Overrides);
  mergeSection(Into.Sends, FS.Staged.Sends, FS.Overrides);
  mergeSection(Into.Queries, FS.Staged.Queries, FS.Overrides);
  mergeSection(Into.BoundedTypes, FS.Staged.BoundedTypes, FS.Overrides);
  mergeSection(Into.Backpressure, FS.Staged.Backpressure, FS.Overrides);
  mergeSection(Into.Forks, FS.Staged.Forks, FS.Overrides);
  mergeSection(Into.TestAndSet, FS.Staged.TestAndSet, FS.Overrides);
  mergeSection(Into.Pure, FS.Staged.Pure, FS.Overrides);
  mergeSection(Into.Callables, FS.Staged.Callables, FS.Overrides);
  mergeSection(Into.TypeErased, FS.Staged.TypeErased, FS.Overrides);
  for (auto &[Id, S] : FS.Checks) {
    CheckSettings &Dst = Into.Checks[Id];
    if (S.Enabled)
      Dst.Enabled = S.Enabled;
    if (S.Level)
      Dst.Level = S.Level;
    Dst.From = S.From;
  }
  for (auto &[Name, V] : FS.Thresholds) {
    Into.Thresholds[Name] = V.first;
    Into.ThresholdOrigins[Name] = V.second;
  }
  for (std::string &G : FS.Excludes)
    if (std::find(Into.Excludes.begin(), Into.Excludes.end(), G) ==
        Into.Excludes.end())
      Into.Excludes.push_back(std::move(G));
  // Order matters here (the last match decides): a repeated glob moves to
  // the end.
  for (std::string &G : FS.Vendored) {
    Into.Vendored.erase(
        std::remove(Into.Vendored.begin(), Into.Vendored.end(), G),
        Into.Vendored.end());
    Into.Vendored.push_back(std::move(G));
  }
  Into.LoadedRealPaths.push_back(FS.Real.empty() ? detail::realPath(FS.Display)
                                                : FS.Real);
  if (FS.K == Kind::Pack) {
    Into.Packs.push_back(FS.Display);
    Into.LoadedPacks.push_back({FS.PackName, FS.Description, FS.Display});
  } else {
    Into.ConfigFiles.push_back(FS.Display);
  }
}

// The public API never lets an exception out, whatever happens inside.
template <typename Fn>
bool guarded(const std::string &File, std::vector<RuleError> &Errors, Fn F) {
  try {
    return F();
  } catch (const std::exception &E) {
    Errors.push_back({File, 0, 0, std::string("internal error: ") + E.what()});
  } catch (...) {
    Errors.push_back({File, 0, 0, "internal error"});
  }
  return false;
}

} // namespace

namespace {

// The events of a document, one line each (detail::documentEvents).
class EventPrinter : public YAML::EventHandler {
public:
  std::string Out;
  void OnDocumentStart(const YAML::Mark &M) override {
    line("DocumentStart", M);
  }
  void OnDocumentEnd() override { Out += "DocumentEnd\n"; }
  void OnNull(const YAML::Mark &M, YAML::anchor_t A) override {
    line("Null", M, A);
  }
  void OnAlias(const YAML::Mark &M, YAML::anchor_t A) override {
    line("Alias", M, A);
  }
  void OnScalar(const YAML::Mark &M, const std::string &Tag, YAML::anchor_t A,
                const std::string &Value) override {
    line("Scalar", M, A, Tag, 0);
    Out += "  value '" + Value + "'\n";
  }
  void OnSequenceStart(const YAML::Mark &M, const std::string &Tag,
                       YAML::anchor_t A,
                       YAML::EmitterStyle::value Style) override {
    line("SequenceStart", M, A, Tag, Style);
  }
  void OnSequenceEnd() override { Out += "SequenceEnd\n"; }
  void OnMapStart(const YAML::Mark &M, const std::string &Tag,
                  YAML::anchor_t A, YAML::EmitterStyle::value Style) override {
    line("MapStart", M, A, Tag, Style);
  }
  void OnMapEnd() override { Out += "MapEnd\n"; }

private:
  void line(const char *What, const YAML::Mark &M, YAML::anchor_t A = 0,
            const std::string &Tag = "", int Style = 0) {
    Out += std::string(What) + " " + std::to_string(M.line) + ":" +
           std::to_string(M.column) + " @" + std::to_string(M.pos) +
           " anchor " + std::to_string(A) + " tag '" + Tag + "' style " +
           std::to_string(Style) + "\n";
  }
};

} // namespace

std::string detail::documentEvents(const std::string &Text, bool Replay) {
  EventPrinter P;
  try {
    if (Replay)
      return replayShippedPack(Text, P) ? P.Out : "";
    std::istringstream In(Text);
    YAML::Parser Parser(In);
    Parser.HandleNextDocument(P);
  } catch (const YAML::Exception &E) {
    P.Out += "error: " + E.msg + "\n";
  }
  return P.Out;
}

bool loadPack(const std::string &Path, RuleSet &Into,
              std::vector<RuleError> &Errors) {
  return guarded(Path, Errors, [&] {
    return Loader(Into, Errors).loadFile(Path, Kind::Pack, nullptr, Pos{});
  });
}

bool loadPackText(const std::string &Text, const std::string &NameForErrors,
                  RuleSet &Into, std::vector<RuleError> &Errors) {
  return guarded(NameForErrors, Errors, [&] {
    std::string Base =
        detail::parentPath(detail::makeAbsolute(NameForErrors));
    return Loader(Into, Errors)
        .loadText(Text, NameForErrors, "", Base, Kind::Pack, nullptr, Pos{});
  });
}

bool loadDefaultPacks(const std::vector<std::string> &Dirs, RuleSet &Into,
                      std::vector<RuleError> &Errors) {
  return guarded(Dirs.empty() ? std::string("<packs>") : Dirs.front(), Errors,
                 [&] {
                   Into.PackDirs = Dirs;
                   bool Ok = true;
                   // File name -> path in the first directory that has it;
                   // loaded in file-name order whichever directory won.
                   std::map<std::string, std::string> Files;
                   for (const std::string &Dir : Dirs) {
                     std::vector<std::string> Names;
                     std::string Error;
                     if (!detail::isDirectory(Dir)) {
                       Errors.push_back(
                           {Dir, 0, 0, "pack directory does not exist"});
                       Ok = false;
                       continue;
                     }
                     if (!detail::listFiles(Dir, ".yaml", Names, Error)) {
                       Errors.push_back({Dir, 0, 0, Error});
                       Ok = false;
                       continue;
                     }
                     for (const std::string &Name : Names)
                       Files.emplace(Name, detail::joinPath(Dir, Name));
                   }
                   for (const auto &[Name, Path] : Files)
                     Ok &= loadPack(Path, Into, Errors);
                   return Ok;
                 });
}

bool loadUserConfig(const std::string &Path, RuleSet &Into,
                    std::vector<RuleError> &Errors) {
  return guarded(Path, Errors, [&] {
    return Loader(Into, Errors).loadFile(Path, Kind::Config, nullptr, Pos{});
  });
}

bool loadUserConfigText(const std::string &Text,
                        const std::string &NameForErrors, RuleSet &Into,
                        std::vector<RuleError> &Errors) {
  return guarded(NameForErrors, Errors, [&] {
    std::string Base =
        detail::parentPath(detail::makeAbsolute(NameForErrors));
    return Loader(Into, Errors)
        .loadText(Text, NameForErrors, "", Base, Kind::Config, nullptr, Pos{});
  });
}

} // namespace memlint
