// Passes of the ONNX frontend.
#ifndef SNN_FRONTEND_ONNX_PASSES_TD
#define SNN_FRONTEND_ONNX_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertONNXToSNN : Pass<"convert-onnx-to-snn", "mlir::ModuleOp"> {
  let summary = "Lower an imported `onnx` graph to the snn dialect or to linalg";
  let description = [{
    Gives the faithfully imported `onnx.node`s their semantics with rewrite patterns
    keyed on (op type, opset version 11..17). A graph with a node of the `snn` domain
    follows the `snn` profile and becomes graph-level `snn` IR: the batch dimension is
    made dynamic, weights consumed by synapses become `snn.parameter`s passed as
    arguments of `@forward`, and `snn.time_steps` is set. A graph without one is an
    ordinary ANN lowered to linalg/tensor/arith over tensors — unless `convert-ann` is
    set, which turns it into an SNN (Relu → `snn.lif`, MaxPool → sum pooling,
    BatchNormalization folded into the preceding Conv/Gemm, `snn.psp` on the input).
    A node no pattern handles is reported as "node 'NAME' (OP): REASON".
  }];
  let options = [
    Option<"convertANN", "convert-ann", "bool", "false",
           "Turn an ANN into an SNN for TSSL-BP fine-tuning">,
    Option<"timeSteps", "time-steps", "int64_t", "0",
           "Time steps of an SNN (0 = the model's, default 5)">,
    Option<"tauM", "tau-m", "float", "5.0f", "--convert-ann: membrane time constant">,
    Option<"tauS", "tau-s", "float", "3.0f", "--convert-ann: synaptic time constant">,
    Option<"threshold", "threshold", "float", "1.0f", "--convert-ann: firing threshold">
  ];
  let dependentDialects = ["::mlir::snn::SNNDialect", "::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect", "::mlir::linalg::LinalgDialect",
                           "::mlir::math::MathDialect", "::mlir::func::FuncDialect"];
}

#endif // SNN_FRONTEND_ONNX_PASSES_TD
