// snn-cuda-map-parallel-loops: each outermost scf.parallel becomes one gpu.launch over a linear index.
#include "codegen/CUDA/Passes.h"

#include "mlir/IR/IRMapping.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCUDAMAPPARALLELLOOPS
#include "codegen/CUDA/Passes.h.inc"

namespace {

Value ceilDiv(OpBuilder &b, Location loc, Value a, Value d) {
  return arith::CeilDivUIOp::create(b, loc, a, d);
}

/// Replaces `loop` by a launch of ceil(n / blockSize) blocks, n its iteration count.
void mapToLaunch(scf::ParallelOp loop, int64_t blockSize) {
  OpBuilder b(loop);
  Location loc = loop.getLoc();
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  // Trip count of each dimension (bounds are non-negative sizes of buffers here, but
  // an empty range must give 0, not a wrapped unsigned difference).
  SmallVector<Value> counts;
  Value total = one;
  for (auto [lb, ub, step] :
       llvm::zip(loop.getLowerBound(), loop.getUpperBound(), loop.getStep())) {
    Value span = arith::SubIOp::create(
        b, loc, arith::MaxSIOp::create(b, loc, ub, lb), lb);
    Value count = ceilDiv(b, loc, span, step);
    counts.push_back(count);
    total = arith::MulIOp::create(b, loc, total, count);
  }
  Value threads = arith::ConstantIndexOp::create(b, loc, blockSize);
  Value blocks = ceilDiv(b, loc, total, threads);
  Value any = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ugt, total, zero);
  scf::IfOp::create(b, loc, any, [&](OpBuilder &ib, Location il) {
    auto launch = gpu::LaunchOp::create(ib, il, blocks, one, one, threads, one, one);
    OpBuilder kb = OpBuilder::atBlockBegin(&launch.getBody().front());
    Value linear = arith::AddIOp::create(
        kb, il, arith::MulIOp::create(kb, il, launch.getBlockIds().x, threads),
        launch.getThreadIds().x);
    Value inRange = arith::CmpIOp::create(kb, il, arith::CmpIPredicate::ult, linear, total);
    scf::IfOp::create(kb, il, inRange, [&](OpBuilder &tb, Location tl) {
      // The last dimension varies fastest.
      IRMapping map;
      Value rest = linear;
      for (int d = int(counts.size()) - 1; d >= 0; --d) {
        Value index = d == 0 ? rest : arith::RemUIOp::create(tb, tl, rest, counts[d]);
        if (d != 0)
          rest = arith::DivUIOp::create(tb, tl, rest, counts[d]);
        Value iv = arith::AddIOp::create(
            tb, tl, loop.getLowerBound()[d],
            arith::MulIOp::create(tb, tl, index, loop.getStep()[d]));
        map.map(loop.getInductionVars()[d], iv);
      }
      for (Operation &op : loop.getBody()->without_terminator())
        tb.clone(op, map);
      scf::YieldOp::create(tb, tl);
    });
    gpu::TerminatorOp::create(kb, il);
    scf::YieldOp::create(ib, il);
  });
  loop.erase();
}

struct MapParallelLoopsPass : impl::SNNCUDAMapParallelLoopsBase<MapParallelLoopsPass> {
  using SNNCUDAMapParallelLoopsBase::SNNCUDAMapParallelLoopsBase;
  void runOnOperation() override {
    if (blockSize < 1 || blockSize > 1024) {
      getOperation().emitError("snn-cuda-map-parallel-loops: block-size must be in "
                               "[1, 1024], got ")
          << static_cast<int64_t>(blockSize);
      return signalPassFailure();
    }
    SmallVector<scf::ParallelOp> outermost;
    getOperation().walk([&](scf::ParallelOp loop) {
      if (!loop->getParentOfType<scf::ParallelOp>() &&
          !loop->getParentOfType<gpu::LaunchOp>())
        outermost.push_back(loop);
    });
    for (scf::ParallelOp loop : outermost) {
      if (loop.getNumReductions() != 0) {
        loop.emitError("snn-cuda-map-parallel-loops: parallel loops with reductions are "
                       "not mapped");
        return signalPassFailure();
      }
      mapToLaunch(loop, blockSize);
    }
  }
};

} // namespace
} // namespace mlir::snn
