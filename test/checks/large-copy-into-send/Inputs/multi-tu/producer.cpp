#include "channel.h"
void produce(Sink &sink, Counter &counter) {
  Batch a = read_batch();
  g_channel.push(a);
  Batch b = read_batch();
  g_journal.append(b);
  Batch c = read_batch();
  sink.put(c);
  Batch d = read_batch();
  counter.count(d);
  Batch e = read_batch();
  g_channel.push(e);
  counter.count(e);
}
Sink *make_sink() { return new QueueSink; }
