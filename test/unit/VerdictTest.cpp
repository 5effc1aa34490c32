//===- VerdictTest.cpp - entity verdicts over synthetic, merged facts -----===//
//
// The cross-TU logic needs no AST: facts are plain data. These tests build the
// facts two translation units would record and check what is decided once
// they are merged, in either order.
//
//===----------------------------------------------------------------------===//
#include "Analysis.h"
#include "facts/Facts.h"

#include "memlint/RuleSet.h"

#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

using namespace memlint;

namespace {

Loc at(const char *File, unsigned Line) { return Loc{File, Line, 5, 0}; }

Entity member(const char *Id, const char *Name, std::vector<std::string> Reachers) {
  Entity E;
  E.Id = Id;
  E.Name = Name;
  E.Kind = EntityKind::Field;
  E.Decl = at("/p/service.h", 10);
  E.Container = "std-vector";
  E.OwnerClass = "c:@S@Service";
  E.OwnerName = "Service";
  E.Reachers = std::move(Reachers);
  return E;
}

Event event(const char *Entity, EventKind K, Loc L, const char *Fn,
            unsigned Flags = 0) {
  Event E;
  E.Entity = Entity;
  E.Kind = K;
  E.At = L;
  E.Function = Fn;
  E.Flags = Flags;
  return E;
}

void define(Facts &F, const char *Fn) {
  F.Functions[Fn].Id = Fn;
  F.Functions[Fn].Traits |= FnDefined;
}

std::vector<Finding> decideAll(std::vector<Facts> TUs, bool Closed = false) {
  Facts All;
  for (const Facts &F : TUs)
    All.merge(F);
  All.normalize();
  RuleSet Rules;
  AnalysisOptions Opts;
  Opts.Rules = &Rules;
  std::string Error;
  Opts.Checks = *CheckFilter::parse("-*,unbounded-container-growth", Error);
  Opts.AssumeClosedWorld = Closed;
  return decide(All, Opts);
}

const char *Items = "c:@S@Service@FI@items_";

// a.cpp grows Service::items_ in add(); b.cpp erases in trim().
Facts tuA() {
  Facts F;
  F.Entities[Items] = member(Items, "Service::items_", {"c:@S@Service@F@add#", "c:@S@Service@F@trim#"});
  F.Events.push_back(event(Items, EventKind::Grow, at("/p/a.cpp", 7), "c:@S@Service@F@add#"));
  define(F, "c:@S@Service@F@add#");
  return F;
}
Facts tuB() {
  Facts F;
  F.Entities[Items] = member(Items, "Service::items_", {"c:@S@Service@F@add#", "c:@S@Service@F@trim#"});
  F.Events.push_back(event(Items, EventKind::Erase, at("/p/b.cpp", 3), "c:@S@Service@F@trim#"));
  define(F, "c:@S@Service@F@trim#");
  return F;
}

} // namespace

TEST(Verdict, OneTUIsNotAClosedWorldForAMemberReachedElsewhere) {
  // a.cpp alone: trim() is not defined here, so nothing is decided.
  EXPECT_TRUE(decideAll({tuA()}).empty());
}

TEST(Verdict, BoundInAnotherTUSilencesTheGrowth) {
  EXPECT_TRUE(decideAll({tuA(), tuB()}).empty());
  EXPECT_TRUE(decideAll({tuB(), tuA()}).empty());
}

TEST(Verdict, GrowthWithTheWholeWorldSeenIsReportedOnce) {
  Facts B = tuB();
  B.Events.clear(); // trim() defined but bounds nothing
  auto Findings = decideAll({tuA(), B, tuA()});
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_EQ(Findings[0].Rule, "unbounded-container-growth");
  EXPECT_EQ(Findings[0].At, at("/p/a.cpp", 7));
  ASSERT_FALSE(Findings[0].Notes.empty());
  EXPECT_EQ(Findings[0].Notes[0].Message, "'Service::items_' declared here");
}

TEST(Verdict, AssumeClosedWorldJudgesWhatIsSeen) {
  auto Findings = decideAll({tuA()}, /*Closed=*/true);
  EXPECT_EQ(Findings.size(), 1u);
}

TEST(Verdict, LocalOnlyInstancesAreNotLongLived) {
  Facts A = tuA(), B = tuB();
  B.Events.clear();
  A.Instances.push_back({"c:@S@Service", InstanceKind::Local, ""});
  EXPECT_TRUE(decideAll({A, B}).empty());
  // One instance that is a member of a long-lived class is enough.
  B.Instances.push_back({"c:@S@Service", InstanceKind::MemberOf, "c:@S@App"});
  B.Instances.push_back({"c:@S@App", InstanceKind::Static, ""});
  EXPECT_EQ(decideAll({A, B}).size(), 1u);
}

TEST(Verdict, HelperEffectsFollowTheFlow) {
  // add() passes items_ to append(std::vector<int>&), defined in b.cpp.
  Facts A = tuA();
  A.Events.clear();
  Flow Fl;
  Fl.From = Items;
  Fl.Callee = "c:@F@append#";
  Fl.Param = 0;
  Fl.At = at("/p/a.cpp", 9);
  Fl.Function = "c:@S@Service@F@add#";
  A.Flows.push_back(Fl);
  Facts B = tuB();
  B.Events.clear();
  Entity P;
  P.Id = "c:@F@append##0";
  P.Kind = EntityKind::Param;
  P.Name = "out";
  P.AlwaysClosed = true;
  P.Container = "std-vector";
  B.Entities[P.Id] = P;
  B.Events.push_back(event("c:@F@append##0", EventKind::Grow, at("/p/b.cpp", 20), "c:@F@append#"));
  define(B, "c:@F@append#");
  auto Findings = decideAll({A, B});
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_EQ(Findings[0].At, at("/p/a.cpp", 9)); // reported at the call

  // The same helper, never defined anywhere: unknown effect, no finding.
  B.Functions.clear();
  B.Events.clear();
  EXPECT_TRUE(decideAll({A, B}).empty());
}

