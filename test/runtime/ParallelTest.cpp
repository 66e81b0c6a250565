// Unit tests for parallelFor: coverage, chunking and inline execution.
#include "runtime/Parallel.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

using namespace snn::rt;

namespace {

// Every index in [0, n) is visited exactly once, by contiguous chunks that
// number at most `threads` and differ in size by at most one.
TEST(ParallelForTest, CoversEveryIndexExactlyOnce) {
  for (int64_t n : {0, 1, 2, 3, 7, 64, 100, 1001}) {
    for (int threads : {-1, 0, 1, 2, 3, 4, 8, 64}) {
      SCOPED_TRACE("n=" + std::to_string(n) +
                   " threads=" + std::to_string(threads));
      std::vector<std::atomic<int>> visits(static_cast<size_t>(n));
      std::mutex mu;
      std::vector<std::pair<int64_t, int64_t>> chunks;
      parallelFor(n, threads, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
          ++visits[i];
        std::lock_guard<std::mutex> lock(mu);
        chunks.emplace_back(begin, end);
      });
      for (int64_t i = 0; i < n; ++i)
        ASSERT_EQ(visits[i].load(), 1) << "index " << i;
      if (n == 0) {
        EXPECT_TRUE(chunks.empty());
        continue;
      }
      EXPECT_LE(static_cast<int64_t>(chunks.size()),
                resolveThreadCount(threads));
      std::sort(chunks.begin(), chunks.end());
      EXPECT_EQ(chunks.front().first, 0);
      EXPECT_EQ(chunks.back().second, n);
      int64_t minSize = n, maxSize = 0;
      for (size_t i = 0; i < chunks.size(); ++i) {
        EXPECT_LT(chunks[i].first, chunks[i].second) << "empty chunk";
        if (i > 0) {
          EXPECT_EQ(chunks[i].first, chunks[i - 1].second);
        }
        minSize = std::min(minSize, chunks[i].second - chunks[i].first);
        maxSize = std::max(maxSize, chunks[i].second - chunks[i].first);
      }
      EXPECT_LE(maxSize - minSize, 1);
    }
  }
}

// One thread means one call on the caller's thread, no thread is spawned.
TEST(ParallelForTest, SingleThreadRunsInline) {
  for (int threads : {-3, 1}) {
    std::vector<std::thread::id> callers;
    parallelFor(10, threads, [&](int64_t begin, int64_t end) {
      EXPECT_EQ(begin, 0);
      EXPECT_EQ(end, 10);
      callers.push_back(std::this_thread::get_id());
    });
    ASSERT_EQ(callers.size(), 1u);
    EXPECT_EQ(callers[0], std::this_thread::get_id());
  }
}

// Several threads are really used: each chunk reports its own thread id.
TEST(ParallelForTest, UsesDistinctThreads) {
  std::mutex mu;
  std::vector<std::thread::id> ids;
  parallelFor(4, 4, [&](int64_t, int64_t) {
    std::lock_guard<std::mutex> lock(mu);
    ids.push_back(std::this_thread::get_id());
  });
  ASSERT_EQ(ids.size(), 4u);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());
}

TEST(ParallelForTest, ResolvesThreadCount) {
  EXPECT_GE(resolveThreadCount(0), 1);
  EXPECT_EQ(resolveThreadCount(-2), 1);
  EXPECT_EQ(resolveThreadCount(5), 5);
}

} // namespace
