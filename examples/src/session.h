#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

namespace inventory {

struct Connection;
struct Cart;

struct Session {
  std::string token;
  std::string customer;
  std::chrono::steady_clock::time_point started;
  std::shared_ptr<Connection> connection;
  std::shared_ptr<Cart> cart;
};

// The client connection a session was opened on.
struct Connection {
  std::uint64_t id = 0;
  std::string peer;
  std::shared_ptr<Session> session;
};

// Running total of what the customer has been quoted; points back at its owner.
struct Cart {
  std::weak_ptr<Session> owner;
  std::int64_t quoted_cents = 0;
};

class SessionManager {
 public:
  std::string login(const std::string& customer, const std::string& peer);
  bool logout(const std::string& token);
  std::shared_ptr<Session> find(const std::string& token) const;
  std::size_t active_sessions() const;
  void write_audit_trail(std::ostream& out) const;

 private:
  mutable std::mutex mu_;
  std::uint64_t next_id_ = 1;
  std::unordered_map<std::string, std::shared_ptr<Session>> sessions_;
  std::vector<std::string> audit_trail_;
};

}  // namespace inventory