TEST(Verdict, MemoCachesAndDestructorsAndGuards) {
  Facts A = tuA(), B = tuB();
  B.Events.clear();
  // Clearing in the destructor bounds nothing while the object lives.
  B.Events.push_back(event(Items, EventKind::Clear, at("/p/b.cpp", 30), "c:@S@Service@F@~Service#", InDestructor));
  EXPECT_EQ(decideAll({A, B}).size(), 1u);
  // Looked up and filled in the same function: left to unbounded-memoization.
  Facts M = B;
  M.Events.push_back(event(Items, EventKind::Lookup, at("/p/a.cpp", 6), "c:@S@Service@F@add#"));
  Facts KeyedA = A;
  KeyedA.Events[0].Flags |= KeyFromInput;
  EXPECT_TRUE(decideAll({KeyedA, M}).empty());
  // Keyed by something other than the function's input: plain growth.
  EXPECT_EQ(decideAll({A, M}).size(), 1u);
  // A growth that a size check guards is no finding.
  Facts G = tuA();
  G.Events[0].Flags = SizeGuarded;
  EXPECT_TRUE(decideAll({G, B}).empty());
}

TEST(Facts, JSONRoundTrip) {
  Facts F = tuA();
  F.Instances.push_back({"c:@S@Service", InstanceKind::MemberOf, "c:@S@App"});
  F.Functions["c:@S@Service@F@add#"].Name = "Service::add";
  F.Calls.push_back({"c:@S@Service@F@add#", "c:@F@helper#", CallKind::Virtual,
                     at("/p/a.cpp", 8), InLoop, at("/p/a.cpp", 7),
                     {"c:@S@Service@FI@items_"}, "each element of 'v'"});
  F.Callables.push_back({"fn:c:@F@cb#", "c:@S@Service@FI@on_done_",
                         "c:@S@Service", "Service", "on_done_", false,
                         at("/p/a.cpp", 9)});
  F.Aliases.push_back({"c:@S@Service@F@items#ret", Items});
  F.Calls.back().CollectionAt = at("/p/a.cpp", 7);
  F.Calls.back().CollectionCall = true;
  F.Calls.back().CalleeName = "on_row_";
  F.Calls.back().ArgParams = {-1, 0};
  F.Calls.back().ArgSql = {SqlNotPerItem, SqlElement};
  F.Effects.push_back({"c:@F@helper#", EffectKind::Query, "sqlite3_exec",
                       at("/p/a.cpp", 12), 1, SqlNotPerItem});
  F.Stores.push_back({"c:@S@Channel@F@push#", 0, "c:@S@Channel@FI@q_",
                      at("/p/a.cpp", 14)});
  Handoff H;
  H.Caller = "c:@F@produce#";
  H.Callee = "c:@S@Channel@F@push#";
  H.Kind = CallKind::Virtual;
  H.At = at("/p/a.cpp", 20);
  H.Name = "batch";
  H.Type = "std::vector<int>";
  H.Decl = at("/p/a.cpp", 18);
  H.RvalueOverload = true;
  H.Fix = {Replacement{at("/p/a.cpp", 20), at("/p/a.cpp", 20), "std::move("}};
  F.Handoffs.push_back(H);
  F.normalize();
  llvm::json::Value V = toJSON(F);
  Facts Back;
  std::string Error;
  ASSERT_TRUE(fromJSON(V, Back, Error)) << Error;
  EXPECT_EQ(llvm::json::Value(toJSON(Back)), V);
  ASSERT_EQ(Back.Calls.size(), 1u);
  EXPECT_EQ(Back.Calls[0].ArgParams, (std::vector<int>{-1, 0}));
  EXPECT_EQ(Back.Calls[0].ArgSql,
            (std::vector<unsigned>{SqlNotPerItem, SqlElement}));
  ASSERT_EQ(Back.Handoffs.size(), 1u);
  EXPECT_EQ(Back.Handoffs[0].Kind, CallKind::Virtual);
  EXPECT_EQ(Back.Handoffs[0].Fix.size(), 1u);
  ASSERT_EQ(Back.Stores.size(), 1u);
  EXPECT_EQ(Back.Effects[0].Sql, static_cast<unsigned>(SqlNotPerItem));
}

TEST(Facts, MalformedJSONIsAnErrorNotACrash) {
  Facts Back;
  std::string Error;
  EXPECT_FALSE(fromJSON(llvm::json::Value(42), Back, Error));
  EXPECT_FALSE(Error.empty());
  llvm::json::Object O{{"entities", llvm::json::Array{llvm::json::Object{{"id", 1}}}},
                       {"events", llvm::json::Array{}},
                       {"flows", llvm::json::Array{}},
                       {"instances", llvm::json::Array{}},
                       {"defined", llvm::json::Array{}},
                       {"functionNames", llvm::json::Object{}}};
  Error.clear();
  EXPECT_FALSE(fromJSON(llvm::json::Value(std::move(O)), Back, Error));
  EXPECT_NE(Error.find("malformed facts"), std::string::npos);
}
