#include "common.h"
#include "edge.h"
#include "server.h"
void Server::accept(std::shared_ptr<Session> s) { current_ = std::move(s); }
