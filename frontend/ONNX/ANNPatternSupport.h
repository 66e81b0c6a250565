// What the ANN op patterns share: a function-backed NodePattern and result replacement.
#ifndef SNN_FRONTEND_ONNX_ANNPATTERNSUPPORT_H
#define SNN_FRONTEND_ONNX_ANNPATTERNSUPPORT_H

#include "frontend/ONNX/ONNXPatterns.h"

#include <string>

namespace snn::onnx {

using RewriteFn = mlir::LogicalResult (*)(NodeOp, mlir::ValueRange,
                                          mlir::ConversionPatternRewriter &);

/// A NodePattern whose rewrite is a plain function: the ANN ops differ only in it.
class ANNPattern : public NodePattern {
public:
  ANNPattern(mlir::MLIRContext *ctx, llvm::StringRef opType, int64_t minVersion, int64_t maxVersion,
             RewriteFn fn)
      : NodePattern(ctx, opType, minVersion, maxVersion), fn(fn) {}

protected:
  mlir::LogicalResult rewriteNode(NodeOp op, mlir::ValueRange operands,
                                  mlir::ConversionPatternRewriter &rewriter) const override;

private:
  RewriteFn fn;
};

/// Replaces the node's results, casting to the importer's inferred types where they are
/// less (or differently) static than the computed ones.
mlir::LogicalResult replace(NodeOp op, mlir::ConversionPatternRewriter &rewriter,
                            llvm::ArrayRef<mlir::Value> values);

/// Replaces the node's single result, or reports `why` as unsupported.
mlir::LogicalResult finish(NodeOp op, mlir::ConversionPatternRewriter &rewriter,
                           mlir::FailureOr<mlir::Value> value, const std::string &why);

/// Checks the number of inputs (absent optional inputs included) and of outputs.
mlir::LogicalResult checkArity(NodeOp op, mlir::ValueRange operands, unsigned minInputs,
                               unsigned maxInputs, unsigned maxOutputs = 1);

/// Input `index`, or null when it is absent.
mlir::Value optionalInput(mlir::ValueRange operands, unsigned index);

/// The values of a constant integer tensor, or nothing.
std::optional<llvm::SmallVector<int64_t>> getConstantInts(mlir::Value value);

/// The elements of a 1-D integer tensor built by the shape-computation patterns: each a
/// constant (IntegerAttr) or an i64 scalar Value; nothing when they cannot be traced.
std::optional<llvm::SmallVector<mlir::OpFoldResult>> getShapeElements(mlir::Value value);

/// The dimension `d` of `of` when `element` is index_cast(tensor.dim(of, d)).
std::optional<int64_t> getDimOf(mlir::OpFoldResult element, mlir::Value of);

/// Math functions, Pow, PRelu, Max/Min/Sum/Mean, LeakyRelu, Clip, LogSoftmax,
/// LayerNormalization and Reduce* (ANNMathPatterns.cpp).
void populateANNMathPatterns(mlir::RewritePatternSet &patterns);

/// Shape computations on int64 tensors (Shape, Gather, Unsqueeze, Squeeze), folded to
/// constants where the values are known (ANNShapeComputation.cpp).
void populateANNShapeComputationPatterns(mlir::RewritePatternSet &patterns);

} // namespace snn::onnx

#endif // SNN_FRONTEND_ONNX_ANNPATTERNSUPPORT_H
