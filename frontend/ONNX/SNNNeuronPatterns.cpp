// The `snn` profile's neuron ops (snn.PSP → snn.psp, snn.LIF → snn.lif) and the
// operand checks every snn-profile pattern shares.
#include "frontend/ONNX/SNNPatterns.h"

#include "dialect/SNN/SNNOps.h"

#include <cmath>

using namespace mlir;

namespace snn::onnx {

namespace {

struct PSPPattern : SNNNodePattern {
  explicit PSPPattern(MLIRContext *ctx) : SNNNodePattern(ctx, "PSP", 1, 1, "snn") {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"tau_s"})))
      return failure();
    float tauS = getFloat(op, "tau_s", 3.0f);
    if (!(tauS >= 1.0f) || std::isinf(tauS))
      return unsupported(op, "tau_s must be a finite time constant of at least 1 step");
    rewriter.replaceOpWithNewOp<mlir::snn::PSPOp>(op, operands[0],
                                                  rewriter.getF32FloatAttr(tauS));
    return success();
  }
};

struct LIFPattern : SNNNodePattern {
  explicit LIFPattern(MLIRContext *ctx) : SNNNodePattern(ctx, "LIF", 1, 1, "snn") {}
  LogicalResult rewriteSNN(NodeOp op, ValueRange operands,
                           ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"tau_m", "tau_s", "threshold", "output"})))
      return failure();
    float tauM = getFloat(op, "tau_m", 5.0f), tauS = getFloat(op, "tau_s", 3.0f),
          threshold = getFloat(op, "threshold", 1.0f);
    if (!(tauM >= 1.0f) || !(tauS >= 1.0f) || std::isinf(tauM) || std::isinf(tauS))
      return unsupported(op, "tau_m and tau_s must be finite time constants of at least 1 step");
    if (!(threshold > 0.0f) || std::isinf(threshold))
      return unsupported(op, "threshold must be finite and positive");
    std::string output = getString(op, "output", "psp");
    std::optional<mlir::snn::NeuronOutput> mode = mlir::snn::symbolizeNeuronOutput(output);
    if (!mode)
      return unsupported(op, "output must be \"psp\" or \"spikes\", got \"" + output + "\"");
    rewriter.replaceOpWithNewOp<mlir::snn::LIFOp>(
        op, operands[0], rewriter.getF32FloatAttr(tauM), rewriter.getF32FloatAttr(tauS),
        rewriter.getF32FloatAttr(threshold),
        mlir::snn::NeuronOutputAttr::get(op.getContext(), *mode));
    return success();
  }
};

} // namespace

LogicalResult SNNNodePattern::rewriteNode(NodeOp op, ValueRange operands,
                                          ConversionPatternRewriter &rewriter) const {
  auto isFloatTensor = [](Type type) {
    auto ranked = dyn_cast<RankedTensorType>(type);
    return ranked && ranked.getElementType().isF32();
  };
  if (operands.empty() || !isFloatTensor(operands[0].getType()) ||
      op->getNumResults() == 0 || !isFloatTensor(op->getResult(0).getType()))
    return unsupported(op, "expects float32 tensors of known rank");
  return rewriteSNN(op, operands, rewriter);
}

void populateSNNNeuronPatterns(RewritePatternSet &patterns) {
  patterns.add<PSPPattern, LIFPattern>(patterns.getContext());
}

} // namespace snn::onnx
