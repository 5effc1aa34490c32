#pragma once
#include <memory>

// A cycle in a header that every file includes: reported once.
struct Job;
struct Worker {
  std::shared_ptr<Job> job;
};
struct Job {
  std::shared_ptr<Worker> worker;
};
