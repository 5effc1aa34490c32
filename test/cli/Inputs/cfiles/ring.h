/* C only: 'new' and 'class' are C++ keywords. */
#ifndef RING_H
#define RING_H
#include <stddef.h>
struct ring {
  int *data;
  size_t new, class;
};
struct ring *ring_make(size_t n);
#endif
