//===- Report.cpp - JSON, SARIF and a self-contained HTML/SVG report ------===//
#include "Confirm.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace memlint {
namespace harness {

std::string displayPath(const std::string &Path) {
  static const std::string Cwd = [] {
    llvm::SmallString<256> D;
    if (llvm::sys::fs::current_path(D))
      return std::string();
    return normalizePath(std::string(D.str()));
  }();
  llvm::StringRef P(Path);
  if (!Cwd.empty() && P.starts_with(Cwd) && P.size() > Cwd.size() && P[Cwd.size()] == '/')
    return P.drop_front(Cwd.size() + 1).str();
  return Path;
}

namespace {

//===-- JSON through llvm::json::OStream (escaping, nesting) with numbers
//===-- printed the way people read them: integers as integers, ratios
//===-- with 3 decimals -------------------------------------------------===//
class JSONWriter {
public:
  std::string Out;

  JSONWriter() : OS(Out), J(OS, /*IndentSize=*/2) {}

  void objectBegin() {
    J.objectBegin();
    Attr.push_back(false);
  }
  void objectEnd() {
    J.objectEnd();
    Attr.pop_back();
    done();
  }
  void arrayBegin(bool /*Inline*/ = false) {
    J.arrayBegin();
    Attr.push_back(false);
  }
  void arrayEnd() {
    J.arrayEnd();
    Attr.pop_back();
    done();
  }
  void key(llvm::StringRef K) {
    J.attributeBegin(K);
    Attr.back() = true;
  }
  void value(llvm::StringRef S) {
    J.value(S);
    done();
  }
  void value(const char *S) { value(llvm::StringRef(S)); }
  void value(const std::string &S) { value(llvm::StringRef(S)); }
  void value(bool B) {
    J.value(B);
    done();
  }
  void value(int64_t V) {
    J.value(V);
    done();
  }
  void value(uint64_t V) {
    J.value(V);
    done();
  }
  void value(unsigned V) { value(uint64_t(V)); }
  void value(int V) { value(int64_t(V)); }
  void number(double V, int Decimals = 3) {
    if (!std::isfinite(V))
      V = 0;
    std::string S;
    if (std::fabs(V - std::round(V)) < 1e-9 && std::fabs(V) < 9e15) {
      S = std::to_string(int64_t(std::llround(V)));
    } else {
      char Buf[64];
      snprintf(Buf, sizeof Buf, "%.*f", Decimals, V);
      S = Buf;
      while (S.find('.') != std::string::npos && S.back() == '0')
        S.pop_back();
      if (S.back() == '.')
        S.pop_back();
    }
    if (S == "-0")
      S = "0";
    J.rawValue(S);
    done();
  }
  template <typename T> void field(llvm::StringRef K, const T &V) {
    key(K);
    value(V);
  }
  void numberField(llvm::StringRef K, double V, int Decimals = 3) {
    key(K);
    number(V, Decimals);
  }

private:
  llvm::raw_string_ostream OS;
  llvm::json::OStream J;
  std::vector<bool> Attr; // per open container: an attribute awaits its end

