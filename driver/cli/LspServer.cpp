//===- LspServer.cpp ------------------------------------------------------===//
#include "LspServer.h"

#include "Incremental.h"
#include "Output.h"
#include "Pipeline.h"
#include "PostProcess.h"
#include "SafeIO.h"
#include "SourceFiles.h"

#include "memlint/RuleLoader.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>

namespace memlint {
namespace {

namespace json = llvm::json;

// JSON-RPC error codes (LSP specification 3.17).
enum ErrorCode {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  ServerNotInitialized = -32002,
};

/// LSP's base protocol: "Content-Length: N\r\n\r\n" then N bytes of JSON.
class Transport {
public:
  Transport(std::FILE *In, llvm::raw_ostream &Out) : In(In), Out(Out) {}

  /// The next message body; false at the end of input. A malformed header
  /// block sets \p Error and returns an empty body.
  bool read(std::string &Body, std::string &Error) {
    Body.clear();
    Error.clear();
    std::optional<size_t> Length;
    std::string Line;
    while (true) {
      if (!readLine(Line))
        return false;
      if (Line.empty())
        break;
      llvm::StringRef L(Line);
      if (L.consume_front_insensitive("Content-Length:")) {
        size_t N = 0;
        if (L.trim().getAsInteger(10, N) || N > (size_t(1) << 30)) {
          Error = "bad Content-Length header '" + Line + "'";
        } else {
          Length = N;
        }
      }
    }
    if (!Length) {
      if (Error.empty())
        Error = "a message without a Content-Length header";
      return true;
    }
    Body.resize(*Length);
    if (*Length && std::fread(Body.data(), 1, *Length, In) != *Length)
      return false;
    return true;
  }

  void send(json::Value V) {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    OS << V;
    Out << "Content-Length: " << Text.size() << "\r\n\r\n" << Text;
    Out.flush();
  }

private:
  bool readLine(std::string &Line) {
    Line.clear();
    int C;
    while ((C = std::fgetc(In)) != EOF) {
      if (C == '\n') {
        if (!Line.empty() && Line.back() == '\r')
          Line.pop_back();
        return true;
      }
      Line += static_cast<char>(C);
      if (Line.size() > 4096)
        Line.erase(0, 2048); // no header is that long: do not grow
    }
    return false;
  }

