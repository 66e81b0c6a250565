// The NVIDIA GPU target: its stages (unrolled, lowered, gpu, ptx), their pipelines and PTX output.
#include "codegen/CUDA/CUDABackend.h"

#include "codegen/CPU/CpuCompiler.h"
#include "codegen/CUDA/Passes.h"
#include "codegen/Common/Passes.h"
#include "runtime/CudaDriver.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"

namespace mlir::snn {

namespace {

/// "sm_90" or "sm_90a" → 90; 0 when `chip` is not of that form.
int smVersion(StringRef chip) {
  int version = 0;
  if (!chip.consume_front("sm_"))
    return 0;
  chip.consume_back("a");
  if (chip.empty() || chip.getAsInteger(10, version))
    return 0;
  return version;
}

/// The descriptor of the host emulation: kernels run on the CPU as loops over blocks
/// and threads (snn-cuda-launches-to-loops), no GPU needed.
constexpr StringLiteral kHostDescriptor = "host";

/// The oldest architecture LLVM 22's NVPTX back end and CUDA 13's ptxas both take.
constexpr int kOldestSm = 75;

class CUDABackend final : public Backend {
public:
  StringRef name() const override { return "cuda"; }
  StringRef summary() const override {
    return "NVIDIA GPUs: kernels generated through MLIR's GPU and NVVM dialects, PTX from "
           "LLVM (no CUDA toolkit needed); :sm_XX picks the architecture, :host runs the "
           "same kernels on the CPU as loops over blocks and threads (a check without a "
           "GPU; one thread, slow)";
  }
  StringRef defaultDescriptor() const override { return "sm_90"; }
  std::string descriptorError(StringRef descriptor) const override {
    if (descriptor == kHostDescriptor)
      return {};
    int version = smVersion(descriptor);
    if (version == 0)
      return ("target 'cuda:" + descriptor +
              "': expected a GPU architecture such as sm_80 or sm_90a, or 'host'")
          .str();
    if (version < kOldestSm)
      return ("target 'cuda:" + descriptor + "': architectures before sm_" +
              Twine(kOldestSm) + " are not supported")
          .str();
    return {};
  }
  void registerDialects(DialectRegistry &registry) const override {
    registerCUDATranslations(registry);
  }
  void registerPasses() const override { registerSNNCodegenCUDA(); }
  ArrayRef<BackendStage> stages() const override {
    static const BackendStage list[] = {
        kUnrolledStage,
        kLoweredStage,
        {"gpu", "host functions launching GPU kernels (gpu dialect; kernels in gpu.module)"},
        {"ptx", "the kernels as one PTX module (with --with-training, the training "
                "function's too)"},
        {"llvm", "LLVM IR of the host side: C entry points over device pointers, launches "
                 "through the runtime's mgpu* functions, the PTX embedded"},
        {"so",
         "the host side as a shared object (weights not embedded); the program that "
         "loads it provides the mgpu* functions (runtime/CudaKernelABI.h)",
         /*binary=*/true},
    };
    return list;
  }

  ArrayRef<StringRef> optionNames() const override {
    static const StringRef list[] = {"soname", "with-training"};
    return list;
  }

  void buildPipeline(OpPassManager &pm, StringRef stage,
                     const BackendOptions &options) const override {
    int depth = stage == "unrolled" ? 1
                : stage == "lowered"  ? 2
                : stage == "gpu"      ? 3
                : stage == "ptx"      ? 4
                                      : 5; // llvm, so
    TimeExplicitOptions time;
    time.schedule = options.schedule;
    time.unrollMaxSteps = options.unroll;
    buildTimeExplicitPipeline(pm, time);
    if (depth >= 2)
      buildSNNToLinalgPipeline(pm);
    bool onHost = options.descriptor == kHostDescriptor;
    if (depth >= 3)
      buildLinalgToGPUPipeline(pm, options.training, onHost);
    if (onHost) {
      if (depth >= 4)
        buildEmulatedHostToLLVMPipeline(pm);
      return;
    }
    if (depth >= 4) {
      CUDALoweringOptions cuda;
      cuda.chip = options.descriptor;
      // PTX 8.0 covers every architecture up to sm_90; later ones need 8.6.
      cuda.features = smVersion(options.descriptor) >= 100 ? "+ptx86" : "+ptx80";
      buildGPUToPTXPipeline(pm, cuda);
    }
    if (depth >= 5)
      buildGPUHostToLLVMPipeline(pm);
  }

  bool writeText(ModuleOp module, StringRef stage, llvm::raw_ostream &os,
                 const BackendOptions &options, std::string *error) const override {
    if (stage == "llvm")
      return emitLLVMIR(module, os, error);
    if (stage != "ptx")
      return Backend::writeText(module, stage, os, options, error);
    if (options.descriptor == kHostDescriptor) {
      *error = "target 'cuda:host' runs the kernels on the CPU and has no PTX; use a GPU "
               "architecture such as cuda:sm_90";
      return false;
    }
    bool any = false;
    module.walk([&](gpu::BinaryOp binary) {
      for (Attribute object : binary.getObjects()) {
        auto gpuObject = cast<gpu::ObjectAttr>(object);
        os << "// ---- kernel module @" << binary.getSymName() << " ("
           << gpuObject.getTarget() << ")\n"
           << gpuObject.getObject().getValue() << "\n";
        any = true;
      }
    });
    if (!any)
      os << "// the model has no kernels\n";
    return true;
  }

  bool writeBinary(ModuleOp module, StringRef stage, StringRef path,
                   const BackendOptions &options, std::string *error) const override {
    if (stage == "so")
      return emitSharedObject(module, path, options.soname, error);
    return Backend::writeBinary(module, stage, path, options, error);
  }

  /// run, eval and train execute on the GPU (or, for cuda:host, on the CPU); where the
  /// driver or a device is missing they stop with its reason before reading data or
  /// compiling anything.
  std::string executionUnsupportedReason(StringRef descriptor) const override {
    if (descriptor == kHostDescriptor)
      return {};
    std::string error;
    if (!::snn::rt::cuda::driver(&error))
      return error;
    return {};
  }
};

} // namespace

const Backend &getCUDABackend() {
  static const CUDABackend backend;
  return backend;
}

} // namespace mlir::snn
