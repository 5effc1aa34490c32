#include "registry.h"
void on_logout(const std::string &user) { sessions().erase(user); }
