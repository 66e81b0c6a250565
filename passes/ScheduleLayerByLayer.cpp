// snn-schedule-layer-by-layer: every layer processes all T steps before the next one.
#include "passes/Passes.h"
#include "passes/TimeUtils.h"

#include "mlir/IR/IRMapping.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNSCHEDULELAYERBYLAYER
#include "passes/Passes.h.inc"

namespace {

/// [T, N, ...] → [T·N, ...]: time folded into the batch so one op covers every step.
Value foldTimeIntoBatch(OpBuilder &b, Location loc, Value timed) {
  auto type = cast<RankedTensorType>(timed.getType());
  return tensor::CollapseShapeOp::create(b, loc, timed, timeIntoBatchGroups(type.getRank()));
}

/// [T·N, ...] → [T, N, ...] with `like` giving the [T, N] prefix.
Value unfoldTime(OpBuilder &b, Location loc, Value rows, RankedTensorType timedType) {
  return tensor::ExpandShapeOp::create(b, loc, timedType, rows,
                                       timeIntoBatchGroups(timedType.getRank()));
}

/// The type of `perStep` ([N, ...]) when its batch holds T·N rows.
RankedTensorType rowsType(RankedTensorType perStep, int64_t steps) {
  SmallVector<int64_t> shape(perStep.getShape());
  if (!ShapedType::isDynamic(shape[0]))
    shape[0] *= steps;
  return RankedTensorType::get(shape, perStep.getElementType());
}

} // namespace

FailureOr<int64_t> scheduleLayerByLayer(func::FuncOp func) {
  int64_t steps = graphLevelTimeSteps(func);
  if (steps == 0)
    return 0;
  if (failed(verifyGraphOutput(func)))
    return failure();
  int64_t numBatched = 0;

  Block &body = func.front();
  OpBuilder b(func.getContext());
  b.setInsertionPointToStart(&body);
  // Time-major version of every value that varies over time.
  DenseMap<Value, Value> timed;
  for (BlockArgument arg : func.getArguments()) {
    if (func.getArgAttr(arg.getArgNumber(), SNNDialect::kParameterAttr))
      continue;
    // Scalars (e.g. the training seed) do not vary over time.
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    if (!type)
      continue;
    timed[arg] = RepeatOp::create(b, arg.getLoc(), withLeadingDim(type, steps), arg);
  }

  SmallVector<Operation *> ops;
  for (Operation &op : body)
    ops.push_back(&op);
  for (Operation *op : ops) {
    if (auto current = dyn_cast<CurrentOp>(op)) {
      if (failed(checkSequenceLength(current, steps)))
        return failure();
      b.setInsertionPoint(op);
      timed[current] = FromSequenceOp::create(
          b, current.getLoc(), withLeadingDim(current.getType(), steps), current.getInput());
      continue;
    }
    if (isa<RepeatOp>(op) || !llvm::any_of(op->getOperands(),
                                           [&](Value v) { return timed.count(v); }))
      continue;
    b.setInsertionPoint(op);
    Location loc = op->getLoc();
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      Value out = timed.lookup(ret.getOperand(0));
      auto outType = cast<RankedTensorType>(out.getType());
      auto tracesType = RankedTensorType::get(
          {outType.getDimSize(1), outType.getDimSize(2), steps}, outType.getElementType());
      ret->setOperands(ToTracesOp::create(b, loc, tracesType, out).getResult());
      func.setType(FunctionType::get(func.getContext(), func.getArgumentTypes(), {tracesType}));
      continue;
    }
    if (auto neuron = dyn_cast<GraphNeuronOpInterface>(op)) {
      timed[op->getResult(0)] = neuron.buildSequence(b, loc, timed.lookup(neuron.getInput()));
      continue;
    }
    // A sum reads several time-varying values; every other stateless op one, first.
    bool sum = isa<AddOp>(op);
    if (sum ? llvm::any_of(op->getOperands(), [&](Value v) { return !timed.count(v); })
            : !isa<SynapseOpInterface, SumPoolOp, FlattenOp, ReshapeOp, DropoutOp>(op) ||
                  op->getNumResults() != 1 ||
                  llvm::any_of(op->getOperands().drop_front(),
                               [&](Value v) { return timed.count(v); }))
      return op->emitError("cannot be scheduled layer by layer: only neurons, synapses, pooling, "
                           "reshapes on the time-varying first operand and sums of "
                           "time-varying values are supported");
    // A stateless op: one application over all T·N rows.
    IRMapping map;
    for (Value operand : sum ? op->getOperands() : op->getOperands().take_front())
      map.map(operand, foldTimeIntoBatch(b, loc, timed.lookup(operand)));
    Operation *batched = b.clone(*op, map);
    auto perStep = cast<RankedTensorType>(op->getResult(0).getType());
    batched->getResult(0).setType(rowsType(perStep, steps));
    timed[op->getResult(0)] =
        unfoldTime(b, loc, batched->getResult(0), withLeadingDim(perStep, steps));
    ++numBatched;
  }
  // The per-step graph is now dead; erase it from the bottom up.
  for (Operation *op : llvm::reverse(ops))
    if (!isa<func::ReturnOp>(op) && op->use_empty())
      op->erase();
  func->setAttr(SNNDialect::kScheduleAttr, b.getStringAttr("layer"));
  return numBatched;
}

namespace {

struct ScheduleLayerByLayerPass
    : impl::SNNScheduleLayerByLayerBase<ScheduleLayerByLayerPass> {
  void runOnOperation() override {
    FailureOr<int64_t> batched = scheduleLayerByLayer(getOperation());
    if (failed(batched))
      return signalPassFailure();
    numBatched += *batched;
  }
};

} // namespace
} // namespace mlir::snn
