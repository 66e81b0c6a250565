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

def SNNEmitCEntry : Pass<"snn-emit-c-entry", "ModuleOp"> {
  let summary = "Add a plain C entry point over a bufferized model function";
  let description = [{
    After bufferization (results turned into out-parameters), the model function takes
    memrefs: the input, one per parameter, then the output. This pass adds
    `void <c-name>(const float *input, int64_t batch, const float *const *params,
    float *output)`, which builds the memref descriptors (row-major, the dynamic batch
    dimension from `batch`) and calls the model function. JIT and `.so` users call
    this symbol; it is the documented ABI of compiled models. The buffers passed must not
    overlap: the model function's arguments are marked `llvm.noalias`.

    For sizing buffers it also adds `int64_t snn_model_input_size(void)` (floats per
    input sample), `snn_model_output_size` (floats per output sample, `classes * T`),
    `snn_model_classes` and `snn_model_time_steps`.

    Weights then travel through `params`, so the `snn.parameter` ops and argument tags
    are removed. With `embed-parameters`, their values are first frozen into the code as
    constant globals exposed by `const float *const *snn_model_params(void)` and
    `int64_t snn_model_num_params(void)`, making a `.so` a self-contained model.
  }];
  let options = [
    Option<"kernel", "kernel", "std::string", "\"forward\"", "The bufferized model function">,
    Option<"cName", "c-name", "std::string", "\"snn_forward\"", "Name of the C entry point">,
    Option<"abi", "abi", "std::string", "\"forward\"",
           "forward: (input, batch, params, output); train: (input, batch, target, params, loss, output, grads)">,
    Option<"embedParameters", "embed-parameters", "bool", "false",
           "Freeze the snn.parameter values into the code with accessor functions">
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect", "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect"];
}

#endif // SNN_CODEGEN_COMMON_PASSES_TD
