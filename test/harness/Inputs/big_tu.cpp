// A large translation unit for tracker-clang.test: the whole C++ standard
// library, some instantiations, and one deliberate error so the compiler's
// diagnostics can be compared with and without the tracker.
#include <bits/stdc++.h>

template <typename K, typename V>
std::map<K, std::vector<V>> group(const std::vector<std::pair<K, V>>& items) {
  std::map<K, std::vector<V>> out;
  for (const auto& [k, v] : items)
    out[k].push_back(v);
  return out;
}

int use() {
  std::vector<std::pair<std::string, int>> items{{"a", 1}, {"b", 2}};
  auto g = group(items);
  std::unordered_map<std::string, std::set<double>> u;
  std::regex r("[a-z]+");
  std::ostringstream os;
  os << g.size() << u.size() << std::regex_match("abc", r);
  return static_cast<int>(os.str().size());
}

int broken() { return undeclared_identifier; }
