#include "lib.h"

void pump(std::shared_ptr<Part> part, std::shared_ptr<Log> log) {
  for (std::string m; next_message(m);) {
    part->add(m);
    log->add(m);
  }
}

void pump_chunks(std::shared_ptr<Chunk> chunk, std::shared_ptr<Journal> journal) {
  for (std::string m; next_message(m);) {
    chunk->add(m);
    journal->add(m);
  }
}

std::shared_ptr<Chunk> make_chunk() { return std::make_shared<Chunk>(); }
std::shared_ptr<Journal> make_journal() { return std::make_shared<Journal>(); }
