// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' %s

#include <memory>
#include <vector>

// A type with two self-edges in opposite roles: neighbours point at each
// other. Reported at the back edge (prev, parent, owner), with both edges
// as notes.
struct DNode {
  int value = 0;
  std::shared_ptr<DNode> next;
  std::shared_ptr<DNode> prev;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'DNode::prev' closes the shared_ptr ownership cycle 'DNode' -> 'DNode' -> 'DNode' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: 'DNode' shares ownership of 'DNode' through 'DNode::next'
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: 'DNode' shares ownership of 'DNode' through 'DNode::prev'
  // CHECK-MESSAGES: :[[@LINE-4]]:26: note: objects on it keep each other alive and reference counting never frees them; make this back edge a std::weak_ptr (or a plain pointer to an owner that outlives it)
};

// Member-name prefixes and suffixes do not hide the role.
class Entry {
  std::shared_ptr<Entry> m_next;
  std::shared_ptr<Entry> m_prev;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Entry::m_prev' closes the shared_ptr ownership cycle 'Entry' -> 'Entry' -> 'Entry' [memlint-shared-ptr-cycle]
};

// A tree whose nodes own their children and their parent.
struct TreeNode {
  std::vector<std::shared_ptr<TreeNode>> children;
  std::shared_ptr<TreeNode> parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'TreeNode::parent' closes the shared_ptr ownership cycle 'TreeNode' -> 'TreeNode' -> 'TreeNode' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-3]]:42: note: 'TreeNode' shares ownership of many 'TreeNode' through 'TreeNode::children'
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: 'TreeNode' shares ownership of 'TreeNode' through 'TreeNode::parent'
};

// Declared parent first: still reported at the one (parent) side.
struct Folder {
  std::shared_ptr<Folder> owner_;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Folder::owner_' closes the shared_ptr ownership cycle 'Folder' -> 'Folder' -> 'Folder' [memlint-shared-ptr-cycle]
  std::vector<std::shared_ptr<Folder>> items_;
};

// Children and one more pointer to a node: a back edge when it is given a
// node that already exists (a shortcut to another node of the tree)...
struct Route {
  std::vector<std::shared_ptr<Route>> fixed_;
  std::shared_ptr<Route> alias_;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Route::alias_' closes the shared_ptr ownership cycle 'Route' -> 'Route' -> 'Route' [memlint-shared-ptr-cycle]
  void alias(std::shared_ptr<Route> r) { alias_ = r; }
};
// ... and one more child when it is only ever made right there.
struct Segment { // OK: a tree, every pointer to a node is a fresh child
  std::vector<std::shared_ptr<Segment>> fixed_;
  std::shared_ptr<Segment> splat_;
  Segment() : splat_(nullptr) {}
  void add_splat() {
    if (!splat_)
      splat_ = std::make_shared<Segment>();
  }
};

// Near misses: one self-edge, or two in the same role.
struct ListNode { // OK: a singly linked list
  int value = 0;
  std::shared_ptr<ListNode> next;
};
struct Category { // OK: a tree that owns its children only
  std::vector<std::shared_ptr<Category>> subcategories;
};
struct BinaryNode { // OK: two self-edges in the same (child) role
  std::shared_ptr<BinaryNode> left;
  std::shared_ptr<BinaryNode> right;
};
struct Frame { // OK: a call stack that owns its caller only
  std::shared_ptr<Frame> caller;
  int line = 0;
};
struct LinkedTree { // OK: children owned, parent a weak_ptr
  std::vector<std::shared_ptr<LinkedTree>> kids;
  std::weak_ptr<LinkedTree> up;
};
struct RawBack { // OK: next owned, prev a plain pointer
  std::shared_ptr<RawBack> next;
  RawBack *prev = nullptr;
};
