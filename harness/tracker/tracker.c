/*===- tracker.c - memlint's LD_PRELOAD heap and query tracker -----------===*
 *
 * Loaded into arbitrary programs by `memlint confirm` (LD_PRELOAD). It
 * interposes the whole allocator family and every operator new/delete form,
 * and keeps, per allocation call stack ("site"): live bytes, peak live bytes,
 * allocation count, live objects, and the live bytes at the program's last
 * memlint_harness_mark() call. It also counts calls of the query functions
 * the rule packs describe (generated trampolines, query_trampolines.c). At
 * exit (and at every mark) it writes one file per process,
 * $MEMLINT_TRACKER_OUT/memlint-<pid>.trk, with raw return addresses and the
 * loaded modules; `memlint confirm` symbolizes them offline.
 *
 * Rules this file lives by (it runs inside someone else's process):
 *  - plain C, no libstdc++, no LLVM; libunwind and libc only;
 *  - no allocation of its own on the hot path: the site table and the stack
 *    frames live in mmap'd arenas; anything libc or libunwind allocates on
 *    our behalf is marked untracked by a per-thread reentrancy flag;
 *  - safe before its constructor runs (a static bootstrap arena serves the
 *    allocations dlsym makes while the real allocator is being looked up),
 *    with threads (lock-free site table, relaxed atomics), across fork
 *    (counters restart in the child, which writes its own file) and exec
 *    (LD_PRELOAD is inherited);
 *  - never crash the host: frame-pointer walks stay inside the thread's
 *    stack; frames in code without frame pointers are walked by libunwind.
 *
 * Every block carries a 16-byte header in front of it (size, site, epoch,
 * a magic and the distance back to the real block), so free() needs no
 * lookup; a pointer without the magic came from somewhere else (allocated
 * before we were loaded, or by a library bound straight to libc) and goes
 * to the real free untouched.
 *===----------------------------------------------------------------------===*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/single_threaded.h>
#include <sys/syscall.h>
#include <unistd.h>

#define UNW_LOCAL_ONLY
#include <libunwind.h>

#define EXPORT __attribute__((visibility("default")))
#define HIDDEN __attribute__((visibility("hidden")))
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define RELAXED memory_order_relaxed

/*===------------------------------------------------------------------===*
 * The real allocator
 *===------------------------------------------------------------------===*/
static void *(*real_malloc)(size_t);
static void (*real_free)(void *);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void *(*real_memalign)(size_t, size_t);
static size_t (*real_usable)(void *);

enum { UNRESOLVED = 0, RESOLVING = 1, RESOLVED = 2 };
static _Atomic int resolve_state;

/* Per-thread state. initial-exec: the tracker is preloaded, so its TLS is
 * static and reading it never calls into the dynamic loader (or malloc). */
struct thread_state {
  int busy;               /* inside the tracker: allocations are untracked */
  int bounds_known;       /* stack_lo/hi computed */
  uintptr_t stack_lo, stack_hi;
  uintptr_t user_lo, user_hi; /* the last user module a frame was found in */
  uintptr_t sys_lo, sys_hi;   /* ... and the last system module */
  struct {
    uint64_t hash;
    uint32_t depth, id : 31, checked : 1;
  } recent[64]; /* the sites this thread found last, by hash */
};
static __thread struct thread_state T __attribute__((tls_model("initial-exec")));

/*===------------------------------------------------------------------===*
 * Bootstrap arena: allocations made before the real allocator is known
 * (dlsym calls calloc). Never freed; recognized by address.
 *===------------------------------------------------------------------===*/
#define BOOT_SIZE (1u << 20)
static char boot_arena[BOOT_SIZE] __attribute__((aligned(64)));
static _Atomic size_t boot_used;

static int in_boot(const void *p) {
  return (const char *)p >= boot_arena && (const char *)p < boot_arena + BOOT_SIZE;
}

static void *boot_alloc(size_t n, size_t align) {
  if (align < 16)
    align = 16;
  size_t need = n + align + 16;
  size_t at = atomic_fetch_add(&boot_used, need);
  if (at + need > BOOT_SIZE) {
    errno = ENOMEM;
    return NULL;
  }
  uintptr_t base = (uintptr_t)boot_arena + at;
  uintptr_t user = (base + 16 + align - 1) & ~(uintptr_t)(align - 1);
  ((size_t *)user)[-1] = n; /* the size, for realloc and usable_size */
  return (void *)user; /* the arena is zero-initialized .bss: calloc is free */
}

