// Many threads allocating and freeing at once (blocks freed by other threads
// than the ones that allocated them), one thread calling the mark hook over
// and over, and forks from a worker thread while the others keep
// allocating. Checks the totals it can know and exits 0; under the tracker
// it must neither crash, nor deadlock, nor lose a block.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "memlint/harness.h"

int main(int argc, char** argv) {
  const int per_thread = argc > 1 ? std::atoi(argv[1]) : 20000;
  constexpr int kThreads = 8;
  std::mutex mu;
  std::vector<char*> shared;
  std::atomic<bool> done{false};
  std::atomic<long> bytes{0};
  std::thread marker([&] {
    while (!done.load())
      memlint_mark();
  });
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t)
    workers.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        const std::size_t size = 1 + (i * 37 + t) % 300;
        char* p = static_cast<char*>(std::malloc(size));  // WORKERS
        std::memset(p, t, size);
        bytes += static_cast<long>(size);
        std::string s(size, 'x');  // through libstdc++
        std::vector<char*> batch;
        {
          std::lock_guard<std::mutex> lock(mu);
          shared.push_back(p);
          if (shared.size() > 64) {
            batch.assign(shared.begin(), shared.end());
            shared.clear();
          }
        }
        for (char* q : batch)
          std::free(q);  // mostly blocks of other threads
        if (t == 0 && i % 5000 == 4999) {  // fork while everyone allocates
          pid_t child = fork();
          if (child == 0) {
            void* mine = std::malloc(100);
            std::free(mine);
            std::exit(0);
          }
          int status = 0;
          waitpid(child, &status, 0);
          if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            std::abort();
        }
      }
    });
  for (std::thread& w : workers)
    w.join();
  done = true;
  marker.join();
  for (char* p : shared)
    std::free(p);
  memlint_mark();  // the last mark: every worker block is freed by now
  std::printf("ok %ld\n", bytes.load());
  return 0;
}
