//===- Options.cpp - one option table for every memlint subcommand --------===//
#include "Options.h"

#include "Commands.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cassert>
#include <limits>

namespace memlint {
namespace cli {

namespace {

constexpr size_t HelpColumn = 26; // where option help starts in --help
constexpr size_t Width = 79;

/// Appends \p Text to \p OS wrapped at Width, every line indented by
/// \p Indent; the first line continues at column \p Col.
void wrap(llvm::raw_ostream &OS, llvm::StringRef Text, size_t Indent,
          size_t Col) {
  llvm::SmallVector<llvm::StringRef, 32> Words;
  Text.split(Words, ' ', -1, /*KeepEmpty=*/false);
  bool First = true;
  for (llvm::StringRef W : Words) {
    if (!First && Col + 1 + W.size() > Width) {
      OS << "\n";
      OS.indent(Indent);
      Col = Indent;
      First = true;
    }
    if (!First) {
      OS << ' ';
      ++Col;
    }
    OS << W;
    Col += W.size();
    First = false;
  }
  OS << "\n";
}

std::string joinChoices(llvm::ArrayRef<std::string> Choices) {
  std::string S;
  for (size_t I = 0; I < Choices.size(); ++I) {
    if (I)
      S += I + 1 == Choices.size() ? " or " : ", ";
    S += "'" + Choices[I] + "'";
  }
  return S;
}

} // namespace

Option &Option::defaultValue(llvm::StringRef V) {
  Default = V.str();
  std::string Error = Set(V);
  (void)Error;
  assert(Error.empty() && "an option's default must be a valid value");
  return *this;
}

Option &Option::defaultText(llvm::StringRef Text) {
  Default = Text.str();
  return *this;
}

Option &Option::hidden() {
  Hidden = true;
  return *this;
}

std::string Option::spelling() const {
  std::string S = Short;
  if (!Short.empty() && !Long.empty())
    S += ", ";
  S += Long;
  if (takesValue())
    S += (Long.empty() ? " " : "=") + Meta;
  return S;
}

OptionTable::OptionTable(std::string Command, std::vector<std::string> Synopsis,
                         std::string Summary)
    : Command(std::move(Command)), Synopsis(std::move(Synopsis)),
      Summary(std::move(Summary)) {}

Option &OptionTable::add(llvm::StringRef Names, llvm::StringRef Meta,
                         llvm::StringRef Help,
                         std::function<std::string(llvm::StringRef)> Set) {
  Option O;
  llvm::SmallVector<llvm::StringRef, 2> Parts;
  Names.split(Parts, ',');
  for (llvm::StringRef P : Parts) {
    P = P.trim();
    assert(P.starts_with("-") && "option names start with '-'");
    (P.starts_with("--") ? O.Long : O.Short) = P.str();
  }
  assert(!find(O.name()) && "option declared twice");
  O.Meta = Meta.str();
  O.Help = Help.str();
  O.Set = std::move(Set);
  Options.push_back(std::move(O));
  return Options.back();
}

Option &OptionTable::flag(llvm::StringRef Names, llvm::StringRef Help,
                          bool &Out) {
  return add(Names, "", Help, [&Out](llvm::StringRef) {
    Out = true;
    return std::string();
  });
}

Option &OptionTable::string(llvm::StringRef Names, llvm::StringRef Meta,
                            llvm::StringRef Help, std::string &Out,
                            bool AllowEmpty) {
  Option &O = add(Names, Meta, Help, nullptr);
  std::string Name = O.name().str(), M = Meta.str();
  O.Set = [&Out, AllowEmpty, Name, M](llvm::StringRef V) {
    if (V.empty() && !AllowEmpty)
      return Name + " needs a value (" + M + ")";
    Out = V.str();
    return std::string();
  };
  return O;
}

Option &OptionTable::string(llvm::StringRef Names, llvm::StringRef Meta,
                            llvm::StringRef Help,
                            std::optional<std::string> &Out) {
  return add(Names, Meta, Help, [&Out](llvm::StringRef V) {
    Out = V.str();
    return std::string();
  });
}

Option &OptionTable::list(llvm::StringRef Names, llvm::StringRef Meta,
                          llvm::StringRef Help, std::vector<std::string> &Out) {
  return add(Names, Meta, Help, [&Out](llvm::StringRef V) {
    Out.push_back(V.str());
    return std::string();
  });
}

template <typename T>
static std::function<std::string(llvm::StringRef)>
numberSetter(std::string Name, T &Out, T Min, T Max) {
  return [&Out, Name, Min, Max](llvm::StringRef V) {
    T N;
    if (V.getAsInteger(10, N) || N < Min || N > Max) {
      bool NoMax = Max == std::numeric_limits<T>::max();
      std::string Range =
          NoMax && Min == 0   ? std::string("a number")
          : NoMax && Min == 1 ? std::string("a positive number")
          : NoMax ? "a number of at least " + std::to_string(Min)
                  : "a number from " + std::to_string(Min) + " to " +
                        std::to_string(Max);
      return Name + " needs " + Range + " (got '" + V.str() + "')";
    }
    Out = N;
    return std::string();
  };
}

Option &OptionTable::number(llvm::StringRef Names, llvm::StringRef Meta,
                            llvm::StringRef Help, unsigned &Out, unsigned Min,
                            unsigned Max) {
  Option &O = add(Names, Meta, Help, nullptr);
  O.Set = numberSetter<unsigned>(O.name().str(), Out, Min, Max);
  return O;
}

Option &OptionTable::number(llvm::StringRef Names, llvm::StringRef Meta,
                            llvm::StringRef Help, uint64_t &Out, uint64_t Min,
                            uint64_t Max) {
  Option &O = add(Names, Meta, Help, nullptr);
  O.Set = numberSetter<uint64_t>(O.name().str(), Out, Min, Max);
  return O;
}

Option &OptionTable::choice(llvm::StringRef Names, llvm::StringRef Meta,
                            llvm::StringRef Help, std::string &Out,
                            std::vector<std::string> Choices) {
  Option &O = add(Names, Meta, Help, nullptr);
  O.Choices = Choices;
  std::string Name = O.name().str();
  O.Set = [&Out, Name, Choices](llvm::StringRef V) {
    if (!llvm::is_contained(Choices, V))
      return Name + " must be " + joinChoices(Choices) + " (got '" + V.str() +
             "')";
    Out = V.str();
    return std::string();
  };
  return O;
}

Option &OptionTable::custom(llvm::StringRef Names, llvm::StringRef Meta,
                            llvm::StringRef Help,
                            std::function<std::string(llvm::StringRef)> Set) {
  return add(Names, Meta, Help, std::move(Set));
}

const Option *OptionTable::find(llvm::StringRef Name) const {
  for (const Option &O : Options)
    if ((!O.Long.empty() && O.Long == Name) ||
        (!O.Short.empty() && O.Short == Name))
      return &O;
  return nullptr;
}

int OptionTable::usageError(llvm::StringRef Message) const {
  llvm::errs() << "memlint: error: " << Message << "\n"
               << "run 'memlint " << Command << " --help' for usage\n";
  return ExitUsage;
}

std::string closest(llvm::StringRef Word,
                    llvm::ArrayRef<std::string> Candidates) {
  unsigned Max = std::max<unsigned>(1, (Word.size() + 2) / 3);
  std::string Best;
  unsigned BestDistance = Max + 1;
  for (const std::string &C : Candidates) {
    unsigned D = Word.edit_distance(C, /*AllowReplacements=*/true, Max);
    if (D < BestDistance) {
      BestDistance = D;
      Best = C;
    }
  }
  return Best;
}

std::string OptionTable::suggest(llvm::StringRef Arg) const {
  auto [Name, Value] = Arg.split('=');
  bool HasValue = Arg.contains('=');
  // clang-tidy's single-dash long form: -checksfoo reads as --checksfoo.
  std::string Long = Name.str();
  if (!Name.starts_with("--") && Name.size() > 2)
    Long = "-" + Long;
  // A value glued to a long name: --jobs2, --checks-*.
  const Option *Prefix = nullptr;
  for (const Option &O : Options)
    if (O.takesValue() && !O.Long.empty() &&
        llvm::StringRef(Long).starts_with(O.Long) &&
        (!Prefix || O.Long.size() > Prefix->Long.size()))
      Prefix = &O;
  if (Prefix && !HasValue)
    return Prefix->Long + "=" + Long.substr(Prefix->Long.size());
  std::vector<std::string> Names{"--help"};
  for (const Option &O : Options)
    if (!O.Long.empty() && !O.Hidden)
      Names.push_back(O.Long);
  std::string Best = closest(Long, Names);
  if (Best.empty())
    return "";
  const Option *O = find(Best);
  if (HasValue && O && O->takesValue())
    return Best + "=" + Value.str();
  return Best;
}

std::optional<int> OptionTable::parse(llvm::ArrayRef<std::string> Args,
                                      ParsedArgs &Out) {
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A == "--") {
      Out.DashDash = true;
      Out.AfterDashDash.assign(Args.begin() + I + 1, Args.end());
      break;
    }
    if (A == "-" || !A.starts_with("-")) {
      Out.Positionals.push_back(A.str());
      continue;
    }
    if (A == "--help" || A == "-h" || A == "-help") {
      printHelp(llvm::outs());
      return ExitClean;
    }
    const Option *O = nullptr;
    std::optional<llvm::StringRef> Inline;
    auto [Name, Value] = A.split('=');
    if (A.starts_with("--")) {
      O = find(Name);
      if (A.contains('='))
        Inline = Value;
    } else {
      // -checks=... (clang-tidy's spelling of a long option), else -j4,
      // -j 4, -o file, -p=dir.
      if (Name.size() > 2)
        O = find(("-" + Name).str());
      if (O) {
        if (A.contains('='))
          Inline = Value;
      } else if ((O = find(A.take_front(2))) && A.size() > 2) {
        if (!O->takesValue())
          O = nullptr; // -hx: no such flag
        else {
          llvm::StringRef Glued = A.drop_front(2);
          Glued.consume_front("=");
          Inline = Glued;
        }
      }
    }
    if (!O) {
      std::string Message = "unknown option '" + A.str() + "'";
      std::string S = suggest(A);
      if (!S.empty())
        Message += "; did you mean '" + S + "'?";
      return usageError(Message);
    }
    std::string V;
    if (!O->takesValue()) {
      if (Inline)
        return usageError(O->name().str() + " takes no value (got '" +
                          A.str() + "')");
    } else if (Inline) {
      V = Inline->str();
    } else {
      if (I + 1 >= Args.size())
        return usageError(O->name().str() + " needs a value (" + O->Meta +
                          ")");
      V = Args[++I];
    }
    std::string Error = O->Set(V);
    if (!Error.empty())
      return usageError(Error);
  }
  return std::nullopt;
}

