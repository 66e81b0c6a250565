// Pipelines of the host-CPU backend: snn → linalg → bufferized loops → LLVM dialect.
#include "codegen/CPU/Passes.h"
#include "codegen/Common/Passes.h"

#include "mlir/Pass/PassRegistry.h"

namespace mlir::snn {

void buildLinalgToLLVMPipeline(OpPassManager &pm, const CPULoweringOptions &options) {
  buildBufferizationPipeline(pm);
  if (!options.genericCName.empty()) {
    SNNCPUEmitGenericEntryOptions generic;
    generic.kernel = options.kernel;
    generic.cName = options.genericCName;
    generic.numOutputs = options.genericNumOutputs;
    pm.addPass(createSNNCPUEmitGenericEntry(generic));
  } else {
    SNNEmitCEntryOptions entry;
    entry.kernel = options.kernel;
    entry.cName = options.cName;
    entry.embedParameters = options.embedParameters;
    pm.addPass(createSNNEmitCEntry(entry));
  }
  if (!options.trainKernel.empty()) {
    SNNEmitCEntryOptions train;
    train.kernel = options.trainKernel;
    train.cName = options.trainCName;
    train.abi = "train";
    pm.addPass(createSNNEmitCEntry(train));
  }
  pm.addNestedPass<func::FuncOp>(createSNNCopiesToLinalg());
  pm.addNestedPass<func::FuncOp>(createSNNCPUVectorizeContractions());
  addUpstreamPasses(
      pm, "func.func(convert-linalg-to-loops),lower-affine,convert-scf-to-cf,"
          "expand-strided-metadata,lower-affine,"
          "finalize-memref-to-llvm{use-generic-functions=true},"
          "convert-vector-to-llvm,convert-math-to-llvm,convert-arith-to-llvm,convert-index-to-llvm,"
          "convert-cf-to-llvm,convert-func-to-llvm,reconcile-unrealized-casts");
  // Allocations go through module-private functions that report a failure instead of
  // dereferencing null.
  pm.addPass(createSNNCPUCheckAllocations());
}

namespace {
struct LowerToLLVMOptions : PassPipelineOptions<LowerToLLVMOptions> {
  Option<std::string> kernel{*this, "kernel", llvm::cl::desc("model function"),
                             llvm::cl::init("forward")};
  Option<std::string> cName{*this, "c-name", llvm::cl::desc("C entry point"),
                            llvm::cl::init("snn_forward")};
  Option<std::string> train{*this, "train-kernel",
                            llvm::cl::desc("training function to expose as snn_train_step"),
                            llvm::cl::init("")};
  Option<bool> embed{*this, "embed-parameters",
                     llvm::cl::desc("freeze parameter values into the code"),
                     llvm::cl::init(false)};
  Option<std::string> generic{*this, "generic-c-name",
                              llvm::cl::desc("expose the kernel through "
                                             "snn-cpu-emit-generic-entry under this name"),
                              llvm::cl::init("")};
  Option<int64_t> numOutputs{*this, "num-outputs",
                             llvm::cl::desc("the kernel's results (generic entry)"),
                             llvm::cl::init(0)};
};
} // namespace

void registerSNNCodegenCPU() {
  registerSNNCodegenCPUPasses();
  registerSNNCodegenCommon();
  PassPipelineRegistration<LowerToLLVMOptions>(
      "snn-lower-to-llvm",
      "Bufferize linalg-on-tensors model code, add the C entry point and lower to the "
      "LLVM dialect",
      [](OpPassManager &pm, const LowerToLLVMOptions &opts) {
        CPULoweringOptions options;
        options.kernel = opts.kernel;
        options.cName = opts.cName;
        options.embedParameters = opts.embed;
        options.trainKernel = opts.train;
        options.genericCName = opts.generic;
        options.genericNumOutputs = opts.numOutputs;
        buildLinalgToLLVMPipeline(pm, options);
      });
}

} // namespace mlir::snn
