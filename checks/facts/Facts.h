//===- Facts.h - what one translation unit tells about the program --------===//
//
// Entity rules ("this member only ever grows") and the rules that follow
// calls ("this loop runs a query through a repository interface") are
// statements about a whole program: the erase may sit in another .cpp file,
// the query in an override compiled elsewhere. So a translation unit only
// records facts, keyed by stable ids (USRs), and verdicts are made once
// every TU has been seen (the CLI) or when the one TU is a closed world for
// what is judged (the clang-tidy plugin).
//
// Two kinds of facts:
//  - about long-lived entities (containers): what touches them, where, and
//    where instances of their classes live; ownership between classes;
//  - per-function summaries: what each function is (virtual, a
//    constructor, a lambda), whom it calls and from which loop, what it
//    returns a reference to, which callables flow into which holders, and
//    what it does besides touching containers (runs a query).
// The merge step (program/) builds the call graph from the summaries and
// propagates effects over it.
//
// Facts are plain data and serialize to JSON, so they can cross a process
// boundary, be cached and be sharded.
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
} // namespace llvm::json

namespace memlint {

//===-- Entities and their events -----------------------------------------===//

enum class EntityKind {
  Field,       // non-static data member
  StaticField, // static data member
  Global,      // namespace-scope variable
  StaticLocal, // function-local static or thread_local
  Param,       // a function parameter referring to a container (helpers)
  Return,      // what a function returns a reference or pointer to
  Capture,     // a container a lambda owns (an init-capture, or the pointee
               // of a captured shared_ptr)
  MemberPtr,   // what a pointer to data member of some class and type names
};

struct Entity {
  /// USR; parameters "<function USR>#<index>"; returns "<function USR>#ret";
  /// member pointers "mptr:<class USR>:<type>"; captured pointees
  /// "<variable id>#pointee".
  std::string Id;
  std::string Name; // display name: "Service::items_", "app::g_log"
  EntityKind Kind = EntityKind::Field;
  Loc Decl;
  std::string Container;   // id of the container model
  std::string Type;        // fields: the declared type, as written in the
                           // class pattern (to group sibling members)
  bool Contiguous = false; // capacity outlives clear()
  bool FiniteKey = false;  // keyed by an enum or bool
  bool PinsKeys = false;   // keyed by pointers: entries keep their keys alive
  /// Contiguous, with elements that are handles: pointers, smart pointers,
  /// or small records of them and scalars (a pointer and a size, an
  /// iterator). What it keeps after a burst is a few bytes per element; what
  /// they point to is freed or held elsewhere. False when any
  /// instantiation's elements are something else.
  bool HandleElements = false;
  /// Its element type was seen only as a template's dependent type
  /// (`std::vector<typename C::ptr>` in a class template's pattern):
  /// HandleElements says nothing until a TU shows an instantiation.
  bool ElementsUnknown = false;
  bool Concurrent = false; // its class also holds a lock or condition variable
  std::string OwnerClass;  // fields: USR of the declaring class
  std::string OwnerName;   // fields: "Service"
  /// Captures: the lambdas (function ids) that own it. It lives as long as
  /// one of them is stored somewhere long-lived.
  std::vector<std::string> Lambdas;
  /// Closed world: AlwaysClosed entities are judged from any set of TUs
  /// (internal linkage, static locals, classes only the main file sees).
  /// Otherwise the entity is closed once every function in Reachers has been
  /// seen defined; OpenAccess (public members of header classes, external
  /// globals declared in headers) is closed only when the user assumes it.
  bool AlwaysClosed = false;
  bool OpenAccess = false;
  std::vector<std::string> Reachers;
  /// Fields: a raw pointer member (`std::deque<Job> *jobs_;`); the entity
  /// is the container it points to, if the member owns it. Allocated: some
  /// code stores a new container into it (`jobs_ = new std::deque<Job>()`,
  /// `: jobs_(new ...)`). Borrowed: some code stores anything else (a
  /// parameter, another object's address, a function's result), or could
  /// (it takes the member's address, binds it to a non-const reference):
  /// then it may point to a container that lives elsewhere.
  bool Pointer = false;
  bool Allocated = false;
  bool Borrowed = false;