static int resolve(void) {
  int s = atomic_load(&resolve_state);
  if (LIKELY(s == RESOLVED))
    return 1;
  if (s == RESOLVING || T.busy)
    return 0; /* dlsym is running (here or on another thread): bootstrap */
  int expected = UNRESOLVED;
  if (!atomic_compare_exchange_strong(&resolve_state, &expected, RESOLVING))
    return atomic_load(&resolve_state) == RESOLVED;
  T.busy++;
  real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
  real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
  real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
  real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
  real_memalign = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "memalign");
  real_usable = (size_t(*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
  T.busy--;
  if (!real_malloc || !real_free || !real_calloc || !real_realloc || !real_memalign) {
    static const char msg[] = "memlint-tracker: cannot find the real allocator\n";
    (void)!write(2, msg, sizeof msg - 1);
    abort();
  }
  atomic_store(&resolve_state, RESOLVED);
  return 1;
}

/*===------------------------------------------------------------------===*
 * Block header
 *===------------------------------------------------------------------===*/
#define HDR_MAGIC 0x6d6c74u /* "mlt", 24 bits */
#define SIZE_BITS 48
#define SIZE_MASK ((1ull << SIZE_BITS) - 1)
#define MAX_REQUEST (SIZE_MASK - (1ull << 31))

typedef struct {
  uint64_t size_epoch; /* requested size | epoch << 48 */
  uint32_t site;       /* 0: untracked */
  uint32_t magic_shift; /* HDR_MAGIC << 8 | log2(distance to the real block) */
} hdr_t;
_Static_assert(sizeof(hdr_t) == 16, "header must keep 16-byte alignment");

static _Atomic uint32_t epoch; /* bumped in a forked child */

static inline hdr_t *hdr_of(void *p) { return (hdr_t *)p - 1; }
static inline int is_ours(const hdr_t *h) { return (h->magic_shift >> 8) == HDR_MAGIC; }
static inline void *base_of(void *p, const hdr_t *h) {
  return (char *)p - ((size_t)1 << (h->magic_shift & 0xff));
}

/*===------------------------------------------------------------------===*
 * Sites: call stacks and their counters. An open-addressing index of
 * 32-bit ids over a dense, append-only array; insertion publishes a fully
 * written record with one CAS, so lookups take no lock.
 *===------------------------------------------------------------------===*/
typedef struct {
  uint64_t hash; /* 0: dead record (lost an insertion race) */
  uint32_t depth;
  uint32_t frames; /* index into frame_arena */
  _Atomic int fp_state; /* frame-pointer stack checked against libunwind */
  _Atomic int64_t live, peak, live_objs, mark_live, mark_objs;
  _Atomic uint64_t allocs, queries;
} site_t;

#define INDEX_SLOTS (1u << 20)
#define MAX_SITES (1u << 18)
#define MAX_FRAME_WORDS (1u << 22)
#define MAX_DEPTH 64
#define OVERFLOW_SITE 1 /* where allocations go once the tables are full */

static _Atomic uint32_t *site_index;
static site_t *sites;
static _Atomic uint32_t n_sites = 2; /* 0: untracked, 1: overflow */
static uintptr_t *frame_arena;
static _Atomic uint32_t n_frame_words;

static _Atomic int tracking; /* set once the constructor has run */
static int max_depth = 32;
enum { UNWIND_AUTO, UNWIND_FP, UNWIND_LIBUNWIND };
static int unwind_mode = UNWIND_AUTO;

static _Atomic uint64_t n_libunwind;
static _Atomic uint32_t n_marks;

static inline void raise_max(_Atomic int64_t *peak, int64_t now) {
  int64_t p = atomic_load_explicit(peak, RELAXED);
  while (now > p && !atomic_compare_exchange_weak_explicit(peak, &p, now, RELAXED, RELAXED)) {
  }
}

/* Counter updates: atomic read-modify-writes once the process has threads;
 * before that (glibc's __libc_single_threaded, which only the main thread
 * clears, in its first pthread_create) plain loads and stores, several
 * times cheaper. A signal handler that allocates in between can cost one
 * count, never memory safety. */
static inline int64_t add_i64(_Atomic int64_t *p, int64_t d) {
  if (__libc_single_threaded) {
    int64_t v = atomic_load_explicit(p, RELAXED) + d;
    atomic_store_explicit(p, v, RELAXED);
    return v;
  }
  return atomic_fetch_add_explicit(p, d, RELAXED) + d;
}

static inline void add_u64(_Atomic uint64_t *p, uint64_t d) {
  if (__libc_single_threaded)
    atomic_store_explicit(p, atomic_load_explicit(p, RELAXED) + d, RELAXED);
  else
    atomic_fetch_add_explicit(p, d, RELAXED);
}

/* Per allocation: three counters on the site's own cache line, and no
 * process-wide counter (totals are summed at report time). */
static inline void account_alloc(uint32_t id, uint64_t size) {
  site_t *s = &sites[id];
  int64_t now = add_i64(&s->live, (int64_t)size);
  if (UNLIKELY(now > atomic_load_explicit(&s->peak, RELAXED)))
    raise_max(&s->peak, now);
  add_u64(&s->allocs, 1);
  add_i64(&s->live_objs, 1);
}

static inline void account_free(const hdr_t *h) {
  if (!h->site || (uint32_t)(h->size_epoch >> SIZE_BITS) != (atomic_load_explicit(&epoch, RELAXED) & 0xffff))
    return;
  int64_t size = (int64_t)(h->size_epoch & SIZE_MASK);
  site_t *s = &sites[h->site];
  add_i64(&s->live, -size);
  add_i64(&s->live_objs, -1);
}

/* 64 bits over the frames, in two independent multiply chains (half the
 * latency of one). Sites are told apart by this hash and the depth alone:
 * with even a million distinct stacks, the chance that two share a 64-bit
 * hash is about 3e-8. */
static inline uint64_t hash_frames(const uintptr_t *f, int n) {
  uint64_t a = 0x84222325cbf29ce4ull ^ (uint64_t)n, b = 0x2545f4914f6cdd1dull;
  int i = 0;
  for (; i + 1 < n; i += 2) {
    a = (a ^ f[i]) * 0x9e3779b97f4a7c15ull;
    b = (b ^ f[i + 1]) * 0xc2b2ae3d27d4eb4full;
    a ^= a >> 29;
    b ^= b >> 31;
  }
  if (i < n)
    a = (a ^ f[i]) * 0x9e3779b97f4a7c15ull;
  uint64_t h = (a ^ (b >> 1) ^ (b << 7)) * 0xff51afd7ed558ccdull;
  h ^= h >> 32;
  return h ? h : 1;
}

static uint32_t new_site(uint64_t h, const uintptr_t *f, int n) {
  uint32_t id = atomic_fetch_add(&n_sites, 1);
  if (id >= MAX_SITES)
    return 0;
  uint32_t at = atomic_fetch_add(&n_frame_words, (uint32_t)n);
  if (at + (uint32_t)n > MAX_FRAME_WORDS)
    return 0;
  memcpy(&frame_arena[at], f, (size_t)n * sizeof *f);
  site_t *s = &sites[id];
  s->frames = at;
  s->depth = (uint32_t)n;
  s->hash = h;
  return id;
}

static uint32_t site_lookup(uint64_t h, const uintptr_t *f, int n);

/* The site of stack \p f, through a small per-thread cache. *checked says
 * whether a frame-pointer stack leading there was checked against libunwind
 * (see current_site); it is remembered in the cache once it is. */
static uint32_t site_miss(uint64_t h, const uintptr_t *f, int n, int *checked);

static inline __attribute__((always_inline)) uint32_t site_for_hash(uint64_t h, const uintptr_t *f,
                                                                    int n, int *checked) {
  unsigned r = (unsigned)(h >> 58);
  if (LIKELY(T.recent[r].hash == h && T.recent[r].depth == (uint32_t)n)) {
    *checked = T.recent[r].checked;
    return T.recent[r].id;
  }
  return site_miss(h, f, n, checked);
}

static __attribute__((noinline)) uint32_t site_miss(uint64_t h, const uintptr_t *f, int n,
                                                    int *checked) {
  unsigned r = (unsigned)(h >> 58);
  uint32_t id = site_lookup(h, f, n);
  *checked = atomic_load_explicit(&sites[id].fp_state, RELAXED) == 1;
  if (id != OVERFLOW_SITE) {
    T.recent[r].hash = h;
    T.recent[r].depth = (uint32_t)n;
    T.recent[r].id = id & 0x7fffffff;
    T.recent[r].checked = *checked;
  }
  return id;
}

static void remember_checked(uint64_t h) {
  unsigned r = (unsigned)(h >> 58);
  if (T.recent[r].hash == h)
    T.recent[r].checked = 1;
}

static uint32_t site_for(const uintptr_t *f, int n) {
  int checked;
  return site_for_hash(hash_frames(f, n), f, n, &checked);
}

static uint32_t site_lookup(uint64_t h, const uintptr_t *f, int n) {
  uint32_t i = (uint32_t)(h ^ (h >> 32)) & (INDEX_SLOTS - 1);
  for (uint32_t probe = 0; probe < INDEX_SLOTS; ++probe, i = (i + 1) & (INDEX_SLOTS - 1)) {
    uint32_t v = atomic_load_explicit(&site_index[i], memory_order_acquire);
    if (v == 0) {
      uint32_t id = new_site(h, f, n);
      if (!id)
        return OVERFLOW_SITE;
      uint32_t expected = 0;
      if (atomic_compare_exchange_strong_explicit(&site_index[i], &expected, id,
                                                  memory_order_release, memory_order_acquire))
        return id;
      sites[id].hash = 0; /* lost the race: this record stays dead */
      v = expected;
    }
    const site_t *s = &sites[v];
    if (s->hash == h && s->depth == (uint32_t)n)
      return v;
  }
  return OVERFLOW_SITE;
}

/*===------------------------------------------------------------------===*
 * Modules: which code is "user" code (compiled by the user, where frame
 * pointers can be trusted) and which is a system library (Debian builds
 * libc and libstdc++ without frame pointers: libunwind walks those).
 *===------------------------------------------------------------------===*/
typedef struct {
  uintptr_t lo, hi; /* executable segments' span */
  int user;
} module_t;

#define MAX_MODULES 1024
typedef struct {
  int count;
  module_t mods[MAX_MODULES];
} module_table_t;

static _Atomic(module_table_t *) modules;
static atomic_flag modules_lock = ATOMIC_FLAG_INIT;
static _Atomic uint32_t module_misses;
static uintptr_t self_lo, self_hi; /* the tracker's own code */
static char exe_path[4096];

static int system_path(const char *p) {
  static const char *const prefixes[] = {"/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/",
                                         "/usr/libexec/", "/usr/bin/", "/bin/", "/usr/sbin/",
                                         "/sbin/"};
  for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; ++i)
    if (strncmp(p, prefixes[i], strlen(prefixes[i])) == 0)
      return 1;
  return 0;
}

struct build_ctx {
  module_table_t *t;
};

/* The address range of a module's executable segments; 0 if it has none. */
static int exec_range(const struct dl_phdr_info *info, uintptr_t *lo_out,
                      uintptr_t *hi_out) {
  uintptr_t lo = UINTPTR_MAX, hi = 0;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
      continue;
    uintptr_t a = info->dlpi_addr + ph->p_vaddr;
    if (a < lo)
      lo = a;
    if (a + ph->p_memsz > hi)
      hi = a + ph->p_memsz;
  }
  *lo_out = lo;
  *hi_out = hi;
  return hi > lo;
}

static int build_cb(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  module_table_t *t = ((struct build_ctx *)data)->t;
  if (t->count >= MAX_MODULES)
    return 1;
  uintptr_t lo, hi;
  if (!exec_range(info, &lo, &hi))
    return 0;
  const char *name = info->dlpi_name;
  int user;
  if (!name || !*name)
    user = !system_path(exe_path);
  else
    user = name[0] == '/' && !system_path(name) && !strstr(name, "linux-vdso");
  if (lo <= self_lo && self_lo < hi)
    user = 0;
  module_t *m = &t->mods[t->count++];
  m->lo = lo;
  m->hi = hi;
  m->user = user;
  return 0;
}

