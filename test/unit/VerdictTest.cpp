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

TEST(Verdict, PointerMemberIsJudgedOnlyWhenEveryTUShowsItOwned) {
  // `std::vector<int> *items_;`: a.cpp grows what it points to; b.cpp (the
  // rest of the class) stores into it. Judged only when some TU stores a
  // new container and none stores anything else, whatever the order.
  Facts A = tuA(), B = tuB();
  B.Events.clear();
  A.Entities[Items].Pointer = B.Entities[Items].Pointer = true;
  EXPECT_TRUE(decideAll({A, B}).empty()); // no store seen: not owned
  B.Entities[Items].Allocated = true;
  EXPECT_EQ(decideAll({A, B}).size(), 1u);
  EXPECT_EQ(decideAll({B, A}).size(), 1u);
  A.Entities[Items].Borrowed = true; // a.cpp also stores a parameter
  EXPECT_TRUE(decideAll({A, B}).empty());
  EXPECT_TRUE(decideAll({B, A}).empty());
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

std::vector<Finding> decideRule(std::vector<Facts> TUs, const char *Rule) {
  Facts All;
  for (const Facts &F : TUs)
    All.merge(F);
  All.normalize();
  RuleSet Rules;
  AnalysisOptions Opts;
  Opts.Rules = &Rules;
  std::string Error;
  Opts.Checks = *CheckFilter::parse(std::string("-*,") + Rule, Error);
  return decide(All, Opts);
}

Function function(const char *Id, const char *Name, unsigned Traits = FnDefined) {
  Function Fn;
  Fn.Id = Id;
  Fn.Name = Name;
  Fn.Traits = Traits;
  return Fn;
}

// loop.cpp: `for (id : ids) repo.find(id);` through Repo::find (virtual);
// repo.cpp: SqlRepo::find overrides it and calls run(sql) with fixed SQL;
// db.cpp: run(sql) queries with its parameter's text.
const char *Loop = "c:@F@loop#", *Find = "c:@S@Repo@F@find#I#",
           *SqlFind = "c:@S@SqlRepo@F@find#I#", *Run = "c:@F@run#&1$@S@string#";
Facts loopTU() {
  Facts F;
  F.Functions[Loop] = function(Loop, "loop");
  F.Functions[Find] = function(Find, "Repo::find", FnVirtual);
  Call C{Loop, Find, CallKind::Virtual, at("/p/loop.cpp", 4), InLoop,
         at("/p/loop.cpp", 3), {}, "each element of 'ids'"};
  C.CollectionAt = at("/p/loop.cpp", 3);
  F.Calls.push_back(C);
  return F;
}
Facts repoTU(const char *Sql = "") {
  Facts F;
  F.Functions[SqlFind] = function(SqlFind, "SqlRepo::find", FnDefined | FnVirtual);
  F.Functions[SqlFind].Overrides = {Find};
  F.Functions[Run] = function(Run, "run", 0);
  Call C{SqlFind, Run, CallKind::Direct, at("/p/repo.cpp", 8)};
  if (std::string(Sql) == "batch")
    C.ArgSql = {SqlNotPerItem};
  if (std::string(Sql) == "param")
    C.ArgParams = {0};
  F.Calls.push_back(C);
  return F;
}
Facts dbTU() {
  Facts F;
  F.Functions[Run] = function(Run, "run");
  F.Effects.push_back({Run, EffectKind::Query, "sqlite3_exec", at("/p/db.cpp", 2), 0});
  return F;
}

// Local findings are ranked by what drives the function they are in, once
// the facts are merged: main calls config() once, serve() in its loop.
TEST(Verdict, LocalFindingsRankedByTheirDrivers) {
  const char *Main = "c:@F@main#", *Config = "c:@F@config#",
             *Serve = "c:@F@serve#";
  Facts F;
  F.Functions[Main] = function(Main, "main", FnDefined | FnMain);
  F.Functions[Config] = function(Config, "config");
  F.Functions[Serve] = function(Serve, "serve");
  F.Calls.push_back(Call{Main, Config, CallKind::Direct, at("/p/main.cpp", 3)});
  F.Calls.push_back(Call{Main, Serve, CallKind::Direct, at("/p/main.cpp", 5),
                         InLoop | UntilLoop, at("/p/main.cpp", 4)});
  F.normalize();
  auto Local = [](const char *Fn, unsigned Line) {
    Finding L;
    L.Rule = "stream-accumulation";
    L.At = at("/p/io.cpp", Line);
    L.Message = "m";
    L.Notes.push_back({L.At, "why; fix"});
    L.Function = Fn;
    return L;
  };
  RuleSet Rules;
  AnalysisOptions Opts;
  Opts.Rules = &Rules;
  std::string Error;
  Opts.Checks = *CheckFilter::parse("-*,stream-accumulation", Error);
  std::vector<Finding> Out =
      decide(F, Opts, {Local(Config, 1), Local(Serve, 2), Local("", 3),
                       Local("c:@F@dead#", 4)});
  ASSERT_EQ(Out.size(), 4u);
  EXPECT_EQ(Out[0].Conf, Confidence::Low);
  ASSERT_EQ(Out[0].Notes.size(), 3u);
  EXPECT_EQ(Out[0].Notes[0].Message, "it runs only during setup: 'config' "
                                     "runs only from 'main' outside its loops");
  EXPECT_EQ(Out[0].Notes[1].Message, "setup starts here: 'main' outside its loops");
  EXPECT_EQ(Out[0].Notes[1].At, at("/p/main.cpp", 3));
  EXPECT_EQ(Out[0].Notes[2].Message, "why; fix");
  EXPECT_EQ(Out[1].Conf, Confidence::Medium);
  ASSERT_EQ(Out[1].Notes.size(), 3u);
  EXPECT_EQ(Out[1].Notes[0].Message,
            "it runs once per call of 'serve' (reached from a loop in 'main')");
  // No function, or one no fact names: as the rule left it.
  for (size_t I : {2u, 3u}) {
    EXPECT_EQ(Out[I].Conf, Confidence::Medium);
    EXPECT_EQ(Out[I].Notes.size(), 1u);
  }
}

TEST(Verdict, QueryInLoopThroughVirtualCallsAcrossTUs) {
  std::vector<Finding> Out = decideRule({loopTU(), repoTU(), dbTU()}, "query-in-loop");
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].At, at("/p/loop.cpp", 4));
  EXPECT_EQ(Out[0].Message, "'Repo::find' runs a query ('sqlite3_exec') once for "
                            "each element of 'ids'");
  ASSERT_EQ(Out[0].Notes.size(), 3u);
  EXPECT_EQ(Out[0].Notes[0].At, at("/p/loop.cpp", 3));
  EXPECT_EQ(Out[0].Notes[1].At, at("/p/db.cpp", 2));
  EXPECT_EQ(Out[0].Notes[1].Message,
            "'Repo::find' runs a query (via 'SqlRepo::find' -> 'run' -> "
            "'sqlite3_exec')");
  // Merge order does not matter.
  EXPECT_EQ(decideRule({dbTU(), repoTU(), loopTU()}, "query-in-loop").size(), 1u);
  // Without the TU that defines the override, nothing reaches a query.
  EXPECT_TRUE(decideRule({loopTU(), dbTU()}, "query-in-loop").empty());
  // The SQL the override passes is a batch: not a query per item.
  EXPECT_TRUE(decideRule({loopTU(), repoTU("batch"), dbTU()}, "query-in-loop").empty());
  // The override passes its own parameter on: the loop's call decides, and
  // Repo::find's argument (an id) carries no SQL text.
  EXPECT_EQ(decideRule({loopTU(), repoTU("param"), dbTU()}, "query-in-loop").size(), 1u);
  Facts Batch = loopTU();
  Batch.Calls[0].ArgSql = {SqlNotPerItem};
  EXPECT_TRUE(decideRule({Batch, repoTU("param"), dbTU()}, "query-in-loop").empty());
  // A call that is not in a collection loop is no finding.
  Facts Once = loopTU();
  Once.Calls[0].CollectionLoop.clear();
  EXPECT_TRUE(decideRule({Once, repoTU(), dbTU()}, "query-in-loop").empty());
}

