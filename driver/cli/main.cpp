//===- main.cpp - the memlint command line --------------------------------===//
#include "Commands.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace memlint;

static const char Usage[] =
    "usage: memlint <command> [options]\n"
    "\n"
    "commands:\n"
    "  check [options] <files...> [-- <compiler args>]\n"
    "                  lint C/C++ sources for memory anti-patterns\n"
    "  rules list|validate\n"
    "                  show the effective rule packs, or check pack files\n"
    "  confirm [options] -- <command with {N}>\n"
    "                  run a program at growing N under the heap tracker and\n"
    "                  confirm or refute each finding (docs/harness.md)\n"
    "  --version       print the version\n"
    "  --help          print this help (`memlint check --help` for options)\n";

int main(int argc, char **argv) {
  llvm::InitLLVM X(argc, argv);
  std::string Exe = llvm::sys::fs::getMainExecutable(
      argv[0], reinterpret_cast<void *>(&main));
  std::vector<std::string> Args(argv + 1, argv + argc);
  if (Args.empty()) {
    llvm::errs() << Usage;
    return ExitUsage;
  }
  const std::string &Cmd = Args.front();
  if (Cmd == "--version" || Cmd == "version") {
    llvm::outs() << "memlint " << MEMLINT_VERSION << " (LLVM "
                 << LLVM_VERSION_STRING << ")\n";
    return ExitClean;
  }
  if (Cmd == "--help" || Cmd == "-h" || Cmd == "help") {
    llvm::outs() << Usage;
    return ExitClean;
  }
  std::vector<std::string> Rest(Args.begin() + 1, Args.end());
  if (Cmd == "check")
    return runCheck(Rest, Exe);
  if (Cmd == "rules")
    return runRules(Rest, Exe);
  if (Cmd == "confirm")
    return runConfirm(Rest, Exe);
  llvm::errs() << "memlint: error: unknown command '" << Cmd << "'\n" << Usage;
  return ExitUsage;
}
