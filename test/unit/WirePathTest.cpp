//===- WirePathTest.cpp - paths that are not UTF-8 survive memlint's JSON -===//
#include "FindingJSON.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

using namespace memlint;

TEST(WirePath, Utf8IsItself) {
  for (const char *P : {"/src/a.cpp", "/src/café/naïve.cpp", "", "/a b/c\td.cpp"})
    EXPECT_EQ(encodeWirePath(P), P);
}

TEST(WirePath, InvalidBytesAndTheEscapeRoundTrip) {
  const std::string Cases[] = {std::string("/src/caf\xe9.cpp"),
                               std::string("\x01"), std::string("a\x01" "01b"),
                               std::string("\xc3"), std::string("\xff\xfe\x01\x00z", 5),
                               std::string("\xed\xa0\x80")}; // a surrogate
  for (const std::string &P : Cases) {
    std::string W = encodeWirePath(P);
    EXPECT_TRUE(llvm::json::isUTF8(W)) << W;
    EXPECT_EQ(decodeWirePath(W), P);
  }
}

TEST(WirePath, RandomBytesRoundTripThroughJSON) {
  std::mt19937 Rng(12);
  for (int I = 0; I < 2000; ++I) {
    std::string P(Rng() % 24, '\0');
    for (char &C : P)
      C = char(Rng() % 4 == 0 ? 0x01 : Rng() & 0xff);
    // Through a JSON value and its text, as between the worker processes.
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    OS << llvm::json::Value(encodeWirePath(P));
    llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
    ASSERT_TRUE(bool(V));
    ASSERT_TRUE(V->getAsString().has_value());
    EXPECT_EQ(decodeWirePath(*V->getAsString()), P);
  }
}

TEST(WirePath, FindingPositionsRoundTrip) {
  Finding F;
  F.Rule = "unbounded-container-growth";
  F.At = {std::string("/src/caf\xe9.cpp"), 3, 17};
  F.Message = "m";
  F.Notes.push_back({{std::string("/inc/\xff.h"), 2, 1}, "n"});
  Finding Back;
  ASSERT_TRUE(findingFromJSON(findingToJSON(F, encodeWirePath), Back, decodeWirePath));
  EXPECT_EQ(Back.At.File, F.At.File);
  EXPECT_EQ(Back.Notes[0].At.File, F.Notes[0].At.File);
}

// Between memlint's processes and runs a local finding keeps the function it
// is in (decide() ranks it by that function's drivers); a report never shows
// it.
TEST(WirePath, FindingFunctionTravelsOnlyOnTheWire) {
  Finding F;
  F.Rule = "stream-accumulation";
  F.At = {std::string("/src/\xff.cpp"), 3, 17};
  F.Message = "m";
  F.Function = "c:@F@read_config#&1$@N@std@S@basic_string>#C";
  F.SiteFlags = 1u << 4;
  Finding Back;
  ASSERT_TRUE(findingFromWire(findingToWire(F), Back));
  EXPECT_EQ(Back.At.File, F.At.File);
  EXPECT_EQ(Back.Function, F.Function);
  EXPECT_EQ(Back.SiteFlags, F.SiteFlags);
  const llvm::json::Object *Report = findingToJSON(F).getAsObject();
  ASSERT_NE(Report, nullptr);
  EXPECT_EQ(Report->get("function"), nullptr);
  EXPECT_EQ(Report->get("site-flags"), nullptr);
  // A damaged entry is refused, not misread.
  llvm::json::Value Bad = findingToWire(F);
  (*Bad.getAsObject())["function"] = 7;
  EXPECT_FALSE(findingFromWire(Bad, Back));
}
