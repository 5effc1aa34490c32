//===- RulesLoaderTest.cpp - Strict validation of rule packs --------------===//
//
// One test per class of malformed input, each asserting the exact
// "file:line:column: message" the user will see.
//
//===----------------------------------------------------------------------===//
#include "memlint/RuleLoader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace memlint;

namespace {

std::vector<std::string> strs(const std::vector<RuleError> &Errors) {
  std::vector<std::string> Out;
  for (const RuleError &E : Errors)
    Out.push_back(E.str());
  return Out;
}

// Loads \p Text as pack "p.yaml"; returns the errors as strings.
std::vector<std::string> packErrors(const std::string &Text,
                                    RuleSet *Into = nullptr) {
  RuleSet Local;
  std::vector<RuleError> Errors;
  bool Ok = loadPackText(Text, "p.yaml", Into ? *Into : Local, Errors);
  EXPECT_EQ(Ok, Errors.empty());
  return strs(Errors);
}

std::vector<std::string> configErrors(const std::string &Text,
                                      RuleSet *Into = nullptr) {
  RuleSet Local;
  std::vector<RuleError> Errors;
  bool Ok = loadUserConfigText(Text, "/nonexistent-memlint-test/.memlint.yaml",
                               Into ? *Into : Local, Errors);
  EXPECT_EQ(Ok, Errors.empty());
  return strs(Errors);
}

using Strings = std::vector<std::string>;

const char *const ValidPack = R"Y(schema: 1
pack: t
description: a test pack
containers:
  - id: t.container.chan
    types: [my::Chan, "re:my::(Ring|Queue)"]
    contiguous: true
    methods:
      put: grow
      take: pop
      size: size
container_functions:
  - id: t.function.drain
    name: my::drain
    args: [0]
    effect: clear
stream_sources:
  - id: t.stream.next
    name: my::Reader::next
    form: method
whole_loads:
  - id: t.load.all
    name: my::loadAll
    alternative: my::Reader
    sql_arg: 1
sends:
  - id: t.send.post
    name: my::Bus::post
    kind: message
    payload: [0, 2]
  - id: t.send.spawn
    name: my::spawn
    kind: task
    payload_from: 1
queries:
  - id: t.query.q
    name: my::Db::query
    sql_arg: 0
    single_row: false
    streaming: true
bounded_types:
  - id: t.bounded.lru
    name: my::Lru
callables:
  - id: t.callable.bind
    name: my::bind
    kind: bind
    callable: 0
  - id: t.callable.on_done
    name: "re:my::Timer::(on_done|after)"
    kind: callback
    callable: last
    holder: object
  - id: t.callable.connect
    name: my::connect
    kind: callback
    callable: 2
    holder: arg
    holder_arg: 0
  - id: t.callable.spawn
    name: my::spawn
    kind: thread
    callable: "last"
    holder: none
type_erased:
  - id: t.type_erased.box
    name: my::Box
forks:
  - id: t.forks.spawn
    name: my::spawn_process
test_and_set:
  - id: t.test_and_set.flag
    name: my::Flag::test_and_set
  - id: t.test_and_set.swap
    name: "re:my::(Bool|Word)::swap"
    value: 1
)Y";

TEST(RulesLoader, WholeLoadFilterArg) {
  RuleSet R;
  EXPECT_EQ(packErrors("schema: 1\npack: t\nwhole_loads:\n"
                       "  - id: t.load.scan\n    name: my::scan\n"
                       "    alternative: my::next\n    filter_arg: 2\n",
                       &R),
            Strings{});
  ASSERT_EQ(R.WholeLoads.size(), 1u);
  EXPECT_EQ(R.WholeLoads[0].FilterArg, 2);
}

