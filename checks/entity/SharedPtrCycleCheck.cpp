//===- SharedPtrCycleCheck.cpp --------------------------------------------===//
//
// Records that own each other through shared ownership can form cycles that
// reference counting never frees. The facts hold one ownership edge per field
// (shared, unique, by value, or a stored callback that captured shared
// ownership) and the subclass relation; here the strongly connected
// components of that graph are searched for cycles with a shared edge.
//
// A cycle the program breaks while it runs (an edge on it let go by code of
// a class at either end of the edge, outside constructors and destructors:
// a callback replaced or emptied, a smart pointer reset, an entry erased
// from a container of them) is reported at low, with a note at the
// release; only the cycles that remain once those edges are gone keep
// their confidence.
//
//===----------------------------------------------------------------------===//
#include "SharedPtrCycleCheck.h"

#include "program/ProgramView.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace memlint {

static const char RuleId[] = "shared-ptr-cycle";

namespace {

std::string fieldName(const OwnEdge &E) { return E.FromName + "::" + E.Field; }

bool sharesOwnership(const OwnEdge &E) {
  return E.Kind == OwnKind::Shared || E.Kind == OwnKind::Callback;
}

/// One step of a cycle: an edge and the node it leads to (the edge's target
/// or, through a pointer, a subclass of it).
struct Step {
  const OwnEdge *Edge;
  std::string To;
};

class Graph {
public:
  explicit Graph(const ProgramView &View) {
    const Facts &F = View.facts();
    callbackEdges(View);
    for (const Specialization &S : F.Specializations)
      Patterns.emplace(S.Id, S.Pattern);
    for (const Subclass &S : F.Subclasses) {
      DirectSubs[S.Base].insert(S.Derived);
      DirectBases[S.Derived].insert(S.Base);
    }
    for (const OwnEdge &E : F.Edges)
      if (E.To.empty() && E.Kind == OwnKind::Shared)
        Adopting.insert({E.From, E.Field});
    for (const OwnEdge &E : F.Edges)
      if (!E.To.empty())
        Live.push_back(&E);
    for (const OwnEdge &E : Derived)
      Live.push_back(&E);
    releases(View);
    for (const OwnEdge *EP : Live) {
      const OwnEdge &E = *EP;
      Names[E.From] = E.FromName;
      Names[E.To] = E.ToName;
      Nodes.insert(E.From);
      Nodes.insert(E.To);
    }
    for (const OwnEdge *EP : Live) {
      const OwnEdge &E = *EP;
      // A pointer to a base may hold any subclass; a member is exactly
      // its type.
      std::set<std::string> Targets{E.To};
      if (E.Kind != OwnKind::Value) {
        std::deque<std::string> Work{E.To};
        while (!Work.empty()) {
          std::string B = Work.front();
          Work.pop_front();
          for (const std::string &D : DirectSubs[B])
            if (Targets.insert(D).second)
              Work.push_back(D);
        }
      }
      for (const std::string &T : Targets) {
        Adjacent[true][E.From].push_back({&E, T});
        if (!Released.count(&E))
          Adjacent[false][E.From].push_back({&E, T});
      }
    }
    for (auto &Steps : Adjacent)
      for (auto &[From, S] : Steps)
        std::sort(S.begin(), S.end(), [](const Step &A, const Step &B) {
          return std::tie(A.To, A.Edge->At) < std::tie(B.To, B.Edge->At);
        });
  }

  /// The graph of every edge (\p WithReleased), or only of those the
  /// program never lets go.
  Graph &view(bool WithReleased) {
    All = WithReleased;
    return *this;
  }

