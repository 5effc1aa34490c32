#include "buffers.h"
void Encoder::encode(const std::string &s) { out_.insert(out_.end(), s.begin(), s.end()); }
void Tokenizer::tokenize(const std::string &s) { tokens_.push_back(s); }
