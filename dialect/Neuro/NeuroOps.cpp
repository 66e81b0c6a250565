// Verifiers of the `neuro` dialect's operations.
#include "dialect/Neuro/NeuroOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

#include <cmath>

using namespace mlir;
using namespace mlir::neuro;

#define GET_OP_CLASSES
#include "dialect/Neuro/NeuroOps.cpp.inc"

namespace {
/// The most time steps a program may run, as for `snn.time_steps`.
constexpr int64_t kMaxTimeSteps = 100000;

bool sameShape(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

/// Weights are float (before quantisation) or 16-bit integers (after it).
LogicalResult verifyWeightType(Operation *op, ElementsAttr weights) {
  Type element = weights.getShapedType().getElementType();
  if (!element.isF32() && !element.isInteger(16))
    return op->emitOpError("weights must be f32 or i16, got ") << element;
  return success();
}
} // namespace

LogicalResult ProgramOp::verify() {
  if (getTimeSteps() < 1 || getTimeSteps() > kMaxTimeSteps)
    return emitOpError("time_steps must be in [1, ")
           << kMaxTimeSteps << "], got " << getTimeSteps();
  if (getTarget().empty())
    return emitOpError("needs a target description name or path");
  int inputs = 0, outputs = 0;
  for (Operation &op : getBody().front()) {
    inputs += isa<InputOp>(op);
    outputs += isa<OutputOp>(op);
  }
  if (inputs != 1)
    return emitOpError("needs exactly one neuro.input, got ") << inputs;
  if (outputs > 1)
    return emitOpError("has ") << outputs << " neuro.output ops; at most one is read out";
  return success();
}

LogicalResult RescaleOp::verify() {
  double scale = getScale().convertToDouble();
  if (!(std::isfinite(scale) && scale > 0))
    return emitOpError("scale must be positive and finite, got ") << scale;
  if (getMin() > getMax())
    return emitOpError("min ") << getMin() << " exceeds max " << getMax();
  if (!sameShape(getInput().getType().getShape(), getResult().getType().getShape()))
    return emitOpError("input and result shapes differ");
  return success();
}

LogicalResult DenseOp::verify() {
  if (failed(verifyWeightType(*this, getWeights())))
    return failure();
  ArrayRef<int64_t> shape = getWeights().getShapedType().getShape();
  int64_t targets = getResult().getType().getNumElements();
  int64_t sources = getInput().getType().getNumElements();
  if (shape.size() != 2 || shape[0] != targets || shape[1] != sources)
    return emitOpError("weights must be [") << targets << ", " << sources
                                            << "] (targets, sources)";
  return success();
}

LogicalResult ConvOp::verify() {
  if (failed(verifyWeightType(*this, getWeights())))
    return failure();
  ArrayRef<int64_t> in = getInput().getType().getShape();
  ArrayRef<int64_t> out = getResult().getType().getShape();
  ArrayRef<int64_t> w = getWeights().getShapedType().getShape();
  if (in.size() != 3 || out.size() != 3)
    return emitOpError("input and result must be [C, H, W]");
  if (w.size() != 4 || w[0] != out[0] || w[1] != in[0])
    return emitOpError("weights must be [") << out[0] << ", " << in[0] << ", KH, KW]";
  if (getStrides().size() != 2 || getPads().size() != 4)
    return emitOpError("needs 2 strides and 4 pads");
  for (int64_t s : getStrides())
    if (s < 1)
      return emitOpError("strides must be positive");
  for (int64_t p : getPads())
    if (p < 0)
      return emitOpError("pads must not be negative");
  ArrayRef<int64_t> s = getStrides(), p = getPads();
  int64_t h = in[1] + p[0] + p[2] - w[2], wd = in[2] + p[1] + p[3] - w[3];
  if (h < 0 || wd < 0 || h / s[0] + 1 != out[1] || wd / s[1] + 1 != out[2])
    return emitOpError("result must be [") << out[0] << ", " << (h < 0 ? 0 : h / s[0] + 1)
                                           << ", " << (wd < 0 ? 0 : wd / s[1] + 1) << "]";
  return success();
}

LogicalResult LIFOp::verify() {
  if (!sameShape(getInput().getType().getShape(), getResult().getType().getShape()))
    return emitOpError("input and result shapes differ");
  float tauM = getTauM().convertToFloat(), tauS = getTauS().convertToFloat();
  float threshold = getThreshold().convertToFloat();
  if (!(tauM >= 1.0f) || !(tauS >= 1.0f) || !std::isfinite(tauM) || !std::isfinite(tauS))
    return emitOpError("tau_m and tau_s must be finite and at least 1");
  if (!(threshold > 0.0f) || !std::isfinite(threshold))
    return emitOpError("threshold must be positive and finite");
  return success();
}

LogicalResult CompartmentOp::verify() {
  if (!sameShape(getInput().getType().getShape(), getResult().getType().getShape()))
    return emitOpError("input and result shapes differ");
  if (getThreshold() < 1)
    return emitOpError("threshold must be positive, got ") << getThreshold();
  if (getCurrentDecay() < 0 || getVoltageDecay() < 0)
    return emitOpError("decays must not be negative");
  double scale = getScale().convertToDouble();
  if (!(std::isfinite(scale) && scale > 0))
    return emitOpError("scale must be positive and finite");
  if (auto slices = getSlices()) {
    int64_t total = 0;
    for (int64_t n : *slices) {
      if (n < 1)
        return emitOpError("slices must be positive, got ") << n;
      total += n;
    }
    if (total != getResult().getType().getNumElements())
      return emitOpError("slices cover ")
             << total << " neurons of " << getResult().getType().getNumElements();
    if (auto cores = getCores(); cores && cores->size() != slices->size())
      return emitOpError("has ") << cores->size() << " cores for " << slices->size()
                                 << " slices";
  }
  return success();
}