  /// Strongly connected components, each sorted, in a stable order.
  std::vector<std::vector<std::string>> components() const {
    std::map<std::string, unsigned> Index, Low;
    std::set<std::string> OnStack;
    std::vector<std::string> Stack;
    std::vector<std::vector<std::string>> Out;
    unsigned Next = 0;
    std::function<void(const std::string &)> Visit = [&](const std::string &V) {
      Index[V] = Low[V] = Next++;
      Stack.push_back(V);
      OnStack.insert(V);
      for (const Step &S : steps(V)) {
        if (!Index.count(S.To)) {
          Visit(S.To);
          Low[V] = std::min(Low[V], Low[S.To]);
        } else if (OnStack.count(S.To)) {
          Low[V] = std::min(Low[V], Index[S.To]);
        }
      }
      if (Low[V] != Index[V])
        return;
      std::vector<std::string> C;
      std::string W;
      do {
        W = Stack.back();
        Stack.pop_back();
        OnStack.erase(W);
        C.push_back(W);
      } while (W != V);
      std::sort(C.begin(), C.end());
      Out.push_back(std::move(C));
    };
    for (const std::string &N : Nodes)
      if (!Index.count(N))
        Visit(N);
    std::sort(Out.begin(), Out.end());
    return Out;
  }

  /// Shared fields given an object that already exists (the marker edges).
  const std::set<std::pair<std::string, std::string>> &adopting() const {
    return Adopting;
  }

  const std::vector<Step> &steps(const std::string &From) const {
    static const std::vector<Step> None;
    auto It = Adjacent[All].find(From);
    return It == Adjacent[All].end() ? None : It->second;
  }

  /// Where the program lets go of the edge while it runs, as a note; nullptr
  /// when it never does.
  const Note *released(const OwnEdge *E) const {
    auto It = Released.find(E);
    return It == Released.end() ? nullptr : &It->second;
  }

  /// Shortest path From -> To inside \p Within, as steps.
  std::vector<Step> path(const std::string &From, const std::string &To,
                         const std::set<std::string> &Within) const {
    if (From == To)
      return {};
    std::map<std::string, Step> Via;
    std::deque<std::string> Work{From};
    std::set<std::string> Seen{From};
    while (!Work.empty()) {
      std::string V = Work.front();
      Work.pop_front();
      for (const Step &S : steps(V)) {
        if (!Within.count(S.To) || !Seen.insert(S.To).second)
          continue;
        Via.emplace(S.To, S);
        if (S.To == To) {
          std::vector<Step> Out;
          for (std::string N = To; N != From; N = Via.at(N).Edge->From)
            Out.push_back(Via.at(N));
          std::reverse(Out.begin(), Out.end());
          return Out;
        }
        Work.push_back(S.To);
      }
    }
    return {};
  }

  std::string name(const std::string &Id) const {
    auto It = Names.find(Id);
    return It == Names.end() ? Id : It->second;
  }

private:
  /// Does the callable \p Fn test its first argument (a completion
  /// handler's error) in a condition: itself, or the function it hands
  /// that argument to (a lambda calling `self->on_read(ec, n)`, a
  /// `std::bind` of `&S::on_read` with `_1` first)?
  static bool testsError(const ProgramView &View, const std::string &Fn) {
    const Facts &F = View.facts();
    auto Tested = [&](const std::string &Id, unsigned Param) {
      auto It = F.Functions.find(Id);
      return It != F.Functions.end() && Param < 32 &&
             (It->second.TestedParams & (1u << Param));
    };
    if (Tested(Fn, 0))
      return true;
    for (const CallEdge &E : View.graph().callees(Fn))
      for (size_t K = 0; K < E.Site->ArgParams.size(); ++K)
        if (E.Site->ArgParams[K] == 0 &&
            Tested(E.To, static_cast<unsigned>(K)))
          return true;
    return false;
  }