  /// A pointer member that is not seen to own what it points to: what it
  /// points to is judged where that lives, not here.
  bool unowned() const { return Pointer && (!Allocated || Borrowed); }

  /// Stands for something else (a parameter, a return, a member pointer):
  /// never judged on its own; its events become those of what it stands for.
  bool isProxy() const {
    return Kind == EntityKind::Param || Kind == EntityKind::Return ||
           Kind == EntityKind::MemberPtr;
  }
};

enum class EventKind {
  Grow, Erase, Pop, Clear, Resize, Assign, Consume, Reserve, Release, Lookup,
  Size,
  Escape,  // handed to code whose effect is unknown (conservatively a bound)
  Iterate, // every element is read: a range-for, or the whole container
           // handed over by value or const reference (`write(buf_)`)
};

/// Flags describing where an event (or a call) happens.
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
  FromPattern = 1u << 8,   // seen only in an uninstantiated template, by name
  OnElement = 1u << 9,     // acts on an element of the entity
                           // (`by_key_[k].push_back(x)` grows `by_key_`)
  Lifo = 1u << 10,         // a pop of the entry pushed last (a stack's)
  ValueConfig = 1u << 11,  // growth by configuration: a callable, a literal,
                           // a constant, nothing the function was given
  ValueFromInput = 1u << 12, // growth by what the function was given
  Bulk = 1u << 13,         // many elements in one call (a range insert, an
                           // append of a buffer or string)
  Dedup = 1u << 14,        // an erase of what is re-added right after
  RunOnce = 1u << 15,      // behind a run-once guard (a flag tested and
                           // set); calls: in a static local's initializer
  OnLocalObject = 1u << 16, // calls: on an object local to the caller (one
                            // being built)
  UntilLoop = 1u << 17,     // calls, events: inside a loop that runs until something
                            // happens (while, do, for(;;), a for whose test
                            // is no counter comparison): an event or input
                            // loop, not a count or a walk over a container
  AsKey = 1u << 18,         // an iterate: the whole container is the key an
                            // associative container is indexed, searched or
                            // filled with (`fields_[name_] = v;`)
  OnThisObject = 1u << 19,  // calls: on the caller's own object or a part of
                            // it (`parse()`, `mime_.parse()` in a method)
  ForkChild = 1u << 20,     // calls: in the child's branch after fork()
                            // (`if (pid == 0) run_worker();`): a new process
  OnceGuard = 1u << 21,     // calls: behind a run-once guard (`if
                            // (!started_.exchange(true)) pool_.start();`)
  Fresh = 1u << 22,         // an assign that gives a smart pointer a new
                            // container (`items_ = std::make_unique<V>()`,
                            // `items_.reset(new V)`): where its object is
                            // built (a constructor, a builder), the
                            // container's construction, no event
  OnNewObject = 1u << 23,   // calls: on an object the caller made in this
                            // run, with no counted loop since (`auto c =
                            // std::make_shared<C>(); c->add(x);`)
  ReadOnly = 1u << 24,      // a growth by operator[] whose element is only
                            // read (`return m[k];` by value, `m[k].size()`):
                            // it adds an empty entry for a key it lacks
  Drained = 1u << 25,       // an assign that swaps the contents out into
                            // something the function then walks or hands
                            // to a call that reads it (`q_.swap(batch);
                            // for (auto &j : batch) ...`, `write(batch)`):
                            // a consumer taking a batch to process
};

/// The object whose member an event acts on (members only): the function's
/// own object (`items_`, `this->part_.items_`), one it was handed
/// (`m.items_` with `m` a parameter), or one local to it (a local object,
/// or a local pointer to an object made right there: `auto h =
/// std::make_unique<H>(); h->items_...`). Encoded as Receiver values:
/// 0 anything else, 1 this, 2 local, 3 + k parameter k.
enum ReceiverKind : unsigned { RecvOther = 0, RecvThis = 1, RecvLocal = 2,
                               RecvParam = 3 };
inline unsigned receiverParam(unsigned K) { return RecvParam + K; }

