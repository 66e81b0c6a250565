// Lowerings of the `snn` dialect shared by every backend.
#ifndef SNN_CODEGEN_COMMON_PASSES_TD
#define SNN_CODEGEN_COMMON_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSNNToLinalg : Pass<"convert-snn-to-linalg", "func::FuncOp"> {
  let summary = "Lower time-explicit snn ops to linalg, tensor and scf on tensors";
  let description = [{
    Dense synapses become a `linalg.generic` contraction (weights `[out, in]`, the
    reduction innermost and contiguous for both operands), convolutions
    `linalg.conv_2d_nchw_fchw` after `tensor.pad`, scaled sum pooling
    `linalg.pooling_nchw_sum` followed by the scale, flatten/reshape tensor reshapes.
    Neuron steps (`snn.psp.step`, `snn.lif.step`) become elementwise `linalg.generic`
    ops; the sequence forms (`snn.psp.seq`, `snn.lif.seq`) an `scf.for` over time whose
    body is that elementwise update on one time slice; `snn.time_loop` an `scf.for` whose
    iteration arguments are the carried state and the stacked outputs. Reductions carry
    `reassoc` fast-math flags so LLVM may vectorise them.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect", "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect"];
}

def SNNCopiesToLinalg : Pass<"snn-copies-to-linalg", "func::FuncOp"> {
  let summary = "Rewrite memref.copy as linalg.copy so it becomes inline loops";
  let description = [{
    The LLVM lowering of a `memref.copy` that is not provably contiguous calls
    `memrefCopy` from MLIR's C runner library. Compiled models must be self-contained
    shared objects, so copies are expressed as `linalg.copy` and lowered to loops (on
    the CPU) or to kernels (on GPUs, where the host must not touch device buffers).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // SNN_CODEGEN_COMMON_PASSES_TD
