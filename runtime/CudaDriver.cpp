// Loading and initialising the CUDA driver at run time through one symbol table.
#include "runtime/CudaDriver.h"

#include <cstdlib>
#include <type_traits>
#include <dlfcn.h>
#include <mutex>

namespace snn::rt::cuda {

namespace {

struct Loaded {
  Driver table{};
  std::string error;
  std::string device;
  CUcontext context = nullptr;
};

/// Resolves every entry of `table`; the versioned names are the ones the driver's
/// own header maps the plain names to (cuMemAlloc → cuMemAlloc_v2, …).
bool resolve(void *library, Driver &table, std::string *error) {
  bool ok = true;
  auto bind = [&](auto &slot, const char *name) {
    slot = reinterpret_cast<std::remove_reference_t<decltype(slot)>>(dlsym(library, name));
    if (!slot && ok) {
      *error = std::string("the NVIDIA GPU driver lacks ") + name;
      ok = false;
    }
  };
  bind(table.cuInit, "cuInit");
  bind(table.cuDriverGetVersion, "cuDriverGetVersion");
  bind(table.cuDeviceGetCount, "cuDeviceGetCount");
  bind(table.cuDeviceGet, "cuDeviceGet");
  bind(table.cuDeviceGetName, "cuDeviceGetName");
  bind(table.cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
  bind(table.cuCtxSetCurrent, "cuCtxSetCurrent");
  bind(table.cuCtxSynchronize, "cuCtxSynchronize");
  bind(table.cuModuleLoadDataEx, "cuModuleLoadDataEx");
  bind(table.cuModuleUnload, "cuModuleUnload");
  bind(table.cuModuleGetFunction, "cuModuleGetFunction");
  bind(table.cuLaunchKernel, "cuLaunchKernel");
  bind(table.cuStreamCreate, "cuStreamCreate");
  bind(table.cuStreamSynchronize, "cuStreamSynchronize");
  bind(table.cuStreamDestroy, "cuStreamDestroy_v2");
  bind(table.cuMemAlloc, "cuMemAlloc_v2");
  bind(table.cuMemFree, "cuMemFree_v2");
  bind(table.cuMemcpyHtoD, "cuMemcpyHtoD_v2");
  bind(table.cuMemcpyDtoH, "cuMemcpyDtoH_v2");
  bind(table.cuMemcpy, "cuMemcpy");
  bind(table.cuGetErrorName, "cuGetErrorName");
  bind(table.cuGetErrorString, "cuGetErrorString");
  return ok;
}

Loaded &state() {
  static Loaded loaded;
  return loaded;
}

void load(Loaded &loaded) {
  const char *name = std::getenv("SNNC_LIBCUDA");
  if (!name || !*name)
    name = "libcuda.so.1";
  // The handle stays open for the process: generated code calls into it until exit.
  void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char *why = dlerror();
    loaded.error = std::string("no NVIDIA GPU driver: ") + (why ? why : name);
    return;
  }
  Driver table{};
  if (!resolve(library, table, &loaded.error))
    return;
  // Before cuInit the error-name functions work, so the table is usable for messages.
  loaded.table = table;
  auto fail = [&](const char *call, CUresult result) {
    loaded.error = describe(call, result);
    loaded.table = Driver{};
  };
  if (CUresult r = table.cuInit(0); r != CUDA_SUCCESS)
    return fail("no usable NVIDIA GPU: cuInit", r);
  int count = 0;
  if (CUresult r = table.cuDeviceGetCount(&count); r != CUDA_SUCCESS)
    return fail("cuDeviceGetCount", r);
  if (count == 0) {
    loaded.error = "no NVIDIA GPU: the driver found no device";
    loaded.table = Driver{};
    return;
  }
  CUdevice device = 0;
  char deviceName[256] = {0};
  if (CUresult r = table.cuDeviceGet(&device, 0); r != CUDA_SUCCESS)
    return fail("cuDeviceGet", r);
  if (CUresult r = table.cuDeviceGetName(deviceName, sizeof(deviceName) - 1, device);
      r != CUDA_SUCCESS)
    return fail("cuDeviceGetName", r);
  if (CUresult r = table.cuDevicePrimaryCtxRetain(&loaded.context, device); r != CUDA_SUCCESS)
    return fail("cuDevicePrimaryCtxRetain", r);
  loaded.device = deviceName;
}

} // namespace

const Driver *driver(std::string *error) {
  static std::once_flag once;
  Loaded &loaded = state();
  std::call_once(once, [&] { load(loaded); });
  if (!loaded.error.empty()) {
    *error = loaded.error;
    return nullptr;
  }
  // The context is current per thread: make it current on every calling thread.
  if (CUresult r = loaded.table.cuCtxSetCurrent(loaded.context); r != CUDA_SUCCESS) {
    *error = describe("cuCtxSetCurrent", r);
    return nullptr;
  }
  return &loaded.table;
}

std::string deviceName() { return state().device; }

namespace {
/// Names of the results a driver that cannot run reports, for when it cannot name
/// them itself (the toolkit's stub library names nothing).
const char *knownResultName(CUresult result) {
  switch (result) {
  case 3:
    return "CUDA_ERROR_NOT_INITIALIZED";
  case 34:
    return "CUDA_ERROR_STUB_LIBRARY";
  case 35:
    return "CUDA_ERROR_INSUFFICIENT_DRIVER";
  case 100:
    return "CUDA_ERROR_NO_DEVICE";
  case 101:
    return "CUDA_ERROR_INVALID_DEVICE";
  default:
    return nullptr;
  }
}
} // namespace

std::string describe(const char *call, CUresult result) {
  const Driver &table = state().table;
  const char *name = nullptr, *text = nullptr;
  if (table.cuGetErrorName && table.cuGetErrorName(result, &name) != CUDA_SUCCESS)
    name = nullptr;
  if (table.cuGetErrorString && table.cuGetErrorString(result, &text) != CUDA_SUCCESS)
    text = nullptr;
  if (!name)
    name = knownResultName(result);
  std::string message = std::string(call) + ": " +
                        (name ? name : "CUDA error " + std::to_string(result));
  if (text)
    message += std::string(" (") + text + ")";
  return message;
}

namespace {
std::mutex failureMutex;
std::string firstFailure;
} // namespace

void recordFailure(const std::string &message) {
  std::lock_guard<std::mutex> lock(failureMutex);
  if (firstFailure.empty())
    firstFailure = message;
}

std::string takeFailure() {
  std::lock_guard<std::mutex> lock(failureMutex);
  std::string message;
  message.swap(firstFailure);
  return message;
}

} // namespace snn::rt::cuda
