// A large-copy-into-send finding with a safe fix-it (std::move of a last use).
#include <thread>
#include <utility>
#include <vector>

void consume(std::vector<int> items);

void hand_off() {
  std::vector<int> batch(100000, 7);
  std::thread worker(consume, batch);
  worker.detach();
}
