// parallelFor: static contiguous partitioning of an index range over threads.
#include "runtime/Parallel.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace snn::rt {

int resolveThreadCount(int threads) {
  if (threads == 0) {
    unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : static_cast<int>(hw);
  }
  return threads < 1 ? 1 : threads;
}

void parallelFor(int64_t n, int threads,
                 const std::function<void(int64_t begin, int64_t end)> &fn) {
  if (n <= 0)
    return;
  const int64_t chunks = std::min<int64_t>(resolveThreadCount(threads), n);
  if (chunks <= 1) {
    fn(0, n);
    return;
  }
  // The first (n % chunks) chunks take one extra index.
  const int64_t base = n / chunks, extra = n % chunks;
  auto chunkBegin = [&](int64_t i) { return i * base + std::min(i, extra); };
  std::vector<std::thread> workers;
  workers.reserve(static_cast<size_t>(chunks - 1));
  for (int64_t i = 1; i < chunks; ++i)
    workers.emplace_back(
        [&fn, b = chunkBegin(i), e = chunkBegin(i + 1)] { fn(b, e); });
  fn(0, chunkBegin(1));
  for (std::thread &t : workers)
    t.join();
}

} // namespace snn::rt
