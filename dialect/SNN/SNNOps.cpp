// Verifiers, folders and helpers of the `snn` operations.
#include "dialect/SNN/SNNOps.h"
#include "dialect/SNN/KernelLossSteps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::snn;

int64_t mlir::snn::perSampleElements(RankedTensorType type) {
  int64_t n = 1;
  for (int64_t d : type.getShape().drop_front()) {
    if (ShapedType::isDynamic(d))
      return ShapedType::kDynamic;
    n *= d;
  }
  return n;
}

namespace {

/// A time constant below one step would make the decay 1 - 1/tau negative.
LogicalResult verifyTimeConstant(Operation *op, StringRef name, APFloat value) {
  double tau = value.convertToDouble();
  if (!(tau >= 1.0) || std::isinf(tau))
    return op->emitOpError() << name << " must be a finite time constant >= 1 step, got "
                             << tau;
  return success();
}

LogicalResult verifyLIFParams(Operation *op, APFloat tauM, APFloat tauS,
                              APFloat threshold) {
  if (failed(verifyTimeConstant(op, "tau_m", tauM)) ||
      failed(verifyTimeConstant(op, "tau_s", tauS)))
    return failure();
  double th = threshold.convertToDouble();
  if (!(th > 0.0) || std::isinf(th))
    return op->emitOpError() << "threshold must be finite and > 0, got " << th;
  return success();
}

RankedTensorType tensorType(Value v) { return cast<RankedTensorType>(v.getType()); }

/// Two dimension sizes agree unless both are static and differ.
bool compatibleDim(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

LogicalResult verifySequence(Operation *op, RankedTensorType type) {
  if (type.getRank() < 2)
    return op->emitOpError() << "expects [T, batch, ...] with rank >= 2, got " << type;
  if (type.isDynamicDim(0))
    return op->emitOpError() << "expects a static time dimension, got " << type;
  return success();
}

} // namespace

LogicalResult ParameterOp::verify() {
  auto type = dyn_cast<RankedTensorType>(getValue().getType());
  if (!type || !type.hasStaticShape() || !type.getElementType().isF32())
    return emitOpError() << "value must be a statically shaped f32 tensor, got "
                         << getValue().getType();
  return success();
}

LogicalResult PSPOp::verify() {
  return verifyTimeConstant(*this, "tau_s", getTauSAttr().getValue());
}

unsigned PSPOp::getNumStateValues() { return 1; }

Value PSPOp::buildStep(OpBuilder &b, Location loc, ValueRange state,
                       SmallVectorImpl<Value> &nextState) {
  // The trace is both what the filter emits and its whole state.
  auto next = PSPStepOp::create(b, loc, getInput(), state[0], getTauSAttr());
  nextState.push_back(next.getResult());
  return next.getResult();
}

Value PSPOp::buildSequence(OpBuilder &b, Location loc, Value timedInput) {
  return PSPSeqOp::create(b, loc, timedInput.getType(), timedInput, getTauSAttr());
}

LogicalResult LIFOp::verify() {
  return verifyLIFParams(*this, getTauMAttr().getValue(), getTauSAttr().getValue(),
                         getThresholdAttr().getValue());
}

/// The membrane potential and the output trace.
unsigned LIFOp::getNumStateValues() { return 2; }

Value LIFOp::buildStep(OpBuilder &b, Location loc, ValueRange state,
                       SmallVectorImpl<Value> &nextState) {
  Type t = getType();
  auto next = createForm<LIFStepOp>(b, loc, TypeRange{t, t, t}, getInput(), state[0], state[1]);
  nextState.push_back(next.getNextMembrane());
  nextState.push_back(next.getNextTrace());
  return next.getResult();
}

Value LIFOp::buildSequence(OpBuilder &b, Location loc, Value timedInput) {
  return createForm<LIFSeqOp>(b, loc, timedInput.getType(), timedInput);
}

LogicalResult DenseOp::verify() {
  RankedTensorType in = tensorType(getInput()), w = tensorType(getWeight()),
                   out = tensorType(getResult());
  if (in.getRank() != 2 || w.getRank() != 2 || out.getRank() != 2)
    return emitOpError() << "expects 2-D input [N, K], weight [M, K] and result [N, M]";
  if (!w.hasStaticShape())
    return emitOpError() << "weight must have a static shape, got " << w;
  if (!compatibleDim(in.getDimSize(1), w.getDimSize(1)))
    return emitOpError() << "input has " << in.getDimSize(1)
                         << " features but the weight expects " << w.getDimSize(1);
  if (!compatibleDim(out.getDimSize(0), in.getDimSize(0)))
    return emitOpError() << "result batch " << out.getDimSize(0)
                         << " differs from input batch " << in.getDimSize(0);
  if (out.getDimSize(1) != w.getDimSize(0))
    return emitOpError() << "result has " << out.getDimSize(1)
                         << " features but the weight has " << w.getDimSize(0) << " rows";
  return success();
}

Value DenseOp::buildInputGradient(OpBuilder &b, Location loc, Value resultGrad) {
  return DenseGradInputOp::create(b, loc, getInput().getType(), resultGrad, getWeight());
}

Value DenseOp::buildWeightGradient(OpBuilder &b, Location loc, Value resultGrad) {
  return DenseGradWeightOp::create(b, loc, getWeight().getType(), resultGrad, getInput());
}

LogicalResult Conv2DOp::verify() {
  RankedTensorType in = tensorType(getInput()), w = tensorType(getWeight()),
                   out = tensorType(getResult());
  if (in.getRank() != 4 || w.getRank() != 4 || out.getRank() != 4)
    return emitOpError() << "expects 4-D input [N, C, H, W], weight [F, C, KH, KW] and result";
  if (!w.hasStaticShape() || !in.hasStaticShape() && llvm::any_of(in.getShape().drop_front(),
                                                                   ShapedType::isDynamic))
    return emitOpError() << "expects static channel, spatial and weight dimensions";
  ArrayRef<int64_t> strides = getStrides(), pads = getPads();
  if (strides.size() != 2 || llvm::any_of(strides, [](int64_t s) { return s < 1; }))
    return emitOpError() << "strides must be two values >= 1";
  if (pads.size() != 4 || llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return emitOpError() << "pads must be four values [top, left, bottom, right] >= 0";
  if (in.getDimSize(1) != w.getDimSize(1))
    return emitOpError() << "input has " << in.getDimSize(1)
                         << " channels but the weight expects " << w.getDimSize(1);
  int64_t paddedH = in.getDimSize(2) + pads[0] + pads[2];
  int64_t paddedW = in.getDimSize(3) + pads[1] + pads[3];
  if (w.getDimSize(2) > paddedH || w.getDimSize(3) > paddedW)
    return emitOpError() << "kernel " << w.getDimSize(2) << "x" << w.getDimSize(3)
                         << " is larger than the padded input " << paddedH << "x" << paddedW;
  int64_t outH = (paddedH - w.getDimSize(2)) / strides[0] + 1;
  int64_t outW = (paddedW - w.getDimSize(3)) / strides[1] + 1;
  if (!compatibleDim(out.getDimSize(0), in.getDimSize(0)) ||
      out.getDimSize(1) != w.getDimSize(0) || out.getDimSize(2) != outH ||
      out.getDimSize(3) != outW)
    return emitOpError() << "result type " << out << " does not match the expected [N, "
                         << w.getDimSize(0) << ", " << outH << ", " << outW << "]";
  return success();
}

Value Conv2DOp::buildInputGradient(OpBuilder &b, Location loc, Value resultGrad) {
  return Conv2DGradInputOp::create(b, loc, getInput().getType(), resultGrad, getWeight(),
                                   getStridesAttr(), getPadsAttr());
}

Value Conv2DOp::buildWeightGradient(OpBuilder &b, Location loc, Value resultGrad) {
  return Conv2DGradWeightOp::create(b, loc, getWeight().getType(), resultGrad, getInput(),
                                    getStridesAttr(), getPadsAttr());
}

/// A per-channel bias: rank 1, one value per channel (dimension 1) of `channels`.
static LogicalResult verifyBiasShape(Operation *op, RankedTensorType channels,
                                     RankedTensorType bias, StringRef what) {
  if (channels.getRank() < 2)
    return op->emitOpError() << "expects " << what << " of rank >= 2 [N, C, ...], got "
                             << channels;
  if (bias.getRank() != 1 || !bias.hasStaticShape())
    return op->emitOpError() << "bias must be a static 1-D tensor [C], got " << bias;
  if (channels.isDynamicDim(1))
    return op->emitOpError() << "expects a static channel dimension (1), got " << channels;
  if (channels.getDimSize(1) != bias.getDimSize(0))
    return op->emitOpError() << "bias has " << bias.getDimSize(0) << " values but the "
                             << what << " has " << channels.getDimSize(1)
                             << " channels (dimension 1)";
  return success();
}

LogicalResult BiasOp::verify() {
  return verifyBiasShape(*this, tensorType(getInput()), tensorType(getBias()), "input");
}

Value BiasOp::getWeight() { return getBias(); }

/// Adding a constant does not change the slope: the gradient passes through.
Value BiasOp::buildInputGradient(OpBuilder &, Location, Value resultGrad) {
  return resultGrad;
}

Value BiasOp::buildWeightGradient(OpBuilder &b, Location loc, Value resultGrad) {
  return BiasGradOp::create(b, loc, getBias().getType(), resultGrad);
}

LogicalResult BiasGradOp::verify() {
  return verifyBiasShape(*this, tensorType(getGrad()), tensorType(getResult()), "gradient");
}

LogicalResult SumPoolOp::verify() {
  RankedTensorType in = tensorType(getInput()), out = tensorType(getResult());
  ArrayRef<int64_t> k = getKernel();
  if (in.getRank() != 4 || out.getRank() != 4)
    return emitOpError() << "expects 4-D input and result [N, C, H, W]";
  if (k.size() != 2 || k[0] < 1 || k[1] < 1)
    return emitOpError() << "kernel must be two values >= 1";
  if (llvm::any_of(in.getShape().drop_front(), ShapedType::isDynamic))
    return emitOpError() << "expects static channel and spatial dimensions";
  if (k[0] > in.getDimSize(2) || k[1] > in.getDimSize(3))
    return emitOpError() << "window " << k[0] << "x" << k[1] << " is larger than the input "
                         << in.getDimSize(2) << "x" << in.getDimSize(3);
  if (!compatibleDim(out.getDimSize(0), in.getDimSize(0)) ||
      out.getDimSize(1) != in.getDimSize(1) || out.getDimSize(2) != in.getDimSize(2) / k[0] ||
      out.getDimSize(3) != in.getDimSize(3) / k[1])
    return emitOpError() << "result type " << out << " does not match the expected [N, "
                         << in.getDimSize(1) << ", " << in.getDimSize(2) / k[0] << ", "
                         << in.getDimSize(3) / k[1] << "]";
  double scale = getScaleAttr().getValueAsDouble();
  if (!std::isfinite(scale))
    return emitOpError() << "scale must be finite";
  return success();
}

OpFoldResult SumPoolOp::fold(FoldAdaptor) {
  if (getKernel()[0] == 1 && getKernel()[1] == 1 && getScaleAttr().getValueAsDouble() == 1.0 &&
      getInput().getType() == getType())
    return getInput();
  return {};
}

Value SumPoolOp::buildInputGradient(OpBuilder &b, Location loc, Value resultGrad) {
  return SumPoolGradOp::create(b, loc, getInput().getType(), resultGrad, getKernelAttr(),
                               getScaleAttr());
}

LogicalResult FlattenOp::verify() {
  RankedTensorType in = tensorType(getInput()), out = tensorType(getResult());
  if (in.getRank() < 2 || out.getRank() != 2)
    return emitOpError() << "expects an input of rank >= 2 and a 2-D result";
  if (!compatibleDim(in.getDimSize(0), out.getDimSize(0)))
    return emitOpError() << "result batch differs from input batch";
  int64_t n = perSampleElements(in);
  if (ShapedType::isDynamic(n) || n != out.getDimSize(1))
    return emitOpError() << "result has " << out.getDimSize(1)
                         << " features but the input has " << n << " per sample";
  return success();
}

OpFoldResult FlattenOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}

Value FlattenOp::buildInputGradient(OpBuilder &b, Location loc, Value resultGrad) {
  return ReshapeOp::create(b, loc, getInput().getType(), resultGrad);
}

LogicalResult ReshapeOp::verify() {
  RankedTensorType in = tensorType(getInput()), out = tensorType(getResult());
  if (in.getRank() < 1 || out.getRank() < 1)
    return emitOpError() << "expects ranked input and result with a batch dimension";
  if (!compatibleDim(in.getDimSize(0), out.getDimSize(0)))
    return emitOpError() << "reshape must keep the batch dimension";
  int64_t a = perSampleElements(in), b = perSampleElements(out);
  if (ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a != b)
    return emitOpError() << "per-sample element counts differ: " << a << " vs " << b;
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto producer = getInput().getDefiningOp<ReshapeOp>())
    if (producer.getInput().getType() == getType())
      return producer.getInput();
  return {};
}

