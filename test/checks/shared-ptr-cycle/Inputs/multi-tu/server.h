#pragma once
#include <memory>

// The other edge of the cycle that starts in session.h.
class Session;
class Server {
public:
  void accept(std::shared_ptr<Session> s);

private:
  std::shared_ptr<Session> current_;
};
