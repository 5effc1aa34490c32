#include "buffers.h"
void write_lines(const std::vector<std::string> &lines);
void Command::add_params(const std::vector<std::string> &in) {
  for (const std::string &s : in)
    params_.push_back(s);
}
void Command::reset() { params_.clear(); }
void Stream::feed(const std::vector<std::string> &in) {
  for (const std::string &s : in)
    lines_.push_back(s);
}
void Stream::flush() {
  write_lines(lines_);
  lines_.clear();
}
void Borrowed::feed(const std::vector<std::string> &in) {
  for (const std::string &s : in)
    lines_.push_back(s);
}
void Borrowed::flush() {
  write_lines(lines_);
  lines_.clear();
}