  void done() {
    if (!Attr.empty() && Attr.back()) {
      J.attributeEnd();
      Attr.back() = false;
    }
    if (Attr.empty())
      OS << '\n';
  }
};

void writeSeries(JSONWriter &W, const Series &S, bool Bytes) {
  W.field("metric", S.Metric);
  W.field("growth", S.F.Growth);
  W.numberField("slope", S.F.Slope);
  W.numberField("per_n", S.F.PerN);
  if (Bytes)
    W.numberField("bytes_per_n", S.F.PerN);
  W.key("values");
  W.arrayBegin(/*Inline=*/true);
  for (double V : S.Values)
    W.number(V, 1);
  W.arrayEnd();
}

bool isBytes(const std::string &Metric) { return llvm::StringRef(Metric).ends_with("bytes"); }

void writeLoc(JSONWriter &W, const SiteLoc &L) {
  W.field("file", displayPath(L.File));
  W.field("line", L.Line);
  W.field("function", L.Function);
}

void writeScales(JSONWriter &W, const char *Key, const std::vector<uint64_t> &Ns) {
  W.key(Key);
  W.arrayBegin(true);
  for (uint64_t N : Ns)
    W.value(N);
  W.arrayEnd();
}

} // namespace

namespace {
void writeRuns(JSONWriter &W, const char *Key, const std::vector<RunSummary> &Runs) {
  W.key(Key);
  W.arrayBegin();
  for (const RunSummary &S : Runs) {
    W.objectBegin();
    W.field("n", S.N);
    W.field("status", S.Status);
    if (S.Status == "exit-code")
      W.field("exit_code", S.ExitCode);
    if (S.Status == "signal")
      W.field("signal", S.Signal);
    W.numberField("seconds", S.Seconds);
    W.field("processes", S.Processes);
    W.field("allocations", S.Allocs);
    W.field("queries", S.Queries);
    W.field("peak_rss_bytes", S.PeakRss);
    W.field("marked", S.Marked);
    W.field("stacks_by_frame_pointers", S.WalksFP);
    W.field("stacks_by_libunwind", S.WalksLibunwind);
    if (!S.StderrTail.empty())
      W.field("stderr", S.StderrTail);
    W.objectEnd();
  }
  W.arrayEnd();
}
} // namespace

std::string reportJSON(const ConfirmReport &R, const char *Version) {
  JSONWriter W;
  W.objectBegin();
  W.field("version", 1);
  W.key("tool");
  W.objectBegin();
  W.field("name", "memlint");
  W.field("version", Version);
  W.objectEnd();
  W.field("kind", "confirm");
  W.key("command");
  W.arrayBegin(true);
  for (const std::string &A : R.Command)
    W.value(A);
  W.arrayEnd();
  writeScales(W, "scales", R.Scales);
  writeScales(W, "measured_scales", R.UsedScales);
  W.field("source_root", R.SourceRoot);
  W.key("thresholds");
  W.objectBegin();
  W.numberField("grows", R.T.Grows);
  W.numberField("flat", R.T.Flat);
  W.numberField("min_bytes", R.T.MinBytes);
  W.numberField("min_count", R.T.MinCount);
  W.objectEnd();
  W.key("query_functions");
  W.arrayBegin(true);
  for (const std::string &Q : R.QueryFunctions)
    W.value(Q);
  W.arrayEnd();
  W.key("uncounted_query_apis");
  W.arrayBegin(true);
  for (const std::string &Q : R.UncountedQueryApis)
    W.value(Q);
  W.arrayEnd();
  writeRuns(W, "runs", R.Runs);
  if (!R.FixedCommand.empty()) {
    W.key("fixed_command");
    W.arrayBegin(true);
    for (const std::string &A : R.FixedCommand)
      W.value(A);
    W.arrayEnd();
    writeScales(W, "fixed_measured_scales", R.FixedUsedScales);
    writeRuns(W, "fixed_runs", R.FixedRuns);
  }
  if (R.HaveFindings) {
    W.key("findings");
    W.arrayBegin();
    for (const FindingResult &F : R.Findings) {
      W.objectBegin();
      W.field("rule", F.F.Rule);
      W.field("file", displayPath(F.F.At.File));
      W.field("line", F.F.At.Line);
      W.field("column", F.F.At.Column);
      W.field("message", F.F.Message);
      W.field("verdict", F.Verdict);
      W.field("attribution", F.Attribution);
      writeSeries(W, F.S, isBytes(F.S.Metric));
      W.field("reason", F.Reason);
      if (F.HaveFixed) {
        W.key("fixed");
        W.objectBegin();
        W.field("attribution", F.FixedAttribution);
        W.field("growth", F.Fixed.F.Growth);
        W.numberField("slope", F.Fixed.F.Slope);
        W.key("values");
        W.arrayBegin(/*Inline=*/true);
        for (double V : F.Fixed.Values)
          W.number(V, 1);
        W.arrayEnd();
        W.objectEnd();
      }
      W.key("sites");
      W.arrayBegin();
      for (const SiteLoc &L : F.Sites) {
        W.objectBegin();
        writeLoc(W, L);
        W.objectEnd();
      }
      W.arrayEnd();
      W.objectEnd();
    }
    W.arrayEnd();
  }
  W.key("growing_sites");
  W.arrayBegin();
  for (const SiteResult &S : R.Growing) {
    W.objectBegin();
    writeLoc(W, S.Loc);
    writeSeries(W, S.S, isBytes(S.S.Metric));
    W.objectEnd();
  }
  W.arrayEnd();
  W.key("warnings");
  W.arrayBegin();
  for (const std::string &Wn : R.Warnings)
    W.value(Wn);
  W.arrayEnd();
  W.objectEnd();
  return W.Out;
}

//===-- HTML and SVG ------------------------------------------------------===//

namespace {

std::string esc(llvm::StringRef S) {
  std::string O;
  for (char C : S) {
    switch (C) {
    case '&': O += "&amp;"; break;
    case '<': O += "&lt;"; break;
    case '>': O += "&gt;"; break;
    case '"': O += "&quot;"; break;
    case '\'': O += "&#39;"; break;
    default: O += C;
    }
  }
  return O;
}

std::string fmtValue(double V, bool Bytes) {
  auto Num = [](double X, const char *Unit) {
    bool Whole = std::fabs(X - std::round(X)) < 0.05;
    return llvm::formatv(Whole ? "{0:f0} {1}" : "{0:f1} {1}", X, Unit).str();
  };
  if (Bytes) {
    if (V >= 1024.0 * 1024 * 1024)
      return Num(V / (1024.0 * 1024 * 1024), "GiB");
    if (V >= 1024.0 * 1024)
      return Num(V / (1024.0 * 1024), "MiB");
    if (V >= 1024)
      return Num(V / 1024, "KiB");
    return llvm::formatv("{0:f0} B", V).str();
  }
  if (V >= 1e6)
    return llvm::formatv("{0:f1}M", V / 1e6).str();
  if (V >= 1e4)
    return llvm::formatv("{0:f0}k", V / 1e3).str();
  return llvm::formatv("{0:f0}", V).str();
}

std::string fmtN(uint64_t N) {
  if (N >= 1000000 && N % 1000000 == 0)
    return std::to_string(N / 1000000) + "M";
  if (N >= 1000 && N % 1000 == 0)
    return std::to_string(N / 1000) + "k";
  return std::to_string(N);
}

struct Line {
  std::string Label;
  std::vector<uint64_t> Ns; // the scales the values were measured at
  std::vector<double> Values;
  const char *Color;
  bool Dashed;
};

const char *const BadColor = "#d62728", *const FixedColor = "#2ca02c";

/// Metric against N, N on a log scale. The y axis is linear from 0 (growth
/// shows as the hockey stick, a flat site as a flat line) or, with \p LogY,
/// logarithmic (growth shows as a straight line whose slope is the fitted
/// exponent; small and large series share one chart).
std::string chart(const std::vector<Line> &Lines, const std::string &YLabel, bool Bytes,
                  const std::string &Title, bool LogY) {
  const double W = 740, H = 320, L = 96, Rt = 250, T = 34, B = 48;
  const double PW = W - L - Rt, PH = H - T - B;
  std::string S;
  S += llvm::formatv("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" "
                     "width=\"{0}\" height=\"{1}\" font-family=\"sans-serif\" font-size=\"12\" "
                     "role=\"img\" aria-label=\"{2}\" class=\"chart {3}\">\n",
                     W, H, esc(Title), LogY ? "log-y" : "linear-y")
           .str();
  S += "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  S += llvm::formatv("<text x=\"{0}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{1}</text>\n", L,
                     esc(Title))
           .str();
  uint64_t NMin = UINT64_MAX, NMax = 0;
  double YMax = 0, YMinPos = 0;
  for (const Line &Ln : Lines)
    for (size_t I = 0; I < Ln.Ns.size() && I < Ln.Values.size(); ++I) {
      NMin = std::min(NMin, Ln.Ns[I]);
      NMax = std::max(NMax, Ln.Ns[I]);
      YMax = std::max(YMax, Ln.Values[I]);
      if (Ln.Values[I] > 0 && (YMinPos == 0 || Ln.Values[I] < YMinPos))
        YMinPos = Ln.Values[I];
    }
  if (NMax == 0 || NMin == NMax) {
    S += llvm::formatv("<text x=\"{0}\" y=\"{1}\">not enough scales to draw</text>\n</svg>\n", L,
                       T + PH / 2)
             .str();
    return S;
  }
  double X0 = std::log10(double(NMin)), X1 = std::log10(double(NMax));
  auto X = [&](double N) { return L + (std::log10(N) - X0) / (X1 - X0) * PW; };
  std::function<double(double)> Y;
  std::vector<double> Ticks;
  if (LogY) {
    // Whole decades around the data; zero sits on the bottom edge.
    double D0 = std::floor(std::log10(std::max(YMinPos, 1.0)));
    double D1 = std::ceil(std::log10(std::max(YMax, 10.0)));
    if (D1 <= D0)
      D1 = D0 + 1;
    Y = [=](double V) {
      double LV = V > 0 ? std::max(std::log10(V), D0) : D0;
      return T + PH - (LV - D0) / (D1 - D0) * PH;
    };
    for (double D = D0; D <= D1 + 1e-9; ++D)
      Ticks.push_back(std::pow(10, D));
  } else {
    // A nice top: 1, 2, 2.5 or 5 times a power of ten (of 1024 for bytes).
    double Unit = Bytes ? (YMax >= 1024.0 * 1024 ? 1024.0 * 1024 : YMax >= 1024 ? 1024.0 : 1.0) : 1.0;
    double Scaled = std::max(YMax / Unit, 1.0);
    double Pow = std::pow(10, std::floor(std::log10(Scaled)));
    double Step = Pow;
    for (double M : {0.1, 0.2, 0.25, 0.5, 1.0, 2.0})
      if (Scaled / (Pow * M) <= 5) {
        Step = Pow * M;
        break;
      }
    double Top = std::ceil(Scaled / Step) * Step * Unit;
    if (Top <= 0)
      Top = 1;
    Y = [=](double V) { return T + PH - V / Top * PH; };
    for (double V = 0; V <= Top * 1.0001; V += Step * Unit)
      Ticks.push_back(V);
  }

