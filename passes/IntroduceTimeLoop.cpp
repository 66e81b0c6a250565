// snn-introduce-time-loop: graph level (one step, implicit state) → snn.time_loop.
#include "passes/Passes.h"
#include "passes/TimeUtils.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNINTRODUCETIMELOOP
#include "passes/Passes.h.inc"

namespace {

/// A zero tensor of `type`; the dynamic (batch) dimension is taken from `batchOf`.
Value zerosLike(OpBuilder &b, Location loc, RankedTensorType type, Value batchOf) {
  Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0.0f));
  SmallVector<Value> dynamicSizes;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, batchOf, i));
  return tensor::SplatOp::create(b, loc, zero, type, dynamicSizes);
}

struct IntroduceTimeLoopPass : impl::SNNIntroduceTimeLoopBase<IntroduceTimeLoopPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    int64_t steps = graphLevelTimeSteps(func);
    if (steps == 0)
      return;
    if (failed(verifyGraphOutput(func)))
      return signalPassFailure();

    Block &body = func.front();
    auto ret = cast<func::ReturnOp>(body.getTerminator());
    Value input = networkInput(func);
    SmallVector<Operation *> stepOps;
    for (Operation &op : body.without_terminator())
      stepOps.push_back(&op);

    // Zero initial state for every stateful op, created before the loop.
    OpBuilder b(func.getContext());
    b.setInsertionPointToStart(&body);
    Location loc = func.getLoc();
    SmallVector<Value> inits;
    for (Operation *op : stepOps)
      if (auto neuron = dyn_cast<GraphNeuronOpInterface>(op))
        for (unsigned i = 0; i < neuron.getNumStateValues(); ++i)
          inits.push_back(zerosLike(
              b, loc, cast<RankedTensorType>(op->getResult(0).getType()), input));
    numStateValues += inits.size();
    // Sequence inputs are read at step t from their time-major form, built once.
    DenseMap<Operation *, Value> timeMajor;
    for (Operation *op : stepOps)
      if (auto current = dyn_cast<CurrentOp>(op)) {
        if (failed(checkSequenceLength(current, steps)))
          return signalPassFailure();
        timeMajor[op] = FromSequenceOp::create(
            b, loc, withLeadingDim(current.getType(), steps), current.getInput());
      }

    auto outType = cast<RankedTensorType>(ret.getOperand(0).getType());
    SmallVector<Type> resultTypes{withLeadingDim(outType, steps)};
    for (Value init : inits)
      resultTypes.push_back(init.getType());
    b.setInsertionPoint(ret);
    auto loop = TimeLoopOp::create(b, loc, resultTypes, b.getI64IntegerAttr(steps), inits);
    Block *step = b.createBlock(&loop.getBody());
    step->addArgument(b.getIndexType(), loc);
    for (Value init : inits)
      step->addArgument(init.getType(), loc);

    // Move the graph into the step region, giving each stateful op its carried state.
    SmallVector<Value> nextState;
    unsigned stateArg = 1;
    for (Operation *op : stepOps) {
      op->moveBefore(step, step->end());
      b.setInsertionPoint(op);
      if (auto current = dyn_cast<CurrentOp>(op)) {
        Value seq = timeMajor.lookup(op);
        auto seqType = cast<RankedTensorType>(seq.getType());
        SmallVector<OpFoldResult> offsets(seqType.getRank(), b.getIndexAttr(0));
        offsets[0] = step->getArgument(0);
        SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, seq);
        sizes[0] = b.getIndexAttr(1);
        SmallVector<OpFoldResult> strides(seqType.getRank(), b.getIndexAttr(1));
        Value slice = tensor::ExtractSliceOp::create(b, current.getLoc(), current.getType(), seq,
                                                     offsets, sizes, strides);
        current.replaceAllUsesWith(slice);
        current.erase();
      } else if (auto neuron = dyn_cast<GraphNeuronOpInterface>(op)) {
        unsigned numState = neuron.getNumStateValues();
        ValueRange state = step->getArguments().slice(stateArg, numState);
        stateArg += numState;
        Value out = neuron.buildStep(b, op->getLoc(), state, nextState);
        op->getResult(0).replaceAllUsesWith(out);
        op->erase();
      }
    }
    b.setInsertionPointToEnd(step);
    TimeYieldOp::create(b, loc, ValueRange{ret.getOperand(0)}, nextState);

    b.setInsertionPoint(ret);
    auto tracesType = RankedTensorType::get(
        {outType.getDimSize(0), outType.getDimSize(1), steps}, outType.getElementType());
    Value traces = ToTracesOp::create(b, loc, tracesType, loop.getResult(0));
    ret->setOperands(traces);
    func.setType(FunctionType::get(func.getContext(), func.getArgumentTypes(), {tracesType}));
    func->setAttr(SNNDialect::kScheduleAttr, b.getStringAttr("step"));
  }
};

} // namespace
} // namespace mlir::snn
