// RUN: %check_memlint '--checks=-*,memlint-whole-collection-load' %s
// RUN: %check_memlint '--checks=-*,memlint-whole-collection-load' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// What runs the function decides the confidence: a file loaded whole while
// the program sets up (static initialization, main outside its loops, what
// only those call) is low, shown with --min-confidence=low; the same load
// per request, per job of a thread or per iteration of main's loop keeps
// its confidence, with a note saying what runs it.

#include <fstream>
#include <iterator>
#include <string>
#include <thread>

bool next_request(std::string &path);
void reply(const std::string &body);

//===-- setup --------------------------------------------------------------===//

std::string load_config(const std::string &path) {
  std::ifstream in(path);
  std::string text{std::istreambuf_iterator<char>(in), {}};
  // LOW: :[[@LINE-1]]:15: warning: 'text' is filled from a whole 'std::istreambuf_iterator' range [memlint-whole-collection-load]
  // LOW: :[[@LINE-2]]:15: note: it runs only during setup: 'load_config' runs only from 'main' outside its loops
  // LOW: :[[@LINE-3]]:15: note: the whole input is held in memory{{.*}}
  return text;
}

// From the initializer of a global.
std::string load_banner() {
  std::ifstream in("/etc/banner");
  std::string text{std::istreambuf_iterator<char>(in), {}};
  // LOW: :[[@LINE-1]]:15: warning: 'text' is filled from a whole 'std::istreambuf_iterator' range [memlint-whole-collection-load]
  // LOW: :[[@LINE-2]]:15: note: it runs only during setup: 'load_banner' runs only from static initialization
  return text;
}
const std::string g_banner = load_banner();

// In a static local's initializer: once, however often the function runs.
const std::string &templates() {
  static std::ifstream in("/etc/app/page.html");
  static const std::string page{std::istreambuf_iterator<char>(in), {}};
  // LOW: :[[@LINE-1]]:28: warning: a container is filled from a whole 'std::istreambuf_iterator' range [memlint-whole-collection-load]
  // LOW: :[[@LINE-2]]:28: note: it runs once: it is in the initializer of a static local
  return page;
}

// Loaded at setup, and also by a handler nothing is seen to call (it is
// dispatched through a table of member pointers): not only setup, so the
// finding stays as the rule made it.
std::string load_catalogue(const std::string &path) {
  std::ifstream in(path);
  std::string text{std::istreambuf_iterator<char>(in), {}};
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'text' is filled from a whole 'std::istreambuf_iterator' range [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: the whole input is held in memory{{.*}}
  // LOW: :[[@LINE-3]]:15: warning: 'text' is filled from a whole 'std::istreambuf_iterator' range [memlint-whole-collection-load]
  return text;
}
struct Admin {
  std::string valuation() { return load_catalogue("/var/db/catalogue"); }
};
std::string (Admin::*const g_routes[])() = {&Admin::valuation};

//===-- steady state -------------------------------------------------------===//

// The same load as load_config, once per request.
std::string serve_file(const std::string &path) {
  std::ifstream in(path);
  std::string text{std::istreambuf_iterator<char>(in), {}};
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'text' is filled from a whole 'std::istreambuf_iterator' range [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: it runs once per call of 'serve_file' (reached from a loop in 'main')
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the whole input is held in memory{{.*}}
  // LOW: :[[@LINE-4]]:15: warning: 'text' is filled from a whole 'std::istreambuf_iterator' range [memlint-whole-collection-load]
  return text;
}

// A thread started once, at setup, whose body loops over jobs: each turn
// of its event loop is steady state.
bool next_job(std::string &path);
void uploader(std::string spool) {
  for (std::string path; next_job(path);) {
    std::ifstream in(spool + path);
    std::string text{std::istreambuf_iterator<char>(in), {}};
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'text' is filled from a whole 'std::istreambuf_iterator' range [memlint-whole-collection-load]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: it runs on every turn of the loop in 'uploader', which runs until something happens
    // LOW: :[[@LINE-3]]:17: warning: 'text' is filled from a whole 'std::istreambuf_iterator' range [memlint-whole-collection-load]
    reply(text);
  }
}

int main() {
  std::string routes = load_config("/etc/app.conf");
  std::string catalogue = load_catalogue("/var/db/catalogue");
  std::thread t(uploader, std::string("/var/spool/out"));
  for (std::string path; next_request(path);) {
    reply(serve_file(path));
    reply(templates());
    std::ifstream in(path);
    std::string raw{std::istreambuf_iterator<char>(in), {}};
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'raw' is filled from a whole 'std::istreambuf_iterator' range [memlint-whole-collection-load]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: it runs on every turn of the loop in 'main', which runs until something happens
    // LOW: :[[@LINE-3]]:17: warning: 'raw' is filled from a whole 'std::istreambuf_iterator' range [memlint-whole-collection-load]
    reply(raw);
  }
  t.join();
}
