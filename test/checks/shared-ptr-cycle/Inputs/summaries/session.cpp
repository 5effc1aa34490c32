#include "socket.h"
void Session::start() {
  auto self = shared_from_this();
  socket_->on_data([self](int n) { self->data(n); });
  std::weak_ptr<Session> weak = self;
  socket_->on_idle([weak] {
    if (auto s = weak.lock())
      s->idle();
  });
}