// What a sorted result needs: a whole load's comparison argument, a
// container function over a pair of iterators, a source that can sort.
TEST(RulesLoader, SortFields) {
  RuleSet R;
  EXPECT_EQ(packErrors("schema: 1\npack: t\nwhole_loads:\n"
                       "  - id: t.load.scan\n    name: my::scan\n"
                       "    alternative: my::next\n    sort_arg: 3\n"
                       "container_functions:\n"
                       "  - {id: t.f.sort, name: my::sort, args: [0, 1], "
                       "iterators: true, effect: sort}\n"
                       "stream_sources:\n"
                       "  - {id: t.s.rows, name: my::next_row, form: call, "
                       "can_order: true}\n",
                       &R),
            Strings{});
  ASSERT_EQ(R.WholeLoads.size(), 1u);
  EXPECT_EQ(R.WholeLoads[0].SortArg, 3);
  EXPECT_EQ(R.WholeLoads[0].FilterArg, -1);
  ASSERT_EQ(R.ContainerFunctions.size(), 1u);
  EXPECT_TRUE(R.ContainerFunctions[0].Iterators);
  EXPECT_EQ(R.ContainerFunctions[0].Effect, ContainerEffect::Sort);
  ASSERT_EQ(R.StreamSources.size(), 1u);
  EXPECT_TRUE(R.StreamSources[0].CanOrder);
  // A pair of iterators is two arguments.
  EXPECT_EQ(packErrors("schema: 1\npack: t\ncontainer_functions:\n"
                       "  - {id: t.f, name: f, args: [0], iterators: true, "
                       "effect: sort}\n"),
            Strings{"p.yaml:4:35: 'iterators: true' needs exactly two 'args', "
                    "the first and the last iterator"});
  EXPECT_EQ(packErrors("schema: 1\npack: t\nwhole_loads:\n"
                       "  - {id: t.w, name: f, alternative: g, sort_arg: x}\n"),
            Strings{"p.yaml:4:50: 'sort_arg' must be an integer from 0 to 63, "
                    "got 'x'"});
}

