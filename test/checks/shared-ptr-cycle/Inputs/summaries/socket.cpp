#include "socket.h"
void Socket::on_data(std::function<void(int)> cb) { cb_ = std::move(cb); }
void Socket::on_idle(std::function<void()> cb) { idle_ = std::move(cb); }
