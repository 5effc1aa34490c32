// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' %s

#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

// Edges through containers, optionals, variants, pairs and arrays of
// shared_ptr.
struct Player;
struct Room {
  std::map<int, std::shared_ptr<Player>> players;
};
struct Player {
  std::shared_ptr<Room> room;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Player::room' closes the shared_ptr ownership cycle 'Room' -> 'Player' -> 'Room' [memlint-shared-ptr-cycle]
};

struct Lease;
struct Tenant {
  std::optional<std::shared_ptr<Lease>> lease;
};
struct Lease {
  std::shared_ptr<Tenant> tenant;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Lease::tenant' closes the shared_ptr ownership cycle 'Tenant' -> 'Lease' -> 'Tenant' [memlint-shared-ptr-cycle]
};

struct Reply;
struct Request {
  std::variant<std::monostate, std::shared_ptr<Reply>, int> outcome;
};
struct Reply {
  std::shared_ptr<Request> request;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Reply::request' closes the shared_ptr ownership cycle 'Request' -> 'Reply' -> 'Request' [memlint-shared-ptr-cycle]
};

struct Label;
struct Parcel {
  std::pair<int, std::shared_ptr<Label>> tagged;
};
struct Label {
  std::shared_ptr<Parcel> parcel;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Label::parcel' closes the shared_ptr ownership cycle 'Parcel' -> 'Label' -> 'Parcel' [memlint-shared-ptr-cycle]
};

struct Spoke;
struct Hub {
  std::shared_ptr<Spoke> spokes[4];
};
struct Spoke {
  std::shared_ptr<Hub> hub;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Spoke::hub' closes the shared_ptr ownership cycle 'Hub' -> 'Spoke' -> 'Hub' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: 'Hub' shares ownership of many 'Spoke' through 'Hub::spokes'
};

// typedef and using aliases of the pointer type.
struct Session;
using SessionPtr = std::shared_ptr<Session>;
typedef std::vector<SessionPtr> Sessions;
struct Server {
  Sessions sessions;
};
struct Session {
  std::shared_ptr<Server> server;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Session::server' closes the shared_ptr ownership cycle 'Server' -> 'Session' -> 'Server' [memlint-shared-ptr-cycle]
};

// A class template: an edge of an instantiation is named with its
// arguments, and located at the template's field.
template <class T> struct Handle {
  std::shared_ptr<T> target;
};
struct Document;
struct View {
  Handle<Document> doc;
};
struct Document {
  std::shared_ptr<View> main_view;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Document::main_view' closes the shared_ptr ownership cycle 'View' -> 'Handle<Document>' -> 'Document' -> 'View' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-5]]:20: note: 'View' contains 'Handle<Document>' as 'View::doc'
  // CHECK-MESSAGES: :[[@LINE-10]]:22: note: 'Handle<Document>' shares ownership of 'Document' through 'Handle<Document>::target'
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: 'Document' shares ownership of 'View' through 'Document::main_view'
};

// Only instantiations make edges: Handle<int> owns no record.
Handle<int> g_counter; // OK: no cycle through Handle<int>

// A template that owns its own parameter type back.
template <class T> struct Observed;
struct Model {
  std::shared_ptr<Observed<Model>> watcher;
};
template <class T> struct Observed {
  std::shared_ptr<T> subject;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'Observed<Model>::subject' closes the shared_ptr ownership cycle 'Model' -> 'Observed<Model>' -> 'Model' [memlint-shared-ptr-cycle]
};
Observed<Model> g_observed;