  // Axes and grid.
  for (double V : Ticks) {
    S += llvm::formatv("<line x1=\"{0}\" y1=\"{1:f1}\" x2=\"{2}\" y2=\"{1:f1}\" stroke=\"#e5e5e5\"/>\n",
                       L, Y(V), L + PW)
             .str();
    S += llvm::formatv("<text x=\"{0}\" y=\"{1:f1}\" text-anchor=\"end\" fill=\"#444\">{2}</text>\n",
                       L - 6, Y(V) + 4, esc(fmtValue(V, Bytes)))
             .str();
  }
  std::vector<uint64_t> AllNs;
  for (const Line &Ln : Lines)
    AllNs.insert(AllNs.end(), Ln.Ns.begin(), Ln.Ns.end());
  std::sort(AllNs.begin(), AllNs.end());
  AllNs.erase(std::unique(AllNs.begin(), AllNs.end()), AllNs.end());
  for (uint64_t N : AllNs) {
    S += llvm::formatv("<line x1=\"{0:f1}\" y1=\"{1}\" x2=\"{0:f1}\" y2=\"{2}\" stroke=\"#e5e5e5\"/>\n",
                       X(double(N)), T, T + PH)
             .str();
    S += llvm::formatv("<text x=\"{0:f1}\" y=\"{1}\" text-anchor=\"middle\" fill=\"#444\">{2}</text>\n",
                       X(double(N)), T + PH + 16, fmtN(N))
             .str();
  }
  S += llvm::formatv("<rect x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"{3}\" fill=\"none\" "
                     "stroke=\"#888\"/>\n",
                     L, T, PW, PH)
           .str();
  S += llvm::formatv("<text x=\"{0}\" y=\"{1}\" text-anchor=\"middle\" fill=\"#222\">N (log scale)</text>\n",
                     L + PW / 2, H - 10)
           .str();
  S += llvm::formatv("<text transform=\"translate(14,{0}) rotate(-90)\" text-anchor=\"middle\" "
                     "fill=\"#222\">{1}{2}</text>\n",
                     T + PH / 2, esc(YLabel), LogY ? " (log scale)" : "")
           .str();

