// Tests of the heap settings for compiled models (runtime/Allocator).
#include "runtime/Allocator.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

// Proves: after keepLargeAllocationsMapped, a block far above glibc's mmap limits comes
// from the heap (no mapped block is counted) and stays there after free (the heap is
// not trimmed), so the next call's block of the same size needs no new pages.
TEST(Allocator, LargeBlocksComeFromTheKeptHeap) {
#if !defined(__GLIBC__)
  GTEST_SKIP() << "glibc-specific";
#elif defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer replaces glibc's malloc, whose settings this tests";
#else
  snn::rt::keepLargeAllocationsMapped();
  const size_t size = 96u << 20;
  auto *block = static_cast<char *>(std::malloc(size));
  ASSERT_NE(block, nullptr);
  std::memset(block, 1, size);
  struct mallinfo2 during = mallinfo2();
  EXPECT_EQ(during.hblks, 0u) << "the block was mapped on its own";
  std::free(block);
  struct mallinfo2 after = mallinfo2();
  EXPECT_GE(after.arena, size) << "the heap was trimmed after free";
#endif
}

} // namespace
