//===- LspServer.h - `memlint lsp`: a language server over stdio ----------===//
//
// JSON-RPC 2.0 with LSP's Content-Length framing on stdin/stdout. On
// didOpen and didSave the server analyzes that translation unit with its
// compile database's flags (through the facts cache), takes the rest of the
// program from the cache (what `memlint check -p build --cache-dir` or
// earlier saves stored), decides, and publishes diagnostics: for that file,
// and for every other open file whose findings changed (a whole-program
// verdict moves when an erase is added or removed elsewhere). Fix-its are
// code actions; each diagnostic's code links to its rule's page.
//
// Diagnostics follow what is saved on disk: unsaved edits are not analyzed
// (the cache and the compile commands speak about files on disk).
//
//===----------------------------------------------------------------------===//
#ifndef MEMLINT_DRIVER_LSPSERVER_H
#define MEMLINT_DRIVER_LSPSERVER_H

#include <cstdio>
#include <optional>
#include <string>

namespace llvm {
class raw_ostream;
}

namespace memlint {

struct LspOptions {
  std::string BuildPath; // -p: the compile database; else found per file
  std::string CacheDir;  // --cache-dir; "" for the default
  bool NoCache = false;  // --no-cache: only what this session analyzed
  uint64_t CacheMaxBytes = 0; // 0: the default
  std::string Config;    // --config; else the nearest .memlint.yaml
  std::optional<std::string> ChecksGlobs;
  bool AssumeClosedWorld = false;
  unsigned TimeoutSeconds = 0;
};

/// Serves one client on \p In / \p Out until `exit` or end of input.
/// Returns 0 after shutdown and exit, 1 when the client went away first.
int runLspServer(const LspOptions &O, const std::string &Exe, std::FILE *In,
                 llvm::raw_ostream &Out);

} // namespace memlint

#endif
