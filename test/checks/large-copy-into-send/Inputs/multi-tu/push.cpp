#include "channel.h"
void BatchChannel::push(const Batch &b) { enqueue(b); }
