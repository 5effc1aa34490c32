//===- ProgramView.h - indexed, merged facts that verdicts are made from --===//
#ifndef MEMLINT_CHECKS_PROGRAMVIEW_H
#define MEMLINT_CHECKS_PROGRAMVIEW_H

#include "Facts.h"

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

/// An insertion that fills a memo cache: keyed by the function's input, and
/// either looked up in the same function first or tested right after
/// (try_emplace, a lazily filled operator[] slot).
bool isMemoInsert(const EffectiveEvent &Ev,
                  const std::set<std::string> &LookupFunctions);

/// "its 'Service' object lives" / "the program runs".
std::string lifetimeOf(const Entity &E);

class ProgramView {
public:
  ProgramView(const Facts &F, bool AssumeClosedWorld);

  const Facts &facts() const { return F; }
  /// Every function that can reach the entity has been seen defined.
  bool closed(const Entity &E) const;
  /// Lives beyond one function call (fields: some instance of the owner does).
  bool longLived(const Entity &E) const;
  /// Closed and long-lived: an entity rule may judge it.
  bool judgeable(const Entity &E) const {
    return E.Kind != EntityKind::Param && closed(E) && longLived(E);
  }
  /// The entity's events, plus those of the helpers it is passed to.
  std::vector<EffectiveEvent> effectiveEvents(const std::string &EntityId) const;
  std::string functionName(const std::string &Usr) const;

private:
  bool longLivedClass(const std::string &Class) const;

  const Facts &F;
  bool AssumeClosedWorld;
  std::map<std::string, std::vector<const Event *>> EventsOf;
  std::map<std::string, std::vector<const Flow *>> FlowsFrom;
  std::map<std::string, std::vector<const Instance *>> InstancesOf;
  /// (function, entity) pairs where the function reads the entity's size.
  std::set<std::pair<std::string, std::string>> SizeReaders;
  mutable std::map<std::string, bool> LongLived;
};

} // namespace memlint

#endif