static void *map_pages(size_t bytes) {
  void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                 -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

/* Rebuilds the module table (the old one is leaked: readers may hold it). */
static void refresh_modules(void) {
  if (atomic_flag_test_and_set(&modules_lock))
    return; /* someone else is at it */
  module_table_t *t = map_pages(sizeof(module_table_t));
  if (t) {
    struct build_ctx ctx = {t};
    T.busy++;
    dl_iterate_phdr(build_cb, &ctx);
    T.busy--;
    atomic_store(&modules, t);
  }
  atomic_flag_clear(&modules_lock);
}

static int classify_slow(uintptr_t pc);

/* 1: user code, 0: system code, -1: no module (JIT, garbage). Inline: the
 * last user and system modules seen by this thread answer nearly always. */
static inline __attribute__((always_inline)) int classify(uintptr_t pc) {
  if (pc - T.user_lo < T.user_hi - T.user_lo)
    return 1;
  if (pc - T.sys_lo < T.sys_hi - T.sys_lo)
    return 0;
  return classify_slow(pc);
}

static __attribute__((noinline)) int classify_slow(uintptr_t pc) {
  for (int pass = 0; pass < 2; ++pass) {
    module_table_t *t = atomic_load_explicit(&modules, memory_order_acquire);
    if (t) {
      for (int i = 0; i < t->count; ++i) {
        const module_t *m = &t->mods[i];
        if (pc >= m->lo && pc < m->hi) {
          if (m->user) {
            T.user_lo = m->lo;
            T.user_hi = m->hi;
          } else {
            T.sys_lo = m->lo;
            T.sys_hi = m->hi;
          }
          return m->user;
        }
      }
    }
    /* Not found: maybe dlopen'ed since. Rebuild on the 1st, 2nd, 4th, 8th,
     * ... miss, so code outside every module cannot make us rescan often. */
    uint32_t misses = atomic_fetch_add(&module_misses, 1) + 1;
    if (pass || (misses & (misses - 1)))
      return -1;
    refresh_modules();
  }
  return -1;
}

/*===------------------------------------------------------------------===*
 * Unwinding
 *===------------------------------------------------------------------===*/
extern void *__libc_stack_end;

static void thread_bounds(void) {
  T.bounds_known = -1;
  if (getpid() == (pid_t)syscall(SYS_gettid) && __libc_stack_end) {
    /* The main thread: everything the program's frames use is below
     * __libc_stack_end (pthread_getattr_np would parse /proc/self/maps). */
    T.stack_lo = 0;
    T.stack_hi = (uintptr_t)__libc_stack_end;
    T.bounds_known = 1;
    return;
  }
  pthread_attr_t attr;
  T.busy++; /* pthread_getattr_np reads /proc/self/maps for the main thread */
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void *addr;
    size_t size;
    if (pthread_attr_getstack(&attr, &addr, &size) == 0 && size) {
      T.stack_lo = (uintptr_t)addr;
      T.stack_hi = (uintptr_t)addr + size;
      T.bounds_known = 1;
    }
    pthread_attr_destroy(&attr);
  }
  T.busy--;
}

static int libunwind_walk(uintptr_t *out, int max) {
  void *buf[MAX_DEPTH + 16];
  int want = max + 16;
  int n = unw_backtrace(buf, want);
  int i = 0, k = 0;
  while (i < n && (uintptr_t)buf[i] >= self_lo && (uintptr_t)buf[i] < self_hi)
    ++i; /* the tracker's own frames (and the query trampolines) */
  for (; i < n && k < max; ++i)
    out[k++] = (uintptr_t)buf[i];
  atomic_fetch_add_explicit(&n_libunwind, 1, RELAXED);
  return k;
}

/* Walks frame pointers from \p fp (the interposer's own frame: fp[1] is its
 * return address into the caller). Stops at the end of the chain, outside
 * the thread's stack, and right after the first frame in system code, whose
 * frame pointer register is not a frame pointer. *broken is set when the
 * chain left the stack instead of ending. */
static inline __attribute__((always_inline)) int fp_walk(uintptr_t fp, uintptr_t *out, int max,
                                                         int *broken) {
  uintptr_t lo = (uintptr_t)__builtin_frame_address(0), hi = T.stack_hi;
  int n = 0;
  *broken = 0;
  while (n < max) {
    if (fp < lo || fp > hi - 16 || (fp & 7)) {
      *broken = 1;
      break;
    }
    uintptr_t ret = ((uintptr_t *)fp)[1];
    if (ret < 4096)
      break;
    out[n++] = ret;
    if (unwind_mode == UNWIND_AUTO && n > 1 && classify(ret) != 1)
      break;
    uintptr_t next = ((uintptr_t *)fp)[0];
    if (next == 0)
      break;
    if (next <= fp) {
      *broken = 1;
      break;
    }
    fp = next;
  }
  return n;
}

/* Frame pointers first: a walk costs a few loads per frame. Returns the
 * number of frames, or -1 when the frame-pointer walk does not apply (the
 * caller is system code, or the chain breaks at once: code built without
 * frame pointers). */
/* Frames in system code (Debian's libc and libstdc++ have no frame
 * pointers) are walked with what libunwind taught us about each return
 * address: where the frame's CFA is (SP + k, or RBP + 16 for a function that
 * keeps a frame pointer) and where it saved RBP. libunwind reads the DWARF
 * CFI once per return address (learn_walk); afterwards a system frame costs
 * a hash lookup and two loads, like a frame-pointer frame. */
typedef struct {
  _Atomic uintptr_t ip;
  _Atomic uint64_t info; /* 0: being written */
} frame_info_t;

#define FI_SLOTS (1u << 16)
#define FI_VALID (1ull << 63)
#define FI_FPSTYLE (1ull << 62) /* CFA = RBP + 16, RBP saved at CFA - 16 */
#define FI_END (1ull << 61)     /* the outermost frame: nothing above it */
#define FI_CFA(i) ((uint32_t)((i) & 0xffffffffu))
#define FI_RBP(i) ((uint32_t)(((i) >> 32) & 0xffffu)) /* 0: RBP not saved */
static frame_info_t *frame_infos;

static inline uint32_t fi_slot(uintptr_t ip) {
  uint64_t h = (uint64_t)ip * 0x9e3779b97f4a7c15ull;
  return (uint32_t)(h >> 48) & (FI_SLOTS - 1);
}

static uint64_t fi_lookup(uintptr_t ip) {
  for (uint32_t i = fi_slot(ip), k = 0; k < 16; ++k, i = (i + 1) & (FI_SLOTS - 1)) {
    uintptr_t v = atomic_load_explicit(&frame_infos[i].ip, memory_order_acquire);
    if (v == ip)
      return atomic_load_explicit(&frame_infos[i].info, memory_order_acquire);
    if (v == 0)
      return 0;
  }
  return 0;
}

static void fi_store(uintptr_t ip, uint64_t info) {
  for (uint32_t i = fi_slot(ip), k = 0; k < 16; ++k, i = (i + 1) & (FI_SLOTS - 1)) {
    uintptr_t expected = 0;
    if (atomic_compare_exchange_strong(&frame_infos[i].ip, &expected, ip) || expected == ip) {
      atomic_store_explicit(&frame_infos[i].info, info, memory_order_release);
      return;
    }
  }
}

/* A full libunwind walk with unw_step that also records, for every frame in
 * system code, how to step over it without libunwind next time. */
static int learn_walk(uintptr_t *out, int max) {
  unw_context_t ctx;
  unw_cursor_t cur;
  atomic_fetch_add_explicit(&n_libunwind, 1, RELAXED);
  if (unw_getcontext(&ctx) != 0 || unw_init_local(&cur, &ctx) != 0)
    return 0;
  int n = 0;
  for (int steps = 0; steps < 256 && n < max; ++steps) {
    unw_word_t ip = 0, sp = 0, rbp = 0;
    unw_get_reg(&cur, UNW_REG_IP, &ip);
    unw_get_reg(&cur, UNW_REG_SP, &sp);
    unw_get_reg(&cur, UNW_X86_64_RBP, &rbp);
    int self = ip >= self_lo && ip < self_hi;
    int kind = self ? -2 : classify(ip);
    if (!self)
      out[n++] = ip;
    /* A signal frame is stepped over through the saved context, not by a
     * fixed offset: never learned, so libunwind handles it each time. glibc's
     * x86-64 __restore_rt is `mov $15, %rax; syscall` (checked here directly:
     * unw_is_signal_frame validates its reads with a syscall each). */
    static const unsigned char restore_rt[] = {0x48, 0xc7, 0xc0, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05};
    int signal_frame = kind == 0 && memcmp((const void *)ip, restore_rt, sizeof restore_rt) == 0;
    int stepped = unw_step(&cur);
    if (stepped == 0 && kind >= 0 && steps > 0)
      fi_store(ip, FI_VALID | FI_END);
    if (stepped <= 0)
      break;
    if (kind < 0 || steps == 0 || signal_frame)
      continue; /* module code only, and never the innermost frame (its IP
                   is not a return address) */
    unw_word_t cfa = 0;
    unw_get_reg(&cur, UNW_REG_SP, &cfa);
    if (cfa <= sp || cfa - sp > 0xffffffffu)
      continue;
    uint64_t info = FI_VALID | (uint64_t)(cfa - sp);
    unw_save_loc_t loc;
    /* RBP as the caller sees it: saved in this frame (between its SP and
     * its CFA), or not touched (a slot further down belongs to a callee). */
    if (unw_get_save_loc(&cur, UNW_X86_64_RBP, &loc) == 0 && loc.type == UNW_SLT_MEMORY &&
        loc.u.addr >= sp && loc.u.addr < cfa)
      info |= (uint64_t)(cfa - loc.u.addr) << 32;
    if (rbp + 16 == cfa)
      info |= FI_FPSTYLE;
    fi_store(ip, info);
  }
  return n;
}

