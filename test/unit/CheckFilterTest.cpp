//===- CheckFilterTest.cpp - clang-tidy style check globs -----------------===//
#include "CheckRegistry.h"

#include <gtest/gtest.h>

using namespace memlint;

TEST(GlobMatch, Wildcards) {
  EXPECT_TRUE(globMatch("*", ""));
  EXPECT_TRUE(globMatch("*", "unbounded-queue"));
  EXPECT_TRUE(globMatch("unbounded-*", "unbounded-queue"));
  EXPECT_TRUE(globMatch("*-growth", "unbounded-container-growth"));
  EXPECT_TRUE(globMatch("un*ed-*-gro*", "unbounded-container-growth"));
  EXPECT_FALSE(globMatch("unbounded-*", "shared-ptr-cycle"));
  EXPECT_FALSE(globMatch("queue", "unbounded-queue"));
  EXPECT_TRUE(globMatch("a*a*a", "aaaa"));
  EXPECT_FALSE(globMatch("a*b", "aaaa"));
}

TEST(CheckFilter, DefaultEnablesEverything) {
  CheckFilter F;
  EXPECT_TRUE(F.enabled("unbounded-container-growth"));
  EXPECT_EQ(F.enabledRules().size(), implementedRules().size());
}

TEST(CheckFilter, LaterGlobsWin) {
  std::string Error;
  auto F = CheckFilter::parse("-*,unbounded-*", Error);
  ASSERT_TRUE(F) << Error;
  EXPECT_TRUE(F->enabled("unbounded-container-growth"));
  EXPECT_TRUE(F->enabled("unbounded-queue"));
  EXPECT_FALSE(F->enabled("shared-ptr-cycle"));

  F = CheckFilter::parse("unbounded-*, -unbounded-queue", Error);
  ASSERT_TRUE(F) << Error;
  EXPECT_TRUE(F->enabled("unbounded-container-growth"));
  EXPECT_FALSE(F->enabled("unbounded-queue"));
}

TEST(CheckFilter, AcceptsTheMemlintPrefix) {
  std::string Error;
  auto F = CheckFilter::parse("-*,memlint-unbounded-container-growth", Error);
  ASSERT_TRUE(F) << Error;
  EXPECT_TRUE(F->enabled("unbounded-container-growth"));
  F = CheckFilter::parse("-memlint-*", Error);
  ASSERT_TRUE(F) << Error;
  EXPECT_FALSE(F->enabled("unbounded-container-growth"));
}

TEST(CheckFilter, EmptyDisablesEverything) {
  std::string Error;
  auto F = CheckFilter::parse("", Error);
  ASSERT_TRUE(F) << Error;
  EXPECT_TRUE(F->enabledRules().empty());
}

TEST(CheckFilter, RejectsMalformedGlobs) {
  std::string Error;
  EXPECT_FALSE(CheckFilter::parse("-*,unbounded queue", Error));
  EXPECT_EQ(Error, "invalid check glob 'unbounded queue'");
  EXPECT_FALSE(CheckFilter::parse("-", Error));
  EXPECT_EQ(Error, "invalid check glob '-'");
}
