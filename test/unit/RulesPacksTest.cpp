//===- RulesPacksTest.cpp - The shipped packs load and say what they should ===//
//
// Every pack in rules/packs loads with zero errors, alone and together, and
// a sample of entries per pack carries the effects and arguments the checks
// rely on.
//
//===----------------------------------------------------------------------===//
#include "memlint/RuleLoader.h"

#include "../../rules/lib/Internal.h"
#include "../../rules/lib/ShippedPacks.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

using namespace memlint;
namespace fs = std::filesystem;

namespace {

std::string packsDir() { return MEMLINT_SOURCE_DIR "/rules/packs"; }

std::vector<std::string> packFiles() {
  std::vector<std::string> Files;
  for (const auto &E : fs::directory_iterator(packsDir()))
    if (E.path().extension() == ".yaml")
      Files.push_back(E.path().string());
  std::sort(Files.begin(), Files.end());
  return Files;
}

std::string errorText(const std::vector<RuleError> &Errors) {
  std::string Out;
  for (const RuleError &E : Errors)
    Out += E.str() + "\n";
  return Out;
}

const RuleSet &all() {
  static const RuleSet R = [] {
    RuleSet R;
    std::vector<RuleError> Errors;
    EXPECT_TRUE(loadDefaultPacks({packsDir()}, R, Errors)) << errorText(Errors);
    return R;
  }();
  return R;
}

TEST(RulesPacks, ExpectedPacksAreShipped) {
  std::vector<std::string> Names;
  for (const std::string &F : packFiles())
    Names.push_back(fs::path(F).stem().string());
  EXPECT_EQ(Names, (std::vector<std::string>{
                       "abseil", "asio", "boost", "iostream", "libpq",
                       "moodycamel", "mysql", "posix", "pqxx", "qt", "sqlite",
                       "std", "threading", "zmq"}));
}

// The loader replays yaml-cpp's parse of a shipped pack recorded at build
// time (rules/lib/ShippedPacks.h): the recording is of the packs in the
// tree, byte for byte, and loads exactly what parsing them loads (the same
// entries from the same lines and columns).
TEST(RulesPacks, RecordedParseIsThatOfTheShippedPacks) {
  size_t N = 0;
  const detail::ShippedPack *Recorded = detail::shippedPacks(N);
  std::vector<std::string> Files = packFiles();
  ASSERT_EQ(N, Files.size());
  for (size_t I = 0; I < N; ++I) {
    const detail::ShippedPack &P = Recorded[I];
    std::ifstream In(packsDir() + "/" + P.Name, std::ios::binary);
    std::string Text((std::istreambuf_iterator<char>(In)),
                     std::istreambuf_iterator<char>());
    ASSERT_EQ(std::string(P.Text, P.Size), Text) << P.Name;
    std::string Events = detail::documentEvents(Text, /*Replay=*/true);
    EXPECT_NE(Events, "") << P.Name;
    EXPECT_EQ(Events, detail::documentEvents(Text, /*Replay=*/false)) << P.Name;
    EXPECT_EQ(detail::documentEvents(Text + " ", /*Replay=*/true), "")
        << P.Name;
    RuleSet Replayed, Parsed;
    std::vector<RuleError> ReplayErrors, ParseErrors;
    EXPECT_TRUE(loadPackText(Text, P.Name, Replayed, ReplayErrors))
        << errorText(ReplayErrors);
    // Other bytes (a comment more at the end): parsed by yaml-cpp.
    EXPECT_TRUE(loadPackText(Text + "\n# not the shipped bytes\n", P.Name,
                             Parsed, ParseErrors))
        << errorText(ParseErrors);
    EXPECT_EQ(dumpConfig(Replayed), dumpConfig(Parsed)) << P.Name;
    EXPECT_EQ(describeRuleSet(Replayed), describeRuleSet(Parsed)) << P.Name;
  }
}

TEST(RulesPacks, EachPackLoadsAloneWithoutErrors) {
  for (const std::string &F : packFiles()) {
    RuleSet R;
    std::vector<RuleError> Errors;
    EXPECT_TRUE(loadPack(F, R, Errors)) << errorText(Errors);
    EXPECT_TRUE(Errors.empty()) << F;
    EXPECT_GT(R.entryCount(), 0u) << F;
    // Convention: `pack:` is the file's stem and every id starts with it.
    std::string Stem = fs::path(F).stem().string();
    ASSERT_EQ(R.LoadedPacks.size(), 1u);
    EXPECT_EQ(R.LoadedPacks[0].Name, Stem);
    EXPECT_FALSE(R.LoadedPacks[0].Description.empty()) << F;
    auto CheckIds = [&](const auto &Entries) {
      for (const auto &E : Entries)
        EXPECT_EQ(E.Id.rfind(Stem + ".", 0), 0u) << F << ": " << E.Id;
    };
    CheckIds(R.Containers);
    CheckIds(R.ContainerFunctions);
    CheckIds(R.StreamSources);
    CheckIds(R.WholeLoads);
    CheckIds(R.Sends);
    CheckIds(R.Queries);
    CheckIds(R.BoundedTypes);
    CheckIds(R.Backpressure);
    CheckIds(R.Forks);
    CheckIds(R.TestAndSet);
    CheckIds(R.Pure);
    CheckIds(R.Callables);
    CheckIds(R.TypeErased);
  }
}

TEST(RulesPacks, AllPacksLoadTogether) {
  const RuleSet &R = all();
  EXPECT_EQ(R.Packs.size(), packFiles().size());
  EXPECT_GT(R.entryCount(), 100u);
}

ContainerEffect effect(const std::string &Type, const std::string &Method) {
  const ContainerModel *C = all().findContainer(Type);
  EXPECT_NE(C, nullptr) << Type;
  if (!C)
    return ContainerEffect::Read;
  auto It = C->Methods.find(Method);
  EXPECT_NE(It, C->Methods.end()) << Type << "::" << Method;
  return It == C->Methods.end() ? ContainerEffect::Read : It->second;
}

TEST(RulesPacks, StdContainers) {
  for (const char *T :
       {"std::vector", "std::deque", "std::list", "std::forward_list",
        "std::map", "std::multimap", "std::unordered_map",
        "std::unordered_multimap", "std::set", "std::multiset",
        "std::unordered_set", "std::unordered_multiset", "std::basic_string",
        "std::queue", "std::stack", "std::priority_queue"})
    EXPECT_NE(all().findContainer(T), nullptr) << T;
  EXPECT_EQ(all().findContainer("std::array"), nullptr);
  EXPECT_NE(findFirst(all().BoundedTypes, "std::array"), nullptr);

  for (const ContainerModel &C : all().Containers) {
    bool IsContiguous = C.Id == "std.container.vector" ||
                        C.Id == "std.container.basic_string";
    if (C.Id.rfind("std.", 0) == 0)
      EXPECT_EQ(C.Contiguous, IsContiguous) << C.Id;
  }
  for (const char *T : {"std::map", "std::unordered_multimap", "std::set",
                        "std::unordered_multiset"}) {
    const ContainerModel *C = all().findContainer(T);
    EXPECT_TRUE(C->Associative) << T;
    EXPECT_EQ(C->KeyArg, 0) << T;
  }
  EXPECT_EQ(effect("std::vector", "push_back"), ContainerEffect::Grow);
  EXPECT_EQ(effect("std::vector", "operator[]"), ContainerEffect::Index);
  EXPECT_EQ(effect("std::vector", "at"), ContainerEffect::Index);
  EXPECT_EQ(effect("std::vector", "shrink_to_fit"), ContainerEffect::Release);
  EXPECT_EQ(effect("std::vector", "reserve"), ContainerEffect::Reserve);
  EXPECT_EQ(effect("std::vector", "clear"), ContainerEffect::Clear);
  EXPECT_EQ(effect("std::vector", "swap"), ContainerEffect::Assign);
  EXPECT_EQ(effect("std::map", "operator[]"), ContainerEffect::Grow);
  EXPECT_EQ(effect("std::unordered_map", "find"), ContainerEffect::Lookup);
  EXPECT_EQ(effect("std::list", "sort"), ContainerEffect::Sort);
  EXPECT_EQ(effect("std::forward_list", "sort"), ContainerEffect::Sort);
  EXPECT_EQ(effect("std::unordered_map", "try_emplace"), ContainerEffect::Grow);
  EXPECT_EQ(effect("std::set", "extract"), ContainerEffect::Erase);
  EXPECT_EQ(effect("std::deque", "pop_front"), ContainerEffect::Pop);
  EXPECT_EQ(effect("std::queue", "push"), ContainerEffect::Grow);
  EXPECT_EQ(effect("std::queue", "pop"), ContainerEffect::Pop);
  // A stack's pop takes what was pushed last: no queue consumer.
  EXPECT_EQ(effect("std::stack", "pop"), ContainerEffect::PopLast);
  EXPECT_EQ(effect("std::vector", "pop_back"), ContainerEffect::PopLast);
  EXPECT_EQ(effect("std::deque", "pop_front"), ContainerEffect::Pop);
  EXPECT_EQ(effect("std::basic_string", "operator+="), ContainerEffect::Grow);
  EXPECT_EQ(effect("std::basic_string", "length"), ContainerEffect::Size);
  EXPECT_EQ(effect("std::basic_string", "find"), ContainerEffect::Read);
  EXPECT_EQ(effect("std::list", "splice"), ContainerEffect::Grow);
  EXPECT_EQ(effect("std::forward_list", "erase_after"), ContainerEffect::Erase);

  struct Fn {
    const char *Name;
    ContainerEffect Effect;
    std::vector<unsigned> Args;
    bool Iterators = false;
  } Fns[] = {{"std::erase", ContainerEffect::Erase, {0}},
             {"std::erase_if", ContainerEffect::Erase, {0}},
             {"std::swap", ContainerEffect::Assign, {0, 1}},
             {"std::move", ContainerEffect::Consume, {0}},
             {"std::exchange", ContainerEffect::Consume, {0}},
             {"std::back_inserter", ContainerEffect::Grow, {0}},
             {"std::front_inserter", ContainerEffect::Grow, {0}},
             {"std::inserter", ContainerEffect::Grow, {0}},
             {"std::sort", ContainerEffect::Sort, {0, 1}, true},
             {"std::stable_sort", ContainerEffect::Sort, {0, 1}, true},
             {"std::ranges::__sort_fn::operator()", ContainerEffect::Sort, {0}},
             {"std::ranges::__stable_sort_fn::operator()", ContainerEffect::Sort,
              {0}}};
  for (const Fn &F : Fns) {
    const ContainerFunction *CF = findFirst(all().ContainerFunctions, F.Name);
    ASSERT_NE(CF, nullptr) << F.Name;
    EXPECT_EQ(CF->Effect, F.Effect) << F.Name;
    EXPECT_EQ(CF->Args, F.Args) << F.Name;
    EXPECT_EQ(CF->Iterators, F.Iterators) << F.Name;
  }
  // Only the whole sorts: a partial sort is a top-n (a bounded heap).
  EXPECT_EQ(findFirst(all().ContainerFunctions, "std::partial_sort"), nullptr);
}

// moodycamel's queues: enqueue allocates when the room allocated so far is
// used up (growth); try_enqueue only fills that room and fails when it is
// full, so it is no growth at all (and no backpressure, which would bound
// other containers on the same path).
TEST(RulesPacks, MoodycamelQueues) {
  for (const char *T :
       {"moodycamel::ConcurrentQueue", "moodycamel::BlockingConcurrentQueue",
        "moodycamel::ReaderWriterQueue",
        "moodycamel::BlockingReaderWriterQueue"}) {
    EXPECT_EQ(effect(T, "enqueue"), ContainerEffect::Grow) << T;
    EXPECT_EQ(effect(T, "try_enqueue"), ContainerEffect::Read) << T;
    EXPECT_EQ(effect(T, "try_dequeue"), ContainerEffect::Pop) << T;
    EXPECT_EQ(effect(T, "wait_dequeue"), ContainerEffect::Pop) << T;
    EXPECT_EQ(effect(T, "size_approx"), ContainerEffect::Size) << T;
    EXPECT_FALSE(all().findContainer(T)->Contiguous) << T;
    EXPECT_EQ(findFirst(all().BoundedTypes, T), nullptr) << T;
  }
  EXPECT_EQ(effect("moodycamel::ConcurrentQueue", "enqueue_bulk"),
            ContainerEffect::Grow);
  EXPECT_EQ(effect("moodycamel::ConcurrentQueue", "try_enqueue_bulk"),
            ContainerEffect::Read);
  EXPECT_EQ(effect("moodycamel::ConcurrentQueue", "try_dequeue_from_producer"),
            ContainerEffect::Pop);
  EXPECT_EQ(effect("moodycamel::BlockingConcurrentQueue", "wait_dequeue_bulk"),
            ContainerEffect::Pop);
  EXPECT_EQ(effect("moodycamel::ReaderWriterQueue", "emplace"),
            ContainerEffect::Grow);
  EXPECT_EQ(effect("moodycamel::ReaderWriterQueue", "try_emplace"),
            ContainerEffect::Read);
  EXPECT_EQ(effect("moodycamel::ReaderWriterQueue", "pop"),
            ContainerEffect::Pop);
  EXPECT_NE(findFirst(all().BoundedTypes,
                      "moodycamel::BlockingReaderWriterCircularBuffer"),
            nullptr);
  for (const char *Name : {"moodycamel::ConcurrentQueue::try_enqueue",
                           "moodycamel::ReaderWriterQueue::try_enqueue"})
    EXPECT_EQ(findFirst(all().Backpressure, Name), nullptr) << Name;
  const ContainerFunction *Swap =
      findFirst(all().ContainerFunctions, "moodycamel::swap");
  ASSERT_NE(Swap, nullptr);
  EXPECT_EQ(Swap->Effect, ContainerEffect::Assign);
  EXPECT_EQ(Swap->Args, (std::vector<unsigned>{0, 1}));
}

TEST(RulesPacks, StreamSources) {
  // Only a query's rows can come sorted (ORDER BY): can_order.
  struct {
    const char *Name, *Form;
    bool CanOrder;
  } Cases[] = {{"std::getline", "call", false},
               {"std::basic_istream::operator>>", "method", false},
               {"std::operator>>", "call", false},
               {"std::basic_istream::read", "method", false},
               {"std::istreambuf_iterator", "iterator-type", false},
               {"std::istream_iterator", "iterator-type", false},
               {"std::filesystem::directory_iterator", "iterator-type", false},
               {"std::filesystem::recursive_directory_iterator",
                "iterator-type", false},
               {"fgets", "call", false},
               {"fread", "call", false},
               {"getline", "call", false},
               {"read", "call", false},
               {"recv", "call", false},
               {"readdir", "call", false},
               {"sqlite3_step", "call", true},
               {"mysql_fetch_row", "call", true},
               {"mysql_stmt_fetch", "call", true},
               {"PQgetResult", "call", true},
               {"PQgetCopyData", "call", true},
               {"pqxx::stream_from", "iterator-type", true},
               {"pqxx::transaction_base::stream", "method", true},
               {"QSqlQuery::next", "method", true},
               {"QDirIterator::hasNext", "method", false},
               {"QIODevice::readLine", "method", false},
               {"zmq::detail::socket_base::recv", "method", false}};
  for (const auto &C : Cases) {
    const StreamSource *S = findFirst(all().StreamSources, C.Name);
    ASSERT_NE(S, nullptr) << C.Name;
    EXPECT_EQ(S->Form, C.Form) << C.Name;
    EXPECT_EQ(S->CanOrder, C.CanOrder) << C.Name;
  }
  EXPECT_EQ(findFirst(all().StreamSources, "readv2"), nullptr);
}

TEST(RulesPacks, WholeLoadsNameTheirAlternative) {
  for (const WholeLoad &L : all().WholeLoads)
    EXPECT_FALSE(L.Alternative.empty()) << L.Id;
  auto Alt = [](const char *Name) {
    const WholeLoad *L = findFirst(all().WholeLoads, Name);
    EXPECT_NE(L, nullptr) << Name;
    return L ? L->Alternative : std::string();
  };
  EXPECT_EQ(Alt("sqlite3_get_table"), "sqlite3_prepare_v2 + sqlite3_step");
  EXPECT_EQ(Alt("mysql_store_result"), "mysql_use_result + mysql_fetch_row");
  EXPECT_NE(Alt("PQexec").find("PQsetSingleRowMode"), std::string::npos);
  EXPECT_NE(Alt("pqxx::transaction_base::exec").find("stream"),
            std::string::npos);
  EXPECT_FALSE(Alt("QIODevice::readAll").empty());
  EXPECT_FALSE(Alt("QFile::readAll").empty());
  EXPECT_FALSE(Alt("std::basic_ifstream::rdbuf").empty());
  EXPECT_EQ(findFirst(all().WholeLoads, "sqlite3_get_table")->SqlArg, 1);
  // scandir(dir, &list, filter, compar), scandirat(fd, dir, &list, filter,
  // compar).
  EXPECT_EQ(findFirst(all().WholeLoads, "scandir")->SortArg, 3);
  EXPECT_EQ(findFirst(all().WholeLoads, "scandirat")->SortArg, 4);
  EXPECT_EQ(findFirst(all().WholeLoads, "scandirat")->FilterArg, 3);
  EXPECT_EQ(findFirst(all().WholeLoads, "pqxx::transaction_base::exec_n")
                ->SqlArg,
            1);
}

TEST(RulesPacks, Sends) {
  struct {
    const char *Name, *Kind;
    std::vector<unsigned> Payload;
    bool FromArg;
  } Cases[] = {
      {"std::thread::thread", "thread", {0}, true},
      {"std::jthread::jthread", "thread", {0}, true},
      {"std::async", "task", {0}, true},
      {"std::promise::set_value", "promise", {0}, false},
      {"std::packaged_task::packaged_task", "task", {0}, false},
      {"boost::asio::post", "task", {0}, true},
      {"asio::dispatch", "task", {0}, true},
      {"boost::asio::io_context::post", "task", {0}, true},
      {"QtConcurrent::run", "task", {0}, true},
      {"QMetaObject::invokeMethod", "message", {0}, true},
      {"zmq::socket_t::send", "message", {0}, false},
      {"zmq::detail::socket_base::send", "message", {0}, false},
  };
  for (const auto &C : Cases) {
    const SendApi *S = findFirst(all().Sends, C.Name);
    ASSERT_NE(S, nullptr) << C.Name;
    EXPECT_EQ(S->Kind, C.Kind) << C.Name;
    EXPECT_EQ(S->Payload, C.Payload) << C.Name;
    EXPECT_EQ(S->PayloadFromArg, C.FromArg) << C.Name;
  }
}

TEST(RulesPacks, Callables) {
  struct {
    const char *Name, *Kind;
    int Callable; // -1: the last argument
    const char *Holder;
    int HolderArg;
  } Cases[] = {
      {"std::bind", "bind", 0, "none", -1},
      {"std::bind_front", "bind", 0, "none", -1},
      {"boost::bind", "bind", 0, "none", -1},
      {"absl::bind_front", "bind", 0, "none", -1},
      {"boost::asio::bind_executor", "bind", 1, "none", -1},
      {"std::thread::thread", "thread", 0, "none", -1},
      {"std::jthread::jthread", "thread", 0, "none", -1},
      {"std::async", "thread", -1, "none", -1},
      {"boost::asio::basic_waitable_timer::async_wait", "callback", -1,
       "object", -1},
      {"boost::asio::basic_socket::async_connect", "callback", -1, "object",
       -1},
      {"boost::asio::ip::basic_resolver::async_resolve", "callback", -1,
       "object", -1},
      {"asio::basic_stream_socket::async_read_some", "callback", -1, "object",
       -1},
      {"boost::asio::ssl::stream::async_handshake", "callback", -1, "object",
       -1},
      {"boost::asio::async_write", "callback", -1, "arg", 0},
      {"boost::asio::post", "callback", -1, "arg", 0},
      {"boost::asio::io_context::strand::post", "callback", 0, "object", -1},
      {"boost::asio::strand::dispatch", "callback", 0, "object", -1},
      {"boost::asio::co_spawn", "callback", 1, "arg", 0},
      {"boost::signals2::signal::connect", "callback", 0, "object", -1},
      {"QObject::connect", "callback", 3, "arg", 0},
      {"QTimer::singleShot", "callback", -1, "none", -1},
      {"QMetaObject::invokeMethod", "callback", 1, "arg", 0},
      {"QtConcurrent::run", "thread", -1, "none", -1},
      {"QThreadPool::start", "thread", 0, "none", -1},
  };
  for (const auto &C : Cases) {
    const CallableApi *A = findFirst(all().Callables, C.Name);
    ASSERT_NE(A, nullptr) << C.Name;
    EXPECT_EQ(A->Kind, C.Kind) << C.Name;
    EXPECT_EQ(A->Callable, C.Callable) << C.Name;
    EXPECT_EQ(A->Holder, C.Holder) << C.Name;
    EXPECT_EQ(A->HolderArg, C.HolderArg) << C.Name;
  }
  // Free functions are not methods of an I/O object, and the io_context
  // itself does not start operations.
  for (const char *Name :
       {"boost::asio::async_compose", "boost::asio::io_context::run",
        "boost::asio::basic_waitable_timer::expires_after", "std::function",
        "std::invoke"})
    EXPECT_EQ(findFirst(all().Callables, Name), nullptr) << Name;
  // Every thread or task send that takes a callable has a callables entry
  // of kind thread (the two sections say the same about those calls).
  for (const char *Name : {"std::thread::thread", "std::jthread::jthread",
                           "std::async", "QtConcurrent::run",
                           "QThread::create", "QThreadPool::start"}) {
    const SendApi *S = findFirst(all().Sends, Name);
    const CallableApi *A = findFirst(all().Callables, Name);
    ASSERT_NE(S, nullptr) << Name;
    ASSERT_NE(A, nullptr) << Name;
    EXPECT_EQ(A->Kind, "thread") << Name;
  }
  for (const char *Name : {"std::any", "boost::any", "absl::any"})
    EXPECT_NE(findFirst(all().TypeErased, Name), nullptr) << Name;
}

// fork() and the methods of a run-once guard were names in the fact
// collectors before the packs said them: the packs keep what they matched.
TEST(RulesPacks, ForksAndTestAndSet) {
  for (const char *Name : {"fork", "vfork"})
    EXPECT_NE(findFirst(all().Forks, Name), nullptr) << Name;
  for (const char *Name : {"forkpty", "posix_spawn", "Server::fork"})
    EXPECT_EQ(findFirst(all().Forks, Name), nullptr) << Name;
  struct {
    const char *Name;
    int Value;
  } Cases[] = {
      {"std::atomic_flag::test_and_set", -1},
      {"std::atomic::exchange", 0},         // bool, T*, the generic template
      {"std::__atomic_base::exchange", 0},  // libstdc++ integers; libc++
      {"std::__atomic_float::exchange", 0}, // libstdc++ floating point
      {"muduo::detail::AtomicIntegerT::getAndSet", 0},
      {"AtomicFlag::getAndSet", 0},
  };
  for (const auto &C : Cases) {
    const TestAndSetCall *T = findFirst(all().TestAndSet, C.Name);
    ASSERT_NE(T, nullptr) << C.Name;
    EXPECT_EQ(T->Value, C.Value) << C.Name;
  }
  for (const char *Name :
       {"std::exchange", "std::atomic::compare_exchange_strong",
        "std::atomic::fetch_add", "Slot::exchange", "getAndSet"})
    EXPECT_EQ(findFirst(all().TestAndSet, Name), nullptr) << Name;
}

TEST(RulesPacks, Queries) {
  struct {
    const char *Name;
    int SqlArg;
    bool SingleRow, Streaming;
  } Cases[] = {
      {"sqlite3_exec", 1, false, false},
      {"sqlite3_prepare_v2", 1, false, false},
      {"sqlite3_prepare", 1, false, false},
      {"sqlite3_get_table", 1, false, false},
      {"PQexec", 1, false, false},
      {"PQexecParams", 1, false, false},
      {"PQsendQuery", 1, false, false},
      {"PQprepare", 2, false, false},
      {"mysql_query", 1, false, false},
      {"mysql_real_query", 1, false, false},
      {"pqxx::transaction_base::exec", 0, false, false},
      {"pqxx::transaction_base::exec_params", 0, false, false},
      {"pqxx::transaction_base::exec_n", 1, false, false},
      {"pqxx::transaction_base::exec0", 0, true, false},
      {"pqxx::transaction_base::exec1", 0, true, false},
      {"pqxx::transaction_base::exec_params1", 0, true, false},
      {"pqxx::transaction_base::query", 0, false, false},
      {"pqxx::transaction_base::stream", 0, false, true},
      {"QSqlQuery::exec", 0, false, false},
  };
  for (const auto &C : Cases) {
    const QueryApi *Q = findFirst(all().Queries, C.Name);
    ASSERT_NE(Q, nullptr) << C.Name;
    EXPECT_EQ(Q->SqlArg, C.SqlArg) << C.Name;
    EXPECT_EQ(Q->SingleRow, C.SingleRow) << C.Name;
    EXPECT_EQ(Q->Streaming, C.Streaming) << C.Name;
  }
  EXPECT_EQ(findFirst(all().Queries, "sqlite3_step"), nullptr);
}

TEST(RulesPacks, QtAndAbseilContainers) {
  for (const char *T : {"QList", "QVector", "QStringList", "QQueue", "QStack",
                        "QMap", "QMultiMap", "QHash", "QMultiHash", "QSet",
                        "QString", "QByteArray"})
    EXPECT_NE(all().findContainer(T), nullptr) << T;
  EXPECT_EQ(effect("QList", "append"), ContainerEffect::Grow);
  EXPECT_EQ(effect("QQueue", "dequeue"), ContainerEffect::Pop);
  EXPECT_EQ(effect("QHash", "operator[]"), ContainerEffect::Grow);
  EXPECT_EQ(effect("QHash", "contains"), ContainerEffect::Lookup);
  EXPECT_EQ(effect("QString", "append"), ContainerEffect::Grow);
  EXPECT_TRUE(all().findContainer("QSet")->Associative);
  EXPECT_FALSE(all().findContainer("QString")->Contiguous);
  EXPECT_NE(findFirst(all().BoundedTypes, "QCache"), nullptr);

  for (const char *T :
       {"absl::flat_hash_map", "absl::node_hash_map", "absl::flat_hash_set",
        "absl::node_hash_set", "absl::btree_map", "absl::btree_set",
        "absl::InlinedVector", "absl::FixedArray"})
    EXPECT_NE(all().findContainer(T), nullptr) << T;
  // InlinedVector::clear() frees its heap storage (unlike std::vector).
  EXPECT_FALSE(all().findContainer("absl::InlinedVector")->Contiguous);
  EXPECT_EQ(effect("absl::flat_hash_map", "try_emplace"),
            ContainerEffect::Grow);
  // FixedArray cannot grow: no method of it grows, erases or clears.
  for (const auto &[Name, E] : all().findContainer("absl::FixedArray")->Methods)
    EXPECT_TRUE(E == ContainerEffect::Read || E == ContainerEffect::Size)
        << Name;
}

TEST(RulesPacks, EveryGrowableContainerCanBeMeasured) {
  // A bound needs a size query, except forward_list which has none.
  for (const ContainerModel &C : all().Containers) {
    bool Grows = false, Sized = false;
    for (const auto &[Name, E] : C.Methods) {
      Grows |= E == ContainerEffect::Grow;
      Sized |= E == ContainerEffect::Size;
    }
    if (Grows && C.Id != "std.container.forward_list")
      EXPECT_TRUE(Sized) << C.Id;
  }
}

} // namespace
