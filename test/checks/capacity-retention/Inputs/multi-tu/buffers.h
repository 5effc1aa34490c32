#pragma once
#include <string>
#include <vector>

// Shrinks v to its size; defined in memory.cpp.
void release_capacity(std::vector<char> &v);

// Filled in fill.cpp, emptied in reset.cpp and released by
// release_capacity (memory.cpp): only a run that sees memory.cpp can tell.
class Encoder {
public:
  void encode(const std::string &s);
  void reset();

private:
  std::vector<char> out_;
};

// Filled in fill.cpp, emptied in reset.cpp, never released: only a run
// that sees both files knows it is filled at all.
class Tokenizer {
public:
  void tokenize(const std::string &s);
  void reset();

private:
  std::vector<std::string> tokens_;
};

// Every member function is defined in assembler.cpp: that file alone is a
// closed world for pending_.
class Assembler {
public:
  void feed(const char *p, int n);
  void frame_done();

private:
  std::vector<char> pending_;
};

// Public: any file including this header may release it.
struct Packet {
  std::vector<char> bytes;
  void add(char c);
  void done();
};
