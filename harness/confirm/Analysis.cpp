//===- Analysis.cpp - attribute, fit and judge ----------------------------===//
#include "Confirm.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "llvm/Support/FileSystem.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <tuple>

namespace memlint {
namespace harness {

Fit fitGrowth(const std::vector<uint64_t> &Ns, const std::vector<double> &Values,
              double MinSignal, const Thresholds &T) {
  Fit F;
  size_t K = std::min(Ns.size(), Values.size());
  if (K < 3) {
    F.Growth = "unknown";
    return F;
  }
  double MX = 0, MY = 0, LX = 0, LY = 0;
  for (size_t I = 0; I < K; ++I) {
    MX += std::log(double(Ns[I]));
    MY += std::log(std::max(Values[I], 1.0));
    LX += double(Ns[I]);
    LY += Values[I];
  }
  MX /= K, MY /= K, LX /= K, LY /= K;
  double SXY = 0, SXX = 0, LXY = 0, LXX = 0;
  for (size_t I = 0; I < K; ++I) {
    double DX = std::log(double(Ns[I])) - MX;
    SXY += DX * (std::log(std::max(Values[I], 1.0)) - MY);
    SXX += DX * DX;
    double LDX = double(Ns[I]) - LX;
    LXY += LDX * (Values[I] - LY);
    LXX += LDX * LDX;
  }
  F.Slope = SXX > 0 ? SXY / SXX : 0;
  F.PerN = LXX > 0 ? LXY / LXX : 0;
  double First = Values.front(), Last = Values[K - 1];
  if (F.Slope >= T.Grows && Last >= MinSignal && Last > First)
    F.Growth = "grows";
  else if (F.Slope <= T.Flat || Last < MinSignal)
    F.Growth = "flat";
  else
    F.Growth = "unclear";
  return F;
}

namespace {

enum class Metric { Bytes, Queries, Objects };

double siteValue(const TrackerProcess &P, const TrackerSite &S, Metric M) {
  switch (M) {
  case Metric::Bytes:
    return double(std::max<int64_t>(0, P.Marks ? S.MarkLive : S.Peak));
  case Metric::Queries:
    return double(S.Queries);
  case Metric::Objects:
    return double(std::max<int64_t>(0, S.LiveObjects));
  }
  return 0;
}

Metric metricFor(const std::string &Rule) {
  if (Rule == "query-in-loop")
    return Metric::Queries;
  if (Rule == "shared-ptr-cycle")
    return Metric::Objects;
  return Metric::Bytes;
}

std::string metricName(Metric M, bool Marked) {
  switch (M) {
  case Metric::Bytes:
    return Marked ? "retained-bytes" : "peak-bytes";
  case Metric::Queries:
    return "queries";
  case Metric::Objects:
    return "leaked-objects";
  }
  return "";
}

/// One site of one process of one usable run, with its stack.
struct SiteRef {
  size_t Scale; // index into the usable scales
  const TrackerProcess *P;
  const TrackerSite *S;
  const std::vector<SourceFrame> *Stack;
  int Credited; // first frame under the source root, or -1
};

/// The extent of the function that starts at \p StartLine in \p File: from
/// that line to the brace that closes the first brace after it (comments,
/// string and character literals skipped). 0 when unknown.
unsigned functionEnd(const std::string &File, unsigned StartLine) {
  static std::map<std::pair<std::string, unsigned>, unsigned> Cache;
  auto Key = std::make_pair(File, StartLine);
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;
  unsigned End = 0;
  if (auto Buf = llvm::MemoryBuffer::getFile(File)) {
    llvm::StringRef T = (*Buf)->getBuffer();
    unsigned Line = 1;
    size_t I = 0;
    for (; I < T.size() && Line < StartLine; ++I)
      if (T[I] == '\n')
        ++Line;
    int Depth = 0;
    bool Opened = false;
    for (; I < T.size(); ++I) {
      char C = T[I];
      if (C == '\n') {
        ++Line;
      } else if (C == '/' && I + 1 < T.size() && T[I + 1] == '/') {
        while (I < T.size() && T[I] != '\n')
          ++I;
        --I;
      } else if (C == '/' && I + 1 < T.size() && T[I + 1] == '*') {
        for (I += 2; I + 1 < T.size() && !(T[I] == '*' && T[I + 1] == '/'); ++I)
          if (T[I] == '\n')
            ++Line;
        ++I;
      } else if (C == '"' || C == '\'') {
        for (++I; I < T.size() && T[I] != C && T[I] != '\n'; ++I)
          if (T[I] == '\\')
            ++I;
      } else if (C == '{') {
        ++Depth;
        Opened = true;
      } else if (C == '}') {
        if (--Depth == 0 && Opened) {
          End = Line;
          break;
        }
      } else if (C == ';' && !Opened) {
        break; // a declaration, not a definition
      }
    }
  }
  Cache[Key] = End;
  return End;
}

/// Type names a shared-ptr-cycle finding talks about: quoted names in its
/// message and notes ('Session' -> 'Connection'), and T of shared_ptr<T> on
/// its source lines.
std::set<std::string> cycleTypes(const Finding &F, const std::string &File) {
  std::set<std::string> Types;
  auto Quoted = [&](llvm::StringRef M) {
    while (true) {
      size_t A = M.find('\'');
      if (A == llvm::StringRef::npos)
        break;
      size_t B = M.find('\'', A + 1);
      if (B == llvm::StringRef::npos)
        break;
      llvm::StringRef Name = M.slice(A + 1, B);
      M = M.drop_front(B + 1);
      // 'Connection::session' names a field: its class is the type.
      size_t Colon = Name.rfind("::");
      llvm::StringRef Type = Name;
      if (Colon != llvm::StringRef::npos && Colon + 2 < Name.size() &&
          std::islower(static_cast<unsigned char>(Name[Colon + 2])))
        Type = Name.take_front(Colon);
      Type = Type.substr(Type.rfind("::") == llvm::StringRef::npos ? 0 : Type.rfind("::") + 2);
      if (!Type.empty() && (std::isalpha(static_cast<unsigned char>(Type[0])) || Type[0] == '_'))
        Types.insert(Type.str());
    }
  };
  Quoted(F.Message);
  for (const Note &N : F.Notes)
    Quoted(N.Message);
  if (auto Buf = llvm::MemoryBuffer::getFile(File)) {
    llvm::SmallVector<llvm::StringRef, 0> Lines;
    (*Buf)->getBuffer().split(Lines, '\n');
    if (F.At.Line && F.At.Line <= Lines.size()) {
      llvm::StringRef L = Lines[F.At.Line - 1];
      size_t At = L.find("shared_ptr<");
      if (At != llvm::StringRef::npos) {
        llvm::StringRef T = L.drop_front(At + 11).take_until([](char C) { return C == '>'; }).trim();
        T = T.substr(T.rfind("::") == llvm::StringRef::npos ? 0 : T.rfind("::") + 2);
        if (!T.empty())
          Types.insert(T.str());
      }
    }
  }
  return Types;
}

/// Does a demangled function name mention \p Type as a type (a template
/// argument, or its constructor)?
bool mentionsType(llvm::StringRef Fn, const std::string &Type) {
  for (size_t At = Fn.find(Type); At != llvm::StringRef::npos;
       At = Fn.find(Type, At + 1)) {
    char Before = At ? Fn[At - 1] : ' ';
    char After = At + Type.size() < Fn.size() ? Fn[At + Type.size()] : ' ';
    bool StartOk = Before == '<' || Before == ':' || Before == ' ' || Before == ',';
    bool EndOk = After == '>' || After == ',' || (After == ':' && Fn.substr(At + Type.size()).starts_with("::" + Type + "("));
    if (StartOk && EndOk)
      return true;
  }
  return false;
}

std::string where(const std::string &File, unsigned Line) {
  return displayPath(File) + ":" + std::to_string(Line);
}

std::string human(double V, Metric M) {
  if (M != Metric::Bytes)
    return llvm::formatv("{0:f0}", V).str();
  if (V >= 10 * 1024 * 1024)
    return llvm::formatv("{0:f1} MiB", V / (1024 * 1024)).str();
  if (V >= 10 * 1024)
    return llvm::formatv("{0:f1} KiB", V / 1024).str();
  return llvm::formatv("{0:f0} B", V).str();
}

} // namespace

namespace {

/// Summaries of \p Runs, the usable ones (their indexes and scales), and
/// every site of theirs with its stack.
void collect(const std::vector<RunResult> &Runs, const SymbolizedStacks &Stacks,
             std::vector<RunSummary> &Summaries, std::vector<uint64_t> &UsedScales,
             std::vector<SiteRef> &Sites, bool &Marked) {
  std::vector<size_t> Use;
  for (size_t I = 0; I < Runs.size(); ++I) {
    const RunResult &Run = Runs[I];
    RunSummary S;
    S.N = Run.N;
    S.Status = Run.Status;
    S.ExitCode = Run.ExitCode;
    S.Signal = Run.Signal;
    S.Seconds = Run.Seconds;
    S.Processes = unsigned(Run.Processes.size());
    S.StderrTail = Run.StderrTail;
    for (const TrackerProcess &P : Run.Processes) {
      S.Allocs += P.Allocs;
      S.WalksFP += P.WalksFP;
      S.WalksLibunwind += P.WalksLibunwind;
      S.PeakRss = std::max(S.PeakRss, P.PeakRss);
      for (const auto &[Name, Count] : P.Queries)
        S.Queries += Count;
      S.Marked |= P.Marks > 0;
    }
    Summaries.push_back(S);
    if (Run.usable()) {
      Use.push_back(I);
      UsedScales.push_back(Run.N);
      if (!Run.Processes.empty() && Run.Processes.front().Marks)
        Marked = true;
    }
  }
  for (size_t U = 0; U < Use.size(); ++U) {
    size_t I = Use[U];
    for (size_t PI = 0; PI < Runs[I].Processes.size(); ++PI) {
      const TrackerProcess &P = Runs[I].Processes[PI];
      for (size_t SI = 0; SI < P.Sites.size(); ++SI) {
        const std::vector<SourceFrame> &Stack = Stacks[I][PI][SI];
        int Credited = -1;
        for (size_t K = 0; K < Stack.size(); ++K)
          if (Stack[K].UnderRoot) {
            Credited = int(K);
            break;
          }
        Sites.push_back({U, &P, &P.Sites[SI], &Stack, Credited});
      }
    }
  }
}

} // namespace

void analyzeFixed(const std::vector<RunResult> &Runs, const SymbolizedStacks &Stacks,
                  ConfirmReport &R) {
  std::vector<SiteRef> Sites;
  bool Marked = false;
  collect(Runs, Stacks, R.FixedRuns, R.FixedUsedScales, Sites, Marked);
  const size_t NS = R.FixedUsedScales.size();
  if (NS < 3)
    R.Warnings.push_back("the fixed program: only " + std::to_string(NS) +
                         " scale(s) produced data; growth needs at least 3");
  for (FindingResult &FR : R.Findings) {
    if (FR.Attribution == "none")
      continue; // nothing measured in the bad program: nothing to compare
    Metric M = metricFor(FR.F.Rule);
    // The bad program's function around the finding, by name: the fixed
    // program is usually the same code after the fix.
    std::string Fn;
    for (const SiteLoc &L : FR.Sites)
      if (L.File == FR.F.At.File && Fn.empty())
        Fn = L.Function;
    const std::string &File = FR.F.At.File;
    unsigned Line = FR.F.At.Line;
    struct Level {
      std::string Name;
      std::function<bool(const SiteRef &)> Match;
    };
    std::vector<Level> Levels{
        {"line", [&](const SiteRef &S) {
           for (const SourceFrame &Fr : *S.Stack)
             if (Fr.Line == Line && Fr.File == File)
               return true;
           return false;
         }}};
    if (!Fn.empty())
      Levels.push_back({"function '" + Fn + "'", [&](const SiteRef &S) {
                          for (const SourceFrame &Fr : *S.Stack)
                            if (Fr.Function == Fn)
                              return true;
                          return false;
                        }});
    Levels.push_back({"whole program", [](const SiteRef &) { return true; }});
    for (const Level &L : Levels) {
      std::vector<double> Values(NS, 0);
      uint64_t Allocs = 0, Queries = 0;
      for (const SiteRef &S : Sites)
        if (L.Match(S)) {
          Values[S.Scale] += siteValue(*S.P, *S.S, M);
          Allocs += S.S->Allocs;
          Queries += S.S->Queries;
        }
      if (M == Metric::Queries ? Queries == 0 : Allocs == 0)
        continue;
      FR.HaveFixed = true;
      FR.FixedAttribution = L.Name;
      FR.Fixed.Metric = FR.S.Metric;
      FR.Fixed.Values = std::move(Values);
      FR.Fixed.Allocs = Allocs;
      FR.Fixed.Queries = Queries;
      FR.Fixed.F = fitGrowth(R.FixedUsedScales, FR.Fixed.Values,
                             M == Metric::Bytes ? R.T.MinBytes : R.T.MinCount, R.T);
      break;
    }
  }
}

void analyze(const std::vector<RunResult> &Runs, const SymbolizedStacks &Stacks,
             const std::vector<Finding> &Findings, unsigned TopSites,
             ConfirmReport &R) {
  // Usable runs only; everything below is indexed by usable scale.
  std::vector<SiteRef> Sites;
  bool Marked = false;
  collect(Runs, Stacks, R.Runs, R.UsedScales, Sites, Marked);
  if (R.UsedScales.size() < 3)
    R.Warnings.push_back("only " + std::to_string(R.UsedScales.size()) +
                         " scale(s) produced data; growth needs at least 3");
  const size_t NS = R.UsedScales.size();

  // Growing sites: bytes and queries, per credited source line.
  using LocKey = std::pair<std::string, unsigned>;
  struct Agg {
    std::string Function;
    std::vector<double> Bytes, Queries;
    uint64_t Allocs = 0, QueryCalls = 0;
  };
  std::map<LocKey, Agg> ByLoc;
  for (const SiteRef &S : Sites) {
    if (S.Credited < 0)
      continue;
    const SourceFrame &F = (*S.Stack)[S.Credited];
    Agg &A = ByLoc[{F.File, F.Line}];
    if (A.Bytes.empty()) {
      A.Function = F.Function;
      A.Bytes.assign(NS, 0);
      A.Queries.assign(NS, 0);
    }
    A.Bytes[S.Scale] += siteValue(*S.P, *S.S, Metric::Bytes);
    A.Queries[S.Scale] += siteValue(*S.P, *S.S, Metric::Queries);
    A.Allocs += S.S->Allocs;
    A.QueryCalls += S.S->Queries;
  }
  std::vector<SiteResult> All;
  for (auto &[Key, A] : ByLoc) {
    if (A.Allocs) {
      SiteResult SR;
      SR.Loc = {Key.first, Key.second, A.Function};
      SR.S.Metric = metricName(Metric::Bytes, Marked);
      SR.S.Values = A.Bytes;
      SR.S.Allocs = A.Allocs;
      SR.S.F = fitGrowth(R.UsedScales, A.Bytes, R.T.MinBytes, R.T);
      All.push_back(std::move(SR));
    }
    if (A.QueryCalls) {
      SiteResult SR;
      SR.Loc = {Key.first, Key.second, A.Function};
      SR.S.Metric = "queries";
      SR.S.Values = A.Queries;
      SR.S.Queries = A.QueryCalls;
      SR.S.F = fitGrowth(R.UsedScales, A.Queries, R.T.MinCount, R.T);
      All.push_back(std::move(SR));
    }
  }
  auto Last = [](const SiteResult &S) { return S.S.Values.empty() ? 0.0 : S.S.Values.back(); };
  std::stable_sort(All.begin(), All.end(), [&](const SiteResult &A, const SiteResult &B) {
    return std::make_tuple(A.S.Metric != "queries", Last(A)) >
           std::make_tuple(B.S.Metric != "queries", Last(B));
  });
  for (const SiteResult &S : All) {
    if (S.S.F.Growth == "grows" && R.Growing.size() < TopSites)
      R.Growing.push_back(S);
    else if (S.S.F.Growth == "flat" &&
             std::count_if(R.Flat.begin(), R.Flat.end(), [&](const SiteResult &F) {
               return F.S.Metric == S.S.Metric;
             }) < 3)
      R.Flat.push_back(S); // the largest flat sites of each metric
  }

  // Findings.
  R.HaveFindings = R.HaveFindings || !Findings.empty();
  auto LineRan = [&R](const std::string &File, unsigned Line) {
    auto It = R.LinesRan.find({File, Line});
    return It == R.LinesRan.end() ? -1 : It->second;
  };
  for (const Finding &F : Findings) {
    FindingResult FR;
    FR.F = F;
    Metric M = metricFor(F.Rule);
    FR.S.Metric = metricName(M, Marked);
    std::string File = normalizePath(F.At.File);
    if (!llvm::sys::fs::exists(File) && !R.SourceRoot.empty())
      File = normalizePath(F.At.File, R.SourceRoot);
    FR.F.At.File = File;
    for (Note &N : FR.F.Notes) {
      std::string NF = normalizePath(N.At.File);
      if (!llvm::sys::fs::exists(NF) && !R.SourceRoot.empty())
        NF = normalizePath(N.At.File, R.SourceRoot);
      N.At.File = NF;
    }

    auto AtLines = [&](const std::set<LocKey> &Lines) {
      return [&Lines](const SiteRef &S) {
        for (const SourceFrame &Fr : *S.Stack)
          if (Fr.Line && Lines.count({Fr.File, Fr.Line}))
            return true;
        return false;
      };
    };
    // The finding's line and the other lines where its subject is
    // allocated (the same container also grows there: notes marked "also"),
    // measured together: which push reallocates the buffer depends on the
    // order the program's threads run in. Other notes come next.
    std::set<LocKey> Own{{File, F.At.Line}}, NoteLines;
    for (const Note &N : FR.F.Notes)
      (N.Also ? Own : NoteLines).insert({N.At.File, N.At.Line});

    // The function around the finding: the nearest function start at or
    // above its line, in the same file, among all symbolized frames and the
    // functions called from them (a function that only ever ends in a tail
    // call has no frame of its own).
    std::string Fn;
    unsigned FnStart = 0;
    for (const SiteRef &S : Sites)
      for (const SourceFrame &Fr : *S.Stack) {
        if (Fr.File == File && Fr.StartLine && Fr.StartLine <= F.At.Line &&
            Fr.StartLine > FnStart) {
          FnStart = Fr.StartLine;
          Fn = Fr.Function;
        }
        if (Fr.CalleeFile == File && Fr.CalleeStartLine &&
            Fr.CalleeStartLine <= F.At.Line && Fr.CalleeStartLine > FnStart) {
          FnStart = Fr.CalleeStartLine;
          Fn = Fr.CalleeFunction;
        }
      }
    if (FnStart) {
      unsigned End = functionEnd(File, FnStart);
      if (End && End < F.At.Line)
        FnStart = 0; // the finding is after that function: not in it
    }
    std::set<std::string> Types;
    if (F.Rule == "shared-ptr-cycle")
      Types = cycleTypes(FR.F, File);

    struct Level {
      const char *Name;
      std::function<bool(const SiteRef &)> Match;
    };
    std::vector<Level> Levels;
    Levels.push_back({"line", AtLines(Own)});
    if (!NoteLines.empty())
      Levels.push_back({"note", AtLines(NoteLines)});
    if (!Types.empty())
      Levels.push_back({"type", [&Types](const SiteRef &S) {
                          for (const SourceFrame &Fr : *S.Stack)
                            for (const std::string &T : Types)
                              if (mentionsType(Fr.Function, T))
                                return true;
                          return false;
                        }});
    // The function around the line. capacity-retention reports at the
    // clear(), and the fill it keeps the capacity of is usually in the same
    // function: any frame of it counts. Every other rule reports where
    // memory is allocated or the query is issued; when no frame is at that
    // line, optimization may still have kept the function: its frame
    // credited for the allocation (the line table smeared the line), or,
    // after a sibling call (a tail call compiled as a jump, which leaves the
    // function's own frame off the stack), the credited frame's call went
    // to the function. Both through the symbolizer's inline frames.
    auto InFn = [&](const std::string &FFile, unsigned Start) {
      return FnStart && FFile == File && Start == FnStart;
    };
    if (FnStart && F.Rule == "capacity-retention")
      Levels.push_back({"function", [&](const SiteRef &S) {
                          for (const SourceFrame &Fr : *S.Stack)
                            if (InFn(Fr.File, Fr.StartLine))
                              return true;
                          return false;
                        }});
    else if (FnStart && LineRan(File, F.At.Line) == 1)
      // Only for a line that ran (its probe was hit): else the function's
      // other lines would stand in for one that may never run.
      Levels.push_back({"function", [&](const SiteRef &S) {
                          if (S.Credited < 0)
                            return false;
                          // The credited source frame and its inline
                          // parents at the same return address.
                          const std::vector<SourceFrame> &St = *S.Stack;
                          for (size_t K = size_t(S.Credited); K < St.size(); ++K) {
                            if (InFn(St[K].File, St[K].StartLine))
                              return true;
                            if (K + 1 < St.size() && St[K + 1].InlineDepth == 0)
                              break;
                          }
                          return false;
                        }});
    if (FnStart && LineRan(File, F.At.Line) != 0)
      Levels.push_back({"callee", [&](const SiteRef &S) {
                          if (S.Credited < 0)
                            return false;
                          const SourceFrame &C = (*S.Stack)[S.Credited];
                          return InFn(C.CalleeFile, C.CalleeStartLine);
                        }});

    FR.Attribution = "none";
    FR.S.Values.assign(NS, 0);
    for (const Level &L : Levels) {
      std::vector<double> Values(NS, 0);
      uint64_t Allocs = 0, Queries = 0;
      std::map<LocKey, std::pair<double, std::string>> From;
      for (const SiteRef &S : Sites) {
        if (!L.Match(S))
          continue;
        double V = siteValue(*S.P, *S.S, M);
        Values[S.Scale] += V;
        Allocs += S.S->Allocs;
        Queries += S.S->Queries;
        if (S.Credited >= 0) {
          const SourceFrame &C = (*S.Stack)[S.Credited];
          auto &E = From[{C.File, C.Line}];
          if (S.Scale + 1 == NS)
            E.first += V;
          E.second = C.Function;
        }
      }
      bool Exercised = M == Metric::Queries ? Queries > 0 : Allocs > 0;
      if (!Exercised)
        continue;
      FR.Attribution = L.Name;
      FR.S.Values = Values;
      FR.S.Allocs = Allocs;
      FR.S.Queries = Queries;
      std::vector<std::pair<double, SiteLoc>> Locs;
      for (auto &[K, V] : From)
        Locs.push_back({V.first, SiteLoc{K.first, K.second, V.second}});
      std::stable_sort(Locs.begin(), Locs.end(),
                       [](const auto &A, const auto &B) { return A.first > B.first; });
      for (size_t K = 0; K < Locs.size() && K < 5; ++K)
        FR.Sites.push_back(Locs[K].second);
      break;
    }

    double MinSignal = M == Metric::Bytes ? R.T.MinBytes : R.T.MinCount;
    FR.S.F = fitGrowth(R.UsedScales, FR.S.Values, MinSignal, R.T);
    const std::string At = where(File, F.At.Line);
    const char *What = M == Metric::Bytes ? (Marked ? "retained heap bytes" : "peak live heap bytes")
                       : M == Metric::Queries ? "query calls"
                                              : "objects still live at exit";
    double Top = FR.S.Values.empty() ? 0 : FR.S.Values.back();
    std::string Lines = At;
    if (Own.size() > 1)
      Lines += " (and " + std::to_string(Own.size() - 1) +
               (Own.size() == 2 ? " other line" : " other lines") + " where the container grows)";
    std::string Via = FR.Attribution == "line"     ? Lines
                      : FR.Attribution == "note"   ? "the lines its notes point at"
                      : FR.Attribution == "type"   ? "allocations of the types on the cycle"
                      : FR.Attribution == "callee" ? "calls of its function '" + Fn +
                                                         "' (a tail call)"
                                                   : "its function '" + Fn + "'";
    if (FR.Attribution == "none") {
      std::string What = M == Metric::Queries ? "query" : "allocation";
      if (LineRan(File, F.At.Line) == 0) {
        FR.Verdict = "not-exercised";
        FR.Reason = "the line never ran at any scale (a probe on it was never hit): "
                    "the workload does not reach it";
      } else {
        FR.Verdict = "unattributed";
        FR.Reason = "no " + What + " was attributed to " + Lines +
                    " (nor to its notes or its function) at any scale, " +
                    (LineRan(File, F.At.Line) == 1 ? "though the line ran (a probe on it was hit)"
                                                   : "and whether the line ran is unknown") +
                    "; at -O2 a tail call can hide its frame: build with "
                    "-fno-optimize-sibling-calls";
      }
    } else if (FR.S.F.Growth == "unknown") {
      FR.Verdict = "inconclusive";
      FR.Reason = "fewer than 3 scales produced data";
    } else if (FR.S.F.Growth == "grows") {
      FR.Verdict = "confirmed";
      FR.Reason = std::string(What) + " attributed to " + Via + " grow with N: " +
                  llvm::formatv("log-log slope {0:f2}, {1:f2} per unit of N, {2} at N={3}",
                                FR.S.F.Slope, FR.S.F.PerN, human(Top, M), R.UsedScales.back())
                      .str();
    } else if (FR.S.F.Growth == "flat") {
      FR.Verdict = "not-confirmed";
      FR.Reason = std::string("the code ran, but the ") + What + " attributed to " + Via +
                  llvm::formatv(" stayed flat: log-log slope {0:f2}, {1} at N={2}", FR.S.F.Slope,
                                human(Top, M), R.UsedScales.back())
                      .str();
    } else {
      FR.Verdict = "inconclusive";
      FR.Reason = std::string(What) + " attributed to " + Via +
                  llvm::formatv(" grow sublinearly (log-log slope {0:f2}, between the flat "
                                "threshold {1} and the growth threshold {2})",
                                FR.S.F.Slope, R.T.Flat, R.T.Grows)
                      .str();
    }
    R.Findings.push_back(std::move(FR));
  }
}

} // namespace harness
} // namespace memlint
