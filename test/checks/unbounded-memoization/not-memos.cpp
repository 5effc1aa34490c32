// RUN: %check_memlint '--checks=-*,memlint-unbounded-memoization' %s

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

long compute(int n);
std::string fetch(const std::string &key);

// Near misses: look like memo caches, but do not grow with the input for
// the life of the process.

// OK: a function-local DP table dies with the call.
long count_paths(int n) {
  std::map<int, long> dp;
  for (int i = 0; i < n; ++i) {
    auto it = dp.find(i - 1);
    dp[i] = it == dp.end() ? 1 : it->second * 2;
  }
  return dp[n - 1];
}

// OK: a local memo passed down a recursion.
long ways(int n, std::unordered_map<int, long> &memo) {
  auto it = memo.find(n);
  if (it != memo.end())
    return it->second;
  long v = n < 2 ? 1 : ways(n - 1, memo) + ways(n - 2, memo);
  memo.emplace(n, v);
  return v;
}
long total_ways(int n) {
  std::unordered_map<int, long> memo;
  return ways(n, memo);
}

// OK: a lookup table filled once by the constructor.
class Squares {
public:
  Squares() {
    for (int i = 0; i < 256; ++i)
      table_[i] = i * i;
  }
  int get(int i) const {
    auto it = table_.find(i);
    return it == table_.end() ? -1 : it->second;
  }

private:
  std::map<int, int> table_;
};
Squares g_squares;

// OK: a static table filled once, in a loop with a constant trip count.
int cube(int i) {
  static std::map<int, int> table;
  if (table.empty())
    for (int j = 0; j < 64; ++j)
      table[j] = j * j * j;
  auto it = table.find(i);
  return it == table.end() ? -1 : it->second;
}

// OK: a precomputed table loaded from data, looked up elsewhere.
struct Row {
  std::string code;
  std::string name;
};
class Currencies {
public:
  void load(const std::vector<Row> &rows) {
    for (const Row &r : rows)
      names_[r.code] = r.name;
  }
  std::string name(const std::string &code) const {
    auto it = names_.find(code);
    return it == names_.end() ? std::string() : it->second;
  }

private:
  std::unordered_map<std::string, std::string> names_;
};
Currencies g_currencies;

// OK: a single-entry memo (the last input only).
class LastResult {
public:
  long get(int k) {
    if (last_key_ && *last_key_ == k)
      return last_value_;
    last_key_ = k;
    last_value_ = compute(k);
    return last_value_;
  }

private:
  std::optional<int> last_key_;
  long last_value_ = 0;
};
LastResult g_last;

// OK: every instance is a local of an ordinary function.
class RequestMemo {
public:
  std::string get(const std::string &k) {
    auto it = memo_.find(k);
    if (it != memo_.end())
      return it->second;
    return memo_[k] = fetch(k);
  }

private:
  std::map<std::string, std::string> memo_;
};
std::string handle_request(const std::vector<std::string> &keys) {
  RequestMemo memo;
  std::string out;
  for (const std::string &k : keys)
    out += memo.get(k);
  return out;
}

// OK: handed to code memlint cannot see, which may evict.
void register_cache(std::map<int, long> &cache);
class Registered {
public:
  Registered() { register_cache(memo_); }
  long get(int k) {
    auto it = memo_.find(k);
    if (it != memo_.end())
      return it->second;
    return memo_[k] = compute(k);
  }

private:
  std::map<int, long> memo_;
};
Registered g_registered;

// OK: grown without being looked up first (unbounded-container-growth's
// concern, not a memo cache).
class Audit {
public:
  void record(int user, const std::string &what) { log_[user] = what; }
  bool has(int user) const { return log_.count(user) != 0; }

private:
  std::map<int, std::string> log_;
};
Audit g_audit;

// OK: a key made a known one when it is absent (`code = 500`): the
// operator[] after it reads an entry that is there, or adds that one
// constant once (crow's status line table).
int next_status();
std::map<int, std::string> g_status_text;
std::string status_line(int code) {
  if (!g_status_text.count(code))
    code = 500;
  return g_status_text[code];
}

// The same with the absent key replaced by another input: every distinct
// one is added.
std::map<int, std::string> g_status_or_next;
std::string status_line_or_next(int code) {
  if (!g_status_or_next.count(code))
    code = next_status();
  return g_status_or_next[code];
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: memo cache 'g_status_or_next' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
}