/* Walks from the interposer's frame \p fp through system frames with the
 * learned offsets, then on with frame pointers from the first user frame.
 * -1 when an offset is not known yet (or the walk leaves the stack). */
static int cfa_walk(uintptr_t fp, uintptr_t *out, int max) {
  uintptr_t lo = (uintptr_t)__builtin_frame_address(0), hi = T.stack_hi;
  if (fp < lo || fp > hi - 16)
    return -1;
  uintptr_t rbp = ((uintptr_t *)fp)[0], ret = ((uintptr_t *)fp)[1], sp = fp + 16;
  int n = 0;
  while (n < max) {
    out[n++] = ret;
    int kind = classify(ret);
    if (kind == 1) { /* a user frame: its RBP is its frame pointer */
      int broken;
      if (n < max)
        n += fp_walk(rbp, out + n, max - n, &broken);
      return n;
    }
    if (kind != 0)
      return -1;
    uint64_t info = fi_lookup(ret);
    if (!(info & FI_VALID))
      return -1;
    if (info & FI_END)
      break;
    uintptr_t cfa = info & FI_FPSTYLE ? rbp + 16 : sp + FI_CFA(info);
    if (cfa <= sp || cfa > hi || (cfa & 7))
      return -1;
    uint32_t saved = FI_RBP(info);
    if (saved) {
      if (cfa - saved < sp)
        return -1;
      rbp = *(uintptr_t *)(cfa - saved);
    }
    ret = *(uintptr_t *)(cfa - 8);
    sp = cfa;
    if (ret < 4096)
      break;
  }
  return n;
}

/* The whole stack from what libunwind taught us, frame pointers or not:
 * the reference a frame-pointer stack is checked against. -1 when a frame
 * on it has not been learned yet. */
static int cfa_walk_all(uintptr_t fp, uintptr_t *out, int max) {
  uintptr_t lo = (uintptr_t)__builtin_frame_address(0), hi = T.stack_hi;
  if (fp < lo || fp > hi - 16)
    return -1;
  uintptr_t rbp = ((uintptr_t *)fp)[0], ret = ((uintptr_t *)fp)[1], sp = fp + 16;
  int n = 0;
  while (n < max && ret >= 4096) {
    out[n++] = ret;
    uint64_t info = fi_lookup(ret);
    if (!(info & FI_VALID))
      return -1;
    if (info & FI_END)
      break;
    uintptr_t cfa = info & FI_FPSTYLE ? rbp + 16 : sp + FI_CFA(info);
    if (cfa <= sp || cfa > hi || (cfa & 7))
      break; /* the end of the stack (or of what can be trusted) */
    uint32_t saved = FI_RBP(info);
    if (saved) {
      if (cfa - saved < sp)
        break;
      rbp = *(uintptr_t *)(cfa - saved);
    }
    ret = *(uintptr_t *)(cfa - 8);
    sp = cfa;
  }
  return n;
}

static inline __attribute__((always_inline)) int fp_unwind(uintptr_t ret0, uintptr_t fp,
                                                           uintptr_t *out) {
  if (UNLIKELY(!T.bounds_known))
    thread_bounds();
  if (unwind_mode == UNWIND_LIBUNWIND || T.bounds_known <= 0)
    return -1;
  int kind = unwind_mode == UNWIND_FP ? 1 : classify(ret0);
  if (kind == 0)
    return cfa_walk(fp, out, max_depth);
  if (kind != 1)
    return -1;
  int broken;
  int n = fp_walk(fp, out, max_depth, &broken);
  if (n >= 3 || !broken || unwind_mode == UNWIND_FP)
    return n;
  return -1;
}

/* The site of the current call; 0 when not tracking (before the constructor,
 * or inside the tracker).
 *
 * A frame-pointer stack is checked against libunwind once, when its site is
 * new: code without frame pointers in the middle of the stack leaves a
 * plausible but wrong chain (the frames in between are skipped). If the two
 * disagree, the site is marked and every stack that walks to it is taken
 * from libunwind instead. */
enum { FP_UNKNOWN = 0, FP_GOOD = 1, FP_BAD = 2 };

static inline uint32_t current_site(void *ret0, void *fp) {
  if (UNLIKELY(!atomic_load_explicit(&tracking, RELAXED)) || T.busy)
    return 0;
  T.busy++;
  uintptr_t frames[MAX_DEPTH];
  uint32_t id;
  int n = fp_unwind((uintptr_t)ret0, (uintptr_t)fp, frames);
  if (n > 0) {
    uint64_t h = hash_frames(frames, n);
    int checked;
    id = site_for_hash(h, frames, n, &checked);
    if (UNLIKELY(!checked && id != OVERFLOW_SITE)) {
      int state = atomic_load_explicit(&sites[id].fp_state, RELAXED);
      uintptr_t uw[MAX_DEPTH];
      int un = cfa_walk_all((uintptr_t)fp, uw, max_depth);
      if (un < 0)
        un = learn_walk(uw, max_depth);
      if (state == FP_UNKNOWN) {
        int same = 1;
        for (int i = 0; i < n && i < un; ++i)
          same &= frames[i] == uw[i];
        state = same || un == 0 ? FP_GOOD : FP_BAD;
        atomic_store_explicit(&sites[id].fp_state, state, RELAXED);
      }
      if (state == FP_GOOD) {
        remember_checked(h);
      } else if (un > 0) {
        id = site_for(uw, un);
        atomic_store_explicit(&sites[id].fp_state, FP_GOOD, RELAXED);
      }
    }
  } else {
    n = unwind_mode == UNWIND_AUTO ? learn_walk(frames, max_depth) : libunwind_walk(frames, max_depth);
    id = n > 0 ? site_for(frames, n) : OVERFLOW_SITE;
  }
  T.busy--;
  return id;
}

/*===------------------------------------------------------------------===*
 * Allocation paths
 *===------------------------------------------------------------------===*/
static inline void *finish(void *base, uint64_t size, unsigned shift, uint32_t site) {
  char *user = (char *)base + ((size_t)1 << shift);
  hdr_t *h = hdr_of(user);
  h->size_epoch = size | ((uint64_t)(atomic_load_explicit(&epoch, RELAXED) & 0xffff) << SIZE_BITS);
  h->site = site;
  h->magic_shift = HDR_MAGIC << 8 | shift;
  if (site)
    account_alloc(site, size);
  return user;
}

static void *alloc_plain(size_t n, uint32_t site) {
  if (UNLIKELY(n > MAX_REQUEST)) {
    errno = ENOMEM;
    return NULL;
  }
  void *b = real_malloc(n + 16);
  return b ? finish(b, n, 4, site) : NULL;
}

static void *alloc_aligned(size_t align, size_t n, uint32_t site) {
  if (align <= 16)
    return alloc_plain(n, site);
  if (UNLIKELY(n > MAX_REQUEST || align > (1ul << 30))) {
    errno = ENOMEM;
    return NULL;
  }
  unsigned shift = (unsigned)__builtin_ctzl(align);
  void *b = real_memalign(align, n + align);
  return b ? finish(b, n, shift, site) : NULL;
}

static void free_impl(void *p) {
  if (!p || in_boot(p))
    return;
  hdr_t *h = hdr_of(p);
  if (UNLIKELY(!is_ours(h))) {
    if (resolve())
      real_free(p); /* foreign: never went through us */
    return;
  }
  account_free(h);
  void *base = base_of(p, h);
  h->magic_shift = 0;
  real_free(base);
}

static size_t block_size(void *p) {
  if (in_boot(p))
    return ((size_t *)p)[-1];
  hdr_t *h = hdr_of(p);
  return (size_t)(h->size_epoch & SIZE_MASK);
}

