// A minimal fork-join parallel loop over std::thread.
#ifndef SNN_RUNTIME_PARALLEL_H
#define SNN_RUNTIME_PARALLEL_H

#include <cstdint>
#include <functional>

namespace snn::rt {

/// Number of threads `threads` stands for: 0 means one per hardware thread
/// (at least 1); negative values mean 1.
int resolveThreadCount(int threads);

/// Calls `fn(begin, end)` on contiguous, disjoint chunks covering [0, n),
/// at most one chunk per thread, and returns when all have finished. Chunk
/// sizes differ by at most one. With one thread (or n <= 1) `fn` runs inline
/// on the caller's thread; with n <= 0 it is not called. The caller's thread
/// runs the first chunk, so nested or tiny loops do not pay for idle threads.
void parallelFor(int64_t n, int threads,
                 const std::function<void(int64_t begin, int64_t end)> &fn);

} // namespace snn::rt

#endif // SNN_RUNTIME_PARALLEL_H
