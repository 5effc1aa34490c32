#include "buffers.h"
void Encoder::reset() {
  out_.clear();
  release_capacity(out_);
}
void Tokenizer::reset() { tokens_.clear(); }
