#include "buffers.h"
bool next_batch(std::vector<std::string> &out);
Command g_command;
Stream g_stream;
int main() {
  std::vector<std::string> batch;
  while (next_batch(batch)) {
    g_command.add_params(batch);
    g_stream.feed(batch);
    g_stream.flush();
    borrowed()->feed(batch);
    borrowed()->flush();
  }
}
