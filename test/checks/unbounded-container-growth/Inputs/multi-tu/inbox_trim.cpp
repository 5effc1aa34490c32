#include "inbox.h"
void Inbox::trim() {
  if (messages_.size() > 100)
    messages_.erase(messages_.begin(), messages_.begin() + 50);
}
