// RUN: %check_memlint --real-headers '--checks=-*,memlint-stream-accumulation' %s

// libpqxx 6 against the real Debian headers.
#include <pqxx/pqxx>

#include <string>
#include <tuple>
#include <vector>

// Positive: a COPY stream appended row by row to a vector that outlives it.
std::vector<std::tuple<int, std::string>> all_users(pqxx::work &tx) {
  std::vector<std::tuple<int, std::string>> users;
  pqxx::stream_from stream(tx, "users", std::vector<std::string>{"id", "name"});
  std::tuple<int, std::string> row;
  while (stream >> row)
    users.push_back(row);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'users' is appended to on every iteration of a loop that streams 'pqxx::stream_from::operator>>'{{.*}} [memlint-stream-accumulation]
  stream.complete();
  return users;
}

// Near miss: the stream is aggregated.
long long total_age(pqxx::work &tx) {
  pqxx::stream_from stream(tx, "users", std::vector<std::string>{"age"});
  std::tuple<long long> row;
  long long total = 0;
  while (stream >> row) total += std::get<0>(row);
  stream.complete();
  return total;
}
