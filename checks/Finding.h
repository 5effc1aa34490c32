//===- Finding.h - what checks produce, independent of any front end ------===//
#ifndef MEMLINT_CHECKS_FINDING_H
#define MEMLINT_CHECKS_FINDING_H

#include <string>
#include <tuple>
#include <vector>

namespace memlint {

/// A source position. File is absolute and normalized so that the same
/// header seen from many translation units compares equal.
struct Loc {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  /// clang::SourceLocation raw encoding, valid only inside the translation
  /// unit that produced it (the clang-tidy front end reports through it).
  /// Never serialized, never compared.
  unsigned Raw = 0;

  bool valid() const { return !File.empty() && Line != 0; }
  friend bool operator<(const Loc &A, const Loc &B) {
    return std::tie(A.File, A.Line, A.Column) <
           std::tie(B.File, B.Line, B.Column);
  }
  friend bool operator==(const Loc &A, const Loc &B) {
    return A.File == B.File && A.Line == B.Line && A.Column == B.Column;
  }
  friend bool operator!=(const Loc &A, const Loc &B) { return !(A == B); }
};

struct Note {
  Loc At;
  std::string Message;
  /// Another place where the finding's own subject is allocated (the same
  /// container also grows, is pushed or filled here): `memlint confirm`
  /// measures these lines together with the finding's line. "also": true in
  /// JSON.
  bool Also = false;
};

/// One edit of a fix-it: the bytes from Begin up to, not including, End
/// (both in one file; Begin == End inserts) become Text.
struct Replacement {
  Loc Begin;
  Loc End;
  std::string Text;
};

/// How sure a finding is that it matters in a running program: High is
/// steady-state growth of input-derived data with no bound; Low is growth a
/// setup phase drives, or retention of small scratch buffers. Users see
/// Medium and up by default (--min-confidence). Never part of a fingerprint.
enum class Confidence { Low = 0, Medium = 1, High = 2 };
const char *toString(Confidence C);
/// "low", "medium", "high"; false for anything else.
bool confidenceFromString(const std::string &S, Confidence &Out);

struct Finding {
  std::string Rule; // rule id without the "memlint-" prefix
  std::string Severity = "warning";
  Loc At;
  /// The headline: one clause of at most about 20 words saying what grows
  /// (is copied, loaded, cycled) and where.
  std::string Message;
  /// The whole explanation in sentences: why it is unbounded, the evidence,
  /// and the fix. Text output shows it through the notes; JSON and SARIF
  /// keep it in full. May be empty.
  std::string Detail;
  Confidence Conf = Confidence::Medium;
  std::vector<Note> Notes;
  /// A fix-it: all of these edits or none. Safe when the check proves the
  /// program means the same after it and still compiles (`std::move` of a
  /// last use, swap-with-empty after a clear): `memlint check --fix` applies
  /// only those; the others are suggestions. Not yet serialized between the
  /// CLI's worker processes (FindingJSON.cpp) nor in the JSON report: a
  /// check that emits fix-its adds that (docs/cli.md, "Fix-its").
  std::vector<Replacement> Fix;
  bool FixIsSafe = false;

  /// Flow rules: the function whose code the finding is in (the innermost
  /// lambda's call operator, else the function), by the id the facts give
  /// it (its pattern's USR), and the EventFlag bits (facts/Facts.h: InLoop,
  /// ConstantLoop, UntilLoop) of the loops around it there that repeat it
  /// (for a finding that is a loop, those around that loop), and RunOnce
  /// when it is in a static local's initializer. decide() ranks
  /// the finding by what drives that function (rankByDrivers in
  /// program/FlowDrivers.h). Travels with local findings between memlint's
  /// processes and runs (findingToWire), never in a report.
  std::string Function;
  unsigned SiteFlags = 0;
  /// A load whose filter callback is a parameter of Function (the holder
  /// "<function>#<index>"): decide() drops it when every callable that
  /// flows there keeps nothing (FnReturnsZero). Travels like Function.
  std::string FilterHolder;

  // Used while deciding, never serialized.
  /// The entity judged (entity rules): one entity gets one finding, under
  /// the most specific rule.
  std::string Subject;
  /// Three or more findings with the same non-empty Group are one design
  /// choice (sibling members of one class growing the same way) and become
  /// one finding.
  std::string Group;
};

/// One finding per design choice: findings about one entity keep the most
/// specific rule's (memoization, then queue, then capacity retention, then
/// growth), and findings of one Group merge into the first, whose notes
/// point at the others.
void mergeRelated(std::vector<Finding> &Findings);

/// Completes a finding's wording: \p Why (what makes it a problem) and \p Fix
/// (what to do) become its last note, at the finding, and Detail keeps the
/// whole sentence for JSON and SARIF.
/// A finding in test or benchmark code (memlint/Vendored.h decides which
/// files those are) is low confidence: a test runs briefly, and its
/// fixtures are created per case. Adds a note saying so.
void markTestCode(Finding &F);

void explain(Finding &F, const std::string &Why, const std::string &Fix);

/// Findings sort by file, line, column, rule, message; the same position,
/// rule and entity judged are duplicates.
bool findingLess(const Finding &A, const Finding &B);
bool findingSameKey(const Finding &A, const Finding &B);
/// Sorts and removes duplicates (a header seen by many TUs reports once).
void sortAndDedupe(std::vector<Finding> &Findings);

/// An input that could not be analyzed (does not parse, crashed, missing).
struct InputError {
  std::string File;
  std::string Message;
};

} // namespace memlint

#endif
