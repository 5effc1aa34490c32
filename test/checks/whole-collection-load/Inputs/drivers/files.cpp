#include "files.h"
#include <fstream>
#include <iterator>
std::string read_file(const std::string &path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}
std::string serve(const std::string &path) {
  std::ifstream in(path);
  std::string body{std::istreambuf_iterator<char>(in), {}};
  return body;
}