  double LegendY = T + 8;
  for (const Line &Ln : Lines) {
    std::string Pts;
    for (size_t I = 0; I < Ln.Ns.size() && I < Ln.Values.size(); ++I)
      Pts += llvm::formatv("{0:f1},{1:f1} ", X(double(Ln.Ns[I])), Y(Ln.Values[I])).str();
    S += llvm::formatv("<polyline class=\"series\" data-label=\"{4}\" points=\"{0}\" fill=\"none\" "
                       "stroke=\"{1}\" stroke-width=\"{2}\"{3}/>\n",
                       Pts, Ln.Color, Ln.Dashed ? "1.5" : "2.5",
                       Ln.Dashed ? " stroke-dasharray=\"5,3\"" : "", esc(Ln.Label))
             .str();
    for (size_t I = 0; I < Ln.Ns.size() && I < Ln.Values.size(); ++I)
      S += llvm::formatv("<circle cx=\"{0:f1}\" cy=\"{1:f1}\" r=\"3\" fill=\"{2}\"><title>N={3}: {4}</title></circle>\n",
                         X(double(Ln.Ns[I])), Y(Ln.Values[I]), Ln.Color, Ln.Ns[I],
                         esc(fmtValue(Ln.Values[I], Bytes)))
               .str();
    std::string Label = Ln.Label.size() > 34 ? "..." + Ln.Label.substr(Ln.Label.size() - 31) : Ln.Label;
    S += llvm::formatv("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" stroke-width=\"2.5\"{4}/>\n",
                       L + PW + 12, LegendY, L + PW + 32, Ln.Color,
                       Ln.Dashed ? " stroke-dasharray=\"5,3\"" : "")
             .str();
    S += llvm::formatv("<text x=\"{0}\" y=\"{1}\" fill=\"#222\"><title>{3}</title>{2}</text>\n",
                       L + PW + 38, LegendY + 4, esc(Label), esc(Ln.Label))
             .str();
    LegendY += 20;
  }
  S += "</svg>\n";
  return S;
}

std::string locLabel(const SiteLoc &L) {
  return llvm::sys::path::filename(L.File).str() + ":" + std::to_string(L.Line);
}

/// The largest flat sites of the same metric, as dashed baselines.
void addBaselines(const ConfirmReport &R, const std::string &Metric, const std::string &Skip,
                  std::vector<Line> &Out) {
  static const char *const Greys[] = {"#7f7f7f", "#1f77b4", "#9467bd"};
  unsigned K = 0;
  for (const SiteResult &S : R.Flat)
    if (S.S.Metric == Metric && locLabel(S.Loc) != Skip && K < 3)
      Out.push_back({locLabel(S.Loc) + " (flat)", R.UsedScales, S.S.Values, Greys[K++], true});
}

bool nothingMeasured(const FindingResult &F) {
  return std::all_of(F.S.Values.begin(), F.S.Values.end(), [](double V) { return V == 0; }) &&
         F.S.Allocs == 0 && F.S.Queries == 0;
}

/// What a reviewer does with a finding of each verdict: the badge colour and
/// the legend say the same.
struct VerdictStyle {
  const char *Verdict, *Color, *Action;
};
const VerdictStyle Styles[] = {
    {"confirmed", "#c0392b", "fix it: the measurement shows the growth"},
    {"inconclusive", "#d68910",
     "look closer: measure at larger N, or read the reason"},
    {"unattributed", "#8e44ad",
     "look closer: nothing measured was credited to the line (an optimized "
     "tail call? build with -fno-optimize-sibling-calls)"},
    {"not-exercised", "#5d6d7e",
     "extend the workload: the line never ran at any N"},
    {"not-confirmed", "#2e86c1",
     "check the workload, then judge: the line ran and stayed flat at these N"},
};

} // namespace

