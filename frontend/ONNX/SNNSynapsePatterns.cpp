// The `snn` profile's synapses: Gemm/MatMul → snn.synapse.dense, Conv → snn.synapse.conv2d.
#include "frontend/ONNX/SNNPatterns.h"

#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace snn::onnx {

namespace {

/// A float32 weight constant that keeps the initializer's name (its parameter name).
Value weightConstant(OpBuilder &b, Location loc, Value original, ArrayRef<int64_t> shape,
                     ArrayRef<float> values) {
  auto type = RankedTensorType::get(shape, b.getF32Type());
  auto constant = arith::ConstantOp::create(b, loc, DenseElementsAttr::get(type, values));
  if (auto def = original.getDefiningOp())
    if (Attribute name = def->getAttr(kInitializerAttr))
      constant->setAttr(kInitializerAttr, name);
  return constant;
}

/// The float32 constant behind a synapse's weight, or an `unsupported` failure.
FailureOr<SmallVector<float>> weightValues(NodeOp op, Value weight, int64_t rank) {
  DenseElementsAttr value = getConstant(weight);
  auto type = value ? dyn_cast<RankedTensorType>(value.getType()) : RankedTensorType();
  if (!type)
    return unsupported(op, "the weight must be an initializer in the snn profile");
  if (!type.getElementType().isF32() || type.getRank() != rank)
    return unsupported(op, "the weight must be a " + Twine(rank) + "-D float32 tensor");
  auto values = value.getValues<float>();
  return SmallVector<float>(values.begin(), values.end());
}

/// Gemm (11..17): Y = alpha·A·op(B) + beta·C with A [N, K].
struct GemmPattern : SNNNodePattern {
  GemmPattern(MLIRContext *ctx, bool dropBiases) : SNNNodePattern(ctx, "Gemm"), dropBiases(dropBiases) {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"alpha", "beta", "transA", "transB"})))
      return failure();
    if (getInt(op, "transA", 0) != 0)
      return unsupported(op, "transA = 1 is not supported in the snn profile");
    FailureOr<SmallVector<float>> w = weightValues(op, operands[1], 2);
    if (failed(w) || failed(checkBias(op, operands.size() > 2 ? operands[2] : Value(), dropBiases)))
      return failure();
    // snn.synapse.dense takes [out, in] = ONNX's B with transB = 1.
    auto bType = cast<RankedTensorType>(operands[1].getType());
    bool transB = getInt(op, "transB", 0) != 0;
    int64_t m = bType.getDimSize(transB ? 0 : 1), k = bType.getDimSize(transB ? 1 : 0);
    float alpha = getFloat(op, "alpha", 1.0f);
    SmallVector<float> weight(m * k);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < k; ++j)
        weight[i * k + j] = alpha * (transB ? (*w)[i * k + j] : (*w)[j * m + i]);
    Value wv = weightConstant(rewriter, op.getLoc(), operands[1], {m, k}, weight);
    rewriter.replaceOpWithNewOp<mlir::snn::DenseOp>(op, resultType(op), operands[0], wv);
    return success();
  }
  bool dropBiases;
};

/// MatMul (11..17) of a 2-D input by a constant [K, M].
struct MatMulPattern : SNNNodePattern {
  explicit MatMulPattern(MLIRContext *ctx) : SNNNodePattern(ctx, "MatMul") {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {})))
      return failure();
    auto in = dyn_cast<RankedTensorType>(operands[0].getType());
    if (!in || in.getRank() != 2)
      return unsupported(op, "only a 2-D input [N, K] is supported in the snn profile");
    FailureOr<SmallVector<float>> w = weightValues(op, operands[1], 2);
    if (failed(w))
      return failure();
    auto bType = cast<RankedTensorType>(operands[1].getType());
    int64_t k = bType.getDimSize(0), m = bType.getDimSize(1);
    SmallVector<float> weight(m * k);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < k; ++j)
        weight[i * k + j] = (*w)[j * m + i];
    Value wv = weightConstant(rewriter, op.getLoc(), operands[1], {m, k}, weight);
    rewriter.replaceOpWithNewOp<mlir::snn::DenseOp>(op, resultType(op), operands[0], wv);
    return success();
  }
};

/// Conv (11..17): 2-D, group 1, dilation 1, explicit or VALID padding.
struct ConvPattern : SNNNodePattern {
  ConvPattern(MLIRContext *ctx, bool dropBiases) : SNNNodePattern(ctx, "Conv"), dropBiases(dropBiases) {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"auto_pad", "dilations", "group", "kernel_shape", "pads",
                                    "strides"})))
      return failure();
    auto in = dyn_cast<RankedTensorType>(operands[0].getType());
    if (!in || in.getRank() != 4)
      return unsupported(op, "only 2-D convolutions (NCHW input) are supported in the snn profile");
    std::string autoPad = getString(op, "auto_pad", "NOTSET");
    if (autoPad != "NOTSET" && autoPad != "VALID")
      return unsupported(op, "auto_pad " + autoPad + " is not supported (use explicit pads)");
    if (getInt(op, "group", 1) != 1)
      return unsupported(op, "grouped convolution is not supported in the snn profile");
    for (int64_t d : getInts(op, "dilations", {1, 1}))
      if (d != 1)
        return unsupported(op, "dilations other than 1 are not supported in the snn profile");
    FailureOr<SmallVector<float>> w = weightValues(op, operands[1], 4);
    if (failed(w) || failed(checkBias(op, operands.size() > 2 ? operands[2] : Value(), dropBiases)))
      return failure();
    SmallVector<int64_t> pads = getInts(op, "pads", {0, 0, 0, 0});
    SmallVector<int64_t> strides = getInts(op, "strides", {1, 1});
    if (autoPad == "VALID")
      pads.assign(4, 0);
    if (pads.size() != 4 || strides.size() != 2)
      return unsupported(op, "expects 4 pads and 2 strides");
    rewriter.replaceOpWithNewOp<mlir::snn::Conv2DOp>(op, resultType(op), operands[0],
                                                     operands[1],
                                                     rewriter.getDenseI64ArrayAttr(strides),
                                                     rewriter.getDenseI64ArrayAttr(pads));
    return success();
  }
  bool dropBiases;
};

} // namespace

LogicalResult checkBias(NodeOp op, Value bias, bool dropBiases) {
  if (isAbsent(bias))
    return success();
  DenseElementsAttr value = getConstant(bias);
  if (value && value.getElementType().isF32() &&
      llvm::all_of(value.getValues<float>(), [](float v) { return v == 0.0f; }))
    return success();
  if (!dropBiases)
    return unsupported(op, "a non-zero bias is not supported (snn synapses have none)");
  op.emitWarning() << describe(op)
                   << ": bias dropped (snn synapses have none; fine-tuning adapts to it)";
  return success();
}

void populateSNNSynapsePatterns(RewritePatternSet &patterns, bool dropBiases) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<GemmPattern, ConvPattern>(ctx, dropBiases);
  patterns.add<MatMulPattern>(ctx);
}

} // namespace snn::onnx
