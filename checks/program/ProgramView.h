//===- ProgramView.h - merged facts, indexed, that verdicts are made from -===//
//
// The whole-program step: the merged facts of every translation unit, the
// call graph built from their summaries (CallGraph.h), and the questions
// entity rules ask of them: which events reach an entity (directly, through
// helpers' parameters, through functions that return a reference to it,
// through pointers to members), whether the world is closed for it, whether
// it outlives a call, and whether a lookup and an insert form a memo.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_PROGRAM_PROGRAMVIEW_H
#define MEMLINT_CHECKS_PROGRAM_PROGRAMVIEW_H

#include "Finding.h"
#include "facts/Facts.h"
#include "program/CallGraph.h"
#include "program/Drivers.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace memlint {

/// An event on an entity, possibly reached through helpers: then At is the
/// outermost call, Inner the event inside the helper.
struct EffectiveEvent {
  Event E;
  Loc Inner;
  std::string Helper; // parameter entity the event came through
};

/// Erase, pop, clear, resize, assign, consume, escape: something that keeps
/// the container from only growing (outside its destructor).
bool isBound(const EffectiveEvent &Ev);

/// Functions that look the container up (find, count, contains).
std::set<std::string> lookupFunctions(const std::vector<EffectiveEvent> &Events);

/// Sibling members of one class, of one container type, judged by one rule
/// are one design choice (`get_handlers_`, `post_handlers_`, ...): the
/// Finding::Group they share; "" for anything but a member.
/// \p Way says how it grows (the flags of the reported site, its driver).
std::string siblingGroup(const std::string &Rule, const Entity &E,
                         const std::string &Way = "");

/// "its 'Service' object lives" / "the program runs".
std::string lifetimeOf(const Entity &E);

/// Ordered: the longest-lived instance of a class decides its lifetime.
enum class Lifetime {
  Short,     // every instance is a local (or inside one)
  Operation, // at most a heap object one operation creates and hands on
  Unknown,   // no instance seen
  Long,      // static, kept by a long-lived member, or the program's
};

/// How sure a finding about growth is, from what drives its growth sites
/// (program/Drivers.h), what they add and how long the container lives.
struct GrowthJudgement {
  const EffectiveEvent *Site = nullptr; // the site to report: the steadiest
  Confidence Conf = Confidence::Medium;
  /// Why, as a note at Site: "it grows once per call of 'Server::onRequest'
  /// (reached from a callback the event loop runs)", "it is filled during
  /// setup: ...", or "".
  std::string Note;
  /// How it grows, for grouping sibling members (siblingGroup).
  std::string Way;
  /// Where the driver of Site starts (ProgramView::driverNote); At is
  /// invalid when no call site does.
  memlint::Note Driver;
};

class ProgramView {
public:
  /// \p TestCode tells test and benchmark files: what only they drive is
  /// not the program's steady state (Drivers).
  ProgramView(const Facts &F, bool AssumeClosedWorld,
              bool WholeProgram = false, FileFilter TestCode = {});