/// A conditional statement an event is nested in (innermost last): an if or
/// switch branch, a loop body, a ?: arm. Used to tell "on every path after
/// X" from "only when something else holds", and two arms of one
/// conditional apart (`if (eol) flush(); else put(c);`).
struct Scope {
  Loc At;                 // the conditional statement
  bool ReadsSize = false; // its condition reads the entity's size/capacity
  /// Which arm: an if's then (0) or else (1); a ?:'s true (0) or false (1)
  /// arm; a switch's case (1 + its index; 0 before the first label); 0 for
  /// a loop body and the right side of && and ||.
  unsigned Arm = 0;
};

struct Event {
  std::string Entity;
  EventKind Kind = EventKind::Grow;
  Loc At;
  std::string Function; // USR of the enclosing function ("" at file scope)
  unsigned Flags = 0;
  std::vector<Scope> Scopes; // the conditionals around it
  /// A member's event: whose member (ReceiverKind; RecvParam + k for
  /// parameter k).
  unsigned Receiver = RecvOther;
  /// Growth: functions whose result guards this growth (`if (full())
  /// return;`) and whose bodies this TU does not show; it is size-guarded
  /// if one of them reads the container's size, through any call chain.
  std::vector<std::string> GuardCalls;
  /// A safe rewrite of this event's expression, for a rule that reports at
  /// it (capacity-retention: the clear() becomes a swap with an empty one).
  std::vector<Replacement> Fix;
};

/// A container reaches a helper's parameter: effects on the parameter are
/// effects on the container, located at the call. A virtual callee stands
/// for every override of it.
struct Flow {
  std::string From;     // entity id
  std::string Callee;   // USR of the called function
  unsigned Param = 0;   // parameter index
  Loc At;               // the call
  std::string Function; // caller USR
  unsigned Flags = 0;   // EventFlag of the call site
  std::vector<Scope> Scopes; // conditionals around the call
};

/// Events on From are events on To: a function returns a reference to To
/// ("<fn>#ret" -> field), a member pointer of some class and type may name
/// To ("mptr:..." -> field).
struct Alias {
  std::string From, To;
};

//===-- Lifetimes and ownership -------------------------------------------===//

enum class InstanceKind {
  Local,    // a local, a parameter, a temporary, or a heap object that a
            // local owns and nothing keeps (deleted in the same operation)
  Static,   // a static, a global, a local of main()
  Heap,     // a heap object that something keeps: a member of Owner, or
            // (no Owner) whatever Function hands it to
  MemberOf, // a member of Owner
  BaseOf,   // the base subobject of Owner (a class derived from it)
};

/// Where instances of a class live (decides if its members are long-lived).
struct Instance {
  std::string Class;
  InstanceKind Kind = InstanceKind::Local;
  /// MemberOf, BaseOf: the enclosing class; Heap: the class whose member
  /// keeps the pointer (`conn_ = make_shared<C>()`, `conns_.push_back(..)`,
  /// a member initializer), "" when something else does.
  std::string Owner;
  /// Heap: the function that creates it. Without Owner (returned, passed
  /// on, captured), the object lives as long as that operation's result;
  /// with one, each run of the function makes a new one (empty when a
  /// static keeps it).
  std::string Function;
  /// Heap: the class shares ownership of itself (enable_shared_from_this):
  /// its own callbacks keep it alive, whoever created it.
  bool KeepsItself = false;
  /// Heap with Owner: made on every run of Function, not only when a
  /// condition holds (`if (!conn_) conn_ = make_shared<Conn>();` makes
  /// one once, lazily).
  bool EveryRun = false;
  /// Heap without Owner: made in a loop of Function (a new one on each
  /// iteration, `for (...) { auto p = make_shared<Part>(); ... }`);
  /// Static: a local of main declared in a loop.
  bool InLoop = false;
  /// Heap without Owner, and Static with InLoop: the file it is made in
  /// (the body of a function several files define alike, main's, is one
  /// of them).
  std::string File;
};

enum class OwnKind {
  Value,    // a member or base subobject (exact type)
  Unique,   // unique ownership (unique_ptr-like)
  Shared,   // shared ownership (shared_ptr-like), possibly inside a container
  Callback, // a stored callable that captured shared ownership
};

