// From a placed and routed neuro.program to the core program the simulator runs.
#ifndef SNN_CODEGEN_NEURO_BUILDCOREPROGRAM_H
#define SNN_CODEGEN_NEURO_BUILDCOREPROGRAM_H

#include "codegen/Neuro/TargetDescription.h"
#include "dialect/Neuro/NeuroOps.h"
#include "runtime/CoreProgram.h"

#include "mlir/Support/LogicalResult.h"

namespace mlir::neuro {

/// Expands `program` (after snn-neuro-check-resources) into per-core synapse
/// lists and per-neuron routing tables; the layer view is filled too.
FailureOr<::snn::core::Program> buildCoreProgram(ProgramOp program,
                                               const ::snn::neuro::TargetDescription &target);

} // namespace mlir::neuro

#endif // SNN_CODEGEN_NEURO_BUILDCOREPROGRAM_H
