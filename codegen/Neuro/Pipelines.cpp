// The neuromorphic mapping pipeline, built once for snnc and registered for snn-opt.
#include "codegen/Neuro/Passes.h"

#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace mlir::neuro;

void mlir::neuro::buildNeuroMappingPipeline(OpPassManager &pm,
                                            const NeuroMappingOptions &options) {
  pm.addPass(createConvertSNNToNeuro(ConvertSNNToNeuroOptions{options.target}));
  OpPassManager &program = pm.nest<ProgramOp>();
  program.addPass(createNeuroEncodeInput(NeuroEncodeInputOptions{options.inputMode}));
  program.addPass(
      createNeuroQuantize(NeuroQuantizeOptions{options.allowApprox, options.inputMax}));
  program.addPass(createNeuroAlignTime());
  program.addPass(createNeuroPartition());
  program.addPass(createNeuroPlace());
  program.addPass(createNeuroRoute());
  program.addPass(createNeuroCheckResources());
  if (!options.outputDir.empty())
    program.addPass(createNeuroEmit(NeuroEmitOptions{options.outputDir}));
}

namespace {
struct MapPipelineOptions : public PassPipelineOptions<MapPipelineOptions> {
  Option<std::string> target{*this, "target", llvm::cl::desc("target description"),
                             llvm::cl::init("generic")};
  Option<std::string> inputMode{*this, "input-mode",
                                llvm::cl::desc("current, bias or spikes (default: the target's)")};
  Option<bool> allowApprox{*this, "allow-approx",
                           llvm::cl::desc("approximate what the target cannot represent"),
                           llvm::cl::init(false)};
  Option<double> inputMax{*this, "input-max", llvm::cl::desc("largest absolute input value"),
                          llvm::cl::init(2.8215)};
  Option<std::string> outputDir{*this, "output-dir",
                                llvm::cl::desc("emit the program into this folder")};
};
} // namespace

void mlir::neuro::registerNeuroPipelines() {
  registerNeuroCodegenPasses();
  PassPipelineRegistration<MapPipelineOptions>(
      "snn-neuro-map",
      "Map a graph-level snn model onto a neuromorphic target: convert, encode the input, "
      "quantise, align time, partition, place, route, check resources (and emit)",
      [](OpPassManager &pm, const MapPipelineOptions &opts) {
        NeuroMappingOptions options;
        options.target = opts.target;
        options.inputMode = opts.inputMode;
        options.allowApprox = opts.allowApprox;
        options.inputMax = opts.inputMax;
        options.outputDir = opts.outputDir;
        buildNeuroMappingPipeline(pm, options);
      });
}
