// Exercises every allocation function the tracker interposes, from several
// threads, across fork and exec, and checks each result (alignment, contents
// kept by realloc, usable size, bad_alloc); aborts on any misbehaviour.
// `alloc_family N`: keeps N blocks of exactly 1000 bytes until the mark, so
// the retained bytes at the KEPT line are exactly 1000 * N.
#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "memlint/harness.h"

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      std::fprintf(stderr, "alloc_family: %s:%d: %s\n", __FILE__, __LINE__,    \
                   #cond);                                                     \
      std::abort();                                                            \
    }                                                                          \
  } while (0)

// Keeps the compiler from eliding an allocation whose result is only compared.
template <typename T>
static T* opaque(T* p) {
  asm volatile("" : "+r"(p));
  return p;
}

static bool aligned(const void* p, std::size_t a) { return reinterpret_cast<std::uintptr_t>(p) % a == 0; }

struct alignas(128) Wide {
  char bytes[300];
};

static void family() {
  void* p = std::malloc(100);
  CHECK(p && aligned(p, 16) && malloc_usable_size(p) >= 100);
  std::memset(p, 7, 100);
  p = std::realloc(p, 5000);
  CHECK(p && static_cast<unsigned char*>(p)[99] == 7 && malloc_usable_size(p) >= 5000);
  p = std::realloc(p, 10);
  CHECK(p && static_cast<unsigned char*>(p)[9] == 7);
  std::free(p);

  int* z = static_cast<int*>(std::calloc(1000, sizeof(int)));
  CHECK(z);
  for (int i = 0; i < 1000; ++i)
    CHECK(z[i] == 0);
  std::free(z);
  errno = 0;
  CHECK(opaque(std::calloc(SIZE_MAX / 2, 4)) == nullptr);

  void* r = reallocarray(nullptr, 10, 10);
  CHECK(r);
  std::free(r);
  CHECK(opaque(reallocarray(nullptr, SIZE_MAX / 2, 4)) == nullptr);

  for (std::size_t a : {8, 16, 32, 64, 4096, 65536}) {
    void* m = memalign(a, 333);
    CHECK(m && aligned(m, a) && malloc_usable_size(m) >= 333);
    std::memset(m, 1, 333);
    m = std::realloc(m, 10000);  // an over-aligned block moves
    CHECK(m && static_cast<unsigned char*>(m)[332] == 1);
    std::free(m);
    void* q = std::aligned_alloc(a, 4 * a);
    CHECK(q && aligned(q, a));
    std::free(q);
    void* pm = nullptr;
    CHECK(posix_memalign(&pm, a < sizeof(void*) ? sizeof(void*) : a, 77) == 0 && pm && aligned(pm, a));
    std::free(pm);
  }
  void* bad = nullptr;
  CHECK(posix_memalign(&bad, 24, 10) == EINVAL);
  const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  void* v = valloc(10);
  CHECK(v && aligned(v, page));
  std::free(v);
  void* pv = pvalloc(10);
  CHECK(pv && aligned(pv, page) && malloc_usable_size(pv) >= page);
  std::free(pv);

  // Every operator new/delete form.
  int* one = new int(5);
  delete one;
  int* many = new int[100];
  delete[] many;
  int* nt = new (std::nothrow) int[10];
  CHECK(nt);
  delete[] nt;
  Wide* w = new Wide;  // aligned new (align_val_t), sized aligned delete
  CHECK(aligned(w, 128));
  delete w;
  Wide* ws = new Wide[3];
  CHECK(aligned(ws, 128));
  delete[] ws;
  Wide* wn = new (std::nothrow) Wide;
  CHECK(wn && aligned(wn, 128));
  delete wn;
  void* raw = ::operator new(64);
  ::operator delete(raw, 64);
  void* raw2 = ::operator new[](64, std::nothrow);
  ::operator delete[](raw2, std::nothrow);
  void* raw3 = ::operator new(64, std::align_val_t(256));
  CHECK(aligned(raw3, 256));
  ::operator delete(raw3, 64, std::align_val_t(256));
  bool threw = false;
  try {
    void* huge = opaque(::operator new(std::size_t(1) << 62));
    ::operator delete(huge);
  } catch (const std::bad_alloc&) {
    threw = true;
  }
  CHECK(threw);
  CHECK(opaque(::operator new(std::size_t(1) << 62, std::nothrow)) == nullptr);
  std::string s(1000, 'x');
  s += s;
  CHECK(s.size() == 2000);
}

static std::vector<void*> g_kept;

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "exec-child") == 0) {
    std::vector<int> v(4321);
    family();
    std::printf("exec-child ok %zu\n", v.size());
    return 0;
  }
  const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
  g_kept.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    g_kept.push_back(std::malloc(1000));  // KEPT
  family();

  // Allocated on four threads, freed on the main thread.
  std::mutex mu;
  std::vector<void*> handed;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (std::size_t i = 0; i < n; ++i) {
        void* p = std::malloc(64);  // THREADS
        std::lock_guard<std::mutex> lock(mu);
        handed.push_back(p);
      }
      family();
    });
  for (std::thread& t : threads)
    t.join();
  for (void* p : handed)
    std::free(p);

  std::fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    std::vector<char> mine(12345);  // FORKED
    opaque(mine.data());
    family();
    std::exit(0);
  }
  CHECK(child > 0);
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  pid_t exec_child = fork();
  if (exec_child == 0) {
    execl("/proc/self/exe", argv[0], "exec-child", static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  waitpid(exec_child, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

  memlint_mark();
  for (void* p : g_kept)
    std::free(p);
  std::printf("ok %zu\n", n);
  return 0;
}
