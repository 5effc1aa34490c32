//===- RulesPatternTest.cpp - NamePattern, enums, defaults ----------------===//
#include "memlint/RuleSet.h"

#include <gtest/gtest.h>

using namespace memlint;

namespace {

NamePattern mustParse(const std::string &Text) {
  std::string Error;
  auto P = NamePattern::parse(Text, Error);
  EXPECT_TRUE(P) << Text << ": " << Error;
  return P ? *P : NamePattern();
}

std::string parseError(const std::string &Text) {
  std::string Error;
  auto P = NamePattern::parse(Text, Error);
  EXPECT_FALSE(P) << Text;
  return Error;
}

TEST(RulesNamePattern, ExactMatchesWholeNameOnly) {
  NamePattern P = mustParse("std::vector");
  EXPECT_FALSE(P.isRegex());
  EXPECT_EQ(P.text(), "std::vector");
  EXPECT_TRUE(P.matches("std::vector"));
  EXPECT_FALSE(P.matches("std::vector2"));
  EXPECT_FALSE(P.matches("xstd::vector"));
  EXPECT_FALSE(P.matches("std::vecto"));
  EXPECT_FALSE(P.matches("vector"));
  EXPECT_FALSE(P.matches(""));
}

TEST(RulesNamePattern, LeadingColonsNameTheGlobalNamespace) {
  EXPECT_TRUE(mustParse("::getline").matches("getline"));
  EXPECT_TRUE(mustParse("getline").matches("::getline"));
  EXPECT_FALSE(mustParse("getline").matches("std::getline"));
}

TEST(RulesNamePattern, OperatorsDestructorsAndConversions) {
  for (const char *Name :
       {"std::operator>>", "std::basic_istream::operator>>",
        "std::map::operator[]", "Foo::operator()", "Foo::~Foo",
        "Foo::operator bool", "Foo::operator std::string", "operator new[]",
        "Foo::operator<=>", "operator\"\"_kb"})
    EXPECT_TRUE(mustParse(Name).matches(Name)) << Name;
}

TEST(RulesNamePattern, RegexIsAnchored) {
  NamePattern P = mustParse("re:std::(vector|deque)");
  EXPECT_TRUE(P.isRegex());
  EXPECT_EQ(P.text(), "re:std::(vector|deque)");
  EXPECT_TRUE(P.matches("std::vector"));
  EXPECT_TRUE(P.matches("std::deque"));
  EXPECT_FALSE(P.matches("std::vector2"));
  EXPECT_FALSE(P.matches("my::std::vector"));
  EXPECT_FALSE(P.matches("std::list"));
}

TEST(RulesNamePattern, ExplicitAnchorsAreAccepted) {
  NamePattern P = mustParse("re:^std::(vector|deque)$");
  EXPECT_TRUE(P.matches("std::deque"));
  EXPECT_FALSE(P.matches("std::dequeue"));
  NamePattern Any = mustParse("re:.*::send");
  EXPECT_TRUE(Any.matches("zmq::socket_t::send"));
  EXPECT_FALSE(Any.matches("zmq::socket_t::send_more"));
}

// matches() compares a regex's literal start before running it: the
// shapes where that start is shorter than it looks.
TEST(RulesNamePattern, RegexLiteralStartKeepsEveryMatch) {
  struct Case {
    const char *Pattern, *Name;
    bool Matches;
  } Cases[] = {
      {"re:recv|recvfrom|recvmsg", "recvfrom", true},
      {"re:recv|recvfrom|recvmsg", "recvmmsg", false},
      {"re:QString|QByteArray", "QByteArray", true},
      {"re:zmq_send|zmq_send_const", "zmq_send_const", true},
      {"re:read|pread|preadv", "pread", true},    // no common start
      {"re:read|pread|preadv", "preadv", true},
      {"re:read|pread|preadv", "readv", false},
      {"re:sqlite3_prepare(_v2|_v3)?", "sqlite3_prepare", true},
      {"re:std::promise::set_value(_at_thread_exit)?",
       "std::promise::set_value", true},
      {"re:colou?r", "color", true},             // optional last character
      {"re:ab*c", "ac", true},                   // starred last character
      {"re:ab+c", "abbc", true},
      {"re:(boost::)?asio::post", "asio::post", true},
      {"re:(boost::)?asio::post", "boost::asio::post", true},
      {"re:[a-z]+::send", "zmq::send", true},    // bracket first
      {"re:x[]|]y", "x|y", true},                // ']' and '|' in brackets
      {"re:x[]|]y|z", "z", true},
      {"re:a\\.b|a.c", "axc", true},           // escaped, then '.'
      {"re:a\\.b|a.c", "a.b", true},
      {"re:.*::send", "zmq::send", true},
      {"re:std::[A-Za-z_:]*::size", "std::vector::size", true},
      {"re:std::[A-Za-z_:]*::size", "boost::vector::size", false},
      {"re:[[:alpha:]]+::x", "ab::x", true},
  };
  for (const Case &C : Cases)
    EXPECT_EQ(mustParse(C.Pattern).matches(C.Name), C.Matches)
        << C.Pattern << " on '" << C.Name << "'";
}

TEST(RulesNamePattern, BadRegex) {
  EXPECT_EQ(parseError("re:std::(vector"),
            "invalid regular expression 'std::(vector': parentheses not "
            "balanced");
  EXPECT_EQ(parseError("re:"), "empty regular expression after 're:'");
  EXPECT_EQ(parseError("re:a{1,255}"),
            "invalid regular expression 'a{1,255}': counted repetition "
            "'{m,n}' is not supported in name patterns");
  EXPECT_EQ(parseError("re:(a)\\1"),
            "invalid regular expression '(a)\\1': back-references are not "
            "supported in name patterns");
}

TEST(RulesNamePattern, BadExactNames) {
  EXPECT_EQ(parseError("std::vector<int>"),
            "invalid name 'std::vector<int>': template arguments are not part "
            "of a name (write the template's name alone, e.g. 'std::vector')");
  EXPECT_EQ(parseError("std:vector"),
            "invalid name 'std:vector': use '::' between name components");
  EXPECT_EQ(parseError("std::(vector|deque)"),
            "invalid name 'std::(vector|deque)': not a plain name (a regular "
            "expression needs the 're:' prefix)");
  EXPECT_EQ(parseError("std::"), "invalid name 'std::': empty name component");
  EXPECT_EQ(parseError(""), "invalid name '': empty name");
  EXPECT_EQ(parseError("std vector"),
            "invalid name 'std vector': unexpected whitespace");
}

TEST(RulesNamePattern, DefaultConstructedMatchesNothing) {
  NamePattern P;
  EXPECT_FALSE(P.matches(""));
  EXPECT_FALSE(P.matches("std::vector"));
}

TEST(RulesEnums, EffectNamesRoundTrip) {
  for (const char *Name : {"grow", "erase", "pop", "pop_last", "clear", "resize", "assign",
                           "consume", "reserve", "release", "lookup", "size",
                           "read"}) {
    auto E = containerEffectFromString(Name);
    ASSERT_TRUE(E) << Name;
    EXPECT_STREQ(toString(*E), Name);
  }
  EXPECT_FALSE(containerEffectFromString("Grow"));
  EXPECT_FALSE(containerEffectFromString(""));
}

TEST(RulesEnums, SeverityNamesRoundTrip) {
  EXPECT_EQ(severityFromString("note"), Severity::Note);
  EXPECT_EQ(severityFromString("warning"), Severity::Warning);
  EXPECT_EQ(severityFromString("error"), Severity::Error);
  EXPECT_FALSE(severityFromString("fatal"));
}

TEST(RulesDefaults, NineChecksSortedWithDefaults) {
  std::vector<std::string> Ids;
  for (const CheckInfo &C : knownChecks())
    Ids.push_back(C.Id);
  EXPECT_EQ(Ids, (std::vector<std::string>{
                     "capacity-retention", "large-copy-into-send",
                     "query-in-loop", "shared-ptr-cycle", "stream-accumulation",
                     "unbounded-container-growth", "unbounded-memoization",
                     "unbounded-queue", "whole-collection-load"}));
  RuleSet Empty;
  for (const CheckInfo &C : knownChecks()) {
    EXPECT_EQ(Empty.isEnabled(C.Id), C.EnabledByDefault);
    EXPECT_EQ(Empty.severity(C.Id), C.DefaultSeverity);
  }
  EXPECT_EQ(Empty.threshold("large-copy-bytes"), 4096);
}

TEST(RulesDefaults, FindFirstAndFindContainerUseLoadOrder) {
  RuleSet R;
  ContainerModel A, B;
  A.Id = "a";
  A.Types = {mustParse("re:std::.*")};
  B.Id = "b";
  B.Types = {mustParse("std::vector")};
  R.Containers = {A, B};
  ASSERT_TRUE(R.findContainer("std::vector"));
  EXPECT_EQ(R.findContainer("std::vector")->Id, "a");
  EXPECT_EQ(R.findContainer("QList"), nullptr);

  QueryApi Q1, Q2;
  Q1.Id = "q1";
  Q1.Name = mustParse("PQexec");
  Q2.Id = "q2";
  Q2.Name = mustParse("re:PQ.*");
  R.Queries = {Q1, Q2};
  EXPECT_EQ(findFirst(R.Queries, "PQexec")->Id, "q1");
  EXPECT_EQ(findFirst(R.Queries, "PQexecParams")->Id, "q2");
  EXPECT_EQ(findFirst(R.Queries, "sqlite3_exec"), nullptr);
}

} // namespace
