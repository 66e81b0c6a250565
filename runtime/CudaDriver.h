// The CUDA driver API loaded at run time (dlopen of libcuda): one symbol table, no CUDA headers or toolkit at build time.
#ifndef SNN_RUNTIME_CUDADRIVER_H
#define SNN_RUNTIME_CUDADRIVER_H

#include <cstddef>
#include <cstdint>
#include <string>

namespace snn::rt::cuda {

// The driver API's handle types, declared here so the build needs no cuda.h; their
// layouts are the driver's stable ABI (opaque pointers, an int result and device).
using CUresult = int;
using CUdevice = int;
using CUcontext = struct CUctx_st *;
using CUmodule = struct CUmod_st *;
using CUfunction = struct CUfunc_st *;
using CUstream = struct CUstream_st *;
using CUdeviceptr = unsigned long long;
using CUjit_option = int;
constexpr CUresult CUDA_SUCCESS = 0;

/// The driver functions snnc uses, resolved from libcuda by name. Every entry is
/// non-null once `driver()` succeeded.
struct Driver {
  CUresult (*cuInit)(unsigned flags);
  CUresult (*cuDriverGetVersion)(int *version);
  CUresult (*cuDeviceGetCount)(int *count);
  CUresult (*cuDeviceGet)(CUdevice *device, int ordinal);
  CUresult (*cuDeviceGetName)(char *name, int length, CUdevice device);
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext *context, CUdevice device);
  CUresult (*cuCtxSetCurrent)(CUcontext context);
  CUresult (*cuCtxSynchronize)();
  CUresult (*cuModuleLoadDataEx)(CUmodule *module, const void *image, unsigned numOptions,
                                 CUjit_option *options, void **optionValues);
  CUresult (*cuModuleUnload)(CUmodule module);
  CUresult (*cuModuleGetFunction)(CUfunction *function, CUmodule module, const char *name);
  CUresult (*cuLaunchKernel)(CUfunction function, unsigned gridX, unsigned gridY,
                             unsigned gridZ, unsigned blockX, unsigned blockY, unsigned blockZ,
                             unsigned sharedBytes, CUstream stream, void **params,
                             void **extra);
  CUresult (*cuStreamCreate)(CUstream *stream, unsigned flags);
  CUresult (*cuStreamSynchronize)(CUstream stream);
  CUresult (*cuStreamDestroy)(CUstream stream);
  CUresult (*cuMemAlloc)(CUdeviceptr *pointer, size_t bytes);
  CUresult (*cuMemFree)(CUdeviceptr pointer);
  CUresult (*cuMemcpyHtoD)(CUdeviceptr destination, const void *source, size_t bytes);
  CUresult (*cuMemcpyDtoH)(void *destination, CUdeviceptr source, size_t bytes);
  CUresult (*cuMemcpy)(CUdeviceptr destination, CUdeviceptr source, size_t bytes);
  CUresult (*cuGetErrorName)(CUresult result, const char **name);
  CUresult (*cuGetErrorString)(CUresult result, const char **text);
};

/// The driver, loaded from `library` (default: $SNNC_LIBCUDA, else libcuda.so.1) and
/// initialised on the first call, with device 0's primary context current on the
/// calling thread. Null with a one-line `*error` when there is no driver, no device or
/// a symbol is missing ("no NVIDIA GPU driver: libcuda.so.1: cannot open shared object
/// file"). Later calls return the first outcome.
const Driver *driver(std::string *error);

/// The device the driver was initialised on, e.g. "NVIDIA H100 80GB HBM3".
std::string deviceName();

/// "cuLaunchKernel: CUDA_ERROR_INVALID_VALUE (invalid argument)".
std::string describe(const char *call, CUresult result);

/// The first failure of a call made from generated code (the mgpu* functions cannot
/// return one), kept until taken; empty when none.
void recordFailure(const std::string &message);
std::string takeFailure();

} // namespace snn::rt::cuda

#endif // SNN_RUNTIME_CUDADRIVER_H
