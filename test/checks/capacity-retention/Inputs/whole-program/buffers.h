#include <string>
#include <vector>

// A command's parameters; reset() exists, but nothing in the program
// calls it.
class Command {
public:
  void add_params(const std::vector<std::string> &in);
  void reset();

private:
  std::vector<std::string> params_;
};

// Emptied by the program's main loop after every burst.
class Stream {
public:
  void feed(const std::vector<std::string> &in);
  void flush();

private:
  std::vector<std::string> lines_;
};

// Used through a pointer the program gets from outside: no instance of it
// is created anywhere in the program.
class Borrowed {
public:
  void feed(const std::vector<std::string> &in);
  void flush();

private:
  std::vector<std::string> lines_;
};
Borrowed *borrowed();
