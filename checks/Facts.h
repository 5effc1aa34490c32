//===- Facts.h - what one translation unit tells about long-lived entities =//
//
// Entity rules ("this member only ever grows") are statements about a whole
// program: the erase may sit in another .cpp file. So a translation unit only
// records facts, keyed by stable ids (USRs); verdicts are made once every TU
// has been seen (the CLI) or when the one TU is a closed world for the entity
// (the clang-tidy plugin). Facts are plain data and serialize to JSON, so they
// can cross a process boundary or be cached.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_FACTS_H
#define MEMLINT_CHECKS_FACTS_H

#include "Finding.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace llvm::json {
class Array;
class Value;
}

namespace memlint {

enum class EntityKind {
  Field,       // non-static data member
  StaticField, // static data member
  Global,      // namespace-scope variable
  StaticLocal, // function-local static or thread_local
  Param,       // a function parameter referring to a container (helpers)
};

struct Entity {
  std::string Id;   // USR; parameters: "<function USR>#<index>"
  std::string Name; // display name: "Service::items_", "app::g_log"
  EntityKind Kind = EntityKind::Field;
  Loc Decl;
  std::string Container;   // id of the container model
  bool Contiguous = false; // capacity outlives clear()
  bool FiniteKey = false;  // keyed by an enum or bool
  bool PinsKeys = false;   // keyed by pointers: entries keep their keys alive
  bool Concurrent = false; // its class also holds a lock or condition variable
  std::string OwnerClass;  // fields: USR of the declaring class
  std::string OwnerName;   // fields: "Service"
  /// Closed world: AlwaysClosed entities are judged from any set of TUs
  /// (internal linkage, static locals, classes only the main file sees).
  /// Otherwise the entity is closed once every function in Reachers has been
  /// seen defined; OpenAccess (public members of header classes, external
  /// globals declared in headers) is closed only when the user assumes it.
  bool AlwaysClosed = false;
  bool OpenAccess = false;
  std::vector<std::string> Reachers;
};

enum class EventKind {
  Grow, Erase, Pop, Clear, Resize, Assign, Consume, Reserve, Release, Lookup,
  Size,
  Escape, // handed to code whose effect is unknown (conservatively a bound)
};

/// Flags describing where a growth happens.
enum EventFlag : unsigned {
  InConstructor = 1u << 0, // inside a constructor
  InDestructor = 1u << 1,  // inside a destructor
  SizeGuarded = 1u << 2,   // a size check on the path bounds it
  ConstantLoop = 1u << 3,  // only inside loops with a constant trip count
  InLoop = 1u << 4,        // inside some loop
  MemoFill = 1u << 5,      // an insertion whose result is tested (try_emplace,
                           // a lazily filled operator[] slot)
  KeyFromInput = 1u << 6,  // the key depends on the function's parameters
  InLambda = 1u << 7,      // inside a lambda (runs later, elsewhere)
};

/// A conditional statement an event is nested in (innermost last): an if or
/// switch branch, a loop body, a ?: arm. Used to tell "on every path after
/// X" from "only when something else holds".
struct Scope {
  Loc At;                 // the conditional statement
  bool ReadsSize = false; // its condition reads the entity's size/capacity
};

struct Event {
  std::string Entity;
  EventKind Kind = EventKind::Grow;
  Loc At;
  std::string Function; // USR of the enclosing function ("" at file scope)
  unsigned Flags = 0;
  std::vector<Scope> Scopes; // recorded for events other than growth
  /// Growth: functions defined in another TU whose result guards this
  /// growth (`if (full()) return;`); it is size-guarded if one of them reads
  /// the container's size.
  std::vector<std::string> GuardCalls;
  /// A safe rewrite of this event's expression, for a rule that reports at
  /// it (capacity-retention: the clear() becomes a swap with an empty one).
  std::vector<Replacement> Fix;
};

/// A container reaches a helper's parameter: effects on the parameter are
/// effects on the container, located at the call.
struct Flow {
  std::string From;     // entity id
  std::string Callee;   // USR of the called function
  unsigned Param = 0;   // parameter index
  Loc At;               // the call
  std::string Function; // caller USR
  unsigned Flags = 0;   // EventFlag of the call site
  std::vector<Scope> Scopes; // conditionals around the call
};

enum class InstanceKind { Local, Static, Heap, MemberOf };

/// Where instances of a class live (decides if its members are long-lived).
struct Instance {
  std::string Class;
  InstanceKind Kind = InstanceKind::Local;
  std::string Owner; // MemberOf: the enclosing class
};

enum class OwnKind {
  Value,    // a member or base subobject (exact type)
  Unique,   // unique ownership (unique_ptr-like)
  Shared,   // shared ownership (shared_ptr-like), possibly inside a container
  Callback, // a stored callback whose lambda captured shared ownership
};

/// A record owns instances of another record through one of its fields (or a
/// base). The shared-ptr-cycle rule looks for cycles in these edges.
struct OwnEdge {
  std::string From, To;         // record ids (specializations keep their args)
  std::string FromName, ToName; // display names
  std::string Field;            // field name ("" for a base)
  OwnKind Kind = OwnKind::Value;
  bool Collection = false;      // many (a container of them) rather than one
  Loc At;                       // the field (or the assignment of a callback)
};

/// Derived is a subclass of Base: a pointer to Base may hold a Derived.
struct Subclass {
  std::string Derived, Base;
};

struct Facts {
  std::map<std::string, Entity> Entities;
  std::vector<Event> Events;
  std::vector<Flow> Flows;
  std::vector<Instance> Instances;
  std::vector<OwnEdge> Edges;
  std::vector<Subclass> Subclasses;
  std::set<std::string> DefinedFunctions;
  std::map<std::string, std::string> FunctionNames; // USR -> display name

  /// Adds \p Other (another TU's facts). Call normalize() after the last
  /// merge; the result then does not depend on the merge order.
  void merge(const Facts &Other);
  /// Sorts and dedupes events, flows and instances.
  void normalize();
};

llvm::json::Value toJSON(const Facts &F);
llvm::json::Array replacementsToJSON(const std::vector<Replacement> &Fix);
bool replacementsFromJSON(const llvm::json::Array *A,
                          std::vector<Replacement> &Out);
bool fromJSON(const llvm::json::Value &V, Facts &F, std::string &Error);

const char *toString(EventKind K);
const char *toString(EntityKind K);

} // namespace memlint

#endif