static void *realloc_impl(void *p, size_t n, void *ret, void *fp) {
  if (!p) {
    if (UNLIKELY(!resolve()))
      return boot_alloc(n, 16);
    return alloc_plain(n, current_site(ret, fp));
  }
  if (UNLIKELY(!resolve()) || in_boot(p)) {
    void *q = resolve() ? alloc_plain(n, current_site(ret, fp)) : boot_alloc(n, 16);
    if (q) {
      size_t old = block_size(p);
      memcpy(q, p, old < n ? old : n);
    }
    return q;
  }
  hdr_t *h = hdr_of(p);
  if (UNLIKELY(!is_ours(h)))
    return real_realloc(p, n);
  if (n == 0) {
    free_impl(p);
    return NULL;
  }
  if (UNLIKELY(n > MAX_REQUEST)) {
    errno = ENOMEM;
    return NULL;
  }
  uint32_t site = current_site(ret, fp);
  if ((h->magic_shift & 0xff) != 4) { /* over-aligned block: move it */
    void *q = alloc_plain(n, site);
    if (q) {
      size_t old = block_size(p);
      memcpy(q, p, old < n ? old : n);
      free_impl(p);
    }
    return q;
  }
  hdr_t old = *h;
  void *nb = real_realloc((char *)p - 16, n + 16);
  if (!nb)
    return NULL;
  account_free(&old);
  return finish(nb, n, 4, site);
}

/*===------------------------------------------------------------------===*
 * The exported allocator family
 *===------------------------------------------------------------------===*/
#define HERE __builtin_return_address(0), __builtin_frame_address(0)

static inline __attribute__((always_inline)) void *malloc_impl(size_t n, void *ret, void *fp) {
  if (UNLIKELY(!resolve()))
    return boot_alloc(n, 16);
  return alloc_plain(n, current_site(ret, fp));
}

static inline __attribute__((always_inline)) void *aligned_impl(size_t align, size_t n, void *ret,
                                                                void *fp) {
  if (UNLIKELY(!resolve()))
    return boot_alloc(n, align);
  return alloc_aligned(align, n, current_site(ret, fp));
}

EXPORT void *malloc(size_t n) { return malloc_impl(n, HERE); }

EXPORT void free(void *p) { free_impl(p); }

EXPORT void *calloc(size_t count, size_t size) {
  size_t n;
  if (UNLIKELY(__builtin_mul_overflow(count, size, &n))) {
    errno = ENOMEM;
    return NULL;
  }
  if (UNLIKELY(!resolve()))
    return boot_alloc(n, 16); /* .bss: already zero */
  if (UNLIKELY(n > MAX_REQUEST)) {
    errno = ENOMEM;
    return NULL;
  }
  uint32_t site = current_site(HERE);
  void *b = real_calloc(1, n + 16);
  return b ? finish(b, n, 4, site) : NULL;
}

EXPORT void *realloc(void *p, size_t n) { return realloc_impl(p, n, HERE); }

EXPORT void *reallocarray(void *p, size_t count, size_t size) {
  size_t n;
  if (UNLIKELY(__builtin_mul_overflow(count, size, &n))) {
    errno = ENOMEM;
    return NULL;
  }
  return realloc_impl(p, n, HERE);
}

static int power_of_two(size_t a) { return a && !(a & (a - 1)); }

EXPORT void *memalign(size_t align, size_t n) {
  if (!power_of_two(align)) { /* glibc rounds up */
    size_t a = 16;
    while (a < align && a)
      a <<= 1;
    if (!a) {
      errno = EINVAL;
      return NULL;
    }
    align = a;
  }
  return aligned_impl(align, n, HERE);
}

EXPORT void *aligned_alloc(size_t align, size_t n) {
  if (!power_of_two(align)) {
    errno = EINVAL;
    return NULL;
  }
  return aligned_impl(align, n, HERE);
}

EXPORT int posix_memalign(void **out, size_t align, size_t n) {
  if (!power_of_two(align) || align % sizeof(void *))
    return EINVAL;
  int saved = errno;
  void *p = aligned_impl(align, n, HERE);
  if (!p)
    return ENOMEM;
  errno = saved;
  *out = p;
  return 0;
}

EXPORT void *valloc(size_t n) { return aligned_impl((size_t)sysconf(_SC_PAGESIZE), n, HERE); }

EXPORT void *pvalloc(size_t n) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t rounded = (n + page - 1) & ~(page - 1);
  return aligned_impl(page, rounded ? rounded : page, HERE);
}

EXPORT size_t malloc_usable_size(void *p) {
  if (!p)
    return 0;
  if (in_boot(p))
    return ((size_t *)p)[-1];
  hdr_t *h = hdr_of(p);
  if (!is_ours(h))
    return resolve() && real_usable ? real_usable(p) : 0;
  size_t off = (size_t)1 << (h->magic_shift & 0xff);
  size_t total = real_usable ? real_usable(base_of(p, h)) : 0;
  return total > off ? total - off : (size_t)(h->size_epoch & SIZE_MASK);
}

/* C23 (glibc 2.40): defined so a newer libc's versions never see our blocks. */
EXPORT void free_sized(void *p, size_t n) { (void)n; free_impl(p); }
EXPORT void free_aligned_sized(void *p, size_t a, size_t n) { (void)a; (void)n; free_impl(p); }

/*===------------------------------------------------------------------===*
 * operator new / delete (Itanium mangled names, defined in C). Failure
 * follows the standard: call the new-handler until it gives up, then throw
 * std::bad_alloc (through libstdc++'s own thrower, looked up lazily: this
 * library does not link libstdc++). Built with -fexceptions so the
 * exception unwinds through these frames.
 *===------------------------------------------------------------------===*/
typedef void (*new_handler_t)(void);

static void *new_failed(size_t align, size_t n, int nothrow, uint32_t site) {
  static new_handler_t (*get_handler)(void);
  static void (*throw_bad_alloc)(void);
  for (;;) {
    if (!get_handler)
      get_handler = (new_handler_t(*)(void))dlsym(RTLD_DEFAULT, "_ZSt15get_new_handlerv");
    new_handler_t h = get_handler ? get_handler() : NULL;
    if (!h) {
      if (nothrow)
        return NULL;
      if (!throw_bad_alloc)
        throw_bad_alloc = (void (*)(void))dlsym(RTLD_DEFAULT, "_ZSt17__throw_bad_allocv");
      if (throw_bad_alloc)
        throw_bad_alloc();
      abort();
    }
    h();
    void *p = align ? alloc_aligned(align, n, site) : alloc_plain(n, site);
    if (p)
      return p;
  }
}

static inline __attribute__((always_inline)) void *new_impl(size_t n, size_t align, int nothrow,
                                                            void *ret, void *fp) {
  if (UNLIKELY(!resolve())) {
    void *p = boot_alloc(n, align);
    if (!p && !nothrow)
      abort();
    return p;
  }
  uint32_t site = current_site(ret, fp);
  void *p = align ? alloc_aligned(align, n, site) : alloc_plain(n, site);
  return LIKELY(p != NULL) ? p : new_failed(align, n, nothrow, site);
}

/* operator new(size_t), new[](size_t) */
EXPORT void *_Znwm(size_t n) { return new_impl(n, 0, 0, HERE); }
EXPORT void *_Znam(size_t n) { return new_impl(n, 0, 0, HERE); }
/* (size_t, const std::nothrow_t&) */
EXPORT void *_ZnwmRKSt9nothrow_t(size_t n, const void *t) { (void)t; return new_impl(n, 0, 1, HERE); }
EXPORT void *_ZnamRKSt9nothrow_t(size_t n, const void *t) { (void)t; return new_impl(n, 0, 1, HERE); }
/* (size_t, std::align_val_t) */
EXPORT void *_ZnwmSt11align_val_t(size_t n, size_t a) { return new_impl(n, a, 0, HERE); }
EXPORT void *_ZnamSt11align_val_t(size_t n, size_t a) { return new_impl(n, a, 0, HERE); }
/* (size_t, std::align_val_t, const std::nothrow_t&) */
EXPORT void *_ZnwmSt11align_val_tRKSt9nothrow_t(size_t n, size_t a, const void *t) {
  (void)t;
  return new_impl(n, a, 1, HERE);
}
EXPORT void *_ZnamSt11align_val_tRKSt9nothrow_t(size_t n, size_t a, const void *t) {
  (void)t;
  return new_impl(n, a, 1, HERE);
}

/* Every delete form: (void*), sized, nothrow, aligned, sized+aligned,
 * aligned+nothrow; scalar and array. */
