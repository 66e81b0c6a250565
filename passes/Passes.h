// Declarations and registration of the target-independent `snn` passes and pipelines.
#ifndef SNN_PASSES_PASSES_H
#define SNN_PASSES_PASSES_H

#include "dialect/SNN/SNNOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::snn {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

/// How time is made explicit.
enum class Schedule { LayerByLayer, StepByStep };

struct TimeExplicitOptions {
  Schedule schedule = Schedule::LayerByLayer;
  /// Step schedule only: fully unroll loops up to this many steps (0 = keep the loop).
  int64_t unrollMaxSteps = 0;
  /// Remove dropout (inference).
  bool inference = true;
  /// Layer schedule: run the first synapse once on a held input
  /// (snn-hoist-time-invariant).
  bool hoistTimeInvariant = true;
  /// Layer schedule: dense synapses read their neuron's spikes and filter their output
  /// (snn-synapse-on-spikes). Off by default: it pays only at low spike densities.
  bool synapseOnSpikes = false;
};

/// Graph-level `snn` → explicit time (`--emit unrolled`): strip dropout, canonicalise,
/// then the chosen schedule.
void buildTimeExplicitPipeline(OpPassManager &pm, const TimeExplicitOptions &options);

/// Registers the passes above and the `snn-time-explicit` pipeline with the global registry.
void registerSNNTransforms();

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

} // namespace mlir::snn

#endif // SNN_PASSES_PASSES_H