Value ReshapeOp::buildInputGradient(OpBuilder &b, Location loc, Value resultGrad) {
  return ReshapeOp::create(b, loc, getInput().getType(), resultGrad);
}

LogicalResult DropoutOp::verify() {
  double rate = getRateAttr().getValueAsDouble();
  if (!(rate >= 0.0 && rate < 1.0))
    return emitOpError() << "rate must be in [0, 1), got " << rate;
  return success();
}

OpFoldResult DropoutOp::fold(FoldAdaptor) {
  if (getRateAttr().getValueAsDouble() == 0.0)
    return getInput();
  return {};
}

LogicalResult DropoutSeqOp::verify() {
  double rate = getRateAttr().getValueAsDouble();
  if (!(rate >= 0.0 && rate < 1.0))
    return emitOpError() << "rate must be in [0, 1), got " << rate;
  if (getType().getRank() < 3)
    return emitOpError() << "expects a time-major [T, N, ...] sequence, got " << getType();
  return success();
}

Value DropoutSeqOp::buildInputGradient(OpBuilder &b, Location loc, Value resultGrad) {
  // y = x ⊙ m with m a function of (seed, stream): dL/dx = g ⊙ m, the same op.
  return DropoutSeqOp::create(b, loc, resultGrad.getType(), resultGrad, getSeed(),
                              getRateAttr(), getStreamAttr());
}

