// snn-derive-training: the TSSL-BP training function, generated from the forward one.
#include "passes/Passes.h"
#include "passes/TimeUtils.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNDERIVETRAINING
#include "passes/Passes.h.inc"

namespace {

/// Builds the backward of a layer-by-layer function: `grads` maps forward values to
/// dL/d(value); parameter gradients are accumulated per argument.
class BackwardBuilder {
public:
  BackwardBuilder(func::FuncOp fn, OpBuilder &b) : fn(fn), b(b) {
    // Only values that depend on a parameter need a gradient; the input encoding does not.
    for (BlockArgument arg : fn.getArguments())
      if (fn.getArgAttr(arg.getArgNumber(), SNNDialect::kParameterAttr))
        needsGrad.insert(arg);
    fn.walk([&](Operation *op) {
      if (llvm::any_of(op->getOperands(), [&](Value v) { return needsGrad.count(v); }))
        for (Value r : op->getResults())
          needsGrad.insert(r);
    });
  }

  void seed(Value v, Value g) { grads[v] = g; }

  /// Walks the ops before `end` in reverse, propagating gradients.
  LogicalResult run(ArrayRef<Operation *> forwardOps) {
    for (Operation *op : llvm::reverse(forwardOps)) {
      if (op->getNumResults() == 0 || !grads.count(op->getResult(0)))
        continue;
      Value g = grads.lookup(op->getResult(0));
      Location loc = op->getLoc();
      b.setInsertionPoint(fn.front().getTerminator());
      if (failed(backward(op, g, loc)))
        return failure();
    }
    return success();
  }

  /// dL/dparam for argument `arg`, zeros when the parameter did not take part.
  Value paramGrad(BlockArgument arg) {
    if (Value g = paramGrads.lookup(arg))
      return g;
    auto type = cast<RankedTensorType>(arg.getType());
    Value zero = arith::ConstantOp::create(b, arg.getLoc(), b.getF32FloatAttr(0.0f));
    return tensor::SplatOp::create(b, arg.getLoc(), zero, type, ValueRange{});
  }

private:
  void propagate(Value to, Value g) {
    if (!needsGrad.count(to) || !isa<OpResult>(to))
      return;
    grads[to] = g;
  }
  void accumulateParam(Value weight, Value g, Location loc) {
    auto arg = dyn_cast<BlockArgument>(weight);
    if (!arg)
      return;
    if (Value prev = paramGrads.lookup(arg)) {
      // A weight shared by two layers: sum the contributions elementwise.
      g = arith::AddFOp::create(b, loc, prev, g);
    }
    paramGrads[arg] = g;
  }

  LogicalResult backward(Operation *op, Value g, Location loc) {
    if (auto expand = dyn_cast<tensor::ExpandShapeOp>(op)) {
      propagate(expand.getSrc(), tensor::CollapseShapeOp::create(
                                     b, loc, expand.getSrcType(), g,
                                     expand.getReassociationIndices()));
      return success();
    }
    if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(op)) {
      propagate(collapse.getSrc(), tensor::ExpandShapeOp::create(
                                       b, loc, collapse.getSrcType(), g,
                                       collapse.getReassociationIndices()));
      return success();
    }
    auto differentiable = dyn_cast<DifferentiableOpInterface>(op);
    if (!differentiable)
      return op->emitError() << "no TSSL-BP gradient for '" << op->getName()
                             << "' (training is defined for snn.lif neurons; imported "
                                "neurons of other kinds run but do not train)";
    auto synapse = dyn_cast<SynapseOpInterface>(op);
    // A synapse on the encoded input (the first layer) needs only its weight gradient.
    Value input = differentiable.getInput();
    if (!synapse || needsGrad.count(input))
      propagate(input, differentiable.buildInputGradient(b, loc, g));
    if (synapse)
      accumulateParam(synapse.getWeight(), synapse.buildWeightGradient(b, loc, g), loc);
    return success();
  }

  func::FuncOp fn;
  OpBuilder &b;
  DenseSet<Value> needsGrad;
  DenseMap<Value, Value> grads;
  DenseMap<BlockArgument, Value> paramGrads;
};

struct DeriveTrainingPass : impl::SNNDeriveTrainingBase<DeriveTrainingPass> {
  using SNNDeriveTrainingBase::SNNDeriveTrainingBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto forward = module.lookupSymbol<func::FuncOp>(forwardName);
    if (!forward || graphLevelTimeSteps(forward) == 0) {
      module.emitError() << "snn-derive-training needs a graph-level function @" << forwardName;
      return signalPassFailure();
    }
    if (loss != "kernel" && loss != "count") {
      module.emitError() << "unknown loss '" << loss << "' (expected kernel or count)";
      return signalPassFailure();
    }
    if (failed(verifyGraphOutput(forward)))
      return signalPassFailure();
    if (module.lookupSymbol(trainName)) {
      module.emitError() << "a symbol @" << trainName << " already exists";
      return signalPassFailure();
    }

