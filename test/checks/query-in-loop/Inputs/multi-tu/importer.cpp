#include "repo.h"
void Importer::on_row(std::function<void(int)> f) { on_row_ = std::move(f); }
void Importer::run(const std::vector<int> &ids) {
  for (int id : ids) on_row_(id);
}
