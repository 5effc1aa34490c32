#include <string>
std::string read_file(const std::string &path);
std::string serve(const std::string &path);
