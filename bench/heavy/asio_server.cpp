// A heavy translation unit: a Boost.Asio TCP echo server with a session
// registry (Boost.Asio pulls in a large part of Boost and of the STL).
#include <boost/asio.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace asio = boost::asio;
using asio::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
public:
  explicit Session(tcp::socket Socket) : Socket(std::move(Socket)) {}
  void start() { read(); }

private:
  void read() {
    auto Self = shared_from_this();
    Socket.async_read_some(asio::buffer(Data), [this, Self](boost::system::error_code EC, std::size_t N) {
      if (!EC)
        write(N);
    });
  }
  void write(std::size_t N) {
    auto Self = shared_from_this();
    asio::async_write(Socket, asio::buffer(Data, N), [this, Self](boost::system::error_code EC, std::size_t) {
      if (!EC)
        read();
    });
  }
  tcp::socket Socket;
  char Data[1024];
};

class Server {
public:
  Server(asio::io_context &IO, unsigned short Port)
      : Acceptor(IO, tcp::endpoint(tcp::v4(), Port)) {
    accept();
  }

private:
  void accept() {
    Acceptor.async_accept([this](boost::system::error_code EC, tcp::socket Socket) {
      if (!EC) {
        auto S = std::make_shared<Session>(std::move(Socket));
        Peers.push_back(S->weak_from_this());
        S->start();
      }
      accept();
    });
  }
  tcp::acceptor Acceptor;
  std::vector<std::weak_ptr<Session>> Peers;
};

int main() {
  asio::io_context IO;
  Server S(IO, 5555);
  asio::steady_timer T(IO, asio::chrono::seconds(1));
  T.async_wait([](const boost::system::error_code &) {});
  IO.run();
}
