#include "key.h"

void PutFixed(std::string *Dst, int V); // coding.cc

void AppendKey(std::string *Result, const Parsed &P) {
  Result->append("k");
  PutFixed(Result, P.Seq);
}