/// A record owns instances of another record through one of its fields (or a
/// base). The shared-ptr-cycle rule looks for cycles in these edges. A
/// marker has To empty: a Shared one, the shared_ptr field given an object
/// that already exists (`parent_ = p`), not one made right there.
struct OwnEdge {
  std::string From, To;         // record ids (specializations keep their args)
  std::string FromName, ToName; // display names
  std::string Field;            // field name ("" for a base)
  /// The field's id (its pattern's USR), as entities, callable holders and
  /// releases name it; "" for a base and the markers.
  std::string Holder;
  OwnKind Kind = OwnKind::Value;
  bool Collection = false;      // many (a container of them) rather than one
  Loc At;                       // the field (or the assignment of a callback)
};

enum class ReleaseKind {
  Reset,   // `p_.reset()`, `p_ = nullptr`, `p_ = {}`
  Release, // `u_.release()`: someone else owns it now
  Swap,    // swapped with a local or a temporary (`p_.swap(tmp)`)
  Move,    // moved out (`auto p = std::move(p_);`): a smart pointer is null
};

/// A field that owns through a smart pointer lets go of what it points to
/// (shared-ptr-cycle: a cycle through it is broken where the program does
/// this). The other holders have their own facts: a callable member given
/// an empty callable or another one is a CallableFlow (EmptyCallable), a
/// container's entries erased, popped or cleared are Events.
struct Release {
  std::string Holder; // the field's id (its pattern's USR)
  ReleaseKind Kind = ReleaseKind::Reset;
  Loc At;
  std::string Function; // where ("" at file scope)
  unsigned Flags = 0;   // EventFlag: InConstructor, InDestructor, InLambda
};

/// An object of Class is given a fresh value (`ctx_ = Context();`, `state_
/// = {};`): every container in it, and in its bases and members, starts
/// over there.
struct Reset {
  std::string Class; // record id (the pattern's USR)
  Loc At;
  std::string Function; // where
};

/// Derived is a subclass of Base: a pointer to Base may hold a Derived.
struct Subclass {
  std::string Derived, Base;
};

/// A record id that keeps its template arguments (an ownership edge's end,
/// a callable's shared capture: `Holder<Session>`) and the id of the
/// template pattern it was made from, which functions, entities and
/// instances name (Function::Class).
struct Specialization {
  std::string Id, Pattern;
};

//===-- Function summaries ------------------------------------------------===//

enum FunctionTrait : unsigned {
  FnDefined = 1u << 0,     // its body was seen
  FnVirtual = 1u << 1,
  FnConstructor = 1u << 2,
  FnDestructor = 1u << 3,
  FnMain = 1u << 4,
  FnLambda = 1u << 5,      // a lambda's call operator
  FnCallable = 1u << 6,    // a callable value that is not a function: the
                           // result of std::bind (its id is "bind@<loc>")
  FnPublic = 1u << 7,      // callable from outside the project: externally
                           // visible and declared in a header
  FnStaticInit = 1u << 8,  // the initializer of a global or static member
  FnLibrary = 1u << 9,     // declared in a system header
  FnReturnsZero = 1u << 10, // every return returns the constant 0: a filter
                            // callback that keeps nothing (returnsZeroOnly)
  FnFluent = 1u << 11, // a method (no operator) that returns its own object
                       // for chained calls (`X &X::host(...) { ...; return
                       // *this; }`): a builder's step (returnsThisOnly)
  FnReturnsBuilder = 1u << 12, // returns an object of a builder class (every
                               // public mutating method chains: isBuilder):
                               // `route(p).bind(h).hide()` configures what
                               // the function made
};

struct Function {
  std::string Id;   // USR of the pattern
  std::string Name; // "Service::add", "a lambda in 'Service::start'"
  Loc At;
  unsigned Traits = 0;
  std::string Class;                  // methods: the class's USR
  /// Lambdas: the function whose body they are written in (the outermost
  /// one, for a lambda in a lambda); "" at file scope.
  std::string Enclosing;
  std::vector<std::string> Overrides; // methods it directly overrides
  /// Callables only: classes the callable keeps alive by shared ownership
  /// (a capture or bound argument of type shared_ptr<T>: T's USR), and
  /// their display names, in the same order.
  std::vector<std::string> SharedCaptures, SharedCaptureNames;
  /// Of SharedCaptures: the classes captured as an object that already
  /// existed (a parameter, a member, `shared_from_this()`), not only as one
  /// made right there (`auto data = std::make_shared<Data>(); [=] {
  /// data->...; }`).
  std::vector<std::string> KeptCaptures;
  /// The parameters (bit i: parameter i) a condition of its body reads:
  /// `if (!ec)`, `if (ec) return;` in a completion handler that looks at
  /// its error before going on.
  unsigned TestedParams = 0;
};

