// Async-signal-safe SIGINT/SIGTERM handler that only records the request.
#include "runtime/Signals.h"

#include <atomic>
#include <csignal>
#include <cstring>
#include <unistd.h>

namespace snn::rt {
namespace {

// Lock-free atomics are async-signal-safe; a mutex-based one would not be.
std::atomic<int> pendingSignal{0};
static_assert(std::atomic<int>::is_always_lock_free,
              "the signal flag must be lock-free");
const char *noticeText = nullptr;

extern "C" void onInterrupt(int sig) {
  int expected = 0;
  const bool first = pendingSignal.compare_exchange_strong(expected, sig);
  if (first && noticeText) {
    // write(2) is async-signal-safe; stdio is not.
    const ssize_t ignored =
        write(STDERR_FILENO, noticeText, std::strlen(noticeText));
    (void)ignored;
  }
}

} // namespace

bool installInterruptHandler(const char *notice) {
  noticeText = notice;
  struct sigaction action;
  std::memset(&action, 0, sizeof(action));
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  // Restart interrupted reads so the batch in flight completes normally.
  action.sa_flags = SA_RESTART;
  if (sigaction(SIGTERM, &action, nullptr) != 0)
    return false;
  // SA_RESETHAND: the kernel restores the default action on entry, so the
  // next SIGINT terminates the process.
  action.sa_flags = SA_RESTART | SA_RESETHAND;
  return sigaction(SIGINT, &action, nullptr) == 0;
}

bool interruptRequested() { return pendingSignal.load() != 0; }

int interruptSignal() { return pendingSignal.load(); }

void clearInterruptRequest() { pendingSignal.store(0); }

} // namespace snn::rt
