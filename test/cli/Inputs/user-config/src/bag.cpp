namespace app {
template <class T> class Bag {
public:
  void add(const T &v);
  T take();
  unsigned count() const;
};
} // namespace app

struct Event {
  int id;
};

class Recorder {
public:
  void on_event(const Event &e) { seen_.add(e); }

private:
  app::Bag<Event> seen_;
};

class Limited {
public:
  void on_event(const Event &e) {
    if (recent_.count() >= 100)
      return;
    recent_.add(e);
  }

private:
  app::Bag<Event> recent_;
};
