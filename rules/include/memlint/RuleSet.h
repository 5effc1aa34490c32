//===- RuleSet.h - memlint's API knowledge, as loaded from rules/*.yaml ---===//
//
// Checks hold the logic; this holds the vocabulary. Everything here is plain
// data so the loader (yaml-cpp, built with exceptions) stays behind one
// boundary and the checks (built like LLVM: no RTTI, no EH) only read it.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_RULES_RULESET_H
#define MEMLINT_RULES_RULESET_H

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace memlint {

/// Where a rule entry came from, for `memlint rules list` and error messages.
struct Origin {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// Matches a fully qualified name with inline namespaces dropped
/// ("std::vector", never "std::__cxx11::basic_string"). Either an exact name
/// or, when the YAML value starts with "re:", an anchored extended regex.
class NamePattern {
public:
  NamePattern() = default;
  /// Returns std::nullopt and sets \p Error when the regex does not compile.
  static std::optional<NamePattern> parse(const std::string &Text,
                                          std::string &Error);
  bool matches(const std::string &QualifiedName) const;
  const std::string &text() const { return Text; }
  bool isRegex() const { return Regex != nullptr; }

private:
  std::string Text;
  std::shared_ptr<const void> Regex; // opaque compiled regex
  /// Every name the regex matches starts with one of these (none: no such
  /// knowledge); any other name is rejected before the regex runs.
  std::vector<std::string> RegexStarts;
};

/// What a container method (or a free function on a container) does to it.
enum class ContainerEffect {
  Grow,     // push_back, insert, operator[] on a map, append, +=
  Erase,    // erase, extract, remove one or more elements
  Pop,      // pop_front, a queue's pop: takes the oldest entry (a consumer)
  PopLast,  // pop_back, a stack's pop: takes the entry pushed last (bounds
            // the container, but a stack is no queue)
  Clear,    // clear: empties, keeps capacity
  Resize,   // resize: sets the size explicitly
  Assign,   // assign, swap, operator=: replaces the whole content
  Consume,  // std::move / std::exchange: content moved out
  Reserve,  // reserve
  Release,  // shrink_to_fit: gives capacity back (non-binding)
  Lookup,   // find, count, contains, equal_range: keyed lookup
  Size,     // size, length: a size query (a bound needs one)
  Index,    // at, operator[] on a sequence: access by position (random access)
  Sort,     // sort, std::sort over begin()..end(): orders the whole content
            // in place (otherwise a read)
  Read,     // anything else that only reads
};

const char *toString(ContainerEffect E);
std::optional<ContainerEffect> containerEffectFromString(const std::string &S);

struct ContainerModel {
  std::string Id;
  std::vector<NamePattern> Types; // class (template) names
  bool Contiguous = false;        // vector/string: capacity outlives clear()
  bool ImplicitlyShared = false;  // copy-on-write (Qt): a copy is O(1)
  bool Associative = false;       // keyed by a template argument
  int KeyArg = -1;                // template argument index of the key
  std::map<std::string, ContainerEffect> Methods; // method name -> effect
  Origin From;
};

/// A free function that acts on a container argument (std::erase_if,
/// std::swap, std::move, std::back_inserter).
struct ContainerFunction {
  std::string Id;
  NamePattern Name;
  std::vector<unsigned> Args; // which arguments it acts on
  /// Args are two iterators, first and last, into one container
  /// (std::sort(v.begin(), v.end())): the effect is on that container when
  /// they span it whole.
  bool Iterators = false;
  ContainerEffect Effect = ContainerEffect::Read;
  Origin From;
};

/// A call or loop condition that streams a source one element at a time.
struct StreamSource {
  std::string Id;
  NamePattern Name;       // function, method or type (for iterators)
  std::string Form;       // "call" | "method" | "iterator-type"
  /// The source can deliver its elements in an order asked of it (a
  /// database query's ORDER BY): sorting them in memory is no reason to
  /// hold them all.
  bool CanOrder = false;
  Origin From;
};

/// A call or construct that materializes a whole collection.
struct WholeLoad {
  std::string Id;
  NamePattern Name;
  std::string Alternative; // the streaming form to suggest
  int SqlArg = -1;         // argument holding SQL text, if any
  /// An argument holding a filter callback (scandir's): when every function
  /// it can be keeps no entry (returns 0 on every path), nothing is loaded.
  int FilterArg = -1;
  /// An argument holding a comparison (scandir's compar): when it is not
  /// null the entries are sorted, and a sorted listing needs every entry.
  int SortArg = -1;
  Origin From;
};

/// A call that sends a message or starts a task; which args are payload.
struct SendApi {
  std::string Id;
  NamePattern Name;
  std::string Kind;               // "thread" | "task" | "message" | "promise"
  std::vector<unsigned> Payload;  // argument indexes
  bool PayloadFromArg = false;    // with FromArg: every arg >= Payload[0]
  Origin From;
};

/// A database query call.
struct QueryApi {
  std::string Id;
  NamePattern Name;
  int SqlArg = -1;
  bool SingleRow = false;  // single-row by construction (pqxx exec1)
  bool Streaming = false;  // a streaming/cursor form
  Origin From;
};

/// A call that waits for room or fails when a capacity is exhausted
/// (a semaphore's acquire): called on a push path, it bounds the queue.
struct BackpressureCall {
  std::string Id;
  NamePattern Name;
  Origin From;
};

/// A call that starts a child process (fork, vfork): in the child's branch
/// of `pid_t pid = fork(); if (pid == 0) ...`, a new process starts over,
/// so what it calls is setup, however often the parent forks.
struct ForkCall {
  std::string Id;
  NamePattern Name;
  Origin From;
};

/// A method that sets a flag and returns its old value in one step
/// (`atomic_flag::test_and_set`, `atomic<bool>::exchange(true)`): tested in
/// an `if`, it is a run-once guard.
struct TestAndSetCall {
  std::string Id;
  NamePattern Name;
  /// The argument holding the value stored; the call sets the flag only
  /// when it is not a constant 0 or false (`exchange(false)` clears it).
  /// -1: the call always sets it.
  int Value = -1;
  Origin From;
};

/// A type known to bound itself (LRU cache, bounded queue, ring buffer).
struct BoundedType {
  std::string Id;
  NamePattern Name;
  Origin From;
};

/// A call that only computes or reads (an accessor, a conversion such as
/// std::to_string): it grows, streams, loads, sends and queries nothing.
/// Only --report-unmodeled reads these: it leaves them off its list.
struct PureCall {
  std::string Id;
  NamePattern Name;
  Origin From;
};

/// A library call that takes a callable: std::bind makes one that keeps its
/// bound arguments alive; an async API, a timer, a signal or a thread runs
/// it later, and the object it is registered on holds it until then.
struct CallableApi {
  std::string Id;
  NamePattern Name;     // function, method or constructor (`std::thread::thread`)
  std::string Kind;     // "bind" | "callback" | "thread"
  int Callable = -1;    // argument holding the callable; -1: the last one
  std::string Holder;   // "object" | "arg" | "none": who keeps it until it runs
  int HolderArg = -1;   // with Holder == "arg"
  /// The holder's operations end on their own when its connection or
  /// device closes, failing with the error the callable is given first (an
  /// Asio socket's reads and writes): a callable that tests that error
  /// before starting the next operation ends its chain with the connection.
  bool EndsOnClose = false;
  /// Kind "bind": the placeholder types (`std::placeholders::_1` is a
  /// `std::_Placeholder<1>`): a class template whose one integer argument
  /// N says the bound argument is the callable's N-th.
  std::optional<NamePattern> Placeholders;
  Origin From;
};

/// A type that owns whatever it is given, whatever its type (std::any):
/// storing a shared_ptr in one keeps its target alive.
struct TypeErasedOwner {
  std::string Id;
  NamePattern Name;
  Origin From;
};

enum class Severity { Note, Warning, Error };

const char *toString(Severity S);
std::optional<Severity> severityFromString(const std::string &S);

struct CheckSettings {
  std::optional<bool> Enabled;
  std::optional<Severity> Level;
  Origin From; // the .memlint.yaml entry that set these (last one wins)
};

/// The nine rules, with their defaults. `checks:` in .memlint.yaml accepts
/// exactly these ids; --dump-config prints every one of them.
struct CheckInfo {
  const char *Id;
  bool EnabledByDefault;
  Severity DefaultSeverity;
  const char *Summary;
};
const std::vector<CheckInfo> &knownChecks();
const CheckInfo *findCheck(const std::string &Id);

/// Numeric knobs `thresholds:` accepts (an unknown key is an error).
struct ThresholdInfo {
  const char *Name;
  long long Default;
  long long Min, Max;
  const char *Summary;
};
const std::vector<ThresholdInfo> &knownThresholds();
const ThresholdInfo *findThreshold(const std::string &Name);

/// A pack file that was loaded.
struct PackInfo {
  std::string Name;        // `pack:`
  std::string Description; // `description:`
  std::string File;        // as loaded (joined, not canonicalized)
};

struct RuleSet {
  std::vector<ContainerModel> Containers;
  std::vector<ContainerFunction> ContainerFunctions;
  std::vector<StreamSource> StreamSources;
  std::vector<WholeLoad> WholeLoads;
  std::vector<SendApi> Sends;
  std::vector<QueryApi> Queries;
  std::vector<BoundedType> BoundedTypes;
  std::vector<BackpressureCall> Backpressure;
  std::vector<ForkCall> Forks;
  std::vector<TestAndSetCall> TestAndSet;
  std::vector<PureCall> Pure;
  std::vector<CallableApi> Callables;
  std::vector<TypeErasedOwner> TypeErased;

  std::map<std::string, CheckSettings> Checks; // by rule id
  std::map<std::string, long long> Thresholds; // e.g. large-copy-bytes
  std::vector<std::string> Excludes;           // path globs
  /// `vendored:` path globs (memlint/Vendored.h); "!glob" says the files it
  /// matches are the project's. The last glob that matches a file decides.
  std::vector<std::string> Vendored;
  std::vector<std::string> Packs;              // files loaded, in order

  // Added by the loader; the fields above are the contract the checks use.
  std::map<std::string, Origin> ThresholdOrigins; // where each was set
  std::vector<PackInfo> LoadedPacks;     // parallel to Packs
  std::vector<std::string> ConfigFiles;  // .memlint.yaml files, in order
  /// The real path of each file of Packs and ConfigFiles ("" for none): a
  /// file is loaded once, however it is named.
  std::vector<std::string> LoadedRealPaths;
  std::vector<std::string> PackDirs;     // where `extends: [name]` looks

  /// First container model whose type pattern matches, or nullptr.
  const ContainerModel *findContainer(const std::string &QualifiedName) const;

  /// Effective settings: what .memlint.yaml said, else the rule's default.
  /// An unknown id is disabled (and asserts in debug builds).
  bool isEnabled(const std::string &CheckId) const;
  Severity severity(const std::string &CheckId) const;
  /// Effective threshold: configured value, else the default; 0 if unknown.
  long long threshold(const std::string &Name) const;
  /// Number of API entries over all sections.
  size_t entryCount() const;
};

/// First entry of a section (StreamSources, WholeLoads, Sends, Queries,
/// BoundedTypes, ContainerFunctions) whose Name matches, or nullptr. Entries
/// are tried in load order, so an earlier pack wins over a later one.
template <typename Entry>
const Entry *findFirst(const std::vector<Entry> &Entries,
                       const std::string &QualifiedName) {
  for (const Entry &E : Entries)
    if (E.Name.matches(QualifiedName))
      return &E;
  return nullptr;
}

} // namespace memlint

#endif