TEST(RulesLoader, ValidPackFillsEverySection) {
  RuleSet R;
  EXPECT_EQ(packErrors(ValidPack, &R), Strings{});
  ASSERT_EQ(R.Containers.size(), 1u);
  const ContainerModel &C = R.Containers[0];
  EXPECT_EQ(C.Id, "t.container.chan");
  ASSERT_EQ(C.Types.size(), 2u);
  EXPECT_TRUE(C.Contiguous);
  EXPECT_FALSE(C.Associative);
  EXPECT_EQ(C.KeyArg, -1);
  EXPECT_EQ(C.Methods.at("put"), ContainerEffect::Grow);
  EXPECT_EQ(C.Methods.at("take"), ContainerEffect::Pop);
  EXPECT_EQ(C.Methods.at("size"), ContainerEffect::Size);
  EXPECT_EQ(C.From.File, "p.yaml");
  EXPECT_EQ(C.From.Line, 5u);
  EXPECT_EQ(C.From.Column, 5u);
  EXPECT_EQ(R.findContainer("my::Queue"), &C);
  EXPECT_EQ(R.findContainer("my::Queues"), nullptr);

  ASSERT_EQ(R.ContainerFunctions.size(), 1u);
  EXPECT_EQ(R.ContainerFunctions[0].Effect, ContainerEffect::Clear);
  EXPECT_EQ(R.ContainerFunctions[0].Args, std::vector<unsigned>{0});
  EXPECT_FALSE(R.ContainerFunctions[0].Iterators);
  ASSERT_EQ(R.StreamSources.size(), 1u);
  EXPECT_EQ(R.StreamSources[0].Form, "method");
  EXPECT_FALSE(R.StreamSources[0].CanOrder);
  ASSERT_EQ(R.WholeLoads.size(), 1u);
  EXPECT_EQ(R.WholeLoads[0].Alternative, "my::Reader");
  EXPECT_EQ(R.WholeLoads[0].SqlArg, 1);
  EXPECT_EQ(R.WholeLoads[0].FilterArg, -1);
  EXPECT_EQ(R.WholeLoads[0].SortArg, -1);
  ASSERT_EQ(R.Sends.size(), 2u);
  EXPECT_EQ(R.Sends[0].Payload, (std::vector<unsigned>{0, 2}));
  EXPECT_FALSE(R.Sends[0].PayloadFromArg);
  EXPECT_EQ(R.Sends[1].Payload, std::vector<unsigned>{1});
  EXPECT_TRUE(R.Sends[1].PayloadFromArg);
  ASSERT_EQ(R.Queries.size(), 1u);
  EXPECT_EQ(R.Queries[0].SqlArg, 0);
  EXPECT_FALSE(R.Queries[0].SingleRow);
  EXPECT_TRUE(R.Queries[0].Streaming);
  ASSERT_EQ(R.BoundedTypes.size(), 1u);
  EXPECT_EQ(findFirst(R.BoundedTypes, "my::Lru"), &R.BoundedTypes[0]);
  ASSERT_EQ(R.Callables.size(), 4u);
  const CallableApi &Bind = R.Callables[0];
  EXPECT_EQ(Bind.Kind, "bind");
  EXPECT_EQ(Bind.Callable, 0);
  EXPECT_EQ(Bind.Holder, "none"); // a bind holds nothing for later
  EXPECT_EQ(Bind.HolderArg, -1);
  const CallableApi *Timer = findFirst(R.Callables, "my::Timer::after");
  ASSERT_NE(Timer, nullptr);
  EXPECT_EQ(Timer->Id, "t.callable.on_done");
  EXPECT_EQ(Timer->Kind, "callback");
  EXPECT_EQ(Timer->Callable, -1);
  EXPECT_EQ(Timer->Holder, "object");
  EXPECT_EQ(R.Callables[2].Callable, 2);
  EXPECT_EQ(R.Callables[2].Holder, "arg");
  EXPECT_EQ(R.Callables[2].HolderArg, 0);
  EXPECT_EQ(R.Callables[3].Kind, "thread");
  EXPECT_EQ(R.Callables[3].Callable, -1);
  EXPECT_EQ(R.Callables[3].Holder, "none");
  EXPECT_EQ(R.Callables[3].From.Line, 60u);
  ASSERT_EQ(R.TypeErased.size(), 1u);
  EXPECT_EQ(findFirst(R.TypeErased, "my::Box"), &R.TypeErased[0]);
  ASSERT_EQ(R.Forks.size(), 1u);
  EXPECT_EQ(R.Forks[0].Id, "t.forks.spawn");
  EXPECT_EQ(findFirst(R.Forks, "my::spawn_process"), &R.Forks[0]);
  EXPECT_EQ(R.Forks[0].From.Line, 69u);
  ASSERT_EQ(R.TestAndSet.size(), 2u);
  EXPECT_EQ(findFirst(R.TestAndSet, "my::Flag::test_and_set"),
            &R.TestAndSet[0]);
  EXPECT_EQ(R.TestAndSet[0].Value, -1); // no value: the call always sets
  EXPECT_EQ(findFirst(R.TestAndSet, "my::Word::swap"), &R.TestAndSet[1]);
  EXPECT_EQ(R.TestAndSet[1].Id, "t.test_and_set.swap");
  EXPECT_EQ(R.TestAndSet[1].Value, 1);
  EXPECT_EQ(R.TestAndSet[1].From.Line, 74u);
  EXPECT_EQ(R.entryCount(), 16u);

  EXPECT_EQ(R.Packs, Strings{"p.yaml"});
  ASSERT_EQ(R.LoadedPacks.size(), 1u);
  EXPECT_EQ(R.LoadedPacks[0].Name, "t");
  EXPECT_EQ(R.LoadedPacks[0].Description, "a test pack");
}