  std::FILE *In;
  llvm::raw_ostream &Out;
};

/// "file:///a%20b/c.cpp" -> "/a b/c.cpp"; nullopt for other schemes.
std::optional<std::string> pathFromUri(llvm::StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return std::nullopt;
  // An authority ("file://host/path") other than empty or localhost is not
  // a local file.
  if (!Uri.starts_with("/")) {
    if (!Uri.consume_front("localhost"))
      return std::nullopt;
  }
  std::string Out;
  for (size_t I = 0; I < Uri.size(); ++I) {
    if (Uri[I] == '%' && I + 2 < Uri.size() && llvm::isHexDigit(Uri[I + 1]) &&
        llvm::isHexDigit(Uri[I + 2])) {
      Out += static_cast<char>(llvm::hexFromNibbles(Uri[I + 1], Uri[I + 2]));
      I += 2;
    } else {
      Out += Uri[I];
    }
  }
  return absolutePath(Out);
}

bool isHeaderPath(llvm::StringRef Path) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  return Ext.empty() || Ext == ".h" || Ext == ".hh" || Ext == ".hpp" ||
         Ext == ".hxx" || Ext == ".h++" || Ext == ".inc" || Ext == ".ipp" ||
         Ext == ".tcc";
}

/// LSP position (0-based line, UTF-16 character) of a 1-based byte column.
json::Object position(SourceFiles &Sources, const std::string &File,
                      unsigned Line, unsigned Column) {
  unsigned Char = utf16Column(Sources, Loc{File, Line, Column, 0});
  return json::Object{{"line", Line ? Line - 1 : 0},
                      {"character", Char ? Char - 1 : 0}};
}

/// The range of the token at a finding's position (an identifier, or one
/// character): where an editor underlines it.
json::Object tokenRange(SourceFiles &Sources, const Loc &At) {
  unsigned EndColumn = At.Column;
  if (std::optional<llvm::StringRef> Text = Sources.line(At.File, At.Line)) {
    size_t I = At.Column ? At.Column - 1 : 0;
    size_t J = I;
    while (J < Text->size() &&
           (llvm::isAlnum((*Text)[J]) || (*Text)[J] == '_'))
      ++J;
    if (J == I && I < Text->size())
      ++J;
    EndColumn = static_cast<unsigned>(J + 1);
  }
  return json::Object{{"start", position(Sources, At.File, At.Line, At.Column)},
                      {"end", position(Sources, At.File, At.Line, EndColumn)}};
}

int lspSeverity(const std::string &S) {
  return S == "error" ? 1 : S == "warning" ? 2 : 3; // note: information
}

bool before(const json::Object &A, const json::Object &B) {
  // Positions: (line, character) <.
  int64_t AL = A.getInteger("line").value_or(0), BL = B.getInteger("line").value_or(0);
  int64_t AC = A.getInteger("character").value_or(0),
          BC = B.getInteger("character").value_or(0);
  return AL < BL || (AL == BL && AC < BC);
}

bool overlaps(const json::Object &R1, const json::Object &R2) {
  const json::Object *S1 = R1.getObject("start"), *E1 = R1.getObject("end");
  const json::Object *S2 = R2.getObject("start"), *E2 = R2.getObject("end");
  if (!S1 || !E1 || !S2 || !E2)
    return false;
  // Closed ranges: a cursor (empty range) at either end still touches.
  return !before(*E1, *S2) && !before(*E2, *S1);
}

class Server {
public:
  Server(const LspOptions &O, const std::string &Exe, Transport &T)
      : O(O), Exe(Exe), T(T), ResourceDir(clangResourceDir(Exe)) {}

  int run() {
    std::string Body, Error;
    while (T.read(Body, Error)) {
      if (!Error.empty()) {
        log("memlint lsp: " + Error);
        continue;
      }
      std::string Deep;
      llvm::Expected<json::Value> V =
          checkJSONDepth(Body, MaxJSONDepth, Deep)
              ? json::parse(Body)
              : llvm::Expected<json::Value>(llvm::createStringError(
                    llvm::inconvertibleErrorCode(), Deep));
      if (!V) {
        reply(nullptr, error(ParseError, llvm::toString(V.takeError())));
        continue;
      }
      const json::Object *Msg = V->getAsObject();
      if (!Msg) {
        reply(nullptr, error(InvalidRequest, "not a JSON-RPC message"));
        continue;
      }
      if (std::optional<int> Exit = handle(*Msg))
        return *Exit;
    }
    return 1; // the client went away without `exit`
  }

private:
  struct Published {
    Finding F;
    json::Object Diagnostic;
  };
  struct Document {
    std::string Uri;
    std::vector<Published> Findings;
    json::Array Sent; // the diagnostics last published
    bool EverSent = false;
  };
  struct Project {
    std::unique_ptr<clang::tooling::CompilationDatabase> DB;
    std::vector<std::string> Files; // main files of the database
    llvm::sys::TimePoint<> Stamp;   // compile_commands.json's mtime
  };

  static json::Object error(int Code, const std::string &Message) {
    return json::Object{{"code", Code}, {"message", Message}};
  }

  void reply(json::Value Id, std::optional<json::Object> Error,
             json::Value Result = nullptr) {
    json::Object M{{"jsonrpc", "2.0"}, {"id", std::move(Id)}};
    if (Error)
      M["error"] = std::move(*Error);
    else
      M["result"] = std::move(Result);
    T.send(std::move(M));
  }

