#include "inbox.h"
void Inbox::add(const std::string &m) { messages_.push_back(m); }
