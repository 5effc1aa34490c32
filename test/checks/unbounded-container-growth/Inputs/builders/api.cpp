#include "api.h"

Description &Description::tag(const std::string &t) {
  if (t.empty())
    return *this;
  tags_.push_back(t);
  return *this;
}

void Journal::record(const std::string &line) { lines_.push_back(line); }

std::vector<std::string> &Journal::entry(const std::string &line) {
  entries_.push_back(line);
  return entries_;
}

void on_message(Trace &t, int id) { t.mark(id); }

RouteBuilder Table::add(const std::string &path) {
  routes_.push_back(Route{path, {}});
  return RouteBuilder(&routes_.back());
}

Reply Table::get(const std::string &path) {
  served_.push_back(path);
  return Reply();
}
