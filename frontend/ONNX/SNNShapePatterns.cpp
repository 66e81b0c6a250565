// The `snn` profile's shape ops and pooling: Flatten, Reshape, Dropout, Identity,
// AveragePool and GlobalAveragePool (→ scaled sum pool) and the Mul that scales it.
#include "frontend/ONNX/SNNPatterns.h"

#include "dialect/SNN/SNNOps.h"

using namespace mlir;

namespace snn::onnx {

namespace {

using mlir::snn::perSampleElements;

/// Flatten (11..17) with axis 1: everything but the batch dimension.
struct FlattenPattern : SNNNodePattern {
  explicit FlattenPattern(MLIRContext *ctx) : SNNNodePattern(ctx, "Flatten") {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"axis"})))
      return failure();
    if (getInt(op, "axis", 1) != 1)
      return unsupported(op, "only axis = 1 (keep the batch dimension) is supported");
    rewriter.replaceOpWithNewOp<mlir::snn::FlattenOp>(op, resultType(op), operands[0]);
    return success();
  }
};

/// Reshape (11..17) of the per-sample dimensions, to the inferred result type.
struct ReshapePattern : SNNNodePattern {
  explicit ReshapePattern(MLIRContext *ctx) : SNNNodePattern(ctx, "Reshape") {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"allowzero"})))
      return failure();
    auto in = dyn_cast<RankedTensorType>(operands[0].getType());
    RankedTensorType out = resultType(op);
    if (!in || !out || in.getRank() < 1 || out.getRank() < 1 ||
        perSampleElements(in) != perSampleElements(out) ||
        ShapedType::isDynamic(perSampleElements(out)))
      return unsupported(op, "the reshape must keep the batch dimension and have a static "
                             "per-sample shape");
    rewriter.replaceOpWithNewOp<mlir::snn::ReshapeOp>(op, out, operands[0]);
    return success();
  }
};

/// Dropout (11..17): rate from the attribute (opset 11) or the constant input (12+).
struct DropoutPattern : SNNNodePattern {
  explicit DropoutPattern(MLIRContext *ctx) : SNNNodePattern(ctx, "Dropout") {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"ratio", "seed"})))
      return failure();
    if (op->getNumResults() > 1 && !op->getResult(1).use_empty())
      return unsupported(op, "the dropout mask output is not supported");
    float rate = getFloat(op, "ratio", 0.5f);
    if (operands.size() > 1 && !isAbsent(operands[1])) {
      DenseElementsAttr ratio = getConstant(operands[1]);
      if (!ratio || ratio.getNumElements() != 1 || !isa<FloatType>(ratio.getElementType()))
        return unsupported(op, "the ratio must be a constant scalar");
      rate = static_cast<float>((*ratio.getValues<APFloat>().begin()).convertToDouble());
    }
    if (!(rate >= 0.0f && rate < 1.0f))
      return unsupported(op, "the ratio must be in [0, 1)");
    SmallVector<Value> results{mlir::snn::DropoutOp::create(rewriter, op.getLoc(), operands[0],
                                                            rewriter.getF32FloatAttr(rate))};
    for (unsigned i = 1; i < op->getNumResults(); ++i)
      results.push_back(nullptr);
    rewriter.replaceOp(op, results);
    return success();
  }
};

struct IdentityPattern : SNNNodePattern {
  explicit IdentityPattern(MLIRContext *ctx) : SNNNodePattern(ctx, "Identity", 11, 17) {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, operands[0]);
    return success();
  }
};

/// AveragePool (11..17) with stride = kernel and no padding: a sum pool scaled 1/k².
struct AveragePoolPattern : SNNNodePattern {
  explicit AveragePoolPattern(MLIRContext *ctx) : SNNNodePattern(ctx, "AveragePool") {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"auto_pad", "ceil_mode", "count_include_pad",
                                    "kernel_shape", "pads", "strides"})))
      return failure();
    SmallVector<int64_t> kernel = getInts(op, "kernel_shape");
    std::string autoPad = getString(op, "auto_pad", "NOTSET");
    SmallVector<int64_t> pads = getInts(op, "pads", {0, 0, 0, 0});
    if (kernel.size() != 2 || getInts(op, "strides", {1, 1}) != kernel ||
        (autoPad != "NOTSET" && autoPad != "VALID") || getInt(op, "ceil_mode", 0) != 0 ||
        llvm::any_of(pads, [](int64_t p) { return p != 0; }))
      return unsupported(op, "only 2-D pooling with stride = kernel and no padding is "
                             "supported in the snn profile");
    float scale = 1.0f / static_cast<float>(kernel[0] * kernel[1]);
    rewriter.replaceOpWithNewOp<mlir::snn::SumPoolOp>(op, resultType(op), operands[0],
                                                      rewriter.getDenseI64ArrayAttr(kernel),
                                                      rewriter.getF32FloatAttr(scale));
    return success();
  }
};

/// GlobalAveragePool (11..17): one window over the whole image, scaled 1/(H·W).
struct GlobalAveragePoolPattern : SNNNodePattern {
  explicit GlobalAveragePoolPattern(MLIRContext *ctx) : SNNNodePattern(ctx, "GlobalAveragePool") {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    auto in = cast<RankedTensorType>(operands[0].getType());
    if (in.getRank() != 4 || in.isDynamicDim(2) || in.isDynamicDim(3))
      return unsupported(op, "only 2-D pooling of a static image is supported");
    int64_t h = in.getDimSize(2), w = in.getDimSize(3);
    rewriter.replaceOpWithNewOp<mlir::snn::SumPoolOp>(
        op, resultType(op), operands[0], rewriter.getDenseI64ArrayAttr({h, w}),
        rewriter.getF32FloatAttr(1.0f / static_cast<float>(h * w)));
    return success();
  }
};

/// Mul of a sum pool by a scalar constant (TSSL-BP's 1.1·k² after AveragePool):
/// folded into the pool's scale.
struct PoolScalePattern : SNNNodePattern {
  explicit PoolScalePattern(MLIRContext *ctx) : SNNNodePattern(ctx, "Mul") {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    for (int side = 0; side < 2; ++side) {
      auto pool = operands[side].getDefiningOp<mlir::snn::SumPoolOp>();
      DenseElementsAttr factor = getConstant(operands[1 - side]);
      if (!pool || !factor || factor.getNumElements() != 1 ||
          !factor.getElementType().isF32())
        continue;
      float scale = pool.getScale().convertToFloat() * *factor.getValues<float>().begin();
      rewriter.replaceOpWithNewOp<mlir::snn::SumPoolOp>(
          op, resultType(op), pool.getInput(), pool.getKernelAttr(),
          rewriter.getF32FloatAttr(scale));
      return success();
    }
    return unsupported(op, "Mul is supported in the snn profile only as the scalar scale of "
                           "a preceding AveragePool");
  }
};

} // namespace

void populateSNNShapePatterns(RewritePatternSet &patterns) {
  patterns.add<FlattenPattern, ReshapePattern, DropoutPattern, IdentityPattern,
               AveragePoolPattern, GlobalAveragePoolPattern, PoolScalePattern>(
      patterns.getContext());
}

void populateSNNProfilePatterns(RewritePatternSet &patterns) {
  populateSNNNeuronPatterns(patterns);
  populateSNNSynapsePatterns(patterns);
  populateSNNShapePatterns(patterns);
}

} // namespace snn::onnx
