// The target-neutral head of every backend's pipeline: time-explicit snn → linalg on tensors.
#include "codegen/Common/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::snn {

void addUpstreamPasses(OpPassManager &pm, StringRef pipeline) {
  if (failed(parsePassPipeline(pipeline, pm, llvm::errs())))
    llvm::report_fatal_error(llvm::Twine("bad built-in pipeline: ") + pipeline);
}

void buildSNNToLinalgPipeline(OpPassManager &pm) {
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createConvertSNNToLinalg());
  // No linalg elementwise fusion: it folds the reshapes around synapses into the
  // contractions, which hides their 2-D matrix form from snn-cpu-vectorize-contractions.
  addUpstreamPasses(funcPm, "convert-elementwise-to-linalg,canonicalize,cse");
}

void buildBufferizationPipeline(OpPassManager &pm) {
  addUpstreamPasses(pm, "one-shot-bufferize{bufferize-function-boundaries "
                        "function-boundary-type-conversion=identity-layout-map},"
                        "canonicalize,buffer-results-to-out-params{hoist-static-allocs=true "
                        "modify-public-functions=true},"
                        "buffer-deallocation-pipeline,canonicalize");
}

void registerSNNCodegenCommon() {
  // Every backend's registration calls this, and MLIR rejects a pipeline name
  // registered twice.
  static const bool registered = [] {
    registerSNNCodegenCommonPasses();
    PassPipelineRegistration<>(
        "snn-lower-to-linalg",
        "Lower time-explicit snn functions to linalg/tensor/scf (elementwise ops are not "
        "fused: see docs/pipeline.md)",
        [](OpPassManager &pm) { buildSNNToLinalgPipeline(pm); });
    return true;
  }();
  (void)registered;
}

} // namespace mlir::snn
