#include "common.h"
#include "node.h"
#include "session.h"
void Session::attach(std::shared_ptr<Server> s) { server_ = std::move(s); }
