// The `snn` profile's synapses: Gemm/MatMul → snn.synapse.dense, Conv → snn.synapse.conv2d,
// a Gemm C or Conv B → snn.bias after the synapse.
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

/// The per-feature values of a synapse's bias (Gemm's C times `beta`, Conv's B), or
/// nothing when the node has none. One value per output feature `features`: [F] or
/// [1, F], or a single value for all (Gemm broadcasts C); a C that varies per row
/// does not describe a bias.
FailureOr<std::optional<SmallVector<float>>> biasValues(NodeOp op, Value bias, int64_t features,
                                                        float beta) {
  if (!bias || isAbsent(bias))
    return std::optional<SmallVector<float>>();
  DenseElementsAttr value = getConstant(bias);
  auto type = value ? dyn_cast<RankedTensorType>(value.getType()) : RankedTensorType();
  if (!type || !type.getElementType().isF32())
    return unsupported(op, "the bias must be a float32 initializer in the snn profile");
  ArrayRef<int64_t> shape = type.getShape();
  bool perFeature = (shape.size() == 1 && shape[0] == features) ||
                    (shape.size() == 2 && shape[0] == 1 && shape[1] == features);
  if (features < 1 || (!perFeature && type.getNumElements() != 1))
    return unsupported(op, "the bias must have one value per output feature (" +
                               Twine(features) + ") or a single value");
  SmallVector<float> values;
  for (float v : value.getValues<float>())
    values.push_back(beta * v);
  values.resize(features, values.front());
  return std::optional<SmallVector<float>>(std::move(values));
}

/// `synapse` followed by snn.bias when the node has a bias.
Value withBias(OpBuilder &b, Location loc, Value synapse, Value original,
               const std::optional<SmallVector<float>> &bias) {
  if (!bias)
    return synapse;
  int64_t features = int64_t(bias->size());
  Value values = weightConstant(b, loc, original, {features}, *bias);
  return mlir::snn::BiasOp::create(b, loc, synapse, values);
}

/// Gemm (11..17): Y = alpha·A·op(B) + beta·C with A [N, K].
struct GemmPattern : SNNNodePattern {
  explicit GemmPattern(MLIRContext *ctx) : SNNNodePattern(ctx, "Gemm") {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"alpha", "beta", "transA", "transB"})))
      return failure();
    if (getInt(op, "transA", 0) != 0)
      return unsupported(op, "transA = 1 is not supported in the snn profile");
    FailureOr<SmallVector<float>> w = weightValues(op, operands[1], 2);
    if (failed(w))
      return failure();
    // snn.synapse.dense takes [out, in] = ONNX's B with transB = 1.
    auto bType = cast<RankedTensorType>(operands[1].getType());
    bool transB = getInt(op, "transB", 0) != 0;
    int64_t m = bType.getDimSize(transB ? 0 : 1), k = bType.getDimSize(transB ? 1 : 0);
    float alpha = getFloat(op, "alpha", 1.0f);
    Value c = operands.size() > 2 ? operands[2] : Value();
    FailureOr<std::optional<SmallVector<float>>> bias =
        biasValues(op, c, m, getFloat(op, "beta", 1.0f));
    if (failed(bias))
      return failure();
    SmallVector<float> weight(m * k);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < k; ++j)
        weight[i * k + j] = alpha * (transB ? (*w)[i * k + j] : (*w)[j * m + i]);
    Value wv = weightConstant(rewriter, op.getLoc(), operands[1], {m, k}, weight);
    Value dense = mlir::snn::DenseOp::create(rewriter, op.getLoc(), resultType(op), operands[0], wv);
    rewriter.replaceOp(op, withBias(rewriter, op.getLoc(), dense, c, *bias));
    return success();
  }
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
  explicit ConvPattern(MLIRContext *ctx) : SNNNodePattern(ctx, "Conv") {}
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
    if (failed(w))
      return failure();
    Value bInput = operands.size() > 2 ? operands[2] : Value();
    FailureOr<std::optional<SmallVector<float>>> bias =
        biasValues(op, bInput, cast<RankedTensorType>(operands[1].getType()).getDimSize(0), 1.0f);
    if (failed(bias))
      return failure();
    SmallVector<int64_t> pads = getInts(op, "pads", {0, 0, 0, 0});
    SmallVector<int64_t> strides = getInts(op, "strides", {1, 1});
    if (autoPad == "VALID")
      pads.assign(4, 0);
    if (pads.size() != 4 || strides.size() != 2)
      return unsupported(op, "expects 4 pads and 2 strides");
    Value conv = mlir::snn::Conv2DOp::create(rewriter, op.getLoc(), resultType(op), operands[0],
                                             operands[1], rewriter.getDenseI64ArrayAttr(strides),
                                             rewriter.getDenseI64ArrayAttr(pads));
    rewriter.replaceOp(op, withBias(rewriter, op.getLoc(), conv, bInput, *bias));
    return success();
  }
};

} // namespace

void populateSNNSynapsePatterns(RewritePatternSet &patterns) {
  patterns.add<GemmPattern, ConvPattern, MatMulPattern>(patterns.getContext());
}

} // namespace snn::onnx