void OptionTable::printHelp(llvm::raw_ostream &OS) const {
  for (size_t I = 0; I < Synopsis.size(); ++I)
    OS << (I ? "       memlint " : "usage: memlint ") << Command
       << (Synopsis[I].empty() ? "" : " ") << Synopsis[I] << "\n";
  if (!Description.empty()) {
    OS << "\n";
    wrap(OS, Description, 0, 0);
  }
  OS << "\noptions:\n";
  auto Entry = [&](llvm::StringRef Spelling, const std::string &Help) {
    OS << "  " << Spelling;
    size_t Col = 2 + Spelling.size();
    if (Col + 2 > HelpColumn) {
      OS << "\n";
      Col = 0;
    }
    OS.indent(HelpColumn - Col);
    wrap(OS, Help, HelpColumn, HelpColumn);
  };
  for (const Option &O : Options) {
    if (O.Hidden)
      continue;
    std::string Help = O.Help;
    if (!O.Default.empty())
      Help += " (default: " + O.Default + ")";
    Entry(O.spelling(), Help);
  }
  Entry("-h, --help", "print this help and exit");
  for (const std::string &N : Notes) {
    OS << "\n";
    wrap(OS, N, 0, 0);
  }
}

std::string roffEscape(llvm::StringRef Text) {
  std::string S;
  for (char C : Text) {
    if (C == '\\')
      S += "\\e";
    else if (C == '-')
      S += "\\-";
    else
      S += C;
  }
  // A line that starts with '.' or '\'' would be a request.
  if (!S.empty() && (S[0] == '.' || S[0] == '\''))
    S = "\\&" + S;
  return S;
}

