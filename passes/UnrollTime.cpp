// snn-unroll-time: snn.time_loop → T straight-line copies of the step region.
#include "passes/Passes.h"

#include "mlir/IR/IRMapping.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNUNROLLTIME
#include "passes/Passes.h.inc"

namespace {

/// The most ops an unrolled loop may have (steps × ops of one step), so that the
/// largest accepted unrolling compiles in about 20 s. Compile time grows faster than
/// the unrolled code (one-shot bufferization's alias analysis, LLVM's optimisation of
/// one huge function): 784-400-400-10 (7 ops per step) took 20 s at 32 steps, 63 s at
/// 64 and 220 s at 128; 32C5-P2-64C5-P2-10 (10 ops) 22 s at 16 steps (docs/pipeline.md).
constexpr int64_t kMaxUnrolledOps = 160;

int64_t opsPerStep(TimeLoopOp loop) {
  int64_t n = 0;
  loop.getBody().front().walk([&](Operation *op) {
    if (!op->hasTrait<OpTrait::IsTerminator>())
      ++n;
  });
  return n;
}

void unroll(TimeLoopOp loop) {
  OpBuilder b(loop);
  Location loc = loop.getLoc();
  Block &step = loop.getBody().front();
  TimeYieldOp yield = loop.getYield();
  SmallVector<Value> carried(loop.getInits());
  SmallVector<Value> stacked;

  for (int64_t t = 0; t < loop.getSteps(); ++t) {
    IRMapping map;
    map.map(step.getArgument(0), arith::ConstantIndexOp::create(b, loc, t).getResult());
    for (auto [arg, value] : llvm::zip(step.getArguments().drop_front(), carried))
      map.map(arg, value);
    for (Operation &op : step.without_terminator())
      b.clone(op, map);

    for (auto [i, out] : llvm::enumerate(yield.getOutputs())) {
      Value value = map.lookupOrDefault(out);
      auto stackedType = cast<RankedTensorType>(loop.getResult(i).getType());
      if (t == 0) {
        SmallVector<Value> dynamicSizes;
        for (int64_t d = 1; d < stackedType.getRank(); ++d)
          if (stackedType.isDynamicDim(d))
            dynamicSizes.push_back(tensor::DimOp::create(b, loc, value, d - 1));
        stacked.push_back(tensor::EmptyOp::create(b, loc, stackedType, dynamicSizes));
      }
      // Rank-reducing insert of this step's [N, ...] value at [t, 0, ...].
      SmallVector<OpFoldResult> offsets(stackedType.getRank(), b.getIndexAttr(0));
      offsets[0] = b.getIndexAttr(t);
      SmallVector<OpFoldResult> sizes{b.getIndexAttr(1)};
      llvm::append_range(sizes, tensor::getMixedSizes(b, loc, value));
      SmallVector<OpFoldResult> strides(stackedType.getRank(), b.getIndexAttr(1));
      stacked[i] = tensor::InsertSliceOp::create(b, loc, value, stacked[i], offsets, sizes,
                                                 strides);
    }
    for (auto [i, next] : llvm::enumerate(yield.getCarried()))
      carried[i] = map.lookupOrDefault(next);
  }

  SmallVector<Value> replacements(stacked);
  llvm::append_range(replacements, carried);
  loop.replaceAllUsesWith(replacements);
  loop.erase();
}

struct UnrollTimePass : impl::SNNUnrollTimeBase<UnrollTimePass> {
  using SNNUnrollTimeBase::SNNUnrollTimeBase;
  LogicalResult
  initializeOptions(StringRef options,
                    function_ref<LogicalResult(const Twine &)> errorHandler) override {
    if (failed(Pass::initializeOptions(options, errorHandler)))
      return failure();
    if (maxSteps < 0)
      return errorHandler("snn-unroll-time: max-steps=" + Twine(maxSteps) +
                          " is negative (expected a number of steps)");
    return success();
  }
  void runOnOperation() override {
    SmallVector<TimeLoopOp> loops;
    getOperation().walk([&](TimeLoopOp loop) {
      if (maxSteps >= 0 && loop.getSteps() <= uint64_t(maxSteps))
        loops.push_back(loop);
    });
    for (TimeLoopOp loop : loops) {
      int64_t steps = loop.getSteps(), ops = opsPerStep(loop);
      if (steps > 1 && steps * ops > kMaxUnrolledOps) {
        loop.emitError() << "unrolling " << steps << " time steps of " << ops
                         << " ops each would create " << steps * ops << " ops, more than "
                         << kMaxUnrolledOps
                         << " (compile time grows faster than the unrolled code): at most "
                         << std::max<int64_t>(kMaxUnrolledOps / std::max<int64_t>(ops, 1), 1)
                         << " steps of this model can be unrolled; otherwise keep the time "
                            "loop (an unroll count below the number of steps, or 0)";
        return signalPassFailure();
      }
      unroll(loop);
      ++numUnrolled;
    }
  }
};

} // namespace
} // namespace mlir::snn
