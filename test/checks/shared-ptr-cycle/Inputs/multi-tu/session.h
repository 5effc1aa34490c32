#pragma once
#include <memory>

// One edge of a cycle whose other edge lives in server.h.
class Server;
class Session {
public:
  void attach(std::shared_ptr<Server> s);

private:
  std::shared_ptr<Server> server_;
};
