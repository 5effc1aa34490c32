// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' %s

#include <memory>
#include <string>
#include <vector>

// Two types that own each other: one finding per cycle, at the shared edge
// declared last, with one note per edge.
struct Account;
struct Customer {
  std::string name;
  std::shared_ptr<Account> account;
};
struct Account {
  long balance = 0;
  std::shared_ptr<Customer> holder;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'Account::holder' closes the shared_ptr ownership cycle 'Customer' -> 'Account' -> 'Customer' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-6]]:28: note: 'Customer' shares ownership of 'Account' through 'Customer::account'
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: 'Account' shares ownership of 'Customer' through 'Account::holder'
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: objects on it keep each other alive and reference counting never frees them; make this back edge a std::weak_ptr (or a plain pointer to an owner that outlives it)
};

// A longer cycle: every edge is a note, in cycle order.
struct Order;
struct Invoice;
struct Shipment {
  std::shared_ptr<Invoice> invoice;
};
struct Invoice {
  std::shared_ptr<Order> order;
};
struct Order {
  std::shared_ptr<Shipment> shipment;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'Order::shipment' closes the shared_ptr ownership cycle 'Shipment' -> 'Invoice' -> 'Order' -> 'Shipment' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-8]]:28: note: 'Shipment' shares ownership of 'Invoice' through 'Shipment::invoice'
  // CHECK-MESSAGES: :[[@LINE-6]]:26: note: 'Invoice' shares ownership of 'Order' through 'Invoice::order'
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: 'Order' shares ownership of 'Shipment' through 'Order::shipment'
};

// A parent that owns its children and children that own their parent: the
// finding is at the single `parent` field.
class Widget;
class Window {
public:
  void add(std::shared_ptr<Widget> w) { children_.push_back(std::move(w)); }

private:
  std::vector<std::shared_ptr<Widget>> children_;
};
class Widget {
  std::shared_ptr<Window> parent_;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Widget::parent_' closes the shared_ptr ownership cycle 'Window' -> 'Widget' -> 'Window' [memlint-shared-ptr-cycle]
};

// A unique_ptr forward edge and a shared_ptr back edge still form a cycle.
struct Engine;
struct Car {
  std::unique_ptr<Engine> engine;
};
struct Engine {
  std::shared_ptr<Car> car;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Engine::car' closes the shared_ptr ownership cycle 'Car' -> 'Engine' -> 'Car' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-5]]:27: note: 'Car' owns 'Engine' through 'Car::engine'
};

// A by-value member on the cycle is an edge too.
struct Pool;
struct Lease {
  std::shared_ptr<Pool> pool;
};
struct Slot {
  Lease lease;
};
struct Pool {
  std::shared_ptr<Slot> current;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Pool::current' closes the shared_ptr ownership cycle 'Slot' -> 'Lease' -> 'Pool' -> 'Slot' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-5]]:9: note: 'Slot' contains 'Lease' as 'Slot::lease'
  // CHECK-MESSAGES: :[[@LINE-9]]:25: note: 'Lease' shares ownership of 'Pool' through 'Lease::pool'
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: 'Pool' shares ownership of 'Slot' through 'Pool::current'
};

// shared_ptr<const T> owns as much as shared_ptr<T>.
struct Reader;
struct Book {
  std::shared_ptr<const Reader> borrowed_by;
};
struct Reader {
  std::shared_ptr<const Book> reading;
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'Reader::reading' closes the shared_ptr ownership cycle 'Book' -> 'Reader' -> 'Book' [memlint-shared-ptr-cycle]
};