enum class CallKind {
  Direct,   // Callee is the function called
  Virtual,  // Callee is the method named; every override may run
  Indirect, // Callee is a holder id: whatever callable flowed into it runs
};

/// A call from one function to another, or through a callable holder.
struct Call {
  std::string Caller;
  std::string Callee;
  CallKind Kind = CallKind::Direct;
  Loc At;
  unsigned Flags = 0; // EventFlag bits of the call site (InLoop, ...)
  /// The innermost loop around the call whose trip count is not a
  /// constant; invalid when there is none.
  Loc Loop;
  /// Entities whose size a condition on the path to the call checks
  /// (`if (q_.size() >= kMax) return; push(x);`).
  std::vector<std::string> SizeGuards;
  /// Query-in-loop: the loop walks a collection (not a retry or a poll) and
  /// does not stop on the call's result; What names it ("each element of
  /// 'skus'"). Empty when the loop is not such a loop.
  std::string CollectionLoop;
  /// With CollectionLoop: the loop, or the algorithm call (CollectionCall)
  /// that runs the lambda holding this call once per element.
  Loc CollectionAt;
  bool CollectionCall = false;
  /// With CollectionLoop: the loops around that loop in the caller
  /// (EventFlag InLoop, ConstantLoop, UntilLoop), which repeat the finding
  /// (Finding::SiteFlags).
  unsigned CollectionFlags = 0;
  /// With CollectionLoop, for an indirect call: the holder as the call names
  /// it ("on_row_", "fn").
  std::string CalleeName;
  /// Per argument: the caller's parameter it passes on unchanged (named
  /// directly, through std::move or std::forward, or as its C string), or
  /// -1. Empty when no argument does.
  std::vector<int> ArgParams;
  /// Bit k: argument k is an object local to the caller (`m`, `&m` with
  /// `T m;` a local; a local pointer to an object made right there), one
  /// the caller is building.
  unsigned LocalArgs = 0;
  /// Bit k: argument k is an object the caller made in this run (a local,
  /// or a raw or smart pointer to an object made right there, with no
  /// counted loop since: WalkContext::newObject).
  unsigned NewArgs = 0;
  /// Per argument: SqlFlag bits of the SQL text it carries. Empty when no
  /// argument has any.
  std::vector<unsigned> ArgSql;
  /// The branches around the call (if, switch and ?: arms; no loops),
  /// outermost first, to tell a call in one arm from a call in another.
  std::vector<Scope> Branches;
  /// User functions called in the conditions SizeGuards looks at (`if
  /// (cmd->canRetry()) cmd->retry();`): the call is size-guarded if one of
  /// them reads the size, through any call chain.
  std::vector<std::string> GuardCalls;
  /// A method call on the object the caller's parameter k points or refers
  /// to (`c->add(x)`, `c.add(x)`): k; else -1.
  int ReceiverParam = -1;
};

/// What the SQL text of a query (or of an argument that may reach one) says
/// about running it once per item (query-in-loop).
enum SqlFlag : unsigned {
  SqlNotPerItem = 1u << 0, // a batch (IN (...), = ANY(...)) or transaction
                           // and schema control (BEGIN, COMMIT, PRAGMA)
  SqlElement = 1u << 1,    // the collection loop's element is the statement
                           // (a list of statements: migrations)
};

/// CallableFlow::From of no callable: `nullptr`, `{}`, a default-constructed
/// wrapper (`cb_ = nullptr;`, `set_handler(Handler())`). It calls nothing;
/// a member given it lets go of the callable it held.
inline constexpr const char EmptyCallable[] = "empty";

