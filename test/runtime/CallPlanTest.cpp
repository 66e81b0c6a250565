// planCalls: how a batch is split over threads and bounded calls of the compiled code.
#include "runtime/Trainer.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

using snn::rt::CallPlan;
using snn::rt::planCalls;

/// Every sample in exactly one call, calls within the bound, workers' chunks contiguous.
void expectCovers(int64_t count, int threads, int64_t maxRows) {
  CallPlan plan = planCalls(count, threads, maxRows);
  SCOPED_TRACE(testing::Message() << count << " samples, " << threads << " threads, bound "
                                  << maxRows);
  EXPECT_GE(plan.workers, 1);
  EXPECT_LE(plan.workers, std::max<int64_t>(1, std::min<int64_t>(threads, count)));
  std::vector<int> seen(size_t(count), 0);
  int64_t nextChunk = 0;
  for (int64_t w = 0; w < plan.workers; ++w) {
    auto [first, last] = plan.workerChunks(w);
    EXPECT_EQ(first, nextChunk);
    EXPECT_LT(first, last) << "worker " << w << " has no call";
    nextChunk = last;
    for (int64_t c = first; c < last; ++c) {
      auto [b, e] = CallPlan::chunkRows(count, plan.chunks, c);
      EXPECT_LT(b, e);
      if (maxRows > 0) {
        EXPECT_LE(e - b, maxRows);
      }
      for (int64_t i = b; i < e; ++i)
        ++seen[size_t(i)];
    }
  }
  EXPECT_EQ(nextChunk, plan.chunks);
  for (int64_t i = 0; i < count; ++i)
    EXPECT_EQ(seen[size_t(i)], 1) << "sample " << i;
}

TEST(CallPlan, WithoutABoundEachThreadMakesOneCall) {
  CallPlan plan = planCalls(100, 2, 0);
  EXPECT_EQ(plan.workers, 2);
  EXPECT_EQ(plan.chunks, 2);
  plan = planCalls(100, 1, 0);
  EXPECT_EQ(plan.chunks, 1);
}

TEST(CallPlan, ABoundSplitsEachThreadsShareIntoEqualCalls) {
  // 50 samples, 2 threads, at most 10 per call: 3 calls of 8-9 samples each.
  CallPlan plan = planCalls(50, 2, 10);
  EXPECT_EQ(plan.workers, 2);
  EXPECT_EQ(plan.chunks, 6);
  EXPECT_EQ(plan.workerChunks(0), std::make_pair(int64_t(0), int64_t(3)));
  EXPECT_EQ(plan.workerChunks(1), std::make_pair(int64_t(3), int64_t(6)));
}

TEST(CallPlan, MoreThreadsThanSamplesUsesOneWorkerPerSample) {
  CallPlan plan = planCalls(3, 8, 0);
  EXPECT_EQ(plan.workers, 3);
  EXPECT_EQ(plan.chunks, 3);
}

TEST(CallPlan, EverySampleIsInExactlyOneBoundedCall) {
  for (int64_t count : {1, 2, 7, 49, 50, 99, 100, 101})
    for (int threads : {1, 2, 3, 8})
      for (int64_t maxRows : {0, 1, 3, 10, 64, 1000})
        expectCovers(count, threads, maxRows);
}

} // namespace