EXPORT void _ZdlPv(void *p) { free_impl(p); }
EXPORT void _ZdaPv(void *p) { free_impl(p); }
EXPORT void _ZdlPvm(void *p, size_t n) { (void)n; free_impl(p); }
EXPORT void _ZdaPvm(void *p, size_t n) { (void)n; free_impl(p); }
EXPORT void _ZdlPvRKSt9nothrow_t(void *p, const void *t) { (void)t; free_impl(p); }
EXPORT void _ZdaPvRKSt9nothrow_t(void *p, const void *t) { (void)t; free_impl(p); }
EXPORT void _ZdlPvSt11align_val_t(void *p, size_t a) { (void)a; free_impl(p); }
EXPORT void _ZdaPvSt11align_val_t(void *p, size_t a) { (void)a; free_impl(p); }
EXPORT void _ZdlPvmSt11align_val_t(void *p, size_t n, size_t a) { (void)n; (void)a; free_impl(p); }
EXPORT void _ZdaPvmSt11align_val_t(void *p, size_t n, size_t a) { (void)n; (void)a; free_impl(p); }
EXPORT void _ZdlPvSt11align_val_tRKSt9nothrow_t(void *p, size_t a, const void *t) {
  (void)a; (void)t; free_impl(p);
}
EXPORT void _ZdaPvSt11align_val_tRKSt9nothrow_t(void *p, size_t a, const void *t) {
  (void)a; (void)t; free_impl(p);
}

/*===------------------------------------------------------------------===*
 * Query functions (trampolines generated from the packs)
 *===------------------------------------------------------------------===*/
static const char *const query_names[] = {
#define MEMLINT_QUERY_FN(name) name,
#include "query_functions.inc"
#undef MEMLINT_QUERY_FN
    NULL};
#define N_QUERY_FNS (sizeof query_names / sizeof *query_names - 1)

static int query_enabled[N_QUERY_FNS + 1];
static _Atomic uint64_t query_calls[N_QUERY_FNS + 1];

struct find_ctx {
  uintptr_t pc, lo, hi;
};

static int find_cb(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  struct find_ctx *c = data;
  uintptr_t lo = UINTPTR_MAX, hi = 0;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD)
      continue;
    uintptr_t a = info->dlpi_addr + ph->p_vaddr;
    if (a < lo)
      lo = a;
    if (a + ph->p_memsz > hi)
      hi = a + ph->p_memsz;
  }
  if (c->pc >= lo && c->pc < hi) {
    c->lo = lo;
    c->hi = hi;
    return 1;
  }
  return 0;
}

/* Where a query function's real definition is, and the span of the module
 * that defines it (a call from inside that module is not counted). */
typedef struct {
  void *real;
  uintptr_t lo, hi;
} query_target_t;

static int resolve_target(void *real, query_target_t *out) {
  if (!real || ((uintptr_t)real >= self_lo && (uintptr_t)real < self_hi))
    return 0; /* not found, or our own trampoline */
  struct find_ctx c = {(uintptr_t)real, 0, 0};
  dl_iterate_phdr(find_cb, &c);
  out->real = real;
  out->lo = c.lo;
  out->hi = c.hi;
  return 1;
}

/* Found in the global scope (the program and what it links, RTLD_GLOBAL
 * libraries): what every caller binds to, so it is kept for all of them. */
static query_target_t query_global[N_QUERY_FNS + 1];
static void *_Atomic query_real[N_QUERY_FNS + 1];

/* Found only in a caller's own scope: a library loaded with
 * dlopen(RTLD_LOCAL) that links the query library itself (Python's
 * `import sqlite3`). Its calls land here because the preloaded trampoline
 * comes first in the global scope; the real function is the one the
 * library's own dependencies define. Kept per calling module. */
#define LOCAL_SLOTS 16
typedef struct {
  _Atomic int state; /* 0 free, 1 being written, 2 ready */
  uintptr_t caller_lo, caller_hi;
  query_target_t target;
} local_target_t;
static local_target_t query_local[N_QUERY_FNS + 1][LOCAL_SLOTS];

static int find_local(uint32_t idx, uintptr_t ret, query_target_t *out) {
  for (int i = 0; i < LOCAL_SLOTS; ++i) {
    local_target_t *l = &query_local[idx][i];
    if (atomic_load_explicit(&l->state, memory_order_acquire) == 2 && ret >= l->caller_lo &&
        ret < l->caller_hi) {
      *out = l->target;
      return 1;
    }
  }
  return 0;
}

/* The definition the calling module's own dependencies give, as the
 * dynamic loader would have bound it without the tracker. */
static int resolve_local(uint32_t idx, uintptr_t ret, query_target_t *out) {
  Dl_info info;
  struct link_map *lm = NULL;
  if (!dladdr1((void *)ret, &info, (void **)&lm, RTLD_DL_LINKMAP) || !lm || !lm->l_name ||
      !*lm->l_name)
    return 0; /* the program itself: its scope is the global one */
  void *h = dlopen(lm->l_name, RTLD_LAZY | RTLD_NOLOAD);
  if (!h)
    return 0;
  int ok = resolve_target(dlsym(h, query_names[idx]), out);
  dlclose(h);
  if (!ok)
    return 0;
  struct find_ctx caller = {ret, 0, 0};
  dl_iterate_phdr(find_cb, &caller);
  for (int i = 0; i < LOCAL_SLOTS && caller.hi; ++i) {
    local_target_t *l = &query_local[idx][i];
    int expected = 0;
    if (atomic_compare_exchange_strong(&l->state, &expected, 1)) {
      l->caller_lo = caller.lo;
      l->caller_hi = caller.hi;
      l->target = *out;
      atomic_store_explicit(&l->state, 2, memory_order_release);
      break;
    }
  }
  return 1;
}

static __attribute__((noinline)) void query_target(uint32_t idx, uintptr_t ret,
                                                   query_target_t *out) {
  T.busy++;
  int ok = find_local(idx, ret, out);
  if (!ok && resolve_target(dlsym(RTLD_NEXT, query_names[idx]), out)) {
    query_global[idx] = *out;
    atomic_store_explicit(&query_real[idx], out->real, memory_order_release);
    ok = 1;
  }
  if (!ok)
    ok = resolve_local(idx, ret, out);
  T.busy--;
  if (!ok) {
    /* Without the tracker the dynamic loader would have failed this call
     * ("symbol lookup error") just the same. */
    static const char msg[] = "memlint-tracker: a query function the program calls is not "
                              "defined by any library it can see: ";
    (void)!write(2, msg, sizeof msg - 1);
    (void)!write(2, query_names[idx], strlen(query_names[idx]));
    (void)!write(2, "\n", 1);
    abort();
  }
}

/* Called by every trampoline: counts the call against the caller's stack and
 * returns the real function. \p fp is the trampoline's frame (fp[1]: the
 * return address into the caller). */
HIDDEN void *memlint_query_hit(uint32_t idx, void **fp) {
  uintptr_t ret = (uintptr_t)fp[1];
  query_target_t t;
  if (LIKELY(atomic_load_explicit(&query_real[idx], memory_order_acquire) != NULL))
    t = query_global[idx];
  else
    query_target(idx, ret, &t);
  if (query_enabled[idx] && atomic_load_explicit(&tracking, RELAXED) && !T.busy) {
    /* A call from inside the library itself (sqlite3_exec preparing its
     * statements) is part of the outer query, not one of its own. */
    if (!(ret >= t.lo && ret < t.hi)) {
      atomic_fetch_add_explicit(&query_calls[idx], 1, RELAXED);
      uint32_t site = current_site((void *)ret, fp);
      if (site)
        atomic_fetch_add_explicit(&sites[site].queries, 1, RELAXED);
    }
  }
  return t.real;
}

static void enable_queries(const char *list) {
  if (!list)
    return;
  const char *p = list;
  while (*p) {
    const char *e = p;
    while (*e && *e != ',' && *e != ' ')
      ++e;
    size_t len = (size_t)(e - p);
    for (size_t i = 0; i < N_QUERY_FNS; ++i)
      if (len && (strlen(query_names[i]) == len && strncmp(query_names[i], p, len) == 0))
        query_enabled[i] = 1;
    if (len == 1 && *p == '*')
      for (size_t i = 0; i < N_QUERY_FNS; ++i)
        query_enabled[i] = 1;
    p = *e ? e + 1 : e;
  }
}

/*===------------------------------------------------------------------===*
 * Report
 *===------------------------------------------------------------------===*/
