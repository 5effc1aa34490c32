#pragma once
#include <string>
#include <vector>

// Grown in inbox_add.cpp, trimmed in inbox_trim.cpp: bounded, but only a
// run that sees both files can tell.
class Inbox {
public:
  void add(const std::string &m);
  void trim();

private:
  std::vector<std::string> messages_;
};

// Every member function is defined in journal.cpp: that file alone is a
// closed world for entries_.
class Journal {
public:
  void write(const std::string &line);
  unsigned size() const;

private:
  std::vector<std::string> entries_;
};

// Public: any file including this header may shrink it.
struct Board {
  std::vector<int> pins;
  void pin(int p);
};
