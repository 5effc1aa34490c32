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

// A join waits on the steps of a chain it holds through its base; each
// step keeps, in its failure callback, the join. When the join is made
// right there, the callback keeps a new object, not the step's owner: the
// types close a cycle through a base class, the objects need not (low).
struct Step {
  std::function<void()> on_fail;
};
struct Chain {
  std::vector<std::shared_ptr<Step>> steps;
};
struct JoinBase {
  std::shared_ptr<Chain> chain;
};
struct Join : JoinBase {
  int pending = 0;
};
void when_all(std::shared_ptr<Chain> chain, Step &step) {
  auto join = std::make_shared<Join>();
  join->chain = chain;
  step.on_fail = [join] { join->pending = 0; };
  // LOW: :[[@LINE-1]]:3: warning: the callback stored in 'Step::on_fail' here keeps a shared_ptr to 'Join'{{.*}} [memlint-shared-ptr-cycle]
  // LOW: :[[@LINE-2]]:3: note: the types close it only through a subclass, a base class or a wrapper: the objects may form a tree
}

// The same shape, with the callback keeping a join it was handed (one that
// already exists, maybe the chain's owner): reported.
struct Task {
  std::function<void()> on_fail;
};
struct Plan {
  std::vector<std::shared_ptr<Task>> tasks;
};
struct GroupBase {
  std::shared_ptr<Plan> plan;
};
struct Group : GroupBase {
  int pending = 0;
};
void watch(std::shared_ptr<Group> group, Task &task) {
  task.on_fail = [group] { group->pending = 0; };
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the callback stored in 'Task::on_fail' here keeps a shared_ptr to 'Group'{{.*}} [memlint-shared-ptr-cycle]
  // LOW: :[[@LINE-2]]:3: warning: the callback stored in 'Task::on_fail' here keeps a shared_ptr to 'Group'{{.*}} [memlint-shared-ptr-cycle]
}

// A request made right there that is handed a callback keeping the
// request itself (held in its base class): the object keeps itself.
struct Request {
  std::function<void()> handler_;
  void execute(std::function<void()> h) { handler_ = std::move(h); }
};
struct GetRequest : Request {
  int code = 0;
};
void proxy() {
  std::shared_ptr<GetRequest> r(new GetRequest);
  auto f = [r] { r->code = 200; };
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the callback stored in 'Request::handler_' here keeps a shared_ptr to 'GetRequest'{{.*}} [memlint-shared-ptr-cycle]
  // LOW: :[[@LINE-2]]:8: warning: the callback stored in 'Request::handler_' here keeps a shared_ptr to 'GetRequest'{{.*}} [memlint-shared-ptr-cycle]
  r->execute(f);
}
