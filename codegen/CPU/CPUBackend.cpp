// The host-CPU target: its stages (unrolled, lowered, llvm, obj, so) and their pipelines.
#include "codegen/CPU/CPUBackend.h"

#include "codegen/CPU/CpuCompiler.h"
#include "codegen/CPU/Passes.h"
#include "codegen/Common/Passes.h"

namespace mlir::snn {

namespace {

class CPUBackend final : public Backend {
public:
  StringRef name() const override { return "cpu"; }
  StringRef summary() const override {
    return "vectorised code for the host CPU: JIT (run, eval, train) or .o/.so files";
  }
  void registerDialects(DialectRegistry &registry) const override {
    registerCPUTranslations(registry);
  }
  void registerPasses() const override { registerSNNCodegenCPU(); }
  ArrayRef<BackendStage> stages() const override {
    static const BackendStage list[] = {
        kUnrolledStage,
        kLoweredStage,
        {"llvm", "LLVM IR, optimised for the host CPU"},
        {"obj", "relocatable object with the C entry point snn_forward", /*binary=*/true},
        {"so",
         "shared object with snn_forward, snn_model_params and snn_model_num_params "
         "(weights embedded)",
         /*binary=*/true},
    };
    return list;
  }
  ArrayRef<StringRef> optionNames() const override {
    static const StringRef list[] = {"soname", "spike-synapses", "with-training"};
    return list;
  }

  void buildPipeline(OpPassManager &pm, StringRef stage,
                     const BackendOptions &options) const override {
    int depth = stage == "unrolled" ? 1 : stage == "lowered" ? 2 : 3;
    TimeExplicitOptions time;
    time.schedule = options.schedule;
    time.unrollMaxSteps = options.unroll;
    time.synapseOnSpikes = options.spikeSynapses;
    buildTimeExplicitPipeline(pm, time);
    if (depth >= 2)
      buildSNNToLinalgPipeline(pm);
    if (depth >= 3) {
      CPULoweringOptions cpu;
      cpu.embedParameters = options.embedParameters;
      if (options.training)
        cpu.trainKernel = "train_step";
      buildLinalgToLLVMPipeline(pm, cpu);
    }
  }

  bool writeText(ModuleOp module, StringRef stage, llvm::raw_ostream &os,
                 const BackendOptions &options, std::string *error) const override {
    if (stage == "llvm")
      return emitLLVMIR(module, os, error);
    return Backend::writeText(module, stage, os, options, error);
  }

  bool writeBinary(ModuleOp module, StringRef stage, StringRef path,
                   const BackendOptions &options, std::string *error) const override {
    if (stage == "obj")
      return emitObjectFile(module, path, error);
    if (stage == "so")
      return emitSharedObject(module, path, options.soname, error);
    return Backend::writeBinary(module, stage, path, options, error);
  }

  std::string executionUnsupportedReason(StringRef) const override { return {}; }
};

} // namespace

const Backend &getCPUBackend() {
  static const CPUBackend backend;
  return backend;
}

} // namespace mlir::snn
