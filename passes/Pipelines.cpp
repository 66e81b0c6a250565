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
    if (options.hoistTimeInvariant)
      funcPm.addPass(createSNNHoistTimeInvariant());
    if (options.synapseOnSpikes)
      funcPm.addPass(createSNNSynapseOnSpikes());
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
  Option<bool> hoist{*this, "hoist-time-invariant",
                     llvm::cl::desc("layer schedule: run the first synapse once on a held "
                                    "input (snn-hoist-time-invariant)"),
                     llvm::cl::init(true)};
  Option<bool> spikes{*this, "synapse-on-spikes",
                      llvm::cl::desc("layer schedule: feed dense synapses their neuron's "
                                     "spikes (snn-synapse-on-spikes)"),
                      llvm::cl::init(false)};
};

/// The options as the C++ builder takes them; fails through `errorHandler` on a value
/// outside its range (a plain string option would silently fall back to the layer
/// schedule).
LogicalResult toOptions(const TimeExplicitPipelineOptions &opts, TimeExplicitOptions &options,
                        function_ref<LogicalResult(const Twine &)> errorHandler) {
  if (opts.schedule != "layer" && opts.schedule != "step")
    return errorHandler("snn-time-explicit: unknown schedule '" + opts.schedule.getValue() +
                        "' (expected 'layer' or 'step')");
  if (opts.unroll < 0)
    return errorHandler("snn-time-explicit: unroll=" + Twine(opts.unroll) +
                        " is negative (expected a number of steps; 0 keeps the time loop)");
  options.schedule =
      opts.schedule == "step" ? Schedule::StepByStep : Schedule::LayerByLayer;
  options.unrollMaxSteps = opts.unroll;
  options.inference = !opts.training;
  options.hoistTimeInvariant = opts.hoist;
  options.synapseOnSpikes = opts.spikes;
  return success();
}
} // namespace

void registerSNNTransforms() {
  registerSNNTransformsPasses();
  // Registered through the untyped form so that option values can be rejected.
  registerPassPipeline(
      "snn-time-explicit",
      "Make time explicit in graph-level snn functions (strip dropout, canonicalise, then "
      "the layer-by-layer or step-by-step schedule)",
      [](OpPassManager &pm, StringRef text,
         function_ref<LogicalResult(const Twine &)> errorHandler) {
        TimeExplicitPipelineOptions opts;
        TimeExplicitOptions options;
        if (failed(opts.parseFromString(text)) ||
            failed(toOptions(opts, options, errorHandler)))
          return failure();
        buildTimeExplicitPipeline(pm, options);
        return success();
      },
      [](function_ref<void(const mlir::detail::PassOptions &)> optionHandler) {
        optionHandler(TimeExplicitPipelineOptions());
      });
}

} // namespace mlir::snn
