#include "channel.h"
void BatchChannel::store(const Batch &b) { q_.push_back(b); }