TEST(RulesLoader, UnknownKey) {
  EXPECT_EQ(packErrors(R"Y(schema: 1
pack: t
bounded_types:
  - id: t.b
    name: my::Lru
    nmae: x
)Y"),
            Strings{"p.yaml:6:5: unknown key 'nmae' in bounded_types entry "
                    "(did you mean 'name'?)"});
  EXPECT_EQ(packErrors("schema: 1\npack: t\nwhatever: 1\n"),
            Strings{"p.yaml:3:1: unknown key 'whatever' at the top level of a "
                    "pack (expected one of: schema, pack, description, "
                    "containers, container_functions, stream_sources, "
                    "whole_loads, sends, queries, bounded_types, backpressure, "
                    "forks, test_and_set, pure, callables, type_erased)"});
  // A configuration's keys are not a pack's.
  EXPECT_EQ(packErrors("schema: 1\npack: t\nextends: [std]\n"),
            Strings{"p.yaml:3:1: unknown key 'extends' at the top level of a "
                    "pack (expected one of: schema, pack, description, "
                    "containers, container_functions, stream_sources, "
                    "whole_loads, sends, queries, bounded_types, backpressure, "
                    "forks, test_and_set, pure, callables, type_erased)"});
}

TEST(RulesLoader, DuplicateYamlKey) {
  EXPECT_EQ(packErrors(R"Y(schema: 1
pack: t
bounded_types:
  - id: t.b
    name: my::Lru
    name: my::Other
)Y"),
            Strings{"p.yaml:6:5: duplicate key 'name' (first at 5:5)"});
}

TEST(RulesLoader, WrongNodeType) {
  EXPECT_EQ(packErrors(R"Y(schema: 1
pack: t
containers:
  - id: t.c
    types: my::Chan
    methods: [put]
)Y"),
            (Strings{"p.yaml:5:12: 'types' must be a list of type names or "
                     "'re:' patterns, got a string",
                     "p.yaml:6:14: 'methods' must be a map of method name to "
                     "effect, got a list"}));
  EXPECT_EQ(packErrors("schema: 1\npack: t\nsends: {}\n"),
            Strings{"p.yaml:3:8: 'sends' must be a list of entries, got a "
                    "map"});
  EXPECT_EQ(packErrors("schema: 1\npack: t\nqueries:\n  - my::Db::query\n"),
            Strings{"p.yaml:4:5: each queries entry must be a map, got a "
                    "string"});
  // An empty value is null; the error points at its key.
  EXPECT_EQ(packErrors("schema: 1\npack: t\nbounded_types:\n"
                       "  - id: t.b\n    name:\n"),
            Strings{"p.yaml:5:5: 'name' must be a name or 're:' pattern, got "
                    "null"});
  EXPECT_EQ(packErrors("schema: 1\npack: t\nqueries:\n"
                       "  - {id: t.q, name: f, single_row: \"true\"}\n"),
            Strings{"p.yaml:4:36: 'single_row' must be true or false, got the "
                    "quoted string 'true'"});
  EXPECT_EQ(packErrors("schema: 1\npack: t\nwhole_loads:\n"
                       "  - {id: t.w, name: f, alternative: g, filter_arg: -1}\n"),
            Strings{"p.yaml:4:52: 'filter_arg' must be an integer from 0 to "
                    "63, got '-1'"});
  EXPECT_EQ(packErrors("schema: 1\npack: t\nqueries:\n"
                       "  - {id: t.q, name: f, sql_arg: 64}\n"),
            Strings{"p.yaml:4:33: 'sql_arg' must be an integer from 0 to 63, "
                    "got '64'"});
  EXPECT_EQ(packErrors("schema: 1\npack: t\nqueries:\n"
                       "  - {id: t.q, name: f, single_row: yes}\n"),
            Strings{"p.yaml:4:36: 'single_row' must be true or false, got "
                    "'yes'"});
}

TEST(RulesLoader, BadRegexAndBadName) {
  EXPECT_EQ(packErrors(R"Y(schema: 1
pack: t
whole_loads:
  - id: t.l
    name: "re:my::(load"
    alternative: stream it
  - id: t.m
    name: my::load<int>
    alternative: stream it
)Y"),
            (Strings{"p.yaml:5:11: invalid regular expression 'my::(load': "
                     "parentheses not balanced",
                     "p.yaml:8:11: invalid name 'my::load<int>': template "
                     "arguments are not part of a name (write the template's "
                     "name alone, e.g. 'std::vector')"}));
  EXPECT_EQ(packErrors("schema: 1\npack: t\ncontainers:\n"
                       "  - id: t.c\n    types: [\"re:[\"]\n"
                       "    methods: {push: grow}\n"),
            Strings{"p.yaml:5:13: invalid regular expression '[': brackets "
                    "([ ]) not balanced"});
  EXPECT_EQ(packErrors("schema: 1\npack: t\ncontainers:\n"
                       "  - id: t.c\n    types: [my::C]\n"
                       "    methods: {\"push back\": grow}\n"),
            Strings{"p.yaml:6:15: invalid method name 'push back' (an "
                    "unqualified name such as 'push_back' or 'operator[]')"});
}

