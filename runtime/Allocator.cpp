// glibc malloc tuning for the call pattern of compiled models (see Allocator.h).
#include "runtime/Allocator.h"

#include <cstdlib> // defines __GLIBC__ on glibc systems
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace snn::rt {

void keepLargeAllocationsMapped() {
#if defined(__GLIBC__)
  // Chosen by measuring CNN training with the equivalent GLIBC_TUNABLES (2026-11-29,
  // 400 samples): raising the mmap threshold alone gave nothing, adding "never trim" gave
  // +25 %, serving every block from the heap (no mmap) and never trimming +45 % at one
  // thread, and one arena added +10 % at two threads.
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, -1);
  mallopt(M_ARENA_MAX, 1);
#endif
}

} // namespace snn::rt
