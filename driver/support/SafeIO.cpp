//===- SafeIO.cpp ---------------------------------------------------------===//
#include "SafeIO.h"
#include "Interrupt.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace memlint {
namespace {

const char *fileKind(mode_t M) {
  if (S_ISDIR(M))
    return "a directory";
  if (S_ISFIFO(M))
    return "a FIFO";
  if (S_ISCHR(M))
    return "a character device";
  if (S_ISBLK(M))
    return "a block device";
  if (S_ISSOCK(M))
    return "a socket";
  return "not a regular file";
}

std::string sizeText(uint64_t Bytes) {
  if (Bytes >= (1ull << 30) && Bytes % (1ull << 30) == 0)
    return std::to_string(Bytes >> 30) + " GiB";
  return std::to_string(Bytes >> 20) + " MiB";
}

/// Reads the whole descriptor, at most Max bytes (one more to tell).
std::unique_ptr<llvm::MemoryBuffer> readAll(int FD, uint64_t Max,
                                            const std::string &Name,
                                            std::string &Error) {
  std::string Data;
  char Buf[1 << 16];
  for (;;) {
    ssize_t K = read(FD, Buf, sizeof Buf);
    if (K < 0 && errno == EINTR)
      continue;
    if (K < 0 && errno == EAGAIN) {
      // A non-blocking descriptor with nothing yet (a pipe): wait for it.
      fd_set R;
      FD_ZERO(&R);
      FD_SET(FD, &R);
      select(FD + 1, &R, nullptr, nullptr, nullptr);
      continue;
    }
    if (K < 0) {
      Error = std::string("read error: ") + strerror(errno);
      return nullptr;
    }
    if (K == 0)
      break;
    if (Data.size() + size_t(K) > Max) {
      Error = "larger than " + sizeText(Max);
      return nullptr;
    }
    Data.append(Buf, size_t(K));
  }
  return llvm::MemoryBuffer::getMemBufferCopy(Data, Name);
}

} // namespace

std::unique_ptr<llvm::MemoryBuffer>
readRegularFile(const std::string &Path, uint64_t MaxBytes, std::string &Error) {
  int FD;
  do
    FD = open(Path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  while (FD < 0 && errno == EINTR);
  if (FD < 0) {
    Error = strerror(errno);
    return nullptr;
  }
  struct stat St;
  if (fstat(FD, &St) != 0) {
    Error = strerror(errno);
    close(FD);
    return nullptr;
  }
  if (!S_ISREG(St.st_mode)) {
    Error = std::string("not a regular file (") + fileKind(St.st_mode) + ")";
    if (!strcmp(fileKind(St.st_mode), "not a regular file"))
      Error = "not a regular file";
    close(FD);
    return nullptr;
  }
  if (uint64_t(St.st_size) > MaxBytes) {
    Error = "larger than " + sizeText(MaxBytes);
    close(FD);
    return nullptr;
  }
  // Regular files do not block; back to a plain descriptor.
  fcntl(FD, F_SETFL, fcntl(FD, F_GETFL) & ~O_NONBLOCK);
  auto Buf = readAll(FD, MaxBytes, Path, Error);
  close(FD);
  return Buf;
}

std::unique_ptr<llvm::MemoryBuffer> readStdin(uint64_t MaxBytes,
                                              std::string &Error) {
  return readAll(0, MaxBytes, "<stdin>", Error);
}

bool checkJSONDepth(llvm::StringRef Text, unsigned MaxDepth,
                    std::string &Error) {
  unsigned Depth = 0, Line = 1;
  size_t LineStart = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '\n') {
      ++Line;
      LineStart = I + 1;
    }
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > MaxDepth) {
        Error = std::to_string(Line) + ":" + std::to_string(I - LineStart + 1) +
                ": JSON nested more than " + std::to_string(MaxDepth) +
                " levels deep";
        return false;
      }
    } else if ((C == ']' || C == '}') && Depth) {
      --Depth;
    }
  }
  return true;
}

static bool removeAt(int DirFD, const char *Name, unsigned Depth) {
  if (unlinkat(DirFD, Name, 0) == 0 || errno == ENOENT)
    return true;
  if (errno != EISDIR && errno != EPERM)
    return false;
  if (Depth > 64)
    return false;
  int Sub = openat(DirFD, Name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (Sub < 0)
    return false;
  // Entries are removed while the directory is read: read it again until a
  // pass finds nothing.
  for (bool Again = true; Again;) {
    Again = false;
    lseek(Sub, 0, SEEK_SET);
    alignas(8) char Buf[2048];
    for (;;) {
      long N = syscall(SYS_getdents64, Sub, Buf, sizeof Buf);
      if (N <= 0)
        break;
      for (long Off = 0; Off < N;) {
        unsigned short Reclen;
        memcpy(&Reclen, Buf + Off + 16, sizeof Reclen);
        const char *Entry = Buf + Off + 19;
        Off += Reclen;
        if (!strcmp(Entry, ".") || !strcmp(Entry, ".."))
          continue;
        if (removeAt(Sub, Entry, Depth + 1))
          Again = true;
      }
    }
  }
  close(Sub);
  return unlinkat(DirFD, Name, AT_REMOVEDIR) == 0 || errno == ENOENT;
}

bool removeTree(const char *Path) { return removeAt(AT_FDCWD, Path, 0); }

bool finishOutput(llvm::raw_fd_ostream &OS, std::string &Error) {
  OS.flush();
  if (!OS.has_error())
    OS.close();
  if (OS.has_error()) {
    Error = OS.error().message();
    OS.clear_error();
    return false;
  }
  return true;
}

bool protectStandardDescriptors() {
  bool StdoutClosed = false;
  for (int FD = 0; FD <= 2; ++FD) {
    if (fcntl(FD, F_GETFD) != -1 || errno != EBADF)
      continue;
    if (FD == 1)
      StdoutClosed = true;
    int N = open("/dev/null", FD == 0 ? O_RDONLY : O_WRONLY);
    if (N >= 0 && N != FD) {
      dup2(N, FD);
      close(N);
    }
  }
  return StdoutClosed;
}

bool finishStdout(bool WasClosed, std::string &Error) {
  llvm::raw_fd_ostream &OS = llvm::outs();
  OS.flush();
  if (OS.has_error()) {
    Error = OS.error().message();
    OS.clear_error();
    return false;
  }
  if (WasClosed && OS.tell() > 0) {
    Error = "standard output is closed";
    return false;
  }
  return true;
}

bool writeFileAtomically(const std::string &Path, llvm::StringRef Bytes,
                         std::string &Error) {
  llvm::SmallString<256> Model(llvm::sys::path::parent_path(Path));
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Path).str() +
                                     ".memlint-tmp-%%%%%%%%");
  llvm::SmallString<256> Temp;
  int FD = -1;
  interrupt::Token Token = 0;
  {
    interrupt::SignalBlock Block;
    if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Temp)) {
      Error = EC.message();
      return false;
    }
    Token = interrupt::addPath(std::string(Temp.str()), /*Directory=*/false);
  }
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << Bytes;
  std::error_code EC;
  if (!finishOutput(OS, Error) ||
      (EC = llvm::sys::fs::rename(Temp, Path))) {
    if (EC)
      Error = EC.message();
    llvm::sys::fs::remove(Temp);
    interrupt::remove(Token);
    return false;
  }
  interrupt::remove(Token);
  return true;
}

} // namespace memlint
