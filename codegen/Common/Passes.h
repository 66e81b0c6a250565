// Lowerings of the `snn` dialect shared by every backend.
#ifndef SNN_CODEGEN_COMMON_PASSES_H
#define SNN_CODEGEN_COMMON_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::snn {

#define GEN_PASS_DECL
#include "codegen/Common/Passes.h.inc"

/// The attribute the dense synapse lowering puts on a product whose left operand holds
/// only spikes (`snn.synapse.dense {spike_input}`), for event-driven backend kernels.
constexpr llvm::StringLiteral kSpikeInputAttrName = "snnc.spike_input";

/// Time-explicit `snn` → linalg on tensors (`--emit lowered`), the first stage of every
/// backend's pipeline.
void buildSNNToLinalgPipeline(OpPassManager &pm);

/// linalg on tensors → on memrefs: one-shot bufferization across function boundaries
/// (identity layouts), results turned into out-parameters, temporaries freed.
void buildBufferizationPipeline(OpPassManager &pm);

/// Appends upstream passes given in the textual pipeline syntax, which is stable across
/// MLIR releases where the C++ option structs are not. A pipeline that does not parse
/// is a compiler bug and fatal.
void addUpstreamPasses(OpPassManager &pm, StringRef pipeline);

/// Registers the shared passes and the `snn-lower-to-linalg` pipeline; calling it
/// again does nothing.
void registerSNNCodegenCommon();

#define GEN_PASS_REGISTRATION
#include "codegen/Common/Passes.h.inc"

} // namespace mlir::snn

#endif // SNN_CODEGEN_COMMON_PASSES_H
