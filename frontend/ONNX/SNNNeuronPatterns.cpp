// The `snn` profile's neuron ops: snn.PSP → snn.psp, snn.LIF → snn.lif.
#include "frontend/ONNX/SNNPatterns.h"

#include "dialect/SNN/SNNOps.h"

#include <cmath>

using namespace mlir;

namespace snn::onnx {

namespace {

/// A float32 ranked operand and result, as every snn op needs.
LogicalResult checkFloatTensors(NodeOp op, ValueRange operands) {
  auto in = operands.empty() ? RankedTensorType() : dyn_cast<RankedTensorType>(operands[0].getType());
  RankedTensorType out = resultType(op);
  if (!in || !out || !in.getElementType().isF32())
    return unsupported(op, "expects a float32 tensor of known rank");
  return success();
}

struct PSPPattern : NodePattern {
  explicit PSPPattern(MLIRContext *ctx) : NodePattern(ctx, "PSP", 1, 1, "snn") {}
  LogicalResult rewriteNode(NodeOp op, ValueRange operands,
                            ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"tau_s"})) || failed(checkFloatTensors(op, operands)))
      return failure();
    float tauS = getFloat(op, "tau_s", 3.0f);
    if (!(tauS >= 1.0f) || std::isinf(tauS))
      return unsupported(op, "tau_s must be a finite time constant of at least 1 step");
    rewriter.replaceOpWithNewOp<mlir::snn::PSPOp>(op, operands[0],
                                                  rewriter.getF32FloatAttr(tauS));
    return success();
  }
};

struct LIFPattern : NodePattern {
  explicit LIFPattern(MLIRContext *ctx) : NodePattern(ctx, "LIF", 1, 1, "snn") {}
  LogicalResult rewriteNode(NodeOp op, ValueRange operands,
                            ConversionPatternRewriter &rewriter) const override {
    if (failed(checkAttributes(op, {"tau_m", "tau_s", "threshold", "output"})) ||
        failed(checkFloatTensors(op, operands)))
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

void populateSNNNeuronPatterns(RewritePatternSet &patterns) {
  patterns.add<PSPPattern, LIFPattern>(patterns.getContext());
}

} // namespace snn::onnx
