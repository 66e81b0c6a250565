// convert-onnx-to-snn patterns for math functions, Pow, PRelu, variadic Max/Min/Sum/Mean,
// bounded activations, LogSoftmax, LayerNormalization and reductions (beyond the ANN core set; they
// make exported and "expanded" graphs import).
#include "frontend/ONNX/ANNBuilders.h"
#include "frontend/ONNX/ANNPatternSupport.h"

using namespace mlir;
namespace ann = mlir::snn::ann;

namespace snn::onnx {

namespace {

template <ann::UnaryKind kind>
LogicalResult rewriteMath(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {})) || failed(checkArity(op, operands, 1, 1)))
    return failure();
  std::string why;
  return finish(op, rewriter, ann::unary(rewriter, op.getLoc(), kind, operands[0], why), why);
}

/// Pow and PRelu: two operands broadcast like numpy (PRelu's slope unidirectionally).
template <ann::BinaryKind kind>
LogicalResult rewriteBinaryMath(NodeOp op, ValueRange operands,
                                ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {})) || failed(checkArity(op, operands, 2, 2)))
    return failure();
  std::string why;
  return finish(op, rewriter,
                ann::binary(rewriter, op.getLoc(), kind, operands[0], operands[1], why), why);
}

template <ann::VariadicKind kind>
LogicalResult rewriteVariadic(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {})) ||
      failed(checkArity(op, operands, 1, std::max<unsigned>(operands.size(), 1))))
    return failure();
  std::string why;
  return finish(op, rewriter, ann::variadic(rewriter, op.getLoc(), kind, operands, why), why);
}

LogicalResult rewriteLeakyRelu(NodeOp op, ValueRange operands,
                               ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {"alpha"})) || failed(checkArity(op, operands, 1, 1)))
    return failure();
  std::string why;
  return finish(
      op, rewriter,
      ann::leakyRelu(rewriter, op.getLoc(), operands[0], getFloat(op, "alpha", 0.01f), why), why);
}

/// Clip from opset 11: the bounds are optional scalar inputs.
LogicalResult rewriteClip(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {})) || failed(checkArity(op, operands, 1, 3)))
    return failure();
  std::string why;
  return finish(op, rewriter,
                ann::clip(rewriter, op.getLoc(), operands[0], optionalInput(operands, 1),
                          optionalInput(operands, 2), why),
                why);
}

LogicalResult rewriteLogSoftmax(NodeOp op, ValueRange operands,
                                ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {"axis"})) || failed(checkArity(op, operands, 1, 1)))
    return failure();
  // As Softmax: opset 13 changed the default axis and the coerced-2-D meaning.
  bool coerce2D = op.getVersion() < 13;
  std::string why;
  return finish(op, rewriter,
                ann::logSoftmax(rewriter, op.getLoc(), operands[0],
                                getInt(op, "axis", coerce2D ? 1 : -1), coerce2D, why),
                why);
}

/// Reduce*: axes are an attribute up to opset 17, except ReduceSum's, an input from 13
/// (with noop_with_empty_axes).
template <ann::ReduceKind kind>
LogicalResult rewriteReduce(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  bool axesInput = kind == ann::ReduceKind::Sum && op.getVersion() >= 13;
  if (failed(checkAttributes(op, axesInput ? ArrayRef<StringRef>{"keepdims", "noop_with_empty_axes"}
                                           : ArrayRef<StringRef>{"axes", "keepdims"})) ||
      failed(checkArity(op, operands, 1, axesInput ? 2 : 1)))
    return failure();
  SmallVector<int64_t> axes = getInts(op, "axes");
  if (axesInput) {
    if (Value axesValue = optionalInput(operands, 1)) {
      std::optional<SmallVector<int64_t>> values = getConstantInts(axesValue);
      if (!values)
        return unsupported(op, "the axes input must be a constant");
      axes = *values;
    }
    if (axes.empty() && getInt(op, "noop_with_empty_axes", 0) != 0)
      return replace(op, rewriter, {operands[0]});
  }
  std::string why;
  return finish(op, rewriter,
                ann::reduce(rewriter, op.getLoc(), kind, operands[0], axes,
                            getInt(op, "keepdims", 1) != 0, why),
                why);
}

/// LayerNormalization (opset 17) with its optional Mean and InvStdDev outputs.
LogicalResult rewriteLayerNorm(NodeOp op, ValueRange operands,
                               ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {"axis", "epsilon", "stash_type"})) ||
      failed(checkArity(op, operands, 2, 3, 3)))
    return failure();
  if (getInt(op, "stash_type", 1) != 1)
    return unsupported(op, "only stash_type = 1 (float32 statistics) is supported");
  std::string why;
  FailureOr<SmallVector<Value, 3>> results =
      ann::layerNorm(rewriter, op.getLoc(), operands[0], operands[1], optionalInput(operands, 2),
                     getInt(op, "axis", -1), getFloat(op, "epsilon", 1e-5f), why);
  if (failed(results))
    return unsupported(op, why);
  return replace(op, rewriter, ArrayRef<Value>(*results).take_front(op->getNumResults()));
}

} // namespace

void populateANNMathPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  auto add = [&](StringRef opType, RewriteFn fn) {
    patterns.add<ANNPattern>(ctx, opType, kMinOpset, kMaxOpset, fn);
  };
  add("Exp", rewriteMath<ann::UnaryKind::Exp>);
  add("Log", rewriteMath<ann::UnaryKind::Log>);
  add("Tanh", rewriteMath<ann::UnaryKind::Tanh>);
  add("Abs", rewriteMath<ann::UnaryKind::Abs>);
  add("Neg", rewriteMath<ann::UnaryKind::Neg>);
  add("Sqrt", rewriteMath<ann::UnaryKind::Sqrt>);
  add("Reciprocal", rewriteMath<ann::UnaryKind::Reciprocal>);
  add("Floor", rewriteMath<ann::UnaryKind::Floor>);
  add("Ceil", rewriteMath<ann::UnaryKind::Ceil>);
  add("Pow", rewriteBinaryMath<ann::BinaryKind::Pow>);
  add("PRelu", rewriteBinaryMath<ann::BinaryKind::PRelu>);
  add("Max", rewriteVariadic<ann::VariadicKind::Max>);
  add("Min", rewriteVariadic<ann::VariadicKind::Min>);
  add("Sum", rewriteVariadic<ann::VariadicKind::Sum>);
  add("Mean", rewriteVariadic<ann::VariadicKind::Mean>);
  add("LeakyRelu", rewriteLeakyRelu);
  add("Clip", rewriteClip);
  add("LogSoftmax", rewriteLogSoftmax);
  patterns.add<ANNPattern>(ctx, "LayerNormalization", 17, kMaxOpset, rewriteLayerNorm);
  add("ReduceSum", rewriteReduce<ann::ReduceKind::Sum>);
  add("ReduceMean", rewriteReduce<ann::ReduceKind::Mean>);
  add("ReduceMax", rewriteReduce<ann::ReduceKind::Max>);
  add("ReduceMin", rewriteReduce<ann::ReduceKind::Min>);
}

} // namespace snn::onnx
