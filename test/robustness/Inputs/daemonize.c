/* daemonize PIDFILE READY exit|stay: leaves a daemon behind, the way a
 * service's start script does: a child calls setsid() (a session and process
 * group of its own) and forks again; the grandchild records its pid, creates
 * READY and sleeps forever. Then the program exits (exit) or sleeps too
 * (stay). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 4)
    return 2;
  pid_t c = fork();
  if (c == 0) {
    setsid();
    if (fork() == 0) {
      FILE *f = fopen(argv[1], "a");
      if (f) {
        fprintf(f, "%d\n", (int)getpid());
        fclose(f);
      }
      close(open(argv[2], O_WRONLY | O_CREAT, 0644));
      for (;;)
        pause();
    }
    _exit(0);
  }
  waitpid(c, NULL, 0);
  struct stat st;
  while (stat(argv[2], &st) != 0)
    usleep(1000); /* until the daemon is up */
  if (strcmp(argv[3], "stay") == 0) {
    FILE *f = fopen(argv[1], "a");
    if (f) {
      fprintf(f, "%d\n", (int)getpid());
      fclose(f);
    }
    for (;;)
      pause();
  }
  return 0;
}