static char out_dir[2048] = ".";
static int debug_report; /* MEMLINT_TRACKER_DEBUG=1: also the learned frames */
static atomic_flag report_lock = ATOMIC_FLAG_INIT;
static _Atomic int exited;

typedef struct {
  int fd;
  size_t used;
  char buf[1 << 16];
} writer_t;
static writer_t W;

static void w_flush(void) {
  size_t off = 0;
  while (off < W.used) {
    ssize_t k = write(W.fd, W.buf + off, W.used - off);
    if (k <= 0) {
      if (k < 0 && errno == EINTR)
        continue;
      break;
    }
    off += (size_t)k;
  }
  W.used = 0;
}

static void w_str(const char *s) {
  while (*s) {
    if (W.used == sizeof W.buf)
      w_flush();
    W.buf[W.used++] = *s++;
  }
}

static void w_u64(uint64_t v, int hex) {
  char tmp[24];
  int n = 0;
  do {
    unsigned d = (unsigned)(hex ? v % 16 : v % 10);
    tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
    v = hex ? v / 16 : v / 10;
  } while (v);
  char s[28];
  int k = 0;
  if (hex) {
    s[k++] = '0';
    s[k++] = 'x';
  }
  while (n)
    s[k++] = tmp[--n];
  s[k] = 0;
  w_str(s);
}

static void w_i64(int64_t v) {
  if (v < 0) {
    w_str("-");
    w_u64((uint64_t)(-v), 0);
  } else {
    w_u64((uint64_t)v, 0);
  }
}

/* VmHWM from /proc/self/status, in bytes (no stdio: no allocation). */
static uint64_t peak_rss(void) {
  static char buf[4096];
  int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0)
    return 0;
  buf[n] = 0;
  const char *p = strstr(buf, "VmHWM:");
  if (!p)
    return 0;
  p += 6;
  while (*p == ' ' || *p == '\t')
    ++p;
  uint64_t kb = 0;
  while (*p >= '0' && *p <= '9')
    kb = kb * 10 + (uint64_t)(*p++ - '0');
  return kb * 1024;
}

static int write_module_cb(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  (void)data;
  uintptr_t lo, hi;
  if (!exec_range(info, &lo, &hi))
    return 0;
  const char *name = info->dlpi_name && *info->dlpi_name ? info->dlpi_name : exe_path;
  if (!*name || strstr(name, "linux-vdso"))
    return 0;
  w_str("module ");
  w_u64(info->dlpi_addr, 1);
  w_str(" ");
  w_u64(lo, 1);
  w_str(" ");
  w_u64(hi, 1);
  w_str(" ");
  w_str(name);
  w_str("\n");
  return 0;
}

/*===------------------------------------------------------------------===*
 * Line probes: did a finding's line run at all? `memlint confirm` passes
 * the addresses where the lines start in the main executable (from its
 * line table): MEMLINT_TRACKER_PROBE_EXE (its path) and
 * MEMLINT_TRACKER_PROBES (hex link-time addresses, comma-separated). Each
 * gets a one-shot breakpoint (int3): the first hit counts, puts the
 * original byte back and resumes there, so a line that runs a million
 * times costs one trap. Only in the executable named (an exec'd other
 * program inherits the variables, not the probes); a program that handles
 * SIGTRAP itself keeps it, and then no probe is set.
 *===------------------------------------------------------------------===*/
#include <signal.h>
#include <sys/ucontext.h>

#define MAX_PROBES 4096
static struct probe {
  uintptr_t addr;    /* run-time address */
  uintptr_t vaddr;   /* as memlint confirm named it */
  unsigned char orig;
  _Atomic int hit;
} probes[MAX_PROBES];
static int n_probes;
static int probes_set; /* 1: every probe in place */

#if defined(__x86_64__)
static int set_byte(uintptr_t addr, unsigned char b) {
  uintptr_t page = addr & ~(uintptr_t)4095;
  size_t len = (addr + 1 - page + 4095) & ~(size_t)4095;
  if (mprotect((void *)page, len, PROT_READ | PROT_WRITE | PROT_EXEC))
    return 0;
  *(volatile unsigned char *)addr = b;
  mprotect((void *)page, len, PROT_READ | PROT_EXEC);
  __builtin___clear_cache((char *)addr, (char *)addr + 1);
  return 1;
}

static void on_trap(int sig, siginfo_t *si, void *ctx) {
  ucontext_t *uc = (ucontext_t *)ctx;
  uintptr_t at = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP] - 1;
  for (int i = 0; i < n_probes; ++i)
    if (probes[i].addr == at) {
      if (!atomic_exchange(&probes[i].hit, 1))
        set_byte(at, probes[i].orig);
      uc->uc_mcontext.gregs[REG_RIP] = (greg_t)at; /* run the real instruction */
      return;
    }
  /* Not ours: what SIGTRAP does by default. */
  signal(SIGTRAP, SIG_DFL);
  raise(SIGTRAP);
  (void)sig;
  (void)si;
}

static int main_bias_cb(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  *(uintptr_t *)data = (uintptr_t)info->dlpi_addr;
  return 1; /* the first entry is the main program */
}

static void set_probes(void) {
  const char *exe = getenv("MEMLINT_TRACKER_PROBE_EXE");
  const char *list = getenv("MEMLINT_TRACKER_PROBES");
  if (!exe || !*exe || !list || !*list)
    return;
  char real[4096];
  if (!realpath(exe, real) || strcmp(real, exe_path) != 0)
    return;
  struct sigaction old;
  if (sigaction(SIGTRAP, NULL, &old) || old.sa_handler != SIG_DFL)
    return;
  uintptr_t bias = 0;
  dl_iterate_phdr(main_bias_cb, &bias);
  for (const char *p = list; *p && n_probes < MAX_PROBES;) {
    char *end;
    unsigned long long v = strtoull(p, &end, 16);
    if (end == p)
      break;
    probes[n_probes].vaddr = (uintptr_t)v;
    probes[n_probes].addr = bias + (uintptr_t)v;
    ++n_probes;
    p = *end == ',' ? end + 1 : end;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_trap;
  sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGTRAP, &sa, NULL))
    return;
  int ok = 1;
  for (int i = 0; i < n_probes; ++i) {
    probes[i].orig = *(volatile unsigned char *)probes[i].addr;
    if (!set_byte(probes[i].addr, 0xCC)) {
      ok = 0;
      probes[i].hit = 1; /* never set: not evidence of anything */
    }
  }
  probes_set = ok;
}
#else
/* Probes are x86-64 only (int3); elsewhere no line is proven unexecuted. */
static void set_probes(void) {}
#endif

/* `probes <set> <n>` then `probe <vaddr hex> <hit>` per probe. */
static void write_probes(void) {
  if (!n_probes)
    return;
  w_str("probes ");
  w_u64((uint64_t)probes_set, 0);
  w_str(" ");
  w_u64((uint64_t)n_probes, 0);
  w_str("\n");
  for (int i = 0; i < n_probes; ++i) {
    w_str("probe ");
    w_u64(probes[i].vaddr, 1);
    w_str(" ");
    w_u64((uint64_t)atomic_load(&probes[i].hit), 0);
    w_str("\n");
  }
}

