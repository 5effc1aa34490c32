/* A "plugin" that would prove memlint executed it: loading it creates the
 * file named by EVIL_PLUGIN_PROOF. memlint never loads plugins that compile
 * commands name. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((constructor)) static void proof(void) {
  const char *path = getenv("EVIL_PLUGIN_PROOF");
  FILE *f = path ? fopen(path, "w") : NULL;
  if (f) {
    fputs("loaded\n", f);
    fclose(f);
  }
}
