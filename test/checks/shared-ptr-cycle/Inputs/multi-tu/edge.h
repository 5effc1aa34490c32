#pragma once
#include <memory>

struct Node;
struct Edge {
  std::weak_ptr<Node> from;
};
