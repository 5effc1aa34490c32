//===- ShippedPacks.h - yaml-cpp's parse of the shipped packs, recorded ---===//
//
// Every memlint run loads the shipped packs, and yaml-cpp's parse of them
// was most of a run's fixed cost (about 70M instructions for 58 KB of YAML).
// memlint-embed-packs (EmbedPacks.cpp) runs that parse at build time and
// records what yaml-cpp reports (YAML::EventHandler's calls, marks
// included) together with the bytes it parsed; ShippedPacks.cpp, generated
// from it, holds both. The loader replays the recording for a file whose
// bytes are exactly those, and parses anything else (an edited pack, a
// configuration) with yaml-cpp: validation, errors and origins are the same
// either way, since the loader sees the same events.
//
// Plain data, no yaml-cpp and no LLVM types.
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_RULES_LIB_SHIPPEDPACKS_H
#define MEMLINT_RULES_LIB_SHIPPEDPACKS_H

#include <cstddef>

namespace memlint {
namespace detail {

/// One call yaml-cpp made to its YAML::EventHandler.
struct PackEvent {
  enum Kind : unsigned char {
    DocumentStart,
    DocumentEnd,
    Null,
    Alias,
    Scalar,
    SequenceStart,
    SequenceEnd,
    MapStart,
    MapEnd
  };
  Kind What;
  unsigned char Style; // YAML::EmitterStyle::value of a collection
  int Pos, Line, Column; // YAML::Mark
  unsigned long Anchor;  // YAML::anchor_t
  const char *Tag;
  const char *Value; // a scalar's, ValueSize bytes
  std::size_t ValueSize;
};

/// A shipped pack's bytes and the events of its one document.
struct ShippedPack {
  const char *Name; // the file name, for tests
  const char *Text;
  std::size_t Size;
  const PackEvent *Events;
  std::size_t Count;
};

/// The packs of the source tree this memlint was built from.
const ShippedPack *shippedPacks(std::size_t &Count);

} // namespace detail
} // namespace memlint

#endif
