// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s
// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// A map filled while its object is built from what the constructor is given
// and only read after that is a view of that input. Reading it with
// `operator[]` (`return fields_[k];`) adds an empty entry for a key it
// lacks, but when no object of the class is seen kept, nothing says the
// view outlives the operation that makes it: low, with a note. Kept by
// something long-lived, written after it is built, or not filled while it
// is built, it stays reported.

#include <map>
#include <string>
#include <vector>

struct Message {
  std::vector<std::pair<std::string, std::string>> headers;
};

class FieldView {
public:
  explicit FieldView(const Message &m) {
    for (const auto &h : m.headers)
      fields_[h.first].push_back(h.second);
  }
  std::vector<std::string> all(const std::string &key) {
    return fields_[key];
    // LOW: :[[@LINE-1]]:12: warning: container 'FieldView::fields_' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:12: note: it is filled while its 'FieldView' object is built and only read after that (reading a key it lacks adds an empty entry); no object that owns it was seen being kept
  }
  size_t count(const std::string &key) { return fields_[key].size(); }

private:
  std::map<std::string, std::vector<std::string>> fields_;
};

// The same view written after it is built: reported.
class EditableView {
public:
  explicit EditableView(const Message &m) {
    for (const auto &h : m.headers)
      fields_[h.first] = h.second;
  }
  std::string get(const std::string &key) { return fields_[key]; }
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: container 'EditableView::fields_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:52: warning: container 'EditableView::fields_' grows here{{.*}} [memlint-unbounded-container-growth]
  void set(const std::string &key, const std::string &v) { fields_[key] = v; }

private:
  std::map<std::string, std::string> fields_;
};

// Only read, but not filled while it is built: reported.
class LazyView {
public:
  std::string get(const std::string &key) { return fields_[key]; }
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: container 'LazyView::fields_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:52: warning: container 'LazyView::fields_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::map<std::string, std::string> fields_;
};

// Built once and kept for the program: every key a caller asks for that it
// lacks stays, so reads with keys from input grow it.
class RouteTable {
public:
  explicit RouteTable(const Message &m) {
    for (const auto &h : m.headers)
      routes_[h.first] = h.second;
  }
  std::string target(const std::string &path) { return routes_[path]; }
  // CHECK-MESSAGES: :[[@LINE-1]]:56: warning: container 'RouteTable::routes_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:56: warning: container 'RouteTable::routes_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::map<std::string, std::string> routes_;
};
RouteTable g_routes{Message{}};
std::string route(const std::string &path) { return g_routes.target(path); }
