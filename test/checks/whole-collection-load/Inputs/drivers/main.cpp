#include "files.h"
bool next_request(std::string &path);
void reply(const std::string &body);
int main() {
  std::string config = read_file("/etc/app.conf");
  for (std::string path; next_request(path);)
    reply(serve(path));
}
