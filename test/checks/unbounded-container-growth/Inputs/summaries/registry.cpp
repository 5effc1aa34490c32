#include "registry.h"
std::map<std::string, int> &hits() {
  static std::map<std::string, int> counts;
  return counts;
}
std::map<std::string, int> &sessions() {
  static std::map<std::string, int> open;
  return open;
}
