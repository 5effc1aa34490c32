// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' %s -- -std=c++20
//
// Cases found by writing the tests from the spec: containers of shared_ptr
// on both sides, weak_ptr inside containers, wrappers, which field closes a
// cycle, callbacks stored through setters and into containers, resets.
#include <functional>
#include <map>
#include <memory>
#include <vector>

struct User;
struct Group { std::map<int, std::shared_ptr<User>> users; };
struct User { std::vector<std::shared_ptr<Group>> groups; };
// CHECK-MESSAGES: :[[@LINE-1]]:51: warning: 'User::groups' closes the shared_ptr ownership cycle 'Group' -> 'User' -> 'Group' [memlint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-2]]:51: note: objects on it keep each other alive{{.*}}

struct Team;
// OK: the back edge is a weak_ptr, inside a container.
struct Member { std::vector<std::weak_ptr<Team>> teams; };
struct Team { std::shared_ptr<Member> lead; };

// OK: a singly linked chain through a wrapper.
template <class T> struct Link { std::shared_ptr<T> ptr; };
struct Node { Link<Node> next; };

struct Parent;
struct Child { std::shared_ptr<Parent> parent; };
// CHECK-MESSAGES: :[[@LINE-1]]:40: warning: 'Child::parent' closes the shared_ptr ownership cycle 'Parent' -> 'Child' -> 'Parent' [memlint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-2]]:40: note: objects on it keep each other alive{{.*}}
struct Parent { std::vector<std::shared_ptr<Child>> children; };

struct DNode { std::shared_ptr<DNode> prev; std::shared_ptr<DNode> next; };
// CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'DNode::prev' closes the shared_ptr ownership cycle 'DNode' -> 'DNode' -> 'DNode' [memlint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-2]]:39: note: objects on it keep each other alive{{.*}}

struct Socket {
  std::function<void(int)> on_read;
  std::function<void()> on_close;
  void set_on_close(std::function<void()> cb) { on_close = std::move(cb); }
};
struct Conn : std::enable_shared_from_this<Conn> {
  void open() { socket_->on_read = [self = shared_from_this()](int) {}; }
  void watch() { socket_->set_on_close([self = shared_from_this()] {}); }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: the callback stored in 'Socket::on_close' here keeps a shared_ptr to 'Conn', closing the ownership cycle 'Conn' -> 'Socket' -> 'Conn' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: objects on it keep each other alive{{.*}}
  std::shared_ptr<Socket> socket_;
};

struct Bus : std::enable_shared_from_this<Bus> {
  void subscribe() { handlers_.push_back([self = shared_from_this()] {}); }
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: the callback stored in 'Bus::handlers_' here keeps a shared_ptr to 'Bus', closing the ownership cycle 'Bus' -> 'Bus' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: objects on it keep each other alive{{.*}}
  std::vector<std::function<void()>> handlers_;
};

struct Timer {
  std::function<void()> on_fire;
  void fire() { on_fire(); on_fire = nullptr; }
};
struct Job : std::enable_shared_from_this<Job> { // low: reset after it runs
  void arm() { timer_.on_fire = [self = shared_from_this()] {}; }
  Timer timer_;
};
