// --convert-ann: Relu → snn.lif, MaxPool → TSSL-BP sum pooling, BatchNormalization folded
// into the preceding synapse and bias, a trailing Softmax dropped; then input PSP, output LIF.
#include "frontend/ONNX/SNNPatterns.h"

#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <cmath>

using namespace mlir;

namespace snn::onnx {

namespace {

mlir::snn::LIFOp createLIF(OpBuilder &b, Location loc, Value input,
                           const ConvertANNOptions &options) {
  return mlir::snn::LIFOp::create(
      b, loc, input, b.getF32FloatAttr(options.tauM), b.getF32FloatAttr(options.tauS),
      b.getF32FloatAttr(options.threshold),
      mlir::snn::NeuronOutputAttr::get(b.getContext(), mlir::snn::NeuronOutput::psp));
}

struct ReluToLIF : SNNNodePattern {
  ReluToLIF(MLIRContext *ctx, const ConvertANNOptions &options)
      : SNNNodePattern(ctx, "Relu"), options(options) {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, createLIF(rewriter, op.getLoc(), operands[0], options));
    return success();
  }
  ConvertANNOptions options;
};

/// MaxPool with stride = kernel and no padding → 1.1 × sum pooling (TSSL-BP's pool).
struct MaxPoolToSumPool : SNNNodePattern {
  explicit MaxPoolToSumPool(MLIRContext *ctx) : SNNNodePattern(ctx, "MaxPool") {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"auto_pad", "ceil_mode", "dilations", "kernel_shape",
                                    "pads", "storage_order", "strides"})))
      return failure();
    if (op->getNumResults() > 1 && !op->getResult(1).use_empty())
      return unsupported(op, "the indices output is not supported");
    SmallVector<int64_t> kernel = getInts(op, "kernel_shape");
    SmallVector<int64_t> pads = getInts(op, "pads", {0, 0, 0, 0});
    std::string autoPad = getString(op, "auto_pad", "NOTSET");
    if (kernel.size() != 2 || getInts(op, "strides", {1, 1}) != kernel ||
        getInts(op, "dilations", {1, 1}) != SmallVector<int64_t>{1, 1} ||
        (autoPad != "NOTSET" && autoPad != "VALID") || getInt(op, "ceil_mode", 0) != 0 ||
        llvm::any_of(pads, [](int64_t p) { return p != 0; }))
      return unsupported(op, "only 2-D pooling with stride = kernel and no padding can "
                             "become sum pooling");
    SmallVector<Value> results{mlir::snn::SumPoolOp::create(
        rewriter, op.getLoc(), resultType(op), operands[0],
        rewriter.getDenseI64ArrayAttr(kernel), rewriter.getF32FloatAttr(1.1f))};
    results.resize(op->getNumResults(), nullptr);
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// The initializer name of the constant behind `v`, if any.
Attribute initializerName(Value v) {
  Operation *def = v.getDefiningOp();
  return def ? def->getAttr(kInitializerAttr) : Attribute();
}

