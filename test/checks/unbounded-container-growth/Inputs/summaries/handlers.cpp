#include "registry.h"
void on_request(const std::string &path) { hits()[path] += 1; }
void on_login(const std::string &user) { sessions()[user] = 1; }