static void write_report(const char *event) {
  while (atomic_flag_test_and_set(&report_lock)) {
  }
  T.busy++;
  char path[2200];
  char num[24];
  {
    /* <out>/memlint-<pid>.trk */
    uint64_t pid = (uint64_t)getpid();
    int n = 0;
    char t[24];
    do {
      t[n++] = (char)('0' + pid % 10);
      pid /= 10;
    } while (pid);
    int k = 0;
    while (n)
      num[k++] = t[--n];
    num[k] = 0;
  }
  size_t dl = strlen(out_dir);
  memcpy(path, out_dir, dl);
  path[dl] = 0;
  strcat(path, "/memlint-");
  strcat(path, num);
  strcat(path, ".trk");
  /* Written in place (a file that lacks its `end` line was cut short, and
   * `memlint confirm` says so); a later report overwrites an earlier one. */
  W.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (W.fd >= 0) {
    W.used = 0;
    w_str("memlint-tracker 1\npid ");
    w_u64((uint64_t)getpid(), 0);
    w_str("\nppid ");
    w_u64((uint64_t)getppid(), 0);
    w_str("\nevent ");
    w_str(event);
    w_str("\nmarks ");
    w_u64(atomic_load(&n_marks), 0);
    w_str("\nexe ");
    w_str(exe_path);
    w_str("\ncmdline ");
    {
      /* argv, NULs as spaces; read now (the program may have changed it) */
      static char cmd[1024];
      int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
      ssize_t len = fd >= 0 ? read(fd, cmd, sizeof cmd - 1) : 0;
      if (fd >= 0)
        close(fd);
      if (len < 0)
        len = 0;
      for (ssize_t i = 0; i < len; ++i)
        if (cmd[i] == 0 || cmd[i] == '\n')
          cmd[i] = ' ';
      while (len > 0 && cmd[len - 1] == ' ')
        --len;
      cmd[len] = 0;
      w_str(cmd);
    }
    w_str("\nunwind ");
    w_str(unwind_mode == UNWIND_FP ? "fp" : unwind_mode == UNWIND_LIBUNWIND ? "libunwind" : "auto");
    w_str("\ndepth ");
    w_u64((uint64_t)max_depth, 0);
    uint64_t all_allocs = 0, all_queries = 0;
    int64_t all_live = 0;
    {
      uint32_t count = atomic_load(&n_sites);
      if (count > MAX_SITES)
        count = MAX_SITES;
      for (uint32_t id = 1; id < count; ++id) {
        if (id != OVERFLOW_SITE && !sites[id].hash)
          continue;
        all_allocs += atomic_load(&sites[id].allocs);
        all_queries += atomic_load(&sites[id].queries);
        all_live += atomic_load(&sites[id].live);
      }
    }
    uint64_t unw = atomic_load(&n_libunwind);
    w_str("\nallocs ");
    w_u64(all_allocs, 0);
    w_str("\nwalks_fp ");
    w_u64(all_allocs + all_queries > unw ? all_allocs + all_queries - unw : 0, 0);
    w_str("\nwalks_libunwind ");
    w_u64(unw, 0);
    w_str("\ntotal_live ");
    w_i64(all_live);
    w_str("\npeak_rss ");
    w_u64(peak_rss(), 0);
    w_str("\n");
    for (size_t i = 0; i < N_QUERY_FNS; ++i) {
      if (!query_enabled[i])
        continue;
      w_str("query ");
      w_str(query_names[i]);
      w_str(" ");
      w_u64(atomic_load(&query_calls[i]), 0);
      w_str("\n");
    }
    write_probes();
    if (debug_report && frame_infos)
      for (uint32_t i = 0; i < FI_SLOTS; ++i) {
        uintptr_t ip = atomic_load(&frame_infos[i].ip);
        if (!ip)
          continue;
        w_str("frameinfo ");
        w_u64(ip, 1);
        w_str(" ");
        w_u64(atomic_load(&frame_infos[i].info), 1);
        w_str("\n");
      }
    dl_iterate_phdr(write_module_cb, NULL);
    uint32_t count = atomic_load(&n_sites);
    if (count > MAX_SITES)
      count = MAX_SITES;
    for (uint32_t id = 1; id < count; ++id) {
      site_t *s = &sites[id];
      if (id != OVERFLOW_SITE && !s->hash)
        continue;
      uint64_t allocs = atomic_load(&s->allocs), queries = atomic_load(&s->queries);
      if (!allocs && !queries)
        continue;
      /* site id allocs live peak live_objs mark_live mark_objs queries depth frames... */
      w_str("site ");
      w_u64(id, 0);
      w_str(" ");
      w_u64(allocs, 0);
      w_str(" ");
      w_i64(atomic_load(&s->live));
      w_str(" ");
      w_i64(atomic_load(&s->peak));
      w_str(" ");
      w_i64(atomic_load(&s->live_objs));
      w_str(" ");
      w_i64(atomic_load(&s->mark_live));
      w_str(" ");
      w_i64(atomic_load(&s->mark_objs));
      w_str(" ");
      w_u64(queries, 0);
      uint32_t depth = id == OVERFLOW_SITE ? 0 : s->depth;
      w_str(" ");
      w_u64(depth, 0);
      for (uint32_t k = 0; k < depth; ++k) {
        w_str(" ");
        w_u64(frame_arena[s->frames + k], 1);
      }
      w_str("\n");
    }
    w_str("end\n");
    w_flush();
    close(W.fd);
  }
  T.busy--;
  atomic_flag_clear(&report_lock);
}

/* Snapshot of every site's live bytes: what the workload retained. */
EXPORT void memlint_harness_mark(void) {
  if (!atomic_load(&tracking))
    return;
  uint32_t count = atomic_load(&n_sites);
  if (count > MAX_SITES)
    count = MAX_SITES;
  for (uint32_t id = 1; id < count; ++id) {
    site_t *s = &sites[id];
    atomic_store_explicit(&s->mark_live, atomic_load_explicit(&s->live, RELAXED), RELAXED);
    atomic_store_explicit(&s->mark_objs, atomic_load_explicit(&s->live_objs, RELAXED), RELAXED);
  }
  atomic_fetch_add(&n_marks, 1);
  write_report("mark");
}

/*===------------------------------------------------------------------===*
 * Life cycle
 *===------------------------------------------------------------------===*/
static void before_fork(void) {
  while (atomic_flag_test_and_set(&report_lock)) {
  }
}

static void after_fork_parent(void) { atomic_flag_clear(&report_lock); }

/* The child starts from zero: it reports its own allocations, and frees of
 * blocks inherited from the parent (an older epoch) are not counted. */
static void after_fork_child(void) {
  atomic_flag_clear(&report_lock);
  atomic_flag_clear(&modules_lock);
  atomic_fetch_add(&epoch, 1);
  uint32_t count = atomic_load(&n_sites);
  if (count > MAX_SITES)
    count = MAX_SITES;
  for (uint32_t id = 1; id < count; ++id) {
    site_t *s = &sites[id];
    atomic_store(&s->live, 0);
    atomic_store(&s->peak, 0);
    atomic_store(&s->live_objs, 0);
    atomic_store(&s->mark_live, 0);
    atomic_store(&s->mark_objs, 0);
    atomic_store(&s->allocs, 0);
    atomic_store(&s->queries, 0);
  }
  for (size_t i = 0; i < N_QUERY_FNS; ++i)
    atomic_store(&query_calls[i], 0);
  atomic_store(&n_libunwind, 0);
  atomic_store(&n_marks, 0);
  atomic_store(&exited, 0);
}

static int env_int(const char *name, int def, int lo, int hi) {
  const char *v = getenv(name);
  if (!v || !*v)
    return def;
  long x = strtol(v, NULL, 10);
  return x < lo ? lo : x > hi ? hi : (int)x;
}

__attribute__((constructor(101))) static void tracker_start(void) {
  if (!resolve())
    return;
  T.busy++;
  const char *out = getenv("MEMLINT_TRACKER_OUT");
  if (out && *out && strlen(out) < sizeof out_dir - 64)
    strcpy(out_dir, out);
  max_depth = env_int("MEMLINT_TRACKER_DEPTH", 32, 1, MAX_DEPTH);
  const char *mode = getenv("MEMLINT_TRACKER_UNWIND");
  if (mode && strcmp(mode, "fp") == 0)
    unwind_mode = UNWIND_FP;
  else if (mode && strcmp(mode, "libunwind") == 0)
    unwind_mode = UNWIND_LIBUNWIND;
  enable_queries(getenv("MEMLINT_QUERY_FUNCTIONS"));
  debug_report = env_int("MEMLINT_TRACKER_DEBUG", 0, 0, 1);

  ssize_t k = readlink("/proc/self/exe", exe_path, sizeof exe_path - 1);
  exe_path[k > 0 ? k : 0] = 0;
  Dl_info self;
  if (dladdr((void *)&tracker_start, &self) && self.dli_fbase) {
    struct find_ctx c = {(uintptr_t)&tracker_start, 0, 0};
    dl_iterate_phdr(find_cb, &c);
    self_lo = c.lo;
    self_hi = c.hi;
  }
  site_index = map_pages(sizeof(uint32_t) * INDEX_SLOTS);
  sites = map_pages(sizeof(site_t) * MAX_SITES);
  frame_arena = map_pages(sizeof(uintptr_t) * MAX_FRAME_WORDS);
  frame_infos = map_pages(sizeof(frame_info_t) * FI_SLOTS);
  if (site_index && sites && frame_arena && frame_infos) {
    refresh_modules();
    set_probes();
    unw_set_caching_policy(unw_local_addr_space, UNW_CACHE_PER_THREAD);
    pthread_atfork(before_fork, after_fork_parent, after_fork_child);
    atomic_store(&tracking, 1);
  }
  T.busy--;
}

__attribute__((destructor(101))) static void tracker_stop(void) {
  if (!atomic_load(&tracking) || atomic_exchange(&exited, 1))
    return;
  write_report("exit");
}
