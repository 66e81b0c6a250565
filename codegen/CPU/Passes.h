// Passes and pipelines of the host-CPU backend.
#ifndef SNN_CODEGEN_CPU_PASSES_H
#define SNN_CODEGEN_CPU_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::snn {

#define GEN_PASS_DECL
#include "codegen/CPU/Passes.h.inc"

struct CPULoweringOptions {
  std::string kernel = "forward";
  std::string cName = "snn_forward";
  /// Freeze the snn.parameter values into the code (for `.o`/`.so` artifacts).
  bool embedParameters = false;
  /// A training function (from snn-derive-training) to expose as `trainCName` too.
  std::string trainKernel;
  std::string trainCName = "snn_train_step";
  /// Instead of `cName`, expose `kernel` through snn-cpu-emit-generic-entry under this
  /// name (parameters embedded): `void f(const float *const *in, float *const *out)`.
  std::string genericCName;
  /// The kernel's number of results (they become the trailing out-parameters).
  int64_t genericNumOutputs = 0;
};

/// linalg on tensors → LLVM dialect with the C entry point: bufferize, turn results into
/// out-parameters, free temporaries, lower to loops and to LLVM.
void buildLinalgToLLVMPipeline(OpPassManager &pm, const CPULoweringOptions &options);

/// Registers the CPU passes and the `snn-lower-to-llvm` pipeline, and through
/// registerSNNCodegenCommon the shared passes and `snn-lower-to-linalg`.
void registerSNNCodegenCPU();

#define GEN_PASS_REGISTRATION
#include "codegen/CPU/Passes.h.inc"

} // namespace mlir::snn

#endif // SNN_CODEGEN_CPU_PASSES_H
