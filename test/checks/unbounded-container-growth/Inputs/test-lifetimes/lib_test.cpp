#include "lib.h"

int main() {
  auto log = std::make_shared<Log>();
  auto journal = make_journal();
  for (int round = 0; round < 100; ++round) {
    auto part = std::make_shared<Part>();
    pump(part, log);
    pump_chunks(make_chunk(), journal);
  }
}
