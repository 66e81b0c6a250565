// The mgpu* functions MLIR's gpu-to-llvm lowering calls, implemented over the loaded CUDA driver.
#include "runtime/CudaKernelABI.h"

#include "runtime/CudaDriver.h"

#include <map>
#include <mutex>

namespace snn::rt::cuda {

namespace {

/// The driver, or null after recording why there is none.
const Driver *use() {
  std::string error;
  const Driver *table = driver(&error);
  if (!table)
    recordFailure(error);
  return table;
}

bool check(const char *call, CUresult result) {
  if (result == CUDA_SUCCESS)
    return true;
  recordFailure(describe(call, result));
  return false;
}

/// Freed device blocks by size; kernels are waited for one by one, so a freed block
/// has no pending work when it is handed out again.
std::mutex cacheMutex;
std::multimap<size_t, CUdeviceptr> freeBlocks;
std::map<CUdeviceptr, size_t> liveBlocks;
size_t cachedBytes = 0;

} // namespace

void releaseCachedDeviceMemory() {
  std::lock_guard<std::mutex> lock(cacheMutex);
  std::string error;
  const Driver *table = driver(&error);
  for (auto &[size, pointer] : freeBlocks)
    if (table)
      table->cuMemFree(pointer);
  freeBlocks.clear();
  cachedBytes = 0;
}

size_t cachedDeviceBytes() {
  std::lock_guard<std::mutex> lock(cacheMutex);
  return cachedBytes;
}

} // namespace snn::rt::cuda

using namespace snn::rt::cuda;

extern "C" {

// PTX is NUL-terminated text; the driver compiles it for the device at hand.
CUmodule mgpuModuleLoadJIT(void *data, int optLevel) {
  const Driver *table = use();
  if (!table)
    return nullptr;
  CUmodule module = nullptr;
  char log[4096] = {0};
  // CU_JIT_ERROR_LOG_BUFFER = 5, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6,
  // CU_JIT_OPTIMIZATION_LEVEL = 7 (the driver API's enum values).
  CUjit_option options[] = {5, 6, 7};
  void *values[] = {log, reinterpret_cast<void *>(sizeof(log)),
                    reinterpret_cast<void *>(static_cast<intptr_t>(optLevel))};
  CUresult result = table->cuModuleLoadDataEx(&module, data, 3, options, values);
  if (result != CUDA_SUCCESS) {
    std::string message = describe("cuModuleLoadDataEx", result);
    if (log[0])
      message += ": " + std::string(log);
    recordFailure(message);
    return nullptr;
  }
  return module;
}

CUmodule mgpuModuleLoad(void *data, size_t) { return mgpuModuleLoadJIT(data, 4); }

void mgpuModuleUnload(CUmodule module) {
  std::string error;
  if (const Driver *table = driver(&error); table && module)
    table->cuModuleUnload(module);
}

CUfunction mgpuModuleGetFunction(CUmodule module, const char *name) {
  const Driver *table = use();
  CUfunction function = nullptr;
  if (table && module)
    check("cuModuleGetFunction", table->cuModuleGetFunction(&function, module, name));
  return function;
}

// Streams: the default stream serves every call; kernels are waited for one by one.
CUstream mgpuStreamCreate() { return nullptr; }
void mgpuStreamDestroy(CUstream) {}
void mgpuStreamSynchronize(CUstream stream) {
  if (const Driver *table = use())
    check("cuStreamSynchronize", table->cuStreamSynchronize(stream));
}

void mgpuLaunchKernel(CUfunction function, intptr_t gridX, intptr_t gridY, intptr_t gridZ,
                      intptr_t blockX, intptr_t blockY, intptr_t blockZ, int32_t sharedBytes,
                      CUstream stream, void **params, void **extra, size_t) {
  const Driver *table = use();
  if (!table || !function) {
    recordFailure("a kernel launch was skipped: its module or function failed to load");
    return;
  }
  check("cuLaunchKernel",
        table->cuLaunchKernel(function, unsigned(gridX), unsigned(gridY), unsigned(gridZ),
                              unsigned(blockX), unsigned(blockY), unsigned(blockZ),
                              unsigned(sharedBytes), stream, params, extra));
}

void *mgpuMemAlloc(uint64_t bytes, CUstream, bool) {
  const Driver *table = use();
  if (!table)
    return nullptr;
  size_t size = bytes == 0 ? 1 : size_t(bytes);
  std::lock_guard<std::mutex> lock(cacheMutex);
  CUdeviceptr pointer = 0;
  if (auto it = freeBlocks.find(size); it != freeBlocks.end()) {
    pointer = it->second;
    freeBlocks.erase(it);
    cachedBytes -= size;
  } else if (!check("cuMemAlloc", table->cuMemAlloc(&pointer, size))) {
    return nullptr;
  }
  liveBlocks[pointer] = size;
  return reinterpret_cast<void *>(pointer);
}

void mgpuMemFree(void *pointer, CUstream) {
  if (!pointer)
    return;
  std::lock_guard<std::mutex> lock(cacheMutex);
  auto it = liveBlocks.find(reinterpret_cast<CUdeviceptr>(pointer));
  if (it == liveBlocks.end()) {
    recordFailure("mgpuMemFree: not a block of this runtime");
    return;
  }
  freeBlocks.emplace(it->second, it->first);
  cachedBytes += it->second;
  liveBlocks.erase(it);
}

void mgpuMemcpy(void *destination, void *source, size_t bytes, CUstream) {
  if (const Driver *table = use())
    check("cuMemcpy", table->cuMemcpy(reinterpret_cast<CUdeviceptr>(destination),
                                      reinterpret_cast<CUdeviceptr>(source), bytes));
}

} // extern "C"

std::vector<std::pair<std::string, void *>> snn::rt::cuda::kernelABISymbols() {
  return {
      {"mgpuModuleLoadJIT", reinterpret_cast<void *>(&mgpuModuleLoadJIT)},
      {"mgpuModuleLoad", reinterpret_cast<void *>(&mgpuModuleLoad)},
      {"mgpuModuleUnload", reinterpret_cast<void *>(&mgpuModuleUnload)},
      {"mgpuModuleGetFunction", reinterpret_cast<void *>(&mgpuModuleGetFunction)},
      {"mgpuStreamCreate", reinterpret_cast<void *>(&mgpuStreamCreate)},
      {"mgpuStreamDestroy", reinterpret_cast<void *>(&mgpuStreamDestroy)},
      {"mgpuStreamSynchronize", reinterpret_cast<void *>(&mgpuStreamSynchronize)},
      {"mgpuLaunchKernel", reinterpret_cast<void *>(&mgpuLaunchKernel)},
      {"mgpuMemAlloc", reinterpret_cast<void *>(&mgpuMemAlloc)},
      {"mgpuMemFree", reinterpret_cast<void *>(&mgpuMemFree)},
      {"mgpuMemcpy", reinterpret_cast<void *>(&mgpuMemcpy)},
  };
}
