/* Loads a plugin with dlopen(RTLD_NOW | RTLD_LOCAL) and runs it; the host
 * itself does not link the library the plugin uses. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s PLUGIN N\n", argv[0]);
    return 2;
  }
  void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 2;
  }
  int (*run)(int) = (int (*)(int))dlsym(h, "plugin_run_queries");
  if (!run) {
    fprintf(stderr, "dlsym: %s\n", dlerror());
    return 2;
  }
  int rows = run(atoi(argv[2]));
  printf("rows: %d\n", rows);
  return rows == atoi(argv[2]) ? 0 : 1;
}
