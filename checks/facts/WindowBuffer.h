//===- WindowBuffer.h - byte buffers that track a window by two indices ---===//
//
// A connection's input or output buffer in network libraries (muduo's and
// trantor's Buffer, many hand-written ones) is one contiguous container and
// two indices into it: bytes are appended at the write index and taken at
// the read index, and the buffer is emptied by setting both back. No pack
// describes such a class, and what its methods do to the window is not
// what they do to the vector (append resizes it, retrieve only moves an
// index), so memlint infers a container model for it from its own code:
// an object of the class is then a container like a std::deque, judged
// where the program holds it (`TcpConnection::outputBuffer_`).
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_CHECKS_FACTS_WINDOWBUFFER_H
#define MEMLINT_CHECKS_FACTS_WINDOWBUFFER_H

#include "memlint/RuleSet.h"

#include "clang/AST/DeclCXX.h"

#include <functional>
#include <optional>

namespace memlint {
namespace facts {

/// The model of \p RD when it is a window buffer: exactly one field of a
/// contiguous container (\p ModelOf says which types are), a write index W
/// (an integer field the code subtracts from the container's size:
/// `buf_.size() - w_`) and a read index R (one it subtracts from W:
/// `w_ - r_`). Its methods' effects, through the methods they call on
/// their own object: one that advances W (`w_ += n`) grows it; one that
/// advances R pops it; one that sets W and R back to one value
/// (`r_ = w_ = 0`) clears it; one that swaps the container with a
/// parameter's assigns it; a const one that reads W or R is a size query.
/// Anything else (compaction, `resize(w_ + n)`, a copy swapped in) has no
/// effect on the window.
std::optional<ContainerModel> windowBufferModel(
    const clang::CXXRecordDecl *RD,
    const std::function<const ContainerModel *(clang::QualType)> &ModelOf);

} // namespace facts
} // namespace memlint

#endif
