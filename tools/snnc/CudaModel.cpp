// Running compiled models on an NVIDIA GPU: host code JIT-compiled, buffers moved around each call.
#include "tools/snnc/CudaModel.h"

#include "codegen/CPU/CpuCompiler.h"
#include "codegen/CUDA/CUDABackend.h"
#include "runtime/CudaDriver.h"
#include "runtime/CudaKernelABI.h"
#include "tools/snnc/FatalErrors.h"

namespace snn::driver {

namespace {

namespace cu = snn::rt::cuda;

/// A device buffer that grows to the largest size asked of it.
class DeviceBuffer {
public:
  DeviceBuffer() = default;
  DeviceBuffer(const DeviceBuffer &) = delete;
  DeviceBuffer &operator=(const DeviceBuffer &) = delete;
  ~DeviceBuffer() {
    std::string error;
    if (pointer)
      if (const cu::Driver *table = cu::driver(&error))
        table->cuMemFree(pointer);
  }
  /// At least `bytes` bytes; null (after recording why) when the device has no room.
  float *reserve(size_t bytes) {
    if (bytes <= capacity)
      return reinterpret_cast<float *>(pointer);
    std::string error;
    const cu::Driver *table = cu::driver(&error);
    if (!table) {
      cu::recordFailure(error);
      return nullptr;
    }
    if (pointer)
      table->cuMemFree(pointer);
    pointer = 0;
    capacity = 0;
    if (cu::CUresult r = table->cuMemAlloc(&pointer, bytes == 0 ? 1 : bytes);
        r != cu::CUDA_SUCCESS) {
      cu::recordFailure(cu::describe("cuMemAlloc", r));
      return nullptr;
    }
    capacity = bytes;
    return reinterpret_cast<float *>(pointer);
  }

private:
  cu::CUdeviceptr pointer = 0;
  size_t capacity = 0;
};

/// The compiled model's device entry points and the buffers they run on.
struct Session {
  mlir::snn::ForwardFn forward = nullptr;
  snn_train_step_fn trainStep = nullptr;
  std::vector<size_t> paramSizes; // floats
  int64_t inputSize = 0, outputSize = 0, classes = 0;
  DeviceBuffer input, output, target, loss;
  std::vector<DeviceBuffer> params, grads;
  std::vector<float *> paramPointers, gradPointers;

