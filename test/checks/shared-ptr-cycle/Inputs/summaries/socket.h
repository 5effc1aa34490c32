#pragma once
#include <functional>
#include <memory>

// The setter is defined in socket.cpp: only its summary says that the
// callback is stored in 'cb_'.
class Socket {
public:
  void on_data(std::function<void(int)> cb);
  void on_idle(std::function<void()> cb);

private:
  std::function<void(int)> cb_;
  std::function<void()> idle_;
};

class Session : public std::enable_shared_from_this<Session> {
public:
  void start();
  void data(int) {}
  void idle() {}

private:
  std::shared_ptr<Socket> socket_;
};