  /// A callable that keeps a shared_ptr to T, stored (directly, through a
  /// setter's parameter, a constructor, a container of callables, or a
  /// library object that holds a handler until it runs) in a field of C:
  /// C owns T through that field.
  void callbackEdges(const ProgramView &View) {
    const Facts &F = View.facts();
    std::map<std::string, const CallableFlow *> FieldHolders;
    for (const CallableFlow &C : F.Callables)
      if (!C.ToClass.empty())
        FieldHolders.emplace(C.To, &C);
    for (const auto &[Id, Fn] : F.Functions) {
      if (Fn.SharedCaptures.empty())
        continue;
      for (const auto &[Holder, First] : View.graph().holdersOf(Id)) {
        auto It = FieldHolders.find(Holder);
        if (It == FieldHolders.end())
          continue;
        const CallableFlow &H = *It->second;
        for (size_t I = 0; I < Fn.SharedCaptures.size(); ++I) {
          OwnEdge E;
          E.From = H.ToClass;
          E.FromName = H.ToClassName;
          E.To = Fn.SharedCaptures[I];
          E.ToName = I < Fn.SharedCaptureNames.size()
                         ? Fn.SharedCaptureNames[I]
                         : Fn.SharedCaptures[I];
          E.Field = H.ToField;
          E.Holder = H.To;
          E.Kind = OwnKind::Callback;
          E.At = First->At;
          Derived.push_back(std::move(E));
          StoredIn[&Derived.back()] = First->Function;
          if (First->EndsOnClose && testsError(View, Id))
            EndsWithConnection.insert(&Derived.back());
          if (!llvm::is_contained(Fn.KeptCaptures, Fn.SharedCaptures[I]))
            MadeThere.insert(&Derived.back());
        }
      }
    }
  }

  /// Where each edge is let go: the first place that does it in code of a
  /// class at either end of the edge (a method of it or of a class related
  /// by inheritance, or a lambda written in one), which acts on the objects
  /// of this cycle (`Tunnel::teardown` replacing the callbacks of its own
  /// client, not some other user of the client class replacing its own);
  /// outside a constructor (which gives a holder its first value) and a
  /// destructor (which runs only once nothing keeps the object, never while
  /// a cycle does).
  void releases(const ProgramView &View) {
    const Facts &F = View.facts();
    const unsigned Setup = InConstructor | InDestructor;
    std::map<std::string, std::vector<const Release *>> PointerReleases;
    for (const Release &R : F.Releases)
      if (!(R.Flags & Setup))
        PointerReleases[R.Holder].push_back(&R); // sorted by location
    auto Fn = [&](const std::string &Id) -> const Function * {
      auto It = F.Functions.find(Id);
      return It == F.Functions.end() ? nullptr : &It->second;
    };
    auto Where = [&](const std::string &Id) {
      return Id.empty() ? std::string() : " in '" + View.functionName(Id) + "'";
    };
    // Setup code, whatever the flags say: a constructor or destructor.
    auto Running = [&](const std::string &Id) {
      const Function *Fu = Fn(Id);
      return !Fu || !(Fu->Traits & (FnConstructor | FnDestructor));
    };
    for (const OwnEdge *E : Live) {
      if (E->Holder.empty())
        continue;
      std::set<std::string> Classes = family(E->From);
      Classes.merge(family(E->To));
      auto Ours = [&](const std::string &Id) {
        const Function *Fu = Fn(Id);
        if (Fu && (Fu->Traits & FnLambda))
          Fu = Fn(Fu->Enclosing);
        return Fu && Classes.count(Fu->Class);
      };
      std::string Name = "'" + fieldName(*E) + "'";
      // A container of owners (or of callbacks): an entry erased, popped,
      // or the whole container cleared, reassigned, swapped or moved out.
      if (E->Collection ||
          (E->Kind == OwnKind::Callback && F.Entities.count(E->Holder))) {
        for (const EffectiveEvent &Ev : View.effectiveEvents(E->Holder)) {
          if ((Ev.E.Flags & Setup) || !Ours(Ev.E.Function))
            continue;
          std::string What;
          switch (Ev.E.Kind) {
          case EventKind::Erase:
            if (!(Ev.E.Flags & Dedup))
              What = "an entry of " + Name + " is erased";
            break;
          case EventKind::Pop:
            What = "an entry of " + Name + " is popped";
            break;
          case EventKind::Clear:
            What = Name + " is cleared";
            break;
          case EventKind::Assign:
            What = Name + " is given new contents";
            break;
          case EventKind::Consume:
            What = Name + " is swapped or moved out";
            break;
          default:
            break;
          }
          if (What.empty())
            continue;
          Released.emplace(E, Note{Ev.E.At, What + Where(Ev.E.Function)});
          break;
        }
        continue;
      }
      // A callback member given an empty callable, or one that does not
      // keep what this one keeps (`client_.setCallback(defaultCallback)`),
      // directly or through setters.
      if (E->Kind == OwnKind::Callback) {
        llvm::StringRef H(E->Holder);
        // A socket's read holds its handler until the read ends, which it
        // does on its own once the connection closes; a handler that
        // starts the next operation only after testing the error stops
        // there (Asio's session kept alive by its pending operation).
        if (EndsWithConnection.count(E)) {
          Released.emplace(
              E, Note{E->At, Name + " lets the handler go when its operation "
                                    "ends, and the handler tests the error "
                                    "before starting the next one: the chain "
                                    "ends when the connection closes"});
          continue;
        }
        if (H.starts_with("async:") || H.starts_with("thread:"))
          continue; // a library object holds every handler until it runs
        auto Follow = [&](const CallableFlow &C) {
          return !C.Initializes && Running(C.Function);
        };
        // Preferably not where the callback is stored (`cb_ = nullptr;`
        // right before the next one is), but where it is over.
        const std::string &Store = StoredIn[E];
        std::optional<Handover> Best;
        for (const Handover &H : View.graph().handovers(E->Holder, Follow)) {
          const CallableFlow *C = H.Flow;
          if (!Ours(C->Function))
            continue;
          if (C->From != EmptyCallable) {
            const Function *Value = Fn(C->From.substr(3));
            if (Value && llvm::is_contained(Value->SharedCaptures, E->To))
              continue;
          }
          if (!Best ||
              (Best->Flow->Function == Store && C->Function != Store))
            Best = H;
        }
        if (!Best)
          continue;
        // A copy (`conn->setCallback(callback_)`) is taken to end with the
        // member it was copied from.
        std::string What = Name;
        if (Best->Copy && Best->Copy->To != E->Holder)
          What = "'" + Best->Copy->ToClassName + "::" + Best->Copy->ToField +
                 "', which " + Name + " is copied from,";
        What += Best->Flow->From == EmptyCallable ? " is reset" : " is replaced";
        Released.emplace(E, Note{Best->Flow->At,
                                 What + Where(Best->Flow->Function)});
        continue;
      }
      // A smart pointer member reset, released, swapped or moved out.
      auto It = PointerReleases.find(E->Holder);
      if (It == PointerReleases.end())
        continue;
      static const char *const Verbs[] = {" is reset", " is released",
                                          " is swapped out", " is moved out"};
      for (const Release *R : It->second)
        if (Ours(R->Function)) {
          Released.emplace(E, Note{R->At, Name +
                                              Verbs[static_cast<unsigned>(R->Kind)] +
                                              Where(R->Function)});
          break;
        }
    }
  }

