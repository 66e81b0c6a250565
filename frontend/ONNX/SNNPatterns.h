// Internal: the pattern groups of the `snn` profile and what they share.
#ifndef SNN_FRONTEND_ONNX_SNNPATTERNS_H
#define SNN_FRONTEND_ONNX_SNNPATTERNS_H

#include "frontend/ONNX/ONNXPatterns.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace snn::onnx {

/// A pattern of the snn profile: the node's data input (operand 0) and first result
/// must be float32 tensors of known rank, as every snn op needs; then rewriteSNN runs.
class SNNNodePattern : public NodePattern {
public:
  using NodePattern::NodePattern;

protected:
  mlir::LogicalResult rewriteNode(NodeOp op, mlir::ValueRange operands,
                                  mlir::ConversionPatternRewriter &rewriter) const final;
  virtual mlir::LogicalResult rewriteSNN(NodeOp op, mlir::ValueRange operands,
                                         mlir::ConversionPatternRewriter &rewriter) const = 0;
};

/// snn.PSP, snn.LIF.
void populateSNNNeuronPatterns(mlir::RewritePatternSet &patterns);
/// Gemm, MatMul, Conv (a bias becomes snn.bias after the synapse).
void populateSNNSynapsePatterns(mlir::RewritePatternSet &patterns);
/// Flatten, Reshape, Dropout, Identity, AveragePool, Mul (pool scale).
void populateSNNShapePatterns(mlir::RewritePatternSet &patterns);

/// --convert-ann after the patterns: an snn.psp on the input (TSSL-BP models start
/// with one) and an snn.lif on an output that a synapse or pool produces directly.
void finishConvertedANN(mlir::func::FuncOp fn, const ConvertANNOptions &options);

} // namespace snn::onnx

#endif // SNN_FRONTEND_ONNX_SNNPATTERNS_H