/// Inference BatchNormalization folded into the synapse before it: its scale into the
/// weights, its shift (and the scaled bias of the synapse, if any) into an snn.bias.
struct FoldBatchNorm : SNNNodePattern {
  explicit FoldBatchNorm(MLIRContext *ctx) : SNNNodePattern(ctx, "BatchNormalization") {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"epsilon", "momentum", "training_mode"})))
      return failure();
    if (getInt(op, "training_mode", 0) != 0 ||
        llvm::any_of(op->getResults().drop_front(), [](Value v) { return !v.use_empty(); }))
      return unsupported(op, "only inference batch normalization can be folded");
    // Uses are those of the imported graph: the synapse's original node result. A
    // biased synapse was imported as the synapse followed by snn.bias.
    Operation *synapse = operands[0].getDefiningOp();
    auto bias = dyn_cast_or_null<mlir::snn::BiasOp>(synapse);
    if (bias)
      synapse = bias.getInput().getDefiningOp();
    if (!synapse || !isa<mlir::snn::DenseOp, mlir::snn::Conv2DOp>(synapse) ||
        !op.getInputs()[0].hasOneUse() || (bias && !synapse->hasOneUse()))
      return unsupported(op, "batch normalization must directly follow a Conv or Gemm to be "
                             "folded");
    DenseElementsAttr weight = getConstant(synapse->getOperand(1));
    DenseElementsAttr oldBias = bias ? getConstant(bias.getBias()) : DenseElementsAttr();
    SmallVector<DenseElementsAttr> params;
    for (Value v : operands.drop_front())
      params.push_back(getConstant(v));
    if (!weight || params.size() != 4 || (bias && !oldBias) ||
        llvm::any_of(params, [](DenseElementsAttr a) { return !a || !a.getElementType().isF32(); }))
      return unsupported(op, "scale, bias, mean and variance must be float32 initializers");
    auto wType = cast<RankedTensorType>(weight.getType());
    int64_t features = wType.getDimSize(0);
    if (features < 1 || !wType.getElementType().isF32())
      return unsupported(op, "the synapse's weight has no output features");
    int64_t perFeature = wType.getNumElements() / features;
    if (llvm::any_of(params, [&](DenseElementsAttr a) { return a.getNumElements() != features; }))
      return unsupported(op, "parameters do not match the " + Twine(features) + " features");
    float epsilon = getFloat(op, "epsilon", 1e-5f);
    auto scale = params[0].getValues<float>(), shift = params[1].getValues<float>(),
         mean = params[2].getValues<float>(), var = params[3].getValues<float>();
    SmallVector<float> w(weight.getValues<float>().begin(), weight.getValues<float>().end());
    // BN(Wx + b) = factor·(Wx + b − mean) + shift = (factor·W)x + (factor·(b − mean) + shift).
    SmallVector<float> b(features, 0.0f);
    if (oldBias)
      b.assign(oldBias.getValues<float>().begin(), oldBias.getValues<float>().end());
    bool anyBias = bias != nullptr;
    for (int64_t f = 0; f < features; ++f) {
      float factor = scale[f] / std::sqrt(var[f] + epsilon);
      for (int64_t i = 0; i < perFeature; ++i)
        w[f * perFeature + i] *= factor;
      b[f] = factor * (b[f] - mean[f]) + shift[f];
      anyBias |= b[f] != 0.0f;
    }
    Location loc = op.getLoc();
    auto newWeight =
        arith::ConstantOp::create(rewriter, loc, DenseElementsAttr::get(wType, ArrayRef<float>(w)));
    if (Attribute name = initializerName(synapse->getOperand(1)))
      newWeight->setAttr(kInitializerAttr, name);
    Operation *folded = rewriter.clone(*synapse);
    folded->setOperand(1, newWeight);
    Value result = folded->getResult(0);
    if (anyBias) {
      // The learned bias keeps the synapse's bias name, else takes the shift's.
      auto biasType = RankedTensorType::get({features}, rewriter.getF32Type());
      auto newBias = arith::ConstantOp::create(
          rewriter, loc, DenseElementsAttr::get(biasType, ArrayRef<float>(b)));
      if (Attribute name = initializerName(bias ? bias.getBias() : operands[2]))
        newBias->setAttr(kInitializerAttr, name);
      result = mlir::snn::BiasOp::create(rewriter, loc, result, newBias);
    }
    SmallVector<Value> results{result};
    results.resize(op->getNumResults(), nullptr);
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// A Softmax/LogSoftmax that only feeds the graph output: the output LIF replaces it
/// (the prediction, an argmax, is unchanged).
struct DropOutputSoftmax : SNNNodePattern {
  DropOutputSoftmax(MLIRContext *ctx, StringRef opType) : SNNNodePattern(ctx, opType) {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (!llvm::all_of(op->getUsers(), [](Operation *u) { return isa<func::ReturnOp>(u); }))
      return unsupported(op, "only a softmax on the graph output can be converted");
    rewriter.replaceOp(op, operands[0]);
    return success();
  }
};

} // namespace

void populateConvertANNPatterns(RewritePatternSet &patterns, const ConvertANNOptions &options) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ReluToLIF>(ctx, options);
  patterns.add<MaxPoolToSumPool, FoldBatchNorm>(ctx);
  patterns.add<DropOutputSoftmax>(ctx, "Softmax");
  patterns.add<DropOutputSoftmax>(ctx, "LogSoftmax");
}

void finishConvertedANN(func::FuncOp fn, const ConvertANNOptions &options) {
  OpBuilder b(fn.getContext());
  Block &body = fn.getBody().front();
  if (fn.getNumArguments() > 0) {
    BlockArgument input = body.getArgument(0);
    b.setInsertionPointToStart(&body);
    auto psp = mlir::snn::PSPOp::create(b, fn.getLoc(), input, b.getF32FloatAttr(options.tauS));
    input.replaceAllUsesExcept(psp, psp);
  }
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  b.setInsertionPoint(ret);
  for (OpOperand &out : ret->getOpOperands())
    if (!out.get().getDefiningOp<mlir::snn::LIFOp>())
      out.set(createLIF(b, ret.getLoc(), out.get(), options));
}

} // namespace snn::onnx