  /// \p Class, its bases and its subclasses, as functions name their class
  /// (a template's pattern, not its specialization).
  std::set<std::string> family(const std::string &Class) const {
    std::set<std::string> Out;
    for (const auto *Links : {&DirectBases, &DirectSubs}) {
      std::set<std::string> Seen{Class};
      std::deque<std::string> Work{Class};
      while (!Work.empty()) {
        std::string C = Work.front();
        Work.pop_front();
        auto P = Patterns.find(C);
        Out.insert(P == Patterns.end() ? C : P->second);
        auto It = Links->find(C);
        if (It != Links->end())
          for (const std::string &N : It->second)
            if (Seen.insert(N).second)
              Work.push_back(N);
      }
    }
    return Out;
  }

public:
  /// A callback edge whose captured object was only ever made right there,
  /// in the function that made the callback.
  bool madeThere(const OwnEdge *E) const { return MadeThere.count(E) != 0; }
  /// \p Base is \p Class or one of its bases.
  bool isOrBaseOf(const std::string &Base, const std::string &Class) const {
    std::set<std::string> Seen;
    std::deque<std::string> Work{Class};
    while (!Work.empty()) {
      std::string C = Work.front();
      Work.pop_front();
      if (C == Base)
        return true;
      if (!Seen.insert(C).second)
        continue;
      auto It = DirectBases.find(C);
      if (It != DirectBases.end())
        Work.insert(Work.end(), It->second.begin(), It->second.end());
    }
    return false;
  }

private:
  std::deque<OwnEdge> Derived;
  /// Derived edges: the function that stores the callback.
  std::map<const OwnEdge *, std::string> StoredIn;
  std::set<const OwnEdge *> MadeThere;
  /// Callback edges that end with their connection (EndsOnClose, and a
  /// handler that tests its error).
  std::set<const OwnEdge *> EndsWithConnection;
  std::map<std::string, std::set<std::string>> DirectBases, DirectSubs;
  /// Specializations' patterns.
  std::map<std::string, std::string> Patterns;
  std::vector<const OwnEdge *> Live;
  std::set<std::pair<std::string, std::string>> Adopting;
  std::set<std::string> Nodes;
  std::map<std::string, std::string> Names;
  /// Without ([false]) and with ([true]) the edges the program lets go.
  std::map<std::string, std::vector<Step>> Adjacent[2];
  std::map<const OwnEdge *, Note> Released;
  bool All = true;
};

/// A field name reduced to its role word: "m_children" -> "children".
std::string roleWord(llvm::StringRef Field) {
  std::string S = Field.lower();
  llvm::StringRef R(S);
  R.consume_front("m_");
  R = R.trim('_');
  return R.str();
}

/// Self-edges in opposite roles make instance cycles (a node and its
/// neighbour pointing at each other); one self-edge (a singly linked `next`,
/// a tree's `children`) does not.
bool backwardRole(const OwnEdge &E);

bool oppositeRoles(const OwnEdge &A, const OwnEdge &B,
                   const std::set<std::pair<std::string, std::string>> &Adopting) {
  // Children (many) and a parent (one): the one is named for it (parent,
  // owner, prev) or given an object that already exists somewhere; one
  // only ever made right there (`splat_ = std::make_shared<Node>()`) is
  // another child.
  if (A.Collection != B.Collection) {
    const OwnEdge &One = A.Collection ? B : A;
    return backwardRole(One) || Adopting.count({One.From, One.Field}) != 0;
  }
  static const char *const Forward[] = {"next", "succ", "child", "kid",
                                        "forward", "down", "out"};
  static const char *const Backward[] = {"prev", "pred", "parent", "owner",
                                         "back", "up", "in"};
  auto Has = [](const std::string &W, const char *const(&Words)[7]) {
    for (const char *Word : Words)
      if (llvm::StringRef(W).contains(Word))
        return true;
    return false;
  };
  std::string RA = roleWord(A.Field), RB = roleWord(B.Field);
  return (Has(RA, Forward) && Has(RB, Backward)) ||
         (Has(RA, Backward) && Has(RB, Forward));
}

bool forwardRole(const OwnEdge &E) {
  static const char *const Forward[] = {"next", "succ", "child", "kid",
                                        "forward", "down"};
  std::string R = roleWord(E.Field);
  for (const char *W : Forward)
    if (llvm::StringRef(R).contains(W))
      return true;
  return false;
}

bool backwardRole(const OwnEdge &E) {
  static const char *const Backward[] = {"prev", "pred", "parent", "owner",
                                         "back", "up"};
  std::string R = roleWord(E.Field);
  for (const char *W : Backward)
    if (llvm::StringRef(R).contains(W))
      return true;
  return false;
}

/// Which edge of a cycle to report: the one a fix belongs on. A stored
/// callback first (capture a weak_ptr there), then a back edge by name
/// (parent, prev, owner), then a single pointer over a collection (the
/// child's parent, not the parent's children), then the later declaration.
bool betterClosing(const Step &A, const Step &B) {
  auto Rank = [](const OwnEdge &E) {
    return std::make_tuple(E.Kind == OwnKind::Callback, backwardRole(E),
                           !E.Collection);
  };
  auto RA = Rank(*A.Edge), RB = Rank(*B.Edge);
  if (RA != RB)
    return RA > RB;
  return B.Edge->At < A.Edge->At;
}

std::string describe(const Step &S, const Graph &G) {
  const OwnEdge &E = *S.Edge;
  std::string Target = "'" + G.name(S.To) + "'";
  std::string Subclass =
      S.To == E.To ? "" : " (a subclass of '" + E.ToName + "')";
  switch (E.Kind) {
  case OwnKind::Value:
    if (E.Field.empty())
      return "'" + E.FromName + "' derives from " + Target;
    return "'" + E.FromName + "' contains " + Target + " as '" + fieldName(E) +
           "'";
  case OwnKind::Unique:
    return "'" + E.FromName + "' owns " + Target + Subclass + " through '" +
           fieldName(E) + "'";
  case OwnKind::Shared:
    return "'" + E.FromName + "' shares ownership of " +
           (E.Collection ? "many " : std::string()) + Target + Subclass +
           " through '" + fieldName(E) + "'";
  case OwnKind::Callback:
    return "the callback stored in '" + fieldName(E) +
           "' keeps a shared_ptr to " + Target + Subclass;
  }
  return "";
}

/// \p Broken: where the program lets go of edges of the cycle (empty when
/// it never does).
void report(const std::vector<Step> &Cycle, const Step &Closing,
            const Graph &G, const std::vector<const Note *> &Broken,
            std::vector<Finding> &Out) {
  const OwnEdge &E = *Closing.Edge;
  std::string Path = "'" + G.name(Cycle.front().Edge->From) + "'";
  for (const Step &S : Cycle)
    Path += " -> '" + G.name(S.To) + "'";
  Finding F;
  F.Rule = RuleId;
  F.At = E.At;
  bool Callback = E.Kind == OwnKind::Callback;
  // Evidence that objects, not only types, close the cycle: a callback
  // that captured shared ownership of its owner, or shared fields that
  // point straight at each other. A cycle that closes only through a
  // subclass (a pointer to a base that may hold a derived object) or
  // through a base class's field is as likely a tree or a DAG of
  // different objects: low.
  bool Indirect = llvm::any_of(Cycle, [](const Step &S) {
    return S.To != S.Edge->To || S.Edge->Field.empty();
  });
  // One shared field and a wrapper held by value on the way (`Node {
  // Object<Node> child; }`): a self-reference, a tree.
  unsigned Shared = 0;
  bool Wrapper = false;
  for (const Step &S : Cycle) {
    Shared += sharesOwnership(*S.Edge);
    Wrapper |= S.Edge->Kind == OwnKind::Value;
  }
  Indirect |= Shared == 1 && Wrapper;
  // A callback is evidence when what it keeps already existed (its owner,
  // `shared_from_this()`), or is the very object that holds it (`auto r =
  // std::make_shared<Get>(); r->execute([r] {...});`, the callback in a
  // base of Get): one that keeps some other object made right there
  // (`auto data = std::make_shared<Data>(); then([=] { data->... })`)
  // closes a cycle through a base class or a subclass only by type.
  bool AnyCallback = llvm::any_of(Cycle, [&](const Step &S) {
    return S.Edge->Kind == OwnKind::Callback &&
           (!G.madeThere(S.Edge) || G.isOrBaseOf(S.Edge->From, S.To));
  });
  bool TypesOnly = Indirect && !AnyCallback;
  if (TypesOnly || !Broken.empty())
    F.Conf = Confidence::Low;
  if (Callback)
    F.Message = "the callback stored in '" + fieldName(E) +
                "' here keeps a shared_ptr to '" + G.name(Closing.To) +
                "', closing the ownership cycle " + Path;
  else
    F.Message = "'" + fieldName(E) + "' closes the shared_ptr ownership cycle " +
                Path;
  for (const Step &S : Cycle)
    F.Notes.push_back({S.Edge->At, describe(S, G)});
  if (TypesOnly)
    F.Notes.push_back({E.At, "the types close it only through a subclass, a "
                             "base class or a wrapper: the objects may form a "
                             "tree"});
  // The program lets go of an edge while it runs (a teardown, a completion):
  // the cycle lasts only until then.
  for (const Note *B : Broken)
    F.Notes.push_back({B->At, "the cycle is broken here: " + B->Message});
  explain(F,
          "objects on it keep each other alive and reference counting never "
          "frees them",
          Callback ? "capture a std::weak_ptr instead (or reset the callback "
                     "once it has run)"
                   : "make this back edge a std::weak_ptr (or a plain pointer "
                     "to an owner that outlives it)");
  Out.push_back(std::move(F));
}

/// A cycle to report: its steps in order, the edge that closes it, and the
/// strongly connected component it was found in.
struct Found {
  std::vector<Step> Cycle;
  Step Closing;
  std::set<std::string> Within;
};

/// One cycle per strongly connected component of \p G's current view.
std::vector<Found> cycles(const Graph &G) {
  std::vector<Found> Out;
  for (const std::vector<std::string> &C : G.components()) {
    std::set<std::string> Within(C.begin(), C.end());
    if (C.size() == 1) {
      const std::string &N = C.front();
      std::vector<const Step *> Self;
      for (const Step &S : G.steps(N))
        if (S.To == N && sharesOwnership(*S.Edge))
          Self.push_back(&S);
      const Step *Closing = nullptr, *Other = nullptr;
      for (const Step *S : Self)
        if (S->Edge->Kind == OwnKind::Callback && !Closing)
          Closing = S;
      for (size_t I = 0; I < Self.size() && !Closing; ++I)
        for (size_t J = I + 1; J < Self.size() && !Closing; ++J)
          if (Self[I]->Edge->Field != Self[J]->Edge->Field &&
              oppositeRoles(*Self[I]->Edge, *Self[J]->Edge, G.adopting())) {
            bool IFirst = betterClosing(*Self[I], *Self[J]);
            Closing = IFirst ? Self[I] : Self[J];
            Other = IFirst ? Self[J] : Self[I];
          }
      if (!Closing)
        continue;
      std::vector<Step> Cycle;
      if (Other)
        Cycle.push_back(*Other);
      Cycle.push_back(*Closing);
      Out.push_back({std::move(Cycle), *Closing, std::move(Within)});
      continue;
    }
    const Step *Closing = nullptr;
    std::set<const OwnEdge *> Sharing;
    for (const std::string &N : C)
      for (const Step &S : G.steps(N))
        if (Within.count(S.To) && sharesOwnership(*S.Edge)) {
          Sharing.insert(S.Edge);
          if (!Closing || betterClosing(S, *Closing))
            Closing = &S;
        }
    if (!Closing)
      continue;
    std::vector<Step> Cycle = G.path(Closing->To, Closing->Edge->From, Within);
    Cycle.push_back(*Closing);
    // One shared field, the rest containment, and a forward role on the way
    // (`Node { Link<Node> next; }`): a singly linked chain through a wrapper,
    // like a lone `next` self-edge. (`Car { unique_ptr<Engine> engine; }`
    // with `Engine { shared_ptr<Car> car; }` points back: a cycle.)
    if (Sharing.size() == 1 && Closing->Edge->Kind == OwnKind::Shared &&
        llvm::any_of(Cycle, [](const Step &S) { return forwardRole(*S.Edge); }))
      continue;
    Out.push_back({std::move(Cycle), *Closing, std::move(Within)});
  }
  return Out;
}

} // namespace

void decideSharedPtrCycle(const ProgramView &View, std::vector<Finding> &Out) {
  Graph G(View);
  // The cycles that remain when every edge the program lets go is gone.
  std::vector<Found> Kept = cycles(G.view(/*WithReleased=*/false));
  for (const Found &C : Kept)
    report(C.Cycle, C.Closing, G, {}, Out);
  // The others last only until the program breaks them: low, with a note
  // where it does. A component of the whole graph that holds a cycle
  // reported above is reported by it.
  for (const Found &C : cycles(G.view(/*WithReleased=*/true))) {
    if (llvm::any_of(Kept, [&](const Found &K) {
          return C.Within.count(K.Closing.Edge->From) != 0;
        }))
      continue;
    std::vector<const Note *> Broken;
    for (const Step &S : C.Cycle)
      if (const Note *N = G.released(S.Edge))
        Broken.push_back(N);
    if (!Broken.empty())
      report(C.Cycle, C.Closing, G, Broken, Out);
  }
}

} // namespace memlint