LogicalResult PSPStepOp::verify() {
  return verifyTimeConstant(*this, "tau_s", getTauSAttr().getValue());
}

LogicalResult LIFStepOp::verify() {
  Type t = getInput().getType();
  if (getMembrane().getType() != t || getTrace().getType() != t ||
      getResult().getType() != t || getNextMembrane().getType() != t ||
      getNextTrace().getType() != t)
    return emitOpError() << "input, state and results must all have type " << t;
  return verifyLIFParams(*this, getTauMAttr().getValue(), getTauSAttr().getValue(),
                         getThresholdAttr().getValue());
}

TimeYieldOp TimeLoopOp::getYield() { return cast<TimeYieldOp>(getBody().front().getTerminator()); }

unsigned TimeLoopOp::getNumStepOutputs() { return getNumResults() - getInits().size(); }

LogicalResult TimeLoopOp::verify() {
  if (getSteps() < 1)
    return emitOpError() << "steps must be at least 1, got " << getSteps();
  if (getNumResults() < getInits().size())
    return emitOpError() << "expects one result per carried value after the step outputs";
  for (auto [init, result] :
       llvm::zip(getInits(), getResults().drop_front(getNumStepOutputs())))
    if (init.getType() != result.getType())
      return emitOpError() << "final carried value type " << result.getType()
                           << " differs from its initial value type " << init.getType();
  return success();
}