TEST(Verdict, QueryInLoopRecursionTerminates) {
  // a -> b -> c -> a, and only c queries; the loop calls a.
  const char *A = "c:@F@a#", *B = "c:@F@b#", *C = "c:@F@c#";
  Facts F = loopTU();
  F.Calls[0].Callee = A;
  F.Calls[0].Kind = CallKind::Direct;
  F.Functions[A] = function(A, "a");
  F.Functions[B] = function(B, "b");
  F.Functions[C] = function(C, "c");
  F.Calls.push_back({A, B, CallKind::Direct, at("/p/r.cpp", 1)});
  F.Calls.push_back({B, C, CallKind::Direct, at("/p/r.cpp", 2)});
  F.Calls.push_back({C, A, CallKind::Direct, at("/p/r.cpp", 3)});
  F.Calls.push_back({A, A, CallKind::Direct, at("/p/r.cpp", 4)});
  std::vector<Finding> Out = decideRule({F}, "query-in-loop");
  EXPECT_TRUE(Out.empty());
  F.Effects.push_back({C, EffectKind::Query, "PQexec", at("/p/r.cpp", 9), -1});
  Out = decideRule({F}, "query-in-loop");
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Notes[1].Message, "'a' runs a query (via 'b' -> 'c' -> 'PQexec')");
}

