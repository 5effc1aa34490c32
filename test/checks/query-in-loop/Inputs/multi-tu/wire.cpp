#include "repo.h"
void wire(Importer &imp) {
  imp.on_row([](int id) { load(id); });
}