TEST(RulesLoader, BadEnumValue) {
  EXPECT_EQ(packErrors(R"Y(schema: 1
pack: t
containers:
  - id: t.c
    types: [my::C]
    methods:
      push: grows
container_functions:
  - id: t.f
    name: my::f
    args: [0]
    effect: shrink
stream_sources:
  - id: t.s
    name: my::next
    form: function
sends:
  - id: t.send
    name: my::post
    kind: threads
    payload: [0]
)Y"),
            (Strings{"p.yaml:7:13: invalid effect 'grows' for method 'push' "
                     "(did you mean 'grow'?)",
                     "p.yaml:12:13: invalid value 'shrink' for 'effect' "
                     "(expected one of: grow, erase, pop, pop_last, clear, resize, "
                     "assign, consume, reserve, release, lookup, size, index, sort, "
                     "read)",
                     "p.yaml:16:11: invalid value 'function' for 'form' "
                     "(expected one of: call, method, iterator-type)",
                     "p.yaml:20:11: invalid value 'threads' for 'kind' (did "
                     "you mean 'thread'?)"}));
}

TEST(RulesLoader, MissingField) {
  EXPECT_EQ(packErrors(R"Y(schema: 1
pack: t
containers:
  - id: t.c
    types: [my::C]
sends:
  - name: my::post
    kind: message
    payload: [0]
  - id: t.s2
    name: my::post2
    kind: message
containers_ok: 1
)Y"),
            (Strings{"p.yaml:4:5: containers entry is missing required key "
                     "'methods'",
                     "p.yaml:7:5: sends entry is missing required key 'id'",
                     "p.yaml:10:5: sends entry is missing required key "
                     "'payload' or 'payload_from'",
                     "p.yaml:13:1: unknown key 'containers_ok' at the top level "
                     "of a pack (did you mean 'containers'?)"}));
  EXPECT_EQ(packErrors("schema: 1\ndescription: no name\n"),
            Strings{"p.yaml:1:1: pack is missing required key 'pack'"});
  EXPECT_EQ(packErrors("schema: 1\npack: t\ncontainers:\n"
                       "  - {id: t.c, types: [my::M], associative: true, "
                       "methods: {}}\n"),
            Strings{"p.yaml:4:5: associative containers entry is missing "
                    "required key 'key_arg'"});
  EXPECT_EQ(packErrors("schema: 1\npack: t\ncontainers:\n"
                       "  - {id: t.c, types: [my::M], key_arg: 0, "
                       "methods: {}}\n"),
            Strings{"p.yaml:4:31: 'key_arg' requires 'associative: true'"});
  EXPECT_EQ(packErrors("schema: 1\npack: t\nsends:\n"
                       "  - {id: t.s, name: f, kind: task, payload: [0], "
                       "payload_from: 1}\n"),
            Strings{"p.yaml:4:50: use either 'payload' or 'payload_from', not "
                    "both"});
}

