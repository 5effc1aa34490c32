#pragma once
#include <memory>

// A parent/child pair split over two headers, with a weak back edge: no
// cycle. The child side is in edge.h.
struct Edge;
struct Node {
  std::shared_ptr<Edge> out;
};
