#include "inbox.h"
void Journal::write(const std::string &line) { entries_.push_back(line); }
unsigned Journal::size() const { return entries_.size(); }
void Board::pin(int p) { pins.push_back(p); }