LogicalResult TimeLoopOp::verifyRegions() {
  Block &body = getBody().front();
  if (body.getNumArguments() != getInits().size() + 1 ||
      !body.getArgument(0).getType().isIndex())
    return emitOpError() << "body must take the step index and one argument per carried value";
  for (auto [arg, init] : llvm::zip(body.getArguments().drop_front(), getInits()))
    if (arg.getType() != init.getType())
      return emitOpError() << "body argument type " << arg.getType()
                           << " differs from its initial value type " << init.getType();
  auto yield = dyn_cast<TimeYieldOp>(body.getTerminator());
  if (!yield)
    return emitOpError() << "body must end with snn.time.yield";
  if (yield.getCarried().size() != getInits().size())
    return emitOpError() << "yields " << yield.getCarried().size() << " carried values, expected "
                         << getInits().size();
  for (auto [next, init] : llvm::zip(yield.getCarried(), getInits()))
    if (next.getType() != init.getType())
      return emitOpError() << "yielded carried type " << next.getType()
                           << " differs from " << init.getType();
  if (yield.getOutputs().size() != getNumStepOutputs())
    return emitOpError() << "yields " << yield.getOutputs().size() << " step outputs but has "
                         << getNumStepOutputs() << " stacked results";
  for (auto [out, result] : llvm::zip(yield.getOutputs(), getResults())) {
    auto stepType = cast<RankedTensorType>(out.getType());
    auto stacked = cast<RankedTensorType>(result.getType());
    SmallVector<int64_t> expected{getSteps()};
    llvm::append_range(expected, stepType.getShape());
    if (stacked.getShape() != ArrayRef<int64_t>(expected))
      return emitOpError() << "stacked result " << stacked << " must be the step output "
                           << stepType << " with a leading dimension of " << getSteps();
  }
  return success();
}

