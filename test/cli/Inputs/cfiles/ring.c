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

/* A C struct's fields are resolved like C++ members (this crashed once). */
size_t *ring_capacity(struct ring *r) { return &r->class; }
void ring_touch(struct ring *r) {
  size_t *n = &r->new;
  *n += 1;
}
