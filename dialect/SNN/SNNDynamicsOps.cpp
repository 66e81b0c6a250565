// Verifiers and time forms of snn.dynamics, the general neuron of imported models.
#include "dialect/SNN/SNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace mlir::snn;

namespace {

/// Every parameter must be a dense f32 array of the per-sample shape `perSample`
/// (the input's dimensions after the batch, or after time and batch), and a recurrent
/// weight `[n, n]` needs a per-sample shape `[n]`.
template <typename OpTy>
LogicalResult verifyDynamics(OpTy op, RankedTensorType input, unsigned leadingDims) {
  if (input.getRank() <= leadingDims)
    return op.emitOpError() << "expects a per-sample dimension after the "
                            << (leadingDims == 2 ? "time and batch dimensions" : "batch dimension")
                            << ", got " << input;
  ArrayRef<int64_t> perSample = input.getShape().drop_front(leadingDims);
  if (ShapedType::isDynamicShape(perSample))
    return op.emitOpError() << "expects a static per-sample shape, got " << input;
  auto check = [&](StringRef name, Attribute attr) -> LogicalResult {
    if (!attr)
      return success();
    auto dense = dyn_cast<DenseElementsAttr>(attr);
    auto type = dense ? dyn_cast<RankedTensorType>(dense.getType()) : RankedTensorType();
    if (!type || !type.getElementType().isF32() || type.getShape() != perSample)
      return op.emitOpError() << "parameter '" << name
                              << "' must be a dense f32 array of the per-sample shape "
                              << RankedTensorType::get(perSample, Float32Type::get(op.getContext()));
    for (APFloat v : dense.template getValues<APFloat>())
      if (!v.isFinite())
        return op.emitOpError() << "parameter '" << name << "' holds a value that is not finite";
    return success();
  };
  if (failed(check("decay", op.getDecayAttr())) || failed(check("gain", op.getGainAttr())) ||
      failed(check("drive", op.getDriveAttr())) ||
      failed(check("synapse_decay", op.getSynapseDecayAttr())) ||
      failed(check("synapse_gain", op.getSynapseGainAttr())) ||
      failed(check("threshold", op.getThresholdAttr())) ||
      failed(check("v_reset", op.getVResetAttr())))
    return failure();
  if (bool(op.getSynapseDecayAttr()) != bool(op.getSynapseGainAttr()))
    return op.emitOpError() << "a synapse needs both 'synapse_decay' and 'synapse_gain'";
  if ((op.getVResetAttr() || op.getSubtractReset()) && !op.getThresholdAttr())
    return op.emitOpError() << "a reset needs a 'threshold'";
  if (op.getVResetAttr() && op.getSubtractReset())
    return op.emitOpError() << "resets either to 'v_reset' or by subtraction, not both";
  if (op.getThresholdAttr() && !op.getVResetAttr() && !op.getSubtractReset())
    return op.emitOpError() << "a threshold needs a reset: 'v_reset' or 'subtract_reset'";
  if (Value rec = op.getRecurrent()) {
    auto w = cast<RankedTensorType>(rec.getType());
    if (perSample.size() != 1 || w.getShape() != ArrayRef<int64_t>{perSample[0], perSample[0]})
      return op.emitOpError() << "a recurrent weight must be [n, n] for a per-sample shape [n], got "
                              << w << " for " << input;
  }
  return success();
}

} // namespace

LogicalResult DynamicsOp::verify() { return verifyDynamics(*this, getType(), 1); }
LogicalResult DynamicsStepOp::verify() { return verifyDynamics(*this, getInput().getType(), 1); }
LogicalResult DynamicsSeqOp::verify() { return verifyDynamics(*this, getType(), 2); }

/// The membrane, the synaptic current and the previous output (for the recurrence).
unsigned DynamicsOp::getNumStateValues() { return 3; }

Value DynamicsOp::buildStep(OpBuilder &b, Location loc, ValueRange state,
                            SmallVectorImpl<Value> &nextState) {
  Type t = getType();
  auto step = DynamicsStepOp::create(
      b, loc, TypeRange{t, t, t}, getInput(), state[0], state[1], state[2], getRecurrent(),
      getDecayAttr(), getGainAttr(), getDriveAttr(), getSynapseDecayAttr(),
      getSynapseGainAttr(), getThresholdAttr(), getVResetAttr(), getSubtractResetAttr());
  nextState.push_back(step.getNextMembrane());
  nextState.push_back(step.getNextCurrent());
  nextState.push_back(step.getResult());
  return step.getResult();
}

Value DynamicsOp::buildSequence(OpBuilder &b, Location loc, Value timedInput) {
  return DynamicsSeqOp::create(b, loc, timedInput.getType(), timedInput, getRecurrent(),
                               getDecayAttr(), getGainAttr(), getDriveAttr(),
                               getSynapseDecayAttr(), getSynapseGainAttr(), getThresholdAttr(),
                               getVResetAttr(), getSubtractResetAttr());
}