/// A callable flows into a holder: a std::function field or variable, a
/// container of callables, a parameter of a function that stores it, a
/// library object that holds a handler until it completes.
struct CallableFlow {
  /// "fn:<function id>" for a callable value, EmptyCallable for none, else
  /// a holder.
  std::string From;
  std::string To;   // holder id: a field or variable USR, "<fn>#<index>"
  /// The class a field holder belongs to ("" otherwise), for ownership.
  std::string ToClass, ToClassName, ToField;
  bool ToStatic = false; // the holder is a global or static variable
  Loc At;
  /// The function where it is handed over, and where that is: InLoop,
  /// ConstantLoop, UntilLoop (a callable handed to a thread or a parameter
  /// runs as often as it is handed over).
  std::string Function;
  unsigned Flags = 0;
  /// The holder is a member of an object made right there, by aggregate
  /// initialization (`Entry{cb}`, `Options{.on_done = nullptr}`): its first
  /// value, not a replacement. (A constructor's flows say so by their
  /// Function.)
  bool Initializes = false;
  /// Handed to a library object whose operations end on their own when its
  /// connection or device closes (the pack entry's `ends_on_close`: an
  /// Asio socket's `async_read_some`): the holder lets the callable go
  /// then.
  bool EndsOnClose = false;
};

/// Something a function does that is not about a container.
enum class EffectKind {
  Query, // runs a database query (a `queries` entry of the packs)
};

struct Effect {
  std::string Function;
  EffectKind Kind = EffectKind::Query;
  std::string Api; // "sqlite3_prepare_v2"
  Loc At;
  /// Query: the caller's parameter that carries the SQL text, or -1.
  int SqlParam = -1;
  /// Query: SqlFlag bits of the SQL text written at the call.
  unsigned Sql = 0;
};

/// A function stores its parameter into a container ("'Channel::push'
/// copies parameter 0 into 'Channel::q_'"): what a call's argument becomes
/// (large-copy-into-send: a user channel's push).
struct ParamStore {
  std::string Function;
  unsigned Param = 0;
  std::string Entity; // the container's entity id
  Loc At;             // the insertion
};

/// A large local handed to a parameter of a user function (by const
/// reference or by value) and not used afterwards. If the callee stores the
/// parameter into a long-lived queue, the copy could have been a move
/// (large-copy-into-send).
struct Handoff {
  std::string Caller;
  std::string Callee;
  CallKind Kind = CallKind::Direct; // Direct or Virtual
  unsigned Param = 0;
  Loc At;           // the call
  std::string Name; // the local: "batch"
  std::string Type; // its type: "std::vector<Row>"
  Loc Decl;         // its declaration
  bool ByValue = false;        // the parameter is a value: the call copies
  bool RvalueOverload = false; // the callee has an overload taking T&& there
  /// `std::move(batch)`, when it is safe (a value parameter, or an rvalue
  /// overload to pick); else empty.
  std::vector<Replacement> Fix;
};

/// Adds what \p E says of its elements (HandleElements, ElementsUnknown)
/// to \p Mine, the same entity seen elsewhere.
void mergeElements(Entity &Mine, const Entity &E);

struct Facts {
  std::map<std::string, Entity> Entities;
  std::vector<Event> Events;
  std::vector<Flow> Flows;
  std::vector<Alias> Aliases;
  std::vector<Instance> Instances;
  std::vector<OwnEdge> Edges;
  std::vector<Subclass> Subclasses;
  std::vector<Specialization> Specializations;
  std::map<std::string, Function> Functions;
  std::vector<Call> Calls;
  std::vector<CallableFlow> Callables;
  std::vector<Effect> Effects;
  std::vector<ParamStore> Stores;
  std::vector<Handoff> Handoffs;
  std::vector<Reset> Resets;
  std::vector<Release> Releases;

  bool defined(const std::string &FunctionId) const {
    auto It = Functions.find(FunctionId);
    return It != Functions.end() && (It->second.Traits & FnDefined);
  }

  /// Adds \p Other (another TU's facts). Call normalize() after the last
  /// merge; the result then does not depend on the merge order.
  void merge(const Facts &Other);
  /// Sorts and dedupes every list; drops events seen only by name in an
  /// uninstantiated template when an instantiation reported the same one.
  void normalize();
};

/// Compact JSON: strings interned in a table, empty fields left out.
llvm::json::Value toJSON(const Facts &F);
bool fromJSON(const llvm::json::Value &V, Facts &F, std::string &Error);

const char *toString(EventKind K);
const char *toString(EntityKind K);

} // namespace memlint

#endif
