#include "ring.h"
#include <stdlib.h>

struct ring *ring_make(size_t n) {
  struct ring *r = malloc(sizeof *r); /* void * converts implicitly in C */
  if (!r)
    return NULL;
  r->data = calloc(n, sizeof *r->data);
  r->new = 0;
  r->class = n;
  return r;
}
