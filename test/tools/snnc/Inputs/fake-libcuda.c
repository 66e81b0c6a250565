/* A stand-in for libcuda with every symbol snnc resolves and no device: cuInit reports
 * CUDA_ERROR_NO_DEVICE. Built with -DOMIT_LAUNCH it lacks cuLaunchKernel. */
#include <stddef.h>

typedef int CUresult;
#define NO_DEVICE 100

CUresult cuInit(unsigned flags) { (void)flags; return NO_DEVICE; }
CUresult cuGetErrorName(CUresult r, const char **name) {
  *name = r == NO_DEVICE ? "CUDA_ERROR_NO_DEVICE" : "CUDA_ERROR_UNKNOWN";
  return 0;
}
CUresult cuGetErrorString(CUresult r, const char **text) {
  *text = r == NO_DEVICE ? "no CUDA-capable device is detected" : "unknown error";
  return 0;
}
#define FAIL(name) CUresult name() { return NO_DEVICE; }
FAIL(cuDriverGetVersion)
FAIL(cuDeviceGetCount)
FAIL(cuDeviceGet)
FAIL(cuDeviceGetName)
FAIL(cuDevicePrimaryCtxRetain)
FAIL(cuCtxSetCurrent)
FAIL(cuCtxSynchronize)
FAIL(cuModuleLoadDataEx)
FAIL(cuModuleUnload)
FAIL(cuModuleGetFunction)
#ifndef OMIT_LAUNCH
FAIL(cuLaunchKernel)
#endif
FAIL(cuStreamCreate)
FAIL(cuStreamSynchronize)
FAIL(cuStreamDestroy_v2)
FAIL(cuMemAlloc_v2)
FAIL(cuMemFree_v2)
FAIL(cuMemcpyHtoD_v2)
FAIL(cuMemcpyDtoH_v2)
FAIL(cuMemcpy)