std::string metricLabel(const std::string &Metric) {
  if (Metric == "peak-bytes")
    return "peak live heap bytes";
  if (Metric == "retained-bytes")
    return "heap bytes live at the mark";
  if (Metric == "queries")
    return "query calls";
  if (Metric == "leaked-objects")
    return "objects live at exit";
  return Metric;
}

std::string findingSVG(const ConfirmReport &R, const FindingResult &F, bool LogY) {
  std::string Here = llvm::sys::path::filename(F.F.At.File).str() + ":" + std::to_string(F.F.At.Line);
  std::vector<Line> Lines;
  if (F.HaveFixed) {
    // Bad against fixed, as the docs' fixture charts show them.
    Lines.push_back({"bad: " + Here + " (" + F.Verdict + ")", R.UsedScales, F.S.Values, BadColor, false});
    Lines.push_back({"fixed (" + F.FixedAttribution + ")", R.FixedUsedScales, F.Fixed.Values,
                     FixedColor, false});
  } else {
    Lines.push_back({Here + " (" + F.Verdict + ")", R.UsedScales, F.S.Values, BadColor, false});
    addBaselines(R, F.S.Metric, Here, Lines);
  }
  return chart(Lines, metricLabel(F.S.Metric), isBytes(F.S.Metric), F.F.Rule + " at " + Here, LogY);
}