  void notify(llvm::StringRef Method, json::Value Params) {
    T.send(json::Object{
        {"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
  }

  /// window/logMessage once initialized (the client's log), else stderr.
  void log(const std::string &Text, int Type = 3) {
    if (Initialized)
      notify("window/logMessage", json::Object{{"type", Type}, {"message", Text}});
    else
      llvm::errs() << Text << "\n";
  }

  std::optional<int> handle(const json::Object &Msg) {
    std::optional<llvm::StringRef> Method = Msg.getString("method");
    const json::Value *Id = Msg.get("id");
    const json::Value *ParamsV = Msg.get("params");
    const json::Object *Params = ParamsV ? ParamsV->getAsObject() : nullptr;
    if (!Method) {
      if (Id) // a response to us: we send no requests
        return std::nullopt;
      reply(nullptr, error(InvalidRequest, "no method"));
      return std::nullopt;
    }
    if (*Method == "exit")
      return ShutDown ? 0 : 1;
    if (!Initialized && *Method != "initialize") {
      if (Id)
        reply(*Id, error(ServerNotInitialized, "initialize first"));
      return std::nullopt;
    }
    if (*Method == "initialize") {
      if (Id)
        reply(*Id, std::nullopt, initialize(Params));
      return std::nullopt;
    }
    if (*Method == "shutdown") {
      ShutDown = true;
      if (Id)
        reply(*Id, std::nullopt, nullptr);
      return std::nullopt;
    }
    if (*Method == "textDocument/codeAction") {
      if (Id)
        reply(*Id, std::nullopt, codeActions(Params));
      return std::nullopt;
    }
    if (Method->starts_with("textDocument/did")) {
      const json::Object *Doc = Params ? Params->getObject("textDocument") : nullptr;
      std::optional<llvm::StringRef> Uri = Doc ? Doc->getString("uri") : std::nullopt;
      std::optional<std::string> Path = Uri ? pathFromUri(*Uri) : std::nullopt;
      if (!Path)
        return std::nullopt; // not a local file: nothing memlint can analyze
      if (*Method == "textDocument/didOpen") {
        Documents[*Path].Uri = Uri->str();
        analyze(*Path);
      } else if (*Method == "textDocument/didSave") {
        if (!Documents.count(*Path))
          Documents[*Path].Uri = Uri->str();
        analyze(*Path);
      } else if (*Method == "textDocument/didClose") {
        auto It = Documents.find(*Path);
        if (It != Documents.end()) {
          publish(It->second.Uri, json::Array());
          Documents.erase(It);
        }
      }
      // didChange: diagnostics follow saves.
      return std::nullopt;
    }
    if (Id)
      reply(*Id, error(MethodNotFound, "memlint lsp does not implement '" +
                                           Method->str() + "'"));
    return std::nullopt; // other notifications ($/cancelRequest, ...)
  }

  json::Value initialize(const json::Object *Params) {
    Initialized = true;
    if (const json::Object *Init =
            Params ? Params->getObject("initializationOptions") : nullptr) {
      // The same knobs as the command line, for clients that pass them
      // this way; the command line wins.
      if (auto P = Init->getString("compilationDatabasePath"); P && O.BuildPath.empty())
        BuildPath = absolutePath(P->str());
      if (auto C = Init->getString("cacheDir"); C && O.CacheDir.empty())
        CacheDir = absolutePath(C->str());
      if (auto C = Init->getString("config"); C && O.Config.empty())
        Config = absolutePath(C->str());
    }
    if (!O.BuildPath.empty())
      BuildPath = absolutePath(O.BuildPath);
    if (!O.CacheDir.empty())
      CacheDir = absolutePath(O.CacheDir);
    if (!O.Config.empty())
      Config = absolutePath(O.Config);
    if (!O.NoCache) {
      if (CacheDir.empty())
        CacheDir = FactsCache::defaultDir();
      if (!CacheDir.empty()) {
        Cache = std::make_unique<FactsCache>(
            CacheDir, O.CacheMaxBytes ? O.CacheMaxBytes
                                      : FactsCache::DefaultMaxBytes);
        std::string Error;
        if (!Cache->open(Error)) {
          log("memlint lsp: " + Error + "; working without a cache", 2);
          Cache.reset();
        }
      }
    }
    json::Object Capabilities{
        {"positionEncoding", "utf-16"},
        {"textDocumentSync",
         json::Object{{"openClose", true},
                      {"change", 0}, // none: diagnostics follow saves
                      {"save", json::Object{{"includeText", false}}}}},
        {"codeActionProvider",
         json::Object{{"codeActionKinds", json::Array{"quickfix"}}}},
    };
    return json::Object{
        {"capabilities", std::move(Capabilities)},
        {"serverInfo",
         json::Object{{"name", "memlint"}, {"version", MEMLINT_VERSION}}}};
  }

  Project *project(const std::string &File, std::string &BuildDir) {
    BuildDir = !BuildPath.empty() ? BuildPath : findCompileDatabaseDir(File);
    Project &P = Projects[BuildDir];
    llvm::SmallString<256> JSON(BuildDir);
    llvm::sys::path::append(JSON, "compile_commands.json");
    llvm::sys::fs::file_status St;
    llvm::sys::TimePoint<> Stamp;
    if (!BuildDir.empty() && !llvm::sys::fs::status(JSON, St))
      Stamp = St.getLastModificationTime();
    if (P.DB && P.Stamp == Stamp)
      return &P;
    P = Project();
    P.Stamp = Stamp;
    if (BuildDir.empty()) {
      log("memlint lsp: no compile_commands.json above " + File +
          "; analyzing as -std=c++17");
      P.DB = std::make_unique<clang::tooling::FixedCompilationDatabase>(
          ".", std::vector<std::string>{"-std=c++17"});
      return &P;
    }
    std::string Error;
    std::vector<std::string> Files;
    P.DB = openCompileDatabase(BuildDir, Error, &Files);
    if (!P.DB) {
      log("memlint lsp: " + Error, 1);
      Projects.erase(BuildDir);
      return nullptr;
    }
    for (const std::string &F : Files)
      P.Files.push_back(absolutePath(F));
    std::sort(P.Files.begin(), P.Files.end());
    P.Files.erase(std::unique(P.Files.begin(), P.Files.end()), P.Files.end());
    return &P;
  }

  /// Re-analyzes \p Path and republishes what changed.
  void analyze(const std::string &Path) {
    std::string BuildDir;
    Project *P = project(Path, BuildDir);
    if (!P)
      return;
    SettingsRequest Req;
    Req.Config = Config;
    Req.DiscoverFrom = {Path};
    Req.ChecksGlobs = O.ChecksGlobs;
    Req.AssumeClosedWorld = O.AssumeClosedWorld;
    RunSettings S;
    std::string Error;
    bool ConfigError = false;
    if (!loadRunSettings(Exe, Req, S, Error, &ConfigError)) {
      if (ConfigError)
        Error += "\ninvalid rule configuration";
      notify("window/showMessage",
             json::Object{{"type", 1}, {"message", "memlint: " + Error}});
      return;
    }
    WorkerOptions W;
    W.Database = P->DB.get();
    W.Analysis = S.Analysis;
    W.ResourceDir = ResourceDir;
    W.Jobs = 1;
    W.TimeoutSeconds = O.TimeoutSeconds;

    bool InDatabase =
        std::binary_search(P->Files.begin(), P->Files.end(), Path);
    // A header has no translation unit of its own: its findings come from
    // the TUs that include it.
    bool AnalyzeIt = InDatabase || !isHeaderPath(Path);
    if (!InDatabase && AnalyzeIt)
      Extra[BuildDir].insert(Path);

    std::vector<std::string> Others;
    for (const std::string &F : P->Files)
      if (F != Path)
        Others.push_back(F);
    for (const std::string &F : Extra[BuildDir])
      if (F != Path && !InDatabaseOf(*P, F))
        Others.push_back(F);

    std::vector<TUResult> Results;
    unsigned Stale = 0, Missing = 0;
    if (Cache) {
      CacheSession C{*Cache, settingsKey(Exe, S.Analysis, S.Rules, ResourceDir)};
      if (AnalyzeIt)
        Results = analyzeWithCache({Path}, W, C);
      std::vector<TUResult> Context = cachedContext(Others, W, C, Stale, Missing);
      std::move(Context.begin(), Context.end(), std::back_inserter(Results));
    } else {
      if (AnalyzeIt) {
        Results = analyzeAll({Path}, W);
        if (Results.front().Errors.empty())
          Session[Path] = Results.front();
      }
      for (const std::string &F : Others) {
        auto It = Session.find(F);
        if (It != Session.end())
          Results.push_back(It->second);
        else
          ++Missing;
      }
    }
    if (Stale || Missing)
      log("memlint lsp: of the other " + std::to_string(Others.size()) +
          " translation units, " + std::to_string(Missing) +
          " have no cached facts and " + std::to_string(Stale) +
          " cached facts older than their sources; run `memlint check -p " +
          (BuildDir.empty() ? std::string("<build>") : BuildDir) +
          " --cache-dir` for whole-program verdicts");

    // With every translation unit of the database in hand (analyzed now or
    // cached), every caller of a project function is seen.
    S.Analysis.WholeProgram =
        Cache && !BuildDir.empty() && InDatabase && Missing == 0;
    PostProcessor Post{ReportOptions()};
    std::string PostError;
    bool Prepared = Post.prepare(PostError);
    if (Prepared)
      S.Analysis.TestCode = Post.testCode(S.Rules);
    Report R = decideAll(Results, S);
    if (Prepared) {
      AnalyzedInputs In;
      In.MainFiles = P->Files;
      In.WholeDatabase = false;
      In.Rules = &S.Rules; // vendored code, as `check` reports it
      Post.run(R, In, PostError);
    }

    SourceFiles Sources;
    std::map<std::string, std::vector<Published>> ByFile;
    for (const Finding &F : R.Findings)
      if (Documents.count(F.At.File))
        ByFile[F.At.File].push_back({F, diagnostic(Sources, F)});
    for (const InputError &E : R.Errors)
      if (E.File == Path) {
        // Not a finding: say why there are none.
        Finding F;
        F.Rule = "";
        F.Severity = "note";
        F.At = Loc{Path, 1, 1, 0};
        F.Message = "memlint: " + E.Message;
        json::Object D{
            {"range", json::Object{{"start", json::Object{{"line", 0}, {"character", 0}}},
                                   {"end", json::Object{{"line", 0}, {"character", 0}}}}},
            {"severity", 3},
            {"source", "memlint"},
            {"message", F.Message}};
        ByFile[Path].push_back({F, std::move(D)});
      }
    for (auto &[File, Doc] : Documents) {
      std::vector<Published> &Now = ByFile[File];
      json::Array Diags;
      for (const Published &Pub : Now)
        Diags.push_back(json::Object(Pub.Diagnostic));
      Doc.Findings = std::move(Now);
      // The saved file always; the others when a verdict moved.
      if (File == Path || !Doc.EverSent || !(Diags == Doc.Sent)) {
        Doc.Sent = Diags;
        Doc.EverSent = true;
        publish(Doc.Uri, std::move(Diags));
      }
    }
  }

  static bool InDatabaseOf(const Project &P, const std::string &F) {
    return std::binary_search(P.Files.begin(), P.Files.end(), F);
  }

  json::Object diagnostic(SourceFiles &Sources, const Finding &F) {
    std::string Message = F.Message;
    if (!F.Detail.empty())
      Message += "\n\n" + F.Detail;
    json::Array Related;
    for (const Note &N : F.Notes)
      Related.push_back(json::Object{
          {"location",
           json::Object{{"uri", fileUri(N.At.File)},
                        {"range", tokenRange(Sources, N.At)}}},
          {"message", N.Message}});
    json::Object D{{"range", tokenRange(Sources, F.At)},
                   {"severity", lspSeverity(F.Severity)},
                   {"code", "memlint-" + F.Rule},
                   {"codeDescription",
                    json::Object{{"href", docsUrl("checks/" + F.Rule + ".md")}}},
                   {"source", "memlint"},
                   {"message", Message}};
    if (!Related.empty())
      D["relatedInformation"] = std::move(Related);
    return D;
  }

  void publish(const std::string &Uri, json::Array Diagnostics) {
    notify("textDocument/publishDiagnostics",
           json::Object{{"uri", Uri}, {"diagnostics", std::move(Diagnostics)}});
  }

  json::Value codeActions(const json::Object *Params) {
    json::Array Actions;
    const json::Object *Doc = Params ? Params->getObject("textDocument") : nullptr;
    std::optional<llvm::StringRef> Uri = Doc ? Doc->getString("uri") : std::nullopt;
    std::optional<std::string> Path = Uri ? pathFromUri(*Uri) : std::nullopt;
    const json::Object *Range = Params ? Params->getObject("range") : nullptr;
    auto It = Path ? Documents.find(*Path) : Documents.end();
    if (It == Documents.end() || !Range)
      return Actions;
    SourceFiles Sources;
    for (const Published &P : It->second.Findings) {
      const json::Object *DRange = P.Diagnostic.getObject("range");
      if (P.F.Fix.empty() || !DRange || !overlaps(*DRange, *Range))
        continue;
      std::map<std::string, json::Array> Edits; // by URI
      for (const Replacement &Rep : P.F.Fix)
        Edits[fileUri(Rep.Begin.File)].push_back(json::Object{
            {"range",
             json::Object{{"start", position(Sources, Rep.Begin.File,
                                             Rep.Begin.Line, Rep.Begin.Column)},
                          {"end", position(Sources, Rep.End.File, Rep.End.Line,
                                           Rep.End.Column)}}},
            {"newText", Rep.Text}});
      json::Object Changes;
      for (auto &[U, E] : Edits)
        Changes[U] = std::move(E);
      std::string Title =
          P.F.Fix.size() == 1 && !P.F.Fix[0].Text.empty() &&
                  P.F.Fix[0].Text.size() <= 60 &&
                  P.F.Fix[0].Text.find('\n') == std::string::npos
              ? "memlint: replace with '" + P.F.Fix[0].Text + "'"
              : "memlint: apply the fix-it of memlint-" + P.F.Rule;
      Actions.push_back(json::Object{
          {"title", Title},
          {"kind", "quickfix"},
          {"diagnostics", json::Array{json::Object(P.Diagnostic)}},
          {"isPreferred", P.F.FixIsSafe},
          {"edit", json::Object{{"changes", std::move(Changes)}}}});
    }
    return Actions;
  }

  const LspOptions &O;
  std::string Exe;
  Transport &T;
  std::string ResourceDir;
  std::string BuildPath, CacheDir, Config;
  bool Initialized = false;
  bool ShutDown = false;
  std::unique_ptr<FactsCache> Cache;
  std::map<std::string, Project> Projects;             // by build directory
  std::map<std::string, std::set<std::string>> Extra;  // analyzed, not in it
  std::map<std::string, Document> Documents;          // open, by path
  std::map<std::string, TUResult> Session;            // without a cache
};

} // namespace

int runLspServer(const LspOptions &O, const std::string &Exe, std::FILE *In,
                 llvm::raw_ostream &Out) {
  Transport T(In, Out);
  Server S(O, Exe, T);
  return S.run();
}

} // namespace memlint
