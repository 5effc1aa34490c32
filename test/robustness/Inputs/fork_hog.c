/* fork_hog N MB PIDFILE: forks N children that each touch MB megabytes of
 * heap, record their pid and wait to be killed; the parent waits for them.
 * Each child alone stays under a per-process limit; together they do not. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 4)
    return 2;
  int n = atoi(argv[1]);
  size_t bytes = (size_t)atoi(argv[2]) << 20;
  for (int i = 0; i < n; ++i) {
    pid_t p = fork();
    if (p == 0) {
      FILE *f = fopen(argv[3], "a");
      if (f) {
        fprintf(f, "%d\n", (int)getpid());
        fclose(f);
      }
      char *block = malloc(bytes);
      if (!block)
        _exit(3);
      memset(block, 1, bytes);
      __asm__ volatile("" : : "r"(block) : "memory"); /* keep it */
      for (;;)
        pause();
    }
  }
  while (wait(NULL) > 0) {
  }
  return 0;
}
