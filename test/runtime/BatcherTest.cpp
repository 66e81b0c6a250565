// Unit tests for the batcher: epoch order, batch boundaries and gathering.
#include "runtime/Batcher.h"

#include "gtest/gtest.h"

#include <array>
#include <algorithm>
#include <numeric>

using namespace snn::rt;

namespace {

std::vector<int64_t> batchOf(const Batcher &b, int64_t i) {
  const int64_t *p = b.batchIndices(i);
  return std::vector<int64_t>(p, p + b.batchSize(i));
}

// The shuffled order is fixed by the seed on every platform: the first two
// epochs for seed 42 and N = 10, computed by an independent Python
// implementation of splitmix64 seeding, xoshiro256**, Rng::below's rejection
// rule and the Fisher–Yates loop of Rng::shuffle.
TEST(BatcherTest, SeedFixesTheOrder) {
  Batcher b(10, 4, /*shuffle=*/true);
  Rng rng(42);
  b.beginEpoch(rng);
  EXPECT_EQ(b.order(), (std::vector<int64_t>{7, 3, 8, 9, 5, 6, 4, 1, 0, 2}));
  b.beginEpoch(rng);
  EXPECT_EQ(b.order(), (std::vector<int64_t>{8, 7, 0, 6, 3, 4, 2, 9, 1, 5}));
}

// The same RNG state gives the same order (what a resumed run needs), a
// different seed a different one.
TEST(BatcherTest, Deterministic) {
  Batcher a(1000, 50, true), b(1000, 50, true), c(1000, 50, true);
  Rng ra(7), rb(7), rc(8);
  for (int epoch = 0; epoch < 3; ++epoch) {
    a.beginEpoch(ra);
    b.beginEpoch(rb);
    c.beginEpoch(rc);
    EXPECT_EQ(a.order(), b.order());
    EXPECT_NE(a.order(), c.order());
  }
  Rng saved(7);
  Batcher d(1000, 50, true);
  d.beginEpoch(saved);
  const auto state = saved.state();
  d.beginEpoch(saved);
  const std::vector<int64_t> second = d.order();
  Rng restored(0);
  restored.setState(state);
  d.beginEpoch(restored);
  EXPECT_EQ(d.order(), second);
}

// Every epoch visits every index exactly once, and epochs differ.
TEST(BatcherTest, EachIndexOncePerEpoch) {
  Batcher b(1003, 64, true);
  Rng rng(1);
  std::vector<int64_t> previous;
  for (int epoch = 0; epoch < 4; ++epoch) {
    b.beginEpoch(rng);
    std::vector<int> seen(1003, 0);
    int64_t total = 0;
    for (int64_t i = 0; i < b.numBatches(); ++i)
      for (int64_t s : batchOf(b, i)) {
        ++seen[s];
        ++total;
      }
    EXPECT_EQ(total, 1003);
    EXPECT_TRUE(
        std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
    EXPECT_NE(b.order(), previous);
    previous = b.order();
  }
}

// Without shuffling the order is 0..N-1 every epoch and the RNG is unused.
TEST(BatcherTest, NoShuffleIsSequential) {
  Batcher b(7, 3, /*shuffle=*/false);
  Rng rng(5);
  const auto before = rng.state();
  b.beginEpoch(rng);
  b.beginEpoch(rng);
  EXPECT_EQ(rng.state(), before);
  EXPECT_EQ(b.order(), (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(batchOf(b, 0), (std::vector<int64_t>{0, 1, 2}));
  EXPECT_EQ(batchOf(b, 1), (std::vector<int64_t>{3, 4, 5}));
  EXPECT_EQ(batchOf(b, 2), (std::vector<int64_t>{6}));
}

// A last partial batch is kept; exact division, B > N and N = 0 too.
TEST(BatcherTest, BatchBoundaries) {
  Batcher b(10, 4, false);
  EXPECT_EQ(b.numBatches(), 3);
  EXPECT_EQ(b.batchSize(0), 4);
  EXPECT_EQ(b.batchSize(1), 4);
  EXPECT_EQ(b.batchSize(2), 2);
  EXPECT_EQ(batchOf(b, 2), (std::vector<int64_t>{8, 9}));

  Batcher exact(60000, 50, false);
  EXPECT_EQ(exact.numBatches(), 1200);
  EXPECT_EQ(exact.batchSize(1199), 50);

  Batcher big(3, 50, true);
  EXPECT_EQ(big.numBatches(), 1);
  EXPECT_EQ(big.batchSize(0), 3);

  Batcher none(0, 50, true);
  Rng rng(1);
  none.beginEpoch(rng);
  EXPECT_EQ(none.numBatches(), 0);
}

Dataset tinyDataset() {
  // 5 images of 1x2x2 whose pixels encode (sample, pixel); labels 0..4 % 3.
  Dataset d;
  d.numClasses = 3;
  std::array<float, 256> table{};
  for (int code = 0; code < 256; ++code)
    table[code] = float(code);
  d.images = SampleStore::bytes({5, 1, 2, 2}, table);
  for (int s = 0; s < 5; ++s) {
    for (int p = 0; p < 4; ++p)
      d.images.set(s, p, uint8_t(10 * s + p));
    d.labels.push_back(s % 3);
  }
  return d;
}

// Gathering copies each selected image in order and writes one-hot targets
// and the labels.
TEST(BatcherTest, GathersImagesAndOneHotTargets) {
  const Dataset d = tinyDataset();
  Batcher b(5, 2, false);
  std::vector<float> images(2 * 4, -1.0f), targets(2 * 3, -1.0f);
  std::vector<int32_t> labels(2, -1);
  std::string error;
  ASSERT_TRUE(
      b.gather(d, 2, images.data(), targets.data(), labels.data(), &error))
      << error;
  // The last batch holds only sample 4; the second row is left untouched.
  EXPECT_EQ(images, (std::vector<float>{40, 41, 42, 43, -1, -1, -1, -1}));
  EXPECT_EQ(targets, (std::vector<float>{0, 1, 0, -1, -1, -1}));
  EXPECT_EQ(labels, (std::vector<int32_t>{1, -1}));

  const int64_t picks[] = {3, 0, 2};
  std::vector<float> im(12), tg(9);
  ASSERT_TRUE(gatherBatch(d, picks, 3, im.data(), tg.data(), nullptr, &error))
      << error;
  EXPECT_EQ(im,
            (std::vector<float>{30, 31, 32, 33, 0, 1, 2, 3, 20, 21, 22, 23}));
  EXPECT_EQ(tg, (std::vector<float>{1, 0, 0, 1, 0, 0, 0, 0, 1}));
}

TEST(BatcherTest, GatherErrors) {
  Dataset d = tinyDataset();
  std::vector<float> im(4), tg(3);
  std::string error;
  const int64_t outOfRange[] = {5};
  EXPECT_FALSE(
      gatherBatch(d, outOfRange, 1, im.data(), tg.data(), nullptr, &error));
  EXPECT_EQ(error, "cannot gather batch: sample index 5 out of range "
                   "(dataset has 5 samples)");

  d.labels[1] = 3;
  const int64_t one[] = {1};
  EXPECT_FALSE(gatherBatch(d, one, 1, im.data(), tg.data(), nullptr, &error));
  EXPECT_EQ(error, "cannot gather batch: sample 1 has label 3, not in [0, 3)");

  d.labels.push_back(0);
  EXPECT_FALSE(gatherBatch(d, one, 1, im.data(), tg.data(), nullptr, &error));
  EXPECT_EQ(error, "cannot gather batch: the dataset's images do not match "
                   "its 6 labels");
}

} // namespace
