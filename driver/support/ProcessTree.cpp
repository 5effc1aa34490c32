//===- ProcessTree.cpp ----------------------------------------------------===//
#include "ProcessTree.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace memlint {
namespace proc {
namespace {

// Minimal async-signal-safe formatting and parsing.
size_t putNumber(char *Out, unsigned long V) {
  char T[24];
  size_t N = 0;
  do {
    T[N++] = char('0' + V % 10);
    V /= 10;
  } while (V);
  for (size_t I = 0; I < N; ++I)
    Out[I] = T[N - 1 - I];
  return N;
}

size_t putString(char *Out, const char *S) {
  size_t N = strlen(S);
  memcpy(Out, S, N);
  return N;
}

/// Reads up to Size-1 bytes of a (small) file into Buf, NUL-terminated.
ssize_t readSmall(const char *Path, char *Buf, size_t Size) {
  int FD = open(Path, O_RDONLY | O_CLOEXEC);
  if (FD < 0)
    return -1;
  size_t Got = 0;
  while (Got + 1 < Size) {
    ssize_t K = read(FD, Buf + Got, Size - 1 - Got);
    if (K < 0 && errno == EINTR)
      continue;
    if (K <= 0)
      break;
    Got += size_t(K);
  }
  close(FD);
  Buf[Got] = 0;
  return ssize_t(Got);
}

bool isDigits(const char *S) {
  if (!*S)
    return false;
  for (; *S; ++S)
    if (*S < '0' || *S > '9')
      return false;
  return true;
}

struct LinuxDirent {
  unsigned long Ino;
  unsigned long Off;
  unsigned short Reclen;
  unsigned char Type;
  char Name[1];
};

/// Calls Fn(name) for every entry of an open directory (getdents64).
template <typename F> void forEachEntry(int DirFD, F Fn) {
  alignas(8) char Buf[4096];
  for (;;) {
    long N = syscall(SYS_getdents64, DirFD, Buf, sizeof Buf);
    if (N <= 0)
      return;
    for (long Off = 0; Off < N;) {
      auto *D = reinterpret_cast<LinuxDirent *>(Buf + Off);
      // getdents64's record: ino (8), off (8), reclen (2), type (1), name.
      const char *Name = Buf + Off + 19;
      Off += D->Reclen;
      if (strcmp(Name, ".") && strcmp(Name, ".."))
        Fn(Name);
    }
  }
}

unsigned long parseNumber(const char *&P) {
  unsigned long V = 0;
  while (*P >= '0' && *P <= '9')
    V = V * 10 + unsigned(*P++ - '0');
  return V;
}

/// The parent pid in /proc/<pid>/stat ("pid (comm) state ppid ..."; comm
/// may hold spaces and parentheses: the last ')' ends it).
pid_t parentOf(const char *PidText) {
  char Path[64], Buf[512];
  size_t N = putString(Path, "/proc/");
  N += putString(Path + N, PidText);
  N += putString(Path + N, "/stat");
  Path[N] = 0;
  if (readSmall(Path, Buf, sizeof Buf) <= 0)
    return -1;
  const char *Close = strrchr(Buf, ')');
  if (!Close || !Close[1] || !Close[2] || !Close[3])
    return -1;
  const char *P = Close + 4; // ") S "
  return pid_t(parseNumber(P));
}

} // namespace

bool becomeSubreaper() { return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0; }

unsigned forEachChild(pid_t Parent, void (*Fn)(pid_t, void *), void *Cookie) {
  unsigned Count = 0;
  char Path[64];
  size_t N = putString(Path, "/proc/");
  N += putNumber(Path + N, (unsigned long)Parent);
  size_t TaskDirLen = N + putString(Path + N, "/task");
  Path[TaskDirLen] = 0;
  int Tasks = open(Path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  bool HaveChildrenFiles = false;
  if (Tasks >= 0) {
    forEachEntry(Tasks, [&](const char *Tid) {
      char File[96], Buf[4096];
      memcpy(File, Path, TaskDirLen);
      size_t K = TaskDirLen;
      File[K++] = '/';
      K += putString(File + K, Tid);
      K += putString(File + K, "/children");
      File[K] = 0;
      if (readSmall(File, Buf, sizeof Buf) < 0)
        return;
      HaveChildrenFiles = true;
      // Space-separated pids. A very long list is cut at the buffer; the
      // callers loop until nothing is left.
      for (const char *P = Buf; *P;) {
        if (*P < '0' || *P > '9') {
          ++P;
          continue;
        }
        pid_t C = pid_t(parseNumber(P));
        if (*P && *P != ' ' && *P != '\n')
          break; // cut in the middle of a number
        Fn(C, Cookie);
        ++Count;
      }
    });
    close(Tasks);
  }
  if (HaveChildrenFiles)
    return Count;
  // No children files (CONFIG_PROC_CHILDREN off): scan /proc.
  int ProcFD = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (ProcFD < 0)
    return Count;
  forEachEntry(ProcFD, [&](const char *Name) {
    if (isDigits(Name) && parentOf(Name) == Parent) {
      const char *P = Name;
      Fn(pid_t(parseNumber(P)), Cookie);
      ++Count;
    }
  });
  close(ProcFD);
  return Count;
}

std::vector<pid_t> descendants(pid_t Root) {
  std::vector<pid_t> Out;
  std::vector<pid_t> Queue{Root};
  for (size_t I = 0; I < Queue.size() && Queue.size() < 100000; ++I) {
    std::vector<pid_t> Kids;
    forEachChild(
        Queue[I],
        [](pid_t P, void *C) { static_cast<std::vector<pid_t> *>(C)->push_back(P); },
        &Kids);
    for (pid_t K : Kids) {
      Out.push_back(K);
      Queue.push_back(K);
    }
  }
  return Out;
}

uint64_t anonymousRss(pid_t Pid) {
  char Path[64], Buf[256];
  size_t N = putString(Path, "/proc/");
  N += putNumber(Path + N, (unsigned long)Pid);
  N += putString(Path + N, "/statm");
  Path[N] = 0;
  if (readSmall(Path, Buf, sizeof Buf) <= 0)
    return 0;
  // size resident shared text lib data dt (pages)
  const char *P = Buf;
  parseNumber(P);
  while (*P == ' ')
    ++P;
  unsigned long Resident = parseNumber(P);
  while (*P == ' ')
    ++P;
  unsigned long Shared = parseNumber(P);
  static const long Page = sysconf(_SC_PAGESIZE);
  return Resident > Shared ? uint64_t(Resident - Shared) * uint64_t(Page) : 0;
}

void reapExited() {
  int Status;
  while (waitpid(-1, &Status, WNOHANG) > 0) {
  }
}

unsigned killAllDescendants(unsigned MaxRounds) {
  unsigned Killed = 0;
  pid_t Self = getpid();
  for (unsigned Round = 0; Round < MaxRounds; ++Round) {
    unsigned Seen = forEachChild(
        Self,
        [](pid_t P, void *C) {
          // Stop first, so that it forks no more while its own children
          // are found; then kill it and its process group (a child that
          // leads a group takes the group's stragglers with it).
          kill(P, SIGSTOP);
          if (getpgid(P) == P)
            kill(-P, SIGKILL);
          kill(P, SIGKILL);
          ++*static_cast<unsigned *>(C);
        },
        &Killed);
    // Wait for at least one to go, then collect whatever else has.
    int Status;
    if (Seen) {
      pid_t W;
      do
        W = waitpid(-1, &Status, 0);
      while (W < 0 && errno == EINTR);
    }
    reapExited();
    if (!Seen) {
      // Nothing visible: done once no child is left to wait for.
      if (waitpid(-1, &Status, WNOHANG) < 0 && errno == ECHILD)
        break;
      if (Round + 1 == MaxRounds)
        break;
    }
  }
  return Killed;
}

} // namespace proc
} // namespace memlint
