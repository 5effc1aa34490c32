//===- FlowDrivers.h - single-function findings ranked by what runs them --===//
//
// The flow rules (whole-collection-load, stream-accumulation, query-in-loop,
// large-copy-into-send) judge what one function does, per translation unit.
// How much that matters depends on what runs the function: a configuration
// file read whole once at startup is not a file read whole per connection.
// Once the facts of the program are merged, decide() ranks every finding
// that names the function it is in (Finding::Function) by that function's
// driver (Drivers.h), as the entity rules rank growth sites:
//
//  - steady state, or inside a loop of its function that runs until
//    something happens (an event loop, as ProgramView::siteDriver judges a
//    growth site): kept, with a note saying what runs it; at most medium
//    when only a library's public API makes it steady (its users may call
//    it once);
//  - run once (in a static local's initializer, or reached only from such
//    initializers), whatever drives the function: low;
//  - setup (static initialization, main outside its loops, what only those
//    reach), and so is every caller: low, with a note saying so;
//  - unknown in a whole-program run of a program with a main (nothing the
//    programs run reaches it: a public API no code of the project calls,
//    or dead code): low, with a note saying so;
//  - otherwise (unknown in part of a program, or setup with a caller that
//    is not): unchanged.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_PROGRAM_FLOWDRIVERS_H
#define MEMLINT_CHECKS_PROGRAM_FLOWDRIVERS_H

#include "Finding.h"

namespace memlint {

class ProgramView;

/// Ranks \p F (a finding with Finding::Function set; others are left
/// alone) by what drives its function in \p V: its confidence, and a note
/// before the last one (the why and the fix).
void rankByDrivers(const ProgramView &V, Finding &F);

/// A load whose filter callback is a parameter of its function
/// (Finding::FilterHolder): does every call of that function hand it a
/// function that keeps nothing (returns 0 for every entry)? Then nothing
/// is loaded, and decide() drops the finding.
bool filterKeepsNothing(const ProgramView &V, const Finding &F);

} // namespace memlint

#endif
