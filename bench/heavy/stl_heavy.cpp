// A heavy translation unit: most of the standard library, and templates
// instantiated over many types.
#include <algorithm>
#include <any>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iomanip>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <queue>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

template <typename K, typename V> struct Index {
  std::map<K, std::vector<V>> ByKey;
  std::unordered_map<K, std::set<V>> Unique;
  void add(const K &Key, const V &Value) {
    ByKey[Key].push_back(Value);
    Unique[Key].insert(Value);
  }
  std::size_t count(const K &Key) const {
    auto It = ByKey.find(Key);
    return It == ByKey.end() ? 0 : It->second.size();
  }
};

using Value = std::variant<int, double, std::string, std::vector<int>>;

template <typename T> std::string describe(const T &V) {
  std::ostringstream OS;
  OS << std::setw(8) << V;
  return OS.str();
}

int main(int argc, char **argv) {
  Index<std::string, int> A;
  Index<int, std::string> B;
  Index<std::string, double> C;
  std::mt19937 Rng(42);
  std::uniform_int_distribution<int> D(0, 100);
  for (int I = 0; I < argc * 100; ++I) {
    A.add(std::to_string(D(Rng)), I);
    B.add(D(Rng), describe(I));
    C.add(argv[0], I * 0.5);
  }
  std::vector<Value> Values{1, 2.0, std::string("x"), std::vector<int>{1, 2}};
  std::size_t Strings = std::count_if(Values.begin(), Values.end(), [](const Value &V) {
    return std::holds_alternative<std::string>(V);
  });
  std::regex R("[a-z]+([0-9]*)");
  std::smatch M;
  std::string S = "abc123";
  bool Matched = std::regex_match(S, M, R);
  auto F = std::async(std::launch::async, [&] { return A.count("7") + B.count(3); });
  std::filesystem::path P = std::filesystem::temp_directory_path() / "memlint";
  std::priority_queue<std::pair<int, std::string>> Q;
  Q.push({1, P.string()});
  std::cout << Strings << Matched << F.get() << Q.top().second << "\n";
}
