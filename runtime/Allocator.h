// Heap settings for compiled models, which allocate large temporaries on every call.
#ifndef SNN_RUNTIME_ALLOCATOR_H
#define SNN_RUNTIME_ALLOCATOR_H

namespace snn::rt {

/// Keeps the heap's large blocks mapped between calls of compiled code. The generated
/// code mallocs and frees its layer-sized temporaries (tens of MB for a CNN batch) on
/// every call; with glibc's defaults those go through mmap/munmap each time and every
/// page is faulted in and zeroed again, which cost about a quarter of CNN training time
/// (measured: docs/results.md). Serving all blocks from one heap that is never trimmed
/// lets freed blocks be reused. No effect outside glibc. Call once, before any thread.
void keepLargeAllocationsMapped();

} // namespace snn::rt

#endif // SNN_RUNTIME_ALLOCATOR_H