  const Facts &facts() const { return F; }
  const CallGraph &graph() const { return G; }
  const Drivers &drivers() const { return D; }
  /// Every function that can reach the entity has been seen defined; for a
  /// container a public accessor hands out by reference, every caller of
  /// the accessor has been seen too (the whole program was analyzed).
  bool closed(const Entity &E) const;
  /// Lives beyond one function call (fields: some instance of the owner
  /// does; captures: some lambda owning it is stored somewhere long-lived).
  bool longLived(const Entity &E) const;
  /// Long: some instance is static, kept on the heap by the program (a
  /// long-lived member, a static, code run at setup, its own callbacks),
  /// or inside one that is; Operation: at most created on the heap once
  /// per operation and handed on (or inside one); Short: every instance is
  /// a local (or inside one); Unknown: no instance was seen (a library type
  /// its users create, or a class only an uninstantiated derived class
  /// uses).
  Lifetime lifetime(const Entity &E) const;
  /// A container of its own (no proxy, no pointer member that does not
  /// own what it points to), closed and long-lived: an entity rule may
  /// judge it.
  bool judgeable(const Entity &E) const {
    return !E.isProxy() && !E.unowned() && closed(E) && longLived(E);
  }
  /// The entity's events, plus those of the helpers it is passed to and of
  /// the proxies that stand for it.
  std::vector<EffectiveEvent> effectiveEvents(const std::string &EntityId) const;
  /// An insertion that fills a memo cache: keyed by the function's input,
  /// and either tested right after (try_emplace, a lazily filled slot) or
  /// looked up first in the same call chain (a lookup in one helper and the
  /// insert in another, both called from one function).
  bool isMemoInsert(const EffectiveEvent &Ev,
                    const std::set<std::string> &LookupFunctions) const;
  /// The consumer of a queue: an event that takes entries out, outside its
  /// destructor and outside the functions that push (\p PushFunctions):
  /// a pop; and in a class shared between threads also the whole backlog
  /// swapped or moved out, or read whole and then emptied (`write(q_);
  /// q_.clear();`). Erasing chosen keys is bookkeeping, and without threads
  /// a swap is as likely a reset. Nor does a function that calls a pushing
  /// one itself (directly, or through one more direct call) consume: it
  /// takes what its own operation made (a response built by a helper and
  /// then taken whole). nullptr when there is none.
  const EffectiveEvent *
  consumer(const Entity &E, const std::vector<EffectiveEvent> &Events,
           const std::set<std::string> &PushFunctions) const;
  /// Judges growth \p Sites (non-empty) of \p E: High when one is steady
  /// state and adds what the program was given to a container that is
  /// certainly long-lived; Low when all run at setup, in a builder, once,
  /// or (\p Registry: a container that is only grown, never consumed) add
  /// configuration; Medium otherwise. A queue's or a cache's elements are
  /// work and results, whatever their type.
  GrowthJudgement judgeGrowth(const Entity &E,
                              const std::vector<const EffectiveEvent *> &Sites,
                              bool Registry = false) const;
  /// What drives an event: its function's driver, or steady state when it
  /// sits in a loop that runs until something happens (an event loop: a
  /// thread's `for (;;) { wait(); drain(); }` started at setup).
  Driver siteDriver(const Event &E) const;
  /// Only test or benchmark code drives the event (Drivers: the root of
  /// its function's driver is in test code, and no loop of its own that
  /// runs until something happens drives it).
  bool testOnly(const Event &E) const;
  /// How a steady event recurs, for notes ("it grows " + this): "once per
  /// call of 'F' (reached from a loop in 'main' via ...)", or "on every
  /// turn of the loop in 'F', which runs until something happens".
  std::string recurrence(const Event &E) const;
  /// What alone runs \p Fn, for notes after "it is filled during setup"
  /// or "only test or benchmark code runs it": ": 'F' runs only from 'main'
  /// outside its loops (via ...)", or ", in 'main'" for main itself.
  std::string onlyFrom(const std::string &Fn,
                       const std::string &File = "") const;
  /// A note at the call that drives \p Fn (the call in main's loop, in an
  /// event loop, in static initialization): "reached from here, a loop in
  /// 'main'". Its At is invalid when no call site drives it (a thread, a
  /// callback, an override, a public API, or nothing).
  /// \p File: where the body in question is (Drivers::of(Fn, File)).
  Note driverNote(const std::string &Fn, const std::string &File = "") const;
  /// What \p Fn adds to \p Entity is bounded by its callers, within \p Up
  /// levels: every call of \p Fn checks the size first (`if (parts_.size()
  /// >= kMax) return; add(p);`, also through a function the condition
  /// calls: `if (cmd->canRetry()) cmd->retry();`), or, when the entity is
  /// a member of an object \p Fn is given (\p Object: -1 its own object, k
  /// its parameter k, NoObject neither), runs on an object the caller made
  /// in this run (`auto c = std::make_shared<C>(); c->retry();`): each
  /// object grows there once. A call through a callable holder counts
  /// where the callable was handed over; one a lambda or a bound callable
  /// makes, where that was handed over (not a level of \p Up). Calls from
  /// \p Fn itself do not count.
  static constexpr int NoObject = -2;
  bool boundByCallers(const std::string &Fn, const std::string &Entity,
                      int Object, unsigned Up, unsigned Hops = 0) const;
  /// The functions that grow it.
  static std::set<std::string>
  growFunctions(const std::vector<EffectiveEvent> &Events);
  /// "Service::add"; "a helper" when no TU named it.
  std::string functionName(const std::string &Usr) const;
  /// The functions that make an object of \p Class on the heap, a new
  /// one on each run, and keep it in a member (`resolver_ =
  /// make_shared<Resolver>(host)`, `peers_[name] = make_shared<Peer>()`;
  /// not `if (!conn_) conn_ = ...`, which makes one once), test code
  /// aside.
  const std::set<std::string> &freshMakers(const std::string &Class) const;

private:
  bool longLivedClass(const std::string &Class) const;
  /// \p Class and every class it is a member or base subobject of, by
  /// value, transitively.
  std::set<std::string> partOf(const std::string &Class) const;
  Lifetime classLifetime(const std::string &Class) const;
  Lifetime heapLifetime(const Instance &I) const;
  bool longLivedHolder(const std::string &Holder,
                       std::set<std::string> &Visiting) const;
  bool guardReadsSize(const std::string &Guard, const std::string &Entity) const;
  /// The call's conditions read \p Entity's size, or call a function that
  /// does (guardReadsSize).
  bool guardedSite(const Call &C, const std::string &Entity) const;

  const Facts &F;
  CallGraph G;
  Drivers D;
  bool AssumeClosedWorld;
  bool WholeProgram;
  std::map<std::string, std::vector<const Event *>> EventsOf;
  std::map<std::string, std::vector<const Flow *>> FlowsFrom;
  std::map<std::string, std::vector<const Instance *>> InstancesOf;
  /// Where objects of a class are given a fresh value, by class.
  std::map<std::string, std::vector<const Reset *>> ResetsOf;
  /// Proxies that stand for an entity (a function's return, a member
  /// pointer), by the entity they alias.
  std::map<std::string, std::vector<std::string>> ProxiesOf;
  /// Functions that read an entity's size, by entity.
  std::map<std::string, std::set<std::string>> SizeReaders;
  /// Calls by caller and place: the call a callable is handed over in.
  std::map<std::pair<std::string, Loc>, std::vector<const Call *>> CallsAt;
  mutable std::map<std::string, Lifetime> LongLived;
  /// Classes whose lifetime is Operation: a function that creates them.
  mutable std::map<std::string, std::string> MadeBy;
  /// Classes whose lifetime is Unknown because what makes them on the heap
  /// and hands them on runs from nothing seen: that function.
  mutable std::map<std::string, std::string> MadeUnseen;
  mutable std::map<std::pair<std::string, std::string>, bool> GuardCache;
  mutable std::map<std::string, std::set<std::string>> Makers;
};

} // namespace memlint

#endif