LogicalResult PSPSeqOp::verify() {
  if (failed(verifySequence(*this, tensorType(getInput()))))
    return failure();
  return verifyTimeConstant(*this, "tau_s", getTauSAttr().getValue());
}

LogicalResult LIFSeqOp::verify() {
  if (failed(verifySequence(*this, tensorType(getInput()))))
    return failure();
  return verifyLIFParams(*this, getTauMAttr().getValue(), getTauSAttr().getValue(),
                         getThresholdAttr().getValue());
}

LogicalResult RepeatOp::verify() {
  RankedTensorType in = tensorType(getInput()), out = tensorType(getResult());
  if (out.getRank() != in.getRank() + 1 || out.isDynamicDim(0) || out.getDimSize(0) < 1)
    return emitOpError() << "result must be the input with a static leading time dimension";
  for (int64_t i = 0; i < in.getRank(); ++i)
    if (!compatibleDim(in.getDimSize(i), out.getDimSize(i + 1)))
      return emitOpError() << "result " << out << " is not " << in << " repeated over time";
  return success();
}

/// `seq` is [N, ..., T] with a static T and `step` is its [N, ...] slice.
static LogicalResult verifySequenceSlice(Operation *op, RankedTensorType seq,
                                         RankedTensorType step) {
  if (seq.getRank() < 2 || seq.getRank() != step.getRank() + 1 || seq.isDynamicDim(seq.getRank() - 1))
    return op->emitOpError() << "expects a sequence [N, ..., T] with a static T, got " << seq;
  for (int64_t i = 0; i < step.getRank(); ++i)
    if (!compatibleDim(seq.getDimSize(i), step.getDimSize(i)))
      return op->emitOpError() << "step type " << step << " is not " << seq
                               << " without its last (time) dimension";
  return success();
}

LogicalResult CurrentOp::verify() {
  return verifySequenceSlice(*this, tensorType(getInput()), tensorType(getResult()));
}

LogicalResult FromSequenceOp::verify() {
  RankedTensorType in = tensorType(getInput()), out = tensorType(getResult());
  if (out.getRank() != in.getRank() || in.getRank() < 2)
    return emitOpError() << "expects [N, ..., T] in and [T, N, ...] out";
  if (failed(verifySequenceSlice(*this, in, RankedTensorType::get(out.getShape().drop_front(),
                                                                  out.getElementType()))))
    return failure();
  if (out.getDimSize(0) != in.getShape().back())
    return emitOpError() << "result " << out << " must lead with the sequence length "
                         << in.getShape().back();
  return success();
}

LogicalResult ToTracesOp::verify() {
  RankedTensorType in = tensorType(getInput()), out = tensorType(getResult());
  if (in.getRank() != 3 || out.getRank() != 3)
    return emitOpError() << "expects [T, N, C] in and [N, C, T] out";
  if (!compatibleDim(in.getDimSize(1), out.getDimSize(0)) ||
      in.getDimSize(2) != out.getDimSize(1) || in.getDimSize(0) != out.getDimSize(2))
    return emitOpError() << "result " << out << " is not the transpose [N, C, T] of " << in;
  return success();
}

