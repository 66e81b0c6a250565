// glibc malloc tuning for the call pattern of compiled models (see Allocator.h).
#include "runtime/Allocator.h"

#include <cstdlib> // defines __GLIBC__ on glibc systems
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace snn::rt {

void keepLargeAllocationsMapped() {
#if defined(__GLIBC__)
  // Serve every block from the heap instead of a fresh mapping: mallopt's largest mmap
  // threshold (32 MiB) is below the biggest temporaries of a CNN batch (the weight
  // gradient's im2col of conv2 is ~150 MB at batch 50), so mapping is turned off.
  mallopt(M_MMAP_MAX, 0);
  // Never give the top of the heap back: the next call needs it again.
  mallopt(M_TRIM_THRESHOLD, -1);
  // One arena: the worker threads' blocks come from the same reused heap (allocations are
  // few and large, so the shared lock costs nothing measurable).
  mallopt(M_ARENA_MAX, 1);
#endif
}

} // namespace snn::rt
