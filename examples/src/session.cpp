#include "session.h"

#include <functional>

namespace inventory {

std::string SessionManager::login(const std::string& customer, const std::string& peer) {
  auto session = std::make_shared<Session>();
  auto connection = std::make_shared<Connection>();
  auto cart = std::make_shared<Cart>();

  std::lock_guard<std::mutex> lk(mu_);
  const std::uint64_t id = next_id_++;
  const std::size_t salt = std::hash<std::string>{}(customer + peer) ^ (id * 0x9e3779b97f4a7c15ULL);
  session->token = "s" + std::to_string(id) + "-" + std::to_string(salt % 1000000007);
  session->customer = customer;
  session->started = std::chrono::steady_clock::now();
  connection->id = id;
  connection->peer = peer;
  connection->session = session;
  session->connection = connection;
  cart->owner = session;
  session->cart = cart;

  sessions_.emplace(session->token, session);
  audit_trail_.push_back("login " + customer + " from " + peer + " as " + session->token);
  return session->token;
}

bool SessionManager::logout(const std::string& token) {
  std::lock_guard<std::mutex> lk(mu_);
  const auto it = sessions_.find(token);
  if (it == sessions_.end()) return false;
  audit_trail_.push_back("logout " + it->second->customer + " " + token);
  sessions_.erase(it);
  return true;
}

std::shared_ptr<Session> SessionManager::find(const std::string& token) const {
  std::lock_guard<std::mutex> lk(mu_);
  const auto it = sessions_.find(token);
  return it == sessions_.end() ? nullptr : it->second;
}

std::size_t SessionManager::active_sessions() const {
  std::lock_guard<std::mutex> lk(mu_);
  return sessions_.size();
}

void SessionManager::write_audit_trail(std::ostream& out) const {
  std::lock_guard<std::mutex> lk(mu_);
  for (const std::string& entry : audit_trail_) out << entry << '\n';
}

}  // namespace inventory