TEST(RulesLoader, Callables) {
  // Every way an entry can be wrong, one per entry.
  EXPECT_EQ(packErrors(R"Y(schema: 1
pack: t
callables:
  - {id: t.a, name: my::a, kind: callbak, callable: 0, holder: none}
  - {id: t.b, name: my::b, kind: callback, callable: lsat, holder: object}
  - {id: t.c, name: my::c, kind: callback, callable: 64, holder: object}
  - {id: t.d, name: my::d, kind: callback, callable: [0], holder: object}
  - {id: t.e, name: my::e, kind: callback, callable: "0", holder: object}
  - {id: t.f, name: my::f, kind: callback, callable: 0}
  - {id: t.g, name: my::g, kind: thread, callable: 0, holder: arg}
  - {id: t.h, name: my::h, kind: callback, callable: 0, holder: object, holder_arg: 1}
  - {id: t.i, name: my::i, kind: callback, callable: 1, holder: arg, holder_arg: 1}
  - {id: t.j, name: my::j, kind: bind, callable: 0, holder: object}
  - {id: t.k, name: my::k, kind: callback, callable: 0, holder: owner}
  - {id: t.l, name: my::l, kind: bind, callable: 0, holder_arg: 1}
  - {id: t.m, name: my::m, kind: bind, holder: none}
  - {id: t.n, name: my::n, kind: bind, callable: 0, holdr: none}
  - {id: t.q, name: my::q, kind: thread, callable: 0, holder: none, ends_on_close: true}
  - {id: t.s, name: my::s, kind: callback, callable: 0, holder: object, placeholders: my::ph}
type_erased:
  - {id: t.o, name: "my::Any<int>"}
  - {id: t.p}
)Y"),
            (Strings{
                "p.yaml:4:34: invalid value 'callbak' for 'kind' (did you "
                "mean 'callback'?)",
                "p.yaml:5:54: 'callable' must be an argument index from 0 to "
                "63 or 'last', got 'lsat' (did you mean 'last'?)",
                "p.yaml:6:54: 'callable' must be an integer from 0 to 63, got "
                "'64'",
                "p.yaml:7:54: 'callable' must be an argument index from 0 to "
                "63 or 'last', got a list",
                "p.yaml:8:54: 'callable' must be an argument index from 0 to "
                "63 or 'last', got '0'",
                "p.yaml:9:5: callables entry is missing required key 'holder' "
                "(object, arg or none) for kind 'callback'",
                "p.yaml:10:5: callables entry is missing required key "
                "'holder_arg' (with 'holder: arg')",
                "p.yaml:11:73: 'holder_arg' requires 'holder: arg'",
                "p.yaml:12:82: 'holder_arg' and 'callable' name the same "
                "argument 1",
                "p.yaml:13:61: 'holder' of a 'kind: bind' entry must be 'none' "
                "(the callable it returns holds the bound arguments)",
                "p.yaml:14:65: invalid value 'owner' for 'holder' (expected "
                "one of: object, arg, none)",
                "p.yaml:15:53: 'holder_arg' requires 'holder: arg'",
                "p.yaml:16:5: callables entry is missing required key "
                "'callable'",
                "p.yaml:17:53: unknown key 'holdr' in callables entry (did "
                "you mean 'holder'?)",
                "p.yaml:18:69: 'ends_on_close' requires 'kind: callback' (an "
                "operation that holds the callable until it ends)",
                "p.yaml:19:73: 'placeholders' requires 'kind: bind'",
                "p.yaml:21:21: invalid name 'my::Any<int>': template "
                "arguments are not part of a name (write the template's name "
                "alone, e.g. 'std::vector')",
                "p.yaml:22:5: type_erased entry is missing required key "
                "'name'"}));
}

TEST(RulesLoader, ForksAndTestAndSet) {
  EXPECT_EQ(packErrors(R"Y(schema: 1
pack: t
forks:
  - {id: t.a}
  - {id: t.b, name: "my::spawn<int>"}
  - {id: t.c, name: my::spawn, value: 0}
test_and_set:
  - {id: t.d, name: my::F::set, value: 64}
  - {id: t.e, name: my::F::set, value: -1}
  - {id: t.f, name: my::F::set, value: first}
  - {id: t.g, name: my::F::set, value: [0]}
  - {id: t.h, value: 0}
  - {id: t.i, name: my::F::set, vaule: 0}
)Y"),
            (Strings{
                "p.yaml:4:5: forks entry is missing required key 'name'",
                "p.yaml:5:21: invalid name 'my::spawn<int>': template "
                "arguments are not part of a name (write the template's name "
                "alone, e.g. 'std::vector')",
                "p.yaml:6:32: unknown key 'value' in forks entry (expected "
                "one of: id, name, override)",
                "p.yaml:8:40: 'value' must be an integer from 0 to 63, got "
                "'64'",
                "p.yaml:9:40: 'value' must be an integer from 0 to 63, got "
                "'-1'",
                "p.yaml:10:40: 'value' must be an integer from 0 to 63, got "
                "'first'",
                "p.yaml:11:40: 'value' must be an integer from 0 to 63, got a "
                "list",
                "p.yaml:12:5: test_and_set entry is missing required key "
                "'name'",
                "p.yaml:13:33: unknown key 'vaule' in test_and_set entry (did "
                "you mean 'value'?)"}));
}