void OptionTable::printMan(llvm::raw_ostream &OS) const {
  OS << ".SS \"memlint " << roffEscape(Command) << " \\- "
     << roffEscape(Summary) << "\"\n";
  OS << ".nf\n";
  for (const std::string &S : Synopsis)
    OS << "\\fBmemlint " << roffEscape(Command) << "\\fR " << roffEscape(S)
       << "\n";
  OS << ".fi\n";
  if (!Description.empty())
    OS << ".PP\n" << roffEscape(Description) << "\n";
  for (const Option &O : Options) {
    if (O.Hidden)
      continue;
    OS << ".TP\n";
    if (!O.Short.empty()) {
      OS << "\\fB" << roffEscape(O.Short) << "\\fR";
      if (!O.Long.empty())
        OS << ", ";
      else if (O.takesValue())
        OS << " \\fI" << roffEscape(O.Meta) << "\\fR";
    }
    if (!O.Long.empty()) {
      OS << "\\fB" << roffEscape(O.Long) << "\\fR";
      if (O.takesValue())
        OS << "=\\fI" << roffEscape(O.Meta) << "\\fR";
    }
    OS << "\n" << roffEscape(O.Help);
    if (!O.Default.empty())
      OS << " (default: " << roffEscape(O.Default) << ")";
    OS << "\n";
  }
  for (const std::string &N : Notes)
    OS << ".PP\n" << roffEscape(N) << "\n";
}

} // namespace cli
} // namespace memlint
