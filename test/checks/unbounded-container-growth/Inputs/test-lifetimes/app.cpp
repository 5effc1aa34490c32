#include "lib.h"

// Where its objects come from is not in view.
std::shared_ptr<Part> current_part();
std::shared_ptr<Log> current_log();
std::shared_ptr<Chunk> current_chunk();
std::shared_ptr<Journal> current_journal();

int main() {
  for (std::string cmd; next_message(cmd);) {
    pump(current_part(), current_log());
    pump_chunks(current_chunk(), current_journal());
  }
}
