// RUN: %check_memlint '--checks=-*,memlint-whole-collection-load' %s
// RUN: %check_memlint '--checks=-*,memlint-whole-collection-load' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// A whole load given a comparison (a `whole_loads` entry's sort_arg:
// scandir's compar) returns its entries sorted, and a sorted listing needs
// every entry: "stream it instead" cannot be followed, so the finding is
// low, with a note at the comparison. A null comparison sorts nothing; one
// that arrives as a parameter may be null. A query's rows sorted in memory
// keep their confidence: the query can sort them (ORDER BY).

#include <dirent.h>
#include <fcntl.h>
#include <sqlite3.h>

#include <cstdlib>
#include <cstring>

void show(const char *name);

static void show_all(struct dirent **list, int n) {
  for (int i = 0; i < n; ++i) {
    show(list[i]->d_name);
    std::free(list[i]);
  }
  std::free(list);
}

// Positives: kept at the default level.

void unsorted(const char *dir) {
  struct dirent **list = nullptr;
  int n = scandir(dir, &list, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'scandir' loads every entry at once into memory [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: memory grows with the source; stream it instead: opendir + readdir, handling one entry at a time
  // LOW: :[[@LINE-3]]:11: warning: 'scandir' loads every entry at once into memory [memlint-whole-collection-load]
  show_all(list, n);
}

void unsorted_null(const char *dir) {
  struct dirent **list = nullptr;
  int n = scandir(dir, &list, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'scandir' loads every entry{{.*}} [memlint-whole-collection-load]
  // LOW: :[[@LINE-2]]:11: warning: 'scandir' loads every entry{{.*}} [memlint-whole-collection-load]
  show_all(list, n);
}

// The caller decides: it may pass null.
void sorted_by(const char *dir,
               int (*compar)(const struct dirent **, const struct dirent **)) {
  struct dirent **list = nullptr;
  int n = scandir(dir, &list, nullptr, compar);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'scandir' loads every entry{{.*}} [memlint-whole-collection-load]
  // LOW: :[[@LINE-2]]:11: warning: 'scandir' loads every entry{{.*}} [memlint-whole-collection-load]
  show_all(list, n);
}

static int by_name(const void *a, const void *b) {
  return std::strcmp(*static_cast<char *const *>(a),
                     *static_cast<char *const *>(b));
}

// A table's rows sorted in memory: ORDER BY sorts them in the query.
void users(sqlite3 *db) {
  char **rows = nullptr;
  int n = 0, cols = 0;
  sqlite3_get_table(db, "SELECT name FROM users", &rows, &n, &cols, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sqlite3_get_table' materializes every row of 'SELECT name FROM users'{{.*}} [memlint-whole-collection-load]
  // LOW: :[[@LINE-2]]:3: warning: 'sqlite3_get_table' materializes every row{{.*}} [memlint-whole-collection-load]
  std::qsort(rows + cols, static_cast<std::size_t>(n), sizeof(char *), by_name);
  for (int i = 1; i <= n; ++i)
    show(rows[i]);
  sqlite3_free_table(rows);
}

// Near misses: low, with a note at the comparison.

// An on-demand page listing a directory by name (muduo's procmon).
static int visible(const struct dirent *d) { return d->d_name[0] != '.'; }
void list_files() {
  struct dirent **namelist = NULL;
  int result = ::scandir(".", &namelist, visible, alphasort);
  // LOW: :[[@LINE-1]]:16: warning: 'scandir' loads every entry at once into memory [memlint-whole-collection-load]
  // LOW: :[[@LINE-2]]:51: note: the entries are sorted here, by 'alphasort': a sorted listing needs every entry
  // LOW: :[[@LINE-3]]:16: note: memory grows with the source; a sorted listing cannot be streamed: bound the input or page it instead
  show_all(namelist, result);
}

void versions(int dirfd) {
  struct dirent **list = nullptr;
  int n = scandirat(dirfd, "releases", &list, nullptr, &versionsort);
  // LOW: :[[@LINE-1]]:11: warning: 'scandirat' loads every entry{{.*}} [memlint-whole-collection-load]
  // LOW: :[[@LINE-2]]:56: note: the entries are sorted here, by 'versionsort': {{.*}}
  show_all(list, n);
}

void by_length(const char *dir) {
  struct dirent **list = nullptr;
  int n = scandir(dir, &list, nullptr,
                  [](const struct dirent **a, const struct dirent **b) {
                    return int(std::strlen((*a)->d_name)) -
                           int(std::strlen((*b)->d_name));
                  });
  // LOW: :[[@LINE-5]]:11: warning: 'scandir' loads every entry{{.*}} [memlint-whole-collection-load]
  // LOW: :[[@LINE-5]]:19: note: the entries are sorted here, by a lambda: {{.*}}
  show_all(list, n);
}
