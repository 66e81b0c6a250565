// Passes and the mapping pipeline of the neuromorphic backend.
#ifndef SNN_CODEGEN_NEURO_PASSES_H
#define SNN_CODEGEN_NEURO_PASSES_H

#include "dialect/Neuro/NeuroOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

#include <string>

namespace mlir::neuro {

#define GEN_PASS_DECL
#include "codegen/Neuro/Passes.h.inc"

struct NeuroMappingOptions {
  std::string target = "generic";
  std::string inputMode;
  bool allowApprox = false;
  double inputMax = 2.8215;
  /// Empty: stop after the resource check (`snnc compile --emit isa`).
  std::string outputDir;
};

/// snn forward function -> neuro.program, quantised, encoded, aligned,
/// partitioned, placed, routed, checked and (with an output folder) emitted.
void buildNeuroMappingPipeline(OpPassManager &pm, const NeuroMappingOptions &options);

#define GEN_PASS_REGISTRATION
#include "codegen/Neuro/Passes.h.inc"

/// Registers the passes and the `snn-neuro-map` pipeline with the global registry.
void registerNeuroPipelines();

} // namespace mlir::neuro

#endif // SNN_CODEGEN_NEURO_PASSES_H