// channel.cpp: Channel::push(const Batch &) hands its parameter to
// enqueue(), which stores it into q_; pop() takes entries out.
// producer.cpp: produce() hands a large local to push() for the last time.
const char *Push = "c:@S@Channel@F@push#&1$@S@Batch#",
           *Enqueue = "c:@S@Channel@F@enqueue#&1$@S@Batch#",
           *Pop = "c:@S@Channel@F@pop#", *Queue = "c:@S@Channel@FI@q_";
Facts channelTU(bool Consumer = true) {
  Facts F;
  Entity Q = member(Queue, "Channel::q_", {Push, Enqueue, Pop});
  Q.OwnerClass = "c:@S@Channel";
  Q.Concurrent = true;
  F.Entities[Queue] = Q;
  F.Functions[Push] = function(Push, "Channel::push");
  F.Functions[Enqueue] = function(Enqueue, "Channel::enqueue");
  Call C{Push, Enqueue, CallKind::Direct, at("/p/channel.cpp", 3)};
  C.ArgParams = {0};
  F.Calls.push_back(C);
  F.Stores.push_back({Enqueue, 0, Queue, at("/p/channel.cpp", 6)});
  F.Events.push_back(event(Queue, EventKind::Grow, at("/p/channel.cpp", 6), Enqueue));
  if (Consumer)
    F.Events.push_back(event(Queue, EventKind::Pop, at("/p/channel.cpp", 9), Pop));
  return F;
}
Facts producerTU() {
  Facts F;
  Handoff H;
  H.Caller = "c:@F@produce#";
  H.Callee = Push;
  H.At = at("/p/producer.cpp", 4);
  H.Name = "batch";
  H.Type = "Batch";
  H.Decl = at("/p/producer.cpp", 3);
  F.Handoffs.push_back(H);
  return F;
}