  /// Copies `floats` values between a host and a device buffer, recording a failure.
  bool copy(float *device, float *host, size_t floats, bool toDevice) {
    std::string error;
    const cu::Driver *table = cu::driver(&error);
    if (!table || !device) {
      cu::recordFailure(error.empty() ? "no device buffer" : error);
      return false;
    }
    auto address = reinterpret_cast<cu::CUdeviceptr>(device);
    size_t bytes = floats * sizeof(float);
    cu::CUresult r = toDevice ? table->cuMemcpyHtoD(address, host, bytes)
                              : table->cuMemcpyDtoH(host, address, bytes);
    if (r != cu::CUDA_SUCCESS)
      cu::recordFailure(cu::describe(toDevice ? "cuMemcpyHtoD" : "cuMemcpyDtoH", r));
    return r == cu::CUDA_SUCCESS;
  }
  bool upload(float *device, const float *host, size_t floats) {
    return copy(device, const_cast<float *>(host), floats, /*toDevice=*/true);
  }
  bool download(float *host, const float *device, size_t floats) {
    return copy(const_cast<float *>(device), host, floats, /*toDevice=*/false);
  }
  bool uploadParams(const float *const *host) {
    for (size_t i = 0; i < paramSizes.size(); ++i) {
      paramPointers[i] = params[i].reserve(paramSizes[i] * sizeof(float));
      if (!upload(paramPointers[i], host[i], paramSizes[i]))
        return false;
    }
    return true;
  }
};

Session *active = nullptr;

/// Ends the process with the first GPU failure, if any.
void checkFailure() {
  std::string failure = cu::takeFailure();
  if (!failure.empty())
    fatalError("GPU: " + failure);
}

void forwardOnHost(const float *input, int64_t batch, const float *const *params,
                   float *output) {
  Session &s = *active;
  size_t in = size_t(batch * s.inputSize), out = size_t(batch * s.outputSize);
  float *dIn = s.input.reserve(in * sizeof(float));
  float *dOut = s.output.reserve(out * sizeof(float));
  if (dIn && dOut && s.uploadParams(params) && s.upload(dIn, input, in)) {
    s.forward(dIn, batch, s.paramPointers.data(), dOut);
    checkFailure();
    s.download(output, dOut, out);
  }
  checkFailure();
}

void trainStepOnHost(const float *input, int64_t batch, const float *target,
                     const float *const *params, uint64_t seed, float *loss, float *output,
                     float *const *grads) {
  Session &s = *active;
  size_t in = size_t(batch * s.inputSize), out = size_t(batch * s.outputSize),
         tgt = size_t(batch * s.classes);
  float *dIn = s.input.reserve(in * sizeof(float));
  float *dOut = s.output.reserve(out * sizeof(float));
  float *dTarget = s.target.reserve(tgt * sizeof(float));
  float *dLoss = s.loss.reserve(sizeof(float));
  bool ready = dIn && dOut && dTarget && dLoss && s.uploadParams(params) &&
               s.upload(dIn, input, in) && s.upload(dTarget, target, tgt);
  for (size_t i = 0; ready && i < s.paramSizes.size(); ++i)
    ready = (s.gradPointers[i] = s.grads[i].reserve(s.paramSizes[i] * sizeof(float)));
  if (ready) {
    s.trainStep(dIn, batch, dTarget, const_cast<const float *const *>(s.paramPointers.data()),
                seed, dLoss, dOut, s.gradPointers.data());
    checkFailure();
    bool copied = s.download(loss, dLoss, 1) && s.download(output, dOut, out);
    for (size_t i = 0; copied && i < s.paramSizes.size(); ++i)
      copied = s.download(grads[i], s.gradPointers[i], s.paramSizes[i]);
  }
  checkFailure();
}

} // namespace

snn_forward_fn cudaForwardOnHostBuffers() { return &forwardOnHost; }
snn_train_step_fn cudaTrainStepOnHostBuffers() { return &trainStepOnHost; }

std::unique_ptr<CompiledModel> compileForCUDA(mlir::ModuleOp module, const ModelOptions &options,
                                              const std::string &descriptor,
                                              std::string *error, bool training) {
  if (!cu::driver(error))
    return nullptr;
  auto compiled = std::make_unique<CompiledModel>();
  if (!modelSignature(module, compiled->signature, error))
    return nullptr;
  if (training && compiled->signature.ann) {
    *error = "the model is an ANN (no snn node): add --convert-ann to train it as an SNN";
    return nullptr;
  }
  mlir::snn::BackendOptions target;
  target.descriptor = descriptor;
  target.embedParameters = false;
  if (!collectParameters(module, compiled->params, error) ||
      !lowerTo(module, mlir::snn::getCUDABackend(), "llvm", options, target, error, training))
    return nullptr;
  compiled->jit =
      mlir::snn::CpuJit::create(module, "snn_forward", error, cu::kernelABISymbols());
  if (!compiled->jit)
    return nullptr;
  // The kernel module is loaded by a global constructor when the JIT initialises.
  if (std::string failure = cu::takeFailure(); !failure.empty()) {
    *error = "GPU: " + failure;
    return nullptr;
  }
  static std::unique_ptr<Session> current;
  current = std::make_unique<Session>();
  Session &session = *current;
  session.forward = compiled->jit->forward();
  session.trainStep =
      training ? reinterpret_cast<snn_train_step_fn>(compiled->jit->lookup("snn_train_step"))
               : nullptr;
  int64_t inputSize = 1;
  for (int64_t d : compiled->signature.inputShape)
    inputSize *= d;
  session.inputSize = inputSize;
  session.classes = compiled->signature.classes;
  session.outputSize = compiled->signature.classes * compiled->signature.timeSteps;
  for (const auto &p : compiled->params)
    session.paramSizes.push_back(p.size());
  session.params = std::vector<DeviceBuffer>(compiled->params.size());
  session.grads = std::vector<DeviceBuffer>(compiled->params.size());
  session.paramPointers.assign(compiled->params.size(), nullptr);
  session.gradPointers.assign(compiled->params.size(), nullptr);
  active = current.get();
  compiled->hostForward = &forwardOnHost;
  return compiled;
}

} // namespace snn::driver
