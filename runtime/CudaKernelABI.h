// The mgpu* functions MLIR's gpu-to-llvm lowering calls from generated host code, over the loaded CUDA driver.
#ifndef SNN_RUNTIME_CUDAKERNELABI_H
#define SNN_RUNTIME_CUDAKERNELABI_H

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace snn::rt::cuda {

/// Name and address of every mgpu* function, for the JIT's symbol table. Generated code
/// cannot receive errors: a failing call records one (recordFailure) and returns a
/// null handle, and the caller of the compiled function checks takeFailure().
std::vector<std::pair<std::string, void *>> kernelABISymbols();

/// Device memory freed by generated code is kept for reuse by the next allocation of
/// the same size (a compiled function allocates the same temporaries on every call);
/// this returns it all to the driver.
void releaseCachedDeviceMemory();

/// Bytes currently held in that cache.
size_t cachedDeviceBytes();

} // namespace snn::rt::cuda

#endif // SNN_RUNTIME_CUDAKERNELABI_H