//===----------------------------------------------------------------------===//
// Training ops
//===----------------------------------------------------------------------===//

LogicalResult LIFSeqSaveOp::verify() {
  if (failed(verifySequence(*this, tensorType(getInput()))))
    return failure();
  return verifyLIFParams(*this, getTauMAttr().getValue(), getTauSAttr().getValue(),
                         getThresholdAttr().getValue());
}

Value LIFSeqSaveOp::buildInputGradient(OpBuilder &b, Location loc, Value resultGrad) {
  return createForm<LIFSeqGradOp>(b, loc, resultGrad.getType(), resultGrad, getPotential(),
                                  getIncrement(), getSpikes(), getTrace());
}

LogicalResult LIFSeqGradOp::verify() {
  if (failed(verifySequence(*this, tensorType(getGrad()))))
    return failure();
  return verifyLIFParams(*this, getTauMAttr().getValue(), getTauSAttr().getValue(),
                         getThresholdAttr().getValue());
}

/// Output [T, N, C] and one-hot target [N, C] of a loss.
static LogicalResult verifyLoss(Operation *op, RankedTensorType out, RankedTensorType target,
                                RankedTensorType grad) {
  if (out.getRank() != 3 || out.isDynamicDim(0) || out.isDynamicDim(2))
    return op->emitOpError() << "expects time-major outputs [T, N, C] with static T and C, got "
                             << out;
  if (target.getRank() != 2 || !compatibleDim(target.getDimSize(0), out.getDimSize(1)) ||
      target.getDimSize(1) != out.getDimSize(2))
    return op->emitOpError() << "target " << target << " must be one-hot [N, C] for outputs "
                             << out;
  if (grad != out)
    return op->emitOpError() << "gradient type " << grad << " must equal the output type";
  return success();
}

SmallVector<float> mlir::snn::pspFilterValues(ArrayRef<float> x, double tauS) {
  float as = float(1.0 - 1.0 / tauS), rs = float(1.0 / tauS);
  SmallVector<float> y(x.size());
  float trace = 0;
  for (size_t t = 0; t < x.size(); ++t) {
    float decayed = as * trace, added = rs * x[t];
    trace = decayed + added;
    y[t] = trace;
  }
  return y;
}

SmallVector<float> KernelLossOp::desiredTrace(int64_t steps, double tauS) {
  // The desired spikes (TSSL-BP §3.1), then the PSP filter applied twice.
  SmallVector<float> d(steps, 0.0f);
  for (int64_t t = 0; t < steps; ++t)
    d[t] = steps >= 10 ? (t % 2 == 1) : (t % 5 != 0);
  return pspFilterValues(pspFilterValues(d, tauS), tauS);
}

LogicalResult KernelLossOp::verify() {
  if (failed(verifyLoss(*this, tensorType(getOutput()), tensorType(getTarget()),
                        tensorType(getGrad()))))
    return failure();
  int64_t steps = tensorType(getOutput()).getDimSize(0);
  if (!kernelLossSupportsSteps(steps))
    return emitOpError() << "the kernel loss needs T a multiple of 5 (T < 10) or of 10, got "
                         << steps;
  return verifyTimeConstant(*this, "tau_s", getTauSAttr().getValue());
}

LogicalResult CountLossOp::verify() {
  return verifyLoss(*this, tensorType(getOutput()), tensorType(getTarget()),
                    tensorType(getGrad()));
}

LogicalResult DenseGradInputOp::verify() {
  RankedTensorType g = tensorType(getGrad()), w = tensorType(getWeight()),
                   out = tensorType(getResult());
  if (g.getRank() != 2 || w.getRank() != 2 || out.getRank() != 2 || !w.hasStaticShape() ||
      g.getDimSize(1) != w.getDimSize(0) || out.getDimSize(1) != w.getDimSize(1) ||
      !compatibleDim(out.getDimSize(0), g.getDimSize(0)))
    return emitOpError() << "expects δ [R, M], weight [M, K] and result [R, K], got " << g
                         << ", " << w << ", " << out;
  return success();
}

