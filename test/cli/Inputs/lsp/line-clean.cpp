#include <string>

std::string greet(const std::string &s) { return "hello " + s; }