TEST(RulesLoader, UnsupportedSchema) {
  // Nothing else is checked: a newer schema may have keys we do not know.
  EXPECT_EQ(packErrors("schema: 2\npack: t\nnew_section: []\n"),
            Strings{"p.yaml:1:9: unsupported schema version 2 (this memlint "
                    "reads schema 1)"});
  EXPECT_EQ(packErrors("pack: t\ncontainers: []\n"),
            Strings{"p.yaml:1:1: pack is missing required key 'schema'"});
  EXPECT_EQ(packErrors("schema: one\npack: t\n"),
            Strings{"p.yaml:1:9: 'schema' must be an integer from 0 to "
                    "2147483647, got 'one'"});
  EXPECT_EQ(configErrors("schema: 0\n"),
            Strings{"/nonexistent-memlint-test/.memlint.yaml:1:9: unsupported "
                    "schema version 0 (this memlint reads schema 1)"});
}

TEST(RulesLoader, YamlSyntaxError) {
  EXPECT_EQ(packErrors("schema: 1\npack: t\ncontainers: [\n"),
            Strings{"p.yaml:4:1: YAML syntax error: end of sequence flow not "
                    "found"});
  EXPECT_EQ(packErrors("schema: 1\npack: t: u\n"),
            Strings{"p.yaml:2:8: YAML syntax error: illegal map value"});
  // yaml-cpp 0.7's LoadAll loops forever on this one (found by the fuzzer).
  EXPECT_EQ(packErrors(","),
            Strings{"p.yaml:1:1: YAML syntax error: unexpected ',' outside a "
                    "flow collection"});
  EXPECT_EQ(packErrors("  , schema: 1\n"),
            Strings{"p.yaml:1:3: YAML syntax error: unexpected ',' outside a "
                    "flow collection"});
}

TEST(RulesLoader, NotARuleFile) {
  EXPECT_EQ(packErrors(""),
            Strings{"p.yaml:1:1: empty file: expected a map starting with "
                    "'schema: 1'"});
  EXPECT_EQ(packErrors("# only a comment\n"),
            Strings{"p.yaml:1:1: empty file: expected a map starting with "
                    "'schema: 1'"});
  EXPECT_EQ(packErrors("- schema: 1\n"),
            Strings{"p.yaml:1:1: a rule file must be a map of keys, got a "
                    "list"});
  EXPECT_EQ(packErrors("schema: 1\npack: t\n---\nschema: 1\n"),
            Strings{"p.yaml:3:1: a rule file holds one YAML document; a "
                    "second one starts here"});
}

TEST(RulesLoader, DuplicateIdWithinAFile) {
  EXPECT_EQ(packErrors(R"Y(schema: 1
pack: t
bounded_types:
  - id: t.x
    name: my::A
queries:
  - id: t.x
    name: my::q
)Y"),
            Strings{"p.yaml:7:9: duplicate id 't.x' (first defined at "
                    "p.yaml:4:5)"});
}

TEST(RulesLoader, DuplicateIdAcrossTwoFiles) {
  RuleSet R;
  std::vector<RuleError> Errors;
  ASSERT_TRUE(loadPackText("schema: 1\npack: a\nbounded_types:\n"
                           "  - id: shared.id\n    name: my::A\n",
                           "a.yaml", R, Errors));
  EXPECT_FALSE(loadPackText("schema: 1\npack: b\nqueries:\n"
                            "  - name: my::q\n    id: shared.id\n",
                            "b.yaml", R, Errors));
  EXPECT_EQ(strs(Errors),
            Strings{"b.yaml:5:9: duplicate id 'shared.id' (first defined at "
                    "a.yaml:4:5; add 'override: true' to replace it)"});
  EXPECT_EQ(R.Queries.size(), 0u);
  EXPECT_EQ(R.Packs, Strings{"a.yaml"});
}

