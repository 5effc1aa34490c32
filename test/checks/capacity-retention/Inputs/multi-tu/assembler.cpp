#include "buffers.h"
void Assembler::feed(const char *p, int n) { pending_.insert(pending_.end(), p, p + n); }
void Assembler::frame_done() { pending_.clear(); }
void Packet::add(char c) { bytes.push_back(c); }
void Packet::done() { bytes.clear(); }
