// Tests of SampleStore: byte and bit codes, decoding through the table, slicing.
#include "runtime/SampleStore.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace snn::rt;

namespace {

// Proves: byte codes decode through the table, per sample and for ranges.
TEST(SampleStore, BytesDecodeThroughTheTable) {
  std::array<float, 256> table{};
  for (int c = 0; c < 256; ++c)
    table[c] = 0.5f * float(c) - 1.0f;
  SampleStore s = SampleStore::bytes({3, 2, 2}, table);
  EXPECT_EQ(s.numSamples(), 3);
  EXPECT_EQ(s.sampleSize(), 4);
  EXPECT_EQ(s.memoryBytes(), 12u);
  for (int i = 0; i < 3; ++i)
    for (int e = 0; e < 4; ++e)
      s.set(i, e, uint8_t(10 * i + e));
  std::vector<float> two(8);
  s.decode(1, 2, two.data());
  EXPECT_EQ(two, (std::vector<float>{4, 4.5f, 5, 5.5f, 9, 9.5f, 10, 10.5f}));
}

// Proves: bit stores hold one bit per element (rows rounded up to bytes), set and clear
// bits independently across byte boundaries, decode to 0/1, and slice whole samples.
TEST(SampleStore, BitsPackEightElementsPerByte) {
  SampleStore s = SampleStore::bits({4, 11});
  EXPECT_TRUE(s.isBits());
  EXPECT_EQ(s.memoryBytes(), 4u * 2u);
  s.set(0, 0, 1);
  s.set(0, 7, 1);
  s.set(0, 8, 1);
  s.set(0, 10, 1);
  s.set(0, 8, 0);
  s.set(3, 5, 1);
  std::vector<float> all = s.decodeAll();
  std::vector<float> first(all.begin(), all.begin() + 11);
  EXPECT_EQ(first, (std::vector<float>{1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1}));
  EXPECT_EQ(std::count(all.begin() + 11, all.end(), 1.0f), 1);
  SampleStore tail = s.slice(2, 2);
  EXPECT_EQ(tail.shape(), (std::vector<int64_t>{2, 11}));
  std::vector<float> t = tail.decodeAll();
  EXPECT_EQ(t[11 + 5], 1.0f);
  EXPECT_EQ(std::count(t.begin(), t.end(), 1.0f), 1);
}

} // namespace
