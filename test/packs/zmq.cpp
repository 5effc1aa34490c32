// RUN: %check_memlint --real-headers '--checks=-*,memlint-stream-accumulation,memlint-large-copy-into-send' %s

// The zmq pack (rules/packs/zmq.yaml) against the real cppzmq 4.9 and libzmq
// headers (cppzmq-dev, libzmq3-dev): socket recv, recv_multipart and
// zmq_recv through stream-accumulation; message_t construction from a
// container through large-copy-into-send. send/recv are declared in
// zmq::detail::socket_base.
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include <iterator>
#include <string>
#include <vector>

void handle(const zmq::message_t &msg);

//===-- stream_sources: stream-accumulation -------------------------------===//

std::vector<std::string> drain(zmq::socket_t &sock) {
  std::vector<std::string> out;
  zmq::message_t msg;
  while (sock.recv(msg, zmq::recv_flags::dontwait))
    out.push_back(msg.to_string());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'zmq::detail::socket_base::recv'{{.*}} [memlint-stream-accumulation]
  return out;
}

std::string drain_bytes(void *sock) {
  std::string all;
  char buf[256];
  int n;
  while ((n = zmq_recv(sock, buf, sizeof buf, ZMQ_DONTWAIT)) > 0)
    all.append(buf, static_cast<std::size_t>(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'all' is appended to on every iteration of a loop that streams 'zmq_recv'{{.*}} [memlint-stream-accumulation]
  return all;
}

std::vector<std::string> topics(zmq::socket_t &sock) {
  std::vector<std::string> out;
  std::vector<zmq::message_t> parts;
  while (zmq::recv_multipart(sock, std::back_inserter(parts), zmq::recv_flags::dontwait)) {
    out.push_back(parts.front().to_string());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'zmq::recv_multipart'{{.*}} [memlint-stream-accumulation]
    parts.clear();
  }
  return out;
}

// OK: each message handled as it arrives; the multipart buffer is cleared
// for every message.
long count(zmq::socket_t &sock) {
  long n = 0;
  zmq::message_t msg;
  while (sock.recv(msg, zmq::recv_flags::dontwait)) {
    handle(msg);
    ++n;
  }
  return n;
}

//===-- sends: large-copy-into-send ---------------------------------------===//

void publish(zmq::socket_t &sock, const std::vector<float> &samples) {
  zmq::message_t msg(samples);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'samples' (a 'std::vector<float>') is copied whole into the message [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: it is copied by 'zmq::message_t::message_t', which copies an lvalue;{{.*}}
  sock.send(msg, zmq::send_flags::none);
}

void fan_out(std::vector<zmq::socket_t> &peers, const std::string &snapshot) {
  for (zmq::socket_t &peer : peers) {
    zmq::message_t msg(snapshot);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'snapshot' (a 'std::string') is copied whole into every message this loop starts (one copy per iteration) [memlint-large-copy-into-send]
    // CHECK-MESSAGES: :[[@LINE-2]]:20: note: it is copied by 'zmq::message_t::message_t'{{.*}}
    peer.send(msg, zmq::send_flags::none);
  }
}

// OK: the message is handed over, not copied (send takes it by non-const
// reference and zmq_msg_send takes its content); a buffer view; the
// multipart parts are sent from the caller's vector.
void hand_over(zmq::socket_t &sock, zmq::message_t &msg, const std::string &s,
               std::vector<zmq::message_t> &parts) {
  sock.send(msg, zmq::send_flags::none);
  sock.send(zmq::buffer(s), zmq::send_flags::none);
  zmq::send_multipart(sock, parts);
}