LogicalResult DenseGradWeightOp::verify() {
  RankedTensorType g = tensorType(getGrad()), x = tensorType(getInput()),
                   out = tensorType(getResult());
  if (g.getRank() != 2 || x.getRank() != 2 || out.getRank() != 2 || !out.hasStaticShape() ||
      !compatibleDim(g.getDimSize(0), x.getDimSize(0)) || out.getDimSize(0) != g.getDimSize(1) ||
      out.getDimSize(1) != x.getDimSize(1))
    return emitOpError() << "expects δ [R, M], input [R, K] and result [M, K], got " << g
                         << ", " << x << ", " << out;
  return success();
}

/// A conv gradient matches a forward convolution input → δ with this weight shape.
static LogicalResult verifyConvGrad(Operation *op, RankedTensorType input,
                                    RankedTensorType weight, RankedTensorType grad,
                                    ArrayRef<int64_t> strides, ArrayRef<int64_t> pads) {
  if (input.getRank() != 4 || weight.getRank() != 4 || grad.getRank() != 4 ||
      !weight.hasStaticShape())
    return op->emitOpError() << "expects 4-D input, weight and gradient";
  if (strides.size() != 2 || strides[0] < 1 || strides[1] < 1)
    return op->emitOpError() << "strides must be two values >= 1";
  if (pads.size() != 4 || llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return op->emitOpError() << "pads must be four values >= 0";
  int64_t outH =
      (input.getDimSize(2) + pads[0] + pads[2] - weight.getDimSize(2)) / strides[0] + 1;
  int64_t outW =
      (input.getDimSize(3) + pads[1] + pads[3] - weight.getDimSize(3)) / strides[1] + 1;
  if (input.getDimSize(1) != weight.getDimSize(1) || grad.getDimSize(1) != weight.getDimSize(0) ||
      grad.getDimSize(2) != outH || grad.getDimSize(3) != outW ||
      !compatibleDim(grad.getDimSize(0), input.getDimSize(0)))
    return op->emitOpError() << "gradient " << grad << " does not match a convolution of "
                             << input << " with " << weight;
  return success();
}

LogicalResult Conv2DGradInputOp::verify() {
  return verifyConvGrad(*this, tensorType(getResult()), tensorType(getWeight()),
                        tensorType(getGrad()), getStrides(), getPads());
}

LogicalResult Conv2DGradWeightOp::verify() {
  return verifyConvGrad(*this, tensorType(getInput()), tensorType(getResult()),
                        tensorType(getGrad()), getStrides(), getPads());
}

LogicalResult SumPoolGradOp::verify() {
  RankedTensorType g = tensorType(getGrad()), out = tensorType(getResult());
  ArrayRef<int64_t> k = getKernel();
  if (g.getRank() != 4 || out.getRank() != 4 || k.size() != 2 || k[0] < 1 || k[1] < 1 ||
      llvm::any_of(out.getShape().drop_front(), ShapedType::isDynamic) ||
      !compatibleDim(g.getDimSize(0), out.getDimSize(0)) || g.getDimSize(1) != out.getDimSize(1) ||
      g.getDimSize(2) != out.getDimSize(2) / k[0] || g.getDimSize(3) != out.getDimSize(3) / k[1])
    return emitOpError() << "gradient " << g << " is not the pooled shape of " << out;
  return success();
}

LogicalResult PSPHeldGradOp::verify() {
  RankedTensorType g = tensorType(getGrad()), out = tensorType(getResult());
  if (failed(verifySequence(*this, g)))
    return failure();
  if (out.getRank() != g.getRank() - 1 ||
      llvm::any_of(llvm::zip(g.getShape().drop_front(), out.getShape()),
                   [](auto dims) { return !compatibleDim(std::get<0>(dims), std::get<1>(dims)); }))
    return emitOpError() << "result " << out << " is not the gradient " << g
                         << " without its time dimension";
  return verifyTimeConstant(*this, "tau_s", getTauSAttr().getValue());
}

#define GET_OP_CLASSES
#include "dialect/SNN/SNNOps.cpp.inc"
