//===- ProgramView.h - indexed, merged facts that verdicts are made from --===//
#ifndef MEMLINT_CHECKS_PROGRAMVIEW_H
#define MEMLINT_CHECKS_PROGRAMVIEW_H

#include "Facts.h"

#include <map>
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

class ProgramView {
public:
  ProgramView(const Facts &F, bool AssumeClosedWorld);

  const Facts &facts() const { return F; }
  /// Every function that can reach the entity has been seen defined.
  bool closed(const Entity &E) const;
  /// Lives beyond one function call (fields: some instance of the owner does).
  bool longLived(const Entity &E) const;
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
  mutable std::map<std::string, bool> LongLived;
};

} // namespace memlint

#endif
