// Pipelines of the NVIDIA GPU backend: linalg → kernels in the GPU dialect → PTX.
#include "codegen/CPU/Passes.h"
#include "codegen/CUDA/Passes.h"
#include "codegen/Common/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/GPU/GPUToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/NVVM/NVVMToLLVMIRTranslation.h"

namespace mlir::snn {

void buildLinalgToGPUPipeline(OpPassManager &pm, bool training, bool onHost) {
  buildBufferizationPipeline(pm);
  // The C entry points first: the copy of a returned output into the caller's buffer
  // and its release are then device work like any other (a kernel, a gpu.dealloc).
  SNNEmitCEntryOptions entry;
  pm.addPass(createSNNEmitCEntry(entry));
  if (training) {
    SNNEmitCEntryOptions train;
    train.kernel = "train_step";
    train.cName = "snn_train_step";
    train.abi = "train";
    pm.addPass(createSNNEmitCEntry(train));
  }
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createSNNCopiesToLinalg());
  funcPm.addPass(createSNNCUDAContractionsToLoops());
  addUpstreamPasses(funcPm, "convert-linalg-to-parallel-loops,canonicalize");
  funcPm.addPass(createSNNCUDATimeInsideKernels());
  funcPm.addPass(createSNNCUDAMapParallelLoops());
  funcPm.addPass(createSNNCUDAConstantsIntoKernels());
  if (onHost) {
    // The same kernels, inlined as loops over blocks and threads, with the same
    // arithmetic expansion as the PTX.
    funcPm.addPass(createSNNCUDALaunchesToLoops());
    funcPm.addPass(createSNNCUDAExpandMath());
    addUpstreamPasses(pm, "canonicalize,cse");
    return;
  }
  addUpstreamPasses(pm, "gpu-kernel-outlining");
  pm.addPass(createSNNCUDAMergeKernelModules());
  addUpstreamPasses(pm, "canonicalize,cse");
}

void buildGPUToPTXPipeline(OpPassManager &pm, const CUDALoweringOptions &options) {
  addUpstreamPasses(pm, "nvvm-attach-target{chip=" + options.chip +
                            " features=" + options.features + " O=3}");
  OpPassManager &kernels = pm.nest<gpu::GPUModuleOp>();
  kernels.addPass(createSNNCUDAExpandMath());
  addUpstreamPasses(kernels, "expand-strided-metadata,lower-affine,convert-scf-to-cf,"
                             "convert-math-to-llvm,convert-gpu-to-nvvm,"
                             "canonicalize,cse,reconcile-unrealized-casts");
  addUpstreamPasses(pm, "gpu-module-to-binary{format=isa}");
}

void buildGPUHostToLLVMPipeline(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(createSNNCUDADeviceBuffers());
  addUpstreamPasses(pm, "expand-strided-metadata,lower-affine,convert-scf-to-cf,"
                        "finalize-memref-to-llvm,convert-arith-to-llvm,convert-index-to-llvm,"
                        "convert-cf-to-llvm,convert-func-to-llvm,gpu-to-llvm,"
                        "reconcile-unrealized-casts");
}

void buildEmulatedHostToLLVMPipeline(OpPassManager &pm) {
  addUpstreamPasses(pm, "expand-strided-metadata,lower-affine,convert-scf-to-cf,"
                        "finalize-memref-to-llvm{use-generic-functions=true},"
                        "convert-math-to-llvm,convert-arith-to-llvm,convert-index-to-llvm,"
                        "convert-cf-to-llvm,convert-func-to-llvm,reconcile-unrealized-casts");
  // As on the CPU target: an allocation that fails is reported, not dereferenced.
  pm.addPass(createSNNCPUCheckAllocations());
}

void registerCUDATranslations(DialectRegistry &registry) {
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerGPUDialectTranslation(registry);
  gpu::registerOffloadingLLVMTranslationInterfaceExternalModels(registry);
  registerNVVMDialectTranslation(registry);
  NVVM::registerNVVMTargetInterfaceExternalModels(registry);
}

namespace {
struct PTXOptions : PassPipelineOptions<PTXOptions> {
  Option<std::string> chip{*this, "chip", llvm::cl::desc("GPU architecture"),
                           llvm::cl::init("sm_90")};
  Option<std::string> features{*this, "features", llvm::cl::desc("PTX ISA version"),
                               llvm::cl::init("+ptx80")};
};
} // namespace

void registerSNNCodegenCUDA() {
  static const bool registered = [] {
    registerSNNCodegenCommon();
    registerSNNCodegenCUDAPasses();
    PassPipelineRegistration<>(
        "snn-lower-to-gpu",
        "Bufferize linalg-on-tensors model code (@forward), add its C entry point and "
        "turn both into GPU kernels launched from host functions",
        [](OpPassManager &pm) { buildLinalgToGPUPipeline(pm, /*training=*/false); });
    PassPipelineRegistration<PTXOptions>(
        "snn-gpu-to-ptx", "Lower outlined kernels to NVVM and serialise them as PTX",
        [](OpPassManager &pm, const PTXOptions &opts) {
          CUDALoweringOptions options;
          options.chip = opts.chip;
          options.features = opts.features;
          buildGPUToPTXPipeline(pm, options);
        });
    return true;
  }();
  (void)registered;
}

} // namespace mlir::snn
