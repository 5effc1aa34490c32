#pragma once
#include <string>
#include <vector>

// A description built by chained calls: every step returns the object.
class Description {
public:
  Description &host(std::string h) {
    host_ = std::move(h);
    return *this;
  }
  Description &scheme(std::string s) {
    schemes_.push_back(std::move(s));
    return *this;
  }
  Description &tag(const std::string &t);

private:
  std::string host_;
  std::vector<std::string> schemes_;
  std::vector<std::string> tags_;
};

// A method that returns its object by value, or a reference to another
// object, is no chained step.
class Journal {
public:
  void record(const std::string &line);
  Journal copy() const { return *this; }
  std::vector<std::string> &entry(const std::string &line);

private:
  std::vector<std::string> lines_;
  std::vector<std::string> entries_;
};

// A chained step the library itself calls once per message.
class Trace {
public:
  Trace &mark(int id) {
    ids_.push_back(id);
    return *this;
  }

private:
  std::vector<int> ids_;
};
void on_message(Trace &t, int id);

// A builder class: every public mutating method chains. A function that
// returns one hands its caller what it made, to configure.
struct Route {
  std::string path;
  std::vector<std::string> methods;
};
class RouteBuilder {
public:
  explicit RouteBuilder(Route *r) : r_(r) {}
  RouteBuilder &method(const std::string &m);
  RouteBuilder &hide();
  const Route &route() const { return *r_; }

private:
  Route *r_;
};
// Not a builder: send() does not chain.
class Reply {
public:
  Reply &status(int s);
  Reply &header(const std::string &h);
  void send();
};
class Table {
public:
  RouteBuilder add(const std::string &path);
  Reply get(const std::string &path);

private:
  std::vector<Route> routes_;
  std::vector<std::string> served_;
};