TEST(Verdict, CopyIntoUserChannelAcrossTUs) {
  std::vector<Finding> Out =
      decideRule({producerTU(), channelTU()}, "large-copy-into-send");
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].At, at("/p/producer.cpp", 4));
  EXPECT_EQ(Out[0].Message,
            "'batch' (a 'Batch') is copied whole into the queue 'Channel::q_'");
  EXPECT_EQ(Out[0].Notes[0].At, at("/p/channel.cpp", 6));
  EXPECT_EQ(Out[0].Notes[0].Message,
            "'Channel::push' stores its argument in 'Channel::q_' here (via "
            "'Channel::enqueue')");
  EXPECT_TRUE(Out[0].Fix.empty());
  // Merge order does not matter; the producer alone decides nothing.
  EXPECT_EQ(decideRule({channelTU(), producerTU()}, "large-copy-into-send").size(), 1u);
  EXPECT_TRUE(decideRule({producerTU()}, "large-copy-into-send").empty());
  // Storage, not a channel: nothing takes entries out.
  EXPECT_TRUE(decideRule({producerTU(), channelTU(false)}, "large-copy-into-send").empty());
  // push() does not hand its parameter on: only enqueue() stores.
  Facts NoPass = channelTU();
  NoPass.Calls[0].ArgParams.clear();
  EXPECT_TRUE(decideRule({producerTU(), NoPass}, "large-copy-into-send").empty());
  // A safe move (an rvalue overload) is a fix-it.
  Facts Movable = producerTU();
  Movable.Handoffs[0].RvalueOverload = true;
  Movable.Handoffs[0].Fix = {Replacement{at("/p/producer.cpp", 4), at("/p/producer.cpp", 4), "std::move("}};
  Out = decideRule({Movable, channelTU()}, "large-copy-into-send");
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_TRUE(Out[0].FixIsSafe);
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
  F.Calls.back().Branches = {Scope{at("/p/a.cpp", 6), false, 1}};
  F.Events.back().Scopes = {Scope{at("/p/a.cpp", 6), true, 2}};
  F.Entities[Items].HandleElements = true;
  F.Entities[Items].Pointer = true;
  F.Entities[Items].Allocated = true;
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
  F.Calls.back().LocalArgs = 0b10;
  F.Calls.back().NewArgs = 0b10;
  F.Calls.back().GuardCalls = {"c:@S@Cmd@F@may_retry#1"};
  F.Calls.back().ReceiverParam = 1;
  F.Events.back().Receiver = receiverParam(1);
  F.Resets.push_back({"c:@S@Context", at("/p/a.cpp", 22), "c:@F@handle#"});
  F.Functions["c:@S@Service@F@add#"].SharedCaptures = {"c:@S@Join"};
  F.Functions["c:@S@Service@F@add#"].SharedCaptureNames = {"Join"};
  F.Functions["c:@S@Service@F@add#"].KeptCaptures = {"c:@S@Join"};
  Function &Lambda = F.Functions["c:@S@Service@F@add#@Sa@F@operator()#1"];
  Lambda.Id = "c:@S@Service@F@add#@Sa@F@operator()#1";
  Lambda.Traits = FnLambda | FnDefined;
  Lambda.Enclosing = "c:@S@Service@F@add#";
  F.Callables.back().Initializes = true;
  OwnEdge Edge;
  Edge.From = "c:@S@Service";
  Edge.To = "c:@S@Conn";
  Edge.Field = "conn_";
  Edge.Holder = "c:@S@Service@FI@conn_";
  Edge.Kind = OwnKind::Unique;
  F.Edges.push_back(Edge);
  F.Releases.push_back({"c:@S@Service@FI@conn_", ReleaseKind::Move,
                        at("/p/a.cpp", 24), "c:@S@Service@F@stop#",
                        InLambda});
  F.Specializations.push_back({"c:@S@Holder>#$@S@Conn", "c:@ST>1#T@Holder"});
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
  ASSERT_EQ(Back.Calls[0].Branches.size(), 1u);
  EXPECT_EQ(Back.Calls[0].Branches[0].Arm, 1u);
  ASSERT_EQ(Back.Events[0].Scopes.size(), 1u);
  EXPECT_EQ(Back.Events[0].Scopes[0].Arm, 2u);
  EXPECT_TRUE(Back.Events[0].Scopes[0].ReadsSize);
  EXPECT_TRUE(Back.Entities[Items].HandleElements);
  EXPECT_TRUE(Back.Entities[Items].Pointer);
  EXPECT_TRUE(Back.Entities[Items].Allocated);
  EXPECT_FALSE(Back.Entities[Items].Borrowed);
  EXPECT_EQ(Back.Calls[0].LocalArgs, 0b10u);
  EXPECT_EQ(Back.Events[0].Receiver, receiverParam(1));
  ASSERT_EQ(Back.Resets.size(), 1u);
  EXPECT_EQ(Back.Resets[0].Class, "c:@S@Context");
  EXPECT_EQ(Back.Resets[0].Function, "c:@F@handle#");
  EXPECT_EQ(Back.Functions["c:@S@Service@F@add#"].KeptCaptures,
            (std::vector<std::string>{"c:@S@Join"}));
  EXPECT_EQ(Back.Functions["c:@S@Service@F@add#@Sa@F@operator()#1"].Enclosing,
            "c:@S@Service@F@add#");
  ASSERT_EQ(Back.Callables.size(), 1u);
  EXPECT_TRUE(Back.Callables[0].Initializes);
  ASSERT_EQ(Back.Edges.size(), 1u);
  EXPECT_EQ(Back.Edges[0].Holder, "c:@S@Service@FI@conn_");
  ASSERT_EQ(Back.Releases.size(), 1u);
  EXPECT_EQ(Back.Releases[0].Kind, ReleaseKind::Move);
  EXPECT_EQ(Back.Releases[0].Flags, static_cast<unsigned>(InLambda));
  ASSERT_EQ(Back.Specializations.size(), 1u);
  EXPECT_EQ(Back.Specializations[0].Pattern, "c:@ST>1#T@Holder");
}

TEST(Facts, HandleElementsOnlyWhenEveryTUSaysSo) {
  // A class template whose instantiations differ: a vector of pointers in
  // one TU, of strings in another. The merged entity has handle elements
  // only if every TU saw handles, whatever the merge order.
  Facts Pointers = tuA(), Strings = tuB();
  Pointers.Entities[Items].HandleElements = true;
  for (bool PointersFirst : {true, false}) {
    Facts M;
    M.merge(PointersFirst ? Pointers : Strings);
    M.merge(PointersFirst ? Strings : Pointers);
    M.normalize();
    EXPECT_FALSE(M.Entities[Items].HandleElements);
  }
  Facts Both;
  Both.merge(Pointers);
  Both.merge(Pointers);
  EXPECT_TRUE(Both.Entities[Items].HandleElements);
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
