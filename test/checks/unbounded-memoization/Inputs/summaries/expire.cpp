#include "prices.h"
void Rates::expire() { expire_all(); }
void Rates::expire_all() { by_pair_.clear(); }
