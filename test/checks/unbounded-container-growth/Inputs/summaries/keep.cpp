#include "registry.h"
static void note_size(std::deque<int> &q) { (void)q.size(); }
static void look(std::deque<int> &q) { note_size(q); }
void keep(std::deque<int> &q) { look(q); }
