#include <string>

void PutFixed(std::string *Dst, int V) { Dst->append(4, char(V)); }
