// leveldb's InternalKey (db/dbformat.h): the CLI reported its capacity
// retention at SetFrom's clear, the plugin (on dbformat.cc, which cannot see
// PutFixed in coding.cc) at Clear()'s.
#include <string>

struct Parsed {
  int Seq;
};
void AppendKey(std::string *Result, const Parsed &P);

class Key {
  std::string rep_;

public:
  Key() {}
  bool DecodeFrom(const std::string &S) {
    rep_.assign(S.data(), S.size());
    return !rep_.empty();
  }
  void SetFrom(const Parsed &P) {
    rep_.clear(); // SETFROM
    AppendKey(&rep_, P);
  }
  void Clear() { rep_.clear(); } // CLEAR
};
