// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' %s
// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// Cycles that close only through a subclass or a base class are type
// cycles: the objects may well form a tree or a DAG (a composite, a
// decorator chain). Low confidence, shown with --min-confidence=low.

#include <memory>
#include <string>
#include <vector>

// A subject owns its observers through a base-class pointer; a derived
// observer owns the subject: the pointer may hold that subclass.
class Observer {
public:
  virtual ~Observer() = default;
  virtual void changed() = 0;
};
class Subject {
public:
  void attach(std::shared_ptr<Observer> o) { observers_.push_back(std::move(o)); }

private:
  std::vector<std::shared_ptr<Observer>> observers_;
};
class Chart : public Observer {
public:
  void changed() override {}

private:
  std::shared_ptr<Subject> source_;
  // LOW: :[[@LINE-1]]:28: warning: 'Chart::source_' closes the shared_ptr ownership cycle 'Subject' -> 'Chart' -> 'Subject' [memlint-shared-ptr-cycle]
  // LOW: :[[@LINE-9]]:42: note: 'Subject' shares ownership of many 'Chart' (a subclass of 'Observer') through 'Subject::observers_'
  // LOW: :[[@LINE-3]]:28: note: 'Chart' shares ownership of 'Subject' through 'Chart::source_'
};

// An edge a class inherits from its base.
struct Sensor;
struct Registry {
  std::vector<std::shared_ptr<Sensor>> sensors;
  void add(std::shared_ptr<Sensor> s) { sensors.push_back(std::move(s)); }
};
struct Component {
  std::shared_ptr<Registry> registry;
  // LOW: :[[@LINE-1]]:29: warning: 'Component::registry' closes the shared_ptr ownership cycle 'Registry' -> 'Sensor' -> 'Component' -> 'Registry' [memlint-shared-ptr-cycle]
  // LOW: :[[@LINE-6]]:40: note: 'Registry' shares ownership of many 'Sensor' through 'Registry::sensors'
  // LOW: :[[@LINE+3]]:17: note: 'Sensor' derives from 'Component'
  // LOW: :[[@LINE-4]]:29: note: 'Component' shares ownership of 'Registry' through 'Component::registry'
};
struct Sensor : Component {
  int pin = 0;
};

// Through two levels of subclasses.
class Handler {
public:
  virtual ~Handler() = default;
};
class Router {
  std::vector<std::shared_ptr<Handler>> handlers_;

public:
  void add(std::shared_ptr<Handler> h) { handlers_.push_back(std::move(h)); }
};
class JsonHandler : public Handler {};
class ApiHandler : public JsonHandler {
  std::shared_ptr<Router> router_;
  // LOW: :[[@LINE-1]]:27: warning: 'ApiHandler::router_' closes the shared_ptr ownership cycle 'Router' -> 'ApiHandler' -> 'Router' [memlint-shared-ptr-cycle]
};

// Near misses.
class Table : public Observer { // OK: the back edge is a weak_ptr
public:
  void changed() override {}

private:
  std::weak_ptr<Subject> source_;
};
class Console : public Observer { // OK: the back edge is a plain pointer
public:
  void changed() override {}

private:
  Subject *source_ = nullptr;
};
class Listener {
public:
  virtual ~Listener() = default;
};
class Bus {
  std::vector<std::shared_ptr<Listener>> listeners_;
};
class FileLogger : public Listener { // OK: owns nothing that owns a Bus
  std::shared_ptr<std::string> path_;
};
class Metrics { // OK: owns the Bus, but no Listener owns a Metrics
  std::shared_ptr<Bus> bus_;
};
struct Shape {
  virtual ~Shape() = default;
};
struct Canvas {
  Shape background; // a member is exactly its type, never a subclass
};
struct Circle : Shape { // OK: Canvas holds a Shape by value, not a Circle
  std::shared_ptr<Canvas> canvas;
};