std::string reportHTML(const ConfirmReport &R, const char *Version) {
  std::string H;
  H += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<title>memlint confirm</title>\n<style>\n"
       "body{font-family:sans-serif;margin:2em auto;max-width:64em;color:#222;padding:0 1em}\n"
       "table{border-collapse:collapse;margin:.5em 0 1em}\n"
       "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}\n"
       "th{background:#f3f3f3}\ntd.num{text-align:right;font-variant-numeric:tabular-nums}\n"
       "code{background:#f5f5f5;padding:0 .2em}\n"
       ".v{display:inline-block;padding:.1em .5em;border-radius:.3em;color:#fff;font-weight:bold}\n";
  for (const VerdictStyle &V : Styles)
    H += std::string(".") + V.Verdict + "{background:" + V.Color + "}\n";
  H += ".failed{color:#c0392b;font-weight:bold}\nsection{border-top:1px solid #ddd;margin-top:1.5em}\n"
       "pre{background:#f8f8f8;padding:.5em;overflow:auto}\n"
       "p.no-chart{font-style:italic;color:#555}\n"
       // The y-axis switch: every chart is drawn twice, linear and log.
       ".charts .log-y{display:none}\n"
       "#log-y:checked ~ main .charts .log-y{display:inline}\n"
       "#log-y:checked ~ main .charts .linear-y{display:none}\n"
       "</style>\n</head>\n<body>\n<h1>memlint confirm</h1>\n"
       "<input type=\"checkbox\" id=\"log-y\"> <label for=\"log-y\">logarithmic y axis "
       "(growth is a straight line whose slope is the fitted exponent)</label>\n<main>\n";
  H += "<p>memlint " + esc(Version) + " ran <code>" + esc(llvm::join(R.Command, " ")) +
       "</code> at N = ";
  std::vector<std::string> NsText;
  for (uint64_t N : R.Scales)
    NsText.push_back(std::to_string(N));
  H += esc(llvm::join(NsText, ", ")) + " under the heap tracker";
  if (!R.FixedCommand.empty())
    H += ", and the fixed program <code>" + esc(llvm::join(R.FixedCommand, " ")) +
         "</code> at the same scales";
  H += ". Source root: <code>" + esc(R.SourceRoot) + "</code>.</p>\n";
  H += llvm::formatv("<p>A series <em>grows</em> when its log-log slope against N is at least {0} "
                     "(and it reaches {1:f0} bytes or {2:f0} calls or objects at the largest N); it is "
                     "<em>flat</em> at {3} or below.</p>\n",
                     R.T.Grows, R.T.MinBytes, R.T.MinCount, R.T.Flat)
           .str();
  for (const std::string &Wn : R.Warnings)
    H += "<p class=\"failed\">" + esc(Wn) + "</p>\n";

  auto RunsTable = [&](const std::vector<RunSummary> &Runs) {
    H += "<table>\n<tr><th>N</th><th>status</th><th>seconds</th><th>processes</th>"
         "<th>allocations</th><th>queries</th><th>peak resident set</th></tr>\n";
    for (const RunSummary &S : Runs) {
      std::string Status = S.Status;
      if (S.Status == "exit-code")
        Status += " " + std::to_string(S.ExitCode);
      if (S.Status == "signal")
        Status += " " + std::to_string(S.Signal);
      H += llvm::formatv("<tr><td class=\"num\">{0}</td><td{1}>{2}</td><td class=\"num\">{3:f2}</td>"
                         "<td class=\"num\">{4}</td><td class=\"num\">{5}</td><td class=\"num\">{6}</td>"
                         "<td class=\"num\">{7}</td></tr>\n",
                         S.N, S.Status == "ok" ? "" : " class=\"failed\"", esc(Status), S.Seconds,
                         S.Processes, S.Allocs, S.Queries, esc(fmtValue(double(S.PeakRss), true)))
               .str();
    }
    H += "</table>\n";
    for (const RunSummary &S : Runs)
      if (!S.StderrTail.empty() && S.Status != "ok")
        H += "<p>N=" + std::to_string(S.N) + " stderr:</p>\n<pre>" + esc(S.StderrTail) + "</pre>\n";
  };
  H += "<h2>Runs</h2>\n";
  RunsTable(R.Runs);
  if (!R.FixedCommand.empty()) {
    H += "<h3>The fixed program</h3>\n";
    RunsTable(R.FixedRuns);
  }

  if (R.HaveFindings) {
    H += "<h2>Findings</h2>\n<table class=\"legend\">\n<tr><th>verdict</th><th>what to do</th></tr>\n";
    for (const VerdictStyle &V : Styles)
      H += std::string("<tr><td><span class=\"v ") + V.Verdict + "\">" + V.Verdict +
           "</span></td><td>" + esc(V.Action) + "</td></tr>\n";
    H += "</table>\n<table>\n<tr><th>verdict</th><th>rule</th><th>where</th><th>metric</th>"
         "<th>slope</th><th>per unit of N</th></tr>\n";
    for (size_t I = 0; I < R.Findings.size(); ++I) {
      const FindingResult &F = R.Findings[I];
      H += llvm::formatv("<tr><td><span class=\"v {0}\">{0}</span></td><td>{1}</td><td><a href=\"#f{2}\">"
                         "{3}:{4}</a></td><td>{5}</td><td class=\"num\">{6:f2}</td><td class=\"num\">{7:f2}</td></tr>\n",
                         F.Verdict, esc(F.F.Rule), I, esc(displayPath(F.F.At.File)), F.F.At.Line,
                         esc(F.S.Metric), F.S.F.Slope, F.S.F.PerN)
               .str();
    }
    H += "</table>\n";
    for (size_t I = 0; I < R.Findings.size(); ++I) {
      const FindingResult &F = R.Findings[I];
      H += llvm::formatv("<section id=\"f{0}\">\n<h3><span class=\"v {1}\">{1}</span> {2} at <code>{3}:{4}</code></h3>\n",
                         I, F.Verdict, esc(F.F.Rule), esc(displayPath(F.F.At.File)), F.F.At.Line)
               .str();
      H += "<p>" + esc(F.F.Message) + "</p>\n<p><strong>Measured:</strong> " + esc(F.Reason) +
           " (attribution: " + esc(F.Attribution) + ")</p>\n";
      if (nothingMeasured(F)) {
        // Nothing to draw: say so in a line rather than show an empty chart.
        H += "<p class=\"no-chart\">No chart: nothing was measured at this line at any N.</p>\n";
        H += "</section>\n";
        continue;
      }
      H += "<div class=\"charts\">\n" + findingSVG(R, F, false) + findingSVG(R, F, true) + "</div>\n";
      H += "<table><tr><th>N</th>";
      for (uint64_t N : R.UsedScales)
        H += "<td class=\"num\">" + std::to_string(N) + "</td>";
      H += "</tr><tr><th>" + esc(metricLabel(F.S.Metric)) + "</th>";
      for (double V : F.S.Values)
        H += "<td class=\"num\">" + esc(fmtValue(V, isBytes(F.S.Metric))) + "</td>";
      H += "</tr>";
      if (F.HaveFixed) {
        H += "<tr><th>fixed</th>";
        for (double V : F.Fixed.Values)
          H += "<td class=\"num\">" + esc(fmtValue(V, isBytes(F.S.Metric))) + "</td>";
        H += "</tr>";
      }
      H += "</table>\n";
      if (!F.Sites.empty()) {
        H += "<p>Attributed allocation sites:</p>\n<ul>\n";
        for (const SiteLoc &L : F.Sites)
          H += "<li><code>" + esc(displayPath(L.File)) + ":" + std::to_string(L.Line) + "</code> in <code>" +
               esc(L.Function) + "</code></li>\n";
        H += "</ul>\n";
      }
      H += "</section>\n";
    }
  }

  H += "<h2>Growing sites</h2>\n";
  if (R.Growing.empty()) {
    H += "<p>No source line under the source root grows with N.</p>\n";
  } else {
    H += "<table>\n<tr><th>where</th><th>function</th><th>metric</th><th>slope</th><th>per unit of N</th>"
         "<th>at the largest N</th></tr>\n";
    for (const SiteResult &S : R.Growing)
      H += llvm::formatv("<tr><td><code>{0}:{1}</code></td><td><code>{2}</code></td><td>{3}</td>"
                         "<td class=\"num\">{4:f2}</td><td class=\"num\">{5:f2}</td><td class=\"num\">{6}</td></tr>\n",
                         esc(displayPath(S.Loc.File)), S.Loc.Line, esc(S.Loc.Function), esc(S.S.Metric),
                         S.S.F.Slope, S.S.F.PerN,
                         esc(fmtValue(S.S.Values.empty() ? 0 : S.S.Values.back(), isBytes(S.S.Metric))))
               .str();
    H += "</table>\n";
    if (!R.HaveFindings) {
      for (size_t I = 0; I < R.Growing.size() && I < 5; ++I) {
        const SiteResult &S = R.Growing[I];
        std::vector<Line> Lines{{locLabel(S.Loc), R.UsedScales, S.S.Values, BadColor, false}};
        addBaselines(R, S.S.Metric, locLabel(S.Loc), Lines);
        std::string Title = "growing: " + locLabel(S.Loc) + " (" + S.S.Metric + ")";
        H += "<div class=\"charts\">\n" +
             chart(Lines, metricLabel(S.S.Metric), isBytes(S.S.Metric), Title, false) +
             chart(Lines, metricLabel(S.S.Metric), isBytes(S.S.Metric), Title, true) + "</div>\n";
      }
    }
  }
  H += "</main>\n</body>\n</html>\n";
  return H;
}

} // namespace harness
} // namespace memlint
