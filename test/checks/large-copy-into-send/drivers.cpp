// RUN: %check_memlint '--checks=-*,memlint-large-copy-into-send' %s
// RUN: %check_memlint '--checks=-*,memlint-large-copy-into-send' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// What runs the function decides the confidence: copies made once while
// the program starts its workers are low (shown with --min-confidence=low);
// the same copy per request keeps its confidence, with a note saying what
// runs it. A loop that starts one thread per iteration is part of the
// finding: only a loop around it repeats it.

#include <string>
#include <thread>
#include <vector>

struct Row {
  long id;
  std::string name;
};
void process(const std::vector<Row> &rows);
bool next_request(std::vector<Row> &rows);

//===-- setup --------------------------------------------------------------===//

void start_worker(const std::vector<Row> &rows) {
  std::thread t(process, rows);
  // LOW: :[[@LINE-1]]:15: warning: 'rows' (a 'std::vector<Row>') is copied whole into the thread [memlint-large-copy-into-send]
  // LOW: :[[@LINE-3]]:43: note: 'rows' declared here
  // LOW: :[[@LINE-3]]:15: note: it runs only during setup: 'start_worker' runs only from 'main' outside its loops
  // LOW: :[[@LINE-4]]:15: note: it is copied by 'std::thread::thread'{{.*}}
  t.detach();
}

void start_pool(const std::vector<Row> &rows, int n) {
  std::vector<std::thread> pool;
  for (int i = 0; i < n; ++i)
    pool.emplace_back(process, rows);
  // LOW: :[[@LINE-1]]:5: warning: 'rows' (a 'std::vector<Row>') is copied whole into every thread this loop starts (one copy per iteration) [memlint-large-copy-into-send]
  // LOW: :[[@LINE-2]]:5: note: it runs only during setup: 'start_pool' runs only from 'main' outside its loops
  for (std::thread &t : pool)
    t.detach();
}

//===-- steady state -------------------------------------------------------===//

void on_request(const std::vector<Row> &rows) {
  std::thread t(process, rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'rows' (a 'std::vector<Row>') is copied whole into the thread [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-3]]:41: note: 'rows' declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: it runs once per call of 'on_request' (reached from a loop in 'main')
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: it is copied by 'std::thread::thread'{{.*}}
  // LOW: :[[@LINE-5]]:15: warning: 'rows' (a 'std::vector<Row>') is copied whole into the thread [memlint-large-copy-into-send]
  t.detach();
}

int main(int argc, char **) {
  std::vector<Row> table{{1, "a"}};
  start_worker(table);
  start_pool(table, argc);
  for (std::vector<Row> rows; next_request(rows);)
    on_request(rows);
}
