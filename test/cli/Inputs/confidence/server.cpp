#include <string>
#include <vector>

bool next_request(std::string &method, std::string &path);

// Three members grown the same way from the request loop: one finding.
// A fourth of the same type, filled at setup, is another (low) finding.
class Router {
public:
  void get(const std::string &p) { get_log_.push_back(p); }
  void post(const std::string &p) { post_log_.push_back(p); }
  void put(const std::string &p) { put_log_.push_back(p); }
  void route(const std::string &m, const std::string &p) {
    if (m == "GET")
      get(p);
    else if (m == "POST")
      post(p);
    else
      put(p);
  }
  void alias(const std::string &a) { aliases_.push_back(a); }

private:
  std::vector<std::string> get_log_;
  std::vector<std::string> post_log_;
  std::vector<std::string> put_log_;
  std::vector<std::string> aliases_;
};

int main() {
  Router r;
  r.alias("/index.html");
  std::string m, p;
  while (next_request(m, p))
    r.route(m, p);
}
