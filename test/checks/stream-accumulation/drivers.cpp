// RUN: %check_memlint '--checks=-*,memlint-stream-accumulation' %s
// RUN: %check_memlint '--checks=-*,memlint-stream-accumulation' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// What runs the function decides the confidence: a configuration file read
// while the program sets up is low (shown with --min-confidence=low); the
// same read per request or per event keeps its confidence, with a note
// saying what runs it.

#include <fstream>
#include <functional>
#include <string>
#include <vector>

bool next_request(std::string &path);
bool next_event(std::string &path);
void reply(const std::vector<std::string> &lines);

//===-- setup: read once, from main outside its loops ----------------------===//

std::vector<std::string> read_config(const std::string &path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line))
    lines.push_back(line);
  // LOW: :[[@LINE-1]]:5: warning: 'lines' is appended to on every iteration of a loop that streams 'std::getline' [memlint-stream-accumulation]
  // LOW: :[[@LINE-3]]:10: note: the loop streams 'std::getline' here
  // LOW: :[[@LINE-6]]:28: note: 'lines' declared here
  // LOW: :[[@LINE-4]]:5: note: it runs only during setup: 'read_config' runs only from 'main' outside its loops
  // LOW: drivers.cpp:{{[0-9]+}}:37: note: setup starts here: 'main' outside its loops
  // LOW: :[[@LINE-6]]:5: note: it ends up holding every element of the stream in memory; {{.*}}
  return lines;
}

// What only setup code calls is setup too.
struct Options {
  std::vector<std::string> hosts;
  void load(const std::string &path) {
    std::ifstream in(path);
    std::string host;
    while (in >> host)
      hosts.push_back(host);
    // LOW: :[[@LINE-1]]:7: warning: 'Options::hosts' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
    // LOW: :[[@LINE-2]]:7: note: it runs only during setup: 'Options::load' runs only from 'main' outside its loops via 'configure'
  }
};
Options g_options;
void configure(const char *path) { g_options.load(path); }

//===-- once: a static local's initializer, whatever calls its function -----===//

std::vector<std::string> read_resolv_conf(const char *path) {
  std::ifstream in(path);
  std::vector<std::string> servers;
  std::string line;
  while (std::getline(in, line))
    servers.push_back(line);
  // LOW: :[[@LINE-1]]:5: warning: 'servers' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
  // LOW: :[[@LINE-2]]:5: note: it runs once: 'read_resolv_conf' is only reached from the initializer of a static local in 'Resolver::instance'
  return servers;
}
class Resolver {
public:
  // Called once per request, but the constructor runs once.
  static Resolver &instance() {
    static Resolver r;
    return r;
  }
  std::vector<std::string> servers;

private:
  Resolver() : servers(read_resolv_conf("/etc/resolv.conf")) {}
};

// A lambda called in a static local's initializer.
const std::vector<std::string> &mime_types() {
  static const std::vector<std::string> types = [] {
    std::ifstream in("/etc/mime.types");
    std::vector<std::string> all;
    for (std::string line; std::getline(in, line);)
      all.push_back(line);
    // LOW: :[[@LINE-1]]:7: warning: 'all' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
    // LOW: :[[@LINE-2]]:7: note: it runs once: a lambda in 'mime_types' is only reached from the initializer of a static local in 'mime_types'
    return all;
  }();
  return types;
}

// A thread_local one runs once per thread: per connection, if a thread
// serves one.
std::vector<std::string> read_session(const char *path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'lines' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it runs once per call of 'read_session' (reached from a loop in 'main' via 'session')
  // LOW: :[[@LINE-3]]:5: warning: 'lines' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
  return lines;
}
const std::vector<std::string> &session() {
  thread_local const std::vector<std::string> lines = read_session("/run/session");
  return lines;
}

//===-- steady state: per request, per event -------------------------------===//

// The same read as read_config, once per request of main's request loop.
std::vector<std::string> read_body(const std::string &path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line))
    lines.push_back(line);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'lines' is appended to on every iteration of a loop that streams 'std::getline' [memlint-stream-accumulation]
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: the loop streams 'std::getline' here
  // CHECK-MESSAGES: :[[@LINE-6]]:28: note: 'lines' declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: it runs once per call of 'read_body' (reached from a loop in 'main')
  // CHECK-MESSAGES: drivers.cpp:{{[0-9]+}}:11: note: steady state starts here: a loop in 'main'
  // LOW: :[[@LINE-6]]:5: warning: 'lines' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
  return lines;
}

// A handler an event loop runs: a callback stored in a constructor (setup)
// and called from the server's loop.
class Server {
public:
  Server() {
    on_event_ = [](const std::string &path) {
      std::ifstream in(path);
      std::vector<std::string> lines;
      std::string line;
      while (std::getline(in, line))
        lines.push_back(line);
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'lines' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
      // CHECK-MESSAGES: :[[@LINE-2]]:9: note: it runs once per call of a lambda in 'Server::Server' (reached from a loop in 'Server::run')
      // LOW: :[[@LINE-3]]:9: warning: 'lines' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
      reply(lines);
    };
  }
  void run() {
    std::string path;
    while (next_event(path))
      on_event_(path);
  }

private:
  std::function<void(const std::string &)> on_event_;
};

//===-- main itself: outside its loops, and in one -------------------------===//

int main(int argc, char **argv) {
  std::vector<std::string> routes = read_config("/etc/app.conf");
  configure("/etc/hosts.conf");
  std::ifstream motd("/etc/motd");
  std::vector<std::string> banner;
  for (std::string line; std::getline(motd, line);)
    banner.push_back(line);
  // LOW: :[[@LINE-1]]:5: warning: 'banner' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
  // LOW: :[[@LINE-2]]:5: note: it runs only during setup, in 'main'
  Server server;
  server.run();
  for (std::string path; next_request(path);) {
    reply(read_body(path));
    reply(Resolver::instance().servers);
    reply(mime_types());
    reply(session());
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
      lines.push_back(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'lines' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: it runs on every turn of the loop in 'main', which runs until something happens
    // LOW: :[[@LINE-3]]:7: warning: 'lines' is appended to on every iteration{{.*}} [memlint-stream-accumulation]
    reply(lines);
  }
}
