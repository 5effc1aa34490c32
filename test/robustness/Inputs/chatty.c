/* chatty MB: writes MB megabytes to stdout and to stderr, each ending with a
 * line that says so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  long mb = argc > 1 ? atol(argv[1]) : 1;
  static char line[1024];
  memset(line, 'x', sizeof line - 1);
  line[sizeof line - 1] = '\n';
  for (long i = 0; i < mb * 1024; ++i) {
    fwrite(line, 1, sizeof line, stdout);
    fwrite(line, 1, sizeof line, stderr);
  }
  printf("last line of stdout\n");
  fprintf(stderr, "last line of stderr\n");
  return 0;
}
