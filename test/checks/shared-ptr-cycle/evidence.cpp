// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' %s
// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// A type cycle is reported when the objects themselves close it: a back
// edge playing the opposite role (parent and children), or a callback that
// keeps its owner. A tree, a composite through its base class, and a
// self-reference through a wrapper are not cycles of objects.

#include <functional>
#include <memory>
#include <vector>

// OK at every level: a tree, each node owning its children.
struct Node {
  std::vector<std::shared_ptr<Node>> children;
};

// A cycle: a node owns its children, and each child owns its parent.
struct TreeNode {
  std::vector<std::shared_ptr<TreeNode>> children;
  std::shared_ptr<TreeNode> parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'TreeNode::parent' closes the shared_ptr ownership cycle 'TreeNode' -> 'TreeNode' -> 'TreeNode' [memlint-shared-ptr-cycle]
  // LOW: :[[@LINE-2]]:29: warning: 'TreeNode::parent' closes the shared_ptr ownership cycle{{.*}} [memlint-shared-ptr-cycle]
};

// OK at every level: a composite, a pipeline is a stage and owns stages.
// Only the types form a cycle, through the base class.
struct Stage {
  virtual ~Stage() = default;
};
struct Pipeline : Stage {
  std::vector<std::shared_ptr<Stage>> stages;
};

// OK at every level: a self-reference through a wrapper held by value.
template <class T> struct Handle {
  std::shared_ptr<T> ptr;
};
struct Dto {
  Handle<Dto> child;
};

// A callback that keeps its owner: reported.
class Timer : public std::enable_shared_from_this<Timer> {
public:
  void arm() {
    auto self = shared_from_this();
    on_fire_ = [self] { self->fired(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Timer::on_fire_' here keeps a shared_ptr to 'Timer', closing the ownership cycle 'Timer' -> 'Timer' [memlint-shared-ptr-cycle]
    // LOW: :[[@LINE-2]]:5: warning: the callback stored in 'Timer::on_fire_'{{.*}} [memlint-shared-ptr-cycle]
  }
  void fired() {}

private:
  std::function<void()> on_fire_;
};
