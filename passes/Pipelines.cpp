// The `snn-time-explicit` pipeline: graph level → explicit time, as used by snnc.
#include "passes/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

namespace mlir::snn {

void buildTimeExplicitPipeline(OpPassManager &pm, const TimeExplicitOptions &options) {
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  if (options.inference)
    funcPm.addPass(createSNNStripDropout());
  funcPm.addPass(createCanonicalizerPass());
  if (options.schedule == Schedule::LayerByLayer) {
    funcPm.addPass(createSNNScheduleLayerByLayer());
  } else {
    funcPm.addPass(createSNNIntroduceTimeLoop());
    if (options.unrollMaxSteps > 0)
      funcPm.addPass(createSNNUnrollTime(SNNUnrollTimeOptions{options.unrollMaxSteps}));
  }
  funcPm.addPass(createCanonicalizerPass());
  funcPm.addPass(createCSEPass());
}

namespace {
struct TimeExplicitPipelineOptions : PassPipelineOptions<TimeExplicitPipelineOptions> {
  Option<std::string> schedule{*this, "schedule",
                               llvm::cl::desc("layer (default) or step"),
                               llvm::cl::init("layer")};
  Option<int64_t> unroll{*this, "unroll",
                         llvm::cl::desc("step schedule: unroll loops up to this many steps"),
                         llvm::cl::init(0)};
  Option<bool> training{*this, "training", llvm::cl::desc("keep dropout"),
                        llvm::cl::init(false)};
};
} // namespace

void registerSNNTransforms() {
  registerSNNTransformsPasses();
  PassPipelineRegistration<TimeExplicitPipelineOptions>(
      "snn-time-explicit",
      "Make time explicit in graph-level snn functions (strip dropout, canonicalise, then "
      "the layer-by-layer or step-by-step schedule)",
      [](OpPassManager &pm, const TimeExplicitPipelineOptions &opts) {
        TimeExplicitOptions options;
        options.schedule =
            opts.schedule == "step" ? Schedule::StepByStep : Schedule::LayerByLayer;
        options.unrollMaxSteps = opts.unroll;
        options.inference = !opts.training;
        buildTimeExplicitPipeline(pm, options);
      });
}

} // namespace mlir::snn