    // train_step(input, target, params...): the forward, scheduled layer by layer.
    OpBuilder b(module.getContext());
    b.setInsertionPointAfter(forward);
    auto train = cast<func::FuncOp>(b.clone(*forward));
    train.setSymName(trainName);
    auto outType = cast<RankedTensorType>(forward.getResultTypes()[0]);
    unsigned targetIndex = 1, seedIndex = 2;
    if (failed(train.insertArgument(targetIndex, outType, DictionaryAttr(), train.getLoc())) ||
        failed(train.insertArgument(seedIndex, b.getI64Type(), DictionaryAttr(),
                                    train.getLoc())))
      return signalPassFailure();
    if (failed(scheduleLayerByLayer(train)) ||
        failed(maskDropout(train, train.getArgument(seedIndex))))
      return signalPassFailure();

    // Keep the neuron state for the backward.
    SmallVector<LIFSeqOp> neurons;
    train.walk([&](LIFSeqOp op) { neurons.push_back(op); });
    for (LIFSeqOp op : neurons) {
      b.setInsertionPoint(op);
      Type t = op.getType();
      auto save = op.createForm<LIFSeqSaveOp>(b, op.getLoc(), TypeRange{t, t, t, t, t},
                                              op.getInput());
      op.replaceAllUsesWith(save.getResult());
      op.erase();
    }

    auto ret = cast<func::ReturnOp>(train.front().getTerminator());
    auto traces = ret.getOperand(0).getDefiningOp<ToTracesOp>();
    if (!traces) {
      train.emitError("expected the layer-by-layer schedule to end with snn.time.to_traces");
      return signalPassFailure();
    }
    Value output = traces.getInput();
    Value target = train.getArgument(targetIndex);
    SmallVector<Operation *> forwardOps;
    for (Operation &op : train.front().without_terminator())
      if (&op != traces.getOperation())
        forwardOps.push_back(&op);

    b.setInsertionPoint(ret);
    Location loc = train.getLoc();
    auto lossType = RankedTensorType::get({}, b.getF32Type());
    Operation *lossOp;
    if (loss == "kernel")
      lossOp = KernelLossOp::create(b, loc, TypeRange{lossType, output.getType()}, output, target,
                                    b.getF32FloatAttr(tauSOf(train)));
    else
      lossOp = CountLossOp::create(b, loc, TypeRange{lossType, output.getType()}, output, target,
                                   b.getF32FloatAttr(desired), b.getF32FloatAttr(undesired));

    BackwardBuilder backward(train, b);
    backward.seed(output, lossOp->getResult(1));
    if (failed(backward.run(forwardOps)))
      return signalPassFailure();

    b.setInsertionPoint(ret);
    // (loss, output traces [N, C, T], gradients...): the traces give training accuracy
    // without a second forward pass.
    SmallVector<Value> results{lossOp->getResult(0), traces.getResult()};
    for (BlockArgument arg : train.getArguments())
      if (train.getArgAttr(arg.getArgNumber(), SNNDialect::kParameterAttr))
        results.push_back(backward.paramGrad(arg));
    ret->setOperands(results);
    train.setType(FunctionType::get(module.getContext(), train.getArgumentTypes(),
                                    ValueRange(results).getTypes()));
  }

  /// Replaces each dropout, batched over T·N rows by the schedule, with snn.dropout.seq on
  /// the time-major sequence, so one mask per sample is shared over the T steps (TSSL-BP
  /// §2.2); each dropout gets its own mask stream.
  static LogicalResult maskDropout(func::FuncOp fn, Value seed) {
    SmallVector<DropoutOp> dropouts;
    fn.walk([&](DropoutOp op) { dropouts.push_back(op); });
    for (auto [stream, op] : llvm::enumerate(dropouts)) {
      auto folded = op.getInput().getDefiningOp<tensor::CollapseShapeOp>();
      auto users = llvm::make_filter_range(
          op->getUsers(), [](Operation *u) { return isa<tensor::ExpandShapeOp>(u); });
      if (!folded || !llvm::hasSingleElement(users))
        return op.emitError("expected the layer-by-layer schedule to batch dropout over T·N "
                            "rows");
      auto unfolded = cast<tensor::ExpandShapeOp>(*users.begin());
      OpBuilder b(unfolded);
      Value masked = DropoutSeqOp::create(b, op.getLoc(), unfolded.getType(), folded.getSrc(),
                                          seed, op.getRateAttr(),
                                          b.getI64IntegerAttr(int64_t(stream)));
      unfolded.replaceAllUsesWith(masked);
      unfolded.erase();
      // What remains reads only the shape (the unfold's row count), which is the input's.
      op.replaceAllUsesWith(folded.getResult());
      op.erase();
    }
    return success();
  }

  /// The synaptic time constant of the output neurons (one per network in TSSL-BP).
  static float tauSOf(func::FuncOp fn) {
    float tauS = 3.0f;
    fn.walk([&](LIFSeqSaveOp op) { tauS = op.getTauSAttr().getValueAsDouble(); });
    return tauS;
  }
};

} // namespace
} // namespace mlir::snn