TEST(RulesLoader, DuplicatePackName) {
  RuleSet R;
  std::vector<RuleError> Errors;
  ASSERT_TRUE(loadPackText("schema: 1\npack: a\n", "a.yaml", R, Errors));
  EXPECT_FALSE(loadPackText("schema: 1\npack: a\n", "a2.yaml", R, Errors));
  EXPECT_EQ(strs(Errors), Strings{"a2.yaml:2:7: pack 'a' is already loaded "
                                  "from a.yaml"});
}

TEST(RulesLoader, FileWithAnErrorAddsNothing) {
  RuleSet R;
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadPackText(std::string(ValidPack) + "description2: x\n",
                            "p.yaml", R, Errors));
  EXPECT_EQ(Errors.size(), 1u);
  EXPECT_EQ(R.entryCount(), 0u);
  EXPECT_TRUE(R.Packs.empty());
  EXPECT_TRUE(R.LoadedPacks.empty());
}

TEST(RulesLoader, ReportsEveryErrorSortedByPosition) {
  // Sections are processed in a fixed order, errors come out in file order.
  EXPECT_EQ(packErrors(R"Y(schema: 1
pack: t
queries:
  - {id: t.q, name: f, sql_arg: x}
containers:
  - {id: t.c, types: [], methods: {a: b}}
)Y"),
            (Strings{"p.yaml:4:33: 'sql_arg' must be an integer from 0 to 63, "
                     "got 'x'",
                     "p.yaml:6:22: 'types' must not be empty",
                     "p.yaml:6:39: invalid effect 'b' for method 'a' (expected "
                     "one of: grow, erase, pop, pop_last, clear, resize, assign, "
                     "consume, reserve, release, lookup, size, index, sort, read)"}));
}

TEST(RulesLoader, GarbageNeverThrows) {
  const char *const Inputs[] = {
      "\x00\x01\x02",       "{{{{", "[[[[[[", "&a [*a]", "!!binary xyz",
      "schema: 1\npack: t\ncontainers: *nope\n",
      "? [a, b]\n: c\n",    "schema: 1\npack: t\n? [x]\n: 1\n"};
  for (const char *In : Inputs) {
    RuleSet R;
    std::vector<RuleError> Errors;
    EXPECT_FALSE(loadPackText(std::string(In), "g.yaml", R, Errors)) << In;
    EXPECT_FALSE(Errors.empty()) << In;
  }
  // Deep nesting is yaml-cpp's recursion limit, not a stack overflow.
  RuleSet R;
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadPackText(std::string(100000, '['), "deep.yaml", R, Errors));
  ASSERT_EQ(Errors.size(), 1u);
}

TEST(RulesLoader, ErrorFormat) {
  RuleError E{"f.yaml", 3, 7, "boom"};
  EXPECT_EQ(E.str(), "f.yaml:3:7: boom");
  RuleError NoPos{"f.yaml", 0, 0, "cannot read file: gone"};
  EXPECT_EQ(NoPos.str(), "f.yaml: cannot read file: gone");
}

TEST(RulesLoader, UnreadableFile) {
  RuleSet R;
  std::vector<RuleError> Errors;
  EXPECT_FALSE(loadPack("/nonexistent-memlint-test/x.yaml", R, Errors));
  EXPECT_EQ(strs(Errors),
            Strings{"/nonexistent-memlint-test/x.yaml: cannot read file: No "
                    "such file or directory"});
  Errors.clear();
  EXPECT_FALSE(loadPack("/", R, Errors));
  EXPECT_EQ(strs(Errors), Strings{"/: cannot read file: not a regular file"});
}

} // namespace
